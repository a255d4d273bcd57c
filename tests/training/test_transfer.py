"""The MobileNetV2 model: architecture matches the shipped weights, the head fit, fine-tuning, ONNX parity."""

import json
from pathlib import Path

import numpy as np
import pytest

import torch

from training import transfer

CHELSEA = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "chelsea.png"


def test_pretrained_weights_load_strictly_and_recognise_a_cat():
    from deepfake_desk.core.media import load_image
    from deepfake_desk.core.preprocess import resize_short_side

    backbone = transfer.load_pretrained_backbone()  # strict: every parameter name and shape matches
    state = torch.load(transfer.weights_path(), map_location="cpu", weights_only=True)
    rgb = resize_short_side(load_image(CHELSEA), 256)
    h, w = rgb.shape[:2]
    crop = rgb[(h - 224) // 2 : (h - 224) // 2 + 224, (w - 224) // 2 : (w - 224) // 2 + 224]
    probe = transfer.make_detector(backbone)
    with torch.no_grad():
        x = torch.from_numpy(crop.copy()).permute(2, 0, 1)[None].float() / 255
        x = (x - probe.mean) / probe.std
        logits = backbone.features(x).mean((2, 3)) @ state["classifier.1.weight"].T + state["classifier.1.bias"]
    assert int(logits.argmax()) in (281, 282, 283, 284, 285)  # ImageNet's domestic cat classes


def test_pooled_features_have_the_documented_size():
    probe = transfer.make_detector(transfer.make_backbone().eval())
    feats = transfer.extract_features(probe, np.zeros((3, 64, 64, 3), np.uint8))
    assert feats.shape == (3, transfer.FEATURES) == (3, 1752)


@pytest.fixture
def one_torch_thread():
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # tiny matrices: thread hand-offs cost more than they save
    yield
    torch.set_num_threads(threads)


def test_head_learns_and_folds_the_standardisation(one_torch_thread):
    rng = np.random.default_rng(0)

    def make(n):
        y = rng.integers(0, 2, n)
        x = rng.normal(size=(n, 6)) * [1, 10, 100, 1, 1, 1] + [0, 5, -50, 0, 0, 1000]
        x[:, 0] += 2.5 * y  # only feature 0 carries the label; others are on wild scales
        return x.astype(np.float32), y.astype(np.float64)

    (x, y), (xv, yv), (xt, yt) = make(600), make(200), make(400)
    head, val_auc, epoch = transfer.fit_head(x, y, None, xv, yv, hidden=16, epochs=60)
    assert val_auc > 0.9 and 0 <= epoch < 60
    p = 1 / (1 + np.exp(-transfer.head_logits(head, xt)))  # raw, unstandardised features
    assert ((p > 0.5) == yt).mean() > 0.85


@pytest.mark.slow
def test_onnx_export_matches_pytorch(tmp_path):
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    detector = transfer.make_detector(transfer.make_backbone().eval())
    path = transfer.export_onnx(detector, tmp_path / "m.onnx")
    crops = rng.integers(0, 256, (4, transfer.INPUT_SIZE, transfer.INPUT_SIZE, 3), dtype=np.uint8)
    assert transfer.parity(detector, path, crops) < 1e-4


def _tinted_crops(rng, n, side=232):
    """Red-tinted 'fakes' and blue-tinted 'reals' (learnable in a few steps)."""
    from tests.training.conftest import synthetic

    y = np.arange(n) % 2
    return np.stack([synthetic(rng, int(label), side, side) for label in y]), y


@pytest.mark.slow
def test_finetune_learns_checkpoints_and_resumes(tmp_path):
    from training import data

    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    images, labels = _tinted_crops(rng, 16)
    stream = data.Stream(images, labels, ["toy"] * len(labels))
    val, y_val = _tinted_crops(rng, 8, transfer.INPUT_SIZE)
    detector = transfer.make_detector(transfer.make_backbone().eval())
    before = {k: v.clone() for k, v in detector.state_dict().items()}
    recipe = transfer.FineTune(epochs=1, steps_per_epoch=3, batch=4, warmup_steps=1)
    auc, epoch = transfer.finetune(detector, stream, val, y_val, recipe, tmp_path / "ft", data.Augment.none())
    history = json.loads((tmp_path / "ft" / "history.json").read_text())
    assert [h["epoch"] for h in history["history"]] == [0, 1]  # epoch 0: the starting model
    # the model handed back is the epoch with the best validation AUC, the start included
    assert auc == max(h["val_auc"] for h in history["history"]) and epoch in (0, 1)
    kept = torch.load(tmp_path / "ft" / "best.pt", weights_only=True)
    assert all(torch.equal(kept[k], v) for k, v in detector.state_dict().items())
    epoch_state = torch.load(tmp_path / "ft" / "last.pt", weights_only=False)["model"]
    assert not torch.equal(before["features.0.0.weight"], epoch_state["features.0.0.weight"])  # backbone learnt
    assert not torch.equal(before["head.weight"], epoch_state["head.weight"])
    # BatchNorm statistics stay ImageNet's (frozen); only its scale and shift learn
    assert torch.equal(before["features.0.1.running_mean"], epoch_state["features.0.1.running_mean"])

    # a second run with one more epoch resumes after epoch 1 instead of starting again
    fresh = transfer.make_detector(transfer.make_backbone().eval())
    longer = transfer.FineTune(epochs=2, steps_per_epoch=3, batch=4, warmup_steps=1)
    transfer.finetune(fresh, stream, val, y_val, longer, tmp_path / "ft", data.Augment.none())
    history = json.loads((tmp_path / "ft" / "history.json").read_text())
    assert [h["epoch"] for h in history["history"]] == [0, 1, 2]
    probs = transfer.predict_crops(fresh, val)
    assert probs.shape == (8,) and np.all((probs >= 0) & (probs <= 1))
