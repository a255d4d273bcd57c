"""Does where a trace lies teach better than the whole picture's average? (issue 33 section 1: pooling)

The face-swap sources teach worst (k=20 AUC 0.57-0.84, whatever backbone, depth, head or view:
the model card). A swapped face is blended into a real frame: its trace sits in the face and at its
edge, while the shipped features average every position of the picture. This measures other
poolings of the same network (EfficientNet-Lite2, the features `learn` reads) on the yardstick's
draws: each stage's map (and the head's) averaged over a 3 x 3 grid of cells, from which

- centre minus ring: the middle cell's mean minus the mean of the eight around it (a face crop's
  face against its surroundings);
- spread over cells: how unevenly a channel fires across the picture;
- the grid itself: the nine cells' means side by side (where on the picture each channel fires);

each beside the shipped features (every stage's mean and spread), each block scaled to unit length
per depth as the shipped ones are (features.tap_normalise). The head is learn's L2 logistic
regression; the figure is the test split's AUC (as fewshot_variants). A measurement, not a
selection: what ships changes only if a pooling wins on every k and on the worst source.

    python -m training fewshot_regions --extract   # the grid cache, about 10 min on 2 cores (resumable)
    python -m training fewshot_regions             # -> training/reports/fewshot_regions.json
"""

from __future__ import annotations

import time

import numpy as np

from training import features
from training.fewshot import REPORTS_DIR, Rows, feature_matrix
from training.fewshot_variants import KS, measure_variants

BACKBONE = "efficientnet_lite2"
GRID = 3
CACHE = features.FEATURES_DIR / f"{BACKBONE}_grid{GRID}" / "clean"
REPORT = REPORTS_DIR / "fewshot_regions.json"


def _grid_model():
    """Lite2 as features.py builds it, returning per tap its map averaged over GRID x GRID cells:
    [N, GRID*GRID, sum(taps' channels)] (taps: every stage's last block, then the head)."""
    torch = features._torch()
    lite = features._efficientnet_lite("lite2")
    pool = torch.nn.AdaptiveAvgPool2d(GRID)

    def run(x):
        return torch.cat([pool(m).flatten(2).transpose(1, 2) for m in lite.maps(x)], dim=2)  # N, cells, C

    return run


def extract(log=print) -> None:
    """Fill the grid cache chunk by chunk (resumable), rows in features.all_samples() order."""
    torch = features._torch()
    torch.set_num_threads(2)
    samples = features.all_samples()
    model = None
    chunks = range(0, len(samples), features.CHUNK)
    for k, start in enumerate(chunks):
        out = CACHE / f"chunk_{k:04d}.npz"
        if out.exists():
            continue
        model = model or _grid_model()
        part = samples[start : start + features.CHUNK]
        started = time.time()
        views = [v for v, _ in features._views("clean", part)]
        got = [None] * len(views)
        with torch.inference_mode():
            for ii, x in features.view_batches(views, features.BATCH):
                for i, g in zip(ii, model(x).numpy().astype(np.float16)):
                    got[i] = g
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp.npz")
        np.savez(tmp, g=np.stack(got), path=np.array([s.path for s in part]))
        tmp.rename(out)
        log(f"{time.strftime('%H:%M:%S')} grid chunk {k + 1}/{len(chunks)}: {len(part)} images in "
            f"{time.time() - started:.0f} s")


def load_grid(rows: Rows) -> np.ndarray:
    n_chunks = (len(rows.path) + features.CHUNK - 1) // features.CHUNK
    parts = [np.load(CACHE / f"chunk_{k:04d}.npz") for k in range(n_chunks)]
    if list(np.concatenate([p["path"] for p in parts])) != list(rows.path):
        raise ValueError(f"{CACHE} is for another sample list; delete it")
    return np.concatenate([p["g"] for p in parts]).astype(np.float32)


def poolings(g: np.ndarray, taps: tuple[int, ...]) -> dict[str, np.ndarray]:
    """The grid's poolings [N, sum(taps)] (or the grid [N, cells * sum(taps)]), each per-depth unit length."""
    centre = g[:, (GRID * GRID) // 2]
    ring = np.delete(g, (GRID * GRID) // 2, axis=1).mean(1)
    grid_taps = tuple(n * GRID * GRID for n in taps)
    # the grid, ordered tap by tap so that tap_normalise scales each depth's nine cells together
    ends = np.cumsum(taps)
    grid = np.concatenate([g[:, :, e - n : e].reshape(len(g), -1) for n, e in zip(taps, ends)], axis=1)
    return {"centre minus ring": features.tap_normalise(centre - ring, taps),
            "spread over cells": features.tap_normalise(g.std(1), taps),
            "grid of cells": features.tap_normalise(grid, grid_taps)}


def run(log=print) -> dict:
    rows = Rows.load()
    shipped = feature_matrix(BACKBONE, rows).astype(np.float64)
    taps = features.BACKBONES[BACKBONE].taps[:8]  # the means' taps (the spreads repeat the stages)
    pooled = poolings(load_grid(rows), taps)
    variants = {"shipped (every stage's mean and spread)": shipped}
    for name, x in pooled.items():
        variants[f"shipped + {name}"] = np.concatenate([shipped, x], axis=1)
    variants["grid of cells alone"] = pooled["grid of cells"].astype(np.float64)
    report = {"method": __doc__.split("\n\n")[0], "features": BACKBONE, "grid": GRID, "ks": list(KS)}
    return measure_variants(variants, rows, report, REPORT, log)


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training fewshot_regions", description=__doc__.split("\n\n")[0])
    p.add_argument("--extract", action="store_true", help="fill the grid feature cache first (resumable)")
    a = p.parse_args(argv)
    if a.extract:
        extract(log=lambda m: print(m, flush=True))
    run()


if __name__ == "__main__":
    main()
