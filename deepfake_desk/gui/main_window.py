"""The main window: open files or scan folders, see verdicts, filter and export results.

All detection runs in `Worker`s (deepfake_desk.gui.workers) over the core's public API; this
module only reacts to their signals on the GUI thread. A missing or broken model
manifest is reported in a banner and the window keeps working with what it has.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, QThreadPool, QTimer, QUrl, Qt
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QDragEnterEvent, QDropEvent, QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QTabWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk import __version__
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.export import write_csv, write_json
from deepfake_desk.core.manifest import ManifestError
from deepfake_desk.core.resources import default_manifest_path
from deepfake_desk.core.scan import iter_media_files, scan_paths
from deepfake_desk.gui.dialogs import AboutDialog, HelpDialog, PreferencesDialog, diagnostics_text
from deepfake_desk.gui.evidence_panel import EvidencePanel
from deepfake_desk.gui.results import ERROR, ResultsFilter, ResultsModel
from deepfake_desk.gui.style import VERDICTS_SHOWN, action_icon, percent, verdict_colour, verdict_icon, verdict_label
from deepfake_desk.gui.widgets import PreviewPane, VerdictCard, clock
from deepfake_desk.gui.workers import LatestOnly, Worker

# Opening this many files or fewer (no folder) keeps their previews from the first
# pass; larger scans fetch a preview when a row is selected, to bound memory.
PREVIEW_WITH_SCAN_MAX_FILES = 8
PREVIEW_CACHE_SIZE = 24
PREVIEW_CACHE_BYTES = 150 * 1024 * 1024


@dataclass(frozen=True)
class ScanTotal:
    """First item of a scan job: how many files it will yield."""

    files: int


def scan_job(paths: Sequence[str], detector: Detector, recursive: bool, frames: int | None, preview: bool,
             cancel: threading.Event) -> Iterator[ScanTotal | FileResult]:
    """Count the files (for the progress bar), then yield each file's result."""
    total = 0
    for _ in iter_media_files(paths, recursive):
        if cancel.is_set():
            return
        total += 1
    yield ScanTotal(total)
    yield from scan_paths(paths, detector, recursive=recursive, frames=frames, cancel=cancel, preview=preview)


def scrolling(widget: QWidget, margins: int = 0) -> QScrollArea:
    """`widget` in a frameless vertical scroll area: it scrolls rather than clips when space is short."""
    area = QScrollArea()
    if margins:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(margins, margins, margins, margins)
        layout.addWidget(widget)
        widget = holder
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class MiddleElideDelegate(QStyledItemDelegate):
    """File names keep their start and their extension when the column is narrow."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class Banner(QFrame):
    """A dismissible message above the results: model problems, failed exports."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Hide this message")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str, level: str = "warning") -> None:
        verdict = "fake" if level == "error" else "uncertain"
        colour = verdict_colour(verdict)
        # A translucent tint of the verdict colour reads on light and dark palettes.
        self.setStyleSheet(
            f"#banner {{ background: rgba({colour.red()},{colour.green()},{colour.blue()},38);"
            f" border: 1px solid {colour.name()}; border-radius: 6px; }}"
        )
        self.icon.setPixmap(verdict_icon(verdict).pixmap(20, 20))
        self.text.setText(text)
        self.show()


class MainWindow(QMainWindow):
    def __init__(self, manifest_path: str | os.PathLike | None = None, settings: QSettings | None = None):
        super().__init__()
        self.setWindowTitle("Deepfake Detector")
        self.setAcceptDrops(True)
        self.settings = settings or QSettings()
        self.manifest_path = Path(manifest_path) if manifest_path else default_manifest_path()
        self.detector: Detector | None = None
        self.manifest_error = ""
        self.models_ready = False  # True once loading finished, with or without models
        self._workers: dict[object, Worker] = {}  # signals object -> running worker
        self._queue: list[tuple[list[str], bool, str | None]] = []
        self._scan: Worker | None = None
        self._scan_total = 0
        self._scan_done = 0
        self._scan_started = 0.0
        self._select_on_arrival: str | None = None
        self._discard: object | None = None  # signals of a cleared scan, whose late rows are dropped
        self._previews: OrderedDict[str, FileResult] = OrderedDict()
        self._preview_jobs = LatestOnly(self)
        self.last_export: Path | None = None

        self._build_widgets()
        self._build_actions()
        self._restore_settings()
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

        self.results = ResultsModel(self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.results)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setItemDelegateForColumn(0, MiddleElideDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # long model names: "Seed GAN discr…"
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # arrival order until the user sorts
        self.table.setSortingEnabled(True)
        self.table.doubleClicked.connect(self._open_index_externally)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.verdict_filter = QComboBox()
        self.verdict_filter.addItem("All verdicts", None)
        for key in VERDICTS_SHOWN:
            self.verdict_filter.addItem(verdict_icon(key), verdict_label(key), {key})
        self.verdict_filter.addItem(verdict_icon(""), "Errors", {ERROR})
        self.verdict_filter.setToolTip("Show only the files with this verdict")
        self.verdict_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_verdicts(self.verdict_filter.currentData()))
        self.text_filter = QLineEdit()
        self.text_filter.setPlaceholderText("Filter by file name or error (Ctrl+F)")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self.proxy.set_text)
        self.summary = QLabel()
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        filters = QHBoxLayout()
        filters.addWidget(QLabel("Show:"))
        filters.addWidget(self.verdict_filter)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.summary, 1)
        table_panel = QWidget()
        table_layout = QVBoxLayout(table_panel)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addLayout(filters)
        table_layout.addWidget(self.table)

        self.top_split = QSplitter(Qt.Orientation.Horizontal)
        self.top_split.addWidget(self.preview)
        # The verdict first; what the file says about itself (metadata, ELA) one tab away,
        # filled only when looked at (ELA re-saves the whole JPEG).
        self.side_tabs = QTabWidget()
        self.side_tabs.setDocumentMode(True)
        self.side_tabs.addTab(scrolling(self.card), "Verdict")
        self.side_tabs.addTab(scrolling(self.evidence_panel, margins=12), "File metadata and error levels")
        self.side_tabs.setMinimumWidth(440)
        self.side_tabs.currentChanged.connect(self._update_evidence)
        self.top_split.addWidget(self.side_tabs)
        self.top_split.setStretchFactor(0, 1)
        self.top_split.setStretchFactor(1, 1)
        self.top_split.setSizes([560, 700])
        self.top_split.setChildrenCollapsible(False)
        self.main_split = QSplitter(Qt.Orientation.Vertical)
        self.main_split.addWidget(self.top_split)
        self.main_split.addWidget(table_panel)
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
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setToolTip("Stop the scan (Esc); the files already done stay in the table")
        self.cancel_button.clicked.connect(self.cancel_scan)
        for w in (self.progress_label, self.progress, self.cancel_button):
            status.addPermanentWidget(w)
            w.hide()

    def _action(self, text: str, slot, shortcut=None, icon: str | None = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if icon is not None:
            pal = self.palette()
            action.setIcon(action_icon(icon, pal.color(QPalette.ColorRole.WindowText),
                                       pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.open_action = self._action("&Open files…", self.choose_files, QKeySequence.StandardKey.Open,
                                        "open", "Analyse one or more images or videos")
        self.scan_action = self._action("&Scan folder…", self.choose_folder, "Ctrl+Shift+O", "folder",
                                        "Analyse every image and video in a folder")
        self.cancel_action = self._action("&Cancel scan", self.cancel_scan, "Esc", "stop",
                                          "Stop the scan; the files already done stay in the table")
        self.cancel_action.setEnabled(False)
        self.export_csv_action = self._action("Export &CSV…", self.choose_export_csv, "Ctrl+E",
                                              "export", "Save the rows shown to a CSV file")
        self.export_json_action = self._action("Export &JSON…", self.choose_export_json, "Ctrl+Shift+E",
                                               tip="Save the rows shown, with video frame scores, to JSON")
        self.viewer_action = self._action("Open in system &viewer", self.open_selected_externally, "Ctrl+Return",
                                          tip="Open the selected file in the system's viewer")
        self.clear_action = self._action("C&lear results", self.clear_results, "Ctrl+Shift+L")
        self.copy_result_action = self._action("&Copy result", self.copy_selected_result, QKeySequence.StandardKey.Copy,
                                               tip="Copy the selected file's verdict and scores as text")
        # Ctrl+C copies the result only from the table; elsewhere it copies selected text.
        self.copy_result_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.table.addAction(self.copy_result_action)
        self.copy_path_action = self._action("Copy &path", self.copy_selected_path)
        self.folder_action = self._action("Open containing &folder", self.open_selected_folder)
        self.prefs_action = self._action("&Preferences…", self.edit_preferences, "Ctrl+,")
        quit_action = self._action("&Quit", self.close, QKeySequence.StandardKey.Quit)
        find_action = self._action("Filter", lambda: self.text_filter.setFocus(), QKeySequence.StandardKey.Find)
        self.addAction(find_action)
        self.help_action = self._action("&How to read a verdict", self.show_help, QKeySequence.StandardKey.HelpContents,
                                        "help")
        self.about_action = self._action("&About Deepfake Detector and its models", self.show_about)
        self.copy_diag_action = self._action("&Copy diagnostics", self.copy_diagnostics)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for a in (self.open_action, self.scan_action, None, self.export_csv_action, self.export_json_action, None,
                  self.viewer_action, self.folder_action, self.copy_result_action, self.clear_action, None, quit_action):
            file_menu.addSeparator() if a is None else file_menu.addAction(a)
        scan_menu = menu.addMenu("&Scan")
        scan_menu.addAction(self.cancel_action)
        self.recursive_action = QAction("Include &sub-folders", self, checkable=True)
        self.recursive_action.toggled.connect(lambda on: self.settings.setValue("recursive", on))
        scan_menu.addAction(self.recursive_action)
        scan_menu.addAction(self.prefs_action)
        help_menu = menu.addMenu("&Help")
        for a in (self.help_action, self.copy_diag_action, None, self.about_action):
            help_menu.addSeparator() if a is None else help_menu.addAction(a)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for a in (self.open_action, self.scan_action, self.cancel_action, None, self.export_csv_action, None,
                  self.help_action):
            toolbar.addSeparator() if a is None else toolbar.addAction(a)

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

    # -- models ------------------------------------------------------------------------
    def _start(self, worker: Worker, pool: QThreadPool | None = None) -> Worker:
        self._workers[worker.signals] = worker
        worker.signals.finished.connect(self._forget_worker)
        return worker.start(pool)

    def _forget_worker(self) -> None:
        self._workers.pop(self.sender(), None)

    def _load_models(self) -> None:
        self.statusBar().showMessage("Loading the detection models…")
        worker = Worker(Detector.from_manifest, self.manifest_path)
        worker.signals.returned.connect(self._on_models_loaded)
        worker.signals.errored.connect(self._on_models_failed)
        self._start(worker)

    def _on_models_loaded(self, detector: Detector) -> None:
        self.detector = detector
        info = detector.describe()
        usable = {m["id"] for m in info["models"]}
        names = {m.id: m.name for m in detector.manifest.models}
        for entry in detector.manifest.raw.get("models", []):
            if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                names.setdefault(entry["id"], str(entry.get("name") or entry["id"]))
        models = [(mid, names.get(mid, mid)) for mid in detector.model_ids]
        bands = (detector.manifest.bands.t_real, detector.manifest.bands.t_fake)
        self.card.set_models([(mid, name, mid in usable) for mid, name in models], bands)
        self.preview.t_fake = bands[1]
        self.results.set_models(models)
        self._fit_columns()
        if not detector.models:
            self.banner.show_message(
                "<b>No detection model could be loaded, so files cannot be analysed.</b><br>"
                + "<br>".join(info["problems"]), "error")
        elif detector.problems:
            self.banner.show_message(
                f"<b>{len(detector.problems)} of {len(models)} models cannot be used;</b> verdicts use the "
                f"other {len(detector.models)}.<br>" + "<br>".join(info["problems"]))
        self.statusBar().showMessage(
            f"Ready: {len(detector.models)} detection model{'s' if len(detector.models) != 1 else ''} loaded.", 8000)
        self._finish_loading()

    def _on_models_failed(self, exc: Exception) -> None:
        self.detector = None
        reason = str(exc) if isinstance(exc, ManifestError) else f"{type(exc).__name__}: {exc}"
        self.manifest_error = reason
        self.banner.show_message(
            "<b>The detection models are missing or damaged, so files cannot be analysed.</b><br>"
            f"{reason}<br>Reinstall the app, or point DEEPFAKE_DETECTOR_MODELS at a models folder.", "error")
        self.statusBar().showMessage("No detection models loaded.")
        self._finish_loading()

    def _finish_loading(self) -> None:
        self.models_ready = True
        self._start_next_scan()

    def _fit_columns(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.table.fontMetrics()
        widest = {"File": "a-long-file-name-24.jpg", "Size": "1023.9 MB", "Verdict": "Likely fake  ",
                  "File says": "made by Stable Diff"}
        models = {name for name in self.results.headers[len(ResultsModel.FIXED_BEFORE):-len(ResultsModel.FIXED_AFTER)]}
        for column, name in enumerate(self.results.headers):
            if name == "Error":
                continue  # the last column takes the rest of the width
            sample = max(name, widest.get(name, ""), key=metrics.horizontalAdvance)
            width = metrics.horizontalAdvance(sample) + (44 if name == "Verdict" else 28)
            if name in models:  # long model names elide in the header (full name in its tooltip)
                width = min(width, metrics.horizontalAdvance("Seed GAN disc") + 28)
            header.resizeSection(column, width)

    # -- opening and scanning ------------------------------------------------------------
    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, "Open images or videos", self.last_folder,
            "Images and videos (*.jpg *.jpeg *.png *.webp *.bmp *.tif *.tiff *.gif *.mp4 *.avi *.mov *.wmv *.mkv "
            "*.webm);;All files (*)")
        if paths:
            self.open_paths(paths)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Scan a folder", self.last_folder)
        if folder:
            self.open_paths([folder])

    def open_paths(self, paths: Sequence[str]) -> None:
        """Analyse files and/or folders: the entry for the menu, drag and drop and the command line."""
        paths = [os.fspath(p) for p in paths]
        missing = [p for p in paths if not os.path.lexists(p)]
        paths = [p for p in paths if os.path.lexists(p)]
        if missing:
            self.statusBar().showMessage("Not found: " + ", ".join(missing), 10000)
        if not paths:
            return
        self._remember_folder(paths[0])
        only_files = not any(os.path.isdir(p) for p in paths)
        preview = only_files and len(paths) <= PREVIEW_WITH_SCAN_MAX_FILES
        self._queue.append((paths, preview, paths[-1] if only_files else None))
        self._start_next_scan()

    def _start_next_scan(self) -> None:
        if self._scan is not None or not self.models_ready or not self._queue:
            return
        if self.detector is None or not self.detector.models:
            self._queue.clear()
            self.statusBar().showMessage("Cannot analyse: no detection model is loaded (see the message above).",
                                         10000)
            return
        paths, preview, select = self._queue.pop(0)
        # "" selects the first row to arrive, so the card is never empty after a scan
        self._select_on_arrival = select or (None if self.table.currentIndex().isValid() else "")
        self._scan_total = self._scan_done = 0
        self._scan_started = time.monotonic()
        worker = Worker(scan_job, paths, self.detector, self.recursive, self.video_frames or None, preview,
                        pass_cancel=True)
        worker.signals.yielded.connect(self._on_scan_item)
        worker.signals.errored.connect(self._on_scan_error)
        worker.signals.finished.connect(self._on_scan_finished)
        self._scan = worker
        self.cancel_action.setEnabled(True)
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.show()
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress_label.setText("Looking for images and videos…")
        self.statusBar().clearMessage()
        self._clock.start()
        self._start(worker)

    def _on_scan_item(self, item: ScanTotal | FileResult) -> None:
        if isinstance(item, ScanTotal):
            self._scan_total = item.files
            self.progress.setRange(0, max(1, item.files))
            self.progress.setValue(0)
            self._update_progress()
            return
        if self._discard is not None and self.sender() is self._discard:
            return  # results still in flight from a scan whose rows were cleared
        self._scan_done += 1
        if item.preview:
            self._cache_preview(item)
        else:
            self._previews.pop(item.path, None)  # a rescan: the old preview may be stale
        self.results.add_result(item)
        current = self.current_result()
        if current is not None and current.path == item.path:
            self._on_current_row(self.table.currentIndex(), QModelIndex())  # the shown file was rescanned
        self._update_summary()
        self._update_progress()
        select = self._select_on_arrival
        if select is not None and (select == "" or select == item.path):
            self._select_on_arrival = None
            self.select_path(item.path)

    def _on_scan_error(self, exc: Exception) -> None:
        self.banner.show_message(f"<b>The scan stopped unexpectedly:</b> {type(exc).__name__}: {exc}<br>"
                                 "The files already done are kept.", "error")

    def _on_scan_finished(self) -> None:
        worker, self._scan = self._scan, None
        if worker is not None and worker.signals is self._discard:
            self._discard = None
        self._clock.stop()
        for w in (self.progress_label, self.progress, self.cancel_button):
            w.hide()
        self.cancel_action.setEnabled(False)
        elapsed = time.monotonic() - self._scan_started
        done = self._scan_done
        if worker is not None and worker.cancelled:
            self.statusBar().showMessage(
                f"Scan cancelled after {done} of {self._scan_total} files ({clock(elapsed)}); "
                "the finished rows are kept.")
        else:
            self.statusBar().showMessage(f"Scanned {done} file{'s' if done != 1 else ''} in {clock(elapsed)}.")
            if done == 0:
                self.statusBar().showMessage("No images or videos found there.", 10000)
        self._start_next_scan()

    def cancel_scan(self) -> None:
        self._queue.clear()
        if self._scan is not None:
            self._scan.quit()
            self.progress_label.setText("Cancelling… (finishing the file in progress)")

    @property
    def scanning(self) -> bool:
        return self._scan is not None or bool(self._queue)

    def _update_progress(self) -> None:
        if self._scan is None:
            return
        elapsed = time.monotonic() - self._scan_started
        if self._scan_total == 0 and self.progress.maximum() == 0:
            self.progress_label.setText(f"Looking for images and videos… {clock(elapsed)}")
            return
        self.progress.setValue(self._scan_done)
        text = f"{self._scan_done} of {self._scan_total} files  ·  {clock(elapsed)} elapsed"
        if 0 < self._scan_done < self._scan_total:
            left = elapsed / self._scan_done * (self._scan_total - self._scan_done)
            text += f"  ·  about {clock(left)} left"
        if self._scan.cancelled:
            text = "Cancelling… (finishing the file in progress)"
        self.progress_label.setText(text)

    def _update_summary(self) -> None:
        counts = self.results.counts()
        parts = [f"{counts[k]} {verdict_label(k)[0].lower()}{verdict_label(k)[1:]}" for k in VERDICTS_SHOWN if counts[k]]
        if counts[ERROR]:
            parts.append(f"{counts[ERROR]} error{'s' if counts[ERROR] != 1 else ''}")
        self.summary.setText("  ·  ".join(parts))

    def clear_results(self) -> None:
        if self._scan is not None:
            self._discard = self._scan.signals
        if self.scanning:
            self.cancel_scan()
        self.results.clear()
        self._update_summary()
        self.card.show_empty()
        self.preview.clear(self.preview.view.placeholder)

    # -- selection, verdict card and preview ------------------------------------------------
    def select_path(self, path: str) -> bool:
        row = self.results.row_of(path)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.results.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def current_result(self) -> FileResult | None:
        return self.proxy.result_at(self.table.currentIndex().row()) if self.table.currentIndex().isValid() else None

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        result = self.proxy.result_at(current.row()) if current.isValid() else None
        if result is None:
            return
        self.card.show_result(result)
        self._update_evidence()
        cached = self._previews.get(result.path)
        if cached is not None:
            self._previews.move_to_end(result.path)
            self.preview.show_result(cached)
        elif not result.ok or self.detector is None:
            self.preview.show_result(result)
        else:
            # Folder scans keep no pixels: analyse again with previews, off the GUI thread.
            self.preview.show_loading(os.path.basename(result.path))
            self._preview_jobs.request(self.detector.analyze_file, result.path, self.video_frames or None, True,
                                       on_result=self._on_preview, on_error=self._on_preview_error)

    def _update_evidence(self) -> None:
        if self.side_tabs.currentIndex() != 1:  # the metadata tab
            return
        result = self.current_result()
        if result is None or not result.ok:
            self.evidence_panel.clear()
        elif self.evidence_panel.path != result.path:
            self.evidence_panel.show_evidence(result.path, result.evidence)

    def _on_preview(self, result: FileResult) -> None:
        self._cache_preview(result)
        current = self.current_result()
        if current is not None and current.path == result.path:
            self.preview.show_result(result)

    def _on_preview_error(self, exc: Exception) -> None:
        self.preview.clear(f"No preview: {exc}")

    def _cache_preview(self, result: FileResult) -> None:
        self._previews[result.path] = result
        self._previews.move_to_end(result.path)
        # Bounded in count and in bytes: a video's preview frames weigh 10 MB or more.
        while len(self._previews) > 1 and (
                len(self._previews) > PREVIEW_CACHE_SIZE
                or sum(f.nbytes for r in self._previews.values() for f in r.preview) > PREVIEW_CACHE_BYTES):
            self._previews.popitem(last=False)

    def _open_index_externally(self, index: QModelIndex) -> None:
        result = self.proxy.result_at(index.row())
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
        for action in (self.viewer_action, self.folder_action, None, self.copy_result_action, self.copy_path_action):
            menu.addSeparator() if action is None else menu.addAction(action)
        menu.popup(self.table.viewport().mapToGlobal(position))

    def result_summary(self, result: FileResult) -> str:
        """One file's outcome as plain text, for notes and messages."""
        if not result.ok:
            return f"{result.path}\nCould not analyse: {result.error}"
        names = dict(self.results.models)
        scores = ", ".join(f"{names.get(mid, mid)} {percent(p)}" for mid, p in result.model_probabilities.items())
        lines = [result.path,
                 f"{verdict_label(result.verdict)}: {percent(result.fake_probability)} probability of fake "
                 f"(models: {scores})"]
        if result.frames:
            lines.append(f"{result.frames} video frames analysed")
        if result.sha256:
            lines.append(f"sha256 {result.sha256}")
        lines.append(f"Deepfake Detector {__version__}. A score is evidence, not proof.")
        return "\n".join(lines)

    def copy_selected_result(self) -> None:
        result = self.current_result()
        if result is not None:
            QGuiApplication.clipboard().setText(self.result_summary(result))
            self.statusBar().showMessage("Result copied to the clipboard.", 5000)

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
            self.statusBar().showMessage(f"No application could open {path}", 8000)
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
        return [r for r in (self.proxy.result_at(i) for i in range(self.proxy.rowCount())) if r is not None]

    def _model_ids(self) -> list[str]:
        return [mid for mid, _ in self.results.models]

    def _export_target(self, title: str, suffix: str, pattern: str) -> str | None:
        if not self.visible_results():
            self.statusBar().showMessage("Nothing to export yet: open files or scan a folder first.", 8000)
            return None
        start = os.path.join(self.last_folder, f"deepfake-scan-{time.strftime('%Y%m%d-%H%M')}{suffix}")
        path, _ = QFileDialog.getSaveFileName(self, title, start, pattern)
        if path and not path.lower().endswith(suffix):
            path += suffix
        return path or None

    def choose_export_csv(self) -> None:
        path = self._export_target("Export results to CSV", ".csv", "CSV files (*.csv)")
        if path:
            self.export_csv(path)

    def choose_export_json(self) -> None:
        path = self._export_target("Export results to JSON", ".json", "JSON files (*.json)")
        if path:
            self.export_json(path)

    def export_csv(self, path: str | os.PathLike) -> int:
        return self._export(path, lambda rows: write_csv(rows, path, self._model_ids()))

    def export_json(self, path: str | os.PathLike) -> int:
        describe = self.detector.describe() if self.detector else None
        return self._export(path, lambda rows: write_json(rows, path, describe))

    def _export(self, path: str | os.PathLike, write) -> int:
        rows = self.visible_results()
        try:
            count = write(rows)
        except OSError as exc:
            self.banner.show_message(f"<b>Could not save {os.fspath(path)}:</b> {exc.strerror or exc}", "error")
            return 0
        self.last_export = Path(path)
        self._remember_folder(os.fspath(path))
        shown = "" if len(rows) == self.results.rowCount() else f" (the {len(rows)} rows shown)"
        self.statusBar().showMessage(f"Exported {count} rows{shown} to {os.fspath(path)}", 10000)
        return count

    # -- dialogs ----------------------------------------------------------------------------------------
    def _problems_by_model(self) -> dict[str, str]:
        if self.detector is None:
            return {}
        return {p.model_id: p.reason for p in self.detector.problems}

    def about_dialog(self) -> AboutDialog:
        manifest = self.detector.manifest if self.detector else None
        return AboutDialog(manifest, self._problems_by_model(), self.manifest_error, self)

    def show_about(self) -> None:
        self.about_dialog().exec()

    def diagnostics(self) -> str:
        return diagnostics_text(self.detector.describe() if self.detector else None,
                                self.manifest_error or "still loading")

    def show_help(self) -> None:
        HelpDialog(self.diagnostics(), self).exec()

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics())
        self.statusBar().showMessage("Diagnostics copied to the clipboard.", 6000)

    def edit_preferences(self) -> None:
        default = self.detector.manifest.video_frames if self.detector else 16
        dialog = PreferencesDialog(self.recursive, self.video_frames, default, self)
        if dialog.exec():
            self.recursive_action.setChecked(dialog.recursive.isChecked())
            self.settings.setValue("video_frames", dialog.frames.value())

    # -- closing --------------------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel_scan()
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("splitter", self.main_split.saveState())
        self.settings.sync()
        super().closeEvent(event)

    def wait_for_workers(self, timeout_ms: int = 10000) -> bool:
        """Block until background work has stopped (used on exit and by tests)."""
        deadline = time.monotonic() + timeout_ms / 1000
        ok = QThreadPool.globalInstance().waitForDone(timeout_ms)
        ela = self.evidence_panel._pool.waitForDone(timeout_ms)  # the panel's own one-thread pool
        ok = self._preview_jobs.wait(timeout_ms) and ela and ok
        # A cancelled scan leaves the files it was decoding to finish in daemon threads
        # (deepfake_desk.core.scan); exiting while one is inside OpenCV aborts the process, so let
        # them end first (each is one file's work, bounded by the deadline).
        for thread in threading.enumerate():
            if thread.daemon and thread is not threading.current_thread() and thread.is_alive():
                thread.join(max(0.0, deadline - time.monotonic()))
                ok = ok and not thread.is_alive()
        return ok
