"""Folder scans on a Dask cluster: `core.scan.analyze` lists the files here, the workers score them with the same core.

For archives past one machine. Nothing here is a job queue of our own: Dask's
scheduler places the files on the workers, moves a file to another worker when its
worker dies, and gives up on a file that killed `distributed.scheduler.allowed-failures`
+ 1 workers (`KilledWorker`, which becomes that file's error row). Each worker loads
the models once, from its own install (the manifest loader checks every sha256), and
refuses to score with models other than the client's, so a cluster scan gives the
same rows as a local one, in the order the files finish.

Dask is the optional `cluster` extra: it is imported only when a cluster scan starts.
"""

from __future__ import annotations

import itertools
import os
import signal
import socket
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from deepfake_desk import __version__
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.manifest import file_sha256
from deepfake_desk.core.scan import CancelCheck, is_cancelled
from deepfake_desk.core.walk import MediaFile

LOCAL_PREFIX = "local:"
INSTALL_HINT = "pip install 'deepfake-desk[cluster]'"
WORKER_WAIT_S = 60.0  # how long a scan waits for the first worker to join a remote scheduler
_POLL_S = 0.05  # how often the client looks at `cancel` while it waits for results


class ClusterError(Exception):
    """The cluster cannot be used (Dask missing, scheduler out of reach, workers with other models)."""


def parse_scheduler(text: str) -> str | int:
    """`tcp://HOST:PORT` (returned as is) or `local:N` (returned as N, the local worker processes)."""
    if text.startswith(LOCAL_PREFIX):
        count = text[len(LOCAL_PREFIX):]
        if not count.isdigit() or int(count) < 1:
            raise ValueError(f"--scheduler {text}: local:N needs a number of workers of at least 1")
        return int(count)
    if text.startswith("tcp://") and ":" in text[len("tcp://"):]:
        return text
    raise ValueError(f"--scheduler {text}: give a Dask scheduler's address, tcp://HOST:PORT, or local:N")


def _distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise ClusterError(f"scanning on a cluster needs Dask, which is not installed here ({INSTALL_HINT})") from None
    return distributed


# -- on the workers ------------------------------------------------------------
_detectors: dict[str | None, Detector] = {}
_detectors_lock = threading.Lock()


def models_fingerprint(detector: Detector) -> tuple:
    """What must match between the client and a worker for their rows to match:
    the app version, the manifest's bytes (bands, calibration, fusion) and the usable models."""
    return (__version__, file_sha256(detector.manifest.path),
            tuple((m.spec.id, m.spec.sha256) for m in detector.models))


def worker_detector(manifest: str | None) -> Detector:
    """This worker process's Detector, loaded on first use and kept (one onnxruntime
    thread per Dask worker thread: a worker started with --nthreads N uses N cores)."""
    with _detectors_lock:
        if manifest not in _detectors:
            _detectors[manifest] = Detector.from_manifest(manifest, threads=1)
        return _detectors[manifest]


def worker_models(manifest: str | None) -> tuple:
    """Load this worker's models and say which they are (the client compares them with its own)."""
    return models_fingerprint(worker_detector(manifest))


def dask_setup(worker: Any) -> None:
    """Dask's preload hook, for `local:N` workers (restarted ones too): they share the client's
    terminal, whose Ctrl+C is the client's to handle (it stops the scan and keeps the rows)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@dataclass(frozen=True)
class FileTask:
    """One file for a worker: its path as the worker must open it, and the models to use."""

    path: str
    kind: str | None
    manifest: str | None  # None: the worker's own install's models
    frames: int | None
    models: tuple  # the client's models_fingerprint


def score_on_worker(task: FileTask) -> FileResult:
    """Runs on a Dask worker: the same two steps as a local scan, for one file."""
    try:
        detector = worker_detector(task.manifest)
        found = models_fingerprint(detector)
    except Exception as exc:  # a missing or corrupt manifest/model on this worker: the row says where
        return FileResult(path=task.path, kind=task.kind or "",
                          error=f"the worker on {socket.gethostname()} cannot load its models: {exc}")
    if found != task.models:
        return detector.new_result(task.path, kind=task.kind or "",
                          error=f"the worker on {socket.gethostname()} has other models or another app version "
                                "than this computer: install the same version on every worker")
    return detector.analyze_file(task.path, task.frames, kind=task.kind)


# -- on the client -----------------------------------------------------------------
def _failed_row(detector: Detector, item: MediaFile, exc: BaseException | None) -> FileResult:
    """The error row of a file whose task failed on the cluster (`exc` None: the cluster cancelled it)."""
    if exc is None:
        reason = "the cluster dropped this file before it was scanned"
    elif isinstance(exc, _distributed().KilledWorker):
        reason = (f"the file crashed {exc.allowed_failures + 1} workers (each died while reading it); "
                  "it was not tried again")
    else:
        reason = f"a cluster worker failed on this file: {type(exc).__name__}: {exc}"
    return detector.new_result(item.path, kind=item.kind or "", error=reason)


class ClusterScan:
    """A connection to a Dask cluster that scans files with the client's models.

    Connecting checks every worker's models (they load them now, once); `results`
    then streams one FileResult per file as the files finish, and closes the
    connection (and a local cluster) when it ends, is cancelled or interrupted.
    """

    def __init__(self, scheduler: str, detector: Detector, manifest: str | None = None,
                 frames: int | None = None, in_flight: int | None = None):
        target = parse_scheduler(scheduler)
        distributed = _distributed()
        self.manifest = os.path.abspath(manifest) if manifest else None
        self.frames = frames
        self.detector = detector  # words the error rows made here
        self.models = models_fingerprint(detector)
        self.client = self._cluster = self._config = None
        try:
            address = self._start_local_cluster(target) if isinstance(target, int) else target
            self.client = distributed.Client(address, timeout="15s")
        except (OSError, TimeoutError) as exc:
            self.close()
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            self.client.wait_for_workers(1, timeout=WORKER_WAIT_S)
            self._check_workers()
        except BaseException as exc:
            self.close()
            if isinstance(exc, TimeoutError):
                raise ClusterError(f"no worker joined the scheduler at {address} in {WORKER_WAIT_S:g} s") from None
            raise
        workers = self.client.nthreads()
        self.in_flight = in_flight or max(16, 4 * sum(workers.values()))
        self.where = f"{len(workers)} Dask worker(s) ({sum(workers.values())} threads) at {address}"

    def _start_local_cluster(self, workers: int) -> str:
        """`local:N`: N single-thread worker processes on the loopback interface only."""
        import logging

        import dask

        # One file per worker thread at a time (Dask blames a worker's death on every file the
        # worker holds, so a file waiting behind a crashing one would count a crash too), and a
        # worker slow to restart on a busy laptop is waited for rather than dropped.
        self._config = dask.config.set({"distributed.scheduler.worker-saturation": 1.0,
                                        "distributed.deploy.lost-worker-timeout": "10 minutes"})
        self._cluster = _distributed().LocalCluster(
            n_workers=workers, processes=True, threads_per_worker=1, host="127.0.0.1",
            dashboard_address=None, silence_logs=logging.ERROR, preload=[__name__])  # runs dask_setup
        return self._cluster.scheduler_address

    def _check_workers(self) -> None:
        """Load the models on every worker now, and refuse a cluster whose workers differ from us.

        Workers that join later are checked file by file (`score_on_worker`)."""
        addresses = list(self.client.nthreads())
        checks = [self.client.submit(worker_models, self.manifest, workers=[a], allow_other_workers=False, pure=False)
                  for a in addresses]
        problems = []
        for address, check in zip(addresses, checks):
            try:
                found = check.result()
            except Exception as exc:
                problems.append(f"{address} cannot load its models: {exc}")
                continue
            if found != self.models:
                problems.append(f"{address} has other models or another app version than this computer")
        if problems:
            raise ClusterError("; ".join(problems) + " (install the same version of the app on every worker)")

    def results(self, files: Iterable[MediaFile], cancel: CancelCheck = None) -> Iterator[FileResult]:
        """One FileResult per file of `files` (listed on this computer: `core.scan.analyze` walks
        the folders), as each finishes; stops early when `cancel` is set, keeping the finished ones.

        At most `in_flight` files are on the cluster at a time, so an archive of millions
        starts at once and the scheduler holds a bounded queue. When no worker has been
        connected for WORKER_WAIT_S, the files left get error rows instead of a scan that
        waits for ever."""
        files = iter(files)
        pending: dict[Any, MediaFile] = {}
        finished = _distributed().as_completed(with_results=True, raise_errors=False)  # fetched as they finish

        def submit_more() -> None:
            batch = list(itertools.islice(files, max(0, self.in_flight - len(pending))))
            if not batch:
                return
            # Workers open the absolute path (their working folder is not ours); the row keeps the listed one.
            tasks = [FileTask(os.path.abspath(m.path), m.kind, self.manifest, self.frames, self.models) for m in batch]
            futures = self.client.map(score_on_worker, tasks, pure=False)  # one message: Dask queues them as a group
            pending.update(zip(futures, batch))
            finished.update(futures)

        try:
            submit_more()
            watch = _WorkerWatch(self.client)
            while pending:
                if is_cancelled(cancel):
                    return
                if not finished.has_ready():
                    if watch.gone():
                        reason = f"not scanned: no Dask worker was left on the cluster for {WORKER_WAIT_S:g} s"
                        for item in [*pending.values(), *files]:
                            yield self.detector.new_result(item.path, kind=item.kind or "", error=reason,
                                                           folder=item.folder)
                        return
                    time.sleep(_POLL_S)
                    continue
                done = [(future, outcome, pending.pop(future)) for future, outcome in finished.next_batch(block=False)]
                submit_more()
                for future, outcome, item in done:
                    yield _row(self.detector, future, outcome, item)
                    if is_cancelled(cancel):
                        return
        finally:
            if pending:
                self.client.cancel(list(pending))
            self.close()

    def close(self) -> None:
        """Disconnect, and stop a local cluster; safe to call more than once."""
        client, cluster, config = self.client, self._cluster, self._config
        self.client = self._cluster = self._config = None
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()
        if config is not None:
            config.__exit__(None, None, None)  # dask.config.set restores the settings it replaced


class _WorkerWatch:
    """Notices a cluster that has had no worker for WORKER_WAIT_S (it asks every few seconds)."""

    def __init__(self, client: Any):
        self.client = client
        self.seen = self.asked = time.monotonic()

    def gone(self) -> bool:
        now = time.monotonic()
        if now - self.asked >= 5.0:
            self.asked = now
            if self.client.nthreads():
                self.seen = now
        return now - self.seen > WORKER_WAIT_S


def _row(detector: Detector, future: Any, outcome: Any, item: MediaFile) -> FileResult:
    """A finished task's row, under the path and folder as they were listed (as a local scan's)."""
    if future.status == "finished":
        row = outcome
        row.path = item.path
    elif future.status == "error":
        row = _failed_row(detector, item, future.exception())
    else:
        row = _failed_row(detector, item, None)  # cancelled by the cluster, not by us
    row.folder = item.folder
    return row
