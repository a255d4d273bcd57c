"""The model card's adaptation and ResNet-50 sections: rendered from their reports, rewritten in place."""

from training import card_adapt, fewshot
from tests.training.test_fewshot import synthetic_rows

import numpy as np


def tiny_report():
    rows, x = synthetic_rows(n=60)
    base = {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}
    per = {"a": fewshot.measure_source("a", x, rows, base, 0.83, ks=(10, 20), draws=2)}
    per = {h: {**r, "k": {str(k): v for k, v in r["k"].items()}} for h, r in per.items()}
    return {"ks": [10, 20], "draws": 2, "features": {"feat": {"per_source": per, "all": fewshot.summary(
        {h: {**r, "k": {int(k): v for k, v in r["k"].items()}} for h, r in per.items()}, ["a"])}}}


def test_the_fewshot_section_says_the_measured_numbers():
    report = tiny_report()
    lines = card_adapt.fewshot_section(report)
    text = "\n".join(lines)
    auc20 = report["features"]["feat"]["per_source"]["a"]["k"]["20"]["same_kind"]["auc"]["mean"]
    assert f"{auc20:.2f}" in text and "| a |" in text
    assert text.count("\n|") >= 4


def test_refresh_rewrites_its_sections_and_nothing_else(tmp_path, monkeypatch):
    card = tmp_path / "MODEL_CARD.md"
    card.write_text("# Card\n\n## In plain words\n\nkeep me\n\n## Known weak spots\n\n- one\n", encoding="utf-8")
    import json

    (tmp_path / "fewshot.json").write_text(json.dumps(tiny_report()))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    entry = {"id": "resnet50", "name": "R", "fusion_note": "not counted: why", "training_data": {"recipe": "r"},
             "metrics": {"leave_one_source_out": {"faces/dfdc": {"clean": {"auc": 0.61, "sharpness_auc": 0.3}}}}}
    for _ in range(2):  # twice: the sections are replaced, not added again
        card_adapt.refresh(card, {"models": [entry]})
    text = card.read_text()
    assert text.count("<!-- section:fewshot -->") == 1 and text.count("<!-- section:resnet50 -->") == 1
    assert text.index("section:fewshot") < text.index("## In plain words") < text.index("section:resnet50")
    assert "keep me" in text and "- one" in text and "| faces/dfdc | 0.61 |" in text
