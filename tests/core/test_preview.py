"""One analysis per file: showing a finished result decodes its pixels again, but never runs a model."""

import numpy as np
import pytest

from deepfake_desk.core import media
from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.evidence.ela import ElaJob
from deepfake_desk.core.preview import load_picture, load_preview
from deepfake_desk.core.scan import scan_paths
from tests.conftest import RED, solid
from tests.core.test_media import write_video


def test_previews_of_a_finished_scan_run_no_model(detector, tmp_path):
    solid(RED, (1600, 1200)).save(tmp_path / "big.jpg", quality=90)
    write_video(tmp_path / "clip.avi", [(30, 30, 220)] * 6 + [(220, 30, 30)] * 6)
    results = {r.path.rsplit("/", 1)[-1]: r for r in scan_paths([tmp_path], detector)}
    runs = detector.model_runs
    assert runs > 0  # the scan itself ran the models (the counter counts)
    assert all(not r.preview for r in results.values())  # a folder scan keeps no pixels

    image = load_preview(results["big.jpg"])
    assert len(image) == 1 and min(image[0].shape[:2]) == 360 and image[0].shape[1] == 480
    frames = load_preview(results["clip.avi"])
    assert len(frames) == results["clip.avi"].frames
    # the same frames the models scored: the first sampled ones are red, the last blue
    assert frames[0][..., 0].mean() > 150 and frames[-1][..., 2].mean() > 150
    assert detector.model_runs == runs, "showing a result must not analyse it again"


def test_analysis_counts_model_runs(detector, tmp_path):
    solid(RED).save(tmp_path / "a.png")
    before = detector.model_runs
    detector.analyze_file(tmp_path / "a.png")
    assert detector.model_runs == before + len(detector.models)  # one batch per model


def test_a_kept_preview_is_reused_and_a_vanished_file_is_a_plain_error(tmp_path):
    kept = [np.zeros((4, 4, 3), np.uint8)]
    assert load_preview(FileResult(path="gone.jpg", kind="image", preview=kept)) is kept
    with pytest.raises(media.MediaError):
        load_preview(FileResult(path=str(tmp_path / "gone.jpg"), kind="image"))


def test_previews_decode_in_the_session_pool_where_a_crash_costs_one_preview(tmp_path, monkeypatch):
    from deepfake_desk.core import decode_pool
    from deepfake_desk.core.decode_pool import DecodePool
    from deepfake_desk.core.prepare import decode_job

    monkeypatch.setenv(decode_pool.TEST_HOOKS_ENV, "1")  # a file named __segfault__ crashes its decoder
    solid(RED, (800, 600)).save(tmp_path / "fine.png")
    solid(RED).save(tmp_path / "__segfault__.png")
    spawned = []
    spawn = DecodePool._spawn
    monkeypatch.setattr(DecodePool, "_spawn", lambda self: spawned.append(1) or spawn(self))
    pool = DecodePool(decode_job, None, processes=1, keep=True)
    try:
        fine = FileResult(path=str(tmp_path / "fine.png"), kind="image")
        assert load_preview(fine, pool=pool)[0].shape == (360, 480, 3)
        assert len(spawned) == 1 and pool.kept == 1  # the process stays for the next preview
        with pytest.raises(media.MediaError, match="crashed"):
            load_preview(FileResult(path=str(tmp_path / "__segfault__.png"), kind="image"), pool=pool)
        assert load_preview(fine, pool=pool)[0].shape == (360, 480, 3)  # this process lives on
        assert len(spawned) == 2 and pool.kept == 1  # the crashed process was replaced, once
        assert load_preview(fine, pool=pool) and len(spawned) == 2
        # the map's full-size picture and the error-level image decode there too
        assert load_picture(fine.path, pool).shape == (600, 800, 3)
        solid(RED, (800, 600)).save(tmp_path / "fine.jpg", quality=80)
        ela = pool.run_one(ElaJob(str(tmp_path / "fine.jpg"), 90, 200, with_picture=True))
        assert not ela.error and ela.ela.shape == ela.picture.shape == (150, 200, 3)
        assert len(spawned) == 2
    finally:
        pool.close()
    assert pool.kept == 0
