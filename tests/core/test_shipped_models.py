"""The models in models/: what the manifest promises holds, and the folder stays small.

These check the committed files, not code: a retrained model dropped in without its
manifest entry, or a large fp32 ResNet-50, fails here before it reaches an installer.
"""

from pathlib import Path

import numpy as np
import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.manifest import file_sha256, load_manifest

MODELS = Path(__file__).resolve().parents[2] / "models"
LIMIT_MIB = 60

pytestmark = pytest.mark.skipif(not (MODELS / "manifest.json").exists(), reason="no shipped models yet")


def test_models_folder_stays_under_the_size_limit():
    total = sum(f.stat().st_size for f in MODELS.rglob("*") if f.is_file())
    assert total < LIMIT_MIB * 2**20, f"models/ is {total / 2**20:.1f} MiB (limit {LIMIT_MIB} MiB)"


def test_every_onnx_file_is_in_the_manifest_with_its_hash():
    manifest = load_manifest(MODELS / "manifest.json")
    listed = {spec.path.name: spec for spec in manifest.models}
    if manifest.face_detector is not None:
        listed[manifest.face_detector.path.name] = manifest.face_detector
    assert set(listed) == {f.name for f in MODELS.glob("*.onnx")}
    for name, spec in listed.items():
        assert file_sha256(MODELS / name) == spec.sha256, name
    bands = manifest.bands
    assert 0 < bands.t_real <= bands.t_fake < 1


def test_shipped_models_score_an_image_in_range():
    detector = Detector(load_manifest(MODELS / "manifest.json"))
    assert detector.models and not detector.problems, detector.problems
    rng = np.random.default_rng(0)
    rgb = rng.integers(0, 256, (300, 400, 3), dtype=np.uint8)
    result = detector.analyze_image(rgb)
    assert set(result.model_probabilities) == {m.spec.id for m in detector.models}
    assert all(0.0 <= p <= 1.0 for p in result.model_probabilities.values())
    assert 0.0 <= result.fake_probability <= 1.0


def test_the_face_detector_ships_with_its_licence():
    manifest = load_manifest(MODELS / "manifest.json")
    assert manifest.face_detector is not None, manifest.problems
    licence = manifest.face_detector.licence  # carried by the dataclass: no raw JSON read
    assert "Apache License" in (MODELS / licence).read_text()
