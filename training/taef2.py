"""TAEF2, the tiny autoencoder of the FLUX.2 VAE (madebyollin/taesd, MIT), rebuilt from the facts in
../shared/weights/README.md so that its state dicts load, and the reconstruction-error measures taken
with it (AEROBLADE, Ricker et al., CVPR 2024: a latent diffusion model's images come back from an
autoencoder of that family with less error than camera photos do)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from training.data import DEFAULT_DATA_ROOT
from training.features import laplacian_energy

WEIGHTS = DEFAULT_DATA_ROOT.parent / "weights"  # ../shared/weights


def _modules():
    import torch
    from torch import nn

    def conv(n_in, n_out, **kw):
        return nn.Conv2d(n_in, n_out, 3, padding=1, **kw)

    class Block(nn.Module):
        def __init__(self, n_in, n_out, mid=False):
            super().__init__()
            self.conv = nn.Sequential(conv(n_in, n_out), nn.ReLU(), conv(n_out, n_out), nn.ReLU(), conv(n_out, n_out))
            self.skip = nn.Conv2d(n_in, n_out, 1, bias=False) if n_in != n_out else nn.Identity()
            self.pool = (nn.Sequential(nn.Conv2d(64, 256, 1, bias=False), nn.GroupNorm(4, 256), nn.ReLU(),
                                       nn.Conv2d(256, 64, 1, bias=False)) if mid else None)
            self.fuse = nn.ReLU()

        def forward(self, x):
            if self.pool is not None:
                x = x + self.pool(x)
            return self.fuse(self.conv(x) + self.skip(x))

    class Clamp(nn.Module):
        def forward(self, x):
            return torch.tanh(x / 3) * 3

    def encoder():
        return nn.Sequential(
            conv(3, 64), Block(64, 64),
            conv(64, 64, stride=2, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
            conv(64, 64, stride=2, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
            conv(64, 64, stride=2, bias=False), Block(64, 64, True), Block(64, 64, True), Block(64, 64, True),
            conv(64, 32))

    def decoder():
        up = lambda: nn.Upsample(scale_factor=2)  # noqa: E731 (nearest)
        return nn.Sequential(
            Clamp(), conv(32, 64), nn.ReLU(),
            Block(64, 64, True), Block(64, 64, True), Block(64, 64, True),
            up(), conv(64, 64, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
            up(), conv(64, 64, bias=False), Block(64, 64), Block(64, 64), Block(64, 64),
            up(), conv(64, 64, bias=False), Block(64, 64), conv(64, 3))

    return torch, nn, encoder, decoder


def autoencoder(weights: Path = WEIGHTS):
    """The encoder+decoder as one torch module: [0, 1] RGB NCHW (sides multiples of 8) -> its
    reconstruction, clamped to [0, 1]."""
    torch, nn, encoder, decoder = _modules()

    class AutoEncoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder, self.decoder = encoder(), decoder()

        def forward(self, x):
            return self.decoder(self.encoder(x)).clamp(0, 1)

    ae = AutoEncoder()
    ae.encoder.load_state_dict(torch.load(weights / "taef2_encoder.pth", map_location="cpu"))
    ae.decoder.load_state_dict(torch.load(weights / "taef2_decoder.pth", map_location="cpu"))
    return ae.eval()


def crop8(rgb: np.ndarray) -> np.ndarray:
    """The centred crop whose sides are multiples of 8 (what the autoencoder takes)."""
    h, w = (rgb.shape[0] // 8) * 8, (rgb.shape[1] // 8) * 8
    y, x = (rgb.shape[0] - h) // 2, (rgb.shape[1] - w) // 2
    return rgb[y : y + h, x : x + w]


def reconstruction_measures(ae, rgb: np.ndarray) -> dict[str, float]:
    """How far TAEF2's reconstruction of `rgb` (uint8 HxWx3, sides multiples of 8) is from it:
    mean squared error, the error's high-frequency energy, and both divided by the picture's own
    high-frequency energy (so that a sharp picture's larger error is not taken for a camera's)."""
    import torch

    x = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1)[None].float() / 255
    with torch.inference_mode():
        err = (ae(x) - x)[0].numpy()
    mse, hf = float(np.mean(err ** 2)), laplacian_energy(err.mean(0))
    own = laplacian_energy(x[0].numpy().mean(0)) + 1e-9
    return {"mse": mse, "error_hf": hf, "mse / sharpness": mse / own, "error_hf / sharpness": hf / own,
            "sharpness": own}


def measure(per_class: int = 30, crop: int = 192, out: Path | None = None) -> dict:
    """AEROBLADE's test on our sources, training-free: ROC AUC per source of "lower reconstruction
    error means fake", on `per_class` seeded train+val images per source and class (centre `crop`
    px of the app's view). Written to training/reports/taef2_reconstruction.json."""
    import json
    import random

    import torch

    from training import data, features
    from training.metrics import roc_auc

    torch.set_num_threads(2)
    ae = autoencoder()
    sets = data.load_sets()
    pick_from = {s.path for split in ("train", "val") for s in sets[split]}
    groups: dict[tuple, list] = {}
    for s in features.all_samples():
        if s.path in pick_from:
            groups.setdefault((s.source, s.label), []).append(s)
    rows = []
    for key in sorted(groups):
        for s in random.Random(str(key)).sample(groups[key], min(per_class, len(groups[key]))):
            rgb = crop8(features.view(features.load_image(s.path), crop))
            rows.append((s.source, s.label, reconstruction_measures(ae, rgb)))
        print(f"  {key}: {min(per_class, len(groups[key]))} images", flush=True)
    report = {}
    for src in sorted({r[0] for r in rows}):
        mine = [r for r in rows if r[0] == src]
        y = np.array([r[1] for r in mine])
        report[src] = {k: round(float(roc_auc(y, -np.array([r[2][k] for r in mine]))), 3) for k in mine[0][2]}
    doc = {"measure": f"ROC AUC of -measure (lower error = fake) on {per_class} train+val images per source and "
                      f"class, centre {crop} px of the app's view; 'sharpness' is the picture's own "
                      "high-frequency energy (the control, here negated)",
           "command": f"python -m training taef2 --per-class {per_class} --crop {crop}", "per_source": report}
    out = out or data.TRAINING_DIR / "reports" / "taef2_reconstruction.json"
    out.write_text(json.dumps(doc, indent=1) + "\n")
    print(json.dumps(report, indent=1))
    return doc
