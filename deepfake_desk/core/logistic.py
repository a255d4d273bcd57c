"""A small detector head fitted with NumPy only: L2 logistic regression, grouped folds, Platt scaling.

Why by hand: the app never imports scikit-learn, TensorFlow or PyTorch, and a few
hundred examples of a thousand-odd features need nothing more. Newton's method
solves the regularised problem in a dozen steps; when there are fewer examples than
features (the usual case here) each step solves an N x N system instead of D x D
(the Woodbury identity), so fitting costs milliseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

L2_GRID = (1.0, 10.0, 100.0, 1000.0, 10000.0)  # penalty on standardised features, chosen by inner CV
_INTERCEPT_L2 = 1e-3  # the intercept is (almost) not penalised
MIN_PLATT_SLOPE = 1e-3  # fit_platt never inverts a ranking: see there
_LOGIT_LIMIT = 13.8  # |logit(1 - 1e-6)|: the app clips crop probabilities there (fusion._EPS)


@dataclass(frozen=True)
class LinearHead:
    """logit = features @ weights + bias, on raw (unstandardised) features."""

    weights: np.ndarray
    bias: float
    l2: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return np.asarray(x, dtype=np.float64) @ self.weights + self.bias


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))  # no overflow warnings for large |z|


def balanced_weights(y: np.ndarray) -> np.ndarray:
    """Sample weights that give both classes the same total (mean weight 1)."""
    y = np.asarray(y)
    weights = np.empty(len(y), dtype=np.float64)
    for label in (0, 1):
        count = int(np.sum(y == label))
        if count:
            weights[y == label] = len(y) / (2.0 * count)
    return weights


def _newton_logistic(xa: np.ndarray, y: np.ndarray, s: np.ndarray, penalty: np.ndarray,
                     max_iter: int = 50, tol: float = 1e-8) -> np.ndarray:
    """Minimise sum s_i * logloss_i + 0.5 * sum penalty_j * theta_j^2 (xa includes the intercept column)."""
    n, d = xa.shape
    theta = np.zeros(d)
    inv_pen = 1.0 / penalty
    gram = (xa * inv_pen) @ xa.T if n < d else None  # X P^-1 X^T, fixed for the whole fit

    def objective(t: np.ndarray) -> float:
        z = xa @ t
        return float(np.sum(s * (np.logaddexp(0.0, z) - y * z)) + 0.5 * np.sum(penalty * t * t))

    value = objective(theta)
    for _ in range(max_iter):
        p = _sigmoid(xa @ theta)
        grad = xa.T @ (s * (p - y)) + penalty * theta
        curvature = s * p * (1.0 - p)
        if gram is not None:  # (P + A^T A)^-1 g with A = sqrt(c) X, via an n x n solve
            root = np.sqrt(curvature)
            v = inv_pen * grad
            inner = np.eye(n) + root[:, None] * gram * root[None, :]
            t = np.linalg.solve(inner, root * (xa @ v))
            step = v - inv_pen * (xa.T @ (root * t))
        else:
            hessian = (xa.T * curvature) @ xa + np.diag(penalty)
            step = np.linalg.solve(hessian, grad)
        scale = 1.0
        while True:  # backtracking: Newton steps can overshoot on nearly separable data
            candidate = theta - scale * step
            new_value = objective(candidate)
            if new_value <= value or scale < 1e-4:
                break
            scale *= 0.5
        theta, previous, value = candidate, value, new_value
        if previous - value <= tol * max(1.0, abs(value)):
            break
    return theta


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> LinearHead:
    """Class-balanced L2 logistic regression on standardised features, returned on raw features."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    mean = x.mean(axis=0)
    std = x.std(axis=0)
    std[std < 1e-8] = 1.0  # a constant feature stays (weight 0 after the penalty)
    xa = np.hstack([(x - mean) / std, np.ones((len(x), 1))])
    penalty = np.full(xa.shape[1], float(l2))
    penalty[-1] = _INTERCEPT_L2
    theta = _newton_logistic(xa, y, balanced_weights(y), penalty)
    weights = theta[:-1] / std
    return LinearHead(weights, float(theta[-1] - mean @ weights), float(l2))


def weighted_log_loss(logits: np.ndarray, y: np.ndarray) -> float:
    """Class-balanced mean log loss of logits."""
    z = np.clip(logits, -_LOGIT_LIMIT, _LOGIT_LIMIT)
    losses = np.logaddexp(0.0, z) - y * z
    return float(np.average(losses, weights=balanced_weights(y)))


def grouped_folds(groups: Sequence[int], y: Sequence[int], k: int) -> list[np.ndarray]:
    """k folds of example indices; a group (near-duplicates) never spans two folds.

    Groups are dealt largest first to the fold that holds the fewest examples of the
    group's class, so each fold gets about its share of both classes.
    """
    members: dict[int, list[int]] = {}
    for i, g in enumerate(np.asarray(groups).tolist()):
        members.setdefault(int(g), []).append(i)
    labels = [int(v) for v in np.asarray(y).tolist()]
    k = max(2, min(k, len(members)))
    counts = [[0, 0] for _ in range(k)]
    folds: list[list[int]] = [[] for _ in range(k)]
    for g in sorted(members, key=lambda g: (-len(members[g]), g)):
        idx = members[g]
        label = int(2 * sum(labels[i] for i in idx) >= len(idx))
        target = min(range(k), key=lambda f: (counts[f][label], sum(counts[f]), f))
        folds[target].extend(idx)
        for i in idx:
            counts[target][labels[i]] += 1
    return [np.array(sorted(f), dtype=int) for f in folds if f]


def _fold_logits(x, y, groups, k, l2_of_fold) -> np.ndarray:
    out = np.empty(len(y))
    for test in grouped_folds(groups, y, k):
        train = np.setdiff1d(np.arange(len(y)), test)
        out[test] = fit_logistic(x[train], y[train], l2_of_fold(train)).logits(x[test])
    return out


def choose_l2(x: np.ndarray, y: np.ndarray, groups: Sequence[int], k: int = 4,
              grid: Sequence[float] = L2_GRID) -> float:
    """The grid penalty with the lowest grouped cross-validated log loss (ties: the stronger penalty)."""
    x, y, groups = np.asarray(x, dtype=np.float64), np.asarray(y), np.asarray(groups)
    losses = [weighted_log_loss(_fold_logits(x, y, groups, k, lambda _: l2), y) for l2 in grid]
    best = min(losses)
    return max(l2 for l2, loss in zip(grid, losses) if loss <= best + 1e-9)


def out_of_fold_logits(x: np.ndarray, y: np.ndarray, groups: Sequence[int], k: int = 5,
                       grid: Sequence[float] = L2_GRID) -> np.ndarray:
    """Each example's logit from a head that never saw it nor its near-duplicates.

    The penalty is chosen inside each training fold (nested cross-validation), so the
    score of a held-out example owes nothing to it.
    """
    x, y, groups = np.asarray(x, dtype=np.float64), np.asarray(y), np.asarray(groups)
    return _fold_logits(x, y, groups, k, lambda train: choose_l2(x[train], y[train], groups[train], k - 1, grid))


def fit_platt(logits: np.ndarray, y: np.ndarray, balanced: bool = True) -> tuple[float, float]:
    """Platt scaling p = sigmoid(a * logit + b), the one fit for taught detectors and shipped models.

    `balanced` (a taught detector's few dozen out-of-fold scores): class-balanced, with Platt's smoothed
    targets, so a perfect separation of a few dozen examples does not claim certainty. Without it (a
    shipped model's validation split: thousands of images, the data's own class mix): the plain
    maximum-likelihood fit on the labels as they are."""
    z = np.clip(np.asarray(logits, dtype=np.float64), -_LOGIT_LIMIT, _LOGIT_LIMIT)
    y = np.asarray(y)
    if balanced:
        n_pos, n_neg = int(np.sum(y == 1)), int(np.sum(y == 0))
        target = np.where(y == 1, (n_pos + 1.0) / (n_pos + 2.0), 1.0 / (n_neg + 2.0))
        weights = balanced_weights(y)
    else:
        target, weights = y.astype(np.float64), np.ones(len(y))
    xa = np.column_stack([z, np.ones_like(z)])
    a, b = _newton_logistic(xa, target, weights, np.array([1e-6, 1e-6]))
    if a < MIN_PLATT_SLOPE:
        # Out-of-fold scores that rank backwards (a head fitted on a handful of examples, whose check
        # calls it useless) must not turn the head upside down: the slope is held at a near-flat
        # positive floor (|a * logit| <= 0.014), so the probabilities sit at the intercept, where no
        # verdict moves, and keep the head's own order.
        a = MIN_PLATT_SLOPE
        (b,) = _newton_logistic(np.ones((len(z), 1)), target, weights, np.array([1e-6]))
    return float(a), float(b)


def platt_probability(logits: np.ndarray, a: float, b: float) -> np.ndarray:
    """Calibrated probabilities, as the app computes them (crop scores clipped like fusion.logit's)."""
    return _sigmoid(a * np.clip(np.asarray(logits, dtype=np.float64), -_LOGIT_LIMIT, _LOGIT_LIMIT) + b)


def roc_auc(scores: np.ndarray, y: np.ndarray) -> float:
    """Probability that a random fake scores above a random real (ties count half)."""
    scores, y = np.asarray(scores), np.asarray(y)
    pos, neg = scores[y == 1], scores[y == 0]
    if not len(pos) or not len(neg):
        return float("nan")
    greater = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return float(greater / (len(pos) * len(neg)))
