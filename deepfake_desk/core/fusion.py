"""From raw model outputs to one calibrated probability and a verdict."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from deepfake_desk.core.manifest import Bands, Calibration, Fusion

_EPS = 1e-6
VERDICTS = ("real", "uncertain", "fake")


def logit(p: float | np.ndarray) -> float | np.ndarray:
    p = np.clip(p, _EPS, 1.0 - _EPS)
    return np.log(p) - np.log1p(-p)


def sigmoid(z: float | np.ndarray) -> float | np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def calibrated_probability(crop_probabilities: Sequence[float] | np.ndarray, calibration: Calibration) -> float:
    """Average an image's crop outputs in logit space, then apply Platt scaling."""
    z = float(np.mean(logit(np.asarray(crop_probabilities, dtype=np.float64))))
    return float(sigmoid(calibration.a * z + calibration.b))


def fuse_scores(probabilities: Mapping[str, float], weights: Mapping[str, float], fusion: Fusion) -> float | None:
    """Fuse calibrated per-model probabilities; models absent from `probabilities` are left out."""
    used = [(p, weights.get(k, 0.0)) for k, p in probabilities.items() if p is not None and weights.get(k, 0.0) > 0]
    if not used:
        return None
    if fusion.method == "logistic":
        return float(sigmoid(fusion.bias + sum(w * float(logit(p)) for p, w in used)))
    total = sum(w for _, w in used)
    return float(sum(p * w for p, w in used) / total)


def verdict_for(probability: float | None, bands: Bands,
                model_probabilities: Mapping[str, float] | None = None) -> str:
    """'fake' at or above t_fake, 'real' below t_real, 'uncertain' between; '' if no score.
    With `bands.dissent`, a decided verdict that one model contradicts that strongly is 'uncertain'."""
    if probability is None or math.isnan(probability):
        return ""
    verdict = "fake" if probability >= bands.t_fake else "real" if probability < bands.t_real else "uncertain"
    if verdict != "uncertain" and dissenters(verdict, model_probabilities or {}, bands):
        return "uncertain"
    return verdict


def dissenters(verdict: str, model_probabilities: Mapping[str, float], bands: Bands) -> list[str]:
    """The models that contradict a decided verdict at least as strongly as `bands.dissent`."""
    if bands.dissent is None or verdict not in ("real", "fake"):
        return []
    if verdict == "real":
        return [m for m, p in model_probabilities.items() if p >= bands.dissent]
    return [m for m, p in model_probabilities.items() if p <= 1.0 - bands.dissent]
