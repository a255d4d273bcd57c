"""File > Save report… and File > Save scan report…: the case file from the window.

Gathering a report reads the pictures again and draws their maps (the map scores
each picture square by square: seconds per image), so it runs on a worker thread; the PDF is then laid out on the GUI thread (Qt's
text layout wants it) and the HTML written beside it. One report at a time.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.report import Report, result_report, scan_report, write_html
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.workers import Worker
from deepfake_desk.report_pdf import write_pdf

REPORT_FILTERS = QT_TRANSLATE_NOOP("ReportSaver", "PDF document (*.pdf);;Web page, self-contained (*.html)")


def write_report(report: Report, out: str) -> int | None:
    """Write `report` as PDF or HTML, as the file name says, in the window's language; returns the
    PDF's pages (None for HTML)."""
    if out.lower().endswith((".html", ".htm")):
        write_html(report, out, translate)
        return None
    return write_pdf(report, out, translate)


def scanned_folder(rows: list[FileResult]) -> str:
    """What the scan covered, for the report's summary: the folder all rows share."""
    try:
        return os.path.commonpath([os.path.abspath(r.path) for r in rows]) if rows else ""
    except ValueError:  # different drives
        return translate("ReportSaver", "files from several drives")


class ReportSaver(QObject):
    """Asks where to save, builds the report off the GUI thread, writes it, says so."""

    saved = Signal(str)  # what was written ("report.pdf (3 pages)")
    failed = Signal(str)  # why not, in plain words
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget, detector: Callable[[], Detector | None], folder: Callable[[], str]):
        super().__init__(parent)
        self._parent, self._detector, self._folder = parent, detector, folder
        self._worker: Worker | None = None
        self._out = ""
        self.decoding: Callable[[], DecodePool | None] = lambda: None  # where its pictures decode (the app's pool)

    @property
    def busy(self) -> bool:
        return self._worker is not None

    def _target(self, title: str, stem: str) -> str | None:
        start = os.path.join(self._folder(), f"{stem}.pdf")
        path, chosen = QFileDialog.getSaveFileName(self._parent, title, start, self.tr(REPORT_FILTERS))
        if path and not path.lower().endswith((".pdf", ".html", ".htm")):
            path += ".html" if "html" in chosen else ".pdf"
        return path or None

    def choose_file_report(self, result: FileResult | None) -> None:
        if result is None:
            self.failed.emit(self.tr("Select a file in the results first: its report is saved."))
            return
        stem = os.path.splitext(os.path.basename(result.path))[0]
        out = self._target(self.tr("Save the verification report"), f"report-{stem}")
        if out:
            self.save_file_report(result, out)

    def choose_scan_report(self, rows: list[FileResult]) -> None:
        if not rows:
            self.failed.emit(self.tr("Nothing to report yet: open files or scan a folder first."))
            return
        out = self._target(self.tr("Save the scan report"), "scan-report")
        if out:
            self.save_scan_report(rows, out)

    def save_file_report(self, result: FileResult, out: str) -> bool:
        """The report of a row already analysed: its own scores, no second analysis."""
        return self._start(out, lambda detector, r, pool: result_report(detector, r, pool=pool), result)

    def save_scan_report(self, rows: list[FileResult], out: str) -> bool:
        return self._start(out, lambda detector, r, pool: scan_report(detector, r, [scanned_folder(r)], pool=pool),
                           list(rows))

    def _start(self, out: str, build: Callable[..., Report], what) -> bool:
        detector = self._detector()
        if detector is None or not detector.models:
            self.failed.emit(self.tr("The detection models are not loaded: no report can be made."))
            return False
        if self.busy:
            self.failed.emit(self.tr("A report is already being written; wait until it is saved."))
            return False
        self._out = out
        self._worker = Worker(build, detector, what, self.decoding())
        self._worker.signals.returned.connect(self._on_built)
        self._worker.signals.errored.connect(self._on_error)
        self._worker.signals.finished.connect(self._on_finished)
        self.busy_changed.emit(True)
        self._worker.start()
        return True

    def _on_built(self, report: Report) -> None:
        try:
            pages = write_report(report, self._out)
            self.saved.emit(self._out if pages is None else self.tr("{path} (%n page(s))", "", pages).format(
                path=self._out))
        except OSError as exc:
            self.failed.emit(self.tr("Could not save {path}: {error}").format(path=self._out, error=exc.strerror or exc))

    def _on_error(self, exc: Exception) -> None:
        self.failed.emit(self.tr("The report could not be made: {error}").format(error=exc))

    def _on_finished(self) -> None:
        self._worker = None
        self.busy_changed.emit(False)
