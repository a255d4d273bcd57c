"""The 'Teach a new kind of fake' dialog: two folders and a name in, a checked detector out.

The work is core.learn.teach (or teach_files, for rows marked in the results table),
run off the GUI thread by a Worker: each Progress it yields moves the bar, the Taught
record fills in the result, and Cancel stops it between files, saving nothing. The
dialog never touches the folders itself. A detector saved turned off (its check is
weak) can be turned on from here once the user has read why.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core.examples import marked_files
from deepfake_desk.core.learn import MIN_PER_CLASS, Progress, Taught, teach, teach_files
from deepfake_desk.core.resources import user_models_dir
from deepfake_desk.core.user_models import UserModelError, set_enabled
from deepfake_desk.gui.i18n import translate
from deepfake_desk.core.wording import REAL_PHOTOS_ADVICE
from deepfake_desk.gui.style import verdict_colour
from deepfake_desk.gui.workers import Worker


class FolderField(QWidget):
    """A folder path with a Choose… button."""

    def __init__(self, title: str, start: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title, self.start = title, start
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(self.tr("a folder of pictures or videos"))
        self.button = QPushButton(self.tr("Choose…"))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)

    def choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.title, self.edit.text() or self.start)
        if folder:
            self.edit.setText(folder)

    def path(self) -> str:
        return self.edit.text().strip()


class LearnDialog(QDialog):
    """Teach a detector; `taught` is emitted with its name once it is saved."""

    taught = Signal(str)

    def __init__(self, manifest_path: str | os.PathLike, start_folder: str = "", parent: QWidget | None = None,
                 marked: dict[str, list[str]] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Teach a new kind of fake"))
        self.manifest_path = Path(manifest_path)
        self.marked = marked  # {"fake": paths, "real": paths}: teach from rows marked in the results table
        self.worker: Worker | None = None
        self.result: Taught | None = None
        intro = QLabel(self.tr(
            "<p>Show the app confirmed fakes of one new kind and real photos of the same subjects "
            "(at least {count} of each; a few dozen is better). It learns from them on this computer, "
            "checks itself on examples it did not see, and from then on every scan shows its score. A video "
            "counts as one example: it learns from a few frames spread over it.</p>"
            "<p>Your detector can make a verdict <i>fake</i> or <i>uncertain</i>, never <i>real</i>.</p>").format(
            count=MIN_PER_CLASS))
        intro.setWordWrap(True)
        advice = QLabel("<p>" + html.escape(translate("Wording", REAL_PHOTOS_ADVICE)) + "</p>")
        advice.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. new_face_app (a-z, 0-9, _)"))
        self.real = FolderField(self.tr("Folder of real photos"), start_folder)
        self.fake = FolderField(self.tr("Folder of fakes of the new kind"), start_folder)
        self.kind = QLineEdit()
        self.kind.setPlaceholderText(self.tr("optional, e.g. news-style fakes of generator X (shown on its card)"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.name)
        form.addRow(self.tr("Kind of fake:"), self.kind)
        if marked is None:
            form.addRow(self.tr("Real photos:"), self.real)
            form.addRow(self.tr("Fakes:"), self.fake)
        else:
            self.real.hide()
            self.fake.hide()
            form.addRow(self.tr("Examples:"), QLabel(self.tr("{fakes} rows marked confirmed fake, {reals} rows marked "
                                                             "confirmed real").format(fakes=len(marked["fake"]),
                                                                                      reals=len(marked["real"]))))
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.learn_button = self.buttons.addButton(self.tr("Learn"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.hide()
        self.enable_button = self.buttons.addButton(self.tr("Turn it on"), QDialogButtonBox.ButtonRole.ActionRole)
        self.enable_button.hide()
        self.enable_button.clicked.connect(self.turn_on)
        self.learn_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(advice)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(620, 380)

    @property
    def running(self) -> bool:
        return self.worker is not None

    def _set_inputs_enabled(self, on: bool) -> None:
        for widget in (self.name, self.kind, self.real, self.fake, self.learn_button):
            widget.setEnabled(on)

    def start(self) -> None:
        if self.running:
            return
        self.result = None
        self.report.setText("")
        self.status.setText(self.tr("Reading the examples…"))
        self.progress.setRange(0, 0)
        self.progress.show()
        self._set_inputs_enabled(False)
        name, kind = self.name.text().strip(), self.kind.text().strip()
        if self.marked is None:
            self.worker = Worker(teach, name, self.real.path(), self.fake.path(), self.manifest_path, kind=kind,
                                 pass_cancel=True)
        else:
            marked = dict(self.marked)
            self.worker = Worker(teach_files, name, lambda: marked_files(marked["real"], marked["fake"]),
                                 ("rows marked confirmed real", "rows marked confirmed fake"), self.manifest_path,
                                 kind=kind, pass_cancel=True)
        self.worker.signals.yielded.connect(self._on_item)
        self.worker.signals.errored.connect(self._on_error)
        self.worker.signals.finished.connect(self._on_finished)
        self.worker.start()

    def cancel(self) -> None:
        """Stop the learning (nothing is saved), or close the dialog when idle."""
        if self.running:
            self.worker.quit()
            self.status.setText(self.tr("Stopping… nothing will be saved."))
        else:
            self.reject()

    def _on_item(self, item: Progress | Taught) -> None:
        if isinstance(item, Progress):
            self.progress.setRange(0, max(1, item.total))
            self.progress.setValue(item.done)
            self.progress.setFormat(self.tr("{done} of %n example(s)", "", item.total).format(done=item.done))
            self.status.setText(item.words(translate) + "…")
        else:
            self.result = item
            self.report.setText("<br>".join(html.escape(line) for line in item.report(translate)))

    def _on_error(self, exc: Exception) -> None:
        self.report.setText(f"<span style='color:{verdict_colour('fake').name()}'>"
                            + self.tr("<b>Not learned:</b> {error}</span><br>Nothing was saved.").format(
                                error=html.escape(str(exc))))

    def _on_finished(self) -> None:
        cancelled = self.worker is not None and self.worker.cancelled
        self.worker = None
        self.progress.hide()
        if self.result is not None:
            self.status.setText(self.tr("Done."))
            self.learn_button.hide()
            self.cancel_button.hide()
            self.close_button.show()
            self.enable_button.setVisible(not self.result.enabled)
            self.taught.emit(self.result.name)
            return
        self.status.setText(self.tr("Cancelled: nothing was saved.") if cancelled else "")
        self._set_inputs_enabled(True)

    def turn_on(self) -> None:
        """The user read why it was saved off, and turns it on anyway."""
        try:
            set_enabled(user_models_dir(), self.result.name, True)
        except UserModelError as exc:
            self.status.setText(html.escape(str(exc)))
            return
        self.enable_button.hide()
        self.status.setText(self.tr("Turned on: later scans use it."))
        self.taught.emit(self.result.name)

    def reject(self) -> None:
        if self.running:  # Esc or the window's close button while learning: stop first
            self.cancel()
            return
        super().reject()
