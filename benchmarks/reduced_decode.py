"""Does decoding large photos at a reduced scale change what the models say? And what does it save?

    python benchmarks/reduced_decode.py [--photos ../shared/data/photos/real] [--gap 1 2]

For each photo: the shipped models' calibrated scores and the fused score on the whole
picture, from a full-size decode and from the reduced decode the scan uses
(`prepare.decode_size`, with the given DECODE_GAP), and the time of decode + preprocess.
Writes benchmarks/reduced_decode.json; results.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deepfake_desk.core import media, prepare  # noqa: E402
from deepfake_desk.core.detector import Detector  # noqa: E402


def scores(detector: Detector, rgb: np.ndarray) -> dict[str, float]:
    analysis = detector.score_inputs([prepare.prepare_image(detector.plan, rgb)])[0]
    return {"fused": analysis.fake_probability, **analysis.model_probabilities}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path, default=REPO.parent / "shared" / "data" / "photos" / "real")
    parser.add_argument("--gap", type=float, nargs="+", default=[1.0, 2.0])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "reduced_decode.json")
    args = parser.parse_args()
    detector = Detector.from_manifest()
    plan = replace(detector.plan, face_detector=None)
    photos = sorted(p for p in args.photos.iterdir() if p.is_file())
    report = {"photos": len(photos), "models": [m.spec.id for m in detector.models], "gaps": {}}
    full, t_full = {}, []
    for p in photos:
        started = time.perf_counter()
        rgb = media.load_image(p)
        prepare.prepare_image(plan, rgb)
        t_full.append(time.perf_counter() - started)
        full[p.name] = scores(detector, rgb)
    for gap in args.gap:
        prepare.DECODE_GAP = gap
        need = prepare.decode_size(plan)
        diffs, times, reduced = {k: [] for k in full[photos[0].name]}, [], 0
        flips = 0
        for p in photos:
            started = time.perf_counter()
            rgb, info = media.open_image(p, need)
            prepare.prepare_image(plan, rgb)
            times.append(time.perf_counter() - started)
            reduced += max(rgb.shape[:2]) < max(info.width, info.height)
            got = scores(detector, rgb)
            for k, v in got.items():
                diffs[k].append(abs(v - full[p.name][k]))
            flips += detector.manifest.bands and (
                (got["fused"] >= detector.manifest.bands.t_fake) != (full[p.name]["fused"] >= detector.manifest.bands.t_fake)
                or (got["fused"] < detector.manifest.bands.t_real) != (full[p.name]["fused"] < detector.manifest.bands.t_real))
        report["gaps"][str(gap)] = {
            "decode_size": {"short": need.short, "long": need.long},
            "photos_decoded_reduced": int(reduced),
            "band_changes": int(flips),
            "abs_diff_mean": {k: round(float(np.mean(v)), 4) for k, v in diffs.items()},
            "abs_diff_max": {k: round(float(np.max(v)), 4) for k, v in diffs.items()},
            "ms_decode_preprocess_total": round(1000 * sum(times), 1),
        }
        print(gap, json.dumps(report["gaps"][str(gap)]), flush=True)
    report["ms_decode_preprocess_total_full"] = round(1000 * sum(t_full), 1)
    print("full", report["ms_decode_preprocess_total_full"])
    args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
