"""`evaluate_manifest` end to end on made-up scores: tables, manifest metrics and the model
card land beside the manifest that was evaluated (a trial folder never touches models/)."""

from __future__ import annotations

import json

import numpy as np

from training import evaluate, scoring


def _entry(model_id: str) -> dict:
    return {"id": model_id, "name": model_id.upper(), "file": f"{model_id}.onnx", "sha256": "0" * 64,
            "input": {"layout": "NHWC", "height": 8, "width": 8, "channels": 3},
            "preprocess": {"channel_order": "RGB", "resize_short_side": None, "crop": "resize",
                           "scale": 1 / 255, "offset": 0.0},
            "calibration": {"method": "platt", "a": 1.0, "b": 0.0}, "fusion_weight": 0.5,
            "training_data": {"command": f"python -m training train --model {model_id}"}}


def test_evaluate_writes_reports_metrics_and_card_beside_the_manifest(tmp_path, monkeypatch):
    folder = tmp_path / "trial"
    folder.mkdir()
    manifest = {"schema_version": 1, "fusion": {"method": "logistic", "bias": 0.0},
                "bands": {"t_real": 0.3, "t_fake": 0.7}, "models": [_entry("cnn"), _entry("gan")]}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1], 50)
    sources = np.array(["faces/a", "faces/b"] * 50)
    strong = (2 * y - 1) * 3.0 + rng.normal(0, 1, 100)  # cnn separates the classes well

    def fake_scores(path, split, condition="clean", samples=None):
        shift = {"clean": 0.0, "jpeg70": -0.5, "down0.5": -1.0}[condition]
        return {"labels": y, "sources": sources,
                "logits": {"cnn": strong + shift, "gan": rng.normal(0, 1, 100)}}

    monkeypatch.setattr(scoring, "cached_scores", fake_scores)
    reports = tmp_path / "reports"
    report = evaluate.evaluate_manifest(folder / "manifest.json", reports_dir=reports)

    clean = report["conditions"]["clean"]
    assert clean["cnn"]["all"]["roc_auc"] > 0.95 > clean["gan"]["all"]["roc_auc"]
    assert set(clean["fused"]) == {"all", "faces/a", "faces/b"}
    changes = report["verdict_changes"]["down0.5"]
    assert changes["decided"] >= changes["changed"] > 0  # shifting the logits moves some verdicts
    assert (reports / "evaluation.json").exists()
    assert "### Do verdicts survive re-encoding?" in (reports / "evaluation.md").read_text()
    written = json.loads((folder / "manifest.json").read_text())
    assert written["fusion"]["metrics"]["test_clean"]["all"]["n"] == 100
    assert written["models"][0]["metrics"]["test_clean"]["all"]["roc_auc"] == round(clean["cnn"]["all"]["roc_auc"], 4)
    card = (folder / "MODEL_CARD.md").read_text()
    assert "python -m training train --model cnn" in card and "| fused accuracy >= 0.95 |" in card
