"""One file must not stall a scan: the per-file time budget of `scan_paths`."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

from deepfake_desk.core import scan
from deepfake_desk.core.scan import scan_paths
from tests.conftest import RED, solid


@pytest.fixture
def stalling(detector, monkeypatch):
    """The test detector, with decoding of any file named *stall* blocked until released.

    Stands in for a decoder caught in a loop by a crafted file: the real decoders we
    ship have no known such input (the hostile corpus and the fuzz test look for one).
    """
    release = threading.Event()
    real = detector.prepare_file

    def prepare_file(path, *args, **kwargs):
        if "stall" in Path(path).name:
            release.wait(60)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(detector, "prepare_file", prepare_file)
    yield detector, release
    release.set()


def _folder(tmp_path: Path, names: list[str]) -> Path:
    for name in names:
        solid(RED).save(tmp_path / name)
    return tmp_path


def test_a_stalled_file_gets_a_timeout_row_and_the_scan_goes_on(stalling, tmp_path):
    detector, release = stalling
    names = [f"{i:02d}.png" for i in range(10)]
    names[4] = "04_stall.png"
    _folder(tmp_path, names)
    started = time.monotonic()
    rows = list(scan_paths([tmp_path], detector, file_timeout=0.5))
    elapsed = time.monotonic() - started
    assert [Path(r.path).name for r in rows] == names  # one row each, in order
    stalled = rows[4]
    assert stalled.verdict == "" and "gave up after 0.5 s" in stalled.error
    assert all(r.verdict == "fake" for i, r in enumerate(rows) if i != 4)
    assert elapsed < 10, "the scan waited for the stalled file"


def test_too_many_stuck_decodes_give_rows_for_the_rest(stalling, tmp_path, monkeypatch):
    detector, _ = stalling
    monkeypatch.setattr(scan, "MAX_STUCK_DECODES", 3)
    names = [f"{i:02d}_stall.png" for i in range(5)] + ["05.png", "06.png"]
    _folder(tmp_path, names)
    rows = list(scan_paths([tmp_path], detector, file_timeout=0.3, workers=2))
    assert [Path(r.path).name for r in rows] == names
    errors = [r.error for r in rows]
    assert sum("gave up" in e for e in errors) == 3
    assert all("not scanned" in e and "stuck" in e for e in errors[3:])


def test_cancel_is_seen_while_waiting_for_a_slow_file(stalling, tmp_path):
    detector, _ = stalling
    _folder(tmp_path, ["00_stall.png", "01.png"])
    cancel = threading.Event()
    threading.Timer(0.3, cancel.set).start()
    started = time.monotonic()
    rows = list(scan_paths([tmp_path], detector, cancel=cancel, file_timeout=None))
    assert rows == [] and time.monotonic() - started < 5


def test_a_stuck_decode_does_not_keep_the_program_from_exiting(tmp_path, manifest_path):
    """The stuck thread is a daemon: a CLI-like program ends when its scan ends."""
    _folder(tmp_path, ["00_stall.png", "01.png"])
    program = textwrap.dedent(f"""
        import threading
        from deepfake_desk.core.detector import Detector
        from deepfake_desk.core.scan import scan_paths
        detector = Detector.from_manifest({str(manifest_path)!r}, threads=1)
        real = detector.prepare_file
        def prepare_file(path, *a, **k):
            if "stall" in path:
                threading.Event().wait()  # for ever
            return real(path, *a, **k)
        detector.prepare_file = prepare_file
        rows = list(scan_paths([{str(tmp_path)!r}], detector, file_timeout=0.5))
        print(len(rows), rows[0].error != "", rows[1].verdict)
    """)
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "True", "fake"]
