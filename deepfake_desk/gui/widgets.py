"""Small widgets and helpers shared by the window's parts: pixmaps, sizes, clocks, banners."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QToolButton, QVBoxLayout, QWidget

from deepfake_desk.core.verdict import Verdict
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.style import verdict_colour, verdict_icon


def rgb_to_pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copy: the QImage must not outlive the array


def human_size(n: int | None) -> str:
    """'1.5 MB' (Indonesian: '1,5 MB'), with the decimal sign of the window's locale."""
    if n is None:
        return ""
    size = float(n)
    locale = QLocale()
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            if unit == "bytes":
                return translate("Widgets", "{count} bytes").format(count=locale.toString(int(size)))
            return f"{locale.toString(size, 'f', 1)} {unit}"
        size /= 1024
    return ""


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


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


class Banner(QFrame):
    """A dismissible message above the results: model problems, failed exports."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("banner")
        self.icon = QLabel()
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = self._close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Hide this message"))
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._close.setToolTip(self.tr("Hide this message"))
        super().changeEvent(event)

    def show_message(self, text: str, level: str = "warning") -> None:
        verdict = Verdict.FAKE if level == "error" else Verdict.UNCERTAIN
        colour = verdict_colour(verdict)
        # A translucent tint of the verdict colour reads on light and dark palettes.
        self.setStyleSheet(
            f"#banner {{ background: rgba({colour.red()},{colour.green()},{colour.blue()},38);"
            f" border: 1px solid {colour.name()}; border-radius: 6px; }}"
        )
        self.icon.setPixmap(verdict_icon(verdict).pixmap(20, 20))
        self.text.setText(text)
        self.show()
