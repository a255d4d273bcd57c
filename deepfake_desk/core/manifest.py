"""models/manifest.json: which models exist, how to feed them, how to fuse them.

The schema is documented in models/MANIFEST_SCHEMA.md. Loading never raises for one
bad model entry: it becomes a `ModelProblem` and the other models stay usable.
"""

from __future__ import annotations

import hashlib
import json
import os
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
    fitted_on: str = field(default="", compare=False)  # what it was fitted on, in words


@dataclass(frozen=True)
class Backbone:
    """For a taught detector: the model whose pooled features its head reads.

    The sha256 pins the exact backbone file: a head fitted on one backbone's
    features means nothing on another's, so a changed backbone retires the head.
    """

    id: str
    sha256: str
    feature_output: str | None = None  # the backbone's feature output the head was fitted on


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
    fusion_note: str = ""  # why it counts as it does ("not counted: ..."), for people reading the manifest
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
    rule: str = field(default="", compare=False)  # how they were fitted, in words


@dataclass(frozen=True)
class Fusion:
    method: str = "weighted_mean"
    bias: float = 0.0
    metrics: dict[str, Any] = field(default_factory=dict, compare=False)  # held-out test splits (training evaluate)
    fitted_on: str = field(default="", compare=False)
    # Leave-one-source-out figures of the combined verdict (`training probes ship`):
    # condition ("clean", "social", ...) -> measure ("auc", "decided_accuracy", "uncertain_share", ...)
    # -> {"mean": .., "worst": ..} over the sources left out in turn. What the verdicts are worth: core/worth.py.
    loso: dict[str, Any] = field(default_factory=dict, compare=False)
    validation: dict[str, Any] = field(default_factory=dict, compare=False)  # on the split it was fitted on


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
    name: str = ""
    licence: str = ""
    source: str = ""
    measured: dict[str, Any] = field(default_factory=dict, compare=False)


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
    # `familiarity.enabled`: a decided verdict on a picture unlike the training photos becomes
    # uncertain (core/decision.py). Off until measurements say it helps.
    check_familiar: bool = False
    created: str = ""  # when training wrote it (UTC, ISO 8601)

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
        calibration = Calibration(method, 1.0 / float(cal.get("temperature", 1.0)), 0.0, str(cal.get("fitted_on", "")))
    else:
        calibration = Calibration(method, float(cal.get("a", 1.0)), float(cal.get("b", 0.0)),
                                  str(cal.get("fitted_on", "")))
    if entry.get("output", {}).get("meaning", "probability_fake") != "probability_fake":
        raise ValueError("output meaning must be 'probability_fake'")
    feature_output = entry.get("feature_output")
    if feature_output is not None and not (isinstance(feature_output, str) and feature_output):
        raise ValueError("feature_output must be the name of an ONNX output")
    backbone = entry.get("backbone")
    if backbone is not None:
        backbone = Backbone(str(backbone["id"]), str(backbone["sha256"]).lower(), backbone.get("feature_output"))
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
        fusion_note=str(entry.get("fusion_note", "")),
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
            name=str(raw.get("name", "")), licence=str(raw.get("licence", "")), source=str(raw.get("source", "")),
            measured=raw.get("measured") or {},
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
    return parse_manifest(raw, path, verify_files)


def parse_manifest(raw: Any, path: str | Path, verify_files: bool = True) -> Manifest:
    """The manifest document `raw` of a file at `path` (its models' files are beside it): `load_manifest`
    without the reading, for training, which builds documents before writing them."""
    path = Path(path)
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
        fitted_on=str(fusion_raw.get("fitted_on", "")),
        loso=fusion_raw.get("loso", {}) or {},
        validation=fusion_raw.get("validation", {}) or {},
    )
    if fusion.method not in ("weighted_mean", "logistic"):
        raise ManifestError(f"{path}: unknown fusion method {fusion.method!r}")
    bands_raw = raw.get("bands", {}) or {}
    dissent = bands_raw.get("dissent")
    bands = Bands(float(bands_raw.get("t_real", 0.3)), float(bands_raw.get("t_fake", 0.7)),
                  None if dissent is None else float(dissent), str(bands_raw.get("rule", "")))
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
    check_familiar = bool((raw.get("familiarity", {}) or {}).get("enabled", False))
    return Manifest(path, models, problems, fusion, bands, frames, raw, listed, face_detector=face_detector,
                    check_assessable=check_assessable, check_familiar=check_familiar,
                    created=str(raw.get("created", "")))


# --- writing: the one writer (training writes models/manifest.json only through it) -------------


def _file_name(file: Path, folder: Path) -> str:
    return Path(os.path.relpath(file, folder)).as_posix()


def model_entry(spec: ModelSpec, folder: Path) -> dict[str, Any]:
    """A model's manifest entry (models/MANIFEST_SCHEMA.md), as `load_manifest` reads it back."""
    pre = spec.preprocess
    preprocess = {"channel_order": pre.channel_order, "resize_short_side": pre.resize_short_side,
                  "max_side": pre.max_side, "crop": pre.crop, "scale": pre.scale, "offset": pre.offset}
    entry: dict[str, Any] = {
        "id": spec.id, "name": spec.name, "plain_name": spec.plain_name, "file": _file_name(spec.path, folder),
        "sha256": spec.sha256, "version": spec.version,
        "input": {"layout": spec.layout, "height": spec.height, "width": spec.width, "channels": spec.channels},
        "preprocess": {k: v for k, v in preprocess.items() if v is not None},
        "output": {"meaning": "probability_fake"},
    }
    if spec.feature_output:
        entry["feature_output"] = spec.feature_output
    if spec.backbone is not None:
        entry["backbone"] = {"id": spec.backbone.id, "sha256": spec.backbone.sha256}
        if spec.backbone.feature_output:
            entry["backbone"]["feature_output"] = spec.backbone.feature_output
    cal = spec.calibration
    entry["calibration"] = {"method": cal.method, "a": cal.a, "b": cal.b,
                            **({"fitted_on": cal.fitted_on} if cal.fitted_on else {})}
    entry["fusion_weight"] = spec.fusion_weight
    if spec.fusion_note:
        entry["fusion_note"] = spec.fusion_note
    entry.update(thresholds=dict(spec.thresholds), metrics=dict(spec.metrics), training_data=dict(spec.training_data))
    if spec.weak_spots:
        entry["weak_spots"] = list(spec.weak_spots)
    if spec.familiarity:
        entry["familiarity"] = dict(spec.familiarity)
    return entry


def manifest_document(manifest: Manifest) -> dict[str, Any]:
    """The whole manifest as JSON data, models in the order listed. Refuses a manifest with an entry
    it could not read (writing it would drop that model silently)."""
    unread = [p for p in manifest.problems if p.spec is None and p.model_id != "face_detector"]
    if unread:
        raise ManifestError("; ".join(str(p) for p in unread))
    folder = Path(manifest.path).parent
    fusion, bands = manifest.fusion, manifest.bands
    doc: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "created": manifest.created}
    doc["fusion"] = {"method": fusion.method, "bias": fusion.bias,
                     **({"fitted_on": fusion.fitted_on} if fusion.fitted_on else {}),
                     **({"metrics": fusion.metrics} if fusion.metrics else {}),
                     **({"validation": fusion.validation} if fusion.validation else {}),
                     **({"loso": fusion.loso} if fusion.loso else {})}
    doc["bands"] = {"t_real": bands.t_real, "t_fake": bands.t_fake, "dissent": bands.dissent,
                    **({"rule": bands.rule} if bands.rule else {})}
    doc["video"] = {"frames": manifest.video_frames}
    if not manifest.check_assessable:
        doc["assessable"] = {"enabled": False}
    if manifest.check_familiar:
        doc["familiarity"] = {"enabled": True}
    doc["models"] = [model_entry(spec, folder) for spec in (manifest.listed_spec(m) for m in manifest.listed_ids)
                     if spec is not None]
    face = manifest.face_detector or next((p for p in manifest.problems if p.model_id == "face_detector"), None)
    if isinstance(face, FaceDetectorSpec):
        doc["face_detector"] = {
            **({"name": face.name} if face.name else {}), "file": _file_name(face.path, folder), "sha256": face.sha256,
            **({"licence": face.licence} if face.licence else {}), **({"source": face.source} if face.source else {}),
            "score_threshold": face.score_threshold, "nms_threshold": face.nms_threshold,
            "search_long_side": face.search_long_side,
            **({"min_image_side": face.min_image_side} if face.min_image_side is not None else {}),
            **({"measured": face.measured} if face.measured else {})}
    return doc


def write_manifest(manifest: Manifest, path: str | Path | None = None) -> Path:
    """Write `manifest` (to its own path unless `path` is given) atomically: the one writer of
    models/manifest.json. What it writes, `load_manifest` reads back as the same dataclasses."""
    path = Path(path or manifest.path)
    doc = manifest_document(manifest)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path


def read_document(path: str | Path) -> dict[str, Any]:
    """A manifest as JSON data for training to edit, read by `load_manifest` (files not checked):
    the same reader as the app's, so training sees what the app sees."""
    return manifest_document(load_manifest(path, verify_files=False))


def write_document(doc: dict[str, Any], path: str | Path) -> Path:
    """Write a manifest document (training builds them) through the dataclasses and `write_manifest`, so
    what training writes is what the app reads. A key the dataclasses do not carry would be lost on the
    way: that is an error naming it, and nothing is written."""
    parsed = parse_manifest(doc, path, verify_files=False)
    lost = lost_keys(doc, manifest_document(parsed))
    if lost:
        raise ManifestError(f"the manifest's dataclasses do not carry {', '.join(lost)}: add them to core/manifest.py")
    return write_manifest(parsed, path)


def lost_keys(before: Any, after: Any, where: str = "") -> list[str]:
    """The keys of `before` (with a value: not null, not empty) that `after` lacks or holds differently, as paths."""
    if isinstance(before, dict) and isinstance(after, dict):
        return [k for key, value in before.items() if value is not None and value != {} and value != []
                for k in (lost_keys(value, after[key], f"{where}/{key}") if key in after else [f"{where}/{key}"])]
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        return [k for i, (b, a) in enumerate(zip(before, after)) for k in lost_keys(b, a, f"{where}[{i}]")]
    return [] if before == after else [where or "/"]
