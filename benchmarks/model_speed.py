"""Seconds per 1 MP picture for the models of one or more manifests (preprocessing and models,
no decoding, no face search), interleaved so that a busy machine slows each alike.

    git archive b2f9ff9 models | tar -x -C /tmp/old   # the models a change replaces
    python benchmarks/model_speed.py models/manifest.json /tmp/old/models/manifest.json
"""

from __future__ import annotations

import sys
import time

import numpy as np

from deepfake_desk.core.detector import Detector


def main(paths: list[str], repeats: int = 6) -> None:
    img = (np.random.default_rng(0).random((864, 1152, 3)) * 255).astype(np.uint8)  # 1 MP
    detectors = {p: Detector.from_manifest(p) for p in paths}
    seconds: dict[str, list[float]] = {p: [] for p in paths}
    for _ in range(repeats):
        for p, d in detectors.items():
            started = time.perf_counter()
            d.analyze_image(img)
            seconds[p].append(time.perf_counter() - started)
    for p, s in seconds.items():
        ids = ", ".join(m.spec.id for m in detectors[p].models)
        print(f"{p}: {np.median(s[1:]):.3f} s per 1 MP picture (median of {repeats - 1}; {ids})")


if __name__ == "__main__":
    main(sys.argv[1:] or ["models/manifest.json"])
