"""The one analysis service: `analyze(paths, detector, options)` gives one FileResult per file.

The command line's scan and reports, the window and a Dask cluster all go through it.
The folders are walked once (`walk.Listing`, counted as it goes); each file is decoded
in a small pool of decoding processes (`decode_pool`) while the models score the
previous files here, so both cores stay busy; a bad file becomes a result with an
error, never an exception that ends the scan, and a file whose decoder crashes, runs
out of memory or takes too long costs its own row only. On a cluster
(`core/cluster.py`) the workers decode and score, and the rows come as they finish.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from deepfake_desk.core import decode_pool
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.prepare import FileJob, decode_job
from deepfake_desk.core.walk import Listing, MediaFile, iter_media_files

if TYPE_CHECKING:
    from deepfake_desk.core.cluster import ClusterScan

__all__ = ["Analysis", "AnalysisOptions", "CancelCheck", "MediaFile", "analyze", "is_cancelled", "iter_media_files", "scan_paths",
           "scan_started", "decoding_pool"]

CancelCheck = Callable[[], bool] | threading.Event | None


@dataclass(frozen=True)
class AnalysisOptions:
    """How to analyse: what to look at, and the limits a file's decoding runs under."""

    recursive: bool = True  # descend into sub-folders
    frames: int | None = None  # videos: frames to sample (None: the manifest's)
    preview: bool = False  # keep shrunk pictures for display with each row (a few files opened by hand)
    workers: int = decode_pool.DEFAULT_PROCESSES  # decoding processes
    lookahead: int = 6  # files decoded ahead of the one being scored
    file_timeout: float | None = decode_pool.DEFAULT_TIME_BUDGET_S  # None: wait for ever
    memory_limit: int | None = decode_pool.DEFAULT_MEMORY_BYTES  # per decoding process


def is_cancelled(cancel: CancelCheck) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def scan_started() -> str:
    """When a scan started, as its rows carry it: ISO 8601 to the millisecond with the time zone
    (two scans a second apart are still told apart)."""
    return datetime.now().astimezone().isoformat(timespec="milliseconds")


class Analysis:
    """One run of `analyze`: iterate it for the rows; `found` and `complete` count the files as the
    walk finds them. `close()` stops the walk and the decoding processes (or the cluster's files)."""

    def __init__(self, paths: Iterable[str | os.PathLike], detector: Detector, options: AnalysisOptions,
                 cancel: CancelCheck = None, cluster: ClusterScan | None = None, pool: DecodePool | None = None):
        self.listing = Listing(paths, options.recursive)
        self.scan = scan_started()  # every row of this analysis says so (export's `scan` column)
        self._rows = self._stamped(detector, options, cancel, cluster, pool)

    @property
    def found(self) -> int:
        """Files found so far."""
        return self.listing.found

    @property
    def complete(self) -> bool:
        """Every file has been found: `found` is the total."""
        return self.listing.complete

    def __iter__(self) -> Analysis:
        return self

    def __next__(self) -> FileResult:
        return next(self._rows)

    def close(self) -> None:
        self._rows.close()
        self.listing.close()

    def _stamped(self, detector: Detector, options: AnalysisOptions, cancel: CancelCheck,
                 cluster: ClusterScan | None, pool: DecodePool | None) -> Iterator[FileResult]:
        self.listing.start()
        rows = cluster.results(self.listing, cancel) if cluster else self._decoded(detector, options, cancel, pool)
        try:
            for row in rows:
                row.scan = self.scan
                yield row
        finally:
            rows.close()
            self.listing.close()

    def _decoded(self, detector: Detector, options: AnalysisOptions, cancel: CancelCheck,
                 pool: DecodePool | None) -> Iterator[FileResult]:
        """Decoded in the pool, scored here, in the order the files were found."""
        jobs = (FileJob(m.path, m.kind, options.frames, options.preview, m.folder) for m in self.listing)
        if pool is None:
            pool = decoding_pool(detector, options)
        outcomes = pool.map_ordered(jobs, options.lookahead, lambda: is_cancelled(cancel))
        try:
            for job, outcome in outcomes:
                if isinstance(outcome, decode_pool.Failed):
                    result = detector.new_result(job.path, kind=job.kind or "", error=outcome.reason)
                else:
                    result = detector.score_prepared(outcome)
                result.folder = job.folder
                yield result
                if is_cancelled(cancel):
                    return
        finally:
            outcomes.close()  # stops the decoding processes, also when our caller stops early


def decoding_pool(detector: Detector, options: AnalysisOptions = AnalysisOptions(), keep: bool = False) -> DecodePool:
    """Decoding processes for `detector`'s files, under `options`' limits. With `keep` they serve
    one app session (every scan and preview of the window; `start()` it at launch), else one analysis."""
    return DecodePool(decode_job, detector.plan, options.workers, options.memory_limit, options.file_timeout, keep)


def analyze(paths: Iterable[str | os.PathLike], detector: Detector, options: AnalysisOptions = AnalysisOptions(),
            cancel: CancelCheck = None, cluster: ClusterScan | None = None,
            pool: DecodePool | None = None) -> Analysis:
    """One FileResult per media file under `paths`; stops early when `cancel` is set.

    Locally (no `cluster`), `options.workers` decoding processes (each limited to
    `options.memory_limit` bytes of address space) prepare files in order, at most
    `options.lookahead` ahead of the one being scored; the models score them here. A
    file still decoding `options.file_timeout` seconds after it started gets an error row,
    as does a file whose decoder crashed or ran out of memory; the other files are not
    affected. `pool`: the app session's decoding processes (`decoding_pool`), whose own limits
    then apply; None: processes started for this analysis. On a cluster the rows come in the
    order the files finish.
    """
    return Analysis(paths, detector, options, cancel, cluster, pool)


def scan_paths(paths: Iterable[str | os.PathLike], detector: Detector, cancel: CancelCheck = None,
               **options) -> Analysis:
    """`analyze` with its options as keywords (`scan_paths(paths, detector, workers=1)`)."""
    return analyze(paths, detector, AnalysisOptions(**options), cancel)
