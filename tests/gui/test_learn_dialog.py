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


def test_marked_rows_are_exported_and_taught_from(qtbot, tmp_path, feature_window, user_models):
    """Select rows, mark them, export: the CSV's last column says so; Teach from marked rows learns from them."""
    import csv

    from PySide6.QtCore import QItemSelectionModel

    from deepfake_desk.core.export import write_csv
    from deepfake_desk.core.examples import csv_files
    from tests.gui.conftest import wait_idle

    real = make_examples(tmp_path / "s" / "real", 15, False, 1)
    fake = make_examples(tmp_path / "s" / "fake", 15, True, 2)
    feature_window.open_paths([str(tmp_path / "s")])
    wait_idle(qtbot, feature_window)
    panel = feature_window.results_panel
    assert panel.table.selectionMode() == panel.table.SelectionMode.ExtendedSelection
    selection = panel.table.selectionModel()
    for label, folder in (("fake", fake), ("real", real)):
        selection.clearSelection()
        for row in range(panel.proxy.rowCount()):
            if panel.proxy.result_at(row).path.startswith(str(folder)):
                selection.select(panel.proxy.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                                 | QItemSelectionModel.SelectionFlag.Rows)
        getattr(feature_window, f"mark_selected_{label}")()
    marked = feature_window.results.marked()
    assert len(marked["fake"]) == 15 and len(marked["real"]) == 15
    mark_column = feature_window.results.columnCount() - 1
    assert {feature_window.results.index(r, mark_column).data() for r in range(30)} == {"confirmed fake",
                                                                                       "confirmed real"}
    out = tmp_path / "marked.csv"
    write_csv(panel.visible_results(), out, feature_window.detector.model_ids)
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0])[-3:] == ["confirmed", "resembles", "notes"] and {r["confirmed"] for r in rows} == {"fake", "real"}
    assert len(csv_files(out)[0]) == 30  # learn --from-csv reads it back
    selection.clearSelection()
    selection.select(panel.proxy.index(0, 0), QItemSelectionModel.SelectionFlag.Select
                     | QItemSelectionModel.SelectionFlag.Rows)
    feature_window.mark_selected_clear()
    assert len(sum(feature_window.results.marked().values(), [])) == 29
    import dataclasses

    kept = feature_window.results.results[1]
    feature_window.results.add_result(dataclasses.replace(kept, confirmed=""))  # the file scanned again
    assert feature_window.results.results[1].confirmed == kept.confirmed != ""
    feature_window.results.set_mark([feature_window.results.row_of(panel.proxy.result_at(0).path)], "fake"
                                    if panel.proxy.result_at(0).path.startswith(str(fake)) else "real")

    dialog = feature_window.teach_marked_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.real.isVisible()
    dialog.name.setText("marked")
    dialog.learn_button.click()
    with qtbot.waitSignal(dialog.taught, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert "of 15 fakes" in dialog.report.text() and "same subjects and sources" in dialog.report.text()


def test_a_weak_detector_is_off_and_can_be_turned_on_in_the_dialog(qtbot, tmp_path, feature_window, user_models):
    from deepfake_desk.core.user_models import list_taught

    dialog = start_learning(qtbot, feature_window, tmp_path, 12, 12)
    with qtbot.waitSignal(dialog.taught, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: not dialog.running, timeout=10_000)
    assert "turned off" in dialog.report.text() and dialog.enable_button.isVisible()
    assert not list_taught(user_models)[0].enabled
    dialog.enable_button.click()
    assert list_taught(user_models)[0].enabled and not dialog.enable_button.isVisible()


def test_import_shows_the_card_first(qtbot, tmp_path, feature_window, user_models, monkeypatch):
    from PySide6.QtWidgets import QDialog, QFileDialog

    from deepfake_desk.core.learn import teach
    from deepfake_desk.core.share import export_taught
    from deepfake_desk.core.user_models import list_taught, remove_taught
    from deepfake_desk.gui import share_dialogs

    list(teach("gridgen", make_examples(tmp_path / "r", 15, False, 1), make_examples(tmp_path / "f", 15, True, 2),
               feature_window.manifest_path, user_models))
    file = export_taught(user_models, "gridgen", tmp_path / "g.dfdetector")
    remove_taught(user_models, "gridgen")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(file), ""))
    shown = []

    def answer(self):
        shown.append(self.findChildren(share_dialogs.QLabel)[0].text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(share_dialogs.CardDialog, "exec", answer)
    assert share_dialogs.import_detector(feature_window, feature_window.detector.manifest) is None
    assert "Taught from 15 fakes and 15 real photos" in shown[0] and list_taught(user_models) == []

    def accept_off(self):
        self.enable = False
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(share_dialogs.CardDialog, "exec", accept_off)
    assert share_dialogs.import_detector(feature_window, feature_window.detector.manifest) == "gridgen"
    assert not list_taught(user_models)[0].enabled
