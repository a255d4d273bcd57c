"""One file must not stall a scan: the per-file time budget of `scan_paths`.

A decoder caught in a loop by a crafted file is stood in for by the decode pool's
`__hang__` test hook (the real decoders we ship have no known such input: the hostile
corpus and the fuzz test look for one). The overrunning process is killed and replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from deepfake_desk.core import decode_pool
from deepfake_desk.core.scan import scan_paths
from tests.conftest import RED, solid


@pytest.fixture(autouse=True)
def hooks(monkeypatch):
    monkeypatch.setenv(decode_pool.TEST_HOOKS_ENV, "1")


def _folder(tmp_path: Path, names: list[str]) -> Path:
    for name in names:
        solid(RED).save(tmp_path / name)
    return tmp_path


def test_a_stalled_file_gets_a_timeout_row_and_the_scan_goes_on(detector, tmp_path):
    names = [f"{i:02d}.png" for i in range(10)]
    names[4] = "04__hang__.png"
    _folder(tmp_path, names)
    started = time.monotonic()
    rows = list(scan_paths([tmp_path], detector, file_timeout=2))
    elapsed = time.monotonic() - started
    assert [Path(r.path).name for r in rows] == names  # one row each, in order
    stalled = rows[4]
    assert stalled.verdict == "" and "gave up after 2 s" in stalled.error
    assert all(r.verdict == "fake" for i, r in enumerate(rows) if i != 4)
    assert elapsed < 60, "the scan waited for the stalled file"


def test_a_stuck_decode_does_not_keep_the_program_from_exiting(tmp_path, manifest_path):
    """The overrunning worker is killed: a CLI-like program ends when its scan ends."""
    _folder(tmp_path, ["00__hang__.png", "01.png"])
    program = textwrap.dedent(f"""
        from deepfake_desk.core.detector import Detector
        from deepfake_desk.core.scan import scan_paths
        detector = Detector.from_manifest({str(manifest_path)!r}, threads=1)
        rows = list(scan_paths([{str(tmp_path)!r}], detector, file_timeout=2))
        print(len(rows), rows[0].error != "", rows[1].verdict)
    """)
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=120,
                         cwd=Path(__file__).resolve().parents[2], env={**os.environ})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["2", "True", "fake"]
