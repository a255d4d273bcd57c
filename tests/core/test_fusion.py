"""Calibration and fusion, against values computed by hand (the verdict: test_decision.py)."""

import math

import pytest

from deepfake_desk.core.fusion import calibrated_probability, fuse_scores
from deepfake_desk.core.manifest import Calibration, Fusion


def test_crops_are_averaged_in_logit_space_then_platt_scaled():
    # logit(0.9) = 2.1972, logit(0.5) = 0 -> mean 1.0986 -> a=2, b=-1 -> sigmoid(1.1972)
    p = calibrated_probability([0.9, 0.5], Calibration("platt", 2.0, -1.0))
    assert p == pytest.approx(1 / (1 + math.exp(-(2 * math.log(9) / 2 - 1))), abs=1e-9)


def test_no_calibration_keeps_a_single_score():
    assert calibrated_probability([0.73], Calibration()) == pytest.approx(0.73)


def test_seed_weighted_mean_fusion():
    fused = fuse_scores({"cnn": 0.9, "gan": 0.4}, {"cnn": 0.6, "gan": 0.4}, Fusion())
    assert fused == pytest.approx(0.6 * 0.9 + 0.4 * 0.4)


def test_weighted_mean_renormalises_when_a_model_is_missing():
    assert fuse_scores({"cnn": 0.9}, {"cnn": 0.6, "gan": 0.4}, Fusion()) == pytest.approx(0.9)
    assert fuse_scores({}, {"cnn": 0.6}, Fusion()) is None


def test_logistic_fusion():
    fused = fuse_scores({"a": 0.8, "b": 0.3}, {"a": 1.5, "b": 0.5}, Fusion("logistic", bias=-0.2))
    z = -0.2 + 1.5 * math.log(0.8 / 0.2) + 0.5 * math.log(0.3 / 0.7)
    assert fused == pytest.approx(1 / (1 + math.exp(-z)))
