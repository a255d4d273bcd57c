"""The real-photo bank a taught detector is held against (core.learn.real_bank): features of licence-clean
real photos of many kinds, computed by the shipped feature model exactly as `learn` computes an example's.

    python -m training realbank        # ../shared/data/photos/real -> models/real_bank_<model>.npz

Only photos the project may ship are used (../shared/data/README.md: photos/real, Apache-2.0 / BSD / GPL /
LGPL / CC-BY(-SA) / CC0, each with its attribution in that README); the bank holds their pooled features,
not the pictures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deepfake_desk.core.detector import OnnxModel
from deepfake_desk.core.examples import read_examples
from deepfake_desk.core.learn import BANK_FILE, feature_model
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.scan import iter_media_files
from training import data, export

PHOTOS = data.DEFAULT_DATA_ROOT / "photos" / "real"


def build(photos: Path = PHOTOS, models_dir: Path | None = None, log=print) -> Path:
    models_dir = Path(models_dir or export.MODELS_DIR)
    manifest = load_manifest(models_dir / "manifest.json")
    spec = feature_model(manifest)
    model = OnnxModel(spec)
    files = [(item.path, 0) for item in iter_media_files([photos])]
    feats, names = [], []
    for _, path, got in read_examples(files, manifest, model):
        if isinstance(got, str):
            log(f"  skipped {path}: {got}")
            continue
        feats.append(got.features)  # the whole picture, as a taught detector's head scores it
        names.append(Path(path).name)
    out = models_dir / BANK_FILE.format(model=spec.id)
    np.savez_compressed(out, features=np.stack(feats).astype(np.float32), model_sha256=np.array(spec.sha256),
                        files=np.array(names), source=np.array("../shared/data/photos/real (licence-clean, see its README)"))
    log(f"wrote {out}: {len(feats)} real photos, {feats[0].size} features each")
    return out


def main(argv: list[str] | None = None) -> None:
    build()
