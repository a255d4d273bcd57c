"""models/manifest.json: which models exist, how to feed them, how to fuse them.

The schema is documented in models/MANIFEST_SCHEMA.md. Loading never raises for one
bad model entry: it becomes a `ModelProblem` and the other models stay usable.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from deepfake_desk.core.wording import DEFAULT_PLAIN_NAMES, kinds_of_fakes, taught_name

SCHEMA_VERSION = 1
CROP_MODES = ("center", "five", "resize", "whole")
_MODEL_ID = re.compile(r"^[a-z0-9_]+$")


class ManifestError(Exception):
    """The manifest as a whole cannot be used (missing, not JSON, wrong schema)."""


@dataclass(frozen=True)
class Preprocess:
    channel_order: str = "RGB"
    resize_short_side: int | None = None
    crop: str = "center"
    scale: float = 1.0 / 255.0
    offset: float = 0.0
    max_side: int | None = None  # first shrink so the longer side is at most this (never enlarges)


@dataclass(frozen=True)
class Calibration:
    method: str = "none"
    a: float = 1.0
    b: float = 0.0


@dataclass(frozen=True)
class Backbone:
    """For a taught detector: the model whose pooled features its head reads.

    The sha256 pins the exact backbone file: a head fitted on one backbone's
    features means nothing on another's, so a changed backbone retires the head.
    """

    id: str
    sha256: str


@dataclass(frozen=True)
class ModelSpec:
    id: str
    name: str
    path: Path
    sha256: str
    layout: str
    height: int
    width: int
    channels: int
    preprocess: Preprocess
    calibration: Calibration
    fusion_weight: float
    version: str = ""
    metrics: dict[str, Any] = field(default_factory=dict, compare=False)
    training_data: dict[str, Any] = field(default_factory=dict, compare=False)
    thresholds: dict[str, Any] = field(default_factory=dict, compare=False)
    weak_spots: tuple[str, ...] = ()  # known failure modes, for the model card
    plain_name: str = ""  # what the window calls it ("Small fake-pattern detector (seed CNN)"); `name` is technical
    # Name of a second ONNX output with per-crop pooled features, float32 [N, D], that
    # detectors taught by a newsroom (core/learn.py) fit their head on. None: no such output.
    feature_output: str | None = None
    # Set for a taught detector: its ONNX file is a head over `backbone`'s features.
    backbone: Backbone | None = None
    # A taught detector's real examples' feature statistics: {"file": ..., "sha256": ...} (core/familiarity.py).
    familiarity: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def taught(self) -> bool:
        """A detector fitted by the user from their own examples (it never joins the fusion)."""
        return self.backbone is not None

    @property
    def column(self) -> str:
        """This model's column in the scan CSV."""
        return f"{self.id}_probability"


@dataclass(frozen=True)
class ModelProblem:
    model_id: str
    reason: str
    spec: ModelSpec | None = field(default=None, compare=False)  # when the entry itself could be read

    def __str__(self) -> str:
        return f"model '{self.model_id}' is not used: {self.reason}"


@dataclass(frozen=True)
class Bands:
    t_real: float = 0.3
    t_fake: float = 0.7
    # A decided verdict becomes "uncertain" when one model says the opposite at least this
    # strongly (its calibrated probability >= dissent, or <= 1 - dissent). None: no such rule.
    dissent: float | None = None


@dataclass(frozen=True)
class Fusion:
    method: str = "weighted_mean"
    bias: float = 0.0
    metrics: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class FaceDetectorSpec:
    """The manifest's `face_detector`: a YuNet ONNX file for cv2.FaceDetectorYN, and when to use it."""

    path: Path
    sha256: str
    score_threshold: float = 0.8  # YuNet's confidence below which a box is dropped
    nms_threshold: float = 0.3
    search_long_side: int = 640  # faces are searched on a copy at most this large (speed)
    # only pictures whose shorter side is at least this get a face search (None: derived
    # from the models' input sizes; smaller pictures are already face crops like the training data)
    min_image_side: int | None = None


@dataclass
class Manifest:
    path: Path
    models: list[ModelSpec]
    problems: list[ModelProblem]
    fusion: Fusion
    bands: Bands
    video_frames: int = 16
    raw: dict[str, Any] = field(default_factory=dict, repr=False)
    listed_ids: list[str] = field(default_factory=list)  # every model the manifest lists, usable or not
    # Pictures the models cannot judge (computer graphics) get no verdict (core/assessable.py);
    # a manifest of models trained on such pictures (the tests' colour models) turns it off.
    check_assessable: bool = True
    face_detector: FaceDetectorSpec | None = None  # None: no face search

    @property
    def model_ids(self) -> list[str]:
        return [m.id for m in self.models]

    def listed_spec(self, model_id: str) -> ModelSpec | None:
        """A listed model's parsed entry, usable or not (None when the entry itself is broken)."""
        for spec in self.models:
            if spec.id == model_id:
                return spec
        return next((p.spec for p in self.problems if p.model_id == model_id and p.spec is not None), None)

    @property
    def training_sources(self) -> list[str]:
        """Every data source a listed model was trained on, each once, in manifest order."""
        sources: list[str] = []
        for model_id in self.listed_ids:
            spec = self.listed_spec(model_id)
            for source in (spec.training_data.get("sources", []) if spec else []) or []:
                if isinstance(source, str) and source not in sources:
                    sources.append(source)
        return sources

    @property
    def known_fakes(self) -> list[str]:
        """The kinds of fakes the models were trained to find, in plain words (for the verdict wording)."""
        return kinds_of_fakes(self.training_sources)


def file_sha256(path: str | Path, chunk: int = 1 << 20) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def _parse_model(entry: dict[str, Any], folder: Path) -> ModelSpec:
    model_id = entry["id"]
    if not isinstance(model_id, str) or not _MODEL_ID.match(model_id):
        raise ValueError(f"invalid model id {model_id!r} (lower-case letters, digits, _)")
    inp = entry["input"]
    pre = entry.get("preprocess", {})
    cal = entry.get("calibration", {}) or {}
    layout = inp.get("layout", "NHWC")
    if layout not in ("NHWC", "NCHW"):
        raise ValueError(f"unknown input layout {layout!r}")
    preprocess = Preprocess(
        channel_order=pre.get("channel_order", "RGB"),
        resize_short_side=pre.get("resize_short_side"),
        max_side=pre.get("max_side"),
        crop=pre.get("crop", "center"),
        scale=float(pre.get("scale", 1.0 / 255.0)),
        offset=float(pre.get("offset", 0.0)),
    )
    if preprocess.crop not in CROP_MODES:
        raise ValueError(f"unknown crop mode {preprocess.crop!r}")
    if preprocess.channel_order not in ("RGB", "BGR"):
        raise ValueError(f"unknown channel order {preprocess.channel_order!r}")
    method = cal.get("method", "none")
    if method == "temperature" and "a" not in cal:
        calibration = Calibration(method, 1.0 / float(cal.get("temperature", 1.0)), 0.0)
    else:
        calibration = Calibration(method, float(cal.get("a", 1.0)), float(cal.get("b", 0.0)))
    if entry.get("output", {}).get("meaning", "probability_fake") != "probability_fake":
        raise ValueError("output meaning must be 'probability_fake'")
    feature_output = entry.get("feature_output")
    if feature_output is not None and not (isinstance(feature_output, str) and feature_output):
        raise ValueError("feature_output must be the name of an ONNX output")
    backbone = entry.get("backbone")
    if backbone is not None:
        backbone = Backbone(str(backbone["id"]), str(backbone["sha256"]).lower())
    return ModelSpec(
        id=model_id,
        name=entry.get("name", model_id),
        path=(folder / entry["file"]).resolve(),
        sha256=str(entry["sha256"]).lower(),
        layout=layout,
        height=int(inp["height"]),
        width=int(inp["width"]),
        channels=int(inp.get("channels", 3)),
        preprocess=preprocess,
        calibration=calibration,
        fusion_weight=float(entry.get("fusion_weight", 1.0)),
        version=str(entry.get("version", "")),
        metrics=entry.get("metrics", {}) or {},
        training_data=entry.get("training_data", {}) or {},
        thresholds=entry.get("thresholds", {}) or {},
        weak_spots=_text_list(entry.get("weak_spots") or entry.get("limitations")),
        plain_name=str(entry.get("plain_name") or DEFAULT_PLAIN_NAMES.get(model_id)
                       or (taught_name(model_id) if backbone else entry.get("name") or model_id)),
        feature_output=feature_output,
        backbone=backbone,
        familiarity=dict(entry.get("familiarity") or {}) if backbone else {},
    )


def _text_list(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value) if isinstance(value, list) else ()


def _parse_face_detector(raw: Any, folder: Path, verify_files: bool) -> FaceDetectorSpec:
    """The `face_detector` entry; raises ValueError (becomes a problem: the models still work without faces)."""
    if not isinstance(raw, dict):
        raise ValueError("face_detector must be an object")
    try:
        spec = FaceDetectorSpec(
            path=(folder / raw["file"]).resolve(),
            sha256=str(raw["sha256"]).lower(),
            score_threshold=float(raw.get("score_threshold", FaceDetectorSpec.score_threshold)),
            nms_threshold=float(raw.get("nms_threshold", FaceDetectorSpec.nms_threshold)),
            search_long_side=int(raw.get("search_long_side", FaceDetectorSpec.search_long_side)),
            min_image_side=None if raw.get("min_image_side") is None else int(raw["min_image_side"]),
        )
    except (KeyError, TypeError) as exc:
        raise ValueError(f"bad manifest entry ({exc})") from None
    if verify_files:
        if not spec.path.is_file():
            raise ValueError(f"file {spec.path.name} is missing")
        if file_sha256(spec.path) != spec.sha256:
            raise ValueError(f"file {spec.path.name} does not match its sha256 (damaged or altered)")
    return spec


def load_manifest(path: str | Path, verify_files: bool = True) -> Manifest:
    """Read a manifest; each model whose entry or file is bad becomes a ModelProblem.

    With verify_files, a model's file must exist and match its sha256 (a tampered or
    truncated model is refused before onnxruntime ever parses it).
    """
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ManifestError(f"no model manifest at {path}") from None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"cannot read the model manifest {path}: {exc}") from None
    if not isinstance(raw, dict) or raw.get("schema_version") != SCHEMA_VERSION:
        raise ManifestError(f"{path}: unsupported manifest (schema_version must be {SCHEMA_VERSION})")

    models: list[ModelSpec] = []
    problems: list[ModelProblem] = []
    seen: set[str] = set()
    listed: list[str] = []
    for entry in raw.get("models", []):
        model_id = str(entry.get("id", "?")) if isinstance(entry, dict) else "?"
        if isinstance(entry, dict) and isinstance(entry.get("id"), str) and entry["id"] not in listed:
            listed.append(entry["id"])
        try:
            spec = _parse_model(entry, path.parent)
        except (KeyError, TypeError, ValueError) as exc:
            problems.append(ModelProblem(model_id, f"bad manifest entry ({exc})"))
            continue
        if spec.id in seen:
            problems.append(ModelProblem(spec.id, "listed twice in the manifest"))
            continue
        seen.add(spec.id)
        if verify_files:
            if not spec.path.is_file():
                problems.append(ModelProblem(spec.id, f"file {spec.path.name} is missing", spec))
                continue
            if file_sha256(spec.path) != spec.sha256:
                problems.append(
                    ModelProblem(spec.id, f"file {spec.path.name} does not match its sha256 (damaged or altered)", spec)
                )
                continue
        models.append(spec)

    fusion_raw = raw.get("fusion", {}) or {}
    fusion = Fusion(
        method=fusion_raw.get("method", "weighted_mean"),
        bias=float(fusion_raw.get("bias", 0.0)),
        metrics=fusion_raw.get("metrics", {}) or {},
    )
    if fusion.method not in ("weighted_mean", "logistic"):
        raise ManifestError(f"{path}: unknown fusion method {fusion.method!r}")
    bands_raw = raw.get("bands", {}) or {}
    dissent = bands_raw.get("dissent")
    bands = Bands(float(bands_raw.get("t_real", 0.3)), float(bands_raw.get("t_fake", 0.7)),
                  None if dissent is None else float(dissent))
    if not 0.0 <= bands.t_real <= bands.t_fake <= 1.0:
        raise ManifestError(f"{path}: verdict bands must satisfy 0 <= t_real <= t_fake <= 1")
    if bands.dissent is not None and not 0.5 < bands.dissent <= 1.0:
        raise ManifestError(f"{path}: bands.dissent must be above 0.5 and at most 1")
    frames = int((raw.get("video", {}) or {}).get("frames", 16))
    face_detector = None
    if raw.get("face_detector") is not None:
        try:
            face_detector = _parse_face_detector(raw["face_detector"], path.parent, verify_files)
        except ValueError as exc:
            problems.append(ModelProblem("face_detector", f"{exc}; faces are not searched"))
    check_assessable = bool((raw.get("assessable", {}) or {}).get("enabled", True))
    return Manifest(path, models, problems, fusion, bands, frames, raw, listed, face_detector=face_detector,
                    check_assessable=check_assessable)
