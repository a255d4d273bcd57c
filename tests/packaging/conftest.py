"""Fixtures for the packaging tests: packaging/build.py as a module, and one bundle per session.

packaging/ is not a Python package (its name would shadow PyPI's `packaging`), so
its modules are loaded from their files.

The bundle is built in the background from the start of the session (tests/conftest.py
calls `start_bundle_build` once collection has picked a `bundle` test): the build is a
subprocess of its own, mostly one core of PyInstaller and compression, so it runs beside
the rest of the suite instead of after it, and the bundle tests find it built or nearly so.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"
# A bundle build competes with model training for 2 cores: allow it plenty of time.
BUILD_TIMEOUT_S = 45 * 60


def load_packaging_module(name: str) -> ModuleType:
    if str(PACKAGING) not in sys.path:
        sys.path.insert(0, str(PACKAGING))
    module_spec = importlib.util.spec_from_file_location(f"packaging_{name}", PACKAGING / f"{name}.py")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_module() -> ModuleType:
    return load_packaging_module("build")


@dataclass
class Built:
    bundle: Path
    executable: Path
    tarball: Path
    deb: Path | None
    models_dir: Path
    build_output: str


def _test_models_dir() -> Path:
    """The tiny colour models at a fixed path, so an unchanged bundle is reused between runs."""
    from tests.conftest import model_entry, write_manifest

    folder = PACKAGING / "build" / "test-models"
    folder.mkdir(parents=True, exist_ok=True)
    write_manifest(folder, [model_entry(folder, "cnn", "NHWC", weight=0.6), model_entry(folder, "gan", "NCHW", weight=0.4)])
    return folder


@dataclass
class _Build:
    """The build subprocess started for this session, with what its results will be checked against."""

    process: subprocess.Popen
    log: object  # the temporary file its stdout and stderr go to
    formats: str
    models_dir: Path
    started: float


_build: _Build | None = None


def start_bundle_build() -> None:
    """Start packaging/build.py (or its reuse of a fresh build) in the background, once per session.

    The real models are shipped when models/manifest.json exists; before they are
    trained, the tiny test models are (the same path a journalist's build takes
    otherwise: build.py, the build venv, PyInstaller, the installers).
    """
    global _build
    if _build is not None:
        return
    build_module = load_packaging_module("build")
    real = REPO / "models" / "manifest.json"
    models_dir = real.parent if real.is_file() else _test_models_dir()
    formats = "tar,deb" if build_module.shutil.which("dpkg-deb") else "tar"
    cmd = [sys.executable, str(PACKAGING / "build.py"), "--reuse", "--formats", formats, "--models", str(models_dir)]
    log = tempfile.TemporaryFile("w+", encoding="utf-8")
    # its own process group, so that stopping it stops its pip and PyInstaller too
    process = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, text=True, cwd=REPO,
                               start_new_session=True)
    _build = _Build(process, log, formats, models_dir, time.monotonic())


def stop_bundle_build() -> None:
    """At the end of the session: a build no test waited for (all deselected, or -x) is stopped."""
    if _build is not None and _build.process.poll() is None:
        _kill(_build.process)


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@pytest.fixture(scope="session")
def built(build_module: ModuleType) -> Built:
    """The bundle, .tar.gz and .deb made by packaging/build.py (see start_bundle_build)."""
    start_bundle_build()  # already running when the session was collected with bundle tests
    build = _build
    try:
        build.process.wait(timeout=max(1.0, BUILD_TIMEOUT_S - (time.monotonic() - build.started)))
    except subprocess.TimeoutExpired:
        _kill(build.process)
    build.log.seek(0)
    output = build.log.read()
    if build.process.returncode != 0:
        pytest.fail(f"packaging/build.py failed (exit {build.process.returncode}):\n{output[-6000:]}")
    version = build_module.app_version()
    bundle = build_module.bundle_dir(build_module.DIST)
    deb = build_module.DIST / build_module.installer_name("deb", version) if "deb" in build.formats else None
    return Built(
        bundle=bundle,
        executable=build_module.bundle_executable(bundle),
        tarball=build_module.DIST / build_module.installer_name("tar", version),
        deb=deb,
        models_dir=build.models_dir,
        build_output=output,
    )


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment a user's launch would have: a fresh home, no test or dev variables."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("DEEPFAKE_DETECTOR", "PYTHON", "QT_", "XDG_", "VIRTUAL_ENV", "PYTEST"))}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"), LANG="C.UTF-8")
    env.update(extra)
    return env
