"""Not assessable: computer graphics get no real/fake verdict, photographs keep theirs."""

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from benchmarks.not_assessable import FIT_KINDS, HELD_OUT_KINDS, graphics, shared_copy
from deepfake_desk.core.assessable import ANALYSIS_SIDE, _shrink, assess, picture_stats
from deepfake_desk.core.detector import Detector
from deepfake_desk.core.export import write_csv
from deepfake_desk.core.media import load_image
from deepfake_desk.core.scan import scan_paths
from deepfake_desk.core.verdict import Verdict
from tests.conftest import RED, model_entry, solid, write_manifest

SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"


@pytest.mark.parametrize("photo", sorted((SAMPLES / "real").glob("*.*g")) + sorted((SAMPLES / "fake").glob("*.png")),
                         ids=lambda p: p.name)
def test_photographs_and_generated_pictures_stay_assessable(photo):
    assert assess(load_image(photo)).assessable


# heat maps, slides, pixel art and maps are caught less often: docs/not_assessable.md
@pytest.mark.parametrize("kind", FIT_KINDS + [k for k in HELD_OUT_KINDS if k.__name__ in (
    "scatter_plot", "web_page", "outlined_cartoon", "spreadsheet")], ids=lambda k: k.__name__)
def test_drawn_graphics_are_not_assessable(kind):
    rng = np.random.default_rng(7)  # other pictures than the benchmark draws
    picture = np.asarray(kind(rng).convert("RGB"))
    verdict = assess(picture)
    assert not verdict.assessable and verdict.reason.startswith("it looks like computer graphics")
    shared = np.asarray(shared_copy(Image.fromarray(picture), np.random.default_rng(1)))
    assert not assess(shared).assessable, "a resized JPEG copy of it too"


def test_camera_grain_is_not_graphics():
    rng = np.random.default_rng(0)
    grain = np.clip(rng.normal(128, 20, (300, 400, 3)), 0, 255).astype(np.uint8)
    stats = picture_stats(grain)
    assert stats.flat_share == 0 and stats.top_colours_share < 0.01 and stats.still_share < 0.2
    assert assess(grain).assessable


@pytest.mark.parametrize("shape", [(1, 1, 3), (2, 900, 3), (700, 3, 3), (5000, 40, 3)])
def test_odd_sizes_never_crash(shape):
    got = assess(np.zeros(shape, np.uint8))
    # one flat colour, whatever its shape: not a photograph the models can judge, and it says why
    assert not got.assessable and "computer graphics" in got.reason


@pytest.mark.parametrize("factor", [2, 3, 4, 5, 6])
def test_the_shrink_is_the_exact_box_average_rounded_half_up(factor):
    # the thresholds were fitted on this average (benchmarks/not_assessable.py); OpenCV's
    # own 8-bit INTER_AREA rounds some halves down at factors 4 and 6
    rng = np.random.default_rng(factor)
    rgb = rng.integers(0, 256, (ANALYSIS_SIDE * factor + 5, ANALYSIS_SIDE * factor // 2 + 3, 3), dtype=np.uint8)
    h, w = rgb.shape[0] // factor, rgb.shape[1] // factor
    sums = rgb[: h * factor, : w * factor].reshape(h, factor, w, factor, 3).astype(np.int64).sum(axis=(1, 3))
    expected = (sums + factor * factor // 2) // (factor * factor)
    assert np.array_equal(_shrink(rgb), expected)


def test_flat_share_counts_the_8x8_blocks_of_one_colour():
    picture = np.full((64, 96, 3), 90, np.uint8)  # 8 x 12 blocks, all flat
    picture[3, 3] = (91, 90, 89)  # off by one: still flat
    picture[10, 20, 1] = 93  # block (1, 2) is no longer flat
    picture[63, 95, 2] = 0  # nor the last one
    assert picture_stats(picture).flat_share == 94 / 96


def test_a_scan_gives_graphics_not_assessable_with_the_reason(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    manifest = write_manifest(folder, [model_entry(folder, "cnn")], assessable={"enabled": True})
    detector = Detector.from_manifest(manifest, threads=1)
    files = tmp_path / "files"
    files.mkdir()
    for name, picture in graphics(FIT_KINDS[:4], 4, seed=5, shared=False):
        Image.fromarray(picture).save(files / f"{name}.png")
    Image.open(SAMPLES / "real" / "coffee.png").save(files / "coffee.jpg", quality=90)
    results = {Path(r.path).stem: r for r in scan_paths([files], detector)}
    assert {k for k, r in results.items() if r.verdict == Verdict.NOT_ASSESSABLE} == {
        "bar_chart", "line_chart", "pie_chart", "ui_screenshot"}
    chart = results["bar_chart"]
    assert chart.fake_probability is not None and chart.model_probabilities  # scores kept for reference
    assert "flat colour" in chart.not_assessable_reason or "few colours" in chart.not_assessable_reason
    assert chart.wording.headline == "Not assessable by these models"
    assert chart.wording.explanation.startswith("It looks like computer graphics")
    assert results["coffee"].verdict in (Verdict.REAL, Verdict.UNCERTAIN, Verdict.FAKE)
    out = tmp_path / "o.csv"
    write_csv(results.values(), out, detector.model_ids)
    assert out.read_text().count(",not-assessable,") == 4


def test_a_labelled_ai_file_keeps_its_label_verdict_and_the_check_can_be_off(tmp_path, detector):
    solid(RED).save(tmp_path / "flat.png")  # the fixture manifest turns the check off for its colour models
    assert detector.analyze_file(tmp_path / "flat.png").verdict == Verdict.FAKE
