"""What verdicts look like: words, colours and icons shared by the card and the table.

Each verdict has a distinct icon shape (magnifier, question mark, exclamation
triangle, "AI" tag, bar, cross) as well as a colour, so nothing relies on colour
alone. Colours carry white text and stay readable on light and dark palettes. The
low band is a neutral blue, never a reassuring green: finding no signs of
generation is not proof that a file is real. The words come from
deepfake_desk.core.wording, the one place the app's verdicts are phrased, through
deepfake_desk.gui.words (the window's language).
"""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.wording import percent as core_percent
from deepfake_desk.gui.i18n import translate

# Filter and summary order: strongest first.
VERDICTS_SHOWN = (Verdict.LABELLED_AI, Verdict.FAKE, Verdict.UNCERTAIN, Verdict.REAL, Verdict.NOT_ASSESSABLE)
VERDICT_COLOURS = {Verdict.FAKE: "#c0392b", Verdict.UNCERTAIN: "#9a6700", Verdict.REAL: "#2f6690",
                   Verdict.NOT_ASSESSABLE: "#5c5f66", Verdict.NOT_ANALYSED: "#6f6a64", Verdict.LABELLED_AI: "#7b2d8e"}
EVIDENCE_LINE = QT_TRANSLATE_NOOP(
    "Style", "A score is evidence, not proof. Check the source, the context and other copies of the file before "
    "you publish.")


def percent(p: float | None) -> str:
    """A probability as the window shows it ('11%'), in the window's language."""
    return core_percent(p, translate)


def verdict_colour(verdict: str) -> QColor:
    return QColor(VERDICT_COLOURS.get(verdict, VERDICT_COLOURS[Verdict.NOT_ANALYSED]))


def _draw_glyph(painter: QPainter, verdict: str, size: float) -> None:
    """Draw the verdict's shape and mark in a size x size square at the origin."""
    colour = verdict_colour(verdict)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    m = size * 0.06
    if verdict == Verdict.LABELLED_AI:
        painter.drawRoundedRect(QRectF(m, m * 2, size - 2 * m, size - 4 * m), size * 0.18, size * 0.18)
    elif verdict == Verdict.FAKE:
        tri = QPolygonF([QPointF(size / 2, m), QPointF(size - m, size - m * 1.5), QPointF(m, size - m * 1.5)])
        path = QPainterPath()
        path.addPolygon(tri)
        path.closeSubpath()
        painter.drawPath(path)
    elif verdict == Verdict.UNCERTAIN:
        diamond = QPolygonF([QPointF(size / 2, m), QPointF(size - m, size / 2),
                             QPointF(size / 2, size - m), QPointF(m, size / 2)])
        painter.drawPolygon(diamond)
    else:
        painter.drawEllipse(QRectF(m, m, size - 2 * m, size - 2 * m))
    pen = QPen(QColor("white"), max(1.5, size * 0.12), Qt.PenStyle.SolidLine,
               Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    s = size
    if verdict == Verdict.REAL:  # a magnifier: looked, found nothing (not a tick: nothing is certified)
        painter.drawEllipse(QPointF(s * 0.44, s * 0.44), s * 0.17, s * 0.17)
        painter.drawLine(QPointF(s * 0.57, s * 0.57), QPointF(s * 0.72, s * 0.72))
    elif verdict == Verdict.NOT_ASSESSABLE:  # a bar: no verdict
        painter.drawLine(QPointF(s * 0.3, s / 2), QPointF(s * 0.7, s / 2))
    elif verdict == Verdict.FAKE:
        painter.drawLine(QPointF(s / 2, s * 0.36), QPointF(s / 2, s * 0.62))
        painter.drawPoint(QPointF(s / 2, s * 0.76))
    elif verdict in (Verdict.UNCERTAIN, Verdict.LABELLED_AI):
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(6, int(s * (0.58 if verdict == Verdict.UNCERTAIN else 0.44))))
        painter.setFont(font)
        painter.setPen(QColor("white"))
        painter.drawText(QRectF(0, 0, s, s), Qt.AlignmentFlag.AlignCenter, "?" if verdict == Verdict.UNCERTAIN else "AI")
    else:
        painter.drawLine(QPointF(s * 0.34, s * 0.34), QPointF(s * 0.66, s * 0.66))
        painter.drawLine(QPointF(s * 0.66, s * 0.34), QPointF(s * 0.34, s * 0.66))


def verdict_pixmap(verdict: str, size: int, ratio: float = 1.0) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    _draw_glyph(painter, verdict, size)
    painter.end()
    return pixmap


@lru_cache(maxsize=None)
def verdict_icon(verdict: str) -> QIcon:
    icon = QIcon()
    for size in (16, 24, 32, 48):
        icon.addPixmap(verdict_pixmap(verdict, size))
    return icon


def _draw_action(painter: QPainter, kind: str, s: float, colour: QColor) -> None:
    """Simple line icons in the palette's text colour (readable on light and dark themes)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, s / 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if kind in ("open", "folder"):
        folder = QPolygonF([QPointF(s * .1, s * .22), QPointF(s * .4, s * .22), QPointF(s * .48, s * .32),
                            QPointF(s * .9, s * .32), QPointF(s * .9, s * .82), QPointF(s * .1, s * .82)])
        painter.drawPolygon(folder)
        if kind == "folder":  # a magnifier over the folder: scan it
            painter.drawEllipse(QPointF(s * .5, s * .56), s * .14, s * .14)
            painter.drawLine(QPointF(s * .6, s * .66), QPointF(s * .74, s * .78))
        else:  # an arrow out of the folder: open
            painter.drawLine(QPointF(s * .5, s * .72), QPointF(s * .5, s * .44))
            painter.drawPolyline(QPolygonF([QPointF(s * .38, s * .55), QPointF(s * .5, s * .43), QPointF(s * .62, s * .55)]))
    elif kind == "stop":
        painter.drawEllipse(QRectF(s * .14, s * .14, s * .72, s * .72))
        painter.drawLine(QPointF(s * .36, s * .36), QPointF(s * .64, s * .64))
        painter.drawLine(QPointF(s * .64, s * .36), QPointF(s * .36, s * .64))
    elif kind == "export":
        painter.drawPolyline(QPolygonF([QPointF(s * .16, s * .55), QPointF(s * .16, s * .84), QPointF(s * .84, s * .84),
                                        QPointF(s * .84, s * .55)]))
        painter.drawLine(QPointF(s * .5, s * .14), QPointF(s * .5, s * .64))
        painter.drawPolyline(QPolygonF([QPointF(s * .34, s * .48), QPointF(s * .5, s * .64), QPointF(s * .66, s * .48)]))
    elif kind == "help":
        painter.drawEllipse(QRectF(s * .12, s * .12, s * .76, s * .76))
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(s * .5))
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(QRectF(0, 0, s, s * 1.02), Qt.AlignmentFlag.AlignCenter, "?")


def action_icon(kind: str, colour: QColor, disabled: QColor | None = None) -> QIcon:
    """A toolbar icon drawn in `colour` (and `disabled` for its greyed-out state)."""
    icon = QIcon()
    for size in (16, 24, 32):
        for mode, c in ((QIcon.Mode.Normal, colour), (QIcon.Mode.Disabled, disabled or colour)):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            _draw_action(painter, kind, size, c)
            painter.end()
            icon.addPixmap(pixmap, mode)
    return icon
