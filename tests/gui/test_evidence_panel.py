"""The evidence panel: plain-words findings, the AI-label headline, ELA on a worker thread."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core.evidence import LABELLED_AI_TEXT, read_evidence
from tests.conftest import BLUE, solid
from tests.core.test_evidence import A1111, TestSigner, jpeg_bytes, save_png, spliced_jpeg, xmp_packet


@pytest.fixture
def panel(qtbot):
    from deepfake_desk.gui.evidence_panel import EvidencePanel

    widget = EvidencePanel()
    qtbot.addWidget(widget)
    widget.resize(700, 900)
    widget.show()
    yield widget
    widget._pool.waitForDone(10_000)


def _text(panel) -> str:
    return panel.headline.text() + panel.findings.text() + panel.status.text()


def test_labelled_jpeg_shows_the_label_and_an_ela_image(panel, qtbot, tmp_path):
    path = tmp_path / "labelled.jpg"
    solid(BLUE, (160, 120)).save(path, "JPEG", quality=80, xmp=xmp_packet().encode())
    with qtbot.waitSignal(panel.ela_ready, timeout=10_000) as blocker:
        panel.show_evidence(path, read_evidence(path))
    assert blocker.args == [80]  # starts at the file's own quality
    assert panel.quality == 80
    assert LABELLED_AI_TEXT in panel.headline.text() and "IPTC/XMP metadata, a label anyone can add or remove" in panel.headline.text()
    assert "No content credentials (C2PA)" in panel.findings.text()
    assert not panel.ela_image.image().isNull() and not panel.picture.image().isNull()
    assert panel.ela_image.image().width() == 160  # small images are shown at full size


def test_the_slider_recomputes_once_after_it_settles(panel, qtbot, tmp_path):
    path = tmp_path / "spliced.jpg"
    spliced_jpeg(path)
    with qtbot.waitSignal(panel.ela_ready, timeout=10_000):
        panel.show_evidence(path)  # evidence read by the panel itself
    seen: list[int] = []
    panel.ela_ready.connect(seen.append)
    for q in (60, 75, 95):  # a drag: only the last value is computed and shown
        panel.slider.setValue(q)
    qtbot.waitUntil(lambda: seen == [95], timeout=10_000)
    qtbot.wait(400)
    assert seen == [95] and "quality 95" in panel.status.text()


def test_generator_text_is_reported_as_what_the_file_says(panel, tmp_path):
    path = save_png(tmp_path / "sd.png", {"parameters": A1111})
    panel.show_evidence(path, read_evidence(path))
    assert "The file says it was made by Stable Diffusion (AUTOMATIC1111)" in panel.headline.text()
    assert "easy to strip and to forge" in panel.findings.text()
    assert LABELLED_AI_TEXT not in panel.headline.text()
    assert "JPEG files only" in panel.status.text() and not panel.ela_box.isEnabled()


def test_signed_credentials_are_detailed(panel, qtbot, tmp_path):
    pytest.importorskip("c2pa")
    path = tmp_path / "signed.jpg"
    path.write_bytes(TestSigner("Example Labs").sign(jpeg_bytes(), "image/jpeg"))
    with qtbot.waitSignal(panel.ela_ready, timeout=10_000):
        panel.show_evidence(path, read_evidence(path))
    assert "valid content credentials" in panel.headline.text()
    assert "Signed by: Example Labs" in panel.findings.text()
    assert "created by Test Diffusion 2 (trainedAlgorithmicMedia)" in panel.findings.text()


def test_a_newer_file_wins_over_a_slower_older_one(panel, qtbot, tmp_path):
    first, second = tmp_path / "first.jpg", tmp_path / "second.jpg"
    solid(BLUE, (320, 240)).save(first, "JPEG")
    solid(BLUE, (64, 48)).save(second, "JPEG")
    shown: list[int] = []
    panel.ela_ready.connect(shown.append)
    panel.show_evidence(first)
    panel.show_evidence(second)
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=10_000)
    panel._pool.waitForDone(10_000)
    qtbot.wait(100)
    assert len(shown) == 1 and panel.path == str(second)
    assert panel.ela_image.image().width() == 64


def test_clear_and_broken_files(panel, qtbot, tmp_path):
    bad = tmp_path / "broken.jpg"
    full = jpeg_bytes()
    bad.write_bytes(full[: len(full) // 2])
    with qtbot.waitSignal(panel.ela_failed, timeout=10_000) as blocker:
        panel.show_evidence(bad)
    assert "truncated" in blocker.args[0] or "corrupt" in blocker.args[0]
    assert "Error level analysis failed" in panel.status.text()
    panel.clear()
    assert _text(panel) == "" and panel.path is None and panel.ela_image.image().isNull()
    missing = tmp_path / "gone.jpg"
    panel.show_evidence(missing)  # a file that vanished: words, not an exception
    assert "could not be read" in panel.findings.text()


def test_screenshot_for_review(panel, qtbot, tmp_path):
    """Renders the panel (kept at tests/gui/evidence_panel.png only when asked)."""
    path = tmp_path / "spliced.jpg"
    spliced_jpeg(path)
    with qtbot.waitSignal(panel.ela_ready, timeout=10_000):
        panel.show_evidence(path)
    image = panel.grab().toImage()
    assert image.width() > 300 and image.height() > 300
    shot = Path(tmp_path / "panel.png")
    assert image.save(str(shot))
    pixels = np.asarray(Image.open(shot).convert("RGB"))
    assert pixels.std() > 5  # something was drawn


def test_the_full_metadata_table_is_grouped_searchable_and_copyable(panel, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from tests.core.test_metadata_table import camera_photo

    panel.show_evidence(camera_photo(tmp_path / "paris.jpg"))
    table = panel.metadata
    groups = [table.tree.topLevelItem(i).text(0) for i in range(table.tree.topLevelItemCount())]
    assert {"EXIF", "EXIF camera settings", "GPS", "XMP", "IPTC"} <= set(groups)
    everything = table.visible_rows()
    assert ("XMP", "photoshop:City", "Paris") in everything
    assert ("EXIF camera settings", "DateTimeOriginal", "2024-05-01 10:22:33") in everything
    assert "GPS coordinates 48.858369, 2.294472" in panel.findings.text()

    table.filter.setText("paris")
    assert table.visible_rows() == [("XMP", "photoshop:City", "Paris")]
    assert table.copy() == "XMP\tphotoshop:City\tParis"
    assert QGuiApplication.clipboard().text() == "XMP\tphotoshop:City\tParis"
    table.filter.setText("gps")  # a group name matches all its fields
    assert {g for g, _, _ in table.visible_rows()} == {"GPS"} and len(table.visible_rows()) == 4
    table.filter.clear()
    assert table.visible_rows() == everything


def test_the_generator_prompt_is_shown_in_full(panel, tmp_path):
    from tests.core.test_evidence import A1111, save_png

    panel.show_evidence(save_png(tmp_path / "sd.png", {"parameters": A1111}))
    assert panel.generator_box.isVisibleTo(panel)
    assert panel.generator_text.toPlainText() == A1111
    panel.show_evidence(save_png(tmp_path / "plain.png"))
    assert not panel.generator_box.isVisibleTo(panel)
    panel.clear()
    assert not panel.metadata_box.isVisibleTo(panel)
