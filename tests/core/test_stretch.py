"""Videos are as suspicious as their worst stretch: runs of fake frames, times in words, computer-drawn videos."""

import cv2
import numpy as np
import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.stretch import Stretch, clock, fake_stretches, stretch_words, worst_stretch
from deepfake_desk.core.verdict import Verdict
from tests.conftest import model_entry, write_manifest


def test_runs_of_fake_frames():
    p = [0.1, 0.9, 0.2, 0.95, 0.9, 0.99, 0.1, 0.8]
    assert fake_stretches(p, 0.7) == [Stretch(1, 1), Stretch(3, 5), Stretch(7, 7)]
    assert worst_stretch(p, 0.7) == Stretch(3, 5)
    assert worst_stretch([0.1, 0.9, 0.2, 0.9, 0.1], 0.7) is None  # isolated frames never decide
    assert worst_stretch([0.9], 0.7) == Stretch(0, 0)  # ... unless the video has only one sampled frame
    # a frame the models cannot judge breaks a run
    assert worst_stretch([0.9, 0.9, 0.9], 0.7, usable=[True, False, True]) is None


def test_times_in_words():
    assert clock(8.4) == "0:08" and clock(75) == "1:15" and clock(3725) == "1:02:05"
    assert stretch_words(Stretch(1, 2), [0.0, 8.0, 16.0]) == "frames at 0:08-0:16 look fake"


def textured_video(path, tints_bgr, size=(96, 72), fps=2.0, fourcc="MJPG"):
    """Frames of camera-like grain (no flat areas, thousands of colours), each tinted: the colour
    models call red-tinted frames fake and blue-tinted ones real."""
    rng = np.random.default_rng(0)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, size)
    assert writer.isOpened()
    for tint in tints_bgr:
        grain = rng.normal(0, 28, (size[1], size[0], 3))
        writer.write(np.clip(np.array(tint, float) + grain, 0, 255).astype(np.uint8))
    writer.release()


@pytest.fixture
def checking_detector(tmp_path):
    """The colour models, with the not-assessable check on (as for the shipped models)."""
    folder = tmp_path / "models"
    folder.mkdir()
    path = write_manifest(folder, [model_entry(folder, "cnn", weight=0.6), model_entry(folder, "gan", "NCHW", weight=0.4)],
                          assessable={"enabled": True})
    return Detector.from_manifest(path, threads=1)


def test_half_fake_video_is_fake_with_the_worst_time(checking_detector, tmp_path):
    # 20 s at 2 fps: the first 10 s look real (blue), the last 10 s fake (red)
    path = tmp_path / "half.avi"
    textured_video(path, [(200, 60, 60)] * 20 + [(60, 60, 200)] * 20)
    result = checking_detector.analyze_file(path, frames=8)
    assert result.ok and result.frames == 8 and all(result.frame_assessable)
    assert result.verdict == Verdict.FAKE
    assert result.fake_frame_share == pytest.approx(0.5)
    fake_times = [t for t, p in zip(result.frame_times, result.frame_probabilities) if p >= 0.7]
    assert len(fake_times) == 4 and min(fake_times) >= 10.0
    assert result.fake_stretch == (min(fake_times), max(fake_times))
    assert 10.0 <= result.worst_frame_time <= 20.0
    assert result.worst_frame_time == result.frame_times[result.worst_frames[0]]
    note = next(n for n in result.notes if "look fake" in n)
    assert note.startswith(f"frames at {clock(min(fake_times))}-{clock(max(fake_times))} look fake")
    # the mean over all frames (what the app reported before) would have been uncertain
    assert 0.3 <= np.mean(result.frame_probabilities) < 0.7


def test_one_fake_frame_alone_does_not_make_the_video_fake(checking_detector, tmp_path):
    path = tmp_path / "blip.avi"
    # 8 frames sampled from 8: one red frame among blue ones
    textured_video(path, [(200, 60, 60)] * 4 + [(60, 60, 200)] + [(200, 60, 60)] * 3)
    result = checking_detector.analyze_file(path, frames=8)
    assert result.verdict != Verdict.FAKE and result.fake_stretch is None
    assert result.fake_frame_share == pytest.approx(1 / 8)
    assert any("does not decide" in n for n in result.notes)


def test_computer_drawn_moving_shapes_video_is_not_assessable(checking_detector, tmp_path):
    path = tmp_path / "shapes.mp4"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 10, (160, 120))
    assert writer.isOpened()
    for i in range(40):
        frame = np.full((120, 160, 3), (40, 160, 60), np.uint8)  # flat green background
        cv2.circle(frame, (10 + 3 * i, 60), 18, (30, 30, 220), -1)  # a red ball rolling right
        cv2.rectangle(frame, (120 - 2 * i, 10), (150 - 2 * i, 40), (220, 200, 40), -1)
        writer.write(frame)
    writer.release()
    result = checking_detector.analyze_file(path, frames=8)
    assert result.ok and result.verdict == Verdict.NOT_ASSESSABLE
    assert "computer graphics" in result.not_assessable_reason and "of 8 sampled frames" in result.not_assessable_reason
    assert result.wording.headline == "Not assessable by these models"
    assert result.frame_probabilities and result.model_probabilities  # scores kept, for reference


def test_a_taught_detector_judges_a_video_by_its_own_worst_stretch():
    from deepfake_desk.core.stretch import taught_stretch

    scores = [0.1, 0.2, 0.95, 0.97, 0.99, 0.15]
    familiar = [True, True, True, False, True, True]
    found = taught_stretch("swapper", scores, 0.9, familiar, [0.0, 2.0, 4.0, 6.0, 8.0, 10.0])
    assert found is not None and (found.stretch.first, found.stretch.last) == (2, 4)
    assert found.score == pytest.approx((0.95 + 0.97 + 0.99) / 3) and found.familiar  # 2 of its 3 frames
    assert found.note.startswith("your detector 'swapper': frames at 0:04-0:08 look like the fakes it was taught")
    assert taught_stretch("swapper", [0.1, 0.95, 0.1, 0.2], 0.9, [True] * 4) is None  # one frame alone
    assert taught_stretch("swapper", scores, 0.9, familiar, usable=[True, True, True, False, True, True]) is None
