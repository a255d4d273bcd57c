"""training/fewshot_video.py: the made video shows the face moving across the photo, every frame, seeded; the
card's table says the measured figures."""

from __future__ import annotations

import json

import numpy as np

from deepfake_desk.core.media import read_video_frames
from training import card_adapt, fewshot_video


def red_square(rgb: np.ndarray) -> tuple[float, float, int]:
    """Centre (x, y) and pixel count of the pure red square in a decoded frame."""
    red = (rgb[..., 0] > 200) & (rgb[..., 1] < 60) & (rgb[..., 2] < 60)
    ys, xs = np.nonzero(red)
    return float(xs.mean()), float(ys.mean()), int(red.sum())


def test_the_face_drifts_across_the_photo_in_every_frame(tmp_path):
    face = np.zeros((64, 64, 3), np.uint8)
    face[..., 0] = 255
    background = np.full((600, 900, 3), 40, np.uint8)
    path = fewshot_video.make_video(face, background, 7, tmp_path / "a.mp4")
    clip = read_video_frames(path, 24)
    assert len(clip.frames) == int(fewshot_video.SECONDS * fewshot_video.FPS) and clip.frames[0].shape == (600, 900, 3)
    first, last = red_square(clip.frames[0]), red_square(clip.frames[-1])
    for _, _, area in (first, last):
        assert (0.2 * 600) ** 2 * 0.8 <= area <= (0.3 * 600) ** 2 * 1.2  # a fifth to a third of the shorter side
    assert abs(first[0] - last[0]) + abs(first[1] - last[1]) > 2  # it moved
    again = read_video_frames(fewshot_video.make_video(face, background, 7, tmp_path / "b.mp4"), 24)
    assert red_square(again.frames[-1]) == last  # seeded
    other = np.zeros((64, 64, 3), np.uint8)
    other[..., 2] = 255  # a blue square: the face it is swapped for from the middle on
    half = read_video_frames(fewshot_video.make_video(face, background, 7, tmp_path / "c.mp4", other), 24).frames
    assert red_square(half[0])[2] > 0.8 * first[2] and not ((half[-1][..., 0] > 200) & (half[-1][..., 1] < 60)).any()
    assert (half[-1][..., 2] > 200).sum() > 0.8 * first[2]


def test_the_card_table_says_each_way_of_teaching(tmp_path, monkeypatch):
    report = {"source": "faces/x", "face_share": [0.2, 0.3], "frame_long_side": 1280, "seconds": 2.0, "fps": 12.0,
              "draws": 2, "test_videos": {"fake": 40, "real": 40}, "frames_sampled": 16,
              "summary": {"k=20, videos, 4 frames each (what learn reads)": {"auc": 0.981, "check_auc": 0.99, "fakes_called_fake": 0.4,
                                           "reals_turned_fake": 0.0, "seconds": 41.2,
                                           "half_swapped_called_fake": 0.3, "half_swapped_called_fake_by_the_mean": 0.05},
                          "k=20, one still a video": {"auc": 0.912, "check_auc": 0.95, "fakes_called_fake": 0.2,
                                                      "reals_turned_fake": 0.025, "seconds": 3.1}}}
    (tmp_path / "fewshot_video.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.video_lines())
    assert "| 20 | videos, 4 frames each (what learn reads) | 0.981 | 0.99 | 40% | 0% | 30% / 5% | 41 s |" in text
    assert "| 20 | one still a video | 0.912 | 0.95 | 20% | 2% | - / - | 3 s |" in text
    assert "At each k the AUCs lie within 0.069 of each other" in text
    assert "scans 40 fake and 40 real videos" in text and "as a scan spreads its 16" in text
