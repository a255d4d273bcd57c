"""Every metadata field of a file, grouped (EXIF, GPS, XMP, IPTC, text), searchable and copyable.

Reads `Evidence.tags` only; the core decides what a field's value says in words.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core.evidence import Evidence


class MetadataTable(QWidget):
    """A two-column tree (field, value) under one node per group, with a filter line and Copy."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._apply_filter)
        self.copy_button = QPushButton()
        self.copy_button.clicked.connect(self.copy)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setMinimumHeight(160)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(True)
        QShortcut(QKeySequence.StandardKey.Copy, self.tree, self.copy, context=Qt.ShortcutContext.WidgetShortcut)
        row = QHBoxLayout()
        row.addWidget(self.filter, 1)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.tree, 1)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (Qt sends LanguageChange on a switch)."""
        self.filter.setPlaceholderText(self.tr("Search the metadata (field or value)"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the fields shown (or the selected ones) as tab-separated text"))
        self.tree.setHeaderLabels([self.tr("Field"), self.tr("Value")])
        if self.tree.topLevelItemCount() == 1 and self.tree.topLevelItem(0).childCount() == 0:
            self.tree.topLevelItem(0).setText(0, self.tr("(no metadata in this file)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_tags(self, evidence: Evidence | None) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for tag in (evidence.tags if evidence is not None else []):
            group = groups.get(tag.group)
            if group is None:
                group = groups[tag.group] = QTreeWidgetItem(self.tree, [tag.group])
                group.setFirstColumnSpanned(True)
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
            item = QTreeWidgetItem(group, [tag.name, tag.value])
            item.setToolTip(1, tag.value[:2000])
        if not groups:
            QTreeWidgetItem(self.tree, [self.tr("(no metadata in this file)"), ""])
        self.tree.expandAll()
        self._apply_filter(self.filter.text())

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            shown = 0
            for i in range(group.childCount()):
                item = group.child(i)
                hit = not needle or needle in item.text(0).lower() or needle in item.text(1).lower() \
                    or needle in group.text(0).lower()
                item.setHidden(not hit)
                shown += hit
            group.setHidden(group.childCount() > 0 and shown == 0)

    def visible_rows(self) -> list[tuple[str, str, str]]:
        """(group, field, value) of each field shown, in order."""
        rows = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                if not item.isHidden() and not group.isHidden():
                    rows.append((group.text(0), item.text(0), item.text(1)))
        return rows

    def copy(self) -> str:
        """The selected fields, or all shown, as 'group<TAB>field<TAB>value' lines on the clipboard."""
        selected = {id(item) for item in self.tree.selectedItems()}
        rows = []
        for g in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(g)
            for i in range(group.childCount()):
                item = group.child(i)
                if item.isHidden() or group.isHidden():
                    continue
                if not selected or id(item) in selected or id(group) in selected:
                    rows.append("\t".join((group.text(0), item.text(0), item.text(1))))
        text = "\n".join(rows)
        QGuiApplication.clipboard().setText(text)
        return text
