"""A decoder that crashes, balloons or hangs costs its own file's row, never the scan.

Decoding runs in spawned processes (deepfake_desk.core.decode_pool). The test hooks make
a worker misbehave on files with a marker in their name, only when DEEPFAKE_DESK_TEST_HOOKS
is 1 in the environment the workers start with: a real crashing input cannot be shipped
in a test (libjpeg and friends fix them), but the process dies the same way.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core import decode_pool
from deepfake_desk.core.decode_pool import DecodePool, Failed
from deepfake_desk.core.scan import scan_paths
from tests.conftest import BLUE, RED, solid


@pytest.fixture
def hooks(monkeypatch):
    monkeypatch.setenv(decode_pool.TEST_HOOKS_ENV, "1")


def _folder(root: Path, names: list[str]) -> list[str]:
    for i, name in enumerate(names):
        solid(RED if i % 2 else BLUE).save(root / name)
    return names


def test_crashing_ballooning_and_hanging_decoders_cost_one_row_each(detector, tmp_path, hooks):
    names = _folder(tmp_path, ["00.png", "01.png", "02__abort__.png", "03.png", "04__segfault__.png", "05.png",
                               "06__balloon__.png", "07.png", "08__hang__.png", "09.png", "10.png"])
    started = time.monotonic()
    rows = list(scan_paths([tmp_path], detector, file_timeout=4, memory_limit=2**30))
    assert [Path(r.path).name for r in rows] == names  # one row each, in order
    errors = {Path(r.path).name: r.error for r in rows if r.error}
    assert errors == {
        "02__abort__.png": "the decoder crashed on this file (aborted)",
        "04__segfault__.png": "the decoder crashed on this file (segmentation fault)",
        "06__balloon__.png": "the file needed more memory than allowed",
        "08__hang__.png": "gave up after 4 s: the file took longer than that to read (damaged or crafted to stall)",
    }
    for i, row in enumerate(rows):
        if row.ok:  # the other files: scored exactly as a scan without bad neighbours scores them
            assert row.verdict == ("fake" if i % 2 else "real") and row.sha256 and row.width == 64
    assert [r.verdict for r in rows if r.ok] == [detector.analyze_file(tmp_path / n).verdict
                                                 for n in names if n not in errors]
    assert time.monotonic() - started < 90


def test_without_the_test_flag_the_markers_are_ordinary_names(detector, tmp_path, monkeypatch):
    monkeypatch.delenv(decode_pool.TEST_HOOKS_ENV, raising=False)
    _folder(tmp_path, ["00.png", "01__abort__.png"])
    assert [r.verdict for r in scan_paths([tmp_path], detector)] == ["real", "fake"]


def test_several_hanging_files_do_not_pile_up(detector, tmp_path, hooks):
    # each overrunning worker is killed and replaced: the files after them are decoded as usual
    # (a budget of a few seconds: a fresh worker's first file also pays its lazy imports)
    names = _folder(tmp_path, [f"{i:02d}__hang__.png" for i in range(3)] + ["03.png", "04.png"])
    rows = list(scan_paths([tmp_path], detector, file_timeout=6, workers=2))
    assert [Path(r.path).name for r in rows] == names
    assert all("gave up after 6 s" in r.error for r in rows[:3])
    assert [r.verdict for r in rows[3:]] == ["fake", "real"]


def test_cancel_is_seen_while_a_file_hangs(detector, tmp_path, hooks):
    import threading

    _folder(tmp_path, ["00__hang__.png", "01.png"])
    cancel = threading.Event()
    threading.Timer(1.0, cancel.set).start()
    started = time.monotonic()
    rows = list(scan_paths([tmp_path], detector, cancel=cancel, file_timeout=None))
    assert rows == [] and time.monotonic() - started < 30


def _square(context: int, job: int) -> int:
    return context * job * job


def test_the_pool_returns_results_in_job_order_and_stops_its_processes():
    pool = DecodePool(_square, 2, processes=2, time_budget=30)
    outcomes = list(pool.map_ordered(range(7), lookahead=3))
    assert outcomes == [(i, 2 * i * i) for i in range(7)]
    assert not [p for p in __import__("multiprocessing").active_children() if p.name == "deepfake-desk-decoder"]


def _cannot_unpickle() -> None:
    raise RuntimeError("this context cannot be rebuilt in a worker")


class _BrokenContext:
    """Pickles fine here, fails in the worker before it is ready: like a module missing from a bundle."""

    def __reduce__(self):
        return (_cannot_unpickle, ())


def test_workers_that_cannot_start_give_every_job_a_reason():
    pool = DecodePool(_square, _BrokenContext(), processes=2, time_budget=30)
    outcomes = list(pool.map_ordered(range(9), lookahead=3))
    assert [job for job, _ in outcomes] == list(range(9))
    assert all(isinstance(o, Failed) and "the decoding processes could not start" in o.reason for _, o in outcomes)


def test_a_tiny_memory_limit_is_an_error_row_per_file(detector, tmp_path):
    _folder(tmp_path, ["00.png", "01.png"])
    rows = list(scan_paths([tmp_path], detector, memory_limit=2**20))
    assert len(rows) == 2 and all("needed more memory than allowed" in r.error for r in rows)


@pytest.mark.slow
def test_a_real_image_past_the_memory_limit_is_one_error_row(detector, tmp_path):
    big = np.zeros((9900, 9900, 3), np.uint8)  # 98 megapixels: under the pixel limit, over the limit to decode
    big[::7] = 200
    Image.fromarray(big).save(tmp_path / "00_big.png")
    solid(RED).save(tmp_path / "01.png")
    rows = list(scan_paths([tmp_path], detector, memory_limit=5 * 2**27))  # 640 MiB
    assert "more memory than allowed" in rows[0].error and rows[1].verdict == "fake"
