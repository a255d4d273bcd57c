"""training/fewshot_variants.py: every head it compares learns a source whose fakes stand out, on the
yardstick's own draws, and the card's table says the figures measured."""

from __future__ import annotations

import json

import numpy as np

from tests.training.test_fewshot import synthetic_rows
from training import card_adapt, fewshot_variants


def test_each_head_ranks_a_separable_source_and_none_ranks_noise():
    rows, x = synthetic_rows(n=80)
    x = x.astype(np.float64)
    bank = np.random.default_rng(9).normal(size=(30, x.shape[1]))
    for fit in (fewshot_variants.logistic, fewshot_variants.prototype, fewshot_variants.lda_with_bank(bank)):
        got = fewshot_variants.measure(x, rows, fit, ks=(20,), draws=2, sources=("a", "b"))
        assert got["per_source"]["a"]["20"] > 0.85, fit  # source a's fakes stand out on feature 0
        assert abs(got["per_source"]["b"]["20"] - 0.5) < 0.15, fit  # b's do not
        assert got["summary"]["20"]["worst"] == got["per_source"]["b"]["20"]


def test_the_card_table_says_each_variants_figures(tmp_path, monkeypatch):
    report = {"features": "feat", "ks": [10, 20],
              "depths": {"early": {"summary": {"10": {"mean": 0.811, "worst": 0.52}, "20": {"mean": 0.83, "worst": 0.6}}}},
              "heads": {"prototype": {"summary": {"10": {"mean": 0.7, "worst": 0.41}, "20": {"mean": 0.77, "worst": 0.5}}}},
              "views": {"enlarged": {"summary": {"10": {"mean": 0.83, "worst": 0.52}, "20": {"mean": 0.86, "worst": 0.59}}}}}
    (tmp_path / "fewshot_variants.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.variants_lines())
    assert "| depth: early | 0.81 (0.52) | 0.83 (0.60) |" in text
    assert "| head: prototype | 0.70 (0.41) | 0.77 (0.50) |" in text
    assert "| view: enlarged | 0.83 (0.52) | 0.86 (0.59) |" in text


def test_a_feature_set_measured_before_the_calibration_fix_says_so():
    from tests.training.test_card_adapt import tiny_report

    report = tiny_report()
    report["features"]["old"] = {**report["features"]["feat"], "measured_before": "f7c883f"}
    lines = [line for line in card_adapt.fewshot_section(report) if line.startswith("| old")]
    assert lines and all("measured before the calibration fix" in line for line in lines)
    assert not any("measured before" in line for line in card_adapt.fewshot_section(report) if line.startswith("| feat"))
