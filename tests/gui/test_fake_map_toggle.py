"""The "Show where the models look" switch: computed off the GUI thread, drawn over the preview."""

from __future__ import annotations

import numpy as np
from PIL import Image
from PySide6.QtGui import QImage

from tests.core.test_heatmap import photo_with_patch
from tests.gui.conftest import wait_idle


def shown_pixels(view) -> np.ndarray:
    image = view.pixmap().toImage().convertToFormat(QImage.Format.Format_RGB888)
    w, h = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(h, image.bytesPerLine())
    return rows[:, : 3 * w].reshape(h, w, 3).copy()  # a copy: the QImage is freed on return


def test_switch_draws_the_map_over_the_picture_and_off_again(qtbot, window, tmp_path):
    path = tmp_path / "pasted.png"
    Image.fromarray(photo_with_patch()).save(path)
    window.open_paths([str(path)])
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: window.preview.view.pixmap() is not None, timeout=10_000)
    plain = shown_pixels(window.preview.view)
    toggle = window.preview.fake_map
    assert toggle.isVisible() and toggle.check.isEnabled() and not toggle.note.isVisible()

    toggle.check.setChecked(True)
    qtbot.waitUntil(lambda: str(path) in toggle.maps(), timeout=20_000)
    qtbot.waitUntil(lambda: "Red marks" in toggle.note.text(), timeout=5_000)
    drawn = shown_pixels(window.preview.view)
    assert drawn.shape == plain.shape
    change = np.abs(drawn.astype(int) - plain.astype(int)).sum(axis=2)
    h, w = change.shape
    patch = change[int(h * 136 / 240): int(h * 184 / 240), int(w * 184 / 320): int(w * 232 / 320)]
    assert patch.mean() > 20 and change[: h // 6, : w // 4].max() == 0  # only the fake part is tinted

    toggle.check.setChecked(False)
    assert np.array_equal(shown_pixels(window.preview.view), plain)
    assert not toggle.note.isVisible()


def test_switch_is_off_for_videos_and_failed_files(qtbot, window, tmp_path):
    bad = tmp_path / "broken.jpg"
    bad.write_text("not a picture")
    window.open_paths([str(bad)])
    wait_idle(qtbot, window)
    assert not window.preview.fake_map.isVisible()
