"""More real photos than fakes: does a taught detector decide more? (issue 33)

A desk has few confirmed fakes of a new kind but many real photos of that kind in its own
archive. The real photos are what a taught detector's guards are built from: its familiarity
check (a file unlike them cannot be made fake by it alone) and part of its calibration. Per
source left out and draw of the yardstick, the same k fakes are taught with k, 2k and 3k real
photos of that source (the smaller sets inside the larger), as `learn` teaches them (its head,
the real-photo bank, familiarity and the face rule), and tested on the source's test split and
on the other sources' real test photos.

    python -m training fewshot_reals    # -> training/reports/fewshot_reals.json (about 1 min)
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from training import data
from training.fewshot import (REPORTS_DIR, Rows, _groups, draw_examples, face_presence, face_rule, familiar_to,
                              feature_matrix)
from training.metrics import roc_auc

K = 20
REALS = (1, 2, 3)  # real photos taught, as multiples of the fakes
DRAWS = 5
FEATURES = "efficientnet_lite2"
REPORT = REPORTS_DIR / "fewshot_reals.json"


def measure(rows: Rows, x: np.ndarray, face: np.ndarray, t_fake: float, bank: np.ndarray | None,
            k: int = K, draws: int = DRAWS) -> dict:
    """Per source: for each number of real photos, the mean over draws of the detector's AUC on the source's
    test split, the share of its test fakes it calls fake on its own and of its test reals it turns fake,
    and the share of the other sources' real test photos it turns fake."""
    from deepfake_desk.core.learn import fit_taught_head

    out = {}
    for h in data.DEFAULT_SETS:
        test = rows.where(source=h, split="test")
        y = rows.y[test]
        other = rows.where(not_source=h, split="test", label=0)
        pool = rows.where(source=h, split="train", label=0)
        got: dict[int, list] = {}
        for d in range(draws):
            drawn = draw_examples(rows, h, k, d)
            if drawn is None:
                continue
            first = dict(drawn.kinds)["same_kind"]
            rest = np.random.default_rng([d, k, sum(map(ord, h))]).permutation(np.setdiff1d(pool, first))
            for times in REALS:
                if len(first) + len(rest) < times * k:
                    continue
                reals = np.concatenate([first, rest[: times * k - len(first)]])
                idx = np.concatenate([drawn.fakes, reals])
                fitted = fit_taught_head(x[idx], rows.y[idx], _groups(rows, idx), t_fake, bank)
                at = fitted.thresholds["fake"]

                def fake(files: np.ndarray) -> np.ndarray:
                    near = face_rule(familiar_to(x[reals], x[files]), face, drawn.fakes, reals, files)
                    return (fitted.probability(x[files]) >= at) & near

                called = fake(test)
                got.setdefault(times * k, []).append(
                    [roc_auc(y, fitted.probability(x[test])), called[y == 1].mean(), called[y == 0].mean(),
                     fake(other).mean()])
        out[h] = {str(n): dict(zip(("auc", "fakes_called_fake", "reals_turned_fake", "other_kinds_reals_turned_fake"),
                                   (round(float(v), 4) for v in np.mean(vals, axis=0))), draws=len(vals))
                  for n, vals in got.items()}
    return out


def mean_over_sources(per_source: dict) -> dict:
    """Per number of real photos, the mean over the sources that have every count (so that they compare)."""
    counts = sorted({n for s in per_source.values() for n in s}, key=int)
    full = [s for s in per_source.values() if all(n in s for n in counts)]
    return {n: {key: round(float(np.mean([s[n][key] for s in full])), 4) for key in full[0][n] if key != "draws"}
            | {"sources": len(full)} for n in counts} if full else {}


def run(log=print) -> dict:
    from deepfake_desk.core.learn import feature_model, real_bank
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.resources import default_manifest_path

    rows = Rows.load()
    manifest = load_manifest(default_manifest_path())
    x = feature_matrix(FEATURES, rows).astype(np.float64)
    per_source = measure(rows, x, face_presence(rows, log), manifest.bands.t_fake,
                         real_bank(feature_model(manifest)))
    report = {"method": __doc__.split("\n\n")[1], "features": FEATURES, "fakes": K, "draws": DRAWS,
              "per_source": per_source, "mean": mean_over_sources(per_source)}
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(json.dumps(report["mean"], indent=1))
    log(f"wrote {REPORT}")
    return report


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m training fewshot_reals", description=__doc__.split("\n\n")[0])
    parser.parse_args(argv)
    run()


if __name__ == "__main__":
    main()
