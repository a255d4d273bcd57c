"""Features that see blending: EfficientNet-Lite2 fine-tuned on self-blended faces (issue 33 section 1).

The face-swap sources teach worst from frozen ImageNet features (k=20 AUC: DFDC 0.57, OpenForensics
0.84), whatever depth, head, view or pooling (the model card). This measures whether the network
`learn` reads, fine-tuned to tell a real face from a self-blended copy of it (training/selfblend.py,
SBI: Shiohara and Yamasaki, CVPR 2022), gives features that teach face swaps better. It never sees a
face swap, nor any picture of the two face-swap sets: its real faces are the train splits of the
StyleGAN sets' real photos (FFHQ, Unsplash portraits). Each batch holds real faces and a fresh
self-blend of each; both are re-encoded as JPEG 70-95 (a blend is saved that way), cropped at
random to 224 px and flipped. Every layer is tuned (batch-norm statistics kept from ImageNet),
AdamW lr 1e-4 (the head 1e-3), for a fixed time. Then its features (every stage's mean and spread,
as shipped) are extracted for every cached image and taught on the yardstick's draws
(fewshot_variants.measure): alone and beside the shipped features.

A measurement: nothing ships from it (shipping would change the base model every taught detector is
bound to).

    python -m training sbi_tune --minutes 30      # train (resumable: checkpoint every 3 min)
    python -m training sbi_tune --extract         # its feature cache, then the report
"""

from __future__ import annotations

import io
import time

import numpy as np
from PIL import Image

from training import data, features, selfblend
from training.fewshot import REPORTS_DIR, Rows, feature_matrix
from training.fewshot_variants import KS, measure_variants
from training.metrics import roc_auc

RUN_DIR = data.TRAINING_DIR / "runs" / "sbi_tune"
NAME = "efficientnet_lite2_sbi"
REAL_SOURCES = ("faces/stylegan_ffhq", "faces/stylegan2_tpdne")  # their real photos only
CROP = 224
BATCH = 16  # 8 real faces and a self-blend of each
CHECKPOINT_EVERY_S = 180
REPORT = REPORTS_DIR / "sbi_tune.json"


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buf = io.BytesIO()
    Image.fromarray(rgb).save(buf, "JPEG", quality=int(quality))
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


def _model():
    torch = features._torch()
    lite = features._efficientnet_lite("lite2", spread=True)
    taps = features.BACKBONES["efficientnet_lite2"].taps

    class Tuned(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lite = lite
            self.head = torch.nn.Linear(sum(taps), 1)

        def forward(self, x):
            return self.head(features.tap_normalise(self.lite.pooled(x), taps, xp=torch)).squeeze(1)

    return Tuned()


def _batch(faces: list[tuple[np.ndarray, tuple | None]], rng: np.random.Generator):
    torch = features._torch()
    views, labels = [], []
    for i in rng.choice(len(faces), BATCH // 2, replace=False):
        rgb, box = faces[i]
        fake = selfblend.self_blend(rgb, int(rng.integers(2**31)), box)
        real = _jpeg(rgb, int(rng.integers(70, 96)))
        h, w = rgb.shape[:2]
        y0, x0 = int(rng.integers(0, h - CROP + 1)), int(rng.integers(0, w - CROP + 1))
        flip = rng.random() < 0.5
        for img, label in ((real, 0.0), (fake, 1.0)):
            v = img[y0 : y0 + CROP, x0 : x0 + CROP]
            views.append(v[:, ::-1] if flip else v)
            labels.append(label)
    x = torch.from_numpy(np.ascontiguousarray(np.stack(views))).permute(0, 3, 1, 2).float() / 255.0
    return x, torch.tensor(labels)


def train(minutes: float, log=print) -> None:
    torch = features._torch()
    torch.set_num_threads(2)
    from deepfake_desk.core.media import load_image

    RUN_DIR.mkdir(parents=True, exist_ok=True)
    samples = [s for s in data.load_sets()["train"] if s.label == 0 and s.source in REAL_SOURCES]
    finder = selfblend.FaceFinder.shipped()
    faces = []
    for s in samples:
        rgb = load_image(s.path)
        if min(rgb.shape[:2]) >= CROP:
            faces.append((rgb, finder(rgb)))
    model = _model()
    head = list(model.head.parameters())
    opt = torch.optim.AdamW([{"params": list(model.lite.parameters()), "lr": 1e-4},
                             {"params": head, "lr": 1e-3}], weight_decay=0.01)
    ckpt = RUN_DIR / "checkpoint.pt"
    step, spent = 0, 0.0
    if ckpt.exists():
        got = torch.load(ckpt, weights_only=False)
        model.load_state_dict(got["model"])
        opt.load_state_dict(got["opt"])
        step, spent = got["step"], got["spent"]
    rng = np.random.default_rng([20261206, step])
    log(f"{len(faces)} real faces of {REAL_SOURCES}; from step {step}, {spent / 60:.1f} min spent")
    model.train()
    for m in model.modules():  # batch-norm keeps ImageNet's statistics (batches of 16 are too few)
        if isinstance(m, torch.nn.BatchNorm2d):
            m.eval()
    loss_fn = torch.nn.BCEWithLogitsLoss()
    started, saved, losses, hits = time.time(), time.time(), [], []
    while spent + (time.time() - started) < minutes * 60:
        x, y = _batch(faces, rng)
        out = model(x)
        loss = loss_fn(out, y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        losses.append(loss.item())
        hits.append(float(((out > 0).float() == y).float().mean()))
        if step % 20 == 0:
            log(f"{time.strftime('%H:%M:%S')} step {step} loss {np.mean(losses):.4f} train accuracy {np.mean(hits):.3f}")
            losses, hits = [], []
        if time.time() - saved > CHECKPOINT_EVERY_S:
            _save(model, opt, step, spent + time.time() - started, ckpt)
            saved = time.time()
    _save(model, opt, step, spent + time.time() - started, ckpt)
    log(f"trained: {step} steps")


def _save(model, opt, step, spent, path):
    torch = features._torch()
    tmp = path.with_suffix(".tmp")
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "spent": spent}, tmp)
    tmp.rename(path)


def extract(log=print) -> None:
    """The tuned network's pooled features of every cached image, in the feature cache's format."""
    torch = features._torch()
    torch.set_num_threads(2)
    model = _model()
    model.load_state_dict(torch.load(RUN_DIR / "checkpoint.pt", weights_only=False)["model"])
    model.eval()
    features.extract(NAME, "clean", log=log, model=model.lite)


def run(log=print) -> dict:
    rows = Rows.load()
    shipped = feature_matrix("efficientnet_lite2", rows).astype(np.float64)
    tuned = features.tap_normalise(features.load(NAME, "clean")["x"].astype(np.float64),
                                   features.BACKBONES["efficientnet_lite2"].taps)
    trained = features._torch().load(RUN_DIR / "checkpoint.pt", weights_only=False)
    report = {"method": __doc__.split("\n\n")[0], "ks": list(KS), "steps": trained["step"], "batch": BATCH,
              "minutes": round(trained["spent"] / 60, 1)}
    report["head_alone_auc"] = head_alone(rows, tuned)
    log(f"its own head (never saw a fake), test-split AUC: {report['head_alone_auc']}")
    variants = {"shipped": shipped, "tuned on self-blends": tuned, "shipped + tuned": np.concatenate([shipped, tuned], axis=1)}
    return measure_variants(variants, rows, report, REPORT, log)


def head_alone(rows: Rows, tuned: np.ndarray) -> dict[str, float]:
    """The tuned network's own head (real face against its self-blend) on each source's test split: a detector
    that never saw a fake, zero-shot on every source (the two StyleGAN sets lent it their real photos)."""
    torch = features._torch()
    state = torch.load(RUN_DIR / "checkpoint.pt", weights_only=False)["model"]
    w, b = state["head.weight"].numpy().astype(np.float64)[0], float(state["head.bias"])
    score = tuned @ w + b
    return {h: round(roc_auc(rows.y[idx], score[idx]), 4)
            for h in data.DEFAULT_SETS if len(idx := rows.where(source=h, split="test"))}


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training sbi_tune", description=__doc__.split("\n\n")[0])
    p.add_argument("--minutes", type=float, help="train until this much time is spent (resumes)")
    p.add_argument("--extract", action="store_true", help="extract the tuned features, then measure")
    a = p.parse_args(argv)

    def log(m):
        print(m, flush=True)
        with open(RUN_DIR / "log.txt", "a") as f:
            f.write(m + "\n")

    RUN_DIR.mkdir(parents=True, exist_ok=True)
    if a.minutes:
        train(a.minutes, log)
    if a.extract:
        extract(log)
        run(log)


if __name__ == "__main__":
    main()
