"""The "Where the models look" switch under the preview: computes a FakeMap off the GUI thread.

Scoring a grid of windows takes seconds to a minute with the shipped models, so the
map is computed only when the switch is on, on its own thread (`LatestOnly`: moving
through rows quickly never queues the rows already left), and kept for the last few
files. The preview draws the translucent overlay this widget hands it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
import numpy as np
from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.heatmap import FakeMap, fake_map, render_overlay
from deepfake_desk.core.preview import load_picture
from deepfake_desk.core.wording import chance_of_fake
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.workers import LatestOnly

MAP_CACHE_SIZE = 8


def fake_map_for_file(detector: Detector, path: str, pool: DecodePool | None = None) -> tuple[str, FakeMap]:
    """(path, the map of the image file at full resolution): the preview is too small to score.
    The file is decoded in `pool` (the app's decoding processes) when given."""
    return path, fake_map(detector, load_picture(path, pool))


class FakeMapToggle(QWidget):
    """A check box and a line of text; emits `overlay_ready(path, rgb)` with the picture to show.

    `show_for(result, preview_rgb)` is called whenever the preview changes; the widget
    decides whether a map is wanted (switch on, an image, models loaded) and asks for it.
    """

    overlay_ready = Signal(str, object)  # path, preview-sized RGB with the overlay (None: plain picture)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.detector: Detector | None = None
        self.decoding: Callable[[], DecodePool | None] = lambda: None  # the app's decoding processes, if any
        self.check = QCheckBox()
        self._video = False
        self.note = QLabel(objectName="fakeMapNote")
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.check)
        layout.addWidget(self.note)
        self._jobs = LatestOnly(self)
        self._maps: OrderedDict[str, FakeMap] = OrderedDict()
        self._path: str | None = None  # the image shown
        self._requested: str | None = None  # the last map asked for
        self._preview: np.ndarray | None = None
        self.check.toggled.connect(self._refresh)
        self.note.hide()
        self.retranslate()

    def retranslate(self) -> None:
        """The fixed texts in the current language (Qt sends LanguageChange on a switch)."""
        self.check.setText(self.tr("Show where the models look"))
        self.check.setToolTip(self.tr("The map is drawn for images only.") if self._video else
                              self.tr("Scores the picture square by square and colours the squares the models find "
                                      "generated. Takes a few seconds to a minute."))
        if self.note.isVisible() and self._path in self._maps and self._preview is not None:
            self._draw(self._path, self._maps[self._path])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def maps(self) -> dict[str, FakeMap]:
        return dict(self._maps)

    def show_for(self, result: FileResult | None, preview_rgb: np.ndarray | None) -> None:
        is_image = result is not None and result.ok and result.kind == "image" and preview_rgb is not None
        self._path = result.path if is_image else None
        self._preview = preview_rgb if is_image else None
        self.setVisible(result is not None and result.ok)
        self.check.setEnabled(is_image)
        self._video = result is not None and result.kind == "video"
        self.retranslate()
        self._refresh()

    def _refresh(self, *_args) -> None:
        path = self._path
        if not self.check.isChecked() or path is None:
            self.note.hide()
            if path is not None:
                self.overlay_ready.emit(path, None)
            return
        self.note.show()
        if path in self._maps:
            self._draw(path, self._maps[path])
            return
        if self.detector is None or not self.detector.models:
            self.note.setText(self.tr("The map needs the detection models, which are not loaded."))
            return
        self.note.setText(self.tr("Scoring the picture square by square…"))
        self._requested = path
        self._jobs.request(fake_map_for_file, self.detector, path, self.decoding(), on_result=self._on_map,
                           on_error=self._on_error)

    def _on_map(self, done: tuple[str, FakeMap]) -> None:
        path, fmap = done
        self._maps[path] = fmap
        self._maps.move_to_end(path)
        while len(self._maps) > MAP_CACHE_SIZE:
            self._maps.popitem(last=False)
        if path == self._path and self.check.isChecked():
            self._draw(path, fmap)

    def _on_error(self, exc: Exception) -> None:
        if self._requested == self._path:
            self.note.setText(self.tr("The map could not be made: {error}").format(error=exc))

    def _draw(self, path: str, fmap: FakeMap) -> None:
        assert self.detector is not None and self._preview is not None
        self.note.setText(self.tr("Most suspicious square: {chance}. {how_to_read}").format(
            chance=chance_of_fake(fmap.peak, translate), how_to_read=fmap.how_to_read(translate))
            if fmap.stands_out or fmap.windows == 1 else fmap.how_to_read(translate))
        self.overlay_ready.emit(path, render_overlay(self._preview, fmap, self.detector.manifest.bands))

    def wait(self, timeout_ms: int = 10000) -> bool:
        return self._jobs.wait(timeout_ms)
