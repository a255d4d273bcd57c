"""Fixtures for the reliability tests: the hostile corpus and tiny models, built once per session."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from pathlib import Path

import pytest

from tests.conftest import model_entry, write_manifest
from tests.reliability.hostile import Case, build_corpus


@pytest.fixture(autouse=True)
def _discard_without_asking(request, monkeypatch) -> None:
    """A window closed at teardown holds unexported rows: answer its question instead of blocking."""
    if "qtbot" in request.fixturenames:
        from PySide6.QtWidgets import QMessageBox

        monkeypatch.setattr(QMessageBox, "question",
                            staticmethod(lambda *args, **kwargs: QMessageBox.StandardButton.Discard))


@pytest.fixture(scope="session")
def session_manifest(tmp_path_factory) -> Path:
    """The two tiny colour models of tests/conftest.py, shared by the session's tests."""
    folder = tmp_path_factory.mktemp("models")
    return write_manifest(
        folder, [model_entry(folder, "cnn", "NHWC", weight=0.6), model_entry(folder, "gan", "NCHW", weight=0.4)]
    )


@pytest.fixture(scope="session")
def session_detector(session_manifest: Path):
    from deepfake_desk.core.detector import Detector

    return Detector.from_manifest(session_manifest, threads=1)


@pytest.fixture(scope="session")
def hostile(tmp_path_factory) -> tuple[Path, list[Case]]:
    """The hostile corpus folder and its cases (about 100 files, 1 s to build)."""
    folder = tmp_path_factory.mktemp("hostile") / "corpus"
    return folder, build_corpus(folder)
