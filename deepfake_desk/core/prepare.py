"""One file's decoding, hashing, evidence and preprocessing: the work a scan's decoding processes do.

`prepare_file(plan, job)` is a top-level function of picklable arguments, so it runs the
same in this process (`Detector.analyze_file`), in a spawned decoding process
(`deepfake_desk.core.decode_pool`) or on another machine. It imports neither onnxruntime
nor Qt, and what it returns (`PreparedFile`: the model inputs of each view plus what the
file says about itself) is all that crosses back: never the full-resolution pixels.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from deepfake_desk.core import faces, media
from deepfake_desk.core.evidence import Evidence, read_evidence
from deepfake_desk.core.manifest import FaceDetectorSpec, ModelSpec, file_sha256
from deepfake_desk.core.preprocess import model_inputs, resize_short_side

PREVIEW_SHORT_SIDE = 360  # frames kept for display when a caller asks for previews
VIDEO_MAX_FACES = 2  # per sampled frame
MEMORY_REASON = "the file needed more memory than allowed"


@dataclass(frozen=True)
class PreparePlan:
    """What the models need from every file: derived once from the manifest, sent once to each process."""

    models: tuple[ModelSpec, ...]
    face_detector: FaceDetectorSpec | None = None
    face_min_image_side: int = 384  # pictures smaller than this are face crops already: no search
    video_frames: int = 16


@dataclass(frozen=True)
class FileJob:
    """One file to prepare."""

    path: str
    kind: str | None = None  # from the extension; None: decided by the content
    frames: int | None = None  # videos: frames to sample (None: the plan's)
    preview: bool = False  # keep shrunk frames for display


@dataclass
class View:
    """What the models score of one image or frame: the whole picture, or one face in it."""

    frame: int  # position of the image/frame in the file (0 for an image)
    face: faces.FaceBox | None
    inputs: dict[str, np.ndarray]  # model id -> input tensor of this view's crops


@dataclass
class PreparedFile:
    """A decoded, hashed and preprocessed file waiting for inference (or why it could not be)."""

    path: str
    kind: str = ""
    error: str = ""
    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    sha256: str = ""
    notes: list[str] = field(default_factory=list)
    frame_indices: list[int] = field(default_factory=list)
    frame_times: list[float] = field(default_factory=list)
    views: list[View] = field(default_factory=list)
    preview: list[np.ndarray] = field(default_factory=list, repr=False)
    evidence: Evidence | None = field(default=None, repr=False)


def prepare_image(plan: PreparePlan, rgb: np.ndarray) -> dict[str, np.ndarray]:
    """Every model's input tensor for one picture."""
    # Models that resize to the same short side share one resized copy: resizing a
    # photo costs more than all the rest of preprocessing (benchmarks/results.md).
    # model_inputs leaves an image already at its size untouched, so inputs are identical.
    resized: dict[int, np.ndarray] = {}
    inputs = {}
    for spec in plan.models:
        pre, source = spec.preprocess, rgb
        if pre.crop != "resize" and pre.resize_short_side:
            side = max(pre.resize_short_side, spec.height, spec.width)
            if side not in resized:
                resized[side] = resize_short_side(rgb, side)
            source = resized[side]
        inputs[spec.id] = model_inputs(source, spec)
    return inputs


def prepare_views(plan: PreparePlan, rgb: np.ndarray, frame: int = 0, max_faces: int = faces.MAX_FACES) -> list[View]:
    """The whole picture, plus each face found when the picture is large."""
    views = [View(frame, None, prepare_image(plan, rgb))]
    if plan.face_detector and max_faces > 0 and min(rgb.shape[:2]) >= plan.face_min_image_side:
        for box in faces.find_faces(rgb, plan.face_detector)[:max_faces]:
            views.append(View(frame, box, prepare_image(plan, faces.face_crop(rgb, box))))
    return views


def _preview(rgb: np.ndarray) -> np.ndarray:
    return resize_short_side(rgb, PREVIEW_SHORT_SIDE) if min(rgb.shape[:2]) > PREVIEW_SHORT_SIDE else rgb


def prepare_file(plan: PreparePlan, job: FileJob) -> PreparedFile:
    """Decode, hash and preprocess a file. Never raises: problems become `error`."""
    path = job.path
    out = PreparedFile(path=path)
    try:
        kind = job.kind or media.kind_from_extension(path) or media.sniff_kind(path)
        out.kind = kind or ""
        try:
            out.size_bytes = os.stat(path).st_size
        except OSError:
            pass
        if kind is None:
            media.check_readable(Path(path))
            raise media.MediaError("not a supported image or video file")
        if not plan.models:
            raise media.MediaError("no usable detection model (see the model problems)")
        if kind == "image":
            rgb, info = media.open_image(path)
            out.width, out.height = info.width, info.height
            if info.frames > 1:
                out.notes.append(f"animated ({info.frames} frames): the first frame was analysed")
            if info.decoded_scale > 1:
                out.notes.append(f"very large image: analysed at 1/{info.decoded_scale} scale")
            out.views = prepare_views(plan, rgb)
            if job.preview:
                out.preview = [_preview(rgb)]
            out.evidence = read_evidence(path)  # metadata only: never decodes the pixels again
        else:
            video = media.read_video_frames(path, job.frames or plan.video_frames)
            out.width, out.height = video.width, video.height
            out.frame_indices = video.indices
            out.frame_times = video.times
            out.views = [v for i, f in enumerate(video.frames)
                         for v in prepare_views(plan, f, i, max_faces=VIDEO_MAX_FACES)]
            if job.preview:
                out.preview = [_preview(f) for f in video.frames]
        out.sha256 = file_sha256(path)
    except media.MediaError as exc:
        out.error = str(exc)
    except OSError as exc:
        out.error = f"cannot read the file: {exc.strerror or exc}"
    except MemoryError:
        out.error = MEMORY_REASON
    except Exception as exc:  # a decoder bug must cost one row, never the scan
        out.error = f"unexpected error while reading the file: {type(exc).__name__}: {exc}"
    if out.error:
        out.views = []
    return out
