"""Folder scans: find the media files under some paths and score them one by one.

`scan_paths` is a generator: it yields one `FileResult` per file, in the order the
files were found, as soon as each is ready. Decoding runs ahead in worker threads
while the models score the previous files, so both cores stay busy; a bad file
becomes a result with an error, never an exception that ends the scan.
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from app.core import media
from app.core.detector import Detector, FileResult, PreparedFile

CancelCheck = Callable[[], bool] | threading.Event | None


@dataclass(frozen=True)
class MediaFile:
    path: str
    kind: str | None  # from the extension; None when only the content says media (or nothing)


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
            yield MediaFile(root, media.kind_from_extension(root))
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
                yield MediaFile(path, kind)


def count_media_files(paths: Iterable[str | os.PathLike], recursive: bool = True) -> int:
    return sum(1 for _ in iter_media_files(paths, recursive))


def scan_paths(
    paths: Iterable[str | os.PathLike],
    detector: Detector,
    recursive: bool = True,
    frames: int | None = None,
    cancel: CancelCheck = None,
    workers: int = 2,
    lookahead: int = 6,
    preview: bool = False,
) -> Iterator[FileResult]:
    """Yield one FileResult per media file under `paths`; stops early when `cancel` is set."""
    files = iter_media_files(paths, recursive)
    pending: deque[Future[PreparedFile]] = deque()
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="decode") as pool:
        try:
            def submit_next() -> bool:
                item = next(files, None)
                if item is None:
                    return False
                pending.append(pool.submit(detector.prepare_file, item.path, item.kind, frames, preview))
                return True

            while len(pending) < lookahead and submit_next():
                pass
            while pending:
                if _is_cancelled(cancel):
                    return
                prepared = pending.popleft().result()
                submit_next()
                yield detector.score_prepared(prepared)
        finally:
            for future in pending:
                future.cancel()
