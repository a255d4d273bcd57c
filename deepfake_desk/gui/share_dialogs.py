"""Sharing taught detectors in the window: import (its card first), export, and turning them on or off.

The work is core.share and core.user_models; reading and checking a shared file takes
milliseconds (a head of kilobytes), so these dialogs call the core directly.
"""

from __future__ import annotations

import html
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core.manifest import Manifest
from deepfake_desk.core.resources import user_models_dir
from deepfake_desk.core.share import SUFFIX, Card, ShareError, export_taught, import_taught, read_package
from deepfake_desk.core.user_models import UserModelError, list_taught, set_enabled
from deepfake_desk.gui.i18n import translate


class CardDialog(QDialog):
    """A shared detector's card, before anything is saved: import it off, import it on, or cancel."""

    def __init__(self, card: Card, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a detector"))
        self.enable = False
        text = QLabel("<br>".join(html.escape(line) for line in card.lines(translate)) + "<p>" + self.tr(
            "Use it only if you trust who made it: it can make a verdict fake or uncertain for files like its "
            "real photos.") + "</p>")
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox()
        buttons.addButton(self.tr("Import, turned off"), QDialogButtonBox.ButtonRole.AcceptRole).clicked.connect(
            lambda: self._done(False))
        buttons.addButton(self.tr("Import and turn on"), QDialogButtonBox.ButtonRole.AcceptRole).clicked.connect(
            lambda: self._done(True))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def _done(self, enable: bool) -> None:
        self.enable = enable
        self.accept()


class DetectorsDialog(QDialog):
    """The detectors the user taught or imported, each with a check box: on or off."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Your detectors"))
        self.changed = False
        self.list = QListWidget()
        for item in list_taught(user_models_dir()):
            row = QListWidgetItem(item.name)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.enabled else Qt.CheckState.Unchecked)
            why = item.problem or ("" if item.enabled else item.why_off)
            words = item.entry.get("metrics", {}).get("cross_validation", {}).get("words", "")
            row.setToolTip("\n".join(t for t in (words, why) if t))
            self.list.addItem(row)
        self.list.itemChanged.connect(self._toggled)
        self.status = QLabel(self.tr("Checked detectors are used by the next scan.") if self.list.count()
                             else self.tr("You have not taught or imported any detector yet."))
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _toggled(self, row: QListWidgetItem) -> None:
        try:
            set_enabled(user_models_dir(), row.text(), row.checkState() == Qt.CheckState.Checked)
            self.changed = True
        except UserModelError as exc:
            self.status.setText(str(exc))


def import_detector(parent: QWidget, manifest: Manifest | None, start: str = "") -> str | None:
    """Choose a shared file, show its card, import it; the imported name, or None."""
    kinds = translate("ShareDialogs", "Shared detectors (*{suffix});;All files (*)").format(suffix=SUFFIX)
    path, _ = QFileDialog.getOpenFileName(parent, translate("ShareDialogs", "Import a detector"), start, kinds)
    if not path:
        return None
    try:
        if manifest is None:
            raise ShareError(translate("ShareDialogs", "the models are not loaded yet"))
        card = read_package(path).card
        dialog = CardDialog(card, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        taught = import_taught(path, manifest, user_models_dir(), enable=dialog.enable)
    except ShareError as exc:
        QMessageBox.warning(parent, translate("ShareDialogs", "Not imported"), str(exc))
        return None
    return taught.name


def export_detector(parent: QWidget, start: str = "") -> str | None:
    """Choose one of the user's detectors and a file; write it there. The file written, or None."""
    names = [t.name for t in list_taught(user_models_dir()) if t.spec is not None]
    if not names:
        QMessageBox.information(parent, translate("ShareDialogs", "Share a detector"),
                                translate("ShareDialogs", "You have not taught or imported any detector yet."))
        return None
    title = translate("ShareDialogs", "Share a detector")
    name, ok = QInputDialog.getItem(parent, title, translate("ShareDialogs", "Detector:"), names, 0, False)
    if not ok:
        return None
    kinds = translate("ShareDialogs", "Shared detectors (*{suffix})").format(suffix=SUFFIX)
    path, _ = QFileDialog.getSaveFileName(parent, title, os.path.join(start, f"{name}{SUFFIX}"), kinds)
    if not path:
        return None
    try:
        return str(export_taught(user_models_dir(), name, path))
    except ShareError as exc:
        QMessageBox.warning(parent, translate("ShareDialogs", "Not shared"), str(exc))
        return None
