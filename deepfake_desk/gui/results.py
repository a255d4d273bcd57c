"""The results table: one row per scanned file, streaming in as the scan yields them.

`ResultsModel` (a QAbstractTableModel) holds the FileResults; `ResultsFilter` (a
QSortFilterProxyModel) sorts by any column on numeric keys and filters by verdict
and by text; `ResultsPanel` is the view: the table with its filter line and summary.
The view never owns data: selecting a row reads its FileResult back.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core.copies import CopyFinder
from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.wording import copy_group_words
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.style import VERDICTS_SHOWN, percent, verdict_icon
from deepfake_desk.gui.widgets import human_size
from deepfake_desk.gui.words import message, verdict_label

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR = "error"  # the verdict filter's key for rows that failed
COPIES = "copies"  # ... and for the pictures that have a copy among the rows
_VERDICT_RANK = {Verdict.LABELLED_AI: 4.0, Verdict.FAKE: 3.0, Verdict.UNCERTAIN: 2.0, Verdict.REAL: 1.0}

Index = QModelIndex | QPersistentModelIndex


def row_verdict(result: FileResult) -> str:
    """The row's verdict key: fake/uncertain/real, or 'error'."""
    return result.verdict if result.ok and result.verdict else ERROR


def file_says(result: FileResult) -> str:
    """What the file's own metadata claims about its origin, in a few words ('' if nothing)."""
    if result.generator_label:
        return translate("ResultsModel", "made by {generator}").format(generator=result.generator_label)
    return message(result.provenance)


def kind_label(kind: str) -> str:
    """'image' -> 'Image', in the window's language."""
    return translate("ResultsModel", kind.capitalize()) if kind else ""


_KINDS = (QT_TRANSLATE_NOOP("ResultsModel", "Image"), QT_TRANSLATE_NOOP("ResultsModel", "Video"))


class ResultsModel(QAbstractTableModel):
    # English keys of the fixed columns (`column_of`); shown translated (`shown_headers`).
    FIXED_BEFORE = (QT_TRANSLATE_NOOP("ResultsModel", "File"), QT_TRANSLATE_NOOP("ResultsModel", "Kind"),
                    QT_TRANSLATE_NOOP("ResultsModel", "Size"), QT_TRANSLATE_NOOP("ResultsModel", "Verdict"),
                    QT_TRANSLATE_NOOP("ResultsModel", "Chance of fake"))
    FIXED_AFTER = (QT_TRANSLATE_NOOP("ResultsModel", "Frames"), QT_TRANSLATE_NOOP("ResultsModel", "Copies"),
                   QT_TRANSLATE_NOOP("ResultsModel", "File says"), QT_TRANSLATE_NOOP("ResultsModel", "Folder"),
                   QT_TRANSLATE_NOOP("ResultsModel", "Error"))
    MARK = QT_TRANSLATE_NOOP("ResultsModel", "Marked")  # the user's mark (teach from marked rows): the last column
    MARK_WORDS = {"fake": QT_TRANSLATE_NOOP("ResultsModel", "confirmed fake"),
                  "real": QT_TRANSLATE_NOOP("ResultsModel", "confirmed real")}

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.models: list[tuple[str, str]] = []  # (id, display name), the model that counts most first
        self._rows_by_path: dict[str, int] = {}
        self._counts: Counter[str] = Counter()  # kept up to date: recounting per row is O(n^2) over a scan
        self._copies = CopyFinder()  # copies of one picture among the rows, grouped as they arrive
        self._copy_group: dict[int, int] = {}  # row -> copy group

    # -- structure ------------------------------------------------------------
    def set_models(self, models: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.models = list(models)
        self.endResetModel()

    @property
    def headers(self) -> list[str]:
        # "Fake-pattern detector trained from scratch (ResNet-50, seed paper)" heads its column without the
        # bracket; the tooltip has it all.
        short = (name.split(" (")[0] or name for _, name in self.models)
        return [*self.FIXED_BEFORE, *short, *self.FIXED_AFTER, self.MARK]

    @property
    def shown_headers(self) -> list[str]:
        """The headers in the window's language (the models' plain names too)."""
        fixed = set(self.FIXED_BEFORE + self.FIXED_AFTER + (self.MARK,))
        short = [name.split(" (")[0] or name for name in (translate("Wording", n) for _, n in self.models)]
        n = len(self.FIXED_BEFORE)
        return [translate("ResultsModel", h) if h in fixed and not n <= i < n + len(short) else short[i - n]
                for i, h in enumerate(self.headers)]

    def retranslate(self) -> None:
        """Headers and cells in the current language; the rows stay as they are."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, self.columnCount() - 1))
        if self.results:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.results) - 1, self.columnCount() - 1))

    def column_of(self, header: str) -> int:
        return self.headers.index(header)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown_headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            n = len(self.FIXED_BEFORE)
            if section == n - 1:
                return self.tr("Chance that the file is fake, all models combined (calibrated on held-out data)")
            if section == self.column_of("File says"):
                return self.tr("What the file's metadata says about its origin (content credentials, generator "
                               "labels)")
            if section == self.column_of(self.MARK):
                return self.tr("Your mark: select rows, then Mark as confirmed fake or real (right-click); "
                               "Teach from marked rows learns from them")
            if n <= section < n + len(self.models):
                model_id, name = self.models[section - n]
                return self.tr("Chance of fake according to {name} alone (model id {id})").format(
                    name=translate("Wording", name), id=model_id)
            return self.shown_headers[section]
        return None

    # -- content ----------------------------------------------------------------
    def add_result(self, result: FileResult) -> int:
        """Append a row (a rescanned file replaces its old row). Previews are not kept here."""
        result = replace(result, preview=[]) if result.preview else result
        existing = self._rows_by_path.get(result.path)
        if existing is not None and not result.confirmed and self.results[existing].confirmed:
            result = replace(result, confirmed=self.results[existing].confirmed)  # a rescan keeps the user's mark
        if existing is not None:
            self._counts[row_verdict(self.results[existing])] -= 1
            self._counts[row_verdict(result)] += 1
            self.results[existing] = result
            self.dataChanged.emit(self.index(existing, 0), self.index(existing, self.columnCount() - 1))
            return existing
        row = len(self.results)
        self.beginInsertRows(QModelIndex(), row, row)
        self.results.append(result)
        self._rows_by_path[result.path] = row
        self._counts[row_verdict(result)] += 1
        self.endInsertRows()
        self._group_copies(result)
        return row

    def _group_copies(self, result: FileResult) -> None:
        """The new row's copy group, and the earlier rows' that it changed (a first copy, merged groups)."""
        changed = self._copies.add(result.picture_hash)
        self._copy_group.update(changed)
        column = self.column_of("Copies")
        for row in changed:
            self.dataChanged.emit(self.index(row, column), self.index(row, column))

    def copy_group(self, row: int) -> int | None:
        """The row's copy group (core/copies.py), None when its picture has no copy among the rows."""
        return self._copy_group.get(row)

    def clear(self) -> None:
        self.beginResetModel()
        self.results.clear()
        self._rows_by_path.clear()
        self._counts.clear()
        self._copies = CopyFinder()
        self._copy_group.clear()
        self.endResetModel()

    def set_mark(self, rows: list[int], mark: str) -> None:
        """Mark the rows "fake" or "real" (or clear with ""): kept with the results, exported as `confirmed`."""
        for row in rows:
            self.results[row] = replace(self.results[row], confirmed=mark)
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def marked(self) -> dict[str, list[str]]:
        """The marked files' paths, by mark ("fake", "real")."""
        out: dict[str, list[str]] = {"fake": [], "real": []}
        for result in self.results:
            if result.confirmed in out:
                out[result.confirmed].append(result.path)
        return out

    def row_of(self, path: str) -> int | None:
        return self._rows_by_path.get(path)

    def counts(self) -> Counter[str]:
        """Rows per verdict key (fake, uncertain, real, labelled-ai, error)."""
        return +self._counts  # a copy without zero entries

    def _cell(self, result: FileResult, column: int, row: int = -1) -> tuple[str, object]:
        """(display text, sort key) of one cell (`row`: the result's, for its copy group)."""
        n_before, n_models = len(self.FIXED_BEFORE), len(self.models)
        if column == n_before + n_models + len(self.FIXED_AFTER):
            mark = self.MARK_WORDS.get(result.confirmed)
            return (self.tr(mark) if mark else ""), result.confirmed
        if column == 0:
            name = os.path.basename(result.path) or result.path
            return name, name.lower()
        if column == 1:
            return kind_label(result.kind), result.kind
        if column == 2:
            return human_size(result.size_bytes), float(result.size_bytes or 0)
        if column == 3:
            verdict = row_verdict(result)
            label = self.tr("Error") if verdict == ERROR else verdict_label(verdict)
            return label, _VERDICT_RANK.get(verdict, 0.0) + (result.fake_probability or 0.0) / 10
        if column == 4:
            p = result.fake_probability
            return percent(p) if result.ok else "", -1.0 if p is None else p
        if n_before <= column < n_before + n_models:
            p = result.model_probabilities.get(self.models[column - n_before][0])
            return ("" if p is None else percent(p)), -1.0 if p is None else p
        if column == n_before + n_models:
            return ("" if result.frames is None else str(result.frames)), float(result.frames or 0)
        if column == n_before + n_models + 1:
            group = self.copy_group(row)
            return copy_group_words(group, translate), float(group or 0)
        if column == n_before + n_models + 2:
            said = file_says(result)
            return said, said.lower()
        if column == n_before + n_models + 3:  # the folder's full path: the view elides it at the left
            folder = os.path.dirname(result.path)
            return folder, folder.lower()
        error = message(result.error)
        return error, error.lower()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.results)):
            return None
        result = self.results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(result, column, index.row())[0]
        if role == SORT_ROLE:
            return self._cell(result, column, index.row())[1]
        if role == RESULT_ROLE:
            return result
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return verdict_icon("" if row_verdict(result) == ERROR else result.verdict)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column in (0, self.column_of("Folder")):
                return result.path
            if column == self.column_of("Error") and result.error:
                return message(result.error)
            if column == 3 and not result.ok:
                return message(result.error)
            if column == self.column_of("File says") and file_says(result):
                return self.tr("{says}\n(from the file's own metadata: easy to strip or forge, see the “File "
                               "metadata” tab)").format(says=file_says(result))
        if role == Qt.ItemDataRole.ToolTipRole and column == self.column_of("Copies") and self.copy_group(index.row()):
            return self.tr("This picture and the other files of this group are copies of one picture "
                           "(re-encoded, resized or slightly cropped)")
        if role == Qt.ItemDataRole.FontRole and column == 3 and result.verdict in (Verdict.FAKE, Verdict.LABELLED_AI):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= column < self.column_of("File says"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class ResultsFilter(QSortFilterProxyModel):
    """Sorts on each cell's numeric key; shows only the chosen verdicts and matching text."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._verdicts: set[str] | None = None  # None: all
        self._text = ""

    def set_verdicts(self, verdicts: set[str] | None) -> None:
        # begin/endFilterChange replace the deprecated invalidateFilter() in Qt 6.10+
        self.beginFilterChange()
        self._verdicts = verdicts
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.strip().lower()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        result: FileResult = model.results[source_row]
        if self._verdicts == {COPIES}:
            if model.copy_group(source_row) is None:
                return False
        elif self._verdicts is not None and row_verdict(result) not in self._verdicts:
            return False
        if self._text:
            # what the row shows and the English behind it: a filter typed in either language matches
            haystack = (f"{result.path}\n{result.error}\n{message(result.error)}\n{verdict_label(result.verdict)}\n"
                        f"{result.kind}\n{kind_label(result.kind)}\n{file_says(result)}").lower()
            return self._text in haystack
        return True

    def result_at(self, proxy_row: int) -> FileResult | None:
        index = self.index(proxy_row, 0)
        return index.data(RESULT_ROLE) if index.isValid() else None


class LeftElideDelegate(QStyledItemDelegate):
    """File names and folders keep their end when the column is narrow ("…holiday_0042.jpg"): the end
    is what tells two files of a camera or a generator apart."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class ResultsPanel(QWidget):
    """The results table over a model and its filter, with the verdict/text filters and a summary.

    `current_changed(FileResult)` fires when the selected row changes to a file.
    """

    current_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ResultsModel(self)
        self.proxy = ResultsFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = table = QTableView()
        table.setModel(self.proxy)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several rows to mark
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._left_elide = LeftElideDelegate(table)
        table.setItemDelegateForColumn(0, self._left_elide)
        table.setItemDelegateForColumn(self.model.column_of("Folder"), self._left_elide)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # arrival order until the user sorts
        table.setSortingEnabled(True)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.selectionModel().currentRowChanged.connect(self._on_current_row)

        self.verdict_filter = QComboBox()
        self.verdict_filter.addItem("", None)
        for key in VERDICTS_SHOWN:
            self.verdict_filter.addItem(verdict_icon(key), "", {key})
        self.verdict_filter.addItem(verdict_icon(Verdict.NOT_ANALYSED), "", {ERROR})
        self.verdict_filter.addItem("", {COPIES})
        self.verdict_filter.currentIndexChanged.connect(
            lambda: self.proxy.set_verdicts(self.verdict_filter.currentData()))
        self.text_filter = QLineEdit()
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.textChanged.connect(self.proxy.set_text)
        self.summary = QLabel()
        self.summary.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.show_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.show_label)
        filters.addWidget(self.verdict_filter)
        filters.addWidget(self.text_filter, 1)
        filters.addWidget(self.summary, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(table)
        self.retranslate()

    def retranslate(self) -> None:
        """Every text of the panel in the current language; rows, filters and selection stay."""
        self.verdict_filter.setItemText(0, self.tr("All verdicts"))
        for i, key in enumerate(VERDICTS_SHOWN, start=1):
            self.verdict_filter.setItemText(i, verdict_label(key))
        self.verdict_filter.setItemText(len(VERDICTS_SHOWN) + 1, self.tr("Errors"))
        self.verdict_filter.setItemText(len(VERDICTS_SHOWN) + 2, self.tr("Copies of one picture"))
        self.verdict_filter.setToolTip(self.tr("Show only the files with this verdict"))
        self.text_filter.setPlaceholderText(self.tr("Filter by file name or error (Ctrl+F)"))
        self.show_label.setText(self.tr("Show:"))
        self.model.retranslate()
        self.fit_columns()
        self.update_summary()

    # -- columns -------------------------------------------------------------------
    def set_models(self, models: list[tuple[str, str]]) -> None:
        folder = self.model.column_of("Folder")
        self.table.setItemDelegateForColumn(folder, None)  # the column moves with the number of models
        self.model.set_models(models)
        self.table.setItemDelegateForColumn(self.model.column_of("Folder"), self._left_elide)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Each column as wide as its header (never cut) or a typical cell, whichever is wider."""
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        widest = {"File": "a-long-file-name-24.jpg", "Size": "1023.9 MB",
                  "Verdict": max((verdict_label(v) for v in VERDICTS_SHOWN), key=metrics.horizontalAdvance),
                  "File says": "made by Stable Diff", "Folder": "…/photos/2026-12-06"}
        for column, (name, shown) in enumerate(zip(self.model.headers, self.model.shown_headers)):
            if name == self.model.MARK:
                continue  # the last column takes the rest of the width
            # room for the sort arrow beside the header text, and for the icon beside a verdict
            width = max(metrics.horizontalAdvance(shown) + 34,
                        metrics.horizontalAdvance(widest.get(name, "")) + (44 if name == "Verdict" else 20))
            header.resizeSection(column, width)

    # -- rows ----------------------------------------------------------------------
    def summary_text(self) -> str:
        counts = self.model.counts()
        parts = [self.tr("{count} {verdict}").format(count=counts[k], verdict=verdict_label(k)[0].lower()
                                                     + verdict_label(k)[1:]) for k in VERDICTS_SHOWN if counts[k]]
        if counts[ERROR]:
            parts.append(self.tr("%n error(s)", "", counts[ERROR]))
        return "  ·  ".join(parts)

    def update_summary(self) -> None:
        self.summary.setText(self.summary_text())

    def add_result(self, result: FileResult) -> None:
        self.model.add_result(result)
        self.update_summary()

    def clear(self) -> None:
        self.model.clear()
        self.update_summary()

    def select_path(self, path: str) -> bool:
        row = self.model.row_of(path)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def has_current(self) -> bool:
        return self.table.currentIndex().isValid()

    def current_result(self) -> FileResult | None:
        index = self.table.currentIndex()
        return self.proxy.result_at(index.row()) if index.isValid() else None

    def result_at(self, index: QModelIndex) -> FileResult | None:
        return self.proxy.result_at(index.row()) if index.isValid() else None

    def selected_rows(self) -> list[int]:
        """The selected rows, as rows of the model (not of the sorted, filtered view)."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return sorted(r for r in rows if r >= 0)

    def mark_selected(self, mark: str) -> int:
        """Mark the selected rows (see ResultsModel.set_mark); returns how many."""
        rows = self.selected_rows()
        self.model.set_mark(rows, mark)
        return len(rows)

    def visible_results(self) -> list[FileResult]:
        """The rows shown, in the order shown (filters and sorting applied)."""
        return [r for r in (self.proxy.result_at(i) for i in range(self.proxy.rowCount())) if r is not None]

    def _on_current_row(self, current: QModelIndex, previous: QModelIndex) -> None:
        result = self.result_at(current)
        if result is not None:
            self.current_changed.emit(result)
