"""ResNet-50 back in the app: the seed paper's network, cut after its second stage (SAFE, Li et al.
KDD 2025; NPR, Tan et al. CVPR 2024) and trained from scratch on native-resolution crops.

The network is torchvision's ResNet-50 definition (v1.5: the stride on the 3x3 conv) with every
layer after layer2 removed: stem + layer1 + layer2, global mean pooling, one linear output
(1.44 M parameters). Its input is computed inside the graph, so the app feeds the same [0, 1]
picture it feeds the probes:
- "npr": the neighbouring-pixel residual x - up(down(x)) (features.npr_residual);
- "wavelet": SAFE's high-frequency bands of a one-level Haar transform (LH, HL, HH of each
  channel, 9 planes at half resolution).

Training (the issue's recipe): random native-resolution crops, balanced over source x class,
each crop after rescale 0.5-1.0x, blur, JPEG 30-100, colour jitter, flips / 90-degree turns and
random patch masking. No resizing of whole pictures. At test the whole picture as the app sees it
(longer side <= 512 px), the map pooled over all of it.

    python -m training resnet50 --run all --steps 6000          # train (resumable)
    python -m training resnet50 --run all --resume              # go on after a stop
    python -m training resnet50 --run loso_dfdc --leave-out faces/dfdc --steps 3000
    python -m training resnet50 --evaluate --run loso_dfdc --leave-out faces/dfdc
    python -m training resnet50 --fusion        # the six folds' scores in the fusion (resnet50_ship.py)
    python -m training resnet50 --ship          # export the all-sources run to models/ (resnet50_ship.py)

A run lives in training/runs/resnet50/<run>/: checkpoint.pt (every few minutes), log.txt,
evaluation.json. Checkpoints hold the model, the optimiser, the step and the sampler's state.
"""

from __future__ import annotations

import io
import json
import math
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from training import data

RUNS_DIR = data.TRAINING_DIR / "runs" / "resnet50"
CHECKPOINT_EVERY_S = 180
CROP = 224  # the smallest source (DFDC's face crops) is 224 px: a 256 px crop would enlarge them
BATCH = 16


@dataclass
class Config:
    run: str = "all"
    leave_out: tuple[str, ...] = ()
    input: str = "wavelet"  # "wavelet" (SAFE) or "npr"
    steps: int = 6000
    crop: int = CROP
    batch: int = BATCH
    lr: float = 1e-3
    weight_decay: float = 0.05
    seed: int = 20261206
    sources: tuple[str, ...] = data.DEFAULT_SETS

    runs_dir: str = ""  # where runs live ("" = RUNS_DIR)

    @property
    def dir(self) -> Path:
        return (Path(self.runs_dir) if self.runs_dir else RUNS_DIR) / self.run


# --------------------------------------------------------------------------- the network


def _torch():
    import torch

    return torch


def haar_highpass(x):
    """SAFE's input: the LH, HL and HH bands of a one-level Haar wavelet transform of each channel
    (N x 3C x H/2 x W/2), scaled so that photos use about the range of a picture."""
    a, b = x[:, :, 0::2, 0::2], x[:, :, 0::2, 1::2]
    c, d = x[:, :, 1::2, 0::2], x[:, :, 1::2, 1::2]
    lh = (a - b + c - d) * 0.5
    hl = (a + b - c - d) * 0.5
    hh = (a - b - c + d) * 0.5
    torch = _torch()
    return torch.cat([lh, hl, hh], dim=1) * 4.0


def build(input_kind: str = "npr"):
    """The truncated ResNet-50 (torchvision's Bottleneck, v1.5) reading `input_kind` of a [0, 1]
    NCHW picture with even sides. forward(x) -> logit (N,); .pooled(x) -> the 512 pooled features."""
    torch = _torch()
    nn = torch.nn
    from training.features import npr_residual

    class Bottleneck(nn.Module):
        expansion = 4

        def __init__(self, inplanes, planes, stride=1, downsample=None):
            super().__init__()
            self.conv1 = nn.Conv2d(inplanes, planes, 1, bias=False)
            self.bn1 = nn.BatchNorm2d(planes)
            self.conv2 = nn.Conv2d(planes, planes, 3, stride=stride, padding=1, bias=False)
            self.bn2 = nn.BatchNorm2d(planes)
            self.conv3 = nn.Conv2d(planes, planes * 4, 1, bias=False)
            self.bn3 = nn.BatchNorm2d(planes * 4)
            self.relu = nn.ReLU(inplace=True)
            self.downsample = downsample

        def forward(self, x):
            idt = x if self.downsample is None else self.downsample(x)
            out = self.relu(self.bn1(self.conv1(x)))
            out = self.relu(self.bn2(self.conv2(out)))
            out = self.bn3(self.conv3(out))
            return self.relu(out + idt)

    def layer(inplanes, planes, blocks, stride):
        down = None
        if stride != 1 or inplanes != planes * 4:
            down = nn.Sequential(nn.Conv2d(inplanes, planes * 4, 1, stride=stride, bias=False),
                                 nn.BatchNorm2d(planes * 4))
        mods = [Bottleneck(inplanes, planes, stride, down)]
        mods += [Bottleneck(planes * 4, planes) for _ in range(1, blocks)]
        return nn.Sequential(*mods)

    in_ch = 9 if input_kind == "wavelet" else 3

    class ResNet50Stage2(nn.Module):
        def __init__(self):
            super().__init__()
            self.input_kind = input_kind
            # SAFE and NPR keep the stem's 7x7 conv but drop its stride-2 max pool for the residual
            # input; we keep torchvision's stem as it is (the seed paper's network), stride 4 in all
            self.conv1 = nn.Conv2d(in_ch, 64, 7, stride=2, padding=3, bias=False)
            self.bn1 = nn.BatchNorm2d(64)
            self.relu = nn.ReLU(inplace=True)
            self.maxpool = nn.MaxPool2d(3, stride=2, padding=1)
            self.layer1 = layer(64, 64, 3, 1)
            self.layer2 = layer(256, 128, 4, 2)
            self.fc = nn.Linear(512, 1)
            for m in self.modules():
                if isinstance(m, nn.Conv2d):
                    nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            for m in self.modules():  # zero-init the last BN of each block (torchvision's option)
                if isinstance(m, Bottleneck):
                    nn.init.zeros_(m.bn3.weight)

        def transform(self, x):
            if self.input_kind == "wavelet":
                return haar_highpass(x)
            return (npr_residual(x) - 0.5) * 2.0

        def pooled(self, x):
            x = self.transform(x)
            x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
            x = self.layer2(self.layer1(x))
            return x.mean(dim=(2, 3))

        def forward(self, x):
            return self.fc(self.pooled(x))[:, 0]

    return ResNet50Stage2()


def parameter_count(model) -> int:
    return sum(p.numel() for p in model.parameters())


# --------------------------------------------------------------------------- crops


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=int(quality))
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def augmented_crop(rgb: np.ndarray, crop: int, rng: np.random.Generator) -> np.ndarray:
    """One training crop of `crop` native pixels: rescale 0.5-1.0x (p 0.5), blur (p 0.3), JPEG
    30-100 (p 0.6), all applied to a region a little larger than the crop so the JPEG grid and the
    rescale are not aligned with it; then flips and 90-degree turns, colour jitter and patch masks."""
    import cv2

    h, w = rgb.shape[:2]
    f = 1.0
    if rng.random() < 0.5:
        f = rng.uniform(0.5, 1.0)
    margin = max(0, min(8, min(h, w) - crop))  # a few pixels more than the crop where the image has them
    f = max(f, (crop + margin) / min(h, w))  # never smaller than the crop
    region = min(int(math.ceil((crop + margin) / f)), h, w)
    y, x = rng.integers(0, h - region + 1), rng.integers(0, w - region + 1)
    r = rgb[y : y + region, x : x + region]
    side = max(crop + margin, int(round(region * f)))
    if side != region:
        r = cv2.resize(r, (side, side), interpolation=cv2.INTER_AREA if side < region else cv2.INTER_LINEAR)
    if rng.random() < 0.3:
        r = cv2.GaussianBlur(r, (0, 0), rng.uniform(0.1, 2.0))
    if rng.random() < 0.6:
        r = _jpeg(np.ascontiguousarray(r), rng.integers(30, 101))
    y, x = rng.integers(0, r.shape[0] - crop + 1), rng.integers(0, r.shape[1] - crop + 1)
    c = r[y : y + crop, x : x + crop]
    if rng.random() < 0.5:
        c = c[:, ::-1]
    c = np.rot90(c, rng.integers(0, 4))
    c = c.astype(np.float32) / 255.0
    if rng.random() < 0.5:  # colour jitter: brightness, contrast, saturation
        c = c * rng.uniform(0.8, 1.2) + rng.uniform(-0.1, 0.1)
        grey = c.mean(axis=2, keepdims=True)
        c = grey + (c - grey) * rng.uniform(0.7, 1.3)
        c = np.clip(c, 0.0, 1.0)
    if rng.random() < 0.5:  # SAFE's patch masking: 16 px patches, up to a quarter of the crop
        n = crop // 16
        m = rng.random((n, n)) < rng.uniform(0.0, 0.25)
        c = c * (1.0 - np.kron(m, np.ones((16, 16), np.float32)))[:, :, None]
    return np.ascontiguousarray(c.transpose(2, 0, 1))


class CropSampler:
    """Balanced batches: a (source, class) pair uniformly, then an image of it, then a crop."""

    def __init__(self, images: dict[tuple[str, int], list[np.ndarray]], crop: int, seed: int):
        self.images = images
        self.keys = sorted(images)
        self.crop = crop
        self.rng = np.random.default_rng(seed)

    def batch(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        xs, ys = [], []
        for _ in range(n):
            key = self.keys[self.rng.integers(len(self.keys))]
            pool = self.images[key]
            xs.append(augmented_crop(pool[self.rng.integers(len(pool))], self.crop, self.rng))
            ys.append(key[1])
        return np.stack(xs), np.array(ys, np.float32)


MAX_TRAIN_SIDE = 1024


def decode(path: str) -> np.ndarray:
    from deepfake_desk.core.media import load_image

    rgb = load_image(path)
    h, w = rgb.shape[:2]
    if max(h, w) > MAX_TRAIN_SIDE:
        import cv2

        f = MAX_TRAIN_SIDE / max(h, w)
        rgb = cv2.resize(rgb, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    return rgb


def train_images(cfg: Config, log) -> dict[tuple[str, int], list[np.ndarray]]:
    """Every train-split image of the sources not left out, decoded once (native size, <= 1024 px)."""
    splits = data.load_sets(cfg.sources)
    out: dict[tuple[str, int], list[np.ndarray]] = {}
    started = time.time()
    for s in splits["train"]:
        if s.source in cfg.leave_out:
            continue
        out.setdefault((s.source, s.label), []).append(decode(s.path))
    log(f"decoded {sum(len(v) for v in out.values())} train images of {len(out)} source x class pairs "
        f"in {time.time() - started:.0f} s")
    return out


# --------------------------------------------------------------------------- training


class Log:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path

    def __call__(self, msg: str) -> None:
        line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}"
        print(line, flush=True)
        with self.path.open("a", encoding="utf-8") as f:
            f.write(line + "\n")


def _lr(cfg: Config, step: int) -> float:
    warm = max(1, cfg.steps // 30)
    if step < warm:
        return cfg.lr * (step + 1) / warm
    return cfg.lr * 0.5 * (1 + math.cos(math.pi * (step - warm) / max(1, cfg.steps - warm)))


def save_checkpoint(path: Path, model, opt, step: int, sampler: CropSampler, cfg: Config, losses: list) -> None:
    torch = _torch()
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step,
                "rng": sampler.rng.bit_generator.state, "torch_rng": torch.get_rng_state(),
                "config": asdict(cfg), "losses": losses}, tmp)
    tmp.replace(path)


def train(cfg: Config, resume: bool = False, images: dict | None = None) -> Path:
    """Train (or go on training) one run; returns its checkpoint. Resumes from the run's
    checkpoint.pt when `resume` is set and one exists; refuses to overwrite one otherwise.
    `images` ((source, label) -> decoded pictures) replaces the data sets (tests)."""
    torch = _torch()
    torch.set_num_threads(2)
    log = Log(cfg.dir / "log.txt")
    ckpt = cfg.dir / "checkpoint.pt"
    if ckpt.exists() and not resume:
        raise SystemExit(f"{ckpt} exists: pass --resume to go on, or delete the run")
    torch.manual_seed(cfg.seed)
    model = build(cfg.input)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, weight_decay=cfg.weight_decay)
    step, losses = 0, []
    state = None
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        saved = Config(**{**state["config"], "leave_out": tuple(state["config"]["leave_out"]),
                          "sources": tuple(state["config"]["sources"])})
        if (saved.input, saved.leave_out, saved.crop) != (cfg.input, cfg.leave_out, cfg.crop):
            raise SystemExit(f"{ckpt} was trained with {saved.input} / {saved.leave_out} / {saved.crop}")
        cfg = saved if cfg.steps == saved.steps else Config(**{**asdict(saved), "steps": cfg.steps,
                                                                 "leave_out": saved.leave_out,
                                                                 "sources": saved.sources})
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        step, losses = state["step"], state["losses"]
        torch.set_rng_state(state["torch_rng"])
        log(f"resumed {cfg.run} at step {step}/{cfg.steps}")
    else:
        log(f"start {cfg.run}: {asdict(cfg)}; {parameter_count(model):,} parameters")
    if step >= cfg.steps:
        log(f"{cfg.run} already trained ({step} steps)")
        return ckpt
    sampler = CropSampler(images if images is not None else train_images(cfg, log), cfg.crop, cfg.seed)
    if state is not None:
        sampler.rng.bit_generator.state = state["rng"]
    model.train()
    loss_fn = torch.nn.BCEWithLogitsLoss()
    last_save, started, window = time.time(), time.time(), []
    while step < cfg.steps:
        for g in opt.param_groups:
            g["lr"] = _lr(cfg, step)
        x, y = sampler.batch(cfg.batch)
        logits = model(torch.from_numpy(x))
        loss = loss_fn(logits, torch.from_numpy(y))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        step += 1
        window.append(loss.item())
        if step % 50 == 0 or step == cfg.steps:
            losses.append((step, float(np.mean(window))))
            rate = 50 * cfg.batch / max(1e-6, time.time() - started)
            log(f"{cfg.run} step {step}/{cfg.steps} loss {np.mean(window):.4f} lr {_lr(cfg, step):.2e} "
                f"{rate:.1f} crops/s")
            window, started = [], time.time()
        if time.time() - last_save > CHECKPOINT_EVERY_S or step == cfg.steps:
            save_checkpoint(ckpt, model, opt, step, sampler, cfg, losses)
            last_save = time.time()
    log(f"{cfg.run} trained: {step} steps")
    return ckpt


def load_trained(run: str, checkpoint: str = "checkpoint.pt"):
    torch = _torch()
    state = torch.load(RUNS_DIR / run / checkpoint, weights_only=False)
    model = build(state["config"]["input"])
    model.load_state_dict(state["model"])
    return model.eval(), state


# --------------------------------------------------------------------------- evaluation


def score_views(model, views: list[np.ndarray], batch: int = 8) -> tuple[np.ndarray, np.ndarray]:
    """(logits, pooled features) of whole views (uint8 HxWx3 with sides that are multiples of 32)."""
    from training.features import view_batches

    torch = _torch()
    logits = np.zeros(len(views), np.float32)
    feats = np.zeros((len(views), 512), np.float32)
    with torch.inference_mode():
        for ii, x in view_batches(views, batch):
            f = model.pooled(x)
            logits[ii] = model.fc(f)[:, 0].numpy()
            feats[ii] = f.numpy()
    return logits, feats


def evaluate(run: str, sources: list[str], conditions=("clean", "social", "jpeg70"), clean_splits=data.SPLITS,
             log=print) -> dict:
    """AUC of a trained run on the test split of `sources`, under each condition, beside the
    sharpness control. The clean pass scores `clean_splits` (every split by default: the few-shot
    yardstick teaches on the train split), the others the validation and test splits (the fusion is
    fitted on LOSO validation scores, clean and social: `fusion_scores`); pooled features and
    logits go to <run>/features_<condition>.npz."""
    from training import features
    from training.metrics import roc_auc

    model, state = load_trained(run)
    torch = _torch()
    torch.set_num_threads(2)
    splits = data.load_sets()
    split_of = {s.path: name for name in data.SPLITS for s in splits[name]}
    everything = [s for s in features.all_samples() if s.source in sources]
    out: dict = {"run": run, "config": state["config"], "steps": state["step"], "sources": {}}
    for condition in conditions:
        started = time.time()
        keep = clean_splits if condition == "clean" else ("val", "test")  # the fusion is fitted on val
        samples = [s for s in everything if split_of[s.path] in keep]
        views, sharp = [], []
        for s in samples:
            seed = int.from_bytes(s.path.encode()[-4:].rjust(4, b"\0"), "little")
            v = features.view(features.degrade(decode(s.path), condition, seed))
            views.append(v)
            sharp.append(features.sharpness(v))
        logits, feats = score_views(model, views)
        np.savez(RUNS_DIR / run / f"features_{condition}.npz", x=feats, logit=logits,
                 path=np.array([s.path for s in samples]), label=np.array([s.label for s in samples]),
                 source=np.array([s.source for s in samples]), split=np.array([split_of[s.path] for s in samples]),
                 sharpness=np.array(sharp))
        for src in sources:
            idx = [i for i, s in enumerate(samples) if s.source == src and split_of[s.path] == "test"]
            y = np.array([samples[i].label for i in idx])
            row = out["sources"].setdefault(src, {})
            row[condition] = {"auc": round(float(roc_auc(y, logits[idx])), 4),
                              "sharpness_auc": round(float(roc_auc(y, np.array(sharp)[idx])), 4),
                              "n_real": int((y == 0).sum()), "n_fake": int((y == 1).sum())}
        log(f"{run} {condition}: " + ", ".join(f"{s} {out['sources'][s][condition]['auc']:.3f}" for s in sources)
            + f" ({time.time() - started:.0f} s)")
    (RUNS_DIR / run / "evaluation.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


def onnx_module(model):
    """The shipped graph: [0, 1] NCHW picture -> (probability_fake, pooled features)."""
    torch = _torch()

    class Shipped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.net = model

        def forward(self, x):
            f = self.net.pooled(x)
            return torch.sigmoid(self.net.fc(f)), f

    return Shipped().eval()


def export_onnx(run: str, out: Path, sample_views: list[np.ndarray], checkpoint: str = "checkpoint.pt") -> float:
    """Export a trained run (dynamic batch, height and width) and check it against PyTorch on real views."""
    from training.export import export_picture_model

    model, _ = load_trained(run, checkpoint)
    return export_picture_model(onnx_module(model), out, sample_views)


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training resnet50")
    p.add_argument("--run", default="all")
    p.add_argument("--leave-out", nargs="*", default=[])
    p.add_argument("--input", choices=("npr", "wavelet"), default="wavelet")
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--crop", type=int, default=CROP)
    p.add_argument("--resume", action="store_true")
    p.add_argument("--ship", action="store_true", help="export the run to models/ and write its manifest entry")
    p.add_argument("--compare", action="store_true",
                   help="longer training and NPR against wavelet input, from the folds' evaluations -> reports")
    p.add_argument("--fusion", action="store_true",
                   help="does the fusion gain from the six folds' LOSO scores? -> training/reports/resnet50_fusion.json")
    p.add_argument("--evaluate", nargs="*", default=None, metavar="SOURCE",
                   help="evaluate the run on these sources' test splits (default: the ones it left out)")
    p.add_argument("--conditions", nargs="*", default=["clean", "social", "jpeg70"])
    p.add_argument("--clean-splits", nargs="*", default=list(data.SPLITS))
    a = p.parse_args(argv)
    cfg = Config(run=a.run, leave_out=tuple(a.leave_out), input=a.input, steps=a.steps, crop=a.crop)
    if a.ship or a.compare or a.fusion:
        from training import resnet50_ship

        if a.ship:
            resnet50_ship.ship(a.run)
        elif a.compare:
            resnet50_ship.compare_runs()
        else:
            resnet50_ship.fusion_check()
            resnet50_ship.record_loso()
        return
    if a.evaluate is not None:
        evaluate(a.run, a.evaluate or list(a.leave_out) or list(data.DEFAULT_SETS), tuple(a.conditions),
                 tuple(a.clean_splits), log=Log(cfg.dir / "log.txt"))
        return
    train(cfg, resume=a.resume)


if __name__ == "__main__":
    main()
