"""training/fewshot_reals.py: sources compare only where every count of real photos was measured; the card's
table says the measured figures."""

from __future__ import annotations

import json

from training import card_adapt, fewshot_reals


def entry(auc, called, turned, other):
    return {"auc": auc, "fakes_called_fake": called, "reals_turned_fake": turned,
            "other_kinds_reals_turned_fake": other, "draws": 5}


def test_the_mean_is_over_the_sources_with_every_count():
    per_source = {"a": {"20": entry(0.8, 0.1, 0.01, 0.02), "60": entry(0.9, 0.3, 0.0, 0.02)},
                  "b": {"20": entry(0.6, 0.0, 0.03, 0.0), "60": entry(0.7, 0.1, 0.01, 0.0)},
                  "c": {"20": entry(0.5, 0.5, 0.5, 0.5)}}  # too few real photos for 60: left out of both means
    mean = fewshot_reals.mean_over_sources(per_source)
    assert list(mean) == ["20", "60"] and mean["20"]["sources"] == 2
    assert mean["20"]["auc"] == 0.7 and mean["60"]["fakes_called_fake"] == 0.2 and "draws" not in mean["20"]


def test_the_card_table_says_each_count(tmp_path, monkeypatch):
    per_source = {"a": {"20": entry(0.8, 0.1, 0.01, 0.02), "60": entry(0.9, 0.3, 0.0, 0.02)}}
    report = {"fakes": 20, "draws": 5, "per_source": per_source, "mean": fewshot_reals.mean_over_sources(per_source)}
    (tmp_path / "fewshot_reals.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.reals_lines())
    assert "| 20 | 0.800 | 10% | 1.0% | 2.0% |" in text and "| 60 | 0.900 | 30% | 0.0% | 2.0% |" in text
    assert "AUC 0.800 -> 0.900" in text and "go from 10% to 30%" in text
