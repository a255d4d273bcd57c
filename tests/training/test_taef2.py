"""TAEF2 rebuilt from the weights' facts: its state dicts load and it reconstructs a photo closely."""

import numpy as np
import pytest

from training import taef2

torch = pytest.importorskip("torch")
pytestmark = pytest.mark.skipif(not (taef2.WEIGHTS / "taef2_encoder.pth").exists(), reason="needs ../shared/weights")


def test_taef2_loads_its_weights_and_reconstructs_a_picture_closely():
    ae = taef2.autoencoder()  # load_state_dict is strict: every layer matches the published weights
    rng = np.random.default_rng(0)
    yy, xx = np.mgrid[0:61, 0:75]
    smooth = np.stack([128 + 90 * np.sin(xx / 9 + k) * np.cos(yy / 13) for k in range(3)], -1)
    rgb = taef2.crop8(np.clip(smooth + rng.normal(0, 2, smooth.shape), 0, 255).astype(np.uint8))
    assert rgb.shape == (56, 72, 3)
    m = taef2.reconstruction_measures(ae, rgb)
    assert 10 * np.log10(1 / m["mse"]) > 25  # a faithful reconstruction (the real one is ~37 dB on photos)
    noisy = np.clip(rgb + rng.normal(0, 40, rgb.shape), 0, 255).astype(np.uint8)
    assert taef2.reconstruction_measures(ae, noisy)["mse"] > 3 * m["mse"]  # noise does not come back
