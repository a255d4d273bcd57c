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


def test_the_card_rows_say_the_tuned_features_figures(tmp_path, monkeypatch):
    import json

    from training import card_adapt

    def variant(mean, worst, per):
        return {"per_source": per, "summary": {"10": {"mean": mean - 0.02, "worst": worst},
                                               "20": {"mean": mean, "worst": worst}}}

    report = {"ks": [10, 20], "steps": 1370, "batch": 16, "minutes": 30.0,
              "head_alone_auc": {"faces/x": 0.31, "generic/y": 0.87},
              "variants": {"shipped": variant(0.85, 0.57, {"faces/x": {"10": 0.5, "20": 0.57}, "generic/y": {"10": 0.9, "20": 0.99}}),
                           "shipped + tuned": variant(0.86, 0.58, {"faces/x": {"10": 0.5, "20": 0.6}, "generic/y": {"10": 0.9, "20": 0.98}})}}
    (tmp_path / "sbi_tune.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.sbi_lines([10, 20]))
    assert "| features: shipped + tuned | 0.84 (0.58) | 0.86 (0.58) |" in text
    assert "| features: shipped |" not in text  # the baseline is the table's shipped row already
    assert "faces/x 0.57 -> 0.60" in text and "generic/y 0.99" not in text  # the face sets' moves
    assert "zero-shot AUC: faces/x 0.31, generic/y 0.87" in text and "1370 steps of 8 faces" in text
