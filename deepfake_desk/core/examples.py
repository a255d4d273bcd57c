"""The examples a detector is taught from: which files (two folders, two lists, a CSV's column, marked rows) and
what each holds, read as a scan reads files (core.learn fits the detector on them).

A file is read in the scan's decoding processes with the scan's plan (prepare.plan_for, prepare.prepare_file),
so a hostile file costs that file only. A still is one frame; a video gives VIDEO_FRAMES frames spread over it
as a scan spreads its own. Each frame gives the feature model's features of the whole picture and of each face
a scan would crop as a view of its own.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from deepfake_desk.core.decode_pool import DEFAULT_PROCESSES, DecodePool, Failed
from deepfake_desk.core.detector import OnnxModel
from deepfake_desk.core.manifest import Manifest
from deepfake_desk.core.prepare import FileJob, PreparedFile, PreparePlan, View, decode_job, plan_for
from deepfake_desk.core.scan import CancelCheck, is_cancelled, iter_media_files

CLASS_COLUMN = "confirmed"  # the scan export's column of the user's marks
_CLASS_WORDS = {"fake": 1, "confirmed fake": 1, "real": 0, "confirmed real": 0}
LABELS = {0: "real", 1: "fake"}
NEAR_DUPLICATE_BITS = 5  # 64-bit thumbnail hashes this close are the same picture (resized, re-encoded)
# frames of a video it reads: a scan reads 16, but they differ little (measured: training/fewshot_video.py)
# and every frame is a row of the fit (40 videos of 16 frames: about 2 minutes to read and fit)
VIDEO_FRAMES = 4

class LearnError(Exception):
    """The examples or the name cannot make a detector; the message says why in plain words."""


@dataclass(frozen=True)
class Frame:
    """One picture of an example (a still is one; a video gives frames spread over it): the whole picture's
    features, whether it shows a face, and the features of each face a scan would crop as a view of its own
    (faces filling part of a large picture, prepare.prepare_views' rule), taught beside the whole picture."""

    whole: np.ndarray
    face: bool = False  # shows a face (core.faces.shows_face; False without the manifest's face detector)
    faces: tuple[np.ndarray, ...] = ()


@dataclass
class Example:
    path: str
    label: int  # 1 = fake
    sha256: str
    thumb: int  # 64-bit difference hash of a 9 x 8 grey thumbnail (a video: of its middle sampled frame)
    frames: tuple[Frame, ...]
    video: bool = False

    @property
    def features(self) -> np.ndarray:
        """The whole picture's features (a video: its first sampled frame's)."""
        return self.frames[0].whole

    @property
    def face(self) -> bool:
        """It shows a face (a video: in any of its sampled frames)."""
        return any(f.face for f in self.frames)

    @property
    def face_features(self) -> tuple[np.ndarray, ...]:
        """Every face view's features, over its frames (user_models.FACE_VIEWS)."""
        return tuple(v for f in self.frames for v in f.faces)


def thumbnail_hash(rgb: np.ndarray) -> int:
    """Difference hash: 64 bits saying whether each pixel of a 9 x 8 grey thumbnail is darker
    than its right neighbour. Resizing and re-encoding a picture leave it (nearly) unchanged."""
    grey = np.asarray(Image.fromarray(rgb).convert("L").resize((9, 8), Image.BILINEAR), dtype=np.int16)
    bits = (grey[:, :-1] < grey[:, 1:]).ravel()
    return int(sum(1 << i for i, bit in enumerate(bits) if bit))


def near_duplicate_groups(thumbs: list[int], max_bits: int = NEAR_DUPLICATE_BITS) -> np.ndarray:
    """A group number per picture; pictures whose hashes differ in at most `max_bits` bits
    (directly or through a chain of such pictures) share a group."""
    parent = list(range(len(thumbs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    hashes = np.array(thumbs, dtype=np.uint64)
    for i in range(len(thumbs)):
        xor = (hashes[i + 1 :] ^ hashes[i]).view(np.uint8).reshape(-1, 8)
        for j in np.flatnonzero(np.unpackbits(xor, axis=1).sum(axis=1) <= max_bits):
            parent[root(i + 1 + int(j))] = root(i)
    roots = [root(i) for i in range(len(thumbs))]
    numbering = {r: n for n, r in enumerate(dict.fromkeys(roots))}
    return np.array([numbering[r] for r in roots], dtype=int)


def folder_files(real_dir: str | Path, fake_dir: str | Path) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """(file, label) for every image and video under both folders, and the files left out with why (none yet:
    a file that cannot be read is left out when it is read)."""
    folders = {0: Path(real_dir), 1: Path(fake_dir)}
    for label, folder in folders.items():
        if not folder.is_dir():
            raise LearnError(f"the {LABELS[label]} examples' folder {folder} does not exist or is not a folder")
    if folders[0].resolve() == folders[1].resolve():
        raise LearnError("the real and the fake examples must be in two different folders")
    files = [(item.path, label) for label, folder in folders.items() for item in iter_media_files([folder])]
    return files, []


def _listed_files(paths: Iterable[tuple[str, int]]) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """(file, label) for each listed file that exists, and the others with why."""
    files, left_out = [], []
    for path, label in paths:
        if os.path.isfile(path):
            files.append((path, label))
        else:
            left_out.append((path, "no such file"))
    return files, left_out


def _resolve(entry: str, base: Path) -> str:
    """A listed path: absolute as given, else beside the list (or else from the current folder).
    A path a spreadsheet-safe export prefixed with a quote is read without it."""
    for candidate in (entry, entry[1:] if entry.startswith("'") else None):
        if candidate is None:
            continue
        path = Path(candidate).expanduser()
        if path.is_absolute():
            if path.exists():
                return str(path)
            continue
        for root in (base, Path.cwd()):
            if (root / path).exists():
                return str(root / path)
    return str(Path(entry) if Path(entry).is_absolute() else base / entry)


def _read_text(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LearnError(f"the {what} {path} does not exist") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LearnError(f"the {what} {path} cannot be read: {getattr(exc, 'strerror', None) or exc}") from None


def marked_files(reals: Iterable[str], fakes: Iterable[str]) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """Examples from files the user marked (results table): the same checks as listed files."""
    return _listed_files([(p, 0) for p in reals] + [(p, 1) for p in fakes])


def list_files(real_list: str | Path, fake_list: str | Path) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """Examples from two text files, one path a line (blank lines and lines starting with # ignored)."""
    entries = []
    for label, list_path in ((0, Path(real_list)), (1, Path(fake_list))):
        for line in _read_text(list_path, f"list of {LABELS[label]} examples").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                entries.append((_resolve(line, list_path.parent), label))
    return _listed_files(entries)


def csv_files(table: str | Path, column: str = CLASS_COLUMN, path_column: str = "path"
              ) -> tuple[list[tuple[str, int]], list[tuple[str, str]]]:
    """Examples from a CSV whose `column` says each file's class ("fake" or "real", also "confirmed
    fake"/"confirmed real"; other rows are ignored), e.g. a scan's export after marking rows."""
    table = Path(table)
    rows = list(csv.DictReader(_read_text(table, "CSV").splitlines()))
    header = list(rows[0]) if rows else []
    for needed in (path_column, column):
        if needed not in header:
            raise LearnError(f"the CSV {table} has no column '{needed}' (its columns: {', '.join(header) or 'none'})")
    entries = [(_resolve(row[path_column] or "", table.parent), _CLASS_WORDS[(row[column] or "").strip().lower()])
               for row in rows if (row[column] or "").strip().lower() in _CLASS_WORDS and row[path_column]]
    if not entries:
        raise LearnError(f"no row of {table} says 'fake' or 'real' in its column '{column}': mark rows first")
    return _listed_files(entries)


def reading_plan(manifest: Manifest, video_frames: int = VIDEO_FRAMES) -> PreparePlan:
    """How learn reads its examples: as a scan prepares files for the shipped models (prepare.plan_for: the same
    decoded size, face search and face views), with at most `video_frames` frames of a video, face presence asked,
    and no computer-graphics check (a taught example is what the user says it is)."""
    return plan_for(tuple(m for m in manifest.models if not m.taught), manifest.face_detector,
                    min(video_frames, manifest.video_frames), check_assessable=False,
                    face_presence=manifest.face_detector is not None)


def example_of(prepared: PreparedFile, label: int, model: OnnxModel) -> Example:
    """One example from a file a scan's decoding prepared (prepare.prepare_file, with preview frames): per frame
    (a still has one), the feature model's features of the whole picture and of each face view, and whether it
    shows a face; its near-duplicate hash from the middle frame's preview."""
    views: dict[int, list[View]] = {}
    for view in prepared.views:
        views.setdefault(view.frame, []).append(view)

    def features(view: View) -> np.ndarray:
        return model.run(view.inputs[model.spec.id], with_features=True)[1].mean(axis=0, dtype=np.float64)

    frames = []
    for frame in sorted(views):
        whole = next(v for v in views[frame] if v.face is None)
        frames.append(Frame(features(whole), bool(whole.shows_face),
                            tuple(features(v) for v in views[frame] if v.face is not None)))
    for view in prepared.views:
        view.inputs = {}
    preview = prepared.preview[len(prepared.preview) // 2]
    return Example(prepared.path, label, prepared.sha256, thumbnail_hash(preview), tuple(frames),
                   prepared.kind == "video")


def read_examples(files: list[tuple[str, int]], manifest: Manifest, model: OnnxModel,
                  video_frames: int = VIDEO_FRAMES, cancel: CancelCheck = None
                  ) -> Iterator[tuple[int, str, Example | str]]:
    """(files read so far, file, its Example or why it was skipped) for each of `files`, read as a scan reads
    them: in the scan's decoding processes (core.decode_pool), so that a hostile file (a decoder crash, a memory
    bomb, a file that never ends) costs that file only. Stops early when `cancel` is set."""
    pool = DecodePool(decode_job, reading_plan(manifest, video_frames), processes=DEFAULT_PROCESSES)  # a scan's number
    jobs = (FileJob(path, preview=True) for path, _ in files)
    outcomes = pool.map_ordered(jobs, cancelled=lambda: is_cancelled(cancel))
    try:
        for done, ((path, label), (_, outcome)) in enumerate(zip(files, outcomes), start=1):
            if isinstance(outcome, Failed):
                yield done, path, outcome.reason
            elif outcome.error:
                yield done, path, outcome.error
            else:
                yield done, path, example_of(outcome, label, model)
    finally:
        outcomes.close()
