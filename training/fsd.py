"""A detector that never sees a fake: forensic self-descriptions (FSD; Nguyen et al., CVPR 2025),
trained here from scratch on real photos only (the paper's weights are non-commercial).

1. Residual filters: K prediction-error filters, each the least-squares predictor of a pixel from a
   different neighbourhood (the full square, the pixels above and to the left, the row, the column),
   fitted on the licence-clean real photos of ../shared/data/photos/real, which belong to no LOSO
   source; the residual is the pixel minus its prediction.
2. Self-description of one picture (grey, native centre crop, no resizing): at three scales of its
   residuals, the constrained least-squares filter (each channel's weights sum to one) that predicts
   the sum of the K residuals at a pixel from their B x B neighbourhoods. Its K * (B^2 - 1) weights
   describe how that picture's noise hangs together.
3. A Gaussian mixture fitted on real photos' self-descriptions; a picture's score is its negative
   log-likelihood: far from every real photo seen, more suspicious.

Under LOSO the mixture is fitted on the real train photos of the other sources (the filters saw none
of them); "with its reals" also gives it the left-out source's real train photos (a desk that has
real photos of the kind it checks, and no fakes). Beside it, the sharpness control.

    python -m training fsd            # -> training/reports/fsd.json (descriptions cached in training/cache)
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from training import data

FILTER_SIZE = 7  # the residual filters' support
SUPPORTS = ("square", "causal", "row", "column")  # one residual filter each
B = 5  # self-description neighbourhood
SCALES = 3
MAX_CROP = 512  # native centre crop (the traces live at the pixel scale: never resized)
POSITIONS = 8000  # pixels sampled per scale for the least squares (0.15 s a picture, one core)
RIDGE = 1e-3
COMPONENTS = 4
CACHE = data.CACHE_DIR / "fsd.npz"
REPORT = data.TRAINING_DIR / "reports" / "fsd.json"
PHOTOS = data.DEFAULT_DATA_ROOT / "photos" / "real"


def grey_crop(rgb: np.ndarray, side: int = MAX_CROP) -> np.ndarray:
    g = rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114])
    h, w = g.shape
    top, left = max(0, (h - side) // 2), max(0, (w - side) // 2)
    return g[top : top + side, left : left + side]


def _support(kind: str, size: int = FILTER_SIZE) -> np.ndarray:
    c = size // 2
    m = np.zeros((size, size), bool)
    if kind == "square":
        m[:] = True
    elif kind == "causal":
        m[:c, :] = True
        m[c, :c] = True
    elif kind == "row":
        m[c, :] = True
    elif kind == "column":
        m[:, c] = True
    m[c, c] = False
    return m


def _neighbours(g: np.ndarray, ys: np.ndarray, xs: np.ndarray, mask: np.ndarray) -> np.ndarray:
    c = mask.shape[0] // 2
    dy, dx = np.nonzero(mask)
    return g[ys[:, None] + dy[None, :] - c, xs[:, None] + dx[None, :] - c]


def _positions(shape, margin: int, count: int, rng: np.random.Generator):
    h, w = shape
    if h <= 2 * margin or w <= 2 * margin:
        raise ValueError("picture too small")
    n = min(count, (h - 2 * margin) * (w - 2 * margin))
    return rng.integers(margin, h - margin, n), rng.integers(margin, w - margin, n)


def fit_filters(greys: list[np.ndarray], per_image: int = 4000, seed: int = 0) -> np.ndarray:
    """(K, S, S) prediction-error filters, least squares on the given real photos (grey, 0-255)."""
    rng = np.random.default_rng(seed)
    out = []
    for kind in SUPPORTS:
        mask = _support(kind)
        xtx, xty = np.zeros((mask.sum(),) * 2), np.zeros(mask.sum())
        for g in greys:
            ys, xs = _positions(g.shape, FILTER_SIZE // 2, per_image, rng)
            x = _neighbours(g, ys, xs, mask)
            xtx += x.T @ x
            xty += x.T @ g[ys, xs]
        w = np.linalg.solve(xtx + RIDGE * np.trace(xtx) / len(xtx) * np.eye(len(xtx)), xty)
        f = np.zeros(mask.shape)
        f[mask] = -w
        f[FILTER_SIZE // 2, FILTER_SIZE // 2] = 1.0  # residual = pixel - prediction
        out.append(f)
    return np.stack(out)


def residuals(g: np.ndarray, filters: np.ndarray) -> np.ndarray:
    import cv2

    c = filters.shape[-1] // 2
    maps = [cv2.filter2D(g.astype(np.float32), cv2.CV_32F, f.astype(np.float32), borderType=cv2.BORDER_REFLECT)
            for f in filters]
    return np.stack(maps)[:, c:-c, c:-c].astype(np.float64)


def describe(g: np.ndarray, filters: np.ndarray, seed: int = 0) -> np.ndarray:
    """The picture's self-description: K * (B^2 - 1) constrained least-squares weights."""
    import cv2

    rng = np.random.default_rng(seed)
    r = residuals(g, filters)
    k = len(r)
    mask = np.ones((B, B), bool)
    mask[B // 2, B // 2] = False
    n = int(mask.sum())
    xtx, xty = np.zeros((k * n, k * n)), np.zeros(k * n)
    for level in range(SCALES):
        if level:
            h, w = r.shape[1:]
            if min(h, w) // 2 <= 2 * B:
                break
            r = np.stack([cv2.resize(m, (w // 2, h // 2), interpolation=cv2.INTER_LINEAR) for m in r])
        ys, xs = _positions(r.shape[1:], B // 2, POSITIONS, rng)
        x = np.concatenate([_neighbours(m, ys, xs, mask) for m in r], axis=1)
        y = r[:, ys, xs].sum(0)
        xtx += x.T @ x
        xty += x.T @ y
    scale = max(1e-9, np.trace(xtx) / len(xtx))  # the ridge relative to the residuals' strength
    xtx, xty = xtx / scale, xty / scale
    a = np.zeros((k, k * n))
    for i in range(k):
        a[i, i * n : (i + 1) * n] = 1.0
    kkt = np.block([[xtx + RIDGE * np.eye(k * n), a.T], [a, np.zeros((k, k))]])
    return np.linalg.solve(kkt, np.concatenate([xty, np.ones(k)]))[: k * n]


def _photo_greys(folder: Path = PHOTOS) -> list[np.ndarray]:
    from deepfake_desk.core.media import load_image

    out = []
    for p in sorted(folder.iterdir()):
        if p.suffix.lower() in (".jpg", ".jpeg", ".png"):
            out.append(grey_crop(load_image(str(p))))
    return out


def descriptions(log=print) -> dict[str, np.ndarray]:
    """Every cached sample's self-description and sharpness (computed once, cached)."""
    from deepfake_desk.core.media import load_image
    from training import features

    samples = features.all_samples()
    if CACHE.exists():
        got = dict(np.load(CACHE))
        if len(got["path"]) == len(samples):
            return got
    started = time.time()
    filters = fit_filters(_photo_greys())
    x = np.zeros((len(samples), len(SUPPORTS) * (B * B - 1)))
    sharp = np.zeros(len(samples))
    for i, s in enumerate(samples):
        rgb = load_image(s.path)
        x[i] = describe(grey_crop(rgb), filters, seed=i)
        sharp[i] = features.sharpness(features.view(rgb))
        if i % 500 == 0:
            log(f"  fsd {i}/{len(samples)} ({time.time() - started:.0f} s)")
    split_of = {s.path: name for name, items in data.load_sets().items() for s in items}
    got = {"x": x, "sharpness": sharp, "filters": filters, "path": np.array([s.path for s in samples]),
           "label": np.array([s.label for s in samples]), "source": np.array([s.source for s in samples]),
           "split": np.array([split_of[s.path] for s in samples])}
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(CACHE, **got)
    return got


def fit_mixture(x: np.ndarray, seed: int = 0):
    """Standardise, then a Gaussian mixture: -> score(x), higher = less like the real photos."""
    from sklearn.mixture import GaussianMixture

    mean, std = x.mean(0), x.std(0) + 1e-9
    gmm = GaussianMixture(COMPONENTS, covariance_type="full", reg_covar=1e-2, random_state=seed).fit((x - mean) / std)
    return lambda z: -gmm.score_samples((z - mean) / std)


def run(log=print) -> dict:
    from training.metrics import roc_auc

    d = descriptions(log)
    x, y, source, split = d["x"], d["label"], d["source"], d["split"]
    report: dict = {"method": __doc__.split("\n\n")[1], "per_source": {}}
    for h in data.DEFAULT_SETS:
        test = (source == h) & (split == "test")
        others = (source != h) & (split == "train") & (y == 0)
        own = (source == h) & (split == "train") & (y == 0)
        row = {"test_images": int(test.sum()),
               "auc": round(float(roc_auc(y[test], fit_mixture(x[others])(x[test]))), 4),
               "auc_with_its_reals": round(float(roc_auc(y[test], fit_mixture(x[others | own])(x[test]))), 4),
               "sharpness_auc": round(float(roc_auc(y[test], d["sharpness"][test])), 4)}
        report["per_source"][h] = row
        log(f"{h}: {row}")
    for key in ("auc", "auc_with_its_reals"):
        vals = [r[key] for r in report["per_source"].values()]
        report[key] = {"mean": round(float(np.mean(vals)), 4), "worst": round(float(min(vals)), 4)}
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"LOSO AUC {report['auc']}, with the source's reals {report['auc_with_its_reals']}; wrote {REPORT}")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(prog="python -m training fsd", description=__doc__.split("\n\n")[0]).parse_args(argv)
    run()


if __name__ == "__main__":
    main()
