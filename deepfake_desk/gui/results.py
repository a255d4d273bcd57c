"""The results table: one row per scanned file, streaming in as the scan yields them.

`ResultsModel` (a QAbstractTableModel) holds the FileResults; `ResultsFilter` (a
QSortFilterProxyModel) sorts by any column on numeric keys and filters by verdict
and by text. The view never owns data: selecting a row reads its FileResult back.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.evidence import LABELLED_AI
from deepfake_desk.gui.style import percent, verdict_icon, verdict_label
from deepfake_desk.gui.widgets import human_size

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RESULT_ROLE = Qt.ItemDataRole.UserRole + 2
ERROR = "error"  # the verdict filter's key for rows that failed
_VERDICT_RANK = {LABELLED_AI: 4.0, "fake": 3.0, "uncertain": 2.0, "real": 1.0}

Index = QModelIndex | QPersistentModelIndex


def row_verdict(result: FileResult) -> str:
    """The row's verdict key: fake/uncertain/real, or 'error'."""
    return result.verdict if result.ok and result.verdict else ERROR


def file_says(result: FileResult) -> str:
    """What the file's own metadata claims about its origin, in a few words ('' if nothing)."""
    if result.generator_label:
        return f"made by {result.generator_label}"
    return result.provenance


class ResultsModel(QAbstractTableModel):
    FIXED_BEFORE = ("File", "Kind", "Size", "Verdict", "Fake probability")
    FIXED_AFTER = ("Frames", "File says", "Error")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.models: list[tuple[str, str]] = []  # (id, display name), in manifest order
        self._rows_by_path: dict[str, int] = {}
        self._counts: Counter[str] = Counter()  # kept up to date: recounting per row is O(n^2) over a scan

    # -- structure ------------------------------------------------------------
    def set_models(self, models: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self.models = list(models)
        self.endResetModel()

    @property
    def headers(self) -> list[str]:
        # "Seed CNN (3 conv blocks)" heads its column as "Seed CNN"; the tooltip has it all.
        short = (name.split(" (")[0] or name for _, name in self.models)
        return [*self.FIXED_BEFORE, *short, *self.FIXED_AFTER]

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
            return self.headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            n = len(self.FIXED_BEFORE)
            if section == n - 1:
                return "Calibrated probability that the file is fake, all models combined"
            if section == self.columnCount() - 2:
                return "What the file's metadata says about its origin (content credentials, generator labels)"
            if n <= section < n + len(self.models):
                model_id, name = self.models[section - n]
                return f"Probability of fake according to {name} alone (model id {model_id})"
        return None

    # -- content ----------------------------------------------------------------
    def add_result(self, result: FileResult) -> int:
        """Append a row (a rescanned file replaces its old row). Previews are not kept here."""
        result = replace(result, preview=[]) if result.preview else result
        existing = self._rows_by_path.get(result.path)
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
        return row

    def clear(self) -> None:
        self.beginResetModel()
        self.results.clear()
        self._rows_by_path.clear()
        self._counts.clear()
        self.endResetModel()

    def row_of(self, path: str) -> int | None:
        return self._rows_by_path.get(path)

    def counts(self) -> Counter[str]:
        """Rows per verdict key (fake, uncertain, real, labelled-ai, error)."""
        return +self._counts  # a copy without zero entries

    def _cell(self, result: FileResult, column: int) -> tuple[str, object]:
        """(display text, sort key) of one cell."""
        n_before, n_models = len(self.FIXED_BEFORE), len(self.models)
        if column == 0:
            name = os.path.basename(result.path) or result.path
            return name, name.lower()
        if column == 1:
            return result.kind.capitalize(), result.kind
        if column == 2:
            return human_size(result.size_bytes), float(result.size_bytes or 0)
        if column == 3:
            verdict = row_verdict(result)
            label = "Error" if verdict == ERROR else verdict_label(verdict)
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
            said = file_says(result)
            return said, said.lower()
        return result.error, result.error.lower()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self.results)):
            return None
        result = self.results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(result, column)[0]
        if role == SORT_ROLE:
            return self._cell(result, column)[1]
        if role == RESULT_ROLE:
            return result
        if role == Qt.ItemDataRole.DecorationRole and column == 3:
            return verdict_icon("" if row_verdict(result) == ERROR else result.verdict)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return result.path
            if column == self.columnCount() - 1 and result.error:
                return result.error
            if column == 3 and not result.ok:
                return result.error
            if column == self.columnCount() - 2 and file_says(result):
                return (f"{file_says(result)}\n(from the file's own metadata: easy to strip or forge, "
                        "see the “File metadata” tab)")
        if role == Qt.ItemDataRole.FontRole and column == 3 and result.verdict in ("fake", LABELLED_AI):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= 4 and column < self.columnCount() - 2:
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
        if self._verdicts is not None and row_verdict(result) not in self._verdicts:
            return False
        if self._text:
            haystack = (f"{result.path}\n{result.error}\n{verdict_label(result.verdict)}\n{result.kind}\n"
                        f"{file_says(result)}").lower()
            return self._text in haystack
        return True

    def result_at(self, proxy_row: int) -> FileResult | None:
        index = self.index(proxy_row, 0)
        return index.data(RESULT_ROLE) if index.isValid() else None
