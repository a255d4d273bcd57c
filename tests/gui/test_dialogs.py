"""About's rendering of free-form manifest metrics, and the pipeline it draws."""

from __future__ import annotations

from deepfake_desk.gui.dialogs import metrics_html


def test_metrics_per_source_become_a_table_with_readable_headers():
    out = metrics_html({"faces/stylegan_ffhq": {"n": 126, "roc_auc": 0.5228},
                        "faces/dfdc": {"n": 435, "roc_auc": 0.5299}})
    assert out.startswith("<table")
    assert "ROC AUC" in out and "images" in out
    assert "faces/stylegan_ffhq" in out  # source names are kept exactly
    assert out.index("0.523") < out.index("0.530")  # rows in manifest order


def test_small_numbers_and_missing_values_stay_honest():
    out = metrics_html({"weight_decay": 0.0001, "decided_accuracy": None, "flip": True, "ece": 0.0111})
    assert "0.0001" in out and "0.000<" not in out
    assert "accuracy when decided <b>–</b>" in out
    assert "flip <b>yes</b>" in out and "calibration error (ECE) <b>0.011</b>" in out
    assert "<script>" not in metrics_html({"note": "<script>"})  # manifest text is escaped


def test_the_pipeline_names_this_installations_models_and_fusion(qtbot, manifest_path):
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.gui.dialogs import PipelineDiagram

    diagram = PipelineDiagram(load_manifest(manifest_path))
    qtbot.addWidget(diagram)
    steps = dict(diagram.steps)
    assert list(steps) == ["File", "Decode", "Crops", "Models", "Calibration", "Fusion", "Verdict"]
    assert steps["Models"].startswith("2 ONNX models") and steps["Fusion"] == "weighted mean"


def test_about_on_the_shipped_manifest_quotes_its_leave_one_source_out_figures(qtbot):
    """Help > About with the manifest `python -m training probes ship` wrote (not a hand-made one):
    its LOSO figures are quoted, never 'not measured'; the weak spots are the model card's."""
    import json
    from pathlib import Path

    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.report.limits import card_bullets
    from deepfake_desk.gui.dialogs import AboutDialog

    shipped = Path(__file__).resolve().parents[2] / "models" / "manifest.json"
    loso = json.loads(shipped.read_text())["fusion"]["loso"]["clean"]
    about = AboutDialog(load_manifest(shipped, verify_files=False), {})
    qtbot.addWidget(about)
    intro = about.intro.text()
    assert "has not been measured" not in intro
    share, right = round(100 * loso["uncertain_share"]["mean"]), round(100 * loso["decided_accuracy"]["mean"])
    assert f"sources left out of training, it said “Uncertain” for {share}% of them" in intro
    assert f"it was right {right}% of the time" in intro
    assert f"worst source: {round(100 * loso['auc']['worst'])}%" in intro
    weak = " ".join(label.text() for label in about.findChildren(type(about.intro)))
    card = (shipped.parent / "MODEL_CARD.md").read_text()
    first = card_bullets(card, "Known weak spots")[0]
    assert first[:60] in weak.replace("&quot;", '"').replace("&#x27;", "'")
    assert "Measured on sources left out of training" in about.models_view.toPlainText()
