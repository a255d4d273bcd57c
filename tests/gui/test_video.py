"""A video is as suspicious as its worst stretch: the window shows the score over time."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt

from tests.gui.conftest import wait_idle


def half_fake_video(path, frames: int = 80, fps: int = 10) -> None:
    """Blue (real to the tiny models) for the first half, red (fake) for the second."""
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (96, 64))
    for i in range(frames):
        bgr = np.zeros((64, 96, 3), np.uint8)
        bgr[:] = (220, 30, 30) if i < frames // 2 else (30, 30, 220)
        writer.write(bgr)
    writer.release()


@pytest.fixture
def video_window(qtbot, window, tmp_path, settings):
    settings.setValue("video_frames", 8)
    path = tmp_path / "half_fake.avi"
    half_fake_video(path)
    window.open_paths([str(path)])
    wait_idle(qtbot, window)
    return window


def test_the_chart_plots_each_frame_at_its_time_and_score(qtbot, video_window):
    result = video_window.results.results[0]
    chart = video_window.preview.chart
    assert chart.isVisible()
    assert chart.times == result.frame_times and chart.scores == result.frame_probabilities
    assert len(chart.times) == 8
    points = [chart.point(i) for i in range(8)]
    assert [p.x() for p in points] == sorted(p.x() for p in points)  # time runs left to right
    low, high = min(range(8), key=lambda i: result.frame_probabilities[i]), max(
        range(8), key=lambda i: result.frame_probabilities[i])
    assert points[high].y() < points[low].y()  # a fake frame is drawn higher
    # the fake second half is higher than the real first half
    assert all(points[i].y() < points[j].y() for i in range(4, 8) for j in range(4))
    # the worst frame is the one shown
    assert result.frame_probabilities[chart.current] == max(result.frame_probabilities)


def test_clicking_the_chart_shows_that_frame(qtbot, video_window):
    chart = video_window.preview.chart
    first = chart.point(0)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(int(first.x()), int(first.y())))
    assert chart.current == 0 and video_window.preview.strip.current == 0
    assert video_window.preview.caption.text().startswith("Frame 1 of 8 at 0:00")


def test_the_strip_puts_the_worst_frames_first(video_window):
    result = video_window.results.results[0]
    strip = video_window.preview.strip
    drawn = [result.frame_probabilities[i] for i in strip.order]
    assert drawn == sorted(drawn, reverse=True)
    assert set(strip.order[:4]) == {4, 5, 6, 7}  # the fake half leads
    assert strip.highlighted == [4, 5, 6, 7]


def test_an_image_has_no_chart(qtbot, window, media_folder):
    window.open_paths([str(media_folder / "blue.png")])
    wait_idle(qtbot, window)
    assert window.preview.chart.isHidden() and window.preview.strip.isHidden()


def test_the_fake_stretch_is_shaded_and_named(qtbot, video_window):
    result = video_window.results.results[0]
    assert result.verdict == "fake" and result.fake_stretch is not None  # the red half decides (worst stretch)
    chart = video_window.preview.chart
    shade = chart.stretch_rect()
    fake = [i for i, p in enumerate(result.frame_probabilities) if p >= 0.7]
    assert shade.left() <= chart.point(fake[0]).x() and chart.point(fake[-1]).x() <= shade.right()
    assert shade.right() < chart.point(fake[0]).x() + (chart.point(7).x() - chart.point(0).x())  # not the whole video
    assert not shade.contains(chart.point(0))  # the real first half is outside it
    assert "look fake" in video_window.card.details.text()  # "frames at 0:04-0:07 look fake"
