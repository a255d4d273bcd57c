"""The NumPy head: it solves its problem, keeps near-duplicates out of their own test fold, calibrates."""

import numpy as np
import pytest

from deepfake_desk.core import logistic
from deepfake_desk.core.logistic import (fit_logistic, fit_platt, grouped_folds, out_of_fold_logits,
                                         platt_probability, roc_auc)


def _gradient(x, y, head):
    """Gradient of the balanced, penalised loss in standardised coordinates (zero at the optimum)."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    w = head.weights * std
    b = head.bias + mean @ head.weights
    xs = (x - mean) / std
    p = 1 / (1 + np.exp(-(xs @ w + b)))
    s = logistic.balanced_weights(y)
    return xs.T @ (s * (p - y)) + head.l2 * w, np.sum(s * (p - y)) + 1e-3 * b


@pytest.mark.parametrize("n, d", [(60, 200), (200, 20)])  # fewer examples than features (Woodbury), and more
def test_the_fit_reaches_the_optimum(n, d):
    rng = np.random.default_rng(0)
    y = (rng.random(n) < 0.3).astype(float)  # unbalanced on purpose
    x = rng.normal(size=(n, d)) * rng.uniform(0.5, 3, d) + 2.0
    x[:, :3] += 2 * y[:, None]
    head = fit_logistic(x, y, 10.0)
    gw, gb = _gradient(x, y, head)
    assert np.abs(gw).max() < 1e-6 and abs(gb) < 1e-6
    assert roc_auc(head.logits(x), y) > 0.8


def test_folds_keep_groups_together_and_share_both_classes():
    rng = np.random.default_rng(1)
    groups = rng.integers(0, 30, 100)
    y = (groups % 2).astype(int)  # a group is all one class
    folds = grouped_folds(groups, y, 5)
    assert sorted(np.concatenate(folds).tolist()) == list(range(100))
    for i, a in enumerate(folds):
        assert 0 < y[a].sum() < len(a)  # both classes in each fold
        for b in folds[i + 1:]:
            assert not set(groups[a]) & set(groups[b])


def test_grouping_stops_copies_from_leaking_into_the_check():
    """Labels that mean nothing, each example twice: ungrouped, the copy in the training
    folds 'predicts' its twin; grouped, the check stays at chance, as it must."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=(40, 30))
    y = rng.integers(0, 2, 40)
    x2, y2 = np.vstack([x, x + 1e-3 * rng.normal(size=x.shape)]), np.concatenate([y, y])
    leaky = roc_auc(out_of_fold_logits(x2, y2, np.arange(80), grid=(1.0,)), y2)
    grouped = roc_auc(out_of_fold_logits(x2, y2, np.tile(np.arange(40), 2), grid=(1.0,)), y2)
    assert leaky > 0.85
    assert grouped < 0.7


def test_platt_recovers_a_known_calibration():
    rng = np.random.default_rng(3)
    z = rng.normal(0, 3, 4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(0.5 * z - 0.4)))).astype(int)
    a, b = fit_platt(z, y)
    assert a == pytest.approx(0.5, abs=0.06)
    # balanced: b absorbs the class ratio, so compare the ranking and the slope only
    p = platt_probability(z, a, b)
    assert np.all(np.diff(p[np.argsort(z)]) >= 0)


def test_platt_never_turns_a_ranking_upside_down():
    """Out-of-fold scores that rank backwards (a head fitted on ten examples a class) give a near-flat
    calibration that keeps the head's order: no verdict moves, and the check sees the backwards ranking."""
    rng = np.random.default_rng(5)
    y = np.repeat([0, 1], 10)
    z = np.where(y == 1, -1.0, 1.0) + rng.normal(0, 0.8, 20)  # fakes score lower: a backwards head
    a, b = fit_platt(z, y)
    assert a > 0
    p = platt_probability(z, a, b)
    assert np.all(np.abs(p - 0.5) < 0.02)
    assert np.all(np.diff(p[np.argsort(z)]) > 0)  # the order is the head's, not reversed
    assert roc_auc(p, y) < 0.5  # so a check on these probabilities reports what the head did
