"""The real-photo bank a taught detector is held against: its fake threshold sits above every bank photo's score."""

import dataclasses

import numpy as np

from deepfake_desk.core.learn import BANK_CAP, BANK_FILE, fit_taught_head, real_bank
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.resources import default_manifest_path


def examples(seed=0, n=20, dims=6):
    rng = np.random.default_rng(seed)
    y = np.array([0] * n + [1] * n)
    x = rng.normal(size=(2 * n, dims))
    x[:, 0] += 2.5 * y  # the fakes stand out on feature 0
    return x, y, np.arange(2 * n)


def test_a_bank_photo_the_head_would_call_fake_raises_its_threshold():
    x, y, groups = examples()
    plain = fit_taught_head(x, y, groups, 0.83)
    far = np.zeros((1, x.shape[1]))
    far[0, 0] = 8.0  # a real photo of another kind, far along the fakes' direction
    held = fit_taught_head(x, y, groups, 0.83, bank=far)
    score = float(held.probability(far)[0])
    assert plain.thresholds["fake"] == 0.83 and score > 0.83
    assert held.thresholds["fake"] == min(BANK_CAP, round(score + 0.01, 4))
    assert held.thresholds["fake"] > score or held.thresholds["fake"] == BANK_CAP
    # photos the head already scores low change nothing
    low = fit_taught_head(x, y, groups, 0.83, bank=np.full((3, x.shape[1]), -3.0))
    assert low.thresholds["fake"] == 0.83


def test_the_shipped_bank_fits_the_feature_model_and_another_versions_is_ignored(tmp_path):
    spec = next(m for m in load_manifest(default_manifest_path()).models if m.feature_output and not m.taught)
    bank = real_bank(spec)
    assert bank is not None and bank.ndim == 2 and len(bank) >= 40
    other = dataclasses.replace(spec, sha256="0" * 64)  # the bank was made with another version of the model
    assert real_bank(other) is None
    moved = dataclasses.replace(spec, path=tmp_path / spec.path.name)  # no bank beside it
    assert real_bank(moved) is None
    (tmp_path / BANK_FILE.format(model=spec.id)).write_bytes(b"damaged")
    assert real_bank(moved) is None
