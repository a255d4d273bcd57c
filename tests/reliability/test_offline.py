"""Nothing leaves the machine: no network connection is attempted by a scan, the CLI or
the window; nothing about the scanned files is stored beyond what the user exports; and
a model file that does not match its sha256 is never handed to onnxruntime."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from deepfake_desk.core.scan import scan_paths
from tests.conftest import BLUE, RED, solid
from tests.reliability.hostile import video

REPO = Path(__file__).resolve().parents[2]
SECRET = "source_protected_whistleblower"  # a name that must not end up anywhere but the export


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way Python opens a connection or resolves a name raises, and is recorded."""
    attempts: list[str] = []

    def refuse(what):
        def guard(*args, **kwargs):
            attempts.append(f"{what}{args[1:] if what.startswith('socket.') else args}")
            raise NetworkAttempt(f"network use attempted: {what}")
        return guard

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


@pytest.fixture
def media_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    solid(RED).save(folder / f"{SECRET}.jpg", quality=95)
    solid(BLUE).save(folder / "blue.png")
    video(folder / "clip.mp4", RED)
    (folder / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really")
    return folder


def test_the_guard_catches_a_connection(no_network):
    with pytest.raises(NetworkAttempt):
        socket.create_connection(("127.0.0.1", 9))
    assert no_network


def test_core_scan_attempts_no_connection(no_network, session_detector, media_folder):
    rows = list(scan_paths([media_folder], session_detector))
    assert len(rows) == 4 and sum(r.ok for r in rows) == 3
    assert no_network == []


def test_window_attempts_no_connection(no_network, qtbot, session_manifest, media_folder, tmp_path):
    from PySide6.QtCore import QSettings

    from deepfake_desk.gui.main_window import MainWindow

    settings_file = tmp_path / "settings.ini"
    win = MainWindow(manifest_path=session_manifest, settings=QSettings(str(settings_file), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    try:
        qtbot.waitUntil(lambda: win.models_ready, timeout=20_000)
        win.open_paths([str(media_folder)])
        qtbot.waitUntil(lambda: not win.scanning, timeout=60_000)
        assert len(win.visible_results()) == 4
        win.about_dialog()
    finally:
        win.cancel_scan()
        win.wait_for_workers()
    win.close()
    del win
    assert no_network == []
    # Settings may remember the folder, never what was in it.
    assert not settings_file.exists() or SECRET not in settings_file.read_text(errors="replace")


GUARD = textwrap.dedent("""
    # Loaded by Python at start-up (sitecustomize): records and refuses any connection.
    import os, socket
    _log = os.environ["NET_GUARD_LOG"]
    open(_log, "a").write("loaded\\n")
    def _refuse(what):
        def guard(*args, **kwargs):
            open(_log, "a").write(f"ATTEMPT {what} {args[1:]!r}\\n")
            raise OSError(f"network use attempted: {what}")
        return guard
    for _n in ("connect", "connect_ex", "sendto", "sendmsg"):
        setattr(socket.socket, _n, _refuse("socket." + _n))
    for _n in ("create_connection", "getaddrinfo", "gethostbyname"):
        setattr(socket, _n, _refuse(_n))
""")


def _isolated_env(tmp_path: Path) -> dict[str, str]:
    """A home, config, cache and temp folder of the test's own, to see what the app writes."""
    home = tmp_path / "home"
    for sub in ("", ".config", ".cache", ".local/share", "tmp"):
        (home / sub).mkdir(parents=True, exist_ok=True)
    return {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"), "XDG_DATA_HOME": str(home / ".local/share"),
            "TMPDIR": str(home / "tmp")}


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in folder.rglob("*") if p.is_file()}


def test_cli_attempts_no_connection_and_stores_nothing(session_manifest, media_folder, tmp_path):
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD)
    log = tmp_path / "net.log"
    env = _isolated_env(tmp_path)
    env.update(NET_GUARD_LOG=str(log), PYTHONPATH=os.pathsep.join([str(guard), str(REPO)]))
    before = _snapshot(media_folder)
    out = tmp_path / "export" / "out.csv"
    out.parent.mkdir()
    done = subprocess.run([sys.executable, "-m", "deepfake_desk", "scan", str(media_folder), "--csv", str(out),
                           "--manifest", str(session_manifest)], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = log.read_text().splitlines()  # one "loaded" per process: the CLI and its decoding processes
    assert lines and set(lines) == {"loaded"}, "the guard ran in every process and saw no connection attempt"
    assert _snapshot(media_folder) == before, "the scanned folder was changed"
    assert os.listdir(out.parent) == ["out.csv"], "only the export was written next to it"
    home = Path(env["HOME"])
    for path in home.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), f"{path} mentions a scanned file"


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (apt-get install strace)")
@pytest.mark.slow
def test_no_native_code_connects_either(session_manifest, media_folder, tmp_path):
    """The Python guard cannot see C/C++ (onnxruntime, OpenCV, Qt): strace sees every connect(2)
    of the CLI's scan and of the window opened offscreen."""
    window = textwrap.dedent(f"""
        import os
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication
        from deepfake_desk.gui.main_window import MainWindow
        app = QApplication([])
        win = MainWindow(manifest_path={str(session_manifest)!r},
                         settings=QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))
        win.show()
        def scan():
            if not win.models_ready:
                return QTimer.singleShot(100, scan)
            win.open_paths([{str(media_folder)!r}])
            QTimer.singleShot(100, wait)
        def wait():
            if win.scanning:
                return QTimer.singleShot(100, wait)
            print("rows", len(win.visible_results()))
            app.exit(0)  # not quit(): Qt 6 closes the window first, which asks before discarding the rows
        QTimer.singleShot(0, scan)
        QTimer.singleShot(60_000, lambda: app.exit(1))
        app.exec()
        win.cancel_scan(); win.wait_for_workers()
    """)
    commands = {
        "cli": [sys.executable, "-m", "deepfake_desk", "scan", str(media_folder), "--csv", str(tmp_path / "o.csv"),
                "--manifest", str(session_manifest)],
        "window": [sys.executable, "-c", window],
    }
    for name, command in commands.items():
        trace = tmp_path / f"{name}.strace"
        done = subprocess.run(["strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg", "-o", str(trace),
                               *command], capture_output=True, text=True, env=_isolated_env(tmp_path),
                              cwd=REPO, timeout=300)
        if "ptrace" in done.stderr and done.returncode != 0:
            pytest.skip(f"strace cannot trace here: {done.stderr.strip()[:200]}")
        assert done.returncode == 0, done.stderr[-2000:]
        if name == "window":
            assert "rows 4" in done.stdout, done.stdout + done.stderr[-1000:]
        calls = [line for line in trace.read_text().splitlines() if "(" in line]
        network = [c for c in calls if "AF_INET" in c or "AF_NETLINK" in c or "AF_PACKET" in c]
        # Not even a name lookup (port 53): onnxruntime's telemetry once resolved its collector's
        # name from the window (RELIABILITY.md); ORT_DISABLE_TELEMETRY, set by the app, stops it.
        assert network == [], f"{name}: {network[:5]}"


def test_the_app_turns_onnxruntimes_telemetry_off_before_loading_it():
    """onnxruntime (1.29+) sends usage telemetry unless ORT_DISABLE_TELEMETRY is set when it starts:
    importing the app sets it, for its own process and every process it starts."""
    env = {k: v for k, v in os.environ.items() if k != "ORT_DISABLE_TELEMETRY"}
    code = ("import os, sys, deepfake_desk; print(os.environ.get('ORT_DISABLE_TELEMETRY'), "
            "'onnxruntime' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "False"]


def test_a_tampered_model_is_never_loaded(session_manifest, tmp_path, monkeypatch, media_folder):
    """One flipped byte in gan.onnx: onnxruntime never sees that file, the other model still scores."""
    import onnxruntime as ort

    from deepfake_desk.core.detector import Detector

    folder = tmp_path / "models"
    shutil.copytree(session_manifest.parent, folder)
    data = bytearray((folder / "gan.onnx").read_bytes())
    data[len(data) // 2] ^= 0x01
    (folder / "gan.onnx").write_bytes(bytes(data))
    opened: list[str] = []
    real_session = ort.InferenceSession

    def recording_session(path, *args, **kwargs):
        opened.append(Path(path).name)
        return real_session(path, *args, **kwargs)

    monkeypatch.setattr(ort, "InferenceSession", recording_session)  # the detector imports it when loading
    detector = Detector.from_manifest(folder / "manifest.json", threads=1)
    assert opened == ["cnn.onnx"]
    assert [m.spec.id for m in detector.models] == ["cnn"]
    assert any("gan" in str(p) and "sha256" in str(p) for p in detector.problems)
    result = detector.analyze_file(media_folder / f"{SECRET}.jpg")
    assert result.verdict == "fake" and set(result.model_probabilities) == {"cnn"}
