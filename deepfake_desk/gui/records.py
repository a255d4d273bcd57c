"""Keeping a journalist's records safe: which results are exported, where exports go.

A scan's results exist only in the window until they are exported; `ExportRecords`
knows which ones are not, so the window can ask before it discards them (Clear
results, quitting, scanning the same files again). Exports go by default to the
user's documents folder, then to wherever the last one went, never into the
evidence folder that was scanned.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from enum import Enum

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox, QWidget

from deepfake_desk.core.detector import FileResult
from deepfake_desk.gui.i18n import translate

LAST_EXPORT_KEY = "last_export_folder"


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def documents_folder() -> str:
    """The user's documents folder (home if the platform has none)."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and os.path.isdir(folder) else os.path.expanduser("~")


class ExportRecords:
    def __init__(self, settings: QSettings):
        self.settings = settings
        self._exported: set[str] = set()  # paths whose current result is in an export

    def arrived(self, result: FileResult) -> None:
        """A new (or rescanned) result: not exported yet."""
        self._exported.discard(result.path)

    def exported(self, results: Iterable[FileResult], path: str | os.PathLike) -> None:
        self._exported.update(r.path for r in results)
        folder = os.path.dirname(os.path.abspath(os.fspath(path)))
        if folder:
            self.settings.setValue(LAST_EXPORT_KEY, folder)

    def forget(self) -> None:
        self._exported.clear()

    def unexported(self, results: Iterable[FileResult]) -> list[FileResult]:
        return [r for r in results if r.path not in self._exported]

    def default_folder(self) -> str:
        """Where the next export is offered: the last export's folder, else the documents folder."""
        folder = self.settings.value(LAST_EXPORT_KEY, "", type=str)
        return folder if folder and os.path.isdir(folder) else documents_folder()


def ask_before_discarding(parent: QWidget | None, results: str, doing: str) -> Answer:
    """Ask whether unexported `results` ("3 results", counted by the caller in its language) may be
    lost by `doing` ("Clearing the results")."""
    reply = QMessageBox.question(
        parent, translate("Records", "Results not exported"),
        translate("Records", "{doing} discards {results} that you have not exported.\n\n"
                  "Export them to CSV first, discard them, or cancel?").format(doing=doing, results=results),
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save)
    if reply == QMessageBox.StandardButton.Save:
        return Answer.SAVE
    if reply == QMessageBox.StandardButton.Discard:
        return Answer.DISCARD
    return Answer.CANCEL
