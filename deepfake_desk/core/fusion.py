"""From raw model outputs to one calibrated probability (the verdict: core/decision.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from deepfake_desk.core.manifest import Calibration, Fusion

_EPS = 1e-6


def logit(p: float | np.ndarray) -> float | np.ndarray:
    p = np.clip(p, _EPS, 1.0 - _EPS)
    return np.log(p) - np.log1p(-p)


def sigmoid(z: float | np.ndarray) -> float | np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def calibrated_probability(crop_probabilities: Sequence[float] | np.ndarray, calibration: Calibration) -> float:
    """Average an image's crop outputs in logit space, then apply Platt scaling."""
    z = float(np.mean(logit(np.asarray(crop_probabilities, dtype=np.float64))))
    return float(sigmoid(calibration.a * z + calibration.b))


def fuse_scores(probabilities: Mapping[str, float | np.ndarray], weights: Mapping[str, float],
                fusion: Fusion) -> float | np.ndarray | None:
    """Fuse calibrated per-model probabilities; models absent from `probabilities` or without a
    positive weight are left out. Arrays (one probability per image: training) fuse element-wise."""
    used = [(p, weights.get(k, 0.0)) for k, p in probabilities.items() if p is not None and weights.get(k, 0.0) > 0]
    if not used:
        return None
    if fusion.method == "logistic":
        fused = sigmoid(fusion.bias + sum(w * logit(p) for p, w in used))
    else:
        fused = sum(np.asarray(p, dtype=np.float64) * w for p, w in used) / sum(w for _, w in used)
    return float(fused) if np.ndim(fused) == 0 else fused


def fusion_shares(weights: Mapping[str, float]) -> dict[str, float]:
    """How much each model counts in the combined score, as shares summing to 1.

    For a weighted mean this is exact: a model's share of the mean is its weight over
    the sum. For the logistic stack, fused = sigmoid(bias + sum(w_i * logit(p_i))):
    each calibrated model adds its log-odds times its weight, so when the models are
    equally sure (equal |logit|) each moves the combined score in proportion to its
    |weight|. The share is therefore |w_i| / sum |w_j| for both methods; on one file
    a model that is surer than the others moves the score more than its share.
    """
    total = sum(abs(w) for w in weights.values())
    if total <= 0:
        return {m: 0.0 for m in weights}
    return {m: abs(w) / total for m, w in weights.items()}
