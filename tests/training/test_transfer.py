"""The MobileNetV2 probe: architecture matches the shipped weights, the head fit, ONNX parity."""

from pathlib import Path

import numpy as np
import pytest

import torch

from training import transfer

CHELSEA = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "chelsea.png"


def test_pretrained_weights_load_strictly_and_recognise_a_cat():
    from app.core.media import load_image
    from app.core.preprocess import resize_short_side

    backbone = transfer.load_pretrained_backbone()  # strict: every parameter name and shape matches
    state = torch.load(transfer.weights_path(), map_location="cpu", weights_only=True)
    rgb = resize_short_side(load_image(CHELSEA), 256)
    h, w = rgb.shape[:2]
    crop = rgb[(h - 224) // 2 : (h - 224) // 2 + 224, (w - 224) // 2 : (w - 224) // 2 + 224]
    probe = transfer.make_detector(backbone, np.zeros(1752, np.float32), 0.0)
    with torch.no_grad():
        x = torch.from_numpy(crop.copy()).permute(2, 0, 1)[None].float() / 255
        x = (x - probe.mean) / probe.std
        logits = backbone.features(x).mean((2, 3)) @ state["classifier.1.weight"].T + state["classifier.1.bias"]
    assert int(logits.argmax()) in (281, 282, 283, 284, 285)  # ImageNet's domestic cat classes


def test_pooled_features_have_the_documented_size():
    probe = transfer.make_detector(transfer.make_backbone().eval(), np.zeros(1752, np.float32), 0.0)
    feats = transfer.extract_features(probe, np.zeros((3, 64, 64, 3), np.uint8))
    assert feats.shape == (3, 1752)


def test_logistic_head_separates_and_folds_the_standardisation():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 400)
    x = rng.normal(size=(400, 5)) * [1, 10, 100, 1, 1] + [0, 5, -50, 0, 0]
    x[:, 0] += 3 * y  # only feature 0 carries the label
    w, b = transfer.fit_logistic(x.astype(np.float32), y.astype(np.float64), l2=1e-3)
    p = 1 / (1 + np.exp(-(x @ w + b)))
    assert ((p > 0.5) == y).mean() > 0.9
    assert abs(w[0]) > 10 * max(abs(w[1]) * 10, abs(w[2]) * 100)  # standardised scale: feature 0 dominates


@pytest.mark.slow
def test_onnx_export_matches_pytorch(tmp_path):
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    detector = transfer.make_detector(transfer.make_backbone().eval(), rng.normal(0, 0.01, 1752).astype(np.float32), 0.1)
    path = transfer.export_onnx(detector, tmp_path / "m.onnx")
    crops = rng.integers(0, 256, (4, transfer.INPUT_SIZE, transfer.INPUT_SIZE, 3), dtype=np.uint8)
    assert transfer.parity(detector, path, crops) < 1e-4
