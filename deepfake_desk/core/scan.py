"""Folder scans: find the media files under some paths and score them one by one.

`scan_paths` is a generator: it yields one `FileResult` per file, in the order the
files were found, as soon as each is ready. Decoding runs ahead in worker threads
while the models score the previous files, so both cores stay busy; a bad file
becomes a result with an error, never an exception that ends the scan, and a file
that takes too long to decode gets a timeout row instead of stalling the rest.
"""

from __future__ import annotations

import os
import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from deepfake_desk.core import media
from deepfake_desk.core.detector import Detector, FileResult, PreparedFile

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


# A file whose decoding takes longer than this gets an error row and the scan moves
# on. Python cannot stop a thread, so the stuck decode goes on in its (daemon) worker,
# which cannot keep the app from exiting and leaves once that file is done, while a
# fresh worker takes its place; once MAX_STUCK_DECODES are stuck at the same time, the
# rest of the files get error rows instead of piling up threads that may each hold a
# large image.
FILE_TIME_BUDGET_S = 120.0
MAX_STUCK_DECODES = 4
_CANCEL_POLL_S = 0.2  # how often a wait for a slow file looks at `cancel`


class _Decode:
    """One file to decode and preprocess in a worker thread."""

    def __init__(self, item: MediaFile):
        self.item = item
        self.prepared: PreparedFile | None = None
        self.started: float | None = None
        self.worker: _Worker | None = None
        self.done = threading.Event()


class _Worker:
    """A long-lived decode thread (its thread-local caches, e.g. the face cascade, stay warm)."""

    def __init__(self, jobs: queue.SimpleQueue, run: Callable[[_Decode], None], stop: threading.Event):
        self.abandoned = False
        self._jobs, self._run, self._stop = jobs, run, stop
        threading.Thread(target=self._loop, name="decode", daemon=True).start()

    def _loop(self) -> None:
        while not self.abandoned and not self._stop.is_set():
            job = self._jobs.get()
            if job is None or self._stop.is_set():
                return
            job.worker = self
            job.started = time.monotonic()
            self._run(job)


def scan_paths(
    paths: Iterable[str | os.PathLike],
    detector: Detector,
    recursive: bool = True,
    frames: int | None = None,
    cancel: CancelCheck = None,
    workers: int = 2,
    lookahead: int = 6,
    preview: bool = False,
    file_timeout: float | None = FILE_TIME_BUDGET_S,
) -> Iterator[FileResult]:
    """Yield one FileResult per media file under `paths`; stops early when `cancel` is set.

    `workers` threads decode files in order, at most `lookahead` ahead of the one
    being scored. A file still decoding `file_timeout` seconds after it started gets
    an error row (None: wait for ever).
    """
    files = iter_media_files(paths, recursive)
    ahead: deque[_Decode] = deque()
    stuck: list[_Decode] = []
    changed = threading.Condition()
    jobs: queue.SimpleQueue = queue.SimpleQueue()
    stop = threading.Event()
    lookahead = max(lookahead, workers, 1)

    def decode(job: _Decode) -> None:
        try:
            job.prepared = detector.prepare_file(job.item.path, job.item.kind, frames, preview)
        finally:
            with changed:
                job.done.set()
                changed.notify_all()

    def refill() -> None:
        while len(ahead) < lookahead:
            item = next(files, None)
            if item is None:
                break
            ahead.append(_Decode(item))
            jobs.put(ahead[-1])

    pool = [_Worker(jobs, decode, stop) for _ in range(max(1, workers))]
    try:
        refill()
        while ahead:
            if _is_cancelled(cancel):
                return
            head = ahead[0]
            with changed:
                while not head.done.is_set() and not _is_cancelled(cancel):
                    wait = _CANCEL_POLL_S
                    if file_timeout is not None and head.started is not None:
                        left = head.started + file_timeout - time.monotonic()
                        if left <= 0:
                            break
                        wait = min(wait, left)
                    changed.wait(wait)
            if not head.done.is_set():
                if _is_cancelled(cancel):
                    return
                stuck.append(head)
                head.worker.abandoned = True  # it leaves once this file is done
                pool.append(_Worker(jobs, decode, stop))
            ahead.popleft()
            result = _result_of(head, detector, file_timeout)
            stuck = [job for job in stuck if not job.done.is_set()]
            if len(stuck) >= MAX_STUCK_DECODES:
                yield result
                reason = (f"not scanned: {len(stuck)} files are still stuck in the image decoder "
                          "(restart the app to scan the rest)")
                for item in [job.item for job in ahead] + list(files):
                    yield detector.new_result(item.path, kind=item.kind or "", error=reason)
                return
            refill()
            yield result
    finally:
        stop.set()  # queued files are skipped; a decode under way finishes in the background
        for _ in pool:
            jobs.put(None)


def _result_of(job: _Decode, detector: Detector, file_timeout: float | None) -> FileResult:
    if not job.done.is_set():
        return detector.new_result(
            job.item.path, kind=job.item.kind or "",
            error=f"gave up after {file_timeout:g} s: the file takes too long to read (damaged or crafted to stall)",
        )
    if job.prepared is None:  # prepare_file never raises; this guards against a bug all the same
        return detector.new_result(job.item.path, kind=job.item.kind or "",
                                   error="unexpected error while reading the file")
    return detector.score_prepared(job.prepared)
