"""Detection metrics in plain NumPy: the seed paper's table plus ROC AUC, AP and ECE.

Labels: 1 = fake, 0 = real; scores: probability of fake.
"""

from __future__ import annotations

import numpy as np


def roc_auc(y, p) -> float | None:
    """Area under the ROC curve (Mann-Whitney U; ties count one half). None for one class."""
    y, p = np.asarray(y), np.asarray(p, np.float64)
    n_pos, n_neg = int((y == 1).sum()), int((y == 0).sum())
    if n_pos == 0 or n_neg == 0:
        return None
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p), np.float64)
    sorted_p = p[order]
    # average ranks over ties
    i = 0
    while i < len(p):
        j = i
        while j + 1 < len(p) and sorted_p[j + 1] == sorted_p[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    u = ranks[y == 1].sum() - n_pos * (n_pos + 1) / 2
    return float(u / (n_pos * n_neg))


def average_precision(y, p) -> float | None:
    """AP = sum over positives ranked by score of precision at that rank (step-wise, no interpolation)."""
    y, p = np.asarray(y), np.asarray(p, np.float64)
    n_pos = int((y == 1).sum())
    if n_pos == 0:
        return None
    order = np.argsort(-p, kind="mergesort")
    ys, ps = y[order], p[order]
    tp = np.cumsum(ys == 1)
    total = 0.0
    # group tied scores: precision is taken at the end of each tie block
    i = 0
    while i < len(ps):
        j = i
        while j + 1 < len(ps) and ps[j + 1] == ps[i]:
            j += 1
        hits = int((ys[i : j + 1] == 1).sum())
        if hits:
            total += hits * tp[j] / (j + 1)
        i = j + 1
    return float(total / n_pos)


def expected_calibration_error(y, p, bins: int = 10) -> float:
    """ECE: |accuracy - confidence| of the fake probability, weighted over equal-width bins."""
    y, p = np.asarray(y, np.float64), np.asarray(p, np.float64)
    edges = np.linspace(0, 1, bins + 1)
    idx = np.clip(np.digitize(p, edges[1:-1], right=False), 0, bins - 1)
    ece = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            ece += m.mean() * abs(y[m].mean() - p[m].mean())
    return float(ece)


def log_loss(y, p) -> float:
    y, p = np.asarray(y, np.float64), np.clip(np.asarray(p, np.float64), 1e-7, 1 - 1e-7)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def classification_table(y, p, threshold: float = 0.5) -> dict:
    """The seed's table: precision, recall, F1 for each class, accuracy, confusion matrix."""
    y = np.asarray(y).astype(int)
    pred = (np.asarray(p) >= threshold).astype(int)
    cm = [[int(((y == t) & (pred == q)).sum()) for q in (0, 1)] for t in (0, 1)]  # rows: true real, fake
    out = {"n": int(len(y)), "accuracy": float((pred == y).mean()) if len(y) else None,
           "confusion_matrix": {"rows_true": ["real", "fake"], "cols_pred": ["real", "fake"], "counts": cm}}
    for cls, name in ((0, "real"), (1, "fake")):
        tp = int(((pred == cls) & (y == cls)).sum())
        fp = int(((pred == cls) & (y != cls)).sum())
        fn = int(((pred != cls) & (y == cls)).sum())
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[name] = {"precision": precision, "recall": recall, "f1": f1, "support": int((y == cls).sum())}
    return out


def all_metrics(y, p, threshold: float = 0.5) -> dict:
    out = classification_table(y, p, threshold)
    out.update({
        "roc_auc": roc_auc(y, p),
        "average_precision": average_precision(y, p),
        "ece": expected_calibration_error(y, p),
        "log_loss": log_loss(y, p) if len(y) else None,
    })
    return out
