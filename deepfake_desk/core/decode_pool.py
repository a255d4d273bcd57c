"""A small pool of spawned processes that decode files, so a hostile file costs its own row only.

A native crash in a decoder (libjpeg, libwebp, FFmpeg, OpenCV), a file that balloons
in memory or one that loops for ever would take the whole app down if it were decoded
in the app's own process. Here each file is handed to one worker process at a time;
each worker runs under a memory limit (RLIMIT_AS) and each file under a time budget.
A worker that dies or overruns costs exactly that file an error row and is replaced.

Why not `concurrent.futures.ProcessPoolExecutor`: one dead worker breaks the whole
executor and every pending future with it, and it cannot say which file killed it nor
stop one overrunning task. With one file in flight per process, the file a process was
working on when it died is known, and killing it harms no other file.

Processes are *spawned* (a fresh interpreter), never forked: forking a process that
runs Qt, onnxruntime or any other threads can deadlock the child.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import wait

from deepfake_desk.core import THREAD_PREFIX
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_MEMORY_BYTES = 3 * 2**30  # per decoding process; the largest image we decode needs under 1.5 GiB
DEFAULT_TIME_BUDGET_S = 120.0
DEFAULT_PROCESSES = 2
# Test hooks: only when this variable is "1" in the environment the workers start with
# does a file whose name contains one of these markers make its worker misbehave.
TEST_HOOKS_ENV = "DEEPFAKE_DESK_TEST_HOOKS"
TEST_HOOKS = ("__abort__", "__segfault__", "__balloon__", "__hang__", "__slow__")
_MAX_START_FAILURES = 3  # workers that die before they are ready, in a row: give up
_POLL_S = 0.2  # how often waits look at cancellation and stop requests
_END = object()

CRASH_SIGNALS = {signal.SIGSEGV: "segmentation fault", signal.SIGABRT: "aborted", signal.SIGBUS: "bus error",
                 signal.SIGILL: "illegal instruction", signal.SIGFPE: "arithmetic fault"}


@dataclass(frozen=True)
class Failed:
    """A job that produced no result; `reason` is meant for the user."""

    reason: str


def crash_reason(exitcode: int | None) -> str:
    """Why a worker that stopped by itself stopped, in plain words."""
    if exitcode is not None and exitcode < 0:
        sig = -exitcode
        if sig == signal.SIGKILL:  # not us (we record our own kills): the system's out-of-memory killer
            return QT_TRANSLATE_NOOP("Messages", "the file needed more memory than the system could give (the decoder "
                                             "was stopped)")
        try:
            name = CRASH_SIGNALS.get(signal.Signals(sig)) or signal.Signals(sig).name
        except ValueError:
            name = f"signal {sig}"
        return f"the decoder crashed on this file ({name})"
    return f"the decoder stopped unexpectedly on this file (exit code {exitcode})"


def _limit_memory(limit: int | None) -> None:
    if not limit:
        return
    try:
        import resource
    except ImportError:  # Windows: no RLIMIT_AS; the time budget and crash containment still hold
        return
    try:
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = limit if hard == resource.RLIM_INFINITY else min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ValueError, OSError):  # e.g. macOS refuses RLIMIT_AS below the current size
        pass


def _run_test_hook(job: object) -> None:
    name = os.path.basename(str(getattr(job, "path", "")))
    if "__abort__" in name:
        os.abort()
    if "__segfault__" in name:
        import ctypes

        ctypes.string_at(0)
    if "__balloon__" in name:
        import numpy as np

        hoard = []
        while True:  # grows until the memory limit stops it, as a decompression bomb would
            hoard.append(np.empty(256 * 2**20, np.uint8))
    if "__slow__" in name:  # a file that takes a while: gives a test time to interrupt a scan
        time.sleep(0.3)
    if "__hang__" in name:
        while True:
            time.sleep(1)


def _worker_main(conn, task: Callable, context: object, memory_bytes: int | None) -> None:
    """A decoding process: run `task(context, job)` for each job received, send back the result."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the main process's to handle
    if hasattr(signal, "pthread_sigmask"):  # started with it blocked (see _block_ctrl_c_in_this_thread)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core per process: the pool is the parallelism
    _limit_memory(memory_bytes)
    try:
        import cv2

        cv2.setNumThreads(1)
    except ImportError:
        pass
    hooks = os.environ.get(TEST_HOOKS_ENV) == "1"
    try:
        conn.send(("ready", None, None))
    except OSError:  # the app stopped (or died) while this process was starting: nobody to work for
        return
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        job_id, job = message
        try:
            if hooks:
                _run_test_hook(job)
            reply = ("done", job_id, task(context, job))
        except MemoryError:
            reply = ("failed", job_id, "the file needed more memory than allowed")
        except Exception as exc:  # the task should turn errors into values; this guards against a bug
            reply = ("failed", job_id, f"unexpected error while reading the file: {type(exc).__name__}: {exc}")
        try:
            try:
                conn.send(reply)
            except MemoryError:
                conn.send(("failed", job_id, "the file needed more memory than allowed"))
        except OSError:  # the app is gone: the result has nobody to go to
            return


def _block_ctrl_c_in_this_thread() -> None:
    """Block SIGINT in the calling (dispatcher) thread; the main thread still receives it.

    A spawned process inherits the signal mask of the thread that starts it, so a Ctrl+C
    pressed in a terminal (sent to the whole process group) while a worker is still
    importing cannot interrupt it with a KeyboardInterrupt traceback: the worker starts
    with SIGINT blocked and ignores it before unblocking it (_worker_main).
    multiprocessing's resource tracker, started by the first spawn, unblocks SIGINT in
    the thread that starts it, so it is started first.
    """
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no signal masks (and no process-group Ctrl+C)
        return
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _wait_despite_ctrl_c(run: _Run, reraise: bool) -> None:
    """Wait for the dispatcher to stop its workers, even when Ctrl+C interrupts the wait.

    A KeyboardInterrupt raised in the middle of `Thread.join` would let the program exit
    while the dispatcher is still starting a worker: the worker, its parent gone, then
    prints an EOFError traceback. (Nor is `Thread.is_alive` to be trusted after such an
    interrupted join: the dispatcher says itself when it is done.) With `reraise` the
    interrupt is raised again once the workers are stopped (killing them takes well
    under a second); not while the caller is closing the results, which it does to clean
    up: an exception there would cut its cleanup short.
    """
    interrupted = False
    while not run.finished.is_set():
        try:
            run.finished.wait(_POLL_S)
        except KeyboardInterrupt:
            interrupted = True
    if interrupted and reraise:
        raise KeyboardInterrupt


class _Worker:
    def __init__(self, ctx, task, context, memory_bytes):
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(child, task, context, memory_bytes),
                                   name="deepfake-desk-decoder", daemon=True)
        self.process.start()
        child.close()
        self.ready = False
        self.job: int | None = None  # index of the job in flight
        self.started = 0.0

    def stop(self, kill: bool) -> None:
        # A worker still starting up has nothing to finish: asked to quit, it would only
        # read the request once its imports are done, seconds later on a busy machine.
        if kill or self.job is not None or not self.ready:
            self.process.kill()
        else:
            try:
                self.conn.send(None)
            except OSError:
                self.process.kill()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
        self.conn.close()


def _stop_idle(idle: list[_Worker]) -> None:
    while idle:
        idle.pop().stop(kill=False)


class DecodePool:
    """`processes` spawned workers running `task(context, job)`; `context` is sent once to each.

    `task` must be a module-level function and `context` and jobs picklable. Results come
    back in the order the jobs were given (`map_ordered`), each the task's return value or a
    `Failed` with the reason: a crash, the memory limit or the time budget.

    With `keep`, the workers outlive a run and serve the next one (one pool for an app
    session: `start()` spawns them in the background, `close()` stops them); runs at the
    same time (a scan, a preview) each use their own, and the pool keeps `processes` of them.
    """

    def __init__(self, task: Callable, context: object, processes: int = DEFAULT_PROCESSES,
                 memory_bytes: int | None = DEFAULT_MEMORY_BYTES, time_budget: float | None = DEFAULT_TIME_BUDGET_S,
                 keep: bool = False):
        self.task, self.context = task, context
        self.processes = max(1, processes)
        self.memory_bytes, self.time_budget = memory_bytes, time_budget
        self.keep = keep
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: list[_Worker] = []  # kept between runs (`keep`)
        self._idle_lock = threading.Lock()
        self._closed = False
        weakref.finalize(self, _stop_idle, self._idle)  # a pool nobody closed stops its workers when dropped

    def start(self) -> DecodePool:
        """Spawn the kept workers now, in the background, so the first file finds them ready."""
        def warm() -> None:
            _block_ctrl_c_in_this_thread()
            for _ in range(self.processes):  # each kept at once: a scan starting now takes it, not a new one
                self._give_back([self._spawn()])

        if self.keep:
            threading.Thread(target=warm, name=f"{THREAD_PREFIX}pool-start", daemon=True).start()
        return self

    def close(self) -> None:
        """Stop the kept workers; a run still going stops its own when it ends."""
        with self._idle_lock:
            self._closed = True
            idle = list(self._idle)
            self._idle.clear()  # the same list the finalizer holds
        for worker in idle:
            worker.stop(kill=False)

    @property
    def kept(self) -> int:
        """Workers waiting for the next run."""
        with self._idle_lock:
            return len(self._idle)

    def run_one(self, job: object) -> object:
        """One job's result (or Failed), ahead of nothing else: for a preview while a scan runs."""
        outcomes = self.map_ordered([job], 1)
        try:
            return next(outcomes)[1]
        finally:
            outcomes.close()

    def _take(self, count: int) -> list[_Worker]:
        with self._idle_lock:
            taken = self._idle[:count]
            del self._idle[:count]
        return taken

    def _give_back(self, workers: list[_Worker]) -> None:
        """Keep the idle, living workers the pool may keep; stop the others."""
        stop = []
        with self._idle_lock:
            for worker in workers:
                if (self.keep and not self._closed and worker.job is None and worker.process.is_alive()
                        and len(self._idle) < self.processes):
                    self._idle.append(worker)
                else:
                    stop.append(worker)
        for worker in stop:
            worker.stop(kill=worker.job is not None)

    def map_ordered(self, jobs: Iterable, lookahead: int = 6,
                    cancelled: Callable[[], bool] = lambda: False) -> Iterator[tuple[object, object]]:
        """Yield (job, result or Failed) in job order; at most `lookahead` jobs are taken ahead.

        Stops early (workers stopped, jobs in flight dropped) when `cancelled()` turns true
        or the caller closes the generator.
        """
        run = _Run(iter(jobs), max(lookahead, self.processes))
        dispatcher = threading.Thread(target=self._dispatch, args=(run,), name=f"{THREAD_PREFIX}pool", daemon=True)
        closing = False  # the caller closed the generator (GeneratorExit at the yield)
        dispatcher.start()
        try:
            index = 0
            while True:
                with run.changed:
                    while index not in run.outcomes and not (run.exhausted and index >= run.taken):
                        if cancelled() or run.error:
                            break
                        run.changed.wait(_POLL_S)
                    if run.error:
                        raise run.error
                    if index not in run.outcomes:
                        return  # cancelled, or every job yielded
                    job, outcome = run.outcomes.pop(index)
                    run.consumed = index + 1
                    run.changed.notify_all()
                try:
                    yield job, outcome
                except GeneratorExit:
                    closing = True
                    raise
                index += 1
                if cancelled():
                    return
        finally:
            run.stop = True  # first, and without the lock: an interrupt cannot come between
            with run.changed:
                run.changed.notify_all()
            _wait_despite_ctrl_c(run, reraise=not closing)

    # -- the dispatcher thread ------------------------------------------------
    def _spawn(self) -> _Worker:
        return _Worker(self._ctx, self.task, self.context, self.memory_bytes)

    def _dispatch(self, run: _Run) -> None:
        workers: list[_Worker] = []
        try:
            _block_ctrl_c_in_this_thread()  # and so in the processes it spawns, until they ignore it
            # No more processes than files: opening one file starts one decoding process.
            first = list(itertools.islice(run.jobs, self.processes))
            run.jobs = itertools.chain(first, run.jobs)
            if not first:
                with run.changed:
                    run.exhausted = True
                    run.changed.notify_all()
                return
            workers.extend(self._take(len(first)))
            while len(workers) < len(first):
                if run.stop:  # cancelled before the workers were all started: start no more
                    return
                workers.append(self._spawn())
            start_failures = 0
            while not run.stop:
                if run.broken:
                    self._fail_the_rest(run)
                    continue
                self._hand_out(run, workers)
                if run.exhausted and all(w.job is None for w in workers):
                    with run.changed:
                        run.changed.notify_all()
                    return
                deadlines = [w.started + self.time_budget for w in workers
                             if w.job is not None and self.time_budget is not None]
                timeout = _POLL_S if not deadlines else max(0.0, min(_POLL_S, min(deadlines) - time.monotonic()))
                wait([w.conn for w in workers] + [w.process.sentinel for w in workers], timeout)
                for i, worker in enumerate(workers):
                    failure = self._collect(run, worker)
                    if failure is None:
                        continue
                    if worker.job is not None:
                        run.finish(worker.job, Failed(failure))
                        start_failures = 0
                    elif not worker.ready:
                        start_failures += 1
                    worker.job = None
                    worker.stop(kill=True)
                    if start_failures < _MAX_START_FAILURES:
                        workers[i] = self._spawn()
                        continue
                    run.broken = f"not scanned: the decoding processes could not start ({failure})"
                    for other in workers:
                        if other.job is not None:
                            run.finish(other.job, Failed(run.broken))
                            other.job = None
                    break
        except BaseException as exc:
            with run.changed:
                run.error = exc
                run.changed.notify_all()
        finally:
            try:
                self._give_back(workers)
            finally:
                run.finished.set()

    def _fail_the_rest(self, run: _Run) -> None:
        """No worker can start: every file left gets `run.broken` as its error row."""
        with run.changed:
            if run.exhausted:
                run.stop = run.stop or not run.pending
                run.changed.notify_all()
                run.changed.wait(_POLL_S)
                return
            if run.taken >= run.consumed + run.lookahead:
                run.changed.wait(_POLL_S)
                return
        job = next(run.jobs, _END)
        if job is _END:
            with run.changed:
                run.exhausted = True
                run.changed.notify_all()
            return
        run.finish(run.take(job), Failed(run.broken))

    def _hand_out(self, run: _Run, workers: list[_Worker]) -> None:
        for worker in workers:
            if not worker.ready or worker.job is not None:
                continue
            with run.changed:
                if run.exhausted or run.taken >= run.consumed + run.lookahead:
                    return
            try:
                job = next(run.jobs)
            except StopIteration:
                with run.changed:
                    run.exhausted = True
                    run.changed.notify_all()
                return
            index = run.take(job)
            worker.job, worker.started = index, time.monotonic()
            worker.conn.send((index, job))

    def _collect(self, run: _Run, worker: _Worker) -> str | None:
        """Read what `worker` sent; the reason its file failed when it died or overran, else None."""
        try:
            while worker.conn.poll():
                kind, index, payload = worker.conn.recv()
                if kind == "ready":
                    worker.ready = True
                elif index == worker.job:
                    run.finish(index, payload if kind == "done" else Failed(payload))
                    worker.job = None
        except (EOFError, OSError):
            pass  # the pipe broke: the process is gone, its exit code says why
        if not worker.process.is_alive():
            worker.process.join()
            return crash_reason(worker.process.exitcode)
        if worker.job is not None and self.time_budget is not None \
                and time.monotonic() - worker.started > self.time_budget:
            return (f"gave up after {self.time_budget:g} s: the file took longer than that to read "
                    "(damaged or crafted to stall)")
        return None


class _Run:
    """The state one `map_ordered` call shares between its caller and the dispatcher thread."""

    def __init__(self, jobs: Iterator, lookahead: int):
        self.jobs, self.lookahead = jobs, lookahead
        self.changed = threading.Condition()
        self.pending: dict[int, object] = {}
        self.outcomes: dict[int, tuple[object, object]] = {}
        self.taken = 0  # jobs handed to workers so far
        self.consumed = 0  # results the caller has taken
        self.exhausted = False
        self.stop = False
        self.broken: str | None = None  # set when no worker can start: the reason for every row left
        self.error: BaseException | None = None
        self.finished = threading.Event()  # set by the dispatcher once its workers are stopped

    def take(self, job: object) -> int:
        with self.changed:
            index = self.taken
            self.pending[index] = job
            self.taken += 1
            return index

    def finish(self, index: int, outcome: object) -> None:
        with self.changed:
            self.outcomes[index] = (self.pending.pop(index), outcome)
            self.changed.notify_all()
