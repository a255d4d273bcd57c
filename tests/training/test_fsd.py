"""training/fsd.py: residual filters learned from real pictures predict them; a self-description is the
constrained least-squares filter of a picture's residuals; the mixture scores unlike pictures higher."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("cv2")
pytest.importorskip("sklearn")

from training import fsd  # noqa: E402


def smooth_picture(rng: np.random.Generator, side: int = 96) -> np.ndarray:
    import cv2

    noise = rng.normal(128, 40, (side, side))
    return cv2.GaussianBlur(noise, (0, 0), 2.0) + rng.normal(0, 1.0, (side, side))


def test_learned_filters_predict_pictures_better_than_no_prediction():
    rng = np.random.default_rng(0)
    filters = fsd.fit_filters([smooth_picture(rng) for _ in range(4)], per_image=2000)
    assert filters.shape == (len(fsd.SUPPORTS), fsd.FILTER_SIZE, fsd.FILTER_SIZE)
    c = fsd.FILTER_SIZE // 2
    assert np.allclose(filters[:, c, c], 1.0)  # residual = pixel - prediction
    g = smooth_picture(rng)
    r = fsd.residuals(g, filters)
    centred = g[c:-c, c:-c] - g.mean()
    spread = [float(np.std(m)) for m in r]
    assert max(spread) < 0.4 * np.std(centred)  # each filter predicts most of the picture
    assert spread[0] == min(spread)  # the full square, the widest support, predicts best


def test_a_self_description_sums_to_one_per_residual_and_tells_pictures_apart():
    rng = np.random.default_rng(1)
    filters = fsd.fit_filters([smooth_picture(rng) for _ in range(3)], per_image=1000)
    n = fsd.B * fsd.B - 1
    d = fsd.describe(smooth_picture(rng), filters)
    assert d.shape == (len(fsd.SUPPORTS) * n,)
    assert np.allclose(d.reshape(len(fsd.SUPPORTS), n).sum(1), 1.0, atol=1e-6)
    reals = np.stack([fsd.describe(smooth_picture(rng), filters, seed=i) for i in range(24)])
    blocky = [np.kron(smooth_picture(rng, 48), np.ones((2, 2))) for _ in range(4)]  # 2x nearest up-sampling
    score = fsd.fit_mixture(reals)
    unlike = score(np.stack([fsd.describe(b, filters) for b in blocky]))
    like = score(np.stack([fsd.describe(smooth_picture(rng), filters, seed=100 + i) for i in range(4)]))
    assert unlike.min() > like.max()
