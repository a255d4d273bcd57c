"""The case file's records: what a verification report says about one file, or a scan.

A fact-checker files the report with the story, so every page says which file (name,
size, sha256), what the tools said (verdict, combined score, each model with its
version), when (date, time and time zone), with what (app version, model hashes),
where the models look, what the file says about itself, and what the models cannot
tell. These records are gathered here without Qt; `report.html` writes them out.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
from PIL import Image

from deepfake_desk import __version__
from deepfake_desk.core import heatmap, media, sniff
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.evidence import DEFAULT_ELA_QUALITY, ELA_HOW_TO_READ
from deepfake_desk.core.evidence.ela import ElaJob, error_levels
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.manifest import Bands, file_sha256
from deepfake_desk.core.preview import load_picture, load_preview
from deepfake_desk.core.report.limits import ModelLimits, model_limits
from deepfake_desk.core.scan import AnalysisOptions, analyze
from deepfake_desk.core.verdict import Verdict

FLAGGED = (Verdict.LABELLED_AI, Verdict.FAKE, Verdict.UNCERTAIN)  # verdicts that get a page in a scan report
THUMBNAIL_SIDE = 640  # longest side of the pictures kept in a report (shown smaller)
WORST_FRAMES = 3


def now() -> datetime:
    """The local date and time with its time zone."""
    return datetime.now().astimezone()


def analysed_time(result: FileResult) -> datetime:
    """When the result was made (its own record, with time zone); now if it does not say."""
    try:
        moment = datetime.fromisoformat(result.analysed_at) if result.analysed_at else None
    except ValueError:
        moment = None
    return moment if moment is not None and moment.tzinfo is not None else now()


@dataclass(frozen=True)
class Picture:
    """An image embedded in a report, already encoded."""

    data: bytes
    mime: str
    width: int
    height: int
    caption: str = ""

    @property
    def data_uri(self) -> str:
        return f"data:{self.mime};base64,{base64.b64encode(self.data).decode('ascii')}"


def picture(rgb: np.ndarray, caption: str = "", longest: int = THUMBNAIL_SIDE, sharp: bool = False) -> Picture:
    """A thumbnail of `rgb` as JPEG (photos), or as PNG with nearest-neighbour shrinking
    when `sharp` (error levels: averaging would dim their bright specks)."""
    image = Image.fromarray(np.ascontiguousarray(rgb[..., :3], dtype=np.uint8), "RGB")
    if max(image.size) > longest:
        f = longest / max(image.size)
        size = (max(1, round(image.width * f)), max(1, round(image.height * f)))
        image = image.resize(size, Image.NEAREST if sharp else Image.LANCZOS)
    out = io.BytesIO()
    if sharp:
        image.save(out, "PNG", optimize=True)
        mime = "image/png"
    else:
        image.save(out, "JPEG", quality=85)
        mime = "image/jpeg"
    return Picture(out.getvalue(), mime, image.width, image.height, caption)


@dataclass(frozen=True)
class ModelLine:
    """One model as the report names it: plain name, manifest id and version, file hash, weight."""

    id: str
    name: str
    version: str
    sha256: str
    share: float  # how much it counts in the combined score


@dataclass
class ReportContext:
    """What every page of one report shares: when it was made, with which app and models."""

    created_at: datetime
    app_version: str
    models: list[ModelLine]
    problems: list[str]  # models the manifest lists that could not be used
    bands: Bands
    limits: ModelLimits
    manifest_created: str = ""


def report_context(detector: Detector) -> ReportContext:
    shares = detector.shares
    models = [ModelLine(m.spec.id, m.spec.plain_name, m.spec.version, m.spec.sha256, shares.get(m.spec.id, 0.0))
              for m in detector.models]
    return ReportContext(now(), __version__, models, [str(p) for p in detector.problems], detector.manifest.bands,
                         model_limits(detector.manifest), detector.manifest.created)


@dataclass
class FileCase:
    """One file's page: its result and the pictures that go with it."""

    result: FileResult
    analysed_at: datetime
    pictures: list[Picture] = field(default_factory=list)  # the image, or the worst video frames
    fake_map: Picture | None = None
    map_note: str = ""  # how to read the map, or why there is none
    ela: Picture | None = None
    ela_note: str = ""
    notes: list[str] = field(default_factory=list)  # about the report itself ("the file changed since the scan")

    @property
    def name(self) -> str:
        return Path(self.result.path).name


@dataclass
class Report:
    """A report: one file, or a scan's summary of every file plus a page per flagged file."""

    context: ReportContext
    cases: list[FileCase]
    rows: list[FileResult] = field(default_factory=list)  # a scan's summary table (empty: one-file report)
    scanned: list[str] = field(default_factory=list)  # the folders or files a scan was given

    @property
    def is_scan(self) -> bool:
        return bool(self.scanned)


def _worst_frames(result: FileResult, pool: DecodePool | None) -> list[Picture]:
    """The most suspicious sampled frames (decoded again, no model run), worst first."""
    frames = load_preview(result, pool=pool)
    pictures = []
    for position in result.worst_frames[:WORST_FRAMES]:
        if position >= len(frames):
            continue
        when = result.frame_times[position] if position < len(result.frame_times) else None
        p = result.frame_probabilities[position] if position < len(result.frame_probabilities) else None
        caption = (f"Frame at {when:.1f} s" if when is not None else f"Frame {position + 1}") + (
            f": {100 * p:.0f}% chance of fake" if p is not None else "")
        pictures.append(picture(frames[position], caption, longest=360))
    return pictures


def _image_pictures(case: FileCase, detector: Detector, with_map: bool, pool: DecodePool | None) -> None:
    result = case.result
    try:
        rgb = load_picture(result.path, pool)
    except media.MediaError as exc:
        case.map_note = f"The picture could not be read again for the report: {exc}."
        return
    case.pictures.append(picture(rgb, QT_TRANSLATE_NOOP("Messages", "The picture as analysed")))
    if not with_map:
        case.map_note = QT_TRANSLATE_NOOP("Messages", "The map of where the models look was not made for this report.")
        return
    fmap = heatmap.fake_map(detector, rgb)
    if fmap.windows > 1 and not fmap.stands_out:  # a copy of the picture with nothing marked says nothing
        case.map_note = fmap.how_to_read()
        return
    case.fake_map = picture(heatmap.render_overlay(rgb, fmap, detector.manifest.bands),
                            f"Where the models look (most suspicious square: {100 * fmap.peak:.0f}% chance of fake)")
    case.map_note = fmap.how_to_read()


def _ela(case: FileCase, pool: DecodePool | None) -> None:
    result = case.result
    evidence = result.evidence
    is_jpeg = evidence.image_format == "JPEG" if evidence and evidence.image_format else (
        sniff.sniff_mime(result.path) == "image/jpeg")
    if not is_jpeg:
        case.ela_note = QT_TRANSLATE_NOOP("Messages", "Error level analysis applies to JPEG files only.")
        return
    quality = min(100, max(50, (evidence.jpeg_quality if evidence else None) or DEFAULT_ELA_QUALITY))
    levels = error_levels(ElaJob(result.path, quality), pool)
    if levels.error:
        case.ela_note = f"Error level analysis failed: {levels.error}."
        return
    case.ela = picture(printable_ela(levels.ela),
                       f"Error levels after re-saving at quality {quality}, shown for paper: brightened to "
                       f"the picture's own strongest levels and inverted, so a darker spot is a larger "
                       f"change (a bright spot on screen)", sharp=True)
    case.ela_note = ELA_HOW_TO_READ  # translated as a whole, its line break dropped when rendered


def printable_ela(ela: np.ndarray) -> np.ndarray:
    """Error levels as they print: on screen they are bright specks on black, which prints as a black
    square. Stretched so the picture's strongest levels (99.5th percentile) are full strength, then
    inverted: white where nothing changed, dark where the re-save changed most."""
    levels = ela[..., :3].astype(np.float32)
    top = float(np.percentile(levels, 99.5)) or 1.0
    return (255.0 - np.clip(levels * (255.0 / top), 0, 255)).astype(np.uint8)


def file_case(detector: Detector, result: FileResult, with_map: bool = True,
              pool: DecodePool | None = None) -> FileCase:
    """The page of one analysed file. Its scores are the result's own (one analysis per file);
    only the map runs the models again, square by square. Its pictures are decoded in `pool`
    (the app's decoding processes) when given."""
    case = FileCase(result, analysed_time(result))
    if result.verdict == Verdict.NOT_ANALYSED:  # unreadable (a not-assessable picture still has its page)
        return case
    if result.kind == "video":
        try:
            case.pictures = _worst_frames(result, pool)
        except media.MediaError as exc:
            case.notes.append(f"The frames could not be read again for the report: {exc}.")
        case.map_note = QT_TRANSLATE_NOOP("Messages", "The map of where the models look is drawn for images only.")
        case.ela_note = QT_TRANSLATE_NOOP("Messages", "Error level analysis applies to JPEG images only.")
    else:
        _image_pictures(case, detector, with_map, pool)
        _ela(case, pool)
    return case


def file_report(detector: Detector, path: str | Path, frames: int | None = None, with_map: bool = True,
                pool: DecodePool | None = None) -> Report:
    """The report of one file, analysed now the one way files are (`core.scan.analyze`: decoded in
    `pool`, or in decoding processes of its own)."""
    (result,) = analyze([path], detector, AnalysisOptions(frames=frames), pool=pool)
    return result_report(detector, result, with_map, pool)


def result_report(detector: Detector, result: FileResult, with_map: bool = True,
                  pool: DecodePool | None = None) -> Report:
    """The report of a file already analysed (`core.scan.analyze`, or the window's selected row)."""
    return Report(report_context(detector), [file_case(detector, result, with_map, pool)])


def scan_report(detector: Detector, rows: list[FileResult], scanned: list[str], with_map: bool = True,
                pool: DecodePool | None = None) -> Report:
    """A scan's report: every row in the summary, and a page per file judged fake, uncertain
    or labelled AI, from the scan's own results. A file whose sha256 changed since it was
    analysed says so (its pictures are read from the file as it is now)."""
    report = Report(report_context(detector), [], list(rows), list(scanned) or ["(files)"])
    for row in rows:
        if row.verdict not in FLAGGED:
            continue
        case = file_case(detector, row, with_map, pool)
        try:
            changed = bool(row.sha256) and file_sha256(row.path) != row.sha256
        except OSError:
            changed = True
        if changed:
            case.notes.append(QT_TRANSLATE_NOOP(
                "Messages", "The file changed or went missing after it was analysed (its sha256 differs): the "
                "scores are those of the analysis, the pictures are of the file as it is now."))
        report.cases.append(case)
    return report
