"""A video's score over time: one point per sampled frame, the verdict bands behind them.

A video is as suspicious as its worst stretch, not its average, so the journalist
must see *when* the frames look fake. Drawn with QPainter (PySide6-Essentials has no
QtCharts); clicking a point shows that frame.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from deepfake_desk.core.verdict import Verdict
from deepfake_desk.gui.style import verdict_colour
from deepfake_desk.gui.widgets import clock

_LEFT, _RIGHT, _TOP, _BOTTOM = 34.0, 8.0, 6.0, 16.0  # room for the axis labels


class FrameScoreChart(QWidget):
    """Chance of fake (0-100%) of each sampled frame against its time in the video."""

    frame_clicked = Signal(int)  # position of the frame in time order

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.times: list[float] = []
        self.scores: list[float] = []
        self.bands: tuple[float, float] = (0.3, 0.7)
        self.stretch: tuple[float, float] | None = None  # (start, end) seconds of the stretch that looks fake
        self.current = -1
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(92)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (Qt sends LanguageChange on a switch)."""
        self.setAccessibleName(self.tr("Chance of fake of each sampled frame over time"))
        self.setToolTip(self.tr("Each point is a sampled frame: its chance of fake (up) at its time in the video "
                                "(across). Points in the top band look fake on their own. Click one to view it."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(400, 92)

    def set_scores(self, times: list[float], scores: list[float], bands: tuple[float, float], current: int,
                   stretch: tuple[float, float] | None = None) -> None:
        n = min(len(times), len(scores))
        self.times, self.scores, self.bands, self.current = list(times[:n]), list(scores[:n]), bands, current
        self.stretch = stretch
        self.update()

    def stretch_rect(self) -> QRectF | None:
        """Where the fake stretch is shaded (None: the video has none)."""
        if self.stretch is None or not self.times:
            return None
        plot = self._plot()
        start, end = self._span()
        x0, x1 = (plot.left() + (t - start) / (end - start) * plot.width() for t in self.stretch)
        return QRectF(x0 - 4, plot.top(), max(8.0, x1 - x0 + 8), plot.height())

    def set_current(self, index: int) -> None:
        self.current = index
        self.update()

    # -- geometry -------------------------------------------------------------------
    def _plot(self) -> QRectF:
        return QRectF(_LEFT, _TOP, max(10.0, self.width() - _LEFT - _RIGHT), max(10.0, self.height() - _TOP - _BOTTOM))

    def _span(self) -> tuple[float, float]:
        start, end = (min(self.times), max(self.times)) if self.times else (0.0, 1.0)
        return start, end if end > start else start + 1.0

    def point(self, index: int) -> QPointF:
        """Where frame `index` is drawn, in widget pixels."""
        plot = self._plot()
        start, end = self._span()
        x = plot.left() + (self.times[index] - start) / (end - start) * plot.width() if len(self.times) > 1 \
            else plot.center().x()
        y = plot.bottom() - min(1.0, max(0.0, self.scores[index])) * plot.height()
        return QPointF(x, y)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.times:
            return
        x = event.position().x()
        nearest = min(range(len(self.times)), key=lambda i: abs(self.point(i).x() - x))
        self.frame_clicked.emit(nearest)

    # -- drawing ----------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        plot = self._plot()
        t_real, t_fake = self.bands
        for lo, hi, verdict in ((0.0, t_real, Verdict.REAL), (t_real, t_fake, Verdict.UNCERTAIN),
                                (t_fake, 1.0, Verdict.FAKE)):
            tint = verdict_colour(verdict)
            tint.setAlpha(40)
            top = plot.bottom() - hi * plot.height()
            painter.fillRect(QRectF(plot.left(), top, plot.width(), (hi - lo) * plot.height()), tint)
        stretch = self.stretch_rect()
        if stretch is not None:  # the frames that make the video fake, behind the points
            tint = verdict_colour(Verdict.FAKE)
            tint.setAlpha(70)
            painter.fillRect(stretch, tint)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.drawRect(plot)
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        painter.setPen(pal.color(QPalette.ColorRole.WindowText))
        for value in (0.0, 0.5, 1.0):
            y = plot.bottom() - value * plot.height()
            painter.drawText(QRectF(0, y - 8, _LEFT - 4, 16), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{value * 100:.0f}%")
        if not self.times:
            painter.end()
            return
        start, end = self._span()
        painter.drawText(QRectF(plot.left(), plot.bottom() + 1, 60, _BOTTOM), Qt.AlignmentFlag.AlignLeft, clock(start))
        painter.drawText(QRectF(plot.right() - 60, plot.bottom() + 1, 60, _BOTTOM), Qt.AlignmentFlag.AlignRight,
                         clock(end))
        line = QPainterPath(self.point(0))
        for i in range(1, len(self.times)):
            line.lineTo(self.point(i))
        painter.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(line)
        for i, score in enumerate(self.scores):
            verdict = Verdict.FAKE if score >= t_fake else Verdict.REAL if score < t_real else Verdict.UNCERTAIN
            radius = 5.0 if i == self.current else 3.5
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 1.5))
            painter.setBrush(QColor(verdict_colour(verdict)))
            painter.drawEllipse(self.point(i), radius, radius)
        if 0 <= self.current < len(self.times):
            x = self.point(self.current).x()
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        painter.end()
