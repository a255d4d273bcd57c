"""Scoring images and video frames with the manifest's ONNX models, and fusing the scores.

Inference lives here and only here: `OnnxModel` wraps one onnxruntime session, and
`Detector` runs every usable model of a manifest on a file and fuses the results.
A file is handled in two steps so a folder scan can overlap them across cores:
`deepfake_desk.core.prepare.prepare_file` (decode, hash, preprocess: run in the scan's
decoding processes) and `Detector.score_prepared` (onnxruntime, in this process).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np

from deepfake_desk import __version__
from deepfake_desk.core import prepare
from deepfake_desk.core.evidence import Evidence
from deepfake_desk.core.decision import TAUGHT_FAKE, Decision, Reason, Scores, decide
from deepfake_desk.core.familiarity import face_gap, mostly, taught_familiarity
from deepfake_desk.core.fusion import calibrated_probability, fuse_scores, fusion_shares
from deepfake_desk.core.i18n import Translate, english
from deepfake_desk.core.kinds import kind_heads
from deepfake_desk.core.manifest import Manifest, ModelProblem, ModelSpec, load_manifest
from deepfake_desk.core.prepare import FileFacts, FileJob, PreparedFile, file_facts, plan_for
from deepfake_desk.core.resources import default_manifest_path, user_models_dir
from deepfake_desk.core.user_models import merge_taught, reads_faces, taught_problem
from deepfake_desk.core.stretch import Stretch, judge_video, taught_stretch
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import VerdictWording, decision_lines, score_line, verdict_wording


def now_iso() -> str:
    """The local time with its offset, to the second: when a record was made."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


class ModelLoadError(Exception):
    pass


class OnnxModel:
    """One manifest model: an onnxruntime session created once and reused."""

    def __init__(self, spec: ModelSpec, threads: int | None = None):
        import onnxruntime as ort  # here, not at the top: decoding processes import this module's neighbours only

        ort.disable_telemetry_events()  # Windows builds' ETW events; elsewhere ORT_DISABLE_TELEMETRY (deepfake_desk/__init__.py)
        self.spec = spec
        self.runs = 0  # inference calls so far: lets a test prove that showing a result runs no model
        self._runs_lock = threading.Lock()
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads or min(2, os.cpu_count() or 1)
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        # onnxruntime's threads otherwise spin between and after runs, burning the cores the
        # scan's decoding processes need: with them decoding beside it (or any other load), the
        # four shipped models took 2.4x longer (benchmarks/README.md, "Profiling the scan").
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            self.session = ort.InferenceSession(str(spec.path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # onnxruntime raises its own exception types
            raise ModelLoadError(f"onnxruntime cannot load {spec.path.name}: {exc}") from None
        inputs, outputs = self.session.get_inputs(), self.session.get_outputs()
        scores = [o for o in outputs if o.name != spec.feature_output]
        if len(inputs) != 1 or not scores:
            raise ModelLoadError(f"expected one input and one output, found {len(inputs)} and {len(outputs)}")
        self.input_name = inputs[0].name
        self.output_name = scores[0].name
        self.feature_dim: int | None = None  # length of the feature vector, when the model supplies one
        if spec.feature_output:
            feature = next((o for o in outputs if o.name == spec.feature_output), None)
            if feature is None or len(feature.shape) != 2:
                raise ModelLoadError(f"it has no [N, D] output named '{spec.feature_output}' (the manifest's "
                                     "feature_output)")
            self.feature_dim = feature.shape[1] if isinstance(feature.shape[1], int) else None
        shape = inputs[0].shape
        if spec.taught:  # a head over a backbone's features: [N, D]
            if len(shape) != 2:
                raise ModelLoadError(f"a taught detector's head takes features [N, D], not {shape}")
            self.input_dim = shape[1] if isinstance(shape[1], int) else None
        else:
            want = (spec.height, spec.width, spec.channels) if spec.layout == "NHWC" else (
                spec.channels, spec.height, spec.width)
            if len(shape) != 4 or any(isinstance(d, int) and d != w for d, w in zip(shape[1:], want)):
                raise ModelLoadError(f"input shape {shape} does not match the manifest's {spec.layout} {want}")
        out_shape = scores[0].shape
        if len(out_shape) > 2 or (len(out_shape) == 2 and isinstance(out_shape[1], int) and out_shape[1] != 1):
            raise ModelLoadError(f"output shape {out_shape} is not one probability per image")

    def predict(self, batch: np.ndarray) -> np.ndarray:
        """Raw probabilities of 'fake', one per row of the batch."""
        return self.run(batch)[0]

    def run(self, batch: np.ndarray, with_features: bool = False) -> tuple[np.ndarray, np.ndarray | None]:
        """Raw probabilities, and (when asked, for taught detectors) the pooled features [N, D] of
        each row, from one run of the model."""
        names = [self.output_name] + ([self.spec.feature_output] if with_features else [])
        with self._runs_lock:
            self.runs += 1
        out = self.session.run(names, {self.input_name: batch})
        raw = np.asarray(out[0], dtype=np.float64).reshape(len(batch))
        return raw, np.asarray(out[1], dtype=np.float32) if with_features else None

    def run_each(self, tensors: list[np.ndarray], with_features: bool = False
                 ) -> list[tuple[np.ndarray, np.ndarray | None]]:
        """`run` for each image's crops. Crops of one size run as one batch;
        whole-picture views (any size) run one image at a time."""
        if not tensors:
            return []
        if len({t.shape[1:] for t in tensors}) == 1:
            raw, features = self.run(np.concatenate(tensors), with_features)
            bounds = np.cumsum([0] + [len(t) for t in tensors])
            return [(raw[a:b], None if features is None else features[a:b]) for a, b in zip(bounds[:-1], bounds[1:])]
        return [self.run(t, with_features) for t in tensors]

    def predict_each(self, tensors: list[np.ndarray]) -> list[np.ndarray]:
        """Raw probabilities for each image's crops."""
        return [raw for raw, _ in self.run_each(tensors)]


@dataclass
class ImageAnalysis:
    """Scores for one image or video frame."""

    fake_probability: float | None
    model_probabilities: dict[str, float]
    verdict: Verdict
    taught_familiar: dict[str, bool] = field(default_factory=dict)  # taught id -> near its real examples
    kinds: dict[str, float] = field(default_factory=dict)  # known kind of fake -> its head's score (core/kinds.py)


@dataclass(frozen=True)
class ModelScore:
    """One model's score on a file, with what a reader needs to weigh it."""

    id: str
    name: str  # plain name ("Small fake-pattern detector (seed CNN)")
    probability: float | None  # calibrated chance of fake
    share: float  # how much it counts in the combined score (0..1)

    @property
    def text(self) -> str:
        """'Small fake-pattern detector (seed CNN): 36% chance of fake (counts for 11% of the combined score)'."""
        return score_line(self.name, self.probability, self.share)


@dataclass
class FileResult(FileFacts):
    """One file's outcome: a row of a scan. `error` is set (and scores empty) when it failed.

    What reading the file found out (path, kind, size, frames sampled, evidence...) is
    `FileFacts`, shared with the prepared file it was scored from."""

    verdict: Verdict = Verdict.NOT_ANALYSED
    fake_probability: float | None = None
    model_probabilities: dict[str, float] = field(default_factory=dict)
    frames: int | None = None  # frames scored (videos)
    # videos: one entry per scored frame, in time order
    frame_probabilities: list[float] = field(default_factory=list)
    fake_frame_share: float | None = None  # share of the (assessable) sampled frames judged fake
    worst_frames: list[int] = field(default_factory=list)  # positions in frame_indices, worst first
    worst_frame_time: float | None = None  # seconds into the video of the most suspicious frame
    fake_stretch: tuple[float, float] | None = None  # (start, end) seconds of the stretch that made it fake
    # why the verdict is what it is (core/decision.py), and who decided it: "models", "taught:<id>", "label" or ""
    reasons: tuple[Reason, ...] = ()
    decided_by: str = ""
    # faces scored on their own (large photos and frames): box (x, y, w, h), frame position, probability
    faces: list[dict] = field(default_factory=list)
    whole_image_probability: float | None = None  # images with faces: the score of the whole picture
    # what the file's evidence says about its origin, as CSV cells
    provenance: str = ""  # "c2pa-valid: Adobe Firefly (trainedAlgorithmicMedia)", "iptc: ...", or ""
    generator_label: str = ""  # "Stable Diffusion (AUTOMATIC1111)": the file says it was made by this
    # How to say it (filled in by the Detector from its manifest; shared, never per-row copies)
    known_fakes: tuple[str, ...] = field(default=(), repr=False, compare=False)
    model_names: dict[str, str] = field(default_factory=dict, repr=False, compare=False)  # id -> plain name
    model_shares: dict[str, float] = field(default_factory=dict, repr=False, compare=False)  # id -> share
    # the record: when and with what it was made (CSV/JSON), and where it was found
    analysed_at: str = ""  # ISO 8601 with the time zone offset, e.g. 2026-12-01T23:40:05+01:00
    app_version: str = ""
    models: str = ""  # the models that scored it: "cnn@2026-11-22;gan@2026-11-22"
    folder: str = ""  # its folder, relative to the scanned folder ("." directly in it); absolute for a named file
    scan: str = ""  # which scan it came from: when that scan started (ISO 8601), the same for all its rows
    # per taught detector: is the file like the real photos it was taught with (core/familiarity.py)
    taught_familiar: dict[str, bool] = field(default_factory=dict)
    confirmed: str = ""  # the user's mark: "fake", "real" or "" (results table; teach from marked rows)

    @property
    def ok(self) -> bool:
        return not self.error

    @property
    def wording(self) -> VerdictWording:
        """The verdict's label, headline and explanation in plain words."""
        return verdict_wording(self.verdict, self.known_fakes, self.not_assessable_reason or self.error)

    @property
    def resembles(self) -> str:
        """The known kind of fake it looks most like (a fake or uncertain verdict), '' otherwise."""
        return next((str(r.values.get("kind", "")) for r in self.reasons if r.code == "resembles"), "")

    def decision_lines(self, translate: Translate = english) -> list[str]:
        """The sentences that explain the verdict (dissent, taught detectors), in the reader's language."""
        return decision_lines(self.verdict, self.decided_by, self.reasons, self.model_names, translate)

    @property
    def model_scores(self) -> list[ModelScore]:
        """Each model's score, the one that counts most first."""
        ids = list(self.model_shares) or list(self.model_probabilities)
        scores = [ModelScore(m, self.model_names.get(m, m), self.model_probabilities.get(m),
                             self.model_shares.get(m, 0.0)) for m in ids]
        return sorted(scores, key=lambda s: -s.share)


def _score(analysis: ImageAnalysis) -> float:
    return -1.0 if analysis.fake_probability is None else analysis.fake_probability


def _taught_scores(chosen: ImageAnalysis, whole: ImageAnalysis, faces: list[ImageAnalysis], taught: list[str],
                   reading_faces: frozenset[str]) -> ImageAnalysis:
    """The chosen view's scores, with each taught detector's score of the views it was taught on: one taught on
    face views too (`reading_faces`: user_models.reads_faces) judges a picture with faces by its most suspicious
    face, as the shipped models are (measured: training/fewshot_embedded.py), with that face's familiarity, and
    one without faces by the whole picture; one taught on whole pictures only, by the whole picture."""
    probabilities, familiar = dict(chosen.model_probabilities), dict(chosen.taught_familiar)
    for tid in taught:
        views = [v for v in (faces if faces and tid in reading_faces else [whole]) if tid in v.model_probabilities]
        if views:
            best = max(views, key=lambda v: v.model_probabilities[tid])
            probabilities[tid] = best.model_probabilities[tid]
            if tid in best.taught_familiar:
                familiar[tid] = best.taught_familiar[tid]
    return ImageAnalysis(chosen.fake_probability, probabilities, chosen.verdict, familiar, dict(whole.kinds))


def _mean_kinds(frames: list[ImageAnalysis]) -> dict[str, float]:
    """Each known kind's score, averaged over the scored frames (one frame: its own)."""
    ids = {k for a in frames for k in a.kinds}
    return {k: float(np.mean([a.kinds[k] for a in frames if k in a.kinds])) for k in ids}


def _familiar_over_frames(frames: list[ImageAnalysis]) -> dict[str, bool]:
    """A video is familiar to a taught detector when most of its scored frames are."""
    ids = {m for a in frames for m in a.taught_familiar}
    return {m: mostly(a.taught_familiar.get(m, False) for a in frames) for m in ids}


class Detector:
    """All usable models of a manifest, with fusion and verdict bands."""

    def __init__(self, manifest: Manifest, threads: int | None = None):
        self.manifest = manifest
        self.problems: list[ModelProblem] = list(manifest.problems)
        self.models: list[OnnxModel] = []  # the models that score images (the fusion's)
        heads: list[OnnxModel] = []
        for spec in manifest.models:
            try:
                (heads if spec.taught else self.models).append(OnnxModel(spec, threads))
            except ModelLoadError as exc:
                self.problems.append(ModelProblem(spec.id, str(exc), spec))
        self.heads = [h for h in heads if self._head_fits(h)]  # detectors the user taught (core/learn.py)
        # those whose fakes showed faces and whose reals did not (core.familiarity.face_gap), read once
        self._face_gap = frozenset(h.spec.id for h in self.heads if face_gap(h.spec))
        # those taught on face views too: a picture with faces is judged by its faces (user_models.reads_faces)
        self._reads_faces = frozenset(h.spec.id for h in self.heads if reads_faces(h.spec))
        # which known kind of fake a file looks most like: heads over the first feature model's features
        feature_spec = next((m.spec for m in self.models if m.spec.feature_output), None)
        self.kinds = kind_heads(feature_spec) if feature_spec is not None else None
        self.kinds_backbone = feature_spec.id if self.kinds is not None else ""
        self.weights = {m.spec.id: m.spec.fusion_weight for m in self.models}
        self.shares = fusion_shares(self.weights)  # how much each usable model counts in the combined score
        listed = [manifest.listed_spec(m) for m in manifest.listed_ids]
        self.model_names = {spec.id: spec.plain_name for spec in listed if spec is not None}  # id -> plain name
        self.known_fakes = tuple(manifest.known_fakes)
        self.models_text = ";".join(f"{m.spec.id}@{m.spec.version or '-'}" for m in self.models)
        self.face_detector = manifest.face_detector
        # What the decoding processes need to know: the usable models' preprocessing, the face finder.
        self.plan = plan_for(tuple(m.spec for m in self.models), self.face_detector, manifest.video_frames,
                             manifest.check_assessable, face_presence=bool(self._face_gap))

    def _head_fits(self, head: OnnxModel) -> bool:
        """A taught head needs the very backbone it was fitted on, supplying features of its size."""
        reason = taught_problem(head.spec, [m.spec for m in self.models])
        if not reason:
            backbone = next(m for m in self.models if m.spec.id == head.spec.backbone.id)
            if None not in (head.input_dim, backbone.feature_dim) and head.input_dim != backbone.feature_dim:
                reason = f"it reads {head.input_dim} features, model '{backbone.spec.id}' supplies {backbone.feature_dim}"
        if not reason:
            return True
        self.problems.append(ModelProblem(head.spec.id, reason, head.spec))
        return False

    @classmethod
    def from_manifest(cls, path: str | Path | None = None, threads: int | None = None,
                      taught: bool = True) -> Detector:
        """The manifest's models, plus (with `taught`) the detectors the user taught."""
        manifest = load_manifest(path or default_manifest_path())
        if taught:
            manifest = merge_taught(manifest, user_models_dir())
        return cls(manifest, threads)

    @property
    def model_ids(self) -> list[str]:
        """Every model the manifest lists (usable or not): the CSV's model columns."""
        return list(self.manifest.listed_ids) or [m.spec.id for m in self.models]

    def describe(self) -> dict:
        """Models in use, with versions and hashes, and the problems: for About, --version, reports."""
        return {
            "manifest": str(self.manifest.path),
            "models": [
                {"id": m.spec.id, "name": m.spec.name, "plain_name": m.spec.plain_name, "version": m.spec.version,
                 "file": m.spec.path.name, "sha256": m.spec.sha256, "fusion_weight": m.spec.fusion_weight,
                 "share": self.shares.get(m.spec.id, 0.0), "taught": m.spec.taught}
                for m in self.models + self.heads
            ],
            "problems": [str(p) for p in self.problems],
            "fusion": self.manifest.fusion.method,
            "bands": {"t_real": self.manifest.bands.t_real, "t_fake": self.manifest.bands.t_fake,
                      "dissent": self.manifest.bands.dissent},
        }

    # -- images and frames -------------------------------------------------
    def prepare_image(self, rgb: np.ndarray) -> dict[str, np.ndarray]:
        """Every model's input tensor for one picture (no face search)."""
        return prepare.prepare_image(self.plan, rgb)

    def score_inputs(self, inputs: list[dict[str, np.ndarray]],
                     shows_face: list[bool | None] | None = None) -> list[ImageAnalysis]:
        """Run every model once over all images' crops, then calibrate and fuse per image. `shows_face`
        (per image, when the plan asked): a picture with a face is unlike the real photos of a taught
        detector whose fakes showed faces and whose reals did not (core.familiarity.face_gap)."""
        per_image: list[dict[str, float]] = [{} for _ in inputs]
        familiar: list[dict[str, bool]] = [{} for _ in inputs]
        kinds: list[dict[str, float]] = [{} for _ in inputs]
        for model in self.models:
            heads = [h for h in self.heads if h.spec.backbone.id == model.spec.id]
            with_kinds = self.kinds is not None and model.spec.id == self.kinds_backbone
            runs = model.run_each([item[model.spec.id] for item in inputs], with_features=bool(heads) or with_kinds)
            for i, (raw, features) in enumerate(runs):
                per_image[i][model.spec.id] = calibrated_probability(raw, model.spec.calibration)
                for head in heads:
                    per_image[i][head.spec.id] = calibrated_probability(head.predict(features), head.spec.calibration)
                    face_held = bool(shows_face and shows_face[i]) and head.spec.id in self._face_gap
                    familiar[i][head.spec.id] = not face_held and taught_familiarity(head.spec, features.mean(axis=0))
                if with_kinds:
                    kinds[i] = self.kinds.probabilities(features.mean(axis=0))
        analyses = []
        for probs, near, kind in zip(per_image, familiar, kinds):
            fused = fuse_scores(probs, self.weights, self.manifest.fusion)
            analyses.append(ImageAnalysis(fused, probs, self.verdict(fused, probs, near), near, kind))
        return analyses

    def resembles(self, kinds: dict[str, float]) -> dict:
        """The known kind of fake whose head scores highest (when it scores at least kinds.NAMED_FROM), with
        how often that was right under LOSO (core/kinds.py)."""
        return self.kinds.named(kinds) if self.kinds is not None else {}

    def decide(self, fused: float | None, probabilities: dict[str, float], not_assessable: str = "",
               evidence: Evidence | None = None, familiar: dict[str, bool] | None = None,
               kinds: dict[str, float] | None = None) -> Decision:
        """The verdict of `fused` and the per-model `probabilities` (shipped and taught, as in a row),
        by the one rule the app and training share (core/decision.py). `familiar`: per taught detector,
        whether the file is near the real photos it was taught with (core/familiarity.py); a detector
        missing from it is not near them (it may then raise a verdict to uncertain, never to fake)."""
        taught_ids = {h.spec.id for h in self.heads}
        label = ""
        if evidence is not None and evidence.labelled_ai:
            label = "c2pa" if evidence.credentials.ai_label else "metadata"
        scores = Scores(fused, {m: p for m, p in probabilities.items() if m not in taught_ids},
                        {m: p for m, p in probabilities.items() if m in taught_ids},
                        {h.spec.id: bool((familiar or {}).get(h.spec.id)) for h in self.heads},
                        provenance=evidence.provenance if evidence is not None else "", label=label,
                        not_assessable=not_assessable, resembles=self.resembles(kinds or {}))
        return decide(scores, self.manifest, [h.spec for h in self.heads])

    def verdict(self, fused: float | None, probabilities: dict[str, float],
                familiar: dict[str, bool] | None = None) -> Verdict:
        """The verdict of a score alone (no evidence, every picture assessable)."""
        return self.decide(fused, probabilities, familiar=familiar).verdict

    def analyze_image(self, rgb: np.ndarray) -> ImageAnalysis:
        """Scores of the whole picture (no face search): what the models were evaluated on."""
        return self.score_inputs([self.prepare_image(rgb)])[0]

    # -- files ---------------------------------------------------------------
    def prepare_file(
        self, path: str | os.PathLike, kind: str | None = None, frames: int | None = None, preview: bool = False
    ) -> PreparedFile:
        """Decode, hash and preprocess a file in this process. Never raises: problems become `error`."""
        return prepare.prepare_file(self.plan, FileJob(str(path), kind, frames, preview))

    def result_of(self, prepared: PreparedFile) -> FileResult:
        """The row of a prepared file, before scoring: what decoding found out."""
        evidence = prepared.evidence
        facts = file_facts(prepared)
        facts.update(notes=list(prepared.notes), provenance=evidence.provenance if evidence else "",
                     generator_label=evidence.generator_label if evidence else "")
        return self.new_result(**facts)

    def score_prepared(self, prepared: PreparedFile) -> FileResult:
        """Run the models on a prepared file and fill in its verdict.

        An image or frame in which faces were found is judged by its most suspicious
        face (a face swap changes the face, not the background); the whole picture's
        score is kept beside it.
        """
        result = self.result_of(prepared)
        if result.error or not prepared.views:
            return result
        try:
            # a face view shows a face: a detector held by the face rule (face_gap) may not make it fake alone
            analyses = self.score_inputs([v.inputs for v in prepared.views],
                                         [v.shows_face if v.face is None else True for v in prepared.views])
        except Exception as exc:  # onnxruntime failures on odd inputs: one error row
            result.error = f"the models could not score this file: {exc}"
            return result
        finally:
            for view in prepared.views:
                view.inputs = {}
        found: tuple[Reason, ...] = ()  # faces: the verdict comes from the most suspicious one
        whole: dict[int, ImageAnalysis] = {}
        best_face: dict[int, ImageAnalysis] = {}
        face_views: dict[int, list[ImageAnalysis]] = {}
        for view, analysis in zip(prepared.views, analyses):
            if view.face is None:
                whole[view.frame] = analysis
                continue
            face_views.setdefault(view.frame, []).append(analysis)
            result.faces.append({"frame": view.frame, "box": view.face.as_tuple(),
                                 "fake_probability": analysis.fake_probability,
                                 "model_probabilities": analysis.model_probabilities})
            current = best_face.get(view.frame)
            if current is None or _score(analysis) > _score(current):
                best_face[view.frame] = analysis
        taught = [h.spec.id for h in self.heads]
        frames = [_taught_scores(best_face.get(i, whole[i]), whole[i], face_views.get(i, []), taught,
                                 self._reads_faces) for i in sorted(whole)]
        kinds = _mean_kinds(frames)  # the heads were fitted on whole pictures: the whole frames' scores
        bands = self.manifest.bands
        stretches: dict[str, Stretch] = {}  # a video: each taught detector's own worst stretch
        if result.kind == "video":
            result.frames = len(frames)
            result.frame_probabilities = [float(a.fake_probability) for a in frames]
            video = judge_video(result.frame_probabilities, [a.model_probabilities for a in frames], bands.t_fake,
                                result.frame_times, result.frame_assessable)
            result.fake_probability, result.model_probabilities = video.fake_probability, video.model_probabilities
            result.fake_frame_share, result.worst_frames = video.fake_frame_share, video.worst_frames
            result.worst_frame_time, result.fake_stretch = video.worst_frame_time, video.fake_stretch
            result.notes.extend(video.notes)
            result.taught_familiar = _familiar_over_frames(frames)
            stretches = self._taught_stretches(result, frames)
            if result.faces:  # words: core/wording.reason_text, so the reader's language
                found = (Reason("faces_in_frames", {"frames": len({f["frame"] for f in result.faces}),
                                                    "of": len(frames)}),)
        else:
            chosen = frames[0]
            result.fake_probability = chosen.fake_probability
            result.model_probabilities = dict(chosen.model_probabilities)
            result.taught_familiar = dict(chosen.taught_familiar)
            if result.faces:
                result.whole_image_probability = whole[0].fake_probability
                found = (Reason("faces", {"count": len(result.faces), "whole": whole[0].fake_probability}),)
        decision = self.decide(result.fake_probability, result.model_probabilities, result.not_assessable_reason,
                               result.evidence, result.taught_familiar, kinds)
        result.verdict, result.decided_by = decision.verdict, decision.decided_by
        result.reasons = decision.reasons + found  # which view the scores come from: part of why
        decider = stretches.get(decision.taught_id) if decision.verdict == Verdict.FAKE else None
        if decider is not None and result.fake_stretch is None and result.frame_times:  # the frames that made it fake
            result.fake_stretch = (result.frame_times[decider.first], result.frame_times[decider.last])
        return result

    def _taught_stretches(self, result: FileResult, frames: list[ImageAnalysis]) -> dict[str, Stretch]:
        """Each taught detector judges a video by its own worst stretch when it has one (core.stretch.taught_stretch):
        its score and familiarity become the stretch's. Returns each such detector's stretch."""
        found_by: dict[str, Stretch] = {}
        for head in self.heads:
            tid = head.spec.id
            scores = [a.model_probabilities.get(tid) for a in frames]
            if any(p is None for p in scores):
                continue
            found = taught_stretch(head.spec.name, scores, float(head.spec.thresholds.get("fake", TAUGHT_FAKE)),
                                   [a.taught_familiar.get(tid, False) for a in frames], result.frame_times,
                                   result.frame_assessable)
            if found is not None:
                result.model_probabilities[tid] = found.score
                result.taught_familiar[tid] = found.familiar
                result.notes.append(found.note)
                found_by[tid] = found.stretch
        return found_by

    @property
    def model_runs(self) -> int:
        """Inference calls made so far, over all models (see OnnxModel.runs)."""
        return sum(m.runs for m in self.models)

    def new_result(self, path: str, **fields) -> FileResult:
        """A FileResult that knows how to word itself with this detector's models and says when
        and with what it was made."""
        return FileResult(path=path, known_fakes=self.known_fakes, model_names=self.model_names,
                          model_shares=self.shares, analysed_at=now_iso(), app_version=__version__,
                          models=self.models_text, **fields)

    def analyze_file(self, path: str | os.PathLike, frames: int | None = None, preview: bool = False,
                     kind: str | None = None) -> FileResult:
        """Both steps in this process, without the decoding processes' containment: for a Dask
        worker (Dask contains its crashes) and tests. The app analyses with `core.scan.analyze`."""
        return self.score_prepared(self.prepare_file(path, kind, frames, preview))
