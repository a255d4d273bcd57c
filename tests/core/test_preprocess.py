"""Whole-picture views at native resolution: shrink only past max_side, trim to the backbone's stride."""

import numpy as np

from deepfake_desk.core.manifest import Calibration, ModelSpec, Preprocess
from deepfake_desk.core.preprocess import limit_long_side, model_inputs, whole_view


def spec(pre: Preprocess, size: int = 224) -> ModelSpec:
    return ModelSpec("m", "m", None, "", "NCHW", size, size, 3, pre, Calibration(), 1.0)


def test_limit_long_side_shrinks_but_never_enlarges():
    big = np.zeros((600, 1200, 3), np.uint8)
    assert limit_long_side(big, 512).shape == (256, 512, 3)
    small = np.zeros((300, 200, 3), np.uint8)
    assert limit_long_side(small, 512) is small


def test_whole_view_keeps_pixels_and_trims_to_multiples_of_32():
    rng = np.random.default_rng(0)
    img = rng.integers(0, 256, (300, 257, 3), dtype=np.uint8)
    v = whole_view(img)
    assert v.shape == (288, 256, 3)
    assert np.array_equal(v, img[6:294, 0:256])  # centre-trimmed, not resampled


def test_whole_mode_feeds_one_native_view_of_any_size():
    pre = Preprocess(max_side=512, crop="whole")
    x = model_inputs(np.full((1024, 768, 3), 255, np.uint8), spec(pre))
    assert x.shape == (1, 3, 512, 384)
    assert np.allclose(x, 1.0)
    tiny = model_inputs(np.zeros((100, 150, 3), np.uint8), spec(pre))
    assert min(tiny.shape[2:]) >= 224  # enlarged only as far as the model's minimum
