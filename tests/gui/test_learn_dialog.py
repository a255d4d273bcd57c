"""The 'Teach a new kind of fake' dialog: learns off the GUI thread, reports, cancels, and the window uses the result."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_examples


@pytest.fixture
def feature_window(qtbot, feature_manifest: Path, settings):
    from deepfake_desk.gui.main_window import MainWindow

    win = MainWindow(manifest_path=feature_manifest, settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    yield win
    win.cancel_scan()
    win.wait_for_workers()


def start_learning(qtbot, window, tmp_path: Path, reals: int, fakes: int):
    """The window's dialog, shown, filled in with new example folders, and Learn clicked."""
    dialog = window.learn_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("gridgen")
    dialog.real.edit.setText(str(make_examples(tmp_path / "real", reals, False, 1)))
    dialog.fake.edit.setText(str(make_examples(tmp_path / "fake", fakes, True, 2)))
    dialog.learn_button.click()
    return dialog


def test_learning_in_the_window_reports_and_adds_the_detector(qtbot, tmp_path, feature_window, user_models):
    dialog = start_learning(qtbot, feature_window, tmp_path, 15, 15)
    assert dialog.running and not dialog.name.isEnabled()  # the GUI thread is free while it learns
    # (signals from the worker reach the dialog only through the event loop, which runs from here)
    with qtbot.waitSignal(dialog.taught, timeout=60_000) as taught:
        pass
    assert taught.args == ["gridgen"]
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert "caught" in dialog.report.text() and "of 15 fakes" in dialog.report.text()
    assert dialog.close_button.isVisible() and not dialog.learn_button.isVisible()
    # the window loads the models again: the new detector has its bar and its column
    qtbot.waitUntil(lambda: feature_window.detector is not None and bool(feature_window.detector.heads),
                    timeout=10_000)
    assert "gridgen" in feature_window.card.model_bars
    about = feature_window.about_dialog()
    qtbot.addWidget(about)
    assert about.taught_names == ["gridgen"]
    assert "Your detector 'gridgen'" in about.models_view.toHtml()


def test_bad_examples_are_a_message_and_nothing_is_saved(qtbot, tmp_path, feature_window, user_models):
    dialog = start_learning(qtbot, feature_window, tmp_path, 4, 15)
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert "only 4 real examples" in dialog.report.text() and "Nothing was saved" in dialog.report.text()
    assert dialog.name.isEnabled()  # the user can fix it and try again
    assert list(user_models.iterdir()) == []


def test_cancel_stops_and_saves_nothing(qtbot, tmp_path, feature_window, user_models):
    dialog = start_learning(qtbot, feature_window, tmp_path, 40, 40)
    dialog.cancel_button.click()
    qtbot.waitUntil(lambda: not dialog.running, timeout=60_000)
    assert "nothing was saved" in dialog.status.text()
    assert dialog.result is None and list(user_models.iterdir()) == []
