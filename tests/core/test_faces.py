"""Faces in large pictures are scored on their own; small pictures (face crops) are scored whole."""

import json
from pathlib import Path

import numpy as np
import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.faces import FaceBox, face_crop, find_faces
from deepfake_desk.core.media import load_image

ASTRONAUT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "astronaut.png"


def test_finds_the_astronauts_face():
    boxes = find_faces(load_image(ASTRONAUT))
    assert len(boxes) == 1
    x, y, w, h = boxes[0].as_tuple()
    assert 150 < x < 210 and 40 < y < 100 and 70 < w < 130  # the face is at about (177, 66), 95 px


def test_no_faces_in_noise():
    rng = np.random.default_rng(1)
    assert find_faces(rng.integers(0, 256, (600, 800, 3), dtype=np.uint8)) == []


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
    assert any("face" in note for note in result.notes)


@pytest.mark.parametrize("policy", [{"enabled": False}, {"min_image_side": 1000}])
def test_face_search_follows_the_manifest(manifest_path, policy):
    doc = json.loads(manifest_path.read_text())
    doc["faces"] = policy
    manifest_path.write_text(json.dumps(doc))
    result = Detector.from_manifest(manifest_path).analyze_file(ASTRONAUT)
    assert result.ok and result.faces == [] and result.whole_image_probability is None


def test_face_search_in_parallel_scan_workers_does_not_crash(detector, tmp_path):
    # a shared cv2.CascadeClassifier segfaults when two threads use it at once
    import shutil

    from deepfake_desk.core.scan import scan_paths

    for i in range(8):
        shutil.copy(ASTRONAUT, tmp_path / f"{i}.png")
    results = list(scan_paths([tmp_path], detector, workers=2))
    assert len(results) == 8 and all(len(r.faces) == 1 for r in results)
