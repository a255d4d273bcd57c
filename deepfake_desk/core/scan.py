"""Folder scans: find the media files under some paths and score them one by one.

`scan_paths` is a generator: it yields one `FileResult` per file, in the order the
files were found, as soon as each is ready. Decoding runs ahead in a small pool of
decoding processes (`decode_pool`) while the models score the previous files here, so
both cores stay busy; a bad file becomes a result with an error, never an exception
that ends the scan, and a file whose decoder crashes, runs out of memory or takes too
long costs its own row only.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from deepfake_desk.core import decode_pool, media
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.prepare import FileJob, prepare_file

CancelCheck = Callable[[], bool] | threading.Event | None


@dataclass(frozen=True)
class MediaFile:
    path: str
    kind: str | None  # from the extension; None when only the content says media (or nothing)
    folder: str = ""  # relative to the scanned folder ("." directly in it); a named file: its absolute folder


def _is_cancelled(cancel: CancelCheck) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def iter_media_files(paths: Iterable[str | os.PathLike], recursive: bool = True) -> Iterator[MediaFile]:
    """Every file to scan under `paths`, in a stable order.

    In folders: each file with a media extension (even an unreadable one, which then
    gets an error row), and other files only if their content is an image or video.
    A path named explicitly is always listed. Symlinked folders are not followed, so
    a link loop cannot trap the scan.
    """
    for root in paths:
        root = os.fspath(root)
        if not os.path.isdir(root):
            yield MediaFile(root, media.kind_from_extension(root), os.path.dirname(os.path.abspath(root)))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
            dirs.sort()
            if not recursive:
                dirs.clear()
            for name in sorted(files):
                path = os.path.join(folder, name)
                kind = media.kind_from_extension(name)
                if kind is None:
                    kind = media.sniff_kind(path)
                    if kind is None:
                        continue
                yield MediaFile(path, kind, os.path.relpath(folder, root))


def scan_started() -> str:
    """When a scan started, as its rows carry it: ISO 8601 to the millisecond with the time zone
    (two scans a second apart are still told apart)."""
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


def scan_paths(
    paths: Iterable[str | os.PathLike],
    detector: Detector,
    recursive: bool = True,
    frames: int | None = None,
    cancel: CancelCheck = None,
    workers: int = decode_pool.DEFAULT_PROCESSES,
    lookahead: int = 6,
    preview: bool = False,
    file_timeout: float | None = decode_pool.DEFAULT_TIME_BUDGET_S,
    memory_limit: int | None = decode_pool.DEFAULT_MEMORY_BYTES,
) -> Iterator[FileResult]:
    """Yield one FileResult per media file under `paths`; stops early when `cancel` is set.

    `workers` decoding processes (each limited to `memory_limit` bytes of address
    space) prepare files in order, at most `lookahead` ahead of the one being scored;
    the models score them here. A file still decoding `file_timeout` seconds after
    it started gets an error row (None: wait for ever), as does a file whose decoder
    crashed or ran out of memory; the other files are not affected.
    """
    scan = scan_started()  # every row of this scan says so (export's `scan` column)
    jobs = (FileJob(item.path, item.kind, frames, preview, item.folder) for item in iter_media_files(paths, recursive))
    pool = decode_pool.DecodePool(prepare_file, detector.plan, workers, memory_limit, file_timeout)
    outcomes = pool.map_ordered(jobs, lookahead, lambda: _is_cancelled(cancel))
    try:
        for job, outcome in outcomes:
            if isinstance(outcome, decode_pool.Failed):
                result = detector.new_result(job.path, kind=job.kind or "", error=outcome.reason)
            else:
                result = detector.score_prepared(outcome)
            result.folder = job.folder
            result.scan = scan
            yield result
            if _is_cancelled(cancel):
                return
    finally:
        outcomes.close()  # stops the decoding processes, also when our caller stops early
