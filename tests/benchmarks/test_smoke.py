"""The benchmark's smoke mode runs end to end, so benchmarks/run.py cannot rot.

Figures from it mean nothing (tiny models, four small images, one run): the test
checks that every section is produced and holds sane numbers.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_benchmark_smoke_mode_writes_every_figure(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "run.py"), "--smoke", "--out", str(tmp_path)],
                          capture_output=True, text=True, cwd=REPO, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads((tmp_path / "results_smoke.json").read_text())
    md = (tmp_path / "results_smoke.md").read_text()
    assert report["machine"]["cores"] >= 1 and "onnxruntime" in report["machine"]["versions"]
    (size, row), = report["sizes"].items()
    assert row["end_to_end"]["median"] > 0 and row["compute_bound"]["median"] > 0
    # (not > 0: four tiny images take less than starting the scan's decoding processes,
    # while the tiny models score thousands per second, so the ratio rounds to 0.0)
    assert 0 <= row["ratio_e2e_compute"] < 1.5
    assert {"decode", "preprocess (all models)", "inference cnn", "write CSV row"} <= set(report["stages"][size])
    assert report["cold_start"]["first_window_s"]["median"] > 0
    assert report["peak_rss"]["files"] == 20 and report["peak_rss"]["peak_rss_mb"] > 0
    assert report["video"]["analysed_frames_per_s"]["median"] > 0
    if "seed" in row:  # TensorFlow installed (the train extra): the seed's loop ran too
        assert row["seed"]["median"] > 0 and row["ratio_e2e_seed"] > 0
    for heading in ("## 1-3.", "## 4.", "## 5. Cold start", "## 6. Video", "## Targets"):
        assert heading in md


def test_the_noise_note_follows_the_load_average_measured():
    import importlib.util

    spec = importlib.util.spec_from_file_location("benchmarks_run", REPO / "benchmarks" / "run.py")
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    quiet = run.noise_note(run.QUIET_LOAD / 2, 2.1)
    busy = run.noise_note(run.QUIET_LOAD + 0.5, 3.0)
    assert "a quiet machine" in quiet and f"{run.QUIET_LOAD / 2:.2f}" in quiet and "something else" not in quiet
    assert "something else had used the cores" in busy and "3.00 at the end" in busy and "quiet" not in busy
