"""Scoring files: images, videos, preprocessing and the per-model / fused probabilities."""

import numpy as np
import pytest

from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.preprocess import crop_boxes, model_inputs
from tests.conftest import BLUE, GREY, RED, solid
from tests.core.test_media import write_video


def test_red_is_fake_blue_is_real_grey_is_uncertain(detector):
    for colour, verdict in ((RED, "fake"), (BLUE, "real"), (GREY, "uncertain")):
        analysis = detector.analyze_image(np.asarray(solid(colour)))
        assert analysis.verdict == verdict
        assert set(analysis.model_probabilities) == {"cnn", "gan"}
        cnn, gan = analysis.model_probabilities["cnn"], analysis.model_probabilities["gan"]
        assert analysis.fake_probability == pytest.approx(0.6 * cnn + 0.4 * gan)


def test_five_crops_cover_centre_and_corners(manifest_path):
    spec = load_manifest(manifest_path).models[0]  # NHWC, 32 px, short side 48, five crops
    rgb = np.zeros((60, 80, 3), np.uint8)
    rgb[:30, :40] = 255  # top-left quarter white
    x = model_inputs(rgb, spec)
    assert x.shape == (5, 32, 32, 3) and x.dtype == np.float32
    assert x.max() <= 1.0 and x.min() >= 0.0
    # resized to 48x64 the white quarter is 24x32: it fills 3/4 of the top-left crop
    assert x[1].mean() == pytest.approx(0.75, abs=0.03) and x[4].mean() < 0.01
    assert crop_boxes(48, 64, 32, 32, "five") == [(8, 16), (0, 0), (0, 32), (16, 0), (16, 32)]


def test_nchw_model_gets_channels_first_in_its_range(manifest_path):
    spec = load_manifest(manifest_path).models[1]
    x = model_inputs(np.full((10, 10, 3), 255, np.uint8), spec)  # smaller than the crop: upscaled
    assert x.shape == (5, 3, 32, 32)
    assert x.max() == pytest.approx(1.0) and x.min() == pytest.approx(1.0)


def test_analyze_file_image(detector, tmp_path):
    solid(RED, (300, 200)).save(tmp_path / "red.jpg")
    result = detector.analyze_file(tmp_path / "red.jpg", preview=True)
    assert result.ok and result.kind == "image" and result.verdict == "fake"
    assert (result.width, result.height) == (300, 200)
    assert len(result.sha256) == 64 and result.size_bytes == (tmp_path / "red.jpg").stat().st_size
    assert result.preview[0].shape == (200, 300, 3)


def test_analyze_file_video_reports_frames_share_and_worst(detector, tmp_path):
    # 10 blue frames then 30 red (BGR colours): 3/4 of the sampled frames are fake
    path = tmp_path / "clip.avi"
    write_video(path, [(220, 30, 30)] * 10 + [(30, 30, 220)] * 30)
    result = detector.analyze_file(path, frames=8)
    assert result.ok and result.kind == "video" and result.frames == 8
    assert len(result.frame_probabilities) == 8 and len(result.frame_indices) == 8
    assert result.fake_frame_share == pytest.approx(0.75)
    # the verdict's score is the worst stretch's (the 6 red frames), not the mean over all frames
    red = [p for p in result.frame_probabilities if p >= 0.7]
    assert len(red) == 6 and result.fake_probability == pytest.approx(np.mean(red))
    assert result.verdict == "fake" and result.fake_stretch is not None
    worst = result.worst_frames[0]
    assert result.frame_indices[worst] >= 10 and result.frame_probabilities[worst] == max(result.frame_probabilities)


def test_file_with_unknown_content_is_an_error_result(detector, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    result = detector.analyze_file(tmp_path / "notes.txt")
    assert result.error == "not a supported image or video file" and result.verdict == ""


def test_no_usable_model_gives_error_rows_not_crashes(manifest_path, tmp_path):
    from deepfake_desk.core.detector import Detector

    for name in ("cnn.onnx", "gan.onnx"):
        (manifest_path.parent / name).write_bytes(b"broken")
    detector = Detector.from_manifest(manifest_path)
    solid(RED).save(tmp_path / "r.png")
    assert detector.models == [] and len(detector.problems) == 2
    assert "no usable detection model" in detector.analyze_file(tmp_path / "r.png").error


def test_a_model_that_strongly_contradicts_the_fusion_makes_the_verdict_uncertain(tmp_path):
    from deepfake_desk.core.detector import Detector
    from tests.conftest import model_entry, write_manifest

    folder = tmp_path / "models"
    folder.mkdir()
    # 'contrarian' is the colour model with its calibration inverted: red -> real, sure of it;
    # its tiny fusion weight leaves the fused score to 'cnn'
    models = [model_entry(folder, "cnn", weight=1.0),
              model_entry(folder, "contrarian", weight=0.01, calibration={"method": "platt", "a": -1.0, "b": 0.0})]
    solid(RED, (300, 200)).save(tmp_path / "red.jpg")

    path = write_manifest(folder, models, bands={"t_real": 0.3, "t_fake": 0.7, "dissent": 0.95})
    result = Detector.from_manifest(path, threads=1).analyze_file(tmp_path / "red.jpg")
    assert result.fake_probability >= 0.7 and result.model_probabilities["contrarian"] <= 0.05
    assert result.verdict == "uncertain"
    assert any("combined score (" in n and "says likely fake" in n and "CONTRARIAN says <1% chance of fake" in n
               for n in result.decision_lines()), result.reasons
    assert result.decided_by == "models" and [r.code for r in result.reasons] == ["dissent"]

    path = write_manifest(folder, models, bands={"t_real": 0.3, "t_fake": 0.7})  # no dissent rule
    assert Detector.from_manifest(path, threads=1).analyze_file(tmp_path / "red.jpg").verdict == "fake"
