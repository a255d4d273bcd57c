"""One analysis per file: selecting the rows of a finished scan never runs a model again."""

from __future__ import annotations

import numpy as np

from tests.gui.conftest import wait_idle


def test_selecting_rows_of_a_finished_scan_runs_no_model(qtbot, window, media_folder, tmp_path, monkeypatch):
    import cv2

    from deepfake_desk.core.detector import Detector, OnnxModel

    clip = media_folder / "clip.avi"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"MJPG"), 10, (96, 64))
    for i in range(30):
        writer.write(np.full((64, 96, 3), (30, 30, 220) if i >= 15 else (220, 30, 30), np.uint8))
    writer.release()
    window.open_paths([str(media_folder)])  # a folder: no preview pixels are kept with the rows
    wait_idle(qtbot, window)
    assert window.results.rowCount() == 6

    # Every model call goes through OnnxModel.run (score_inputs -> run_each -> run; predict -> run):
    # the spy sits there, and the detector's own counter is checked beside it.
    from deepfake_desk.core.decode_pool import DecodePool

    decoded: list[str] = []  # previews decode in the session's decoding processes, not in the window's
    run_one = DecodePool.run_one
    monkeypatch.setattr(DecodePool, "run_one", lambda self, job: decoded.append(job.path) or run_one(self, job))
    runs: list[int] = []
    run, analyze = OnnxModel.run, Detector.analyze_file
    monkeypatch.setattr(OnnxModel, "run", lambda self, batch, *a, **k: runs.append(len(batch)) or run(self, batch, *a, **k))
    monkeypatch.setattr(Detector, "analyze_file", lambda *a, **k: runs.append(-1) or analyze(*a, **k))
    model_runs = window.detector.model_runs

    for name in ("red_one.jpg", "blue.png", "clip.avi", "grey.png", "clip.avi", "corrupt.jpg", "red_two.png"):
        assert window.select_path(str(media_folder / name))
        if name != "corrupt.jpg":
            qtbot.waitUntil(lambda: window.preview.view.pixmap() is not None, timeout=30_000)
    result = window.current_result()
    assert window.preview.view.pixmap().width() == 80  # red_two.png, its own pixels
    assert result.path.endswith("red_two.png")
    window.select_path(str(media_folder / "clip.avi"))
    qtbot.waitUntil(lambda: len(window.preview.strip.frames) == 4, timeout=30_000)  # the same 4 sampled frames
    assert runs == []  # not one model call, and no second analysis
    assert str(media_folder / "red_two.png") in decoded and str(media_folder / "clip.avi") in decoded
    assert window.session.pool is not None and window.session.pool.keep  # the one pool of the session
    assert window.detector.model_runs == model_runs

    # the spy sees scoring the way a scan scores (a check of the check: a second scoring would be caught)
    window.detector.score_inputs([window.detector.prepare_image(np.zeros((64, 96, 3), np.uint8))])
    assert runs and -1 not in runs and window.detector.model_runs > model_runs
