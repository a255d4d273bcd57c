"""The results table's Copies column and filter: copies of one picture grouped as the rows arrive."""

import io

import numpy as np
from PIL import Image

from deepfake_desk.core.copies import picture_hash
from deepfake_desk.core.detector import FileResult
from deepfake_desk.gui.results import ResultsPanel
from tests.conftest import photo_like


def _jpeg(rgb: np.ndarray) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=70)
    return np.asarray(Image.open(buffer).convert("RGB"))


def test_copies_are_grouped_and_filtered_as_rows_arrive(qtbot):
    panel = ResultsPanel()
    qtbot.addWidget(panel)
    rng = np.random.default_rng(4)
    first, other = photo_like(rng, 256), photo_like(rng, 256)
    pictures = {"a.png": first, "b.png": other, "c.jpg": _jpeg(first), "d.mp4": None}
    column = panel.model.column_of("Copies")
    for name, rgb in pictures.items():
        panel.add_result(FileResult(path=f"/scan/{name}", kind="image" if rgb is not None else "video",
                                    verdict="real", fake_probability=0.1,
                                    picture_hash=None if rgb is None else picture_hash(rgb)))
        if name == "b.png":  # no copy yet
            assert panel.model.index(0, column).data() == ""
    cells = [panel.model.index(row, column).data() for row in range(4)]
    assert cells == ["Copy group 1", "", "Copy group 1", ""]
    panel.verdict_filter.setCurrentIndex(panel.verdict_filter.findText("Copies of one picture"))
    assert [r.path for r in panel.visible_results()] == ["/scan/a.png", "/scan/c.jpg"]
    panel.verdict_filter.setCurrentIndex(0)
    assert len(panel.visible_results()) == 4
    panel.clear()
    panel.add_result(FileResult(path="/scan/e.png", kind="image", picture_hash=picture_hash(first)))
    assert panel.model.index(0, column).data() == ""  # a new scan: earlier rows are gone
