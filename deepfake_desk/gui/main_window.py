"""The main window: open files or scan folders, see verdicts, filter and export results.

The window wires its parts together and reacts to their signals on the GUI thread:
scans run in a `ScanSession` (deepfake_desk.gui.scan_session), commands are declared in
deepfake_desk.gui.actions, the table is a `ResultsPanel` (results.py), the verdict card
and the preview are their own widgets. A missing or broken model manifest is reported
in a banner and the window keeps working with what it has.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QSettings, QThreadPool, QTimer, QUrl, Qt
from PySide6.QtGui import QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk import __version__
from deepfake_desk.core import THREAD_PREFIX, media
from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.export import write_csv, write_json
from deepfake_desk.core.manifest import ManifestError
from deepfake_desk.core.preview import load_preview
from deepfake_desk.core.resources import default_manifest_path, user_models_dir
from deepfake_desk.core.user_models import list_taught
from deepfake_desk.core.wording import chance_of_fake
from deepfake_desk.gui.actions import (
    CONTEXT_MENU,
    LANGUAGE_MENU,
    build_actions,
    build_menus,
    build_toolbar,
    fill,
    language_menu,
    retranslate_actions,
    retranslate_menus,
)
from deepfake_desk.gui.dialogs import AboutDialog, HelpDialog, PreferencesDialog, diagnostics_text
from deepfake_desk.gui.evidence_panel import EvidencePanel
from deepfake_desk.gui.i18n import APP_TRANSLATION, LANGUAGES, chosen_language, translate
from deepfake_desk.gui.i18n import SETTINGS_KEY as LANGUAGE_KEY
from deepfake_desk.gui.learn_dialog import LearnDialog
from deepfake_desk.gui.share_dialogs import DetectorsDialog, export_detector, import_detector
from deepfake_desk.gui.preview import PreviewCache, PreviewPane
from deepfake_desk.gui.records import Answer, ExportRecords, ask_before_discarding
from deepfake_desk.gui import result_sets
from deepfake_desk.gui.result_sets import SetChoice
from deepfake_desk.gui.report_saver import ReportSaver
from deepfake_desk.gui.results import ResultsPanel
from deepfake_desk.gui.scan_session import ScanRequest, ScanSession, ScanSummary
from deepfake_desk.gui.verdict_card import CardModel, VerdictCard
from deepfake_desk.gui.widgets import Banner, clock, scrolling
from deepfake_desk.gui.words import score_text, shown_wording
from deepfake_desk.gui.workers import LatestOnly, Worker

# Opening this many files or fewer (no folder) keeps their previews from the first
# pass; larger scans fetch a preview when a row is selected, to bound memory.
PREVIEW_WITH_SCAN_MAX_FILES = 8


def open_file_filter() -> str:
    """The Open dialog's filter: every extension the loader reads, in both cases (a GTK
    dialog matches patterns case-sensitively, and iPhones name their photos IMG_0001.HEIC)."""
    suffixes = sorted(media.IMAGE_EXTENSIONS) + sorted(media.VIDEO_EXTENSIONS)
    patterns = " ".join(f"*{s} *{s.upper()}" for s in suffixes)
    return translate("MainWindow", "Images and videos ({patterns});;All files (*)").format(patterns=patterns)


def preview_job(result: FileResult, pool: DecodePool | None) -> FileResult:
    """The row's result with its preview pixels (decoded again in the session's decoding
    processes, waited for on a worker thread)."""
    return replace(result, preview=load_preview(result, pool=pool))


class MainWindow(QMainWindow):
    def __init__(self, manifest_path: str | os.PathLike | None = None, settings: QSettings | None = None):
        super().__init__()
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        APP_TRANSLATION.install(chosen_language(self.settings))
        self.manifest_path = Path(manifest_path) if manifest_path else default_manifest_path()
        self.detector: Detector | None = None
        self.manifest_error = ""
        self._workers: dict[object, Worker] = {}  # signals object -> running worker
        self.session = ScanSession(self)
        self.session.started.connect(self._on_scan_started)
        self.session.counted.connect(self._on_scan_counted)
        self.session.result.connect(self._on_scan_result)
        self.session.failed.connect(self._on_scan_error)
        self.session.finished.connect(self._on_scan_finished)
        self.session.refused.connect(lambda why: self.statusBar().showMessage(why, 10000))
        self._select_on_arrival: str | None = None
        self._previews = PreviewCache()
        self._preview_jobs = LatestOnly(self)
        self.last_export: Path | None = None
        self.records = ExportRecords(self.settings)
        self._reload_after_scan = False  # a detector was taught during a scan
        self.reports = ReportSaver(self, lambda: self.detector, self.records.default_folder)
        self.reports.decoding = lambda: self.session.pool
        self.reports.saved.connect(
            lambda what: self.statusBar().showMessage(self.tr("Report saved: {what}").format(what=what), 15000))
        self.reports.failed.connect(lambda why: self.statusBar().showMessage(why, 15000))
        self.reports.busy_changed.connect(self._on_report_busy)

        self._build_widgets()
        self.commands = build_actions(self)
        self._place_actions()
        self._restore_settings()
        self.retranslate()
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._update_progress)
        self._load_models()

    # -- construction -------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.banner = Banner()
        self.preview = PreviewPane()
        self.card = VerdictCard()
        self.evidence_panel = EvidencePanel()
        self.evidence_panel.decoding = self.preview.fake_map.decoding = lambda: self.session.pool

        self.results_panel = panel = ResultsPanel()
        self.results, self.proxy, self.table = panel.model, panel.proxy, panel.table
        self.verdict_filter, self.text_filter, self.summary = panel.verdict_filter, panel.text_filter, panel.summary
        panel.current_changed.connect(self._show_result)
        self.table.doubleClicked.connect(self._open_index_externally)
        self.table.customContextMenuRequested.connect(self._table_menu)

        self.top_split = QSplitter(Qt.Orientation.Horizontal)
        self.top_split.addWidget(self.preview)
        # The verdict first; what the file says about itself (metadata, ELA) one tab away,
        # filled only when looked at (ELA re-saves the whole JPEG).
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(scrolling(self.card), "")
        self.side_tabs.addTab(scrolling(self.evidence_panel, margins=12), "")
        self.side_tabs.setMinimumWidth(440)
        self.side_tabs.currentChanged.connect(self._update_evidence)
        self.top_split.addWidget(self.side_tabs)
        self.top_split.setStretchFactor(0, 1)
        self.top_split.setStretchFactor(1, 1)
        self.top_split.setSizes([560, 700])
        self.top_split.setChildrenCollapsible(False)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.addWidget(self.top_split)
        self.main_split.addWidget(panel)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([430, 330])
        self.main_split.setChildrenCollapsible(False)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(10, 8, 10, 6)
        layout.addWidget(self.banner)
        layout.addWidget(self.main_split, 1)
        self.setCentralWidget(central)

        status = self.statusBar()
        self.progress_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(260)
        self.progress.setTextVisible(True)
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self.cancel_scan)
        for w in (self.progress_label, self.progress, self.cancel_button):
            status.addPermanentWidget(w)
            w.hide()

    def _place_actions(self) -> None:
        actions = self.commands
        # The actions the window itself enables, checks or triggers.
        self.cancel_action = actions["cancel"]
        self.recursive_action = actions["recursive"]
        self.copy_result_action = actions["copy_result"]
        self.cancel_action.setEnabled(False)
        self.table.addAction(self.copy_result_action)  # its Ctrl+C works in the table only
        self.addAction(actions["find"])  # a shortcut without a menu entry
        self.menus = build_menus(self, actions)
        self.language_menu, self.language_actions = language_menu(self, self.menus["&Help"], APP_TRANSLATION.language)
        for code, action in self.language_actions.items():
            action.triggered.connect(lambda _checked=False, code=code: self.set_language(code))
        self.toolbar = build_toolbar(self, actions)

    # -- language ----------------------------------------------------------------------
    def set_language(self, language: str) -> None:
        """Switch the window to `language` and remember it; the rows and the selection stay."""
        self.settings.setValue(LANGUAGE_KEY, language)
        if not APP_TRANSLATION.install(language):
            self.statusBar().showMessage(self.tr("The translation for {language} is missing from this installation.")
                                         .format(language=LANGUAGES.get(language, language)), 10000)
        for code, action in self.language_actions.items():
            action.setChecked(code == APP_TRANSLATION.language)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Every text the window set, in the current language (Qt sends LanguageChange on a switch)."""
        self.setWindowTitle(self.tr("Deepfake Detector"))
        retranslate_actions(self.commands)
        retranslate_menus(self.menus)
        self.language_menu.setTitle(translate("Actions", LANGUAGE_MENU))
        self.toolbar.setWindowTitle(translate("Actions", "Main toolbar"))
        self.side_tabs.setTabText(0, self.tr("Verdict"))
        self.side_tabs.setTabText(1, self.tr("File metadata and error levels"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the scan (Esc); the files already done stay in the table"))
        self.results_panel.retranslate()
        self.card.retranslate()
        self.evidence_panel.retranslate()
        current = self.current_result()
        if current is not None:
            self._show_result(current)  # the card, and the preview's captions, in the new language
        else:
            self.card.show_empty()
            self.preview.clear(self.preview.empty_text())
        self._update_progress()

    def _restore_settings(self) -> None:
        self.recursive_action.setChecked(self.settings.value("recursive", True, type=bool))
        geometry = self.settings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        splitter = self.settings.value("splitter")
        if splitter is not None:
            self.main_split.restoreState(splitter)

    # -- settings --------------------------------------------------------------------
    @property
    def recursive(self) -> bool:
        return self.recursive_action.isChecked()

    def set_recursive(self, on: bool) -> None:
        self.settings.setValue("recursive", on)

    @property
    def video_frames(self) -> int:
        """Frames to sample per video; 0 means the manifest's default."""
        return max(0, self.settings.value("video_frames", 0, type=int))

    @property
    def last_folder(self) -> str:
        folder = self.settings.value("last_folder", "", type=str)
        return folder if folder and os.path.isdir(folder) else str(Path.home())

    def _remember_folder(self, path: str) -> None:
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if folder:
            self.settings.setValue("last_folder", folder)

    def focus_filter(self) -> None:
        self.text_filter.setFocus()
        self.text_filter.selectAll()

    # -- models ------------------------------------------------------------------------
    @property
    def models_ready(self) -> bool:
        """True once loading finished, with or without models."""
        return self.session.ready

    def _start(self, worker: Worker, pool: QThreadPool | None = None) -> Worker:
        self._workers[worker.signals] = worker
        worker.signals.finished.connect(self._forget_worker)
        return worker.start(pool)

    def _forget_worker(self) -> None:
        self._workers.pop(self.sender(), None)

    def _load_models(self) -> None:
        self.statusBar().showMessage(self.tr("Loading the detection models…"))
        worker = Worker(Detector.from_manifest, self.manifest_path)
        worker.signals.returned.connect(self._on_models_loaded)
        worker.signals.errored.connect(self._on_models_failed)
        self._start(worker)

    @staticmethod
    def _card_models(detector: Detector) -> list[CardModel]:
        """Every listed model in plain words, the one that counts most first, unusable ones last."""
        rows = []
        for mid in detector.model_ids:
            spec = detector.manifest.listed_spec(mid)
            rows.append(CardModel(mid, spec.plain_name if spec else mid, spec.name if spec else mid,
                                  mid in detector.shares, detector.shares.get(mid, 0.0)))
        return sorted(rows, key=lambda m: (not m.usable, -m.share))

    def _on_models_loaded(self, detector: Detector) -> None:
        self.detector = detector
        info = detector.describe()
        card_models = self._card_models(detector)
        models = [(m.id, m.name) for m in card_models]  # the table as the card: the model that counts most first
        bands = (detector.manifest.bands.t_real, detector.manifest.bands.t_fake)
        self.card.set_models(card_models, bands)
        self.preview.bands = bands
        self.preview.fake_map.detector = detector
        self.results_panel.set_models(models)
        if not detector.models:
            self.banner.show_message(
                self.tr("<b>No detection model could be loaded, so files cannot be analysed.</b>") + "<br>"
                + "<br>".join(info["problems"]), "error")
        elif detector.problems:
            self.banner.show_message(
                self.tr("<b>{broken} of %n models cannot be used;</b> verdicts use the other {usable}.", "",
                        len(models)).format(broken=len(detector.problems), usable=len(detector.models))
                + "<br>" + "<br>".join(info["problems"]))
        ready = self.tr("Ready: %n detection model(s) loaded.", "", len(detector.models))
        if detector.heads:  # the detectors the user taught and turned on decide verdicts too: say so
            ready += " " + self.tr("%n detector(s) you taught are on.", "", len(detector.heads))
        self.statusBar().showMessage(ready, 8000)
        self.session.set_detector(detector)

    def _on_models_failed(self, exc: Exception) -> None:
        self.detector = None
        reason = str(exc) if isinstance(exc, ManifestError) else f"{type(exc).__name__}: {exc}"
        self.manifest_error = reason
        self.banner.show_message(
            self.tr("<b>The detection models are missing or damaged, so files cannot be analysed.</b><br>"
                    "{reason}<br>Reinstall the app, or point DEEPFAKE_DETECTOR_MODELS at a models folder.")
            .format(reason=reason), "error")
        self.statusBar().showMessage(self.tr("No detection models loaded."))
        self.session.set_detector(None)

    # -- opening and scanning ------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Open images or videos"), self.last_folder,
            open_file_filter())
        if paths:
            self.open_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Scan a folder"), self.last_folder)
        if folder:
            self.open_paths([folder])

    def open_paths(self, paths: Sequence[str]) -> None:
        """Analyse files and/or folders: the entry for the menu, drag and drop and the command line."""
        paths = [os.fspath(p) for p in paths]
        missing = [p for p in paths if not os.path.lexists(p)]
        paths = [p for p in paths if os.path.lexists(p)]
        if missing:
            self.statusBar().showMessage(self.tr("Not found: {paths}").format(paths=", ".join(missing)), 10000)
        if not paths:
            return
        if any(os.path.isdir(p) for p in paths) and len(self.results.results) > len(self._rows_under(paths)):
            choice = result_sets.ask_add_or_new(self, self.tr("%n result(s)", "", len(self.results.results)))
            if choice is SetChoice.CANCEL:
                return
            if choice is SetChoice.NEW:
                if not self.may_discard(self.results.results, self.tr("Starting a new result set")):
                    return
                self._forget_rows()
        if not self.may_discard(self._rows_under(paths), self.tr("Scanning these files again")):
            return
        self._remember_folder(paths[0])
        only_files = not any(os.path.isdir(p) for p in paths)
        self.session.enqueue(ScanRequest(
            tuple(paths), recursive=self.recursive, frames=self.video_frames or None,
            preview=only_files and len(paths) <= PREVIEW_WITH_SCAN_MAX_FILES,
            select=paths[-1] if only_files else None))

    def _rows_under(self, paths: Sequence[str]) -> list[FileResult]:
        """The rows a scan of `paths` would replace (the same files, or files inside these folders)."""
        folders = tuple(p.rstrip(os.sep) + os.sep for p in paths if os.path.isdir(p))
        files = set(paths)
        return [r for r in self.results.results if r.path in files or r.path.startswith(folders)]

    @property
    def scanning(self) -> bool:
        return self.session.scanning

    def cancel_scan(self) -> None:
        was_running = self.session.running
        self.session.cancel()
        if was_running:
            self.progress_label.setText(self.tr("Cancelling… (finishing the file in progress)"))

    def _on_scan_started(self, request: ScanRequest) -> None:
        # "" selects the first row to arrive, so the card is never empty after a scan
        self._select_on_arrival = request.select or (None if self.results_panel.has_current() else "")
        self.cancel_action.setEnabled(True)
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.show()
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress_label.setText(self.tr("Looking for images and videos…"))
        self.statusBar().clearMessage()
        self._clock.start()

    def _on_scan_counted(self, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(0)
        self._update_progress()

    def _on_scan_result(self, item: FileResult) -> None:
        self.records.arrived(item)
        if item.preview:
            self._previews.put(item)
        else:
            self._previews.drop(item.path)  # a rescan: the old preview may be stale
        self.results_panel.add_result(item)
        current = self.current_result()
        if current is not None and current.path == item.path:
            self._show_result(current)  # the shown file was rescanned
        self._update_progress()
        select = self._select_on_arrival
        if select is not None and (select == "" or select == item.path):
            self._select_on_arrival = None
            self.select_path(item.path)

    def _on_scan_error(self, exc: Exception) -> None:
        self.banner.show_message(self.tr("<b>The scan stopped unexpectedly:</b> {error}<br>The files already done "
                                         "are kept.").format(error=f"{type(exc).__name__}: {exc}"), "error")

    def _on_scan_finished(self, summary: ScanSummary) -> None:
        self._clock.stop()
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.hide()
        self.cancel_action.setEnabled(False)
        done = summary.done
        if summary.cancelled:
            self.statusBar().showMessage(
                self.tr("Scan cancelled after {done} of %n file(s) ({time}); the finished rows are kept.", "",
                        summary.total).format(done=done, time=clock(summary.elapsed)))
        elif done == 0:
            self.statusBar().showMessage(self.tr("No images or videos found there."), 10000)
        else:
            self.statusBar().showMessage(
                self.tr("Scanned %n file(s) in {time}.", "", done).format(time=clock(summary.elapsed)))
        if self._reload_after_scan and not self.scanning:
            self._reload_after_scan = False
            self._load_models()

    def _update_progress(self) -> None:
        session = self.session
        if not session.running:
            return
        elapsed = session.elapsed
        if session.cancelling:
            self.progress_label.setText(self.tr("Cancelling… (finishing the file in progress)"))
            return
        if session.counting and self.progress.maximum() == 0:
            self.progress_label.setText(self.tr("Looking for images and videos… {time}").format(time=clock(elapsed)))
            return
        self.progress.setValue(session.done)
        text = self.tr("{done} of %n file(s)  ·  {time} elapsed", "", session.total).format(
            done=session.done, time=clock(elapsed))
        if 0 < session.done < session.total:
            left = elapsed / session.done * (session.total - session.done)
            text += self.tr("  ·  about {time} left").format(time=clock(left))
        self.progress_label.setText(text)

    def may_discard(self, results: list[FileResult], doing: str) -> bool:
        """True when `results` may be lost: all exported, or the user said so (or exported them now)."""
        pending = self.records.unexported(results)
        if not pending:
            return True
        answer = ask_before_discarding(self, self.tr("%n result(s)", "", len(pending)), doing)
        if answer is Answer.SAVE:
            path = self._export_target(self.tr("Export results to CSV"), ".csv", self.tr("CSV files (*.csv)"), pending)
            if path:
                self._export(path, lambda rows: write_csv(rows, path, self._model_ids()), pending)
            return not self.records.unexported(results)
        return answer is Answer.DISCARD

    def clear_results(self) -> None:
        if not self.may_discard(self.results.results, self.tr("Clearing the results")):
            return
        self._forget_rows()

    def _forget_rows(self) -> None:
        """Empty the table and everything kept for its rows (the caller asked about unexported ones)."""
        self.session.discard()
        self.results_panel.clear()
        self.records.forget()
        self._previews.clear()
        self.card.show_empty()
        self.preview.clear(self.preview.empty_text())

    # -- selection, verdict card and preview ------------------------------------------------
    def select_path(self, path: str) -> bool:
        return self.results_panel.select_path(path)

    def current_result(self) -> FileResult | None:
        return self.results_panel.current_result()

    def _show_result(self, result: FileResult) -> None:
        self.card.show_result(result)
        self._update_evidence()
        cached = self._previews.get(result.path)
        if cached is not None:
            self.preview.show_result(cached)
        elif not result.ok or self.detector is None:
            self.preview.show_result(result)
        else:
            # Folder scans keep no pixels: decode them again off the GUI thread. The scores are
            # in the row already, so no model runs (one analysis per file).
            self.preview.show_loading(os.path.basename(result.path))
            self._preview_jobs.request(preview_job, result, self.session.pool, on_result=self._on_preview,
                                       on_error=self._on_preview_error)

    def _update_evidence(self) -> None:
        if self.side_tabs.currentIndex() != 1:  # the metadata tab
            return
        result = self.current_result()
        if result is None or not result.ok:
            self.evidence_panel.clear()
        elif self.evidence_panel.path != result.path:
            self.evidence_panel.show_evidence(result.path, result.evidence)

    def _on_preview(self, result: FileResult) -> None:
        """`result` with its preview pixels, from `preview_job`."""
        self._previews.put(result)
        current = self.current_result()
        if current is not None and current.path == result.path:
            self.preview.show_result(result)

    def _on_preview_error(self, exc: Exception) -> None:
        self.preview.clear(self.tr("No preview: {error}").format(error=exc))

    def _open_index_externally(self, index: QModelIndex) -> None:
        result = self.results_panel.result_at(index)
        if result is not None:
            self.open_externally(result.path)

    def open_selected_externally(self) -> None:
        result = self.current_result()
        if result is not None:
            self.open_externally(result.path)

    def _table_menu(self, position) -> None:
        if self.current_result() is None:
            return
        menu = QMenu(self)
        fill(menu, self.commands, CONTEXT_MENU)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def result_summary(self, result: FileResult) -> str:
        """One file's outcome as plain text, for notes and messages."""
        if not result.ok:
            return self.tr("{path}\nCould not analyse: {error}").format(
                path=result.path, error=translate("Messages", result.error))
        wording = shown_wording(result)
        lines = [result.path,
                 self.tr("{headline}: {chance}, all models combined").format(
                     headline=wording.headline, chance=chance_of_fake(result.fake_probability, translate)),
                 *(f"- {score_text(score)}" for score in result.model_scores)]
        if result.frames:
            lines.append(self.tr("%n video frame(s) analysed", "", result.frames))
        if result.sha256:
            lines.append(f"sha256 {result.sha256}")
        lines.append(self.tr("Deepfake Detector {version}. A score is evidence, not proof.").format(
            version=__version__))
        return "\n".join(lines)

    def copy_selected_result(self) -> None:
        result = self.current_result()
        if result is not None:
            QGuiApplication.clipboard().setText(self.result_summary(result))
            self.statusBar().showMessage(self.tr("Result copied to the clipboard."), 5000)

    def copy_selected_path(self) -> None:
        result = self.current_result()
        if result is not None:
            QGuiApplication.clipboard().setText(result.path)

    def open_selected_folder(self) -> None:
        result = self.current_result()
        if result is not None:
            self.open_externally(os.path.dirname(result.path) or ".")

    def open_externally(self, path: str) -> bool:
        ok = QDesktopServices.openUrl(QUrl.fromLocalFile(path))
        if not ok:
            self.statusBar().showMessage(self.tr("No application could open {path}").format(path=path), 8000)
        return ok

    # -- drag and drop ---------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        self.dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)
        else:
            event.ignore()

    # -- export --------------------------------------------------------------------------------------
    def visible_results(self) -> list[FileResult]:
        """The rows shown, in the order shown (filters and sorting applied)."""
        return self.results_panel.visible_results()

    def _model_ids(self) -> list[str]:
        """The CSV's model columns: in manifest order, as the command line writes them."""
        return self.detector.model_ids if self.detector else [mid for mid, _ in self.results.models]

    def _export_target(self, title: str, suffix: str, pattern: str,
                       rows: list[FileResult] | None = None) -> str | None:
        if not (rows if rows is not None else self.visible_results()):
            self.statusBar().showMessage(self.tr("Nothing to export yet: open files or scan a folder first."), 8000)
            return None
        # Outside the evidence folder: the documents folder, or where the last export went.
        start = os.path.join(self.records.default_folder(), f"deepfake-scan-{time.strftime('%Y%m%d-%H%M')}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path or None

    def choose_export_csv(self) -> None:
        path = self._export_target(self.tr("Export results to CSV"), ".csv", self.tr("CSV files (*.csv)"))
        if path:
            self.export_csv(path)

    def choose_export_json(self) -> None:
        path = self._export_target(self.tr("Export results to JSON"), ".json", self.tr("JSON files (*.json)"))
        if path:
            self.export_json(path)

    def export_csv(self, path: str | os.PathLike) -> int:
        return self._export(path, lambda rows: write_csv(rows, path, self._model_ids()))

    def export_json(self, path: str | os.PathLike) -> int:
        describe = self.detector.describe() if self.detector else None
        return self._export(path, lambda rows: write_json(rows, path, describe))

    def _export(self, path: str | os.PathLike, write, rows: list[FileResult] | None = None) -> int:
        """Write `rows` (default: the rows shown) with `write`; a failure is a banner, not an exception."""
        rows = self.visible_results() if rows is None else rows
        try:
            count = write(rows)
        except OSError as exc:
            self.banner.show_message(self.tr("<b>Could not save {path}:</b> {error}").format(
                path=os.fspath(path), error=exc.strerror or exc), "error")
            return 0
        self.last_export = Path(path)
        self.records.exported(rows, path)
        total = self.results.rowCount()
        if len(rows) == total:
            said = self.tr("Exported %n row(s) to {path}", "", count)
        else:
            said = self.tr("Exported %n row(s) ({shown} of the {total} rows) to {path}", "", count)
        self.statusBar().showMessage(said.format(path=os.fspath(path), shown=len(rows), total=total), 10000)
        return count

    # -- reports -----------------------------------------------------------------------------------------
    def save_report(self) -> None:
        self.reports.choose_file_report(self.current_result())

    def save_scan_report(self) -> None:
        self.reports.choose_scan_report(self.visible_results())

    def _on_report_busy(self, busy: bool) -> None:
        for key in ("save_report", "save_scan_report"):
            self.commands[key].setEnabled(not busy)
        if busy:
            self.statusBar().showMessage(self.tr("Writing the report (the map of where the models look takes a "
                                                 "few seconds per image)…"))

    # -- dialogs ----------------------------------------------------------------------------------------
    def _problems_by_model(self) -> dict[str, str]:
        if self.detector is None:
            return {}
        return {p.model_id: p.reason for p in self.detector.problems}

    def about_dialog(self) -> AboutDialog:
        manifest = self.detector.manifest if self.detector else None
        return AboutDialog(manifest, self._problems_by_model(), self.manifest_error, self,
                           taught=list_taught(user_models_dir()))

    def learn_dialog(self) -> LearnDialog:
        dialog = LearnDialog(self.manifest_path, self.last_folder, self)
        dialog.taught.connect(self._on_taught)
        return dialog

    def show_learn(self) -> None:
        self.learn_dialog().exec()

    def _on_taught(self, name: str) -> None:
        """Load the models again so the next files get the new detector's score too."""
        if self.scanning:
            self._reload_after_scan = True
            self.statusBar().showMessage(self.tr("Your detector '{name}' is used from the next scan on.")
                                         .format(name=name), 10000)
        else:
            self._load_models()

    # -- marks and shared detectors (issue 33) ------------------------------------------------------
    def _mark(self, mark: str) -> None:
        rows = self.results_panel.selected_rows()
        count = self.results_panel.mark_selected(mark)
        for row in rows:  # a mark changes the record: an earlier export no longer holds it
            self.records.arrived(self.results.results[row])
        if count:
            self.statusBar().showMessage(self.tr("%n row(s) marked.", "", count) if mark else
                                         self.tr("%n mark(s) cleared.", "", count), 5000)

    def mark_selected_fake(self) -> None:
        self._mark("fake")

    def mark_selected_real(self) -> None:
        self._mark("real")

    def mark_selected_clear(self) -> None:
        self._mark("")

    def teach_marked_dialog(self) -> LearnDialog:
        dialog = LearnDialog(self.manifest_path, self.last_folder, self, marked=self.results.marked())
        dialog.taught.connect(self._on_taught)
        return dialog

    def show_teach_marked(self) -> None:
        self.teach_marked_dialog().exec()

    def show_detectors(self) -> None:
        dialog = DetectorsDialog(self)
        dialog.exec()
        if dialog.changed:
            self._on_taught("")

    def import_shared_detector(self) -> None:
        name = import_detector(self, self.detector.manifest if self.detector else None, self.last_folder)
        if name:
            self._on_taught(name)

    def export_shared_detector(self) -> None:
        written = export_detector(self, self.last_folder)
        if written:
            self.statusBar().showMessage(self.tr("Detector written to {path}.").format(path=written), 10000)

    def show_about(self) -> None:
        self.about_dialog().exec()

    def diagnostics(self) -> str:
        return diagnostics_text(self.detector.describe() if self.detector else None,
                                self.manifest_error or self.tr("still loading"))

    def show_help(self) -> None:
        HelpDialog(self.diagnostics(), self).exec()

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics())
        self.statusBar().showMessage(self.tr("Diagnostics copied to the clipboard."), 6000)

    def edit_preferences(self) -> None:
        default = self.detector.manifest.video_frames if self.detector else 16
        dialog = PreferencesDialog(self.recursive, self.video_frames, default, self)
        if dialog.exec():
            self.recursive_action.setChecked(dialog.recursive.isChecked())
            self.settings.setValue("video_frames", dialog.frames.value())

    # -- closing --------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.may_discard(self.results.results, self.tr("Quitting")):
            event.ignore()
            return
        self.cancel_scan()
        self.session.close()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.main_split.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def wait_for_workers(self, timeout_ms: int = 10000) -> bool:
        """Block until background work has stopped (used on exit and by tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
        ela = self.evidence_panel._pool.waitForDone(timeout_ms)  # the panel's own one-thread pool
        ok = self._preview_jobs.wait(timeout_ms) and self.preview.fake_map.wait(timeout_ms) and ela and ok
        # The core's own threads (the decoding pool's dispatcher and start-up, the folder walk) end
        # with the scan that a cancel stopped: let them end first (bounded by the deadline). Only
        # those: a library's daemon threads (Dask's offload pool after a cluster scan) live as long
        # as the process, and waiting for them held every exit for the whole deadline.
        for thread in threading.enumerate():
            if (thread.name.startswith(THREAD_PREFIX) and thread.daemon and thread is not threading.current_thread()
                    and thread.is_alive()):
                thread.join(max(0.0, deadline - time.monotonic()))
                ok = ok and not thread.is_alive()
        return ok
