"""Evaluation metrics against hand-computed values; calibration, fusion and band fitting."""

from __future__ import annotations

import numpy as np
import pytest

from training import calibrate
from training.metrics import all_metrics, average_precision, classification_table, expected_calibration_error, roc_auc


def test_roc_auc_by_hand():
    # pairs (fake, real): (0.8>0.1) (0.8>0.4) (0.35<0.4) (0.35>0.1) -> 3 of 4
    assert roc_auc([1, 1, 0, 0], [0.8, 0.35, 0.4, 0.1]) == pytest.approx(0.75)
    assert roc_auc([1, 0], [0.5, 0.5]) == pytest.approx(0.5)  # a tie counts one half
    assert roc_auc([1, 1], [0.2, 0.3]) is None


def test_average_precision_by_hand():
    # ranked: 0.9 fake (P=1), 0.8 real, 0.7 fake (P=2/3) -> AP = (1 + 2/3) / 2
    assert average_precision([1, 0, 1], [0.9, 0.8, 0.7]) == pytest.approx((1 + 2 / 3) / 2)


def test_ece_by_hand():
    # bin [0.2,0.3): p=0.25 x2, labels 0,1 -> |0.5-0.25| ; bin [0.9,1]: p=0.95 x2, labels 1,1 -> 0.05
    assert expected_calibration_error([0, 1, 1, 1], [0.25, 0.25, 0.95, 0.95]) == pytest.approx(0.5 * 0.25 + 0.5 * 0.05)


def test_seed_table_by_hand():
    y = [0, 0, 0, 1, 1, 1, 1]
    p = [0.1, 0.2, 0.7, 0.9, 0.8, 0.3, 0.6]  # TN=2 FP=1 FN=1 TP=3
    t = classification_table(y, p)
    assert t["confusion_matrix"]["counts"] == [[2, 1], [1, 3]]
    assert t["accuracy"] == pytest.approx(5 / 7)
    assert t["fake"]["precision"] == pytest.approx(3 / 4) and t["fake"]["recall"] == pytest.approx(3 / 4)
    assert t["real"]["precision"] == pytest.approx(2 / 3) and t["real"]["recall"] == pytest.approx(2 / 3)
    assert t["real"]["f1"] == pytest.approx(2 / 3)
    assert set(all_metrics(y, p)) >= {"roc_auc", "average_precision", "ece", "accuracy", "fake", "real"}


def test_platt_recovers_a_known_calibration():
    rng = np.random.default_rng(0)
    z = rng.normal(0, 3, 20000)
    y = (rng.random(20000) < 1 / (1 + np.exp(-(0.5 * z - 1.0)))).astype(int)
    a, b = calibrate.fit_platt(z, y)
    assert a == pytest.approx(0.5, abs=0.05) and b == pytest.approx(-1.0, abs=0.08)


def test_weighted_mean_fusion_prefers_the_informative_model():
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 2000)
    good = np.clip(0.5 + (y - 0.5) * 0.8 + rng.normal(0, 0.1, 2000), 0.01, 0.99)
    noise = rng.uniform(0.01, 0.99, 2000)
    w = calibrate.fit_weighted_mean({"good": good, "noise": noise}, y, {"good": 0.6, "noise": 0.4})
    assert w["good"] > 0.9 and w["noise"] < 0.1 and sum(w.values()) == pytest.approx(1.0)


def test_logistic_fusion_weights_are_non_negative():
    rng = np.random.default_rng(2)
    y = rng.integers(0, 2, 2000)
    good = 1 / (1 + np.exp(-(4 * (y - 0.5) + rng.normal(0, 1, 2000))))
    anti = 1 - good * 0.5 - 0.25  # anti-correlated: must not get a negative weight
    w, _bias = calibrate.fit_logistic({"good": good, "anti": anti}, y)
    assert w["good"] > 0.5 and w["anti"] >= 0.0


def test_bands_put_the_ambiguous_middle_in_uncertain():
    y = np.array([0] * 50 + [1] * 50)
    p = np.concatenate([np.linspace(0.0, 0.45, 45), np.linspace(0.4, 0.6, 5),
                        np.linspace(0.4, 0.6, 5), np.linspace(0.55, 1.0, 45)])
    bands = calibrate.fit_bands(p, y, precision=0.95)
    assert bands["t_real"] <= 0.5 <= bands["t_fake"]
    report = calibrate.band_report(p, y, bands)
    assert 0 < report["uncertain_share"] < 0.3
    assert report["decided_accuracy"] >= 0.95


def test_verdict_changes_by_hand():
    bands = {"t_real": 0.2, "t_fake": 0.8}
    y = np.array([0, 0, 1, 1, 1, 0, 1])
    clean = np.array([0.1, 0.1, 0.9, 0.9, 0.5, 0.9, 0.1])  # decided: all but index 4; wrong: 5 and 6
    recoded = np.array([0.1, 0.5, 0.9, 0.1, 0.9, 0.5, 0.1])
    v = calibrate.verdict_changes(clean, recoded, y, bands)
    # index 1: right real -> uncertain; 3: right fake -> real (opposite); 5: wrong fake -> uncertain;
    # index 4 was uncertain on the clean image, so its change does not count
    assert v == {"decided": 6, "changed": 3, "to_opposite": 1, "to_uncertain": 2,
                 "changed_were_right": 2, "changed_were_wrong": 1, "decided_wrong": 2}


def test_band_report_counts_contradicted_verdicts_as_uncertain():
    bands = {"t_real": 0.2, "t_fake": 0.8, "dissent": 0.95}
    y = np.array([0, 1, 1, 0])
    fused = np.array([0.1, 0.1, 0.9, 0.9])
    models = {"a": np.array([0.5, 0.97, 0.5, 0.03]), "b": np.array([0.1, 0.1, 0.9, 0.9])}
    plain = calibrate.band_report(fused, y, {"t_real": 0.2, "t_fake": 0.8})
    assert plain["uncertain_share"] == 0.0 and plain["decided_accuracy"] == 0.5
    ruled = calibrate.band_report(fused, y, bands, models)
    # images 1 (fake called real, model a sure of fake) and 3 (real called fake, a sure of real) drop out
    assert ruled["uncertain_by_dissent"] == 2 and ruled["uncertain_share"] == 0.5
    assert ruled["decided_accuracy"] == 1.0 and ruled["fake_called_real"] == ruled["real_called_fake"] == 0
