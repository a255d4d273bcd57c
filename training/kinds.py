"""Which known kind of fake a file looks most like (issue 33 section 4): one head per kind.

Our six sources hold three kinds of fake, two sources each, so that leaving one source out
still leaves its kind known and the attribution can be measured under LOSO:

    face swaps and manipulations   faces/openforensics, faces/dfdc
    GAN-generated faces            faces/stylegan_ffhq, faces/stylegan2_tpdne
    diffusion text-to-image        generic/imagenet_sd15, generic/modern_t2i

(Five kinds, as the issue lists them, would leave three kinds of one source each, whose
attribution LOSO cannot measure.) Each head is fitted the way a taught detector is: an L2
logistic regression on the features `learn` reads (the shipped EfficientNet-Lite2 probe's
`features` output), the kind's fakes against every source's real photos, each source
subsampled to the same count. A file's kind is the head with the highest score. The heads
never change a verdict: the app names the kind beside a fake or uncertain verdict, with how
often the attribution was right on a source left out of training.

    python -m training kinds          # LOSO and in-distribution attribution, then models/kinds_<model>.npz
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from deepfake_desk.core.kinds import KIND_IDS, KINDS_FILE, KindHeads
from deepfake_desk.core.logistic import fit_logistic
from training import data

KIND_OF_SOURCE = {
    "faces/openforensics": "face_swap",
    "faces/dfdc": "face_swap",
    "faces/stylegan_ffhq": "gan_face",
    "faces/stylegan2_tpdne": "gan_face",
    "generic/imagenet_sd15": "diffusion",
    "generic/modern_t2i": "diffusion",
}
L2 = 1.0  # fixed, not chosen on the six folds (a choice among recipes there overfits them)
FAKES_PER_SOURCE = 300
REALS_PER_SOURCE = 150
SEED = 20261206
REPORT = data.TRAINING_DIR / "reports" / "kinds.json"


def sources_of(kind: str) -> list[str]:
    return [s for s, k in KIND_OF_SOURCE.items() if k == kind]


def _per_source(rows, idx: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    picked = []
    for source in sorted(set(rows.source[idx])):
        mine = idx[rows.source[idx] == source]
        picked.append(rng.choice(mine, size=min(count, len(mine)), replace=False))
    return np.concatenate(picked)


def fit_heads(x: np.ndarray, rows, train: np.ndarray, right: dict[str, float] | None = None) -> KindHeads:
    """One head per kind on the rows `train` (indices): the kind's fakes against all reals."""
    rng = np.random.default_rng(SEED)
    reals = _per_source(rows, train[rows.y[train] == 0], REALS_PER_SOURCE, rng)
    weights, bias = [], []
    for kind in KIND_IDS:
        mine = train[(rows.y[train] == 1) & np.isin(rows.source[train], sources_of(kind))]
        fakes = _per_source(rows, mine, FAKES_PER_SOURCE, rng)
        idx = np.concatenate([fakes, reals])
        head = fit_logistic(x[idx], rows.y[idx], L2)
        weights.append(head.weights)
        bias.append(head.bias)
    right = right or {}
    return KindHeads(KIND_IDS, np.array(weights, np.float32), np.array(bias, np.float32),
                     tuple(float(right.get(k, float("nan"))) for k in KIND_IDS))


def attribution(heads: KindHeads, x: np.ndarray) -> np.ndarray:
    return np.array([heads.nearest(f)[0] for f in x])


def measure(x: np.ndarray, rows, log=print) -> dict:
    """Per source: the share of its test fakes named as their own kind, with the heads fitted without
    that source (LOSO) and with every source's train and validation rows (in-distribution)."""
    fit_rows = rows.where(split=("train", "val"))
    everything = fit_heads(x, rows, fit_rows)
    out = {}
    for source, kind in KIND_OF_SOURCE.items():
        test = rows.where(source=source, split="test", label=1)
        loso = fit_heads(x, rows, rows.where(not_source=source, split=("train", "val")))
        named = attribution(loso, x[test])
        out[source] = {"kind": kind, "test_fakes": int(len(test)),
                       "loso_right": round(float(np.mean(named == kind)), 4),
                       "loso_named": {k: int(np.sum(named == k)) for k in KIND_IDS},
                       "in_distribution_right": round(float(np.mean(attribution(everything, x[test]) == kind)), 4)}
        log(f"{source}: LOSO right {out[source]['loso_right']:.2f}, named {out[source]['loso_named']}")
    per_kind = {}
    for kind in KIND_IDS:
        mine = sources_of(kind)
        n = sum(out[s]["test_fakes"] for s in mine)
        per_kind[kind] = {"sources": mine, "loso_right": round(sum(out[s]["loso_right"] * out[s]["test_fakes"]
                                                                   for s in mine) / n, 4),
                          "loso_right_worst_source": min(out[s]["loso_right"] for s in mine)}
    return {"per_source": out, "per_kind": per_kind}


def run(models_dir: Path | None = None, log=print) -> dict:
    from deepfake_desk.core.learn import feature_model
    from deepfake_desk.core.manifest import load_manifest
    from training import export
    from training.fewshot import Rows, feature_matrix

    started = time.time()
    models_dir = models_dir or export.MODELS_DIR
    spec = feature_model(load_manifest(models_dir / "manifest.json"))
    rows = Rows.load()
    x = feature_matrix(spec.id, rows).astype(np.float64)
    report = measure(x, rows, log)
    right = {k: v["loso_right"] for k, v in report["per_kind"].items()}
    heads = fit_heads(x, rows, rows.where(split=("train", "val")), right)
    out = models_dir / KINDS_FILE.format(model=spec.id)
    heads.save(out, spec.sha256)
    report.update({"model": spec.id, "model_sha256": spec.sha256, "file": out.name, "l2": L2,
                   "fakes_per_source": FAKES_PER_SOURCE, "reals_per_source": REALS_PER_SOURCE,
                   "command": "python -m training kinds", "seconds": round(time.time() - started, 1)})
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out} and {REPORT}")
    from training import card_adapt

    log(f"refreshed {card_adapt.refresh(models_dir / 'MODEL_CARD.md')}")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(prog="python -m training kinds", description=__doc__.split("\n\n")[0]).parse_args(argv)
    run()
