"""Export parity (ONNX vs Keras), and a manifest written by `export` that the app's core loads."""

from __future__ import annotations

import json

import numpy as np
import pytest

from training import export, models, scoring


@pytest.fixture(scope="module")
def exported_cnn(tmp_path_factory):
    model = models.make_cnn()
    path = export.to_onnx(model, tmp_path_factory.mktemp("onnx") / "cnn.onnx")
    return model, path


def test_onnx_matches_keras_and_has_a_dynamic_batch(exported_cnn):
    import onnx

    model, path = exported_cnn
    graph = onnx.load(str(path)).graph
    dims = graph.input[0].type.tensor_type.shape.dim
    assert not dims[0].HasField("dim_value")  # dynamic batch
    assert [d.dim_value for d in dims[1:]] == [128, 128, 3]
    x = np.random.default_rng(0).random((3, 128, 128, 3), dtype=np.float32)
    diff = export.parity_check(model, path, x)
    assert diff <= export.PARITY_TOLERANCE


def test_parity_check_fails_on_a_different_model(exported_cnn, tmp_path):
    _model, path = exported_cnn
    other = models.make_cnn()  # different random weights
    x = np.random.default_rng(1).random((2, 128, 128, 3), dtype=np.float32)
    with pytest.raises(export.ParityError):
        export.parity_check(other, path, x, tolerance=1e-9)


def test_exported_manifest_is_loaded_by_the_app_and_scores_an_image(exported_cnn, tmp_path):
    from deepfake_desk.core.detector import Detector

    _model, onnx_path = exported_cnn
    folder = tmp_path / "models"
    folder.mkdir()
    target = folder / "cnn.onnx"
    target.write_bytes(onnx_path.read_bytes())
    entry = export.model_entry("cnn", target, models.CNN_INPUT,
                               old={"calibration": {"method": "platt", "a": 0.8, "b": 0.1}})
    manifest = {"schema_version": 1, "created": "2026-01-01T00:00:00Z",
                "fusion": {"method": "weighted_mean", "bias": 0.0, "metrics": {}},
                "bands": {"t_real": 0.3, "t_fake": 0.7}, "video": {"frames": 4}, "models": [entry]}
    export.write_manifest(manifest, folder / "manifest.json")
    assert json.loads((folder / "manifest.json").read_text())["models"][0]["sha256"] == entry["sha256"]

    detector = Detector.from_manifest(folder / "manifest.json")
    assert not detector.problems and [m.spec.id for m in detector.models] == ["cnn"]
    rgb = np.random.default_rng(2).integers(0, 256, (300, 200, 3), dtype=np.uint8)
    analysis = detector.analyze_image(rgb)
    assert 0.0 <= analysis.fake_probability <= 1.0
    assert set(analysis.model_probabilities) == {"cnn"}
    assert analysis.verdict in {"real", "uncertain", "fake"}
    # the evaluation's scores are the app's: raw logit -> manifest calibration == detector output
    z = scoring.raw_logits(detector, [], "clean")  # empty input is fine
    assert z["cnn"].shape == (0,)


def test_degraded_copies_keep_shape_semantics():
    rgb = np.random.default_rng(3).integers(0, 256, (64, 80, 3), dtype=np.uint8)
    assert scoring.degrade(rgb, "clean") is rgb
    j = scoring.degrade(rgb, "jpeg70")
    assert j.shape == rgb.shape and not np.array_equal(j, rgb)
    assert scoring.degrade(rgb, "down0.5").shape == (32, 40, 3)
