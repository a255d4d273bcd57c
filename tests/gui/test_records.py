"""Records are not lost by accident: the window asks before discarding unexported results,
and offers exports outside the scanned evidence folder."""

from __future__ import annotations

import csv
import os

import pytest
from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.gui.conftest import wait_idle


def answer_with(monkeypatch, button) -> list[str]:
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return button

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    return asked


@pytest.fixture
def scanned(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    assert window.results.rowCount() == 5
    return window


def test_clear_is_refused_when_the_user_cancels(scanned, monkeypatch):
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Cancel)
    scanned.clear_results()
    assert scanned.results.rowCount() == 5 and scanned.card.verdict_text()  # nothing discarded
    assert asked and "discards 5 results that" in asked[0]

    answer_with(monkeypatch, QMessageBox.StandardButton.Discard)
    scanned.clear_results()
    assert scanned.results.rowCount() == 0


def test_closing_is_refused_when_the_user_cancels(scanned, monkeypatch):
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Cancel)
    assert scanned.close() is False
    assert scanned.isVisible() and scanned.results.rowCount() == 5
    assert "Quitting" in asked[0]


def test_exported_results_are_discarded_without_a_question(scanned, tmp_path, discard_questions):
    scanned.verdict_filter.setCurrentIndex(scanned.verdict_filter.findText("Likely fake"))
    assert scanned.export_csv(tmp_path / "fakes.csv") == 2
    scanned.verdict_filter.setCurrentIndex(0)
    scanned.clear_results()  # three rows were never exported: asked, and the fixture said Discard
    assert len(discard_questions) == 1 and "discards 3 results that" in discard_questions[0]
    assert scanned.results.rowCount() == 0


def test_a_full_export_means_no_question(scanned, tmp_path, discard_questions):
    assert scanned.export_json(tmp_path / "all.json") == 5
    scanned.clear_results()
    assert discard_questions == [] and scanned.results.rowCount() == 0


def test_save_exports_every_unexported_row_then_discards(scanned, tmp_path, monkeypatch):
    answer_with(monkeypatch, QMessageBox.StandardButton.Save)
    target = tmp_path / "saved" / "before-clear"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    scanned.text_filter.setText("red_")  # only two rows shown: Save must still keep all five
    scanned.clear_results()
    with open(f"{target}.csv", newline="", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 5
    assert scanned.results.rowCount() == 0


def test_save_then_cancelling_the_file_dialog_keeps_the_rows(scanned, monkeypatch):
    answer_with(monkeypatch, QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    scanned.clear_results()
    assert scanned.results.rowCount() == 5


def test_scanning_the_same_folder_again_asks_first(qtbot, scanned, media_folder, monkeypatch):
    asked = answer_with(monkeypatch, QMessageBox.StandardButton.Cancel)
    scanned.open_paths([str(media_folder)])
    assert not scanned.scanning and "Scanning these files again" in asked[0]
    other = media_folder.parent / "elsewhere.png"
    other.write_bytes((media_folder / "blue.png").read_bytes())
    asked.clear()
    scanned.open_paths([str(other)])  # a new file replaces nothing: no question
    wait_idle(qtbot, scanned)
    assert asked == [] and scanned.results.rowCount() == 6


def test_export_starts_in_the_documents_folder_then_the_last_export_folder(scanned, media_folder, tmp_path,
                                                                           monkeypatch):
    offered: list[str] = []

    def save_as(parent, title, start, pattern):
        offered.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save_as))
    scanned.choose_export_csv()
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    expected = documents if documents and os.path.isdir(documents) else os.path.expanduser("~")
    assert os.path.dirname(offered[0]) == expected
    assert not offered[0].startswith(str(media_folder))  # never into the evidence folder

    out = tmp_path / "reports"
    out.mkdir()
    scanned.export_csv(out / "scan.csv")
    scanned.choose_export_json()
    assert os.path.dirname(offered[1]) == str(out) and offered[1].endswith(".json")
    scanned.settings.sync()
    assert scanned.settings.value("last_export_folder") == str(out)
