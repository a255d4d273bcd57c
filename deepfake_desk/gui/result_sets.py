"""A second folder scan: add its rows to the table's, or start a new result set?

Rows of different scans can share a table (the export's `scan` column tells them apart), but a
journalist who scans a second folder usually means a new job: the window asks instead of
silently adding the new rows under the old ones.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtWidgets import QMessageBox, QWidget

from deepfake_desk.gui.i18n import translate


class SetChoice(Enum):
    ADD = "add"  # keep the rows, add this scan's under them
    NEW = "new"  # clear the table (after the usual question about unexported rows), then scan
    CANCEL = "cancel"


def ask_add_or_new(parent: QWidget | None, results: str) -> SetChoice:
    """Ask what to do with the rows already in the table ("3 results", counted by the caller in its
    language) before a folder scan."""
    box = QMessageBox(QMessageBox.Icon.Question, translate("ResultSets", "Results already in the table"),
                      translate("ResultSets", "The table holds {results} from an earlier scan. Start a new result "
                                "set for this scan, or add its results to these? (The CSV export's “scan” "
                                "column says which scan each row came from.)").format(results=results),
                      parent=parent)
    new = box.addButton(translate("ResultSets", "Start a new result set"), QMessageBox.ButtonRole.AcceptRole)
    add = box.addButton(translate("ResultSets", "Add to these results"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(new)
    box.exec()
    clicked = box.clickedButton()
    return SetChoice.NEW if clicked is new else SetChoice.ADD if clicked is add else SetChoice.CANCEL
