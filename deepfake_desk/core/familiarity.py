"""Is a file like the real photos a taught detector was taught with? (its familiarity)

A taught detector learned what separates a desk's fakes from *its* real photos. On a
real photo unlike those (another source, another camera, another subject) its score
means little: taught with camera photos of another kind, 13 of 62 real agency photos
became "Likely fake" (issue 33, DESIGN.md section 8). So at learn time the real
examples' features are summarised (mean and a shrunk per-dimension spread), and a
distance threshold is set from the reals' own leave-one-out distances; at scan time a
file farther than that from the reals cannot be made fake by that detector alone.

The features are the very vector the detector's head reads: the backbone's pooled
features, averaged over the file's crops.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from deepfake_desk.core.manifest import ModelSpec

FILE_SUFFIX = "_reals.json"  # <name>_reals.json beside the head
# Of the reals' leave-one-out distances: the threshold. Measured by the few-shot yardstick (k = 20, 3 draws,
# mean over the six sources left out; training/reports/fewshot_guards_p75_bank.json has the shipped value with 5):
# 97.5 / 90 / 75 -> other kinds' reals turned fake 3.4% / 2.2% / 0.9%; this source's reals turned fake when
# taught with reals of one other kind 23% / 14% / 5.9%; decided right 95% at each; uncertain 80% / 82% / 84%.
PERCENTILE = 75.0
SHRINK = 0.5  # each dimension's variance is pulled halfway to the median variance
METHOD = (f"mean and per-dimension spread of the real examples' features (variances shrunk {SHRINK:g} toward "
          f"their median); a file is familiar when the median of its standardised differences from the mean is "
          f"at most the {PERCENTILE:g}th percentile of the reals' own leave-one-out distances")


class FamiliarityError(ValueError):
    """Stored statistics that cannot be read or do not fit the features."""


@dataclass(frozen=True)
class RealStats:
    """What the real examples' features look like, and how far is still 'like them'."""

    mean: np.ndarray
    scale: np.ndarray
    threshold: float
    count: int
    loo_distances: tuple[float, ...] = ()

    def distance(self, features: np.ndarray) -> float:
        """The median over features of |standardised difference| from the reals' mean."""
        x = np.asarray(features, dtype=np.float64).reshape(-1)
        if x.shape != self.mean.shape:
            raise FamiliarityError(f"features of length {x.size}, the statistics have {self.mean.size}")
        return _distance(x, self.mean, self.scale)

    def familiar(self, features: np.ndarray) -> bool:
        return self.distance(features) <= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return {"method": METHOD, "count": self.count, "percentile": PERCENTILE, "threshold": self.threshold,
                "loo_distances": [round(d, 6) for d in self.loo_distances],
                "mean": [float(v) for v in self.mean], "scale": [float(v) for v in self.scale]}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> RealStats:
        try:
            mean = np.asarray(raw["mean"], dtype=np.float64)
            scale = np.asarray(raw["scale"], dtype=np.float64)
            threshold = float(raw["threshold"])
            count = int(raw["count"])
        except (KeyError, TypeError, ValueError) as exc:
            raise FamiliarityError(f"unreadable statistics of the real examples ({exc})") from None
        if mean.ndim != 1 or mean.shape != scale.shape or not np.all(scale > 0) or not np.isfinite(threshold):
            raise FamiliarityError("unreadable statistics of the real examples (bad shapes or values)")
        return cls(mean, scale, threshold, count, tuple(float(d) for d in raw.get("loo_distances", ())))


def _distance(x: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> float:
    # The median, not the mean: a generator's trace moves a few features a lot (the ones a head
    # reads), a photo of another kind moves most of them. Measured on the tests' synthetic
    # generator (15 + 15): RMS called 5 of 15 taught fakes unlike the reals, the median 1 of 15;
    # both called all 5 blurred pictures unlike them and all 5 new reals like them.
    return float(np.median(np.abs(x - mean) / scale))


def _mean_and_scale(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    var = x.var(axis=0, ddof=1) if len(x) > 1 else np.zeros(x.shape[1])
    floor = float(np.median(var))
    if floor <= 0:
        floor = float(np.mean(var)) or 1.0
    return mean, np.sqrt((1.0 - SHRINK) * var + SHRINK * floor)


def fit_real_stats(real_features: np.ndarray) -> RealStats:
    """Statistics of the real examples' features [N, D] (N >= 3), with the threshold from their
    leave-one-out distances (each real measured against the others' statistics)."""
    x = np.asarray(real_features, dtype=np.float64)
    if x.ndim != 2 or len(x) < 3:
        raise FamiliarityError("at least 3 real examples are needed to tell what is like them")
    mean, scale = _mean_and_scale(x)
    loo = []
    for i in range(len(x)):
        m, s = _mean_and_scale(np.delete(x, i, axis=0))
        loo.append(_distance(x[i], m, s))
    return RealStats(mean, scale, float(np.percentile(loo, PERCENTILE)), len(x), tuple(loo))


def stats_bytes(stats: RealStats) -> bytes:
    return json.dumps(stats.to_dict()).encode("utf-8")


@functools.lru_cache(maxsize=32)
def _load(path: str, sha256: str, stamp: tuple[int, int]) -> RealStats:  # stamp: a changed file is read again
    data = Path(path).read_bytes()
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise FamiliarityError(f"{Path(path).name} does not match its sha256 (damaged or altered)")
    try:
        return RealStats.from_dict(json.loads(data))
    except ValueError as exc:
        raise FamiliarityError(f"{Path(path).name} cannot be read ({exc})") from None


def stats_of(spec: ModelSpec) -> RealStats | None:
    """The real examples' statistics a taught detector's entry points to (None: taught before they
    were stored). Raises FamiliarityError when they are named but missing or damaged."""
    ref = spec.familiarity
    if not ref:
        return None
    try:
        path = spec.path.parent / str(ref["file"])
        info = path.stat()
        return _load(str(path), str(ref.get("sha256", "")), (info.st_mtime_ns, info.st_size))
    except (OSError, KeyError, TypeError) as exc:
        raise FamiliarityError(f"the statistics of its real examples cannot be read ({exc})") from None


def mostly(flags: Iterable[bool]) -> bool:
    """More than half true: a video is like a taught detector's real photos when most of its frames are (a scan,
    a taught detector's stretch, learn's count of what it would call fake alone)."""
    flags = [bool(f) for f in flags]
    return 2 * sum(flags) > len(flags)


FACE_GAP = 0.5  # fakes and reals that differ this much in their share of pictures with a face (learn warns)


def faces_apart(fake_share: float, real_share: float) -> bool:
    """Most fakes show a face and few real photos do: the rule behind learn's warning, face_gap and
    training/guard_study.py (swap the arguments for the reverse)."""
    return fake_share - real_share >= FACE_GAP


def face_counts_apart(with_face: tuple[int, int], counts: tuple[int, int]) -> bool:
    """`faces_apart` on counts: (fakes, reals) showing a face out of (fakes, reals) taught (swap both for the
    reverse). What learn warns about, records and holds a detector to (face_gap)."""
    return faces_apart(with_face[0] / max(1, counts[0]), with_face[1] / max(1, counts[1]))


def face_gap(spec: ModelSpec) -> bool:
    """Whether most of a taught detector's fakes showed a face and few of its real photos did (its entry's
    `training_data.<class>.with_a_face`, written by learn; False when unknown). Such a detector may have
    learned faces rather than fakes: a picture with a face is then unlike the real photos it was taught with
    (measured: training/guard_study.py, the model card)."""
    blocks = [spec.training_data.get(key) if isinstance(spec.training_data, dict) else None for key in ("fake", "real")]
    if not all(isinstance(b, dict) and isinstance(b.get("with_a_face"), int) and b.get("count") for b in blocks):
        return False
    return face_counts_apart((blocks[0]["with_a_face"], blocks[1]["with_a_face"]),
                             (blocks[0]["count"], blocks[1]["count"]))


def taught_familiarity(spec: ModelSpec, features: np.ndarray) -> bool:
    """Whether a file's features (the pooled vector the head reads, averaged over crops) lie near
    the real photos `spec` was taught with. A detector without stored statistics, or with
    unreadable ones, finds nothing familiar: it may then raise a verdict to uncertain, never to fake."""
    try:
        stats = stats_of(spec)
        return stats is not None and stats.familiar(features)
    except FamiliarityError:
        return False
