"""Background workers: signal order, errors as values, cooperative cancel, and no bool leak."""

from __future__ import annotations

import sys
import threading

from PySide6.QtCore import QObject, Signal

from deepfake_desk.gui.workers import LatestOnly, Worker


class Recorder(QObject):
    def __init__(self):
        super().__init__()
        self.events: list = []

    def started(self):
        self.events.append("started")

    def yielded(self, item):
        self.events.append(("yielded", item))

    def returned(self, value):
        self.events.append(("returned", value))

    def errored(self, exc):
        self.events.append(("errored", str(exc)))

    def finished(self):
        self.events.append("finished")


def run_worker(qtbot, worker: Worker) -> Recorder:
    rec = Recorder()
    s = worker.signals
    s.started.connect(rec.started)
    s.yielded.connect(rec.yielded)
    s.returned.connect(rec.returned)
    s.errored.connect(rec.errored)
    s.finished.connect(rec.finished)
    worker.start()
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=5_000)
    return rec


def test_generator_items_arrive_in_order_then_finished(qtbot):
    def count(n, cancel):
        for i in range(n):
            yield i

    rec = run_worker(qtbot, Worker(count, 4, pass_cancel=True))
    assert rec.events == ["started", *[("yielded", i) for i in range(4)], "finished"]


def test_a_plain_function_returns_and_an_exception_is_a_value(qtbot):
    assert run_worker(qtbot, Worker(sum, [1, 2, 3])).events == ["started", ("returned", 6), "finished"]

    def broken():
        raise ValueError("bad input")

    assert run_worker(qtbot, Worker(broken)).events == ["started", ("errored", "bad input"), "finished"]


def test_quit_stops_a_generator_between_items_and_runs_its_cleanup(qtbot):
    gate, cleaned = threading.Event(), threading.Event()

    def endless(cancel):
        try:
            i = 0
            while True:
                if i == 3:
                    gate.wait(5)  # hold here until the test has asked to stop
                yield i
                i += 1
        finally:
            cleaned.set()

    worker = Worker(endless, pass_cancel=True)
    rec = Recorder()
    worker.signals.yielded.connect(rec.yielded)
    worker.signals.finished.connect(rec.finished)
    worker.start()
    qtbot.waitUntil(lambda: len(rec.events) >= 3, timeout=5_000)
    worker.quit()
    gate.set()
    qtbot.waitUntil(lambda: "finished" in rec.events, timeout=5_000)
    assert rec.events[:3] == [("yielded", 0), ("yielded", 1), ("yielded", 2)]
    assert len(rec.events) <= 5 and cleaned.is_set() and worker.cancelled


def test_latest_only_skips_requests_overtaken_while_busy(qtbot):
    release = threading.Event()
    done: list = []

    class Sink(QObject):
        def got(self, value):
            done.append(value)

    sink = Sink()

    def slow(value):
        if value == "first":
            release.wait(5)
        return value

    jobs = LatestOnly()
    for value in ("first", "second", "third", "fourth"):
        jobs.request(slow, value, on_result=sink.got)
    release.set()
    qtbot.waitUntil(lambda: not jobs.busy, timeout=5_000)
    assert done == ["first", "fourth"]
    assert jobs.wait()


class Pinger(QObject):
    ping = Signal(object)


def test_the_pinned_pyside_keeps_reference_counts():
    """PySide6 6.12.0 (on Python 3.11) dropped a reference to True per emit() and to None per
    call returning nothing: after a few thousand calls the interpreter aborted. Bumping the
    pin in pyproject.toml must not bring that back."""
    from PySide6.QtCore import QSortFilterProxyModel

    pinger, proxy = Pinger(), QSortFilterProxyModel()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(200):
        pinger.ping.emit(i)
        proxy.setDynamicSortFilter(True)
    assert abs(sys.getrefcount(True) - true_before) < 50
    assert abs(sys.getrefcount(None) - none_before) < 50
