"""Self-blended fakes: seeded, the picture's size, changed inside the face and (JPEG aside) not
outside it; YuNet's box places the blend."""

import numpy as np
import pytest

from training import selfblend


def textured(h=224, w=224, seed=0):
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w]
    base = np.stack([128 + 60 * np.sin(xx / 7.0), 128 + 60 * np.cos(yy / 9.0), 100 + 0 * xx], -1)
    return np.clip(base + rng.normal(0, 1, (h, w, 3)), 0, 255).astype(np.uint8)


def test_a_self_blend_is_seeded_keeps_the_size_and_changes_the_face_not_the_border():
    rgb = textured()
    a, b = selfblend.self_blend(rgb, 7), selfblend.self_blend(rgb, 7)
    assert a.shape == rgb.shape and np.array_equal(a, b)
    diffs = [np.abs(selfblend.self_blend(rgb, s).astype(int) - rgb) for s in range(6)]
    centre = np.mean([d[90:134, 90:134].mean() for d in diffs])
    border = np.mean([np.concatenate([d[:12].ravel(), d[-12:].ravel()]).mean() for d in diffs])
    assert centre > 2 * border and centre > 3


def test_the_blend_follows_the_face_box():
    rgb = textured(256, 256, 1)
    box = (150, 20, 80, 90)  # a face in the top right corner
    diff = np.mean([np.abs(selfblend.self_blend(rgb, s, box).astype(int) - rgb).mean(-1) for s in range(6)], 0)
    assert diff[30:100, 160:220].mean() > 2 * diff[180:240, 20:90].mean()


def test_the_shipped_face_finder_finds_no_face_in_noise():
    pytest.importorskip("cv2")
    finder = selfblend.FaceFinder.shipped()
    assert finder(np.random.default_rng(0).integers(0, 256, (200, 200, 3), dtype=np.uint8)) is None
