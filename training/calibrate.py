"""Fit, on the validation split only: Platt scaling per model, the fusion (weights
starting from the seed's 0.6/0.4) and the verdict bands; write them to the manifest.

Platt: p = sigmoid(a * z + b) on each model's crop-averaged logit z.
Fusion: the app's `weighted_mean` (simplex grid search, seed weights as the start and
tie-breaker) and `logistic` stacking (non-negative weights) are both fitted; the one
with the lower validation log loss is written.
Bands: t_fake is the lowest threshold above which >= 95% of validation images are
fake, t_real the highest below which >= 95% are real; between them is "uncertain".
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np

from deepfake_desk.core import logistic
from training import export, scoring
from training.metrics import log_loss

BAND_PRECISION = 0.95


def fit_platt(z, y) -> tuple[float, float]:
    """(a, b) of a shipped model's Platt scaling on its validation logits: the app's own fit
    (core.logistic.fit_platt), unbalanced (the validation split's class mix as it is)."""
    return logistic.fit_platt(z, y, balanced=False)


def fit_weighted_mean(probs: dict[str, np.ndarray], y, start: dict[str, float], step: float = 0.05) -> dict[str, float]:
    """Weights on the simplex minimising validation log loss of the weighted mean."""
    ids = list(probs)
    grid = np.round(np.arange(0, 1 + 1e-9, step), 4)
    best, best_loss = dict(start), log_loss(y, _wmean(probs, start))
    for combo in itertools.product(grid, repeat=len(ids) - 1):
        last = 1 - sum(combo)
        if last < -1e-9:
            continue
        w = dict(zip(ids, [*combo, max(0.0, round(last, 4))]))
        loss = log_loss(y, _wmean(probs, w))
        if loss < best_loss - 1e-9:
            best, best_loss = w, loss
    return {k: float(v) for k, v in best.items()}


def _wmean(probs, w):
    total = sum(w.get(k, 0) for k in probs)
    if total <= 0:
        return np.full(len(next(iter(probs.values()))), 0.5)
    return sum(w.get(k, 0) * p for k, p in probs.items()) / total


def fit_logistic(probs: dict[str, np.ndarray], y, iters: int = 3000, lr: float = 0.05) -> tuple[dict[str, float], float]:
    """Stacking: sigmoid(bias + sum w_i logit(p_i)) with w_i >= 0 (projected gradient descent)."""
    ids = list(probs)
    from deepfake_desk.core.fusion import logit

    x = np.stack([logit(probs[k]) for k in ids], 1)
    y = np.asarray(y, np.float64)
    w, b = np.full(len(ids), 1.0 / len(ids)), 0.0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        w = np.maximum(0.0, w - lr * (x.T @ (p - y)) / len(y))
        b -= lr * float(np.mean(p - y))
    return dict(zip(ids, map(float, w))), float(b)


def fit_bands(p, y, precision: float = BAND_PRECISION) -> dict[str, float]:
    """t_real <= 0.5 <= t_fake so that each decided side is right `precision` of the time on val."""
    p, y = np.asarray(p), np.asarray(y)
    upper = np.round(np.arange(0.50, 0.991, 0.01), 2)  # t_fake candidates, lowest first
    lower = np.round(1 - upper, 2)  # t_real candidates, highest first
    t_fake = next((float(t) for t in upper if (p >= t).any() and y[p >= t].mean() >= precision), 0.99)
    t_real = next((float(t) for t in lower if (p < t).any() and (1 - y[p < t]).mean() >= precision), 0.01)
    return {"t_real": t_real, "t_fake": t_fake}


# A decided verdict that one model contradicts with calibrated probability >= 0.95 (or
# <= 0.05) is shown as uncertain (deepfake_desk.core.decision.dissenters). With the shipped models it
# touches no validation image and 2 of 1,401 test images (one verdict right, one wrong;
# `uncertain_by_dissent` in band_report), so it costs almost nothing there; it catches
# pictures unlike the training data, such as our own GAN's samples, which the CNN calls
# fake at 0.99 while the fusion, led by the MobileNetV2 probe, says real.
DISSENT = 0.95


def verdicts(p, bands: dict, model_probabilities: dict | None = None, counted=None) -> np.ndarray:
    """The app's verdict ('real' / 'uncertain' / 'fake') for each fused probability, by the
    app's own rule (deepfake_desk.core.decision.decide), so measured bands are what the app shows.
    `counted`: the models whose dissent counts (fusion weight > 0), as in the app; None: every model given."""
    from deepfake_desk.core.decision import Rule, Scores, decide
    from deepfake_desk.core.manifest import Bands

    rule = Rule(Bands(bands["t_real"], bands["t_fake"], bands.get("dissent")),
                None if counted is None else frozenset(counted))
    models = {k: np.asarray(v) for k, v in (model_probabilities or {}).items()}
    return np.array([str(decide(Scores(float(q), {k: float(v[i]) for k, v in models.items()}), rule).verdict)
                     for i, q in enumerate(np.asarray(p))])


def band_report(p, y, bands: dict, model_probabilities: dict | None = None, counted=None) -> dict:
    """Uncertain share and accuracy of decided verdicts; with `model_probabilities`
    (model -> array) and `bands["dissent"]`, verdicts that a counted model strongly contradicts are uncertain."""
    y = np.asarray(y)
    v = verdicts(p, bands, model_probabilities, counted)
    real, fake = v == "real", v == "fake"
    decided = real | fake
    correct = (real & (y == 0)) | (fake & (y == 1))
    return {
        "uncertain_share": float(1 - decided.mean()),
        "decided_accuracy": float(correct[decided].mean()) if decided.any() else None,
        "fake_called_real": int((real & (y == 1)).sum()),
        "real_called_fake": int((fake & (y == 0)).sum()),
        "uncertain_by_dissent": int(((verdicts(p, bands) != "uncertain") & ~decided).sum()),
    }


def verdict_changes(p_clean, p_changed, y, bands: dict) -> dict:
    """How decided verdicts (real/fake on the clean image, fused score only) change on a
    re-encoded copy, and whether the clean verdict was right: would "uncertain when it
    changes" help?"""
    before, after, y = verdicts(p_clean, bands), verdicts(p_changed, bands), np.asarray(y)
    decided = before != "uncertain"
    right = ((before == "real") & (y == 0)) | ((before == "fake") & (y == 1))
    changed = decided & (after != before)
    return {
        "decided": int(decided.sum()),
        "changed": int(changed.sum()),
        "to_opposite": int((changed & (after != "uncertain")).sum()),
        "to_uncertain": int((changed & (after == "uncertain")).sum()),
        "changed_were_right": int((changed & right).sum()),
        "changed_were_wrong": int((changed & ~right).sum()),
        "decided_wrong": int((decided & ~right).sum()),
    }


def calibrate_manifest(manifest_path: str | Path | None = None) -> dict:
    path = Path(manifest_path or export.MODELS_DIR / "manifest.json")
    manifest = scoring.read_manifest(path)
    if (manifest.get("fusion") or {}).get("loso"):
        raise SystemExit(f"{path}: its fusion was fitted on leave-one-source-out scores (python -m training probes "
                         "ship); calibrating on the validation split would replace it. Re-run probes ship instead.")
    val = scoring.cached_scores(path, "val")
    y = val["labels"]
    probs = {}
    for m in manifest["models"]:
        z = val["logits"][m["id"]]
        a, b = fit_platt(z, y)
        m["calibration"] = {"method": "platt", "a": round(a, 6), "b": round(b, 6),
                            "fitted_on": f"validation split, {len(y)} images"}
        probs[m["id"]] = scoring.calibrated(z, m["calibration"])
        print(f"  {m['id']}: platt a={a:.3f} b={b:.3f}  val log loss raw "
              f"{log_loss(y, scoring.calibrated(z, {})):.4f} -> {log_loss(y, probs[m['id']]):.4f}")
    seed = {k: export.SEED_WEIGHTS.get(k, 0.5) for k in probs}
    wm = fit_weighted_mean(probs, y, seed)
    lw, lb = fit_logistic(probs, y)
    candidates = {
        "weighted_mean (seed weights)": ("weighted_mean", seed, 0.0),
        "weighted_mean": ("weighted_mean", wm, 0.0),
        "logistic": ("logistic", lw, lb),
    }
    losses = {name: log_loss(y, scoring.fused(probs, w, method, bias))
              for name, (method, w, bias) in candidates.items()}
    for name, loss in losses.items():
        print(f"  fusion {name}: weights {candidates[name][1]} bias {candidates[name][2]:.3f} val log loss {loss:.4f}")
    chosen = min(("weighted_mean", "logistic"), key=losses.get)
    method, weights, bias = candidates[chosen]
    for m in manifest["models"]:
        m["fusion_weight"] = round(weights[m["id"]], 6)
    p_fused = scoring.fused(probs, weights, method, bias)
    bands = {**fit_bands(p_fused, y), "dissent": DISSENT}
    manifest["bands"] = bands
    fusion = manifest.setdefault("fusion", {})
    fusion.update({"method": method, "bias": round(bias, 6)})
    fusion["validation"] = {
        "images": int(len(y)),
        "log_loss": {k: round(v, 5) for k, v in losses.items()},
        "chosen": chosen,
        "bands": band_report(p_fused, y, bands, probs, [k for k, w in weights.items() if w > 0]),
        "band_rule": f"t_fake: lowest threshold with >= {BAND_PRECISION:.0%} fakes above; "
                     f"t_real: highest with >= {BAND_PRECISION:.0%} reals below (validation split)",
    }
    print(f"  fusion: {chosen}; bands {bands}; {fusion['validation']['bands']}")
    export.write_manifest(manifest, path)
    print(f"wrote {path}")
    return manifest
