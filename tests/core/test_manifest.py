"""Manifest loading: valid entries become models, bad ones become clear problems."""

import json
import os
from pathlib import Path

import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.manifest import ManifestError, load_manifest
from tests.conftest import model_entry, write_manifest


def test_loads_models_with_their_preprocessing(manifest_path):
    manifest = load_manifest(manifest_path)
    assert manifest.model_ids == ["cnn", "gan"]
    assert manifest.problems == []
    cnn, gan = manifest.models
    assert (cnn.layout, cnn.height, cnn.width) == ("NHWC", 32, 32)
    assert gan.layout == "NCHW" and gan.preprocess.offset == -1.0
    assert cnn.column == "cnn_probability"
    assert (manifest.bands.t_real, manifest.bands.t_fake) == (0.3, 0.7)


def test_tampered_model_is_refused_and_the_others_keep_working(manifest_path):
    gan_file = manifest_path.parent / "gan.onnx"
    data = bytearray(gan_file.read_bytes())
    data[-1] ^= 0xFF
    gan_file.write_bytes(bytes(data))

    detector = Detector.from_manifest(manifest_path)

    assert [m.spec.id for m in detector.models] == ["cnn"]
    assert len(detector.problems) == 1
    assert "gan" in str(detector.problems[0]) and "sha256" in str(detector.problems[0])
    # the surviving model still scores, and the broken one keeps its CSV column
    assert detector.model_ids == ["cnn", "gan"]


def test_missing_model_file_is_a_problem_not_a_crash(manifest_path):
    (manifest_path.parent / "cnn.onnx").unlink()
    manifest = load_manifest(manifest_path)
    assert manifest.model_ids == ["gan"]
    assert "missing" in str(manifest.problems[0])


def test_model_whose_shape_disagrees_with_manifest_is_refused(tmp_path):
    entry = model_entry(tmp_path, "cnn")
    entry["input"]["height"] = entry["input"]["width"] = 64  # the ONNX file takes 32x32
    detector = Detector.from_manifest(write_manifest(tmp_path, [entry]))
    assert detector.models == []
    assert "input shape" in str(detector.problems[0])


def test_onnx_file_that_is_not_a_model_is_refused(tmp_path):
    entry = model_entry(tmp_path, "cnn")
    (tmp_path / "cnn.onnx").write_bytes(b"not a model")
    from deepfake_desk.core.manifest import file_sha256

    entry["sha256"] = file_sha256(tmp_path / "cnn.onnx")
    detector = Detector.from_manifest(write_manifest(tmp_path, [entry]))
    assert detector.models == [] and "onnxruntime cannot load" in str(detector.problems[0])


@pytest.mark.parametrize(
    "mutate, reason",
    [
        (lambda e: e.pop("sha256"), "bad manifest entry"),
        (lambda e: e.update(id="Bad Id"), "invalid model id"),
        (lambda e: e["preprocess"].update(crop="zoom"), "unknown crop mode"),
        (lambda e: e.update(output={"meaning": "probability_real"}), "probability_fake"),
    ],
)
def test_bad_entries_are_reported(tmp_path, mutate, reason):
    good = model_entry(tmp_path, "good")
    bad = model_entry(tmp_path, "bad")
    mutate(bad)
    manifest = load_manifest(write_manifest(tmp_path, [good, bad]))
    assert manifest.model_ids == ["good"]
    assert reason in str(manifest.problems[0])


def test_unusable_manifest_raises_a_clear_error(tmp_path):
    with pytest.raises(ManifestError, match="no model manifest"):
        load_manifest(tmp_path / "absent.json")
    (tmp_path / "m.json").write_text("{not json")
    with pytest.raises(ManifestError, match="cannot read"):
        load_manifest(tmp_path / "m.json")
    (tmp_path / "m.json").write_text(json.dumps({"schema_version": 99, "models": []}))
    with pytest.raises(ManifestError, match="schema_version"):
        load_manifest(tmp_path / "m.json")
    write_manifest(tmp_path, [], bands={"t_real": 0.8, "t_fake": 0.2})
    with pytest.raises(ManifestError, match="bands"):
        load_manifest(tmp_path / "manifest.json")


def test_temperature_calibration_is_read_as_platt(tmp_path):
    entry = model_entry(tmp_path, "cnn", calibration={"method": "temperature", "temperature": 2.0})
    spec = load_manifest(write_manifest(tmp_path, [entry])).models[0]
    assert (spec.calibration.a, spec.calibration.b) == (0.5, 0.0)


def test_dissent_rule_is_read_and_checked(tmp_path):
    write_manifest(tmp_path, [], bands={"t_real": 0.2, "t_fake": 0.8, "dissent": 0.95})
    assert load_manifest(tmp_path / "manifest.json").bands.dissent == 0.95
    write_manifest(tmp_path, [], bands={"t_real": 0.2, "t_fake": 0.8})
    assert load_manifest(tmp_path / "manifest.json").bands.dissent is None
    write_manifest(tmp_path, [], bands={"t_real": 0.2, "t_fake": 0.8, "dissent": 0.4})
    with pytest.raises(ManifestError, match="dissent"):
        load_manifest(tmp_path / "manifest.json")


def test_every_listed_model_keeps_its_parsed_entry_even_when_refused(tmp_path):
    """The window's About and its table read these dataclasses, never the raw JSON."""
    folder = tmp_path / "models"
    folder.mkdir()
    good = model_entry(folder, "cnn", name="Seed CNN", weak_spots="screenshots")
    damaged = model_entry(folder, "resnet", name="ResNet-50", weak_spots=["recompressed images", "no faces"])
    (folder / "resnet.onnx").write_bytes(b"damaged")
    broken = {"id": "probe", "name": "no input section"}
    manifest = load_manifest(write_manifest(folder, [good, damaged, broken]))

    assert manifest.model_ids == ["cnn"]
    assert manifest.listed_ids == ["cnn", "resnet", "probe"]
    assert manifest.listed_spec("cnn").weak_spots == ("screenshots",)
    refused = manifest.listed_spec("resnet")
    assert refused is not None and refused.name == "ResNet-50"
    assert refused.weak_spots == ("recompressed images", "no faces")
    assert manifest.listed_spec("probe") is None  # an unreadable entry has no spec, only its problem
    assert {p.model_id for p in manifest.problems} == {"resnet", "probe"}


# --- the one writer and the one reader, on the shipped manifest (issue 32) ---

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "manifest.json"


def _copy_shipped(tmp_path: Path) -> Path:
    """The shipped manifest beside links to the shipped files, so `verify_files` holds."""
    import shutil

    folder = tmp_path / "models"
    shutil.copytree(SHIPPED.parent, folder, ignore=shutil.ignore_patterns("*.onnx"))
    for onnx in SHIPPED.parent.glob("*.onnx"):  # hard links: the reader resolves symbolic ones to models/
        try:
            os.link(onnx, folder / onnx.name)
        except OSError:
            shutil.copy(onnx, folder / onnx.name)
    return folder / "manifest.json"


def test_the_shipped_manifest_round_trips_through_the_writer(tmp_path):
    from deepfake_desk.core.manifest import lost_keys, manifest_document, write_manifest

    path = _copy_shipped(tmp_path)
    before = load_manifest(path)
    assert not before.problems and before.fusion.loso["clean"]["decided_accuracy"]["mean"] > 0
    write_manifest(before)
    after = load_manifest(path)
    assert after.models == before.models and after.fusion == before.fusion and after.bands == before.bands
    assert after.fusion.loso == before.fusion.loso and after.face_detector == before.face_detector
    assert [m.metrics for m in after.models] == [m.metrics for m in before.models]
    assert [m.training_data for m in after.models] == [m.training_data for m in before.models]
    assert after.created == before.created and after.bands.rule == before.bands.rule
    # every key of the shipped document comes back (only nulls may be left out)
    assert lost_keys(json.loads(SHIPPED.read_text()), manifest_document(after)) == []


def test_the_shipped_resnet50_is_shown_not_counted_with_its_loso_figures(tmp_path):
    """ResNet-50 (the second seed paper's network): weight 0 (shown, not counted), with the leave-one-source-out
    figures of its fold runs, and it survives training's writer unchanged."""
    from deepfake_desk.core.decision import counted_models
    from deepfake_desk.core.manifest import write_document as training_write  # training.export.write_manifest

    path = _copy_shipped(tmp_path)
    doc = json.loads(path.read_text())
    training_write(doc, path)
    manifest = load_manifest(path)
    spec = next(m for m in manifest.models if m.id == "resnet50")
    assert spec.fusion_weight == 0.0 and spec.fusion_note.startswith("not counted")
    loso = spec.metrics["leave_one_source_out"]
    assert loso and all(0.0 <= r["clean"]["auc"] <= 1.0 for r in loso.values())
    assert "resnet50" not in counted_models(manifest) and "resnet50" in manifest.listed_ids


def test_training_cannot_write_a_key_the_app_would_not_read(tmp_path):
    from deepfake_desk.core.manifest import write_document as training_write  # training.export.write_manifest

    path = _copy_shipped(tmp_path)
    doc = json.loads(path.read_text())
    doc["fusion"]["metrics_by_typo"] = {"auc": 0.9}
    with pytest.raises(ManifestError, match="fusion/metrics_by_typo"):
        training_write(doc, path)
    assert json.loads(path.read_text()) == json.loads(SHIPPED.read_text())  # nothing written


def test_the_writer_refuses_a_manifest_with_an_unreadable_entry(tmp_path):
    from deepfake_desk.core.manifest import write_manifest

    path = _copy_shipped(tmp_path)
    doc = json.loads(path.read_text())
    del doc["models"][0]["input"]
    path.write_text(json.dumps(doc))
    with pytest.raises(ManifestError, match="model 'cnn'"):
        write_manifest(load_manifest(path))
