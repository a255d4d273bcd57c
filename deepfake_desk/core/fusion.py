"""From raw model outputs to one calibrated probability and a verdict."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np

from deepfake_desk.core.manifest import Bands, Calibration, Fusion, ModelSpec
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import UNFAMILIAR_NOTE, percent, taught_line

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


def fuse_scores(probabilities: Mapping[str, float], weights: Mapping[str, float], fusion: Fusion) -> float | None:
    """Fuse calibrated per-model probabilities; models absent from `probabilities` are left out."""
    used = [(p, weights.get(k, 0.0)) for k, p in probabilities.items() if p is not None and weights.get(k, 0.0) > 0]
    if not used:
        return None
    if fusion.method == "logistic":
        return float(sigmoid(fusion.bias + sum(w * float(logit(p)) for p, w in used)))
    total = sum(w for _, w in used)
    return float(sum(p * w for p, w in used) / total)


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


def verdict_for(probability: float | None, bands: Bands,
                model_probabilities: Mapping[str, float] | None = None) -> Verdict:
    """FAKE at or above t_fake, REAL below t_real, UNCERTAIN between; NOT_ANALYSED if no score.
    With `bands.dissent`, a decided verdict that one model contradicts that strongly is UNCERTAIN."""
    if probability is None or math.isnan(probability):
        return Verdict.NOT_ANALYSED
    verdict = (Verdict.FAKE if probability >= bands.t_fake
               else Verdict.REAL if probability < bands.t_real else Verdict.UNCERTAIN)
    if verdict.decided and dissenters(verdict, model_probabilities or {}, bands):
        return Verdict.UNCERTAIN
    return verdict


def dissenters(verdict: Verdict, model_probabilities: Mapping[str, float], bands: Bands) -> list[str]:
    """The models that contradict a decided verdict at least as strongly as `bands.dissent`."""
    if bands.dissent is None or not Verdict.from_value(verdict).decided:
        return []
    if verdict == Verdict.REAL:
        return [m for m, p in model_probabilities.items() if p >= bands.dissent]
    return [m for m, p in model_probabilities.items() if p <= 1.0 - bands.dissent]


TAUGHT_FAKE = 0.86  # a taught detector's defaults when its entry sets no thresholds
TAUGHT_UNCERTAIN = 0.5


def raise_by_taught(verdict: Verdict, probabilities: Mapping[str, float], taught: Sequence[ModelSpec],
                    familiar: Mapping[str, bool] | None = None) -> tuple[Verdict, list[str]]:
    """A verdict raised by the detectors the user taught, and one note per taught detector.

    A taught detector knows one kind of fake from a few dozen examples, so it may add
    suspicion but never remove it: at or above its `fake` threshold a verdict becomes
    fake, at or above `uncertain` a 'real' one becomes uncertain, and below that it
    changes nothing (it cannot make a file look real). See docs/teach.md.

    `familiar` says, per taught detector, whether the file lies near the real photos it
    was taught with (core/familiarity.py; None: not checked). A file unlike them cannot
    be made fake by that detector: its score then makes the verdict at most uncertain.
    """
    notes = []
    for spec in taught:
        p = probabilities.get(spec.id)
        if p is None:
            continue
        fake_at = float(spec.thresholds.get("fake", TAUGHT_FAKE))
        uncertain_at = float(spec.thresholds.get("uncertain", TAUGHT_UNCERTAIN))
        near = True if familiar is None else bool(familiar.get(spec.id, False))
        line = taught_line(spec.name, p)
        if p >= fake_at and verdict != Verdict.FAKE and near:
            verdict = Verdict.FAKE
            line += f"; it makes the verdict fake (it says fake from {percent(fake_at)})"
        elif p >= fake_at and verdict != Verdict.FAKE:
            verdict = Verdict.UNCERTAIN
            line += ("; " + UNFAMILIAR_NOTE)
        elif p >= uncertain_at and verdict == Verdict.REAL:
            verdict = Verdict.UNCERTAIN
            line += f"; it makes the verdict uncertain (from {percent(uncertain_at)} it does not let a file pass as real)"
        notes.append(line)
    return verdict, notes
