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


def test_the_kinds_section_says_the_loso_counts_and_the_apps_floor():
    from deepfake_desk.core.kinds import NAMED_FROM

    per_source = {"faces/dfdc": {"kind": "face_swap", "test_fakes": 10, "loso_right": 0.9,
                                 "loso_named": {"face_swap": 9, "gan_face": 1}, "in_distribution_right": 1.0}}
    report = {"model": "feat", "fakes_per_source": 300, "reals_per_source": 150, "command": "python -m training kinds",
              "file": "kinds_feat.npz", "per_source": per_source,
              "per_kind": {"face_swap": {"loso_right": 0.9, "loso_right_worst_source": 0.9}}}
    text = "\n".join(card_adapt.kinds_section(report))
    assert "| faces/dfdc | face_swap | 10 | 90% | 9 / 1 / 0 | 100% |" in text
    assert f"at least {NAMED_FROM:.0%}" in text and "face_swap 90% (worst source 90%)" in text


def test_the_guards_table_has_a_column_per_guarded_report_and_the_one_other_kind_row():
    report = tiny_report()
    text = "\n".join(card_adapt.fewshot_section(report, [("stricter", report)]))
    assert "| | without the guards | stricter |" in text
    assert "reals of ONE other kind (the team's case): this source's reals turned fake" in text
    assert "same kind: fakes called fake" in text


def test_the_per_source_verdicts_are_the_shipped_guards_when_that_run_is_there(tmp_path, monkeypatch):
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)  # the section alone, without the measured reports' tables
    report, guarded = tiny_report(), tiny_report()
    same = guarded["features"]["feat"]["per_source"]["a"]["k"]["20"]["same_kind"]
    same["fakes_called_fake"] = {"mean": 0.123, "sd": 0.0}  # a figure only the guarded run has
    plain = "\n".join(card_adapt.fewshot_section(report))
    shipped = "\n".join(card_adapt.fewshot_section(report, [("all guards", guarded)], guarded))
    assert "without the guards (the next table" in plain and "| 12% |" not in plain
    assert "with every guard the app applies" in shipped and "| 12% |" in shipped


def test_the_reencoded_section_says_its_table_and_whether_the_copies_ship(tmp_path, monkeypatch):
    from training import fewshot_reencoded as fr

    by = {c: {"auc": {"mean": 0.85, "worst": 0.57}, "fakes_called_fake": {"mean": 0.15, "worst": 0.0},
              "reals_turned_fake": {"mean": 0.025, "worst": 0.1}} for c in fr.TESTS}
    report = {"features": "feat", "ks": [20], "summary": {"20": {w: by for w in fr.TEACHING}},
              "paired_gain_of_copies": {"20": {c: {"mean": 0.001, "se": 0.002, "pairs": 30} for c in fr.TESTS}},
              "verdict": {"per_k": {"20": False}, "ship": False}}
    import json

    (tmp_path / "fewshot_reencoded.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.reencoded_lines())
    assert "| 20 | with re-encoded copies | 0.850 (0.570) | 0.850 (0.570) | 15% / 2.5% | 15% / 2.5% |" in text
    assert "k=20 +0.001 (standard error 0.002, 30 draws)" in text and "Within the noise" in text


def test_each_guard_setting_has_its_own_report_and_its_column_says_the_recorded_settings(tmp_path, monkeypatch):
    from deepfake_desk.core.familiarity import PERCENTILE

    names = {fewshot.report_name(f, b, r) for f in (False, True) for b in (False, True) for r in (False, True)}
    assert len(names) == 5  # no familiarity (one report), then each guard setting its own
    assert fewshot.report_name(True, True, True) == card_adapt.SHIPPED
    assert fewshot.report_name(True, False, False) == f"fewshot_guards_p{PERCENTILE:g}.json"
    import json

    for name, settings in {"fewshot_guards_p75_bank.json": {"familiarity_percentile": 75.0, "bank": True},
                           "fewshot_guards_p97.5.json": {"familiarity_percentile": 97.5, "bank": False},
                           "fewshot_guards_p97.5_bank.json": {"familiarity_percentile": 97.5, "bank": True},
                           card_adapt.SHIPPED: {"familiarity_percentile": 75.0, "bank": True, "face_rule": True}}.items():
        (tmp_path / name).write_text(json.dumps(settings))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    assert [words for words, _ in card_adapt.guard_runs()] == [
        "familiarity (97.5th percentile)", "familiarity (97.5th percentile) + real-photo bank",
        "familiarity (75th percentile) + real-photo bank",
        "familiarity (75th percentile) + real-photo bank + face rule (shipped)"]
