"""What the familiarity check does with the shipped backbone: real photos it keeps from turning fake, fakes it costs.

    python benchmarks/familiarity.py --manifest models/manifest.json [--data ../shared/data] [--per-class 20]

Teaches one kind of fake with `learn`'s own code (teach_files: the shipped backbone's
features, the same head, calibration and reals' statistics) in a temporary user folder,
twice: once with real photos of the same source as the fakes, once with real photos of
another kind (issue 33's trap: a desk's archive photos instead of the photos the fakes
imitate). Then, on files it never saw, counts how often the detector alone would make
the verdict fake (its calibrated score at or above its `fake` threshold), without and
with the familiarity rule (a file unlike its real examples cannot be made fake by it).
Data: ../shared/data (never copied into the repo). Results: benchmarks/familiarity.md.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from deepfake_desk.core.detector import OnnxModel
from deepfake_desk.core.familiarity import stats_of, taught_familiarity
from deepfake_desk.core.fusion import calibrated_probability
from deepfake_desk.core.examples import marked_files, read_examples
from deepfake_desk.core.learn import feature_model, teach_files
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.user_models import list_taught

PERCENTILES = (90.0, 95.0, 97.5, 99.0)  # other thresholds than the shipped one, from the same reals
DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"


def images(folder: Path, start: int, count: int) -> list[str]:
    files = sorted(p for p in folder.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    return [str(p) for p in files[start : start + count]]


class Scorer:
    """Features once per file (the backbone), then each taught detector's score and familiarity."""

    def __init__(self, manifest_path: str):
        self.manifest = load_manifest(manifest_path)
        self.backbone = OnnxModel(feature_model(self.manifest))
        self.cache: dict[str, np.ndarray] = {}

    def read(self, paths: list[str]) -> None:
        """Each file's whole-picture features, read as learn reads an example (core.examples.read_examples)."""
        new = [(p, 0) for p in dict.fromkeys(paths) if p not in self.cache]
        for _, path, got in read_examples(new, self.manifest, self.backbone) if new else ():
            if isinstance(got, str):
                raise SystemExit(f"{path}: {got}")
            self.cache[path] = got.features

    def features(self, path: str) -> np.ndarray:
        self.read([path])
        return self.cache[path]

    def judge(self, root: Path, name: str, paths: list[str]) -> dict:
        spec = next(t.spec for t in list_taught(root) if t.name == name)
        head = OnnxModel(spec)
        fake_at = float(spec.thresholds["fake"])
        stats = stats_of(spec)
        scores, familiar, distances = [], [], []
        self.read(paths)
        for path in paths:
            x = self.features(path)
            scores.append(calibrated_probability(head.predict(x[None, :].astype(np.float32)), spec.calibration))
            familiar.append(taught_familiarity(spec, x))
            distances.append(stats.distance(x))
        scores, familiar, distances = np.array(scores), np.array(familiar), np.array(distances)
        other = {f"p{q:g}": int(np.sum((scores >= fake_at) & (distances <= np.percentile(stats.loo_distances, q))))
                 for q in PERCENTILES}
        return {"files": len(paths), "familiar": int(familiar.sum()),
                "made_fake_without_rule": int(np.sum(scores >= fake_at)),
                "made_fake_with_rule": int(np.sum((scores >= fake_at) & familiar)),
                "made_fake_with_rule_at_percentile": other}


def teach(scorer: Scorer, root: Path, name: str, reals: list[str], fakes: list[str], manifest: str) -> dict:
    scorer.read(reals + fakes)  # read once; teach_files reads again (the same reader, the same numbers)
    taught = list(teach_files(name, lambda: marked_files(reals, fakes), ("reals", "fakes"), manifest, root))[-1]
    return {"roc_auc": taught.check.roc_auc, "words": taught.check.words(), "turned_on": taught.enabled}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--source", default="faces/stylegan2_tpdne", help="the kind of fake taught (data set)")
    parser.add_argument("--other-reals", default="generic/modern_t2i", help="reals of another kind (the trap)")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data folder")
    parser.add_argument("--per-class", type=int, default=20)
    parser.add_argument("--held-out", type=int, default=40)
    args = parser.parse_args()
    data = args.data
    src, other = data / args.source, data / args.other_reals
    k, n = args.per_class, args.held_out
    train_real, train_fake = images(src / "real", 0, k), images(src / "fake", 0, k)
    test_real, test_fake = images(src / "real", k, n), images(src / "fake", k, n)
    other_kinds = {name: images(data / name / "real", 0, n // 2)
                   for name in ("faces/stylegan_ffhq", "faces/openforensics", "photos", "generic/imagenet_sd15")}
    started = time.perf_counter()
    scorer = Scorer(args.manifest)
    out: dict = {"source": args.source, "per_class": k, "held_out": n}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out["same_kind_reals"] = teach(scorer, root, "same", train_real, train_fake, args.manifest)
        out["same_kind_reals"]["held_out_reals"] = scorer.judge(root, "same", test_real)
        out["same_kind_reals"]["held_out_fakes"] = scorer.judge(root, "same", test_fake)
        out["same_kind_reals"]["reals_of_other_kinds"] = {
            name: scorer.judge(root, "same", paths) for name, paths in other_kinds.items()}
        print("taught with same-kind reals", file=sys.stderr, flush=True)
        trap_reals = images(other / "real", 0, k)
        out["other_kind_reals"] = teach(scorer, root, "trap", trap_reals, train_fake, args.manifest)
        out["other_kind_reals"]["taught_reals_from"] = args.other_reals
        out["other_kind_reals"]["held_out_reals_of_the_source"] = scorer.judge(root, "trap", test_real)
        out["other_kind_reals"]["held_out_fakes"] = scorer.judge(root, "trap", test_fake)
    out["seconds"] = round(time.perf_counter() - started, 1)
    out["load_average_1min"] = round(os.getloadavg()[0], 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
