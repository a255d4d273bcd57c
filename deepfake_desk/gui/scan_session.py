"""The window's scans: a queue of requests run one at a time off the GUI thread.

`ScanSession` owns the queue, the running `Worker` and its progress counters, and
reports only through signals (delivered on the GUI thread), so the window never
polls a worker. Paths opened while a scan runs wait their turn; `discard()` stops
the scan and drops the rows still in flight (Clear results).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.scan import AnalysisOptions, analyze, decoding_pool
from deepfake_desk.gui.workers import Worker


@dataclass(frozen=True)
class ScanRequest:
    """What to scan, as the user asked for it."""

    paths: tuple[str, ...]
    recursive: bool = True
    frames: int | None = None  # None: the manifest's default
    preview: bool = False  # keep preview pixels (a few files opened by hand)
    select: str | None = None  # the row to show once it arrives; None: the window decides


@dataclass(frozen=True)
class ScanTotal:
    """How many files a scan job has found so far, sent before the row that follows."""

    files: int


@dataclass(frozen=True)
class ScanSummary:
    """How a scan ended, for the status bar."""

    done: int
    total: int
    elapsed: float
    cancelled: bool


def scan_job(paths: Sequence[str], detector: Detector, options: AnalysisOptions, pool: DecodePool | None,
             cancel: threading.Event) -> Iterator[ScanTotal | FileResult]:
    """Each file's result, preceded by the number of files found so far whenever it grew
    (the folders are walked once, ahead of the analysis: core/walk.py)."""
    analysis = analyze(paths, detector, options, cancel, pool=pool)
    counted = 0
    try:
        for result in analysis:
            if analysis.found != counted:
                counted = analysis.found
                yield ScanTotal(counted)
            yield result
        if analysis.found != counted or not counted:
            yield ScanTotal(analysis.found)
    finally:
        analysis.close()


class ScanSession(QObject):
    """Runs queued `ScanRequest`s one after the other with the detector it is given."""

    started = Signal(object)  # the ScanRequest now running
    counted = Signal(int)  # files the running scan will yield
    result = Signal(object)  # a FileResult of the running scan
    failed = Signal(object)  # the exception that stopped a scan
    finished = Signal(object)  # ScanSummary
    refused = Signal(str)  # why queued requests were dropped (no usable model)

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.detector: Detector | None = None
        self.pool: DecodePool | None = None  # the decoding processes of this app session (scans and previews)
        self.ready = False  # True once the models finished loading, with or without models
        self._queue: list[ScanRequest] = []
        self._worker: Worker | None = None
        self._discarded: object | None = None  # signals of a discarded scan, whose late rows are dropped
        self.total = 0
        self.done = 0
        self._started = 0.0

    # -- state -------------------------------------------------------------------
    @property
    def scanning(self) -> bool:
        """A scan runs or waits in the queue."""
        return self._worker is not None or bool(self._queue)

    @property
    def running(self) -> bool:
        return self._worker is not None

    @property
    def cancelling(self) -> bool:
        return self._worker is not None and self._worker.cancelled

    @property
    def counting(self) -> bool:
        """The running scan has not found a file yet (no count to show)."""
        return self._worker is not None and self.total == 0

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._started

    @property
    def worker(self) -> Worker | None:
        return self._worker

    # -- control -----------------------------------------------------------------
    def set_detector(self, detector: Detector | None) -> None:
        """The models are loaded (or failed to): queued requests may start. The decoding processes
        start now, in the background, for every scan and preview of the session (again when the
        models change: the processes are told what the models need once)."""
        self.detector = detector
        self.ready = True
        if self.pool is not None and (detector is None or self.pool.context is not detector.plan):
            self.pool.close()  # a scan still running stops its own processes when it ends
            self.pool = None
        if self.pool is None and detector is not None and detector.models:
            self.pool = decoding_pool(detector, keep=True).start()
        self._start_next()

    def close(self) -> None:
        """Cancel, and stop the session's decoding processes (the window is closing)."""
        self.cancel()
        if self.pool is not None:
            self.pool.close()
            self.pool = None

    def enqueue(self, request: ScanRequest) -> None:
        self._queue.append(request)
        self._start_next()

    def cancel(self) -> None:
        """Stop the running scan at its next file and forget the queue; finished rows stay delivered."""
        self._queue.clear()
        if self._worker is not None:
            self._worker.quit()

    def discard(self) -> None:
        """Cancel, and drop the rows the worker sent before it saw the cancel."""
        if self._worker is not None:
            self._discarded = self._worker.signals
        self.cancel()

    # -- the running worker --------------------------------------------------------
    def _start_next(self) -> None:
        if self._worker is not None or not self.ready or not self._queue:
            return
        if self.detector is None or not self.detector.models:
            self._queue.clear()
            self.refused.emit(self.tr("Cannot analyse: no detection model is loaded (see the message above)."))
            return
        request = self._queue.pop(0)
        self.total = self.done = 0
        self._started = time.monotonic()
        options = AnalysisOptions(recursive=request.recursive, frames=request.frames, preview=request.preview)
        worker = Worker(scan_job, list(request.paths), self.detector, options, self.pool, pass_cancel=True)
        worker.signals.yielded.connect(self._on_item)
        worker.signals.errored.connect(self.failed)
        worker.signals.finished.connect(self._on_finished)
        self._worker = worker
        self.started.emit(request)
        worker.start()

    def _on_item(self, item: ScanTotal | FileResult) -> None:
        if self._discarded is not None and self.sender() is self._discarded:
            return  # results still in flight from a scan whose rows were cleared
        if isinstance(item, ScanTotal):
            self.total = item.files
            self.counted.emit(item.files)
            return
        self.done += 1
        self.result.emit(item)

    def _on_finished(self) -> None:
        worker, self._worker = self._worker, None
        if worker is not None and worker.signals is self._discarded:
            self._discarded = None
        self.finished.emit(ScanSummary(self.done, self.total, self.elapsed,
                                       worker is not None and worker.cancelled))
        self._start_next()
