"""Which known kind of fake a file looks most like: one linear head per kind over the features
a taught detector reads (training/kinds.py fits them; issue 33 section 4).

The heads never change a verdict. Beside a fake or uncertain verdict the app names the kind
whose head scores the file highest, with how often that was right for a source left out of
training (core/wording.py words it). Stored beside the models as kinds_<feature model>.npz,
tied to that model's sha256: heads of another model version are not used.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from deepfake_desk.core.manifest import ModelSpec

KINDS_FILE = "kinds_{model}.npz"
KIND_IDS = ("face_swap", "gan_face", "diffusion")  # worded by core/wording.KIND_NAMES
# A kind is named only when its head finds the file more likely a fake of that kind than a real photo: on the
# bundled real samples with an uncertain verdict the highest head scored 0.5-4%, and naming a kind there would
# read as evidence.
NAMED_FROM = 0.5


def _top(probabilities: dict[str, float]) -> tuple[str, float]:
    if not probabilities:
        return "", float("nan")
    kind = max(probabilities, key=probabilities.get)
    return kind, probabilities[kind]


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


@dataclass(frozen=True)
class KindHeads:
    ids: tuple[str, ...]
    weights: np.ndarray  # [K, D]
    bias: np.ndarray  # [K]
    right_under_loso: tuple[float, ...]  # per kind: share of a left-out source's fakes named as their kind

    def probabilities(self, features: np.ndarray) -> dict[str, float]:
        """Per kind: the head's chance that the file is a fake of that kind rather than a real photo."""
        x = np.asarray(features, dtype=np.float64).reshape(-1)
        if x.shape[0] != self.weights.shape[1]:
            return {}
        p = _sigmoid(self.weights.astype(np.float64) @ x + self.bias)
        return {k: float(v) for k, v in zip(self.ids, p)}

    def nearest(self, features: np.ndarray) -> tuple[str, float]:
        """The kind whose head scores the file highest, and that score ('' when the features do not fit)."""
        return _top(self.probabilities(features))

    def named(self, probabilities: dict[str, float]) -> dict:
        """What the app says of per-kind scores (`probabilities`): the top kind, its score and how often it
        was right under LOSO, when that score is at least NAMED_FROM; {} otherwise."""
        kind, p = _top(probabilities)
        if not kind or p < NAMED_FROM:  # no head thinks it a fake of its kind: nothing to name
            return {}
        return {"kind": kind, "probability": p, "right": self.right(kind)}

    def right(self, kind: str) -> float | None:
        try:
            value = self.right_under_loso[self.ids.index(kind)]
        except ValueError:
            return None
        return None if np.isnan(value) else value

    def save(self, path: Path, model_sha256: str) -> None:
        np.savez(path, ids=np.array(self.ids), weights=self.weights.astype(np.float32),
                 bias=self.bias.astype(np.float32), right_under_loso=np.array(self.right_under_loso, np.float64),
                 model_sha256=np.array(model_sha256))


@functools.lru_cache(maxsize=4)
def _load(path: str, stamp: tuple[int, int], model_sha256: str) -> KindHeads | None:
    try:
        with np.load(path) as got:
            if str(got["model_sha256"]) != model_sha256:
                return None
            heads = KindHeads(tuple(str(i) for i in got["ids"]), np.asarray(got["weights"], np.float32),
                              np.asarray(got["bias"], np.float32),
                              tuple(float(v) for v in got["right_under_loso"]))
    except (OSError, KeyError, ValueError):
        return None
    if heads.weights.ndim != 2 or heads.weights.shape[0] != len(heads.ids) or heads.bias.shape != (len(heads.ids),):
        return None
    return heads


def kind_heads(spec: ModelSpec) -> KindHeads | None:
    """The kind heads shipped for a feature model (None: none, unreadable, or made for another version)."""
    path = spec.path.parent / KINDS_FILE.format(model=spec.id)
    try:
        info = path.stat()
    except OSError:
        return None
    return _load(str(path), (info.st_mtime_ns, info.st_size), spec.sha256)
