"""Tiny labelled image sets made by the tests (never images from shared/data)."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

pytest.importorskip("tensorflow", reason="the training package needs the 'train' extra")


def write_image(path: Path, rgb: np.ndarray) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(rgb).save(path, quality=95) if path.suffix == ".jpg" else Image.fromarray(rgb).save(path)
    return path


def synthetic(rng: np.random.Generator, label: int, h: int = 40, w: int = 48) -> np.ndarray:
    """'Fakes' are smooth red-tinted noise, 'reals' blue-tinted: learnable in a few steps."""
    img = rng.integers(0, 120, (h, w, 3)).astype(np.uint8)
    img[..., 0 if label else 2] += 120
    return img


@pytest.fixture
def data_root(tmp_path) -> Path:
    """root/faces/toy/{real,fake} (JPEG and PNG, several sizes) and root/faces/dfdc with metadata."""
    rng = np.random.default_rng(0)
    root = tmp_path / "data"
    for i in range(20):
        for label, name in ((0, "real"), (1, "fake")):
            suffix = ".jpg" if i % 2 else ".png"
            write_image(root / "faces/toy" / name / f"{name}_{i}{suffix}", synthetic(rng, label, 40 + i, 48))
    # DFDC-like: 12 source videos, each with 2 fakes made from it
    rows = []
    for v in range(12):
        real = f"orig{v:02d}"
        write_image(root / "faces/dfdc/real" / f"{real}.jpg", synthetic(rng, 0))
        rows.append({"videoname": f"{real}.mp4", "label": "REAL", "original": ""})
        for k in range(2):
            fake = f"fake{v:02d}{k}"
            write_image(root / "faces/dfdc/fake" / f"{fake}.jpg", synthetic(rng, 1))
            rows.append({"videoname": f"{fake}.mp4", "label": "FAKE", "original": f"{real}.mp4"})
    with open(root / "faces/dfdc/metadata.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, ["videoname", "label", "original"])
        writer.writeheader()
        writer.writerows(rows)
    return root
