"""The verdict card and the media preview: what a journalist looks at for one file.

`VerdictCard` shows the plain-language verdict, the fused probability on a bar with
the verdict bands drawn on it, one bar per manifest model and the "evidence, not
proof" line. `PreviewPane` shows the image, or a video's sampled frames as a strip
with the most suspicious frames highlighted. Both only ever read a FileResult.
"""

from __future__ import annotations

import html
import os

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.media import MAX_FRAME_SHORT_SIDE
from deepfake_desk.gui.style import (
    EVIDENCE_LINE,
    VERDICT_EXPLANATIONS,
    percent,
    verdict_colour,
    verdict_label,
    verdict_pixmap,
)


def rgb_to_pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb, dtype=np.uint8)
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copy: the QImage must not outlive the array


def human_size(n: int | None) -> str:
    if n is None:
        return ""
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return ""


def clock(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class ProbabilityBar(QWidget):
    """A 0-100% bar. With bands, the real/uncertain/fake zones are drawn under the value."""

    def __init__(self, bands: tuple[float, float] | None = None, compact: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self._value: float | None = None
        self.bands = bands
        self.compact = compact
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)

    def sizeHint(self) -> QSize:
        return QSize(240, 12 if self.compact else 48)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self.setAccessibleDescription("no score" if value is None else f"{value * 100:.0f} percent fake")
        self.update()

    def set_bands(self, bands: tuple[float, float] | None) -> None:
        self.bands = bands
        self.update()

    def _colour_for(self, p: float) -> QColor:
        t_real, t_fake = self.bands or (0.3, 0.7)
        return verdict_colour("fake" if p >= t_fake else "real" if p < t_real else "uncertain")

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        track_h = 10 if self.compact else 16
        track = QRectF(0.5, 0.5 if self.compact else 5.5, self.width() - 1, track_h)
        radius = track_h / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Mid).lighter(115) if self.compact else pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, radius, radius)
        w = track.width()
        value = None if self._value is None else min(1.0, max(0.0, self._value))
        if self.bands and not self.compact:
            # The scale: three tinted zones, the one holding the score tinted strongest,
            # and a knob at the score (a fill would hide the zones it covers).
            t_real, t_fake = self.bands
            painter.save()
            path = QPainterPath()
            path.addRoundedRect(track, radius, radius)
            painter.setClipPath(path)
            for lo, hi, verdict in ((0.0, t_real, "real"), (t_real, t_fake, "uncertain"), (t_fake, 1.0, "fake")):
                tint = verdict_colour(verdict)
                inside = value is not None and (lo <= value < hi or (hi == 1.0 and value == 1.0))
                tint.setAlpha(150 if inside else 55)
                painter.setBrush(tint)
                painter.drawRect(QRectF(track.left() + lo * w, track.top(), (hi - lo) * w, track.height()))
            painter.restore()
        elif value is not None:
            painter.setBrush(self._colour_for(value))
            painter.drawRoundedRect(QRectF(track.left(), track.top(), max(track_h, value * w), track_h), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(track, radius, radius)
        if self.bands and not self.compact:
            t_real, t_fake = self.bands
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            for t in (t_real, t_fake):
                x = track.left() + t * w
                painter.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()))
            if value is not None:
                knob_w = 10.0
                x = min(max(track.left() + value * w, track.left() + knob_w / 2), track.right() - knob_w / 2)
                knob = QRectF(x - knob_w / 2, track.top() - 4, knob_w, track.height() + 8)
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 2))
                painter.setBrush(self._colour_for(value))
                painter.drawRoundedRect(knob, 3, 3)
            font = QFont(self.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            # Labels centred under their zone, but kept inside the bar and apart from each
            # other: a manifest's bands can make a zone 1% wide (t_real = 0.01).
            metrics = painter.fontMetrics()
            label_top = track.bottom() + 6
            height = self.height() - label_top
            real_w, fake_w = metrics.horizontalAdvance("likely real"), metrics.horizontalAdvance("likely fake")
            real_x = min(max(track.left(), track.left() + t_real * w / 2 - real_w / 2), track.right() - real_w)
            fake_x = max(min(track.right() - fake_w, track.left() + (1 + t_fake) * w / 2 - fake_w / 2), track.left())
            mid_w = metrics.horizontalAdvance("uncertain")
            mid_x = track.left() + (t_real + t_fake) * w / 2 - mid_w / 2
            mid_x = min(max(mid_x, real_x + real_w + 6), fake_x - mid_w - 6)
            for x, text in ((real_x, "likely real"), (mid_x, "uncertain"), (fake_x, "likely fake")):
                painter.drawText(QRectF(x, label_top, metrics.horizontalAdvance(text) + 1, height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.end()


class ImageView(QWidget):
    """A pixmap scaled to fit, centred, with outlined boxes over it and a placeholder when empty."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._pixmap: QPixmap | None = None
        self.boxes: list[tuple[QRectF, QColor, str]] = []  # in pixmap pixels
        self.placeholder = ""
        self.setMinimumSize(200, 150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_pixmap(self, pixmap: QPixmap | None, boxes: list[tuple[QRectF, QColor, str]] | None = None) -> None:
        self._pixmap = pixmap
        self.boxes = boxes or []
        self.update()

    def pixmap(self) -> QPixmap | None:
        return self._pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self._pixmap is None or self._pixmap.isNull():
            # An empty view doubles as the drop zone: a dashed outline invites files.
            painter.setPen(QPen(self.palette().color(QPalette.ColorRole.Mid), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(4, 4, -4, -4), 10, 10)
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect().adjusted(24, 24, -24, -24),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.placeholder)
            return
        scaled = self._pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        x = (self.width() - scaled.width()) / 2
        y = (self.height() - scaled.height()) / 2
        painter.drawPixmap(QRectF(x, y, scaled.width(), scaled.height()), self._pixmap, QRectF(self._pixmap.rect()))
        f = scaled.width() / max(1, self._pixmap.width())
        for box, colour, label in self.boxes:
            rect = QRectF(x + box.x() * f, y + box.y() * f, box.width() * f, box.height() * f)
            painter.setPen(QPen(QColor("white"), 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(rect)
            painter.setPen(QPen(colour, 2))
            painter.drawRect(rect)
            if label:
                metrics = painter.fontMetrics()
                tag = QRectF(rect.left(), rect.top() - metrics.height() - 4,
                             metrics.horizontalAdvance(label) + 10, metrics.height() + 4)
                if tag.top() < y:
                    tag.moveTop(rect.top())
                painter.fillRect(tag, colour)
                painter.setPen(QColor("white"))
                painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class FrameStrip(QWidget):
    """A video's sampled frames side by side; the most suspicious ones are outlined."""

    frame_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frames: list[QPixmap] = []
        self.probabilities: list[float] = []
        self.highlighted: list[int] = []
        self.current = -1
        self.setFixedHeight(74)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Left/Right step through the frames
        self.setAccessibleName("Sampled video frames")

    def set_frames(self, frames: list[QPixmap], probabilities: list[float], highlighted: list[int], current: int) -> None:
        self.frames, self.probabilities, self.highlighted, self.current = frames, probabilities, highlighted, current
        self.setToolTip("Sampled frames, in time order. Outlined: frames that look fake on their own. Click one to view it.")
        self.update()

    def _cell_width(self) -> float:
        return self.width() / max(1, len(self.frames))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(event.key())
        if step and 0 <= self.current + step < len(self.frames):
            self.frame_clicked.emit(self.current + step)
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if self.frames:
            index = int(event.position().x() // self._cell_width())
            if 0 <= index < len(self.frames):
                self.frame_clicked.emit(index)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        cell = self._cell_width()
        font = QFont(self.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.8))
        painter.setFont(font)
        thumb_h = self.height() - 18
        for i, pixmap in enumerate(self.frames):
            rect = QRectF(i * cell + 2, 2, cell - 4, thumb_h - 2)
            scaled = pixmap.size().scaled(rect.size().toSize(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            source = QRectF((scaled.width() - rect.width()) / 2 * pixmap.width() / max(1, scaled.width()),
                            (scaled.height() - rect.height()) / 2 * pixmap.height() / max(1, scaled.height()),
                            rect.width() * pixmap.width() / max(1, scaled.width()),
                            rect.height() * pixmap.height() / max(1, scaled.height()))
            painter.drawPixmap(rect, pixmap, source)
            if i in self.highlighted:
                painter.setPen(QPen(verdict_colour("fake"), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            if i == self.current:
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
            if i < len(self.probabilities):
                painter.setPen(pal.color(QPalette.ColorRole.WindowText))
                painter.drawText(QRectF(i * cell, thumb_h, cell, 16), Qt.AlignmentFlag.AlignCenter,
                                 percent(self.probabilities[i]))
        painter.end()


class PreviewPane(QWidget):
    """The image (scored faces outlined), or a video's frame above a strip of all sampled frames."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = ImageView()
        self.view.placeholder = "Open an image or video (Ctrl+O), or drop files or folders onto this window."
        self.strip = FrameStrip()
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.strip)
        self.strip.frame_clicked.connect(self.show_frame)
        self._result: FileResult | None = None
        self._frames: list[QPixmap] = []
        self.t_fake = 0.7  # the manifest's band, set by the window once the models are loaded
        self.clear()

    def clear(self, message: str | None = None) -> None:
        self._result, self._frames = None, []
        if message is not None:
            self.view.placeholder = message
        self.view.set_pixmap(None)
        self.strip.hide()
        self.caption.hide()

    def show_loading(self, name: str) -> None:
        self.clear(f"Loading the preview of {name}…")

    def show_result(self, result: FileResult) -> None:
        """Show the preview frames that came with `result` (from analyze_file(..., preview=True))."""
        self.clear("No preview available." if result.ok else "No preview: the file could not be read.")
        if not result.preview:
            return
        self._result = result
        self._frames = [rgb_to_pixmap(f) for f in result.preview]
        if result.kind == "video" and len(self._frames) > 1:
            self.strip.show()
            self.caption.show()
            self.show_frame(result.worst_frames[0] if result.worst_frames else 0)
        else:
            self.show_frame(0)

    def _face_boxes(self, index: int) -> list[tuple[QRectF, QColor, str]]:
        """The faces the models scored in frame `index`, in preview pixels, labelled with their score."""
        result = self._result
        if result is None or not result.faces or not result.width or not result.height:
            return []
        # Faces are boxed in the analysed picture; the preview is that picture shrunk.
        # Shorter sides compare correctly even when EXIF turned the picture.
        analysed_short = min(result.width, result.height)
        if result.kind == "video":
            analysed_short = min(analysed_short, MAX_FRAME_SHORT_SIDE)
        f = min(result.preview[index].shape[:2]) / analysed_short
        boxes = []
        for face in result.faces:
            if face.get("frame", 0) != index:
                continue
            x, y, w, h = face["box"]
            p = face.get("fake_probability")
            boxes.append((QRectF(x * f, y * f, w * f, h * f), QColor(self.palette().color(QPalette.ColorRole.Highlight)),
                          f"face: {percent(p)} fake"))
        return boxes

    def show_frame(self, index: int) -> None:
        result = self._result
        if result is None or not (0 <= index < len(self._frames)):
            return
        self.view.set_pixmap(self._frames[index], self._face_boxes(index))
        if result.kind != "video" or len(self._frames) < 2:
            return
        probs = result.frame_probabilities
        # Outline every frame that looks fake on its own (what "n of N frames look fake"
        # counts), and at least the most suspicious one.
        outlined = [i for i, p in enumerate(probs) if p >= self.t_fake] or result.worst_frames[:1]
        self.strip.set_frames(self._frames, probs, outlined, index)
        when = clock(result.frame_times[index]) if index < len(result.frame_times) else "?"
        score = f": {percent(probs[index])} fake" if index < len(probs) else ""
        tag = " (most suspicious)" if result.worst_frames and index == result.worst_frames[0] else ""
        self.caption.setText(f"Frame {index + 1} of {len(self._frames)} at {when}{score}{tag}")


class VerdictCard(QFrame):
    """The verdict for one file, in plain words, with the scores behind it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdictCard")
        # palette(...) keeps the card readable in dark mode: no hard-coded backgrounds.
        self.setStyleSheet(
            "#verdictCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
        )
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.badge = QFrame()
        self.badge.setObjectName("verdictBadge")
        self.badge_icon = QLabel()
        self.verdict_label = QLabel()
        big = self.verdict_label.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.9)
        self.verdict_label.setFont(big)
        badge_layout = QHBoxLayout(self.badge)
        badge_layout.setContentsMargins(12, 6, 16, 6)
        badge_layout.setSpacing(10)
        badge_layout.addWidget(self.badge_icon)
        badge_layout.addWidget(self.verdict_label)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)

        self.fused_caption = QLabel("Probability of fake, all models combined")
        self.fused_value = QLabel()
        self.fused_value.setFont(self._bold())
        self.fused_bar = ProbabilityBar(bands=(0.3, 0.7))
        self.fused_bar.setAccessibleName("Probability of fake, all models combined")

        self.models_caption = QLabel("Each model")
        self.models_caption.setFont(self._bold())
        self.models_grid = QGridLayout()
        self.models_grid.setHorizontalSpacing(10)
        self.models_grid.setVerticalSpacing(6)
        self.models_grid.setColumnStretch(1, 1)
        self.model_bars: dict[str, ProbabilityBar] = {}
        self.model_values: dict[str, QLabel] = {}
        self._scores_visible = False

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence = QLabel(EVIDENCE_LINE)
        self.evidence.setWordWrap(True)
        italic = self.evidence.font()
        italic.setItalic(True)
        self.evidence.setFont(italic)
        self.evidence.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        fused_row = QHBoxLayout()
        fused_row.addWidget(self.fused_caption, 1)
        fused_row.addWidget(self.fused_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(badge_row)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addLayout(fused_row)
        layout.addWidget(self.fused_bar)
        layout.addWidget(self.models_caption)
        layout.addLayout(self.models_grid)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(self.evidence)
        self.show_empty()

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def set_models(self, models: list[tuple[str, str, bool]], bands: tuple[float, float]) -> None:
        """One bar per manifest model: (id, display name, usable)."""
        while self.models_grid.count():
            item = self.models_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.model_bars.clear()
        self.model_values.clear()
        self.fused_bar.set_bands(bands)
        for row, (model_id, name, usable) in enumerate(models):
            label = QLabel(name)
            label.setToolTip(f"model id: {model_id}")
            bar = ProbabilityBar(bands=bands, compact=True)
            bar.setAccessibleName(f"{name}: probability of fake")
            value = QLabel("" if usable else "not available")
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance("not available"))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not usable:
                label.setEnabled(False)
                bar.setEnabled(False)
            self.models_grid.addWidget(label, row, 0)
            self.models_grid.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.models_grid.addWidget(value, row, 2)
            self.model_bars[model_id] = bar
            self.model_values[model_id] = value
        self._show_scores(self._scores_visible)

    def verdict_text(self) -> str:
        return self.verdict_label.text()

    def _set_badge(self, verdict: str, text: str) -> None:
        self.badge.show()
        self.verdict_label.setText(text)
        self.badge_icon.setPixmap(verdict_pixmap(verdict, 34, self.devicePixelRatioF()))
        colour = verdict_colour(verdict).name()
        self.badge.setStyleSheet(
            f"#verdictBadge {{ background: {colour}; border-radius: 8px; }} #verdictBadge QLabel {{ color: white; }}"
        )

    def _show_scores(self, visible: bool) -> None:
        """Scores are hidden, not shown empty, when there are none (no file, or it failed)."""
        self._scores_visible = visible
        for w in (self.fused_caption, self.fused_value, self.fused_bar, self.models_caption):
            w.setVisible(visible)
        for i in range(self.models_grid.count()):
            widget = self.models_grid.itemAt(i).widget()
            if widget is not None:
                widget.setVisible(visible)
        self.models_caption.setVisible(visible and bool(self.model_bars))

    def _reset_scores(self) -> None:
        self.fused_bar.set_value(None)
        self.fused_value.setText("–")
        for model_id, bar in self.model_bars.items():
            bar.set_value(None)
            if bar.isEnabled():
                self.model_values[model_id].setText("–")

    def show_empty(self) -> None:
        self.title.setText("No file selected")
        self.meta.setText("Open a file or scan a folder; select a row to see its verdict here.")
        self._set_badge("", "")
        self.badge.hide()
        self.explanation.setText("")
        self.details.setText("")
        self._reset_scores()
        self._show_scores(False)

    def show_result(self, result: FileResult) -> None:
        self.title.setText(os.path.basename(result.path) or result.path)
        self.title.setToolTip(result.path)
        meta = [result.kind.capitalize() if result.kind else "Unknown type"]
        if result.width and result.height:
            meta.append(f"{result.width} × {result.height} px")
        if result.size_bytes is not None:
            meta.append(human_size(result.size_bytes))
        if result.frames:
            meta.append(f"{result.frames} frames analysed")
        self.meta.setText("  ·  ".join(meta))
        self._reset_scores()
        self._show_scores(result.ok)
        if not result.ok:
            self._set_badge("", "Could not analyse")
            self.explanation.setText(f"<b>Problem:</b> {html.escape(result.error)}")
            self.details.setText("")
            return
        self._set_badge(result.verdict, verdict_label(result.verdict))
        self.explanation.setText(VERDICT_EXPLANATIONS.get(result.verdict, ""))
        self.fused_bar.set_value(result.fake_probability)
        self.fused_value.setText(percent(result.fake_probability))
        for model_id, bar in self.model_bars.items():
            p = result.model_probabilities.get(model_id)
            if bar.isEnabled():
                bar.set_value(p)
                self.model_values[model_id].setText(percent(p))
        lines = []
        if result.kind == "video" and result.frames:
            share = result.fake_frame_share or 0.0
            judged = round(share * result.frames)
            line = f"{judged} of {result.frames} sampled frames look fake."
            if result.worst_frames and result.frame_times:
                worst = result.worst_frames[0]
                line += (f" The most suspicious frame is at {clock(result.frame_times[worst])} "
                         f"({percent(result.frame_probabilities[worst])}).")
            if result.verdict != "fake" and share >= 0.25:
                # A mean hides a partly manipulated video: say so where it cannot be missed.
                line += " Part of this video looks manipulated: check the outlined frames."
            lines.append(line)
        lines.extend(n[0].upper() + n[1:] + "." for n in result.notes if n)
        if result.generator_label:
            lines.append(f"The file says it was made by {result.generator_label} (see “File metadata”).")
        elif result.provenance:
            lines.append(f"Provenance: {result.provenance} (see “File metadata”).")
        self.details.setText("<br>".join(html.escape(line) for line in lines))
