"""Faces in large pictures are scored on their own; small pictures (face crops) are scored whole."""

import json
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.faces import FaceBox, face_crop, find_faces, shows_face
from deepfake_desk.core.manifest import FaceDetectorSpec, file_sha256, load_manifest
from deepfake_desk.core.media import load_image
from tests.conftest import SHIPPED_FACE_DETECTOR

ASTRONAUT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "astronaut.png"


@pytest.fixture(scope="module")
def yunet() -> FaceDetectorSpec:
    return FaceDetectorSpec(SHIPPED_FACE_DETECTOR, file_sha256(SHIPPED_FACE_DETECTOR))


def test_finds_the_astronauts_face(yunet):
    boxes = find_faces(load_image(ASTRONAUT), yunet)
    assert len(boxes) == 1
    x, y, w, h = boxes[0].as_tuple()
    assert 150 < x < 210 and 40 < y < 100 and 70 < w < 130  # the face is at about (177, 66), 95 px
    assert boxes[0].score >= yunet.score_threshold


def test_boxes_are_in_the_coordinates_of_the_picture_given(yunet):
    big = np.asarray(Image.open(ASTRONAUT).convert("RGB").resize((2048, 2048)))  # searched on a 640 px copy
    (box,) = find_faces(big, yunet)
    assert 600 < box.x < 840 and 160 < box.y < 400 and 280 < box.w < 520


def test_shows_face_counts_a_face_however_large(yunet):
    """learn's warning counts pictures with a face, face crops included (find_faces leaves those whole)."""
    astronaut = load_image(ASTRONAUT)
    crop = astronaut[20:150, 120:250]  # the face fills most of it
    assert find_faces(crop, yunet) == [] and shows_face(crop, yunet)
    assert shows_face(astronaut, yunet)
    assert not shows_face(np.random.default_rng(1).integers(0, 256, (300, 400, 3), dtype=np.uint8), yunet)


def test_no_faces_in_noise(yunet):
    rng = np.random.default_rng(1)
    assert find_faces(rng.integers(0, 256, (600, 800, 3), dtype=np.uint8), yunet) == []


def test_no_faces_in_flat_geometric_drawings(yunet):
    # circles with dots and bars: the kind of shapes the Haar cascade took for faces
    img = Image.new("RGB", (900, 600), (235, 230, 220))
    pen = ImageDraw.Draw(img)
    for i, (x, y) in enumerate([(100, 100), (400, 150), (650, 300), (200, 380)]):
        pen.ellipse([x, y, x + 160, y + 160], fill=(200 - 30 * i, 150, 90), outline=(0, 0, 0), width=4)
        pen.ellipse([x + 40, y + 50, x + 60, y + 70], fill=(0, 0, 0))
        pen.ellipse([x + 100, y + 50, x + 120, y + 70], fill=(0, 0, 0))
        pen.rectangle([x + 50, y + 110, x + 110, y + 120], fill=(0, 0, 0))
    pen.polygon([(500, 450), (600, 580), (400, 580)], fill=(20, 60, 160))
    assert find_faces(np.asarray(img), yunet) == []


def test_a_damaged_face_detector_is_a_problem_and_models_still_work(manifest_path):
    (manifest_path.parent / SHIPPED_FACE_DETECTOR.name).write_bytes(b"not the detector")
    manifest = load_manifest(manifest_path)
    assert manifest.face_detector is None
    assert any(p.model_id == "face_detector" and "sha256" in p.reason for p in manifest.problems)
    result = Detector(manifest, threads=1).analyze_file(ASTRONAUT)
    assert result.ok and result.faces == []


def test_face_crop_is_a_square_with_margin_clipped_to_the_image():
    rgb = np.zeros((200, 300, 3), np.uint8)
    assert face_crop(rgb, FaceBox(100, 50, 40, 40), margin=0.5).shape == (80, 80, 3)
    assert face_crop(rgb, FaceBox(0, 0, 40, 40), margin=0.5).shape == (80, 80, 3)  # shifted inside
    assert face_crop(rgb, FaceBox(150, 20, 160, 160), margin=0.5).shape == (200, 300, 3)  # clipped


def test_large_picture_is_judged_by_its_most_suspicious_face(detector):
    result = detector.analyze_file(ASTRONAUT)
    assert result.ok and len(result.faces) == 1
    face = result.faces[0]
    assert result.fake_probability == pytest.approx(face["fake_probability"])
    assert result.whole_image_probability is not None
    assert result.whole_image_probability != pytest.approx(face["fake_probability"])
    assert any("most suspicious face" in line for line in result.decision_lines())


@pytest.mark.parametrize("policy", [None, {"min_image_side": 1000}])
def test_face_search_follows_the_manifest(manifest_path, policy):
    doc = json.loads(manifest_path.read_text())
    if policy is None:
        del doc["face_detector"]
    else:
        doc["face_detector"].update(policy)
    manifest_path.write_text(json.dumps(doc))
    result = Detector.from_manifest(manifest_path).analyze_file(ASTRONAUT)
    assert result.ok and result.faces == [] and result.whole_image_probability is None


def test_face_search_in_parallel_scan_workers_does_not_crash(detector, tmp_path):
    import shutil

    from deepfake_desk.core.scan import scan_paths

    for i in range(8):
        shutil.copy(ASTRONAUT, tmp_path / f"{i}.png")
    results = list(scan_paths([tmp_path], detector, workers=2))
    assert len(results) == 8 and all(len(r.faces) == 1 for r in results)
