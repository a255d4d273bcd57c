"""How long `deepfake-detector learn` takes: 2 x 100 photos of about 1 megapixel, on this machine.

    python benchmarks/learn.py --manifest MANIFEST [--real DIR --fake DIR] [--count 100] [--megapixels 1]

The examples are copied to a temporary folder at the asked size (JPEG q92; never into
the repo), then `teach` runs end to end exactly as the CLI does (features, grouped
nested cross-validation, final fit, saving into a temporary user folder). Prints the
time of each stage and the cross-validation result; then times the fitting stage alone
on 2 x `--fit-count` feature vectors of the backbone's size, so a short run with a
small --count still says what the fit costs at full size. Then times sharing the
taught detector: `learn --export` (one file) and `learn --import` of that file into
another user folder (checks, card, save). The manifest must list a model with a
`feature_output` (results: benchmarks/learn.md).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from deepfake_desk.core.detector import OnnxModel
from deepfake_desk.core.learn import FOLDS, Progress, Taught, feature_model, teach
from deepfake_desk.core.logistic import choose_l2, fit_logistic, fit_platt, out_of_fold_logits
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.media import load_image
from deepfake_desk.core.share import export_taught, import_taught

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "generic" / "modern_t2i"


def copies_at(source: Path, target: Path, count: int, megapixels: float) -> list[Path]:
    """The first `count` images of `source`, resized to about `megapixels` (aspect kept)."""
    target.mkdir(parents=True)
    out = []
    for path in sorted(p for p in source.iterdir() if p.suffix.lower() in (".jpg", ".jpeg", ".png"))[:count]:
        img = Image.fromarray(load_image(path))
        f = (megapixels * 1e6 / (img.width * img.height)) ** 0.5
        img = img.resize((round(img.width * f), round(img.height * f)), Image.BICUBIC)
        out.append(target / f"{path.stem}.jpg")
        img.save(out[-1], quality=92)
    return out


def fit_seconds(dim: int, per_class: int, seed: int = 0) -> float:
    """The fitting stage of `teach` (nested grouped CV, Platt, final fit) on random features."""
    rng = np.random.default_rng(seed)
    y = np.repeat([0, 1], per_class)
    x = rng.normal(size=(2 * per_class, dim)) + 0.3 * y[:, None] * (rng.random(dim) < 0.05)
    groups = np.arange(2 * per_class)
    started = time.perf_counter()
    oof = out_of_fold_logits(x, y, groups, FOLDS)
    fit_platt(oof, y)
    fit_logistic(x, y, choose_l2(x, y, groups, FOLDS))
    return time.perf_counter() - started


def share_seconds(tmp: Path, manifest, repeats: int = 5) -> dict:
    """Export the benchmark detector to one file and import it elsewhere: best of `repeats` runs."""
    exports, imports = [], []
    for i in range(repeats):
        started = time.perf_counter()
        file = export_taught(tmp / "user", "benchmark", tmp / f"benchmark_{i}.dfdetector")
        exports.append(time.perf_counter() - started)
        started = time.perf_counter()
        import_taught(file, manifest, tmp / f"other_{i}")
        imports.append(time.perf_counter() - started)
    return {"seconds_export_best": round(min(exports), 4), "seconds_export_worst": round(max(exports), 4),
            "seconds_import_best": round(min(imports), 4), "seconds_import_worst": round(max(imports), 4),
            "file_bytes": file.stat().st_size, "repeats": repeats}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", required=True, help="a manifest with a feature_output model")
    parser.add_argument("--real", type=Path, default=DATA / "real")
    parser.add_argument("--fake", type=Path, default=DATA / "fake")
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--megapixels", type=float, default=1.0)
    parser.add_argument("--fit-count", type=int, default=100, help="per class, for the fitting-only timing")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        real = copies_at(args.real, tmp / "real", args.count, args.megapixels)
        fake = copies_at(args.fake, tmp / "fake", args.count, args.megapixels)
        print(f"{len(real)} + {len(fake)} copies ready", file=sys.stderr, flush=True)
        stages: dict[str, float] = {}
        started = last = time.perf_counter()
        stage, taught = "reading the examples", None
        for item in teach("benchmark", tmp / "real", tmp / "fake", args.manifest, tmp / "user"):
            now = time.perf_counter()
            if isinstance(item, Progress) and not item.message.startswith("reading"):
                stages[stage] = stages.get(stage, 0.0) + now - last
                print(f"{stage}: {stages[stage]:.1f} s", file=sys.stderr, flush=True)
                stage, last = item.message, now
            elif isinstance(item, Taught):
                stages[stage] = now - last
                taught = item
        total = time.perf_counter() - started
        share = share_seconds(tmp, load_manifest(args.manifest)) if taught else {}
    examples = len(real) + len(fake)
    dim = OnnxModel(feature_model(load_manifest(args.manifest))).feature_dim
    print(json.dumps({
        "examples": {"real": len(real), "fake": len(fake), "megapixels": args.megapixels},
        "seconds_total": round(total, 1),
        "seconds_by_stage": {k: round(v, 1) for k, v in stages.items()},
        "seconds_per_example_read": round(stages.get("reading the examples", 0.0) / max(1, examples), 3),
        f"seconds_fit_only_{2 * args.fit_count}_examples": round(fit_seconds(dim, args.fit_count), 1),
        "cross_validation": taught.check.to_dict() if taught else None,
        "turned_on": taught.enabled if taught else None, "why_off": taught.why_off if taught else None,
        "share": share,
        "machine": {"cpus": os.cpu_count(), "load_average_1min": round(os.getloadavg()[0], 1),
                    "openblas_threads": os.environ.get("OPENBLAS_NUM_THREADS", "default"),
                    "python": platform.python_version()},
    }, indent=2))


if __name__ == "__main__":
    main()
