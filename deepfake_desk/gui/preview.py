"""The media preview: the image with its scored faces, or a video's sampled frames.

`PreviewPane` shows the picture, or a video's frame above a strip of all sampled
frames with the most suspicious ones highlighted, and under it the "Show where the
models look" switch. `PreviewCache` keeps the last few
files' preview pixels, bounded in count and bytes.
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPixmap
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.media import MAX_FRAME_SHORT_SIDE
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.gui.frame_chart import FrameScoreChart
from deepfake_desk.gui.fake_map_toggle import FakeMapToggle
from deepfake_desk.core.wording import chance_of_fake
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.style import percent, verdict_colour
from deepfake_desk.gui.widgets import clock, rgb_to_pixmap

PREVIEW_CACHE_SIZE = 24
PREVIEW_CACHE_BYTES = 150 * 1024 * 1024


class PreviewCache:
    """The preview pixels of the files shown last, bounded in count and in bytes
    (a video's preview frames weigh 10 MB or more)."""

    def __init__(self, size: int = PREVIEW_CACHE_SIZE, max_bytes: int = PREVIEW_CACHE_BYTES):
        self.size, self.max_bytes = size, max_bytes
        self._items: OrderedDict[str, FileResult] = OrderedDict()

    def get(self, path: str) -> FileResult | None:
        item = self._items.get(path)
        if item is not None:
            self._items.move_to_end(path)
        return item

    def put(self, result: FileResult) -> None:
        self._items[result.path] = result
        self._items.move_to_end(result.path)
        while len(self._items) > 1 and (len(self._items) > self.size or self.nbytes() > self.max_bytes):
            self._items.popitem(last=False)

    def drop(self, path: str) -> None:
        self._items.pop(path, None)

    def clear(self) -> None:
        self._items.clear()

    def nbytes(self) -> int:
        return sum(f.nbytes for r in self._items.values() for f in r.preview)

    def __len__(self) -> int:
        return len(self._items)


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
    """A video's sampled frames side by side, the most suspicious first; those that look
    fake on their own are outlined. Each is labelled with its time and chance of fake."""

    frame_clicked = Signal(int)  # position of the frame in time order

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.frames: list[QPixmap] = []  # in time order
        self.probabilities: list[float] = []
        self.times: list[float] = []
        self.order: list[int] = []  # frame positions as drawn: worst first
        self.highlighted: list[int] = []
        self.current = -1
        self.setFixedHeight(78)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Left/Right step through the frames
        self.setAccessibleName(self.tr("Sampled video frames, most suspicious first"))

    def set_frames(self, frames: list[QPixmap], probabilities: list[float], times: list[float],
                   highlighted: list[int], current: int, worst: list[int] = ()) -> None:
        """`worst`: the result's worst frames, worst first; they lead, then the rest by score."""
        self.frames, self.probabilities, self.times = frames, probabilities, times
        self.highlighted, self.current = highlighted, current
        leading = [i for i in worst if 0 <= i < len(frames)]
        rest = sorted((i for i in range(len(frames)) if i not in leading),
                      key=lambda i: (-(probabilities[i] if i < len(probabilities) else -1.0), i))
        self.order = leading + rest
        self.setToolTip(self.tr("Sampled frames, the most suspicious first. Outlined: frames that look fake on their "
                                "own. Click one to view it; the chart above shows them in time order."))
        self.update()

    def _cell_width(self) -> float:
        return self.width() / max(1, len(self.frames))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(event.key())
        cell = self.order.index(self.current) if self.current in self.order else -1
        if step and cell >= 0 and 0 <= cell + step < len(self.order):
            self.frame_clicked.emit(self.order[cell + step])
        else:
            super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        if self.frames:
            cell = int(event.position().x() // self._cell_width())
            if 0 <= cell < len(self.order):
                self.frame_clicked.emit(self.order[cell])

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
        for slot, i in enumerate(self.order):
            pixmap = self.frames[i]
            rect = QRectF(slot * cell + 2, 2, cell - 4, thumb_h - 2)
            scaled = pixmap.size().scaled(rect.size().toSize(), Qt.AspectRatioMode.KeepAspectRatioByExpanding)
            source = QRectF((scaled.width() - rect.width()) / 2 * pixmap.width() / max(1, scaled.width()),
                            (scaled.height() - rect.height()) / 2 * pixmap.height() / max(1, scaled.height()),
                            rect.width() * pixmap.width() / max(1, scaled.width()),
                            rect.height() * pixmap.height() / max(1, scaled.height()))
            painter.drawPixmap(rect, pixmap, source)
            if i in self.highlighted:
                painter.setPen(QPen(verdict_colour(Verdict.FAKE), 3))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            if i == self.current:
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine))
                painter.drawRect(rect.adjusted(-1, -1, 1, 1))
            score = percent(self.probabilities[i]) if i < len(self.probabilities) else ""
            label = " · ".join(p for p in (clock(self.times[i]) if i < len(self.times) else "", score) if p)
            if painter.fontMetrics().horizontalAdvance(label) > cell - 2:
                label = score  # narrow cells keep the score; the chart above has the times
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(slot * cell, thumb_h, cell, 16), Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class PreviewPane(QWidget):
    """The image (scored faces outlined), or a video's frame above a strip of all sampled frames."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = ImageView()
        self.view.placeholder = self.empty_text()
        self.strip = FrameStrip()
        self.chart = FrameScoreChart()
        self.caption = QLabel()
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.chart)
        layout.addWidget(self.strip)
        self.fake_map = FakeMapToggle()
        layout.addWidget(self.fake_map)
        self.strip.frame_clicked.connect(self.show_frame)
        self.chart.frame_clicked.connect(self.show_frame)
        self.fake_map.overlay_ready.connect(self._on_overlay)
        self._result: FileResult | None = None
        self._frames: list[QPixmap] = []
        self.bands = (0.3, 0.7)  # the manifest's (t_real, t_fake), set by the window once the models are loaded
        self.clear()

    def clear(self, message: str | None = None) -> None:
        self._result, self._frames = None, []
        if message is not None:
            self.view.placeholder = message
        self.view.set_pixmap(None)
        self.strip.hide()
        self.chart.hide()
        self.caption.hide()
        self.fake_map.show_for(None, None)

    def empty_text(self) -> str:
        """What the pane says before any file is shown, in the current language."""
        return self.tr("Open an image or video (Ctrl+O), or drop files or folders onto this window.")

    def show_loading(self, name: str) -> None:
        self.clear(self.tr("Loading the preview of {name}…").format(name=name))

    def show_result(self, result: FileResult) -> None:
        """Show the preview frames that came with `result` (kept by a scan with `preview`, or
        from core.preview.load_preview)."""
        self.clear(self.tr("No preview available.") if result.ok else self.tr("No preview: the file could not be read."))
        if not result.preview:
            return
        self._result = result
        self._frames = [rgb_to_pixmap(f) for f in result.preview]
        if result.kind == "video" and len(self._frames) > 1:
            self.strip.show()
            self.chart.show()
            self.caption.show()
            self.show_frame(result.worst_frames[0] if result.worst_frames else 0)
        else:
            self.show_frame(0)
        self.fake_map.show_for(result, result.preview[0])

    def _on_overlay(self, path: str, rgb: np.ndarray | None) -> None:
        """The picture with (or, None, without) the where-the-models-look overlay."""
        result = self._result
        if result is None or result.path != path or result.kind != "image" or not self._frames:
            return
        self.view.set_pixmap(rgb_to_pixmap(rgb) if rgb is not None else self._frames[0], self._face_boxes(0))

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
                          self.tr("face: {chance}").format(chance=chance_of_fake(p, translate))))
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
        outlined = [i for i, p in enumerate(probs) if p >= self.bands[1]] or result.worst_frames[:1]
        self.strip.set_frames(self._frames, probs, result.frame_times, outlined, index, result.worst_frames)
        self.chart.set_scores(result.frame_times, probs, self.bands, index, result.fake_stretch)
        when = clock(result.frame_times[index]) if index < len(result.frame_times) else "?"
        caption = self.tr("Frame {number} of {count} at {time}").format(number=index + 1, count=len(self._frames),
                                                                        time=when)
        if index < len(probs):
            caption = self.tr("{caption}: {chance}").format(caption=caption, chance=chance_of_fake(probs[index],
                                                                                                 translate))
        if result.worst_frames and index == result.worst_frames[0]:
            caption = self.tr("{caption} (most suspicious)").format(caption=caption)
        self.caption.setText(caption)

