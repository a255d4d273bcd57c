"""Where the models look: windows scored on a grid, combined into a map, drawn as an overlay."""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pytest

from deepfake_desk.core import heatmap
from deepfake_desk.core.manifest import Bands
from tests.conftest import RED

SHARED_DATA = Path(os.environ.get("DEEPFAKE_SHARED_DATA", "/work/shared/data"))


def photo_with_patch(h: int = 240, w: int = 320, box: tuple[int, int, int] = (112, 160, 96)) -> np.ndarray:
    """A noisy bluish 'real photo' with a red 'fake' square pasted in (the colour models' fake)."""
    rng = np.random.default_rng(1)
    photo = np.clip(rng.normal((70, 90, 150), 25, (h, w, 3)), 0, 255).astype(np.uint8)
    y, x, side = box
    photo[y : y + side, x : x + side] = np.clip(rng.normal(RED, 10, (side, side, 3)), 0, 255).astype(np.uint8)
    return photo


def test_a_pasted_fake_patch_lights_up_more_than_the_rest(detector):
    rgb = photo_with_patch()
    fmap = heatmap.fake_map(detector, rgb)
    assert fmap.window == 48  # the colour models resize to 48 px before their 32 px crops
    assert fmap.scale == 1.0 and fmap.windows <= heatmap.MAX_WINDOWS
    full = fmap.upsampled()
    assert full.shape == (240, 320)
    inside = np.zeros(full.shape, bool)
    inside[112:208, 160:256] = True
    assert full[inside].mean() > full[~inside].mean() + 0.4
    assert full[136:184, 184:232].min() >= detector.manifest.bands.t_fake  # the patch's core: as fake as can be
    y, x = np.unravel_index(np.argmax(full), full.shape)
    assert inside[y, x]
    # far from the patch (more than a window away) the map says "no signs found"
    assert full[:40, :100].max() < detector.manifest.bands.t_real


def test_overlay_is_red_on_the_fake_part_and_leaves_the_rest_alone(detector):
    rgb = photo_with_patch()
    fmap = heatmap.fake_map(detector, rgb)
    drawn = heatmap.render_overlay(rgb, fmap, detector.manifest.bands).astype(int)
    assert drawn.shape == rgb.shape
    change = np.abs(drawn - rgb.astype(int)).sum(axis=2)
    assert change[130:190, 180:240].mean() > 20  # tinted
    assert change[:40, :100].max() == 0  # untouched where no window is suspicious


def test_overlay_colours_follow_the_verdict_bands():
    bands = Bands(t_real=0.3, t_fake=0.7)
    rgba = heatmap.overlay_colours(np.array([[0.1, 0.5, 0.9]]), bands)
    clear, amber, red = rgba[0]
    assert clear[3] == 0
    assert amber[3] > 0 and amber[1] > 100  # amber: red and green
    assert red[3] > amber[3] and red[1] < 50


def test_plan_grid_keeps_native_pixels_while_the_budget_allows():
    assert heatmap.plan_grid(512, 512, 256) == (1.0, 256, 64)  # 5 x 5 windows, a quarter-window stride
    scale, window, stride = heatmap.plan_grid(3000, 4000, 256, max_windows=48)
    assert scale < 1.0 and stride == window == 256
    h, w = round(3000 * scale), round(4000 * scale)
    assert heatmap._grid_size(h, w, window, stride) <= 48
    assert heatmap.plan_grid(100, 300, 256)[1] == 100  # smaller than a window: the window shrinks


def test_a_large_picture_is_scaled_down_and_says_so(detector):
    rgb = photo_with_patch(600, 900, (250, 400, 160))
    fmap = heatmap.fake_map(detector, rgb, max_windows=20)
    assert fmap.scale < 1.0 and fmap.windows <= 20
    assert "scaled to" in fmap.how_to_read()
    full = fmap.upsampled()
    assert full.shape == (600, 900)
    assert full[280:380, 430:530].mean() > full[:100, :200].mean() + 0.3


def test_no_model_no_map(detector):
    detector.models = []
    with pytest.raises(ValueError, match="no usable detection model"):
        heatmap.fake_map(detector, photo_with_patch())


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED_DATA / "photos/real").is_dir(), reason="the shared data set is not on this machine")
def test_measure_shipped_models_on_a_stylegan_face_pasted_into_a_photo(capsys):
    """A measurement, not a claim about the models: prints how much the face stands out."""
    from deepfake_desk.core import media
    from deepfake_desk.core.detector import Detector

    detector = Detector.from_manifest()
    photo = media.load_image(SHARED_DATA / "photos/real/opencv_building.jpg")
    face = media.load_image(SHARED_DATA / "faces/stylegan2_tpdne/fake/fake_10.jpg")
    y, x = (photo.shape[0] - face.shape[0]) // 2, (photo.shape[1] - face.shape[1]) // 3
    photo[y : y + face.shape[0], x : x + face.shape[1]] = face
    cpu = time.process_time()
    fmap = heatmap.fake_map(detector, photo)
    cpu = time.process_time() - cpu
    full = fmap.upsampled()
    inside = np.zeros(full.shape, bool)
    inside[y : y + face.shape[0], x : x + face.shape[1]] = True
    with capsys.disabled():
        print(f"\npasted face: windows {fmap.windows} of {fmap.window} px, stride {fmap.stride}, {cpu:.1f} s CPU; "
              f"map mean inside {full[inside].mean():.3f}, outside {full[~inside].mean():.3f}, peak {fmap.peak:.3f}; "
              f"whole picture {detector.analyze_image(photo).fake_probability:.3f}")
    assert full.shape == photo.shape[:2] and 0.0 <= full.min() <= full.max() <= 1.0


def test_window_is_what_each_kind_of_model_looks_at(manifest_path):
    from dataclasses import replace

    from deepfake_desk.core.manifest import load_manifest

    spec = load_manifest(manifest_path).models[0]  # 32 px crops of the picture resized to 48 px
    assert heatmap.model_window(spec) == 48
    assert heatmap.model_window(replace(spec, preprocess=replace(spec.preprocess, crop="resize",
                                                                 resize_short_side=None))) == 32
    whole = replace(spec, preprocess=replace(spec.preprocess, crop="whole", resize_short_side=None, max_side=512))
    assert heatmap.model_window(whole) == 32  # any size from 32 px up: the smallest localises best


def test_a_picture_of_one_window_says_its_map_is_one_colour(detector):
    fmap = heatmap.fake_map(detector, photo_with_patch(48, 48, (8, 8, 16)))
    assert fmap.windows == 1 and "single colour" in fmap.how_to_read()
    assert float(fmap.probabilities.min()) == float(fmap.probabilities.max())


def test_a_picture_where_nothing_stands_out_is_left_uncoloured_and_says_so(detector):
    rng = np.random.default_rng(3)
    # an evenly "uncertain" picture: every square scores about the same, in the amber band
    flat = np.clip(rng.normal((120, 90, 110), 8, (240, 320, 3)), 0, 255).astype(np.uint8)
    fmap = heatmap.fake_map(detector, flat)
    bands = detector.manifest.bands
    assert bands.t_real <= fmap.typical < bands.t_fake and not fmap.stands_out
    assert np.array_equal(heatmap.render_overlay(flat, fmap, bands), flat)  # no amber wash over everything
    assert fmap.how_to_read().startswith("Nothing stands out")


def test_only_the_square_that_stands_out_is_coloured(detector):
    rgb = photo_with_patch()
    fmap = heatmap.fake_map(detector, rgb)
    assert fmap.stands_out and fmap.peak - fmap.typical >= heatmap.STANDOUT_MARGIN
    drawn = heatmap.render_overlay(rgb, fmap, detector.manifest.bands)
    changed = np.any(drawn != rgb, axis=2)
    inside = np.zeros(changed.shape, bool)
    inside[112 - 48 : 208 + 48, 160 - 48 : 256 + 48] = True  # the patch and the squares that overlap it
    assert changed[inside].any() and not changed[~inside].any()
    assert "Only the squares that score at least" in fmap.how_to_read()


@pytest.mark.slow
def test_measure_shipped_models_on_the_bundled_samples(capsys):
    """A measurement: on how many bundled samples does a square stand out (printed, not asserted)."""
    from deepfake_desk.core import media
    from deepfake_desk.core.detector import Detector

    detector = Detector.from_manifest()
    samples = Path(__file__).resolve().parents[2] / "resources" / "samples"
    lines = []
    for path in sorted(p for p in samples.rglob("*") if p.suffix in (".png", ".jpg")):
        fmap = heatmap.fake_map(detector, media.load_image(path))
        lines.append(f"{path.relative_to(samples)}: typical {fmap.typical:.2f}, peak {fmap.peak:.2f}, "
                     f"{'stands out' if fmap.stands_out else 'nothing stands out'}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert lines
