"""`python -m training probes ship` (training/probe_ship.ship), which writes the shipped manifest:
run on a tiny temporary models folder, with made-up features in place of the feature cache and a
tiny ONNX file in place of each exported probe. What it writes, the app must read as it was meant."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from deepfake_desk.core.decision import counted_models
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.worth import verdict_worth
from tests.conftest import make_feature_model
from training import card, features, probe_ship, registry
from training.probes import REPORT_CONDITIONS, SOURCES, Table, band_rule, summarise

REPO = Path(__file__).resolve().parents[2]
PER_SOURCE_SPLIT_CLASS = 4


def tiny_table(backbones, conditions) -> Table:
    """Four images per source, split and class; features where the fakes sit a little apart."""
    rng = np.random.default_rng(0)
    rows = [(label, source, split) for source in SOURCES for split in ("train", "val", "test") for label in (0, 1)
            for _ in range(PER_SOURCE_SPLIT_CLASS)]
    y = np.array([r[0] for r in rows])
    t = Table(y, np.array([r[1] for r in rows]), np.array([r[2] for r in rows]))
    for b in backbones:
        width = sum(features.BACKBONES[b].taps)
        for c in conditions:
            x = rng.normal(size=(len(y), width)).astype(np.float32)
            x[:, :8] += 1.5 * y[:, None]
            t.x[(b, c)] = x
    for c in conditions:
        t.sharp[c] = rng.uniform(size=len(y))
    return t


@pytest.fixture
def shipped(tmp_path, monkeypatch):
    """ship() on a copy of the shipped manifest (without its ONNX files), the made-up features,
    and the shipped recipes made light (clean + social rows only)."""
    models = tmp_path / "models"
    models.mkdir()
    shutil.copy(REPO / "models" / "manifest.json", models / "manifest.json")
    doc = json.loads((REPO / "training" / "reports" / "loso_probes.json").read_text())
    for recipe in doc["chosen"].values():
        recipe.update(rows=["clean", "social"], balance="source")
    report = tmp_path / "loso_probes.json"
    report.write_text(json.dumps(doc))
    exported = []

    def export_probe(backbone, head, out, views):
        assert len(head.coef) == sum(features.BACKBONES[backbone].taps)  # widened to every tap the ONNX pools
        make_feature_model(out)
        exported.append(out.name)
        return 0.0

    monkeypatch.setattr(probe_ship, "load_table", tiny_table)
    monkeypatch.setattr(probe_ship, "export_probe", export_probe)
    monkeypatch.setattr(probe_ship, "REPORTS_DIR", tmp_path)  # no experiments table: "(not run)"
    monkeypatch.setattr(features, "all_samples", lambda: [])
    written = probe_ship.ship(report, models)
    return models, doc, written, exported


def test_ship_writes_a_manifest_the_app_reads_as_meant(shipped):
    models, doc, written, exported = shipped
    manifest = load_manifest(models / "manifest.json")
    ids = list(doc["chosen"])
    assert sorted(exported) == sorted(registry.REGISTRY[b].file for b in ids)
    # the probes are loaded (files and hashes match) and they alone count
    assert not [p for p in manifest.problems if p.model_id in ids]
    assert counted_models(manifest) == frozenset(ids)
    for spec in manifest.models:
        if spec.id in ids:
            assert spec.fusion_weight == next(m["fusion_weight"] for m in written["models"] if m["id"] == spec.id)
            assert spec.feature_output == "features" and spec.calibration.method == "platt"
            assert spec.metrics["leave_one_source_out"]  # its own LOSO figures, per source
    seeds = [manifest.listed_spec(m) for m in manifest.listed_ids if m not in ids]
    assert seeds and all(s.fusion_weight == 0.0 and s.fusion_note.startswith("not counted") for s in seeds)
    # the verdict layer: LOSO figures of the fused verdict, the bands and their rule
    per_source = doc["loso"][doc["ship"]]["per_source"]
    assert manifest.fusion.method == "logistic"
    assert manifest.fusion.loso == {c: summarise(per_source, "fused", c) for c in REPORT_CONDITIONS}
    assert manifest.bands.rule == band_rule() and manifest.bands.dissent is None
    assert 0 < manifest.bands.t_real <= manifest.bands.t_fake < 1


def test_what_ship_writes_is_what_about_and_the_card_say(shipped):
    """The About bug: ship wrote fusion.loso, About read fusion.metrics and said 'not measured'."""
    models, doc, _, _ = shipped
    manifest = load_manifest(models / "manifest.json", verify_files=False)
    facts = verdict_worth(manifest)
    assert not any("not been measured" in f for f in facts)
    loso = manifest.fusion.loso["clean"]
    assert any(f"right {round(100 * loso['decided_accuracy']['mean'])}% of the time" in f for f in facts)
    model_card = (models / "MODEL_CARD.md").read_text()
    plain = model_card.split("## In plain words")[1].split("## ")[0]
    assert all(f"- {fact}" in plain for fact in facts)
    assert card.WEAK_SPOTS.strip() in model_card  # the weak spots, said once (training/card.py)
