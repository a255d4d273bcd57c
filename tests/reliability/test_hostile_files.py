"""Every hostile file gives exactly one row with a plain error or the right verdict:
through the core, the CLI (a real subprocess) and the window."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

from deepfake_desk.core import media
from deepfake_desk.core.export import printable_path
from deepfake_desk.core.scan import scan_paths
from tests.conftest import BLUE, RED
from tests.reliability.hostile import ERROR, SKIPPED, Case, expected_rows, orientation_probe, with_exif_orientation

REPO = Path(__file__).resolve().parents[2]


def assert_plain_error(message: str, where: str) -> None:
    """A message a journalist can read: one short line, no traceback, no programmer's jargon."""
    assert message == message.strip() and "\n" not in message, f"{where}: not one line: {message!r}"
    assert len(message) < 240, f"{where}: too long: {message!r}"
    assert "Traceback" not in message and "unexpected error" not in message, f"{where}: {message!r}"


def check_row(case: Case, verdict: str, error: str, where: str) -> None:
    assert not (verdict and error), f"{where}: both a verdict and an error"
    assert verdict or error, f"{where}: neither a verdict nor an error"
    if error:
        assert_plain_error(error, where)
    if case.expect == ERROR:
        assert error, f"{where} ({case.why}): expected an error, got verdict {verdict!r}"
        assert case.contains in error.lower(), f"{where}: {error!r} should say {case.contains!r}"
    elif case.expect != "any":
        assert verdict == case.expect, f"{where} ({case.why}): expected {case.expect}, got {verdict!r} {error!r}"


def test_core_scan_gives_one_row_per_hostile_file(hostile, session_detector):
    folder, cases = hostile
    expected = expected_rows(cases)
    rows = list(scan_paths([folder], session_detector, file_timeout=60))
    names = [os.path.relpath(r.path, folder) for r in rows]
    assert sorted(names) == sorted(expected), "exactly one row per media file, none for the others"
    for name, row in zip(names, rows):
        check_row(expected[name], row.verdict, row.error, f"core {name!r}")
    assert "very large image" in " ".join(rows[names.index("huge_16384x16384.jpg")].notes)


def test_each_hostile_file_named_alone_gives_one_clear_result(hostile, session_detector):
    """A path given explicitly (as from the file dialog) goes through the same checks."""
    folder, cases = hostile
    for case in cases:
        result = session_detector.analyze_file(folder / case.fs_name)
        if case.expect == SKIPPED:  # named explicitly it is looked at, and refused plainly
            assert result.error and not result.verdict, case.fs_name
            assert_plain_error(result.error, case.fs_name)
        else:
            check_row(case, result.verdict, result.error, f"alone {case.fs_name!r}")


def run_cli(*args: str, cwd: Path = REPO, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "deepfake_desk", "scan", *args], capture_output=True, timeout=timeout,
                          cwd=cwd, env={**os.environ, "PYTHONPATH": str(REPO)}, **kwargs)


def test_cli_scan_of_the_hostile_folder(hostile, session_manifest, tmp_path):
    folder, cases = hostile
    expected = {printable_path(name): case for name, case in expected_rows(cases).items()}
    out_csv, out_json = tmp_path / "out.csv", tmp_path / "out.json"
    done = run_cli(str(folder), "--csv", str(out_csv), "--json", str(out_json), "--manifest", str(session_manifest))
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode == 0, stderr
    assert "Traceback" not in stderr
    # Both files are valid UTF-8 whatever the file names were.
    with open(out_csv, encoding="utf-8", newline="") as f:
        table = list(csv.DictReader(f))
    records = json.loads(out_json.read_bytes().decode("utf-8"))["results"]
    prefix = printable_path(str(folder)) + os.sep
    for rows, where in ((table, "csv"), (records, "json")):
        names = [r["path"].removeprefix(prefix) for r in rows]
        assert sorted(names) == sorted(expected), where
        for name, row in zip(names, rows):
            check_row(expected[name], row["verdict"], row["error"], f"{where} {name!r}")
    assert f"scanned {len(expected)} files" in stderr


def test_cli_neutralises_a_formula_named_file(hostile, session_manifest, tmp_path):
    """Named relative to the folder, the path cell itself starts with '=': a spreadsheet must not run it."""
    folder, _ = hostile
    out = tmp_path / "out.csv"
    names = ['=HYPERLINK("evil.example","click").png', "+SUM(1,2).jpg", "@cmd.jpg"]
    done = run_cli(*names, "--csv", str(out), "--manifest", str(session_manifest), cwd=folder)
    assert done.returncode == 0, done.stderr
    with open(out, encoding="utf-8", newline="") as f:
        cells = [row["path"] for row in csv.DictReader(f)]
    assert cells == ["'" + n for n in names]


@pytest.mark.parametrize("orientation", range(1, 9))
def test_exif_orientation_is_applied(tmp_path, orientation):
    """The RED corner must come out top-left whatever orientation the camera recorded.

    The stored pixels are the displayed picture transformed by the inverse of what the
    tag asks a viewer to do (written here with NumPy, independently of Pillow).
    """
    shown = np.asarray(orientation_probe())
    stored = {
        1: shown, 2: shown[:, ::-1], 3: shown[::-1, ::-1], 4: shown[::-1],
        5: shown.transpose(1, 0, 2), 6: np.rot90(shown, 1), 7: np.rot90(shown, 2).transpose(1, 0, 2),
        8: np.rot90(shown, -1),
    }[orientation]
    from PIL import Image

    path = tmp_path / f"o{orientation}.jpg"
    path.write_bytes(with_exif_orientation(Image.fromarray(np.ascontiguousarray(stored)), orientation))
    rgb = media.load_image(path)
    assert rgb.shape == shown.shape
    h, w = rgb.shape[:2]
    assert np.abs(rgb[2, 2].astype(int) - RED).max() < 40
    assert np.abs(rgb[h - 3, w - 3].astype(int) - BLUE).max() < 40


def test_unreadable_file_gives_permission_denied(tmp_path, session_detector):
    """chmod 000 must give 'permission denied'. Root reads such a file anyway, so as root
    the check runs in a forked child that has dropped to the user 'nobody' (uid 65534),
    with the decoder already in memory (the venv may not be readable by nobody)."""
    from tests.conftest import solid

    shared = Path(tempfile.mkdtemp(prefix="dfd-unreadable-"))
    try:
        shared.chmod(0o755)
        solid(RED).save(shared / "readable.jpg")
        solid(RED).save(shared / "locked.jpg")
        (shared / "locked.jpg").chmod(0)
        if os.geteuid() != 0:
            errors = {n: session_detector.prepare_file(shared / n).error for n in ("readable.jpg", "locked.jpg")}
        else:
            errors = _prepare_as_nobody(session_detector, shared, ["readable.jpg", "locked.jpg"])
    finally:
        shutil.rmtree(shared, ignore_errors=True)
    assert errors["readable.jpg"] == ""
    assert errors["locked.jpg"] == "permission denied: the file is not readable"


def _prepare_as_nobody(detector, folder: Path, names: list[str]) -> dict[str, str]:
    """Each file's error from `prepare_file` run by uid/gid 65534 in a forked child."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never return into pytest
        code = 1
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            errors = {n: detector.prepare_file(folder / n).error for n in names}
            os.write(write_end, json.dumps(errors).encode())
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as f:
        data = f.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and data, "the unprivileged child failed"
    return json.loads(data)


def test_window_lists_one_row_per_hostile_file(qtbot, hostile, session_manifest, tmp_path):
    """The window, offscreen, over the same folder: one row each, nothing raised in a slot."""
    from PySide6.QtCore import QSettings

    from deepfake_desk.gui.main_window import MainWindow

    folder, cases = hostile
    expected = expected_rows(cases)
    win = MainWindow(manifest_path=session_manifest,
                     settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.models_ready, timeout=20_000)
        with qtbot.captureExceptions() as raised:
            win.open_paths([str(folder)])
            qtbot.waitUntil(lambda: not win.scanning, timeout=120_000)
        assert not raised, raised
        results = win.visible_results()
        names = [os.path.relpath(r.path, folder) for r in results]
        assert sorted(names) == sorted(expected)
        for name, row in zip(names, results):
            check_row(expected[name], row.verdict, row.error, f"window {name!r}")
    finally:
        win.cancel_scan()
        win.wait_for_workers()
