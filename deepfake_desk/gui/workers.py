"""Background work for the window: superqt-style workers on QThreadPool.

A `Worker` runs a function (or a generator function) on the global thread pool
and reports only through signals (`started`, `yielded`, `returned`, `errored`,
`finished`), which Qt delivers on the GUI thread. Cancel is cooperative: `quit()`
sets a threading.Event that generators receive as their `cancel` argument and
that the worker also checks between yields. No widget is ever touched here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class WorkerSignals(QObject):
    started = Signal()
    yielded = Signal(object)
    returned = Signal(object)
    errored = Signal(object)  # the exception
    finished = Signal()


class Worker(QRunnable):
    """Run `fn(*args, **kwargs)` off the GUI thread.

    With `pass_cancel=True` the function gets `cancel=<threading.Event>` so a long
    loop inside it (a folder scan) can stop between files.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, pass_cancel: bool = False, **kwargs: Any):
        super().__init__()
        # The window keeps a reference until `finished`; Qt must not delete the
        # C++ side under Python's feet (a known PySide hazard with autoDelete).
        self.setAutoDelete(False)
        self.signals = WorkerSignals()
        self.cancel = threading.Event()
        self._fn, self._args, self._kwargs = fn, args, kwargs
        if pass_cancel:
            self._kwargs["cancel"] = self.cancel

    def quit(self) -> None:
        """Ask the work to stop at its next check; what was already yielded stays delivered."""
        self.cancel.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel.is_set()

    def run(self) -> None:
        self.signals.started.emit()
        try:
            output = self._fn(*self._args, **self._kwargs)
            if hasattr(output, "__next__"):
                for item in output:
                    if self.cancel.is_set():
                        output.close()  # runs the generator's finally: blocks (thread pools)
                        break
                    self.signals.yielded.emit(item)
            else:
                self.signals.returned.emit(output)
        except Exception as exc:  # reported to the window as a message, never a traceback dialog
            self.signals.errored.emit(exc)
        finally:
            self.signals.finished.emit()

    def start(self, pool: QThreadPool | None = None) -> Worker:
        (pool or QThreadPool.globalInstance()).start(self)
        return self


class LatestOnly(QObject):
    """One job at a time on its own thread; while busy, only the newest request waits.

    For work that follows the selection (a preview, an error-level image): when the
    user moves through rows quickly, the jobs for rows already left are never run.
    Callbacks should be bound methods of QObjects, so Qt calls them on the GUI thread.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._current: Worker | None = None
        self._wanted: tuple[Callable[..., Any], tuple, Callable[[Any], None], Callable[[Exception], None] | None] | None = None

    def request(self, fn: Callable[..., Any], *args: Any, on_result: Callable[[Any], None],
                on_error: Callable[[Exception], None] | None = None) -> None:
        self._wanted = (fn, args, on_result, on_error)
        self._next()

    @property
    def busy(self) -> bool:
        return self._current is not None or self._wanted is not None

    def _next(self) -> None:
        if self._current is not None or self._wanted is None:
            return
        fn, args, on_result, on_error = self._wanted
        self._wanted = None
        worker = Worker(fn, *args)
        worker.signals.returned.connect(on_result)
        if on_error is not None:
            worker.signals.errored.connect(on_error)
        worker.signals.finished.connect(self._finished)
        self._current = worker
        worker.start(self.pool)

    def _finished(self) -> None:
        self._current = None
        self._next()

    def wait(self, timeout_ms: int = 10000) -> bool:
        self._wanted = None
        return self.pool.waitForDone(timeout_ms)
