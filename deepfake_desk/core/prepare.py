"""One file's decoding, hashing, evidence and preprocessing: the work a scan's decoding processes do.

`prepare_file(plan, job)` is a top-level function of picklable arguments, so it runs the
same in this process (`Detector.analyze_file`), in a spawned decoding process
(`deepfake_desk.core.decode_pool`) or on another machine. It imports neither onnxruntime
nor Qt, and what it returns (`PreparedFile`: the model inputs of each view plus what the
file says about itself) is all that crosses back: never the full-resolution pixels.
"""

from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Protocol

import numpy as np

from deepfake_desk.core import faces, media
from deepfake_desk.core.assessable import assess
from deepfake_desk.core.copies import PictureHash, picture_hash
from deepfake_desk.core.evidence import Evidence, read_evidence
from deepfake_desk.core.evidence.watermark import WatermarkFinding, find_watermark
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.manifest import FaceDetectorSpec, ModelSpec, file_sha256
from deepfake_desk.core.preprocess import model_inputs, resize_short_side, sized_image

PREVIEW_SHORT_SIDE = 360  # frames kept for display when a caller asks for previews
# A photo is decoded at a reduced scale, but at least this many times larger than the
# largest size a model resizes it to: shrinking the last factor of 2 with the models'
# own antialiased resize keeps their inputs close to those of a full-size decode
# (Pillow's `reducing_gap` advice; measured in benchmarks/results.md).
DECODE_GAP = 2.0
VIDEO_MAX_FACES = 2  # per sampled frame
MEMORY_REASON = "the file needed more memory than allowed"


@dataclass(frozen=True)
class PreparePlan:
    """What the models need from every file: derived once from the manifest, sent once to each process."""

    models: tuple[ModelSpec, ...]
    face_detector: FaceDetectorSpec | None = None
    face_min_image_side: int = 384  # pictures smaller than this are face crops already: no search
    video_frames: int = 16
    check_assessable: bool = True  # look for computer graphics the models cannot judge (core/assessable.py)
    # does each picture show a face at all (core.faces.shows_face)? Asked only while a taught detector whose
    # fakes showed faces and whose reals did not is on (core.familiarity.face_gap)
    face_presence: bool = False


def plan_for(models: tuple[ModelSpec, ...], face_detector: FaceDetectorSpec | None, video_frames: int = 16,
             check_assessable: bool = True, face_presence: bool = False) -> PreparePlan:
    """How a scan prepares files for `models` (core.detector) and how learn reads its examples (core.learn).
    Faces are looked for only in pictures clearly larger than what the models were trained on; smaller ones
    are (like the training data) already face crops."""
    largest_input = max([m.preprocess.resize_short_side or m.height for m in models] or [256])
    face_min_image_side = int(getattr(face_detector, "min_image_side", None) or 1.5 * largest_input)
    return PreparePlan(models, face_detector, face_min_image_side, video_frames, check_assessable,
                       face_presence=face_presence)


@dataclass(frozen=True)
class FileJob:
    """One file to prepare."""

    path: str
    kind: str | None = None  # from the extension; None: decided by the content
    frames: int | None = None  # videos: frames to sample (None: the plan's)
    preview: bool = False  # keep shrunk frames for display
    folder: str = ""  # where a scan found it (FileResult.folder); not used to prepare it


class DecodeJob(Protocol):
    """A decoding job other than preparing a file for the models: picklable, and it runs itself."""

    def run(self) -> object: ...


@dataclass
class View:
    """What the models score of one image or frame: the whole picture, or one face in it."""

    frame: int  # position of the image/frame in the file (0 for an image)
    face: faces.FaceBox | None
    inputs: dict[str, np.ndarray]  # model id -> input tensor of this view's crops
    shows_face: bool | None = None  # the whole picture shows a face (None: not asked, PreparePlan.face_presence)


@dataclass
class FileFacts:
    """What reading a file found out about it, before any model ran: the fields a prepared file
    hands on to its result row (`FileResult` extends it with the scores and the verdict)."""

    path: str
    kind: str = ""  # "image" or "video"
    error: str = ""
    size_bytes: int | None = None
    width: int | None = None
    height: int | None = None
    sha256: str = ""
    notes: list[str] = field(default_factory=list)
    # videos: one entry per sampled frame, in time order
    frame_indices: list[int] = field(default_factory=list)
    frame_times: list[float] = field(default_factory=list)
    frame_assessable: list[bool] = field(default_factory=list)  # per sampled frame: could the models judge it
    preview: list[np.ndarray] = field(default_factory=list, repr=False, compare=False)  # shrunk frames, if asked for
    # what the file says about its origin (images): see deepfake_desk.core.evidence
    evidence: Evidence | None = field(default=None, repr=False, compare=False)
    # why the models cannot judge it (computer graphics), in words: the verdict is then NOT_ASSESSABLE
    not_assessable_reason: str = ""
    # images: finds copies within a scan (core/copies.py)
    picture_hash: PictureHash | None = field(default=None, repr=False, compare=False)


def file_facts(facts: FileFacts) -> dict:
    """The FileFacts fields of `facts` (a prepared file or a row), to build another record from."""
    return {f.name: getattr(facts, f.name) for f in fields(FileFacts)}


@dataclass
class PreparedFile(FileFacts):
    """A decoded, hashed and preprocessed file waiting for inference (or why it could not be)."""

    views: list[View] = field(default_factory=list)


def decode_size(plan: PreparePlan, preview: bool = False) -> media.MinSize | None:
    """The smallest decoded size that loses nothing the models, the face search and the preview use.

    None: some model scores native-resolution crops, so the full resolution is needed.
    """
    short = long = 0.0
    for spec in plan.models:
        pre = spec.preprocess
        if pre.crop == "resize":
            short = max(short, DECODE_GAP * max(spec.height, spec.width))
        elif pre.resize_short_side:
            short = max(short, DECODE_GAP * max(pre.resize_short_side, spec.height, spec.width))
        elif pre.max_side:  # shrunk to this longest side, then cropped or seen whole at that scale
            long = max(long, DECODE_GAP * pre.max_side)
        else:
            return None
    if plan.face_detector:
        long = max(long, plan.face_detector.search_long_side)
    if preview:
        short = max(short, PREVIEW_SHORT_SIDE)
    return media.MinSize(math.ceil(short), math.ceil(long))


def face_crop_side(plan: PreparePlan) -> int:
    """The side a face crop should have in the decoded image to feed every model without enlarging."""
    need = decode_size(plan)
    return need.short if need else 0


def prepare_image(plan: PreparePlan, rgb: np.ndarray) -> dict[str, np.ndarray]:
    """Every model's input tensor for one picture."""
    # Each size is resized once, whatever the number of models that need it (cnn and gan both
    # squash the picture to 128 x 128; the three whole-picture models all shrink it to 512 px):
    # resizing costs more than the rest of preprocessing. sized_image depends on these settings
    # only, and model_inputs leaves an image already at its size untouched, so the inputs are
    # identical to those of model_inputs on the picture itself.
    # Models that also crop, scale and lay out alike (EfficientNet-Lite2, the NPR MobileNetV2 and
    # ResNet-50 all take the whole 512 px picture as [0, 1] NCHW) get the very same tensor: built once,
    # and pickled once on its way from a decoding process (pickle sends a repeated object once).
    resized: dict[tuple, np.ndarray] = {}
    tensors: dict[tuple, np.ndarray] = {}
    inputs = {}
    for spec in plan.models:
        pre = spec.preprocess
        key = (pre.crop == "resize", pre.max_side, pre.resize_short_side, spec.height, spec.width)
        if key not in resized:
            resized[key] = sized_image(rgb, pre, spec.height, spec.width)
        same = (key, pre.crop, pre.channel_order, pre.scale, pre.offset, spec.layout)
        if same not in tensors:
            tensors[same] = model_inputs(resized[key], spec)
        inputs[spec.id] = tensors[same]
    return inputs


def prepare_views(plan: PreparePlan, rgb: np.ndarray, frame: int = 0, max_faces: int = faces.MAX_FACES,
                  finer: Callable[[int], np.ndarray] | None = None, to_file: float = 1.0) -> list[View]:
    """The whole picture, plus each face found when the picture is large.

    `rgb` may be a reduced decode of the file (`to_file` times smaller): faces are then
    boxed in the file's coordinates, and `finer(short_side)` decodes the file again at
    least that large when a face is too small in `rgb` for the models' input size.
    """
    search = (plan.face_detector is not None and max_faces > 0
              and min(rgb.shape[:2]) * to_file >= plan.face_min_image_side)
    # one face search serves both questions: the faces to score, and whether the picture shows one
    found = faces.detect(rgb, plan.face_detector) if plan.face_detector and (search or plan.face_presence) else None
    views = [View(frame, None, prepare_image(plan, rgb), found.any_face() if found and plan.face_presence else None)]
    if not search:
        return views
    boxes = found.boxes()[:max_faces]
    if not boxes:
        return views
    source = rgb
    smallest = min(max(b.w, b.h) for b in boxes) * (1 + 2 * faces.MARGIN)
    if finer is not None and to_file > 1 and smallest < face_crop_side(plan):
        source = finer(math.ceil(min(rgb.shape[:2]) * face_crop_side(plan) / smallest))
    f = source.shape[0] / rgb.shape[0]
    for box in boxes:
        crop = faces.face_crop(source, box.scaled(f))
        views.append(View(frame, box.scaled(to_file), prepare_image(plan, crop)))
    return views


def shrink_for_display(rgb: np.ndarray, short_side: int = PREVIEW_SHORT_SIDE) -> np.ndarray:
    """A picture no larger than a preview needs (its short side at most `short_side`)."""
    return resize_short_side(rgb, short_side) if min(rgb.shape[:2]) > short_side else rgb


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
            raise media.MediaError(QT_TRANSLATE_NOOP("Messages", "not a supported image or video file"))
        if not plan.models:
            raise media.MediaError(QT_TRANSLATE_NOOP("Messages", "no usable detection model (see the model problems)"))
        if kind == "image":
            watermarks: list[WatermarkFinding | None] = []  # read on the full-resolution pixels, if decoded
            rgb, info = media.open_image(path, decode_size(plan, job.preview),
                                         full_size=lambda full: watermarks.append(find_watermark(full)))
            out.width, out.height = info.width, info.height
            to_file = max(info.width, info.height) / max(rgb.shape[:2])
            if info.frames > 1:
                out.notes.append(f"animated ({info.frames} frames): the first frame was analysed")
            if info.decoded_scale > 1:
                out.notes.append(f"very large image: analysed at 1/{info.decoded_scale} scale")
            if plan.check_assessable:
                out.not_assessable_reason = assess(rgb).reason
            out.picture_hash = picture_hash(rgb)
            out.views = prepare_views(plan, rgb, to_file=to_file,
                                      finer=lambda short: media.open_image(path, media.MinSize(short))[0])
            if job.preview:
                out.preview = [shrink_for_display(rgb)]
            out.evidence = read_evidence(path)  # metadata only: never decodes the pixels again
            out.evidence.watermark_checked = bool(watermarks)
            out.evidence.watermark = watermarks[0] if watermarks else None
        else:
            video = media.read_video_frames(path, job.frames or plan.video_frames)
            out.width, out.height = video.width, video.height
            out.frame_indices = video.indices
            out.frame_times = video.times
            if plan.check_assessable:
                _assess_frames(out, video.frames)
            out.views = [v for i, f in enumerate(video.frames)
                         for v in prepare_views(plan, f, i, max_faces=VIDEO_MAX_FACES)]
            if job.preview:
                out.preview = [shrink_for_display(f) for f in video.frames]
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
        out.sha256 = out.sha256 or _readable_sha256(path)
    return out


def decode_job(plan: PreparePlan, job: FileJob | DecodeJob) -> object:
    """The decoding processes' one task: prepare a file for the models, or run any other
    decoding job (a preview: core/preview.py), so that all decoding shares their containment."""
    return prepare_file(plan, job) if isinstance(job, FileJob) else job.run()


def _assess_frames(out: PreparedFile, frames: list[np.ndarray]) -> None:
    """A video whose sampled frames are mostly computer graphics is not assessable;
    the graphic frames of the others are left out of its verdict (Detector)."""
    reasons = [assess(f).reason for f in frames]
    out.frame_assessable = [not r for r in reasons]
    graphic = [r for r in reasons if r]
    if graphic and 2 * len(graphic) >= len(frames):
        out.not_assessable_reason = f"{graphic[0]} (in {len(graphic)} of {len(frames)} sampled frames)"


def _readable_sha256(path: str) -> str:
    """The file's hash for an error row whenever its bytes can be read ('' otherwise:
    missing, unreadable, or not a regular file, whose reading could block)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return ""
        return file_sha256(path)
    except (OSError, MemoryError):
        return ""
