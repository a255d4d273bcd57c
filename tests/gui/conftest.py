"""Fixtures for the window's tests: offscreen Qt, isolated settings, a window on tiny models."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def discard_questions(monkeypatch) -> list[str]:
    """Answers "Discard" to the window's question about unexported results (a modal box would
    block an offscreen test, e.g. when qtbot closes a window at teardown); lists the questions asked."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.Discard

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    return asked


@pytest.fixture(autouse=True)
def add_or_new(monkeypatch):
    """Answers "Add to these results" when a folder scan finds rows in the table (the box is modal).
    `.asked`: what was asked about ("2 results"); set `.choice` to answer otherwise."""
    from types import SimpleNamespace

    from deepfake_desk.gui import result_sets

    state = SimpleNamespace(asked=[], choice=result_sets.SetChoice.ADD)

    def answer(parent, results):
        state.asked.append(results)
        return state.choice

    monkeypatch.setattr(result_sets, "ask_add_or_new", answer)
    return state


@pytest.fixture(autouse=True)
def english(qapp):
    """Every test starts in English (a test may switch the app's one translator to another language)."""
    from deepfake_desk.gui.i18n import APP_TRANSLATION

    assert APP_TRANSLATION.install("en")
    yield
    APP_TRANSLATION.install("en")


@pytest.fixture
def settings(tmp_path: Path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, manifest_path: Path, settings):
    """The main window over the tiny colour models, with models loaded."""
    from deepfake_desk.gui.main_window import MainWindow

    win = MainWindow(manifest_path=manifest_path, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.models_ready, timeout=60_000)  # a loaded, shared machine
    yield win
    win.cancel_scan()
    win.wait_for_workers()
    win.session.close()  # its decoding processes, whether or not the window's close is accepted


def wait_idle(qtbot, win, timeout: int = 60_000) -> None:
    """Until no scan is running or queued."""
    qtbot.waitUntil(lambda: not win.scanning, timeout=timeout)
