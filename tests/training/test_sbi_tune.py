"""training/sbi_tune.py: each batch pairs a real face with a self-blend of that same face, cut and flipped
alike, so the only difference the network can learn is the blend."""

from __future__ import annotations

import numpy as np
import pytest

from training import sbi_tune


def test_a_batch_pairs_each_real_face_with_its_own_blend():
    pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    yy, xx = np.mgrid[0:260, 0:250]
    faces = []
    for i in range(10):  # smooth pictures, each its own, so a pair's partner is recognisable
        rgb = np.stack([(xx * (i + 1)) % 256, (yy * 2 + i * 20) % 256, (xx + yy) % 256], -1).astype(np.uint8)
        faces.append((rgb, (60, 60, 120, 130)))
    x, y = sbi_tune._batch(faces, rng)
    assert tuple(x.shape) == (sbi_tune.BATCH, 3, sbi_tune.CROP, sbi_tune.CROP)
    assert y.tolist() == [0.0, 1.0] * (sbi_tune.BATCH // 2)
    a = x.numpy()
    pairs = [float(np.abs(a[i] - a[i + 1]).mean()) for i in range(0, len(a), 2)]
    strangers = [float(np.abs(a[i] - a[j]).mean()) for i in range(0, len(a), 2) for j in range(1, len(a), 2) if j != i + 1]
    assert max(pairs) < min(strangers)  # a blend is its own face, cut at the same place
    assert min(pairs) > 0  # and not a copy
