"""scripts/run.sh on a fresh machine: Qt's X11 libraries are checked before the window opens,
and the app is not reinstalled on every run (scripts/qt_libs.py does the checking)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("qt_libs", REPO / "scripts" / "qt_libs.py")
qt_libs = importlib.util.module_from_spec(spec)
spec.loader.exec_module(qt_libs)

LDD_MISSING = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /x/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-cursor.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxkbcommon-x11.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibweird.so.3 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f)
"""


def test_missing_libraries_become_apt_packages():
    missing = qt_libs.missing_libraries(LDD_MISSING)
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxkbcommon-x11.so.0", "libweird.so.3"]
    assert qt_libs.apt_packages(missing) == ["libxcb-cursor0", "libxcb-icccm4", "libxkbcommon-x11-0",
                                             "libweird.so.3"]
    assert qt_libs.missing_libraries("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="xcb is Linux's")
def test_only_a_window_on_x11_is_checked():
    assert qt_libs.window_uses_xcb([], {"DISPLAY": ":0"})
    assert qt_libs.window_uses_xcb(["photo.jpg"], {"DISPLAY": ":0"})
    assert not qt_libs.window_uses_xcb(["scan", "dir"], {"DISPLAY": ":0"})
    assert not qt_libs.window_uses_xcb([], {})  # no display: the CLI scans the samples
    assert not qt_libs.window_uses_xcb([], {"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"})
    assert qt_libs.window_uses_xcb([], {"QT_QPA_PLATFORM": "xcb"})


def _fake_checkout(tmp_path: Path) -> tuple[Path, Path]:
    """A checkout with run.sh, an installed .venv (this interpreter) and logging fakes of
    setup.sh, ldd and id (a user who is not root)."""
    root = tmp_path / "repo"
    (root / "scripts").mkdir(parents=True)
    for name in ("run.sh", "qt_libs.py"):
        shutil.copy(REPO / "scripts" / name, root / "scripts" / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    log = tmp_path / "log"
    (root / "scripts" / "setup.sh").write_text(f'echo setup "$@" >> {log}\n')
    (root / ".venv" / "bin").mkdir(parents=True)
    python = root / ".venv" / "bin" / "python"  # this venv's interpreter (a symlink would lose the venv)
    python.write_text(f'#!/bin/sh\nexec {sys.executable} "$@"\n')
    python.chmod(stat.S_IRWXU)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for name, body in (("ldd", f"cat <<'X'\n{LDD_MISSING}X\n"), ("id", "echo 1000\n")):
        (bin_dir / name).write_text("#!/bin/sh\n" + body)
        (bin_dir / name).chmod(stat.S_IRWXU)
    return root, bin_dir


@pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("bash") is None
                    or importlib.util.find_spec("PySide6") is None, reason="needs bash and PySide6 on Linux")
def test_run_sh_names_the_missing_libraries_and_installs_once(tmp_path):
    root, bin_dir = _fake_checkout(tmp_path)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "DISPLAY": ":0"}
    env.pop("QT_QPA_PLATFORM", None)

    def run():
        return subprocess.run(["bash", str(root / "scripts" / "run.sh")], env=env, capture_output=True,
                              text=True, timeout=120)

    first = run()
    assert first.returncode == 1
    assert "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4 libxkbcommon-x11-0" in first.stderr
    assert "Could not load" not in first.stderr  # stopped before Qt tried
    second = run()
    assert second.returncode == 1
    # setup ran once: the second run found the stamp keyed on pyproject.toml and setup.sh
    assert (tmp_path / "log").read_text().splitlines() == ["setup app"]
    with open(root / "pyproject.toml", "a") as f:
        f.write("\n# changed\n")
    run()
    assert (tmp_path / "log").read_text().splitlines() == ["setup app", "setup app"]
