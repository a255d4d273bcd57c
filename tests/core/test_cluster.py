"""Scans on a Dask cluster (the optional `cluster` extra): the same rows as a local scan,
crashing files, cancel and Ctrl+C, and a clear message when Dask is not installed.

Every cluster here is a LocalCluster on the loopback interface. The tests that need Dask
skip without it (CI installs the extra); the ones at the end run without it.
"""

from __future__ import annotations

import csv
import json
import logging
import math
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from deepfake_desk.cli import main
from deepfake_desk.core.detector import Detector
from deepfake_desk.core.scan import analyze
from tests.conftest import BLUE, RED, import_blocker, model_entry, solid, write_manifest
from tests.core.test_scan import make_mixed_folder
from tests.reliability.hostile import video

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIME_COLUMNS = {"analysed_at", "scan"}  # differ between any two scans (when each ran); everything else must match


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [{k: v for k, v in row.items() if k not in TIME_COLUMNS} for row in csv.DictReader(f)]
    return sorted(rows, key=lambda r: r["path"])


def _same_numbers(a, b) -> bool:
    """JSON values equal, floats to float precision (the workers' onnxruntime may use other threads)."""
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_numbers(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_numbers(x, y) for x, y in zip(a, b))
    return a == b


def _scan_tasks(dask_scheduler) -> list[str]:
    return [str(key) for key in dask_scheduler.tasks if "score_on_worker" in str(key)]


@pytest.fixture(scope="module")
def crashy_cluster(tmp_path_factory):
    """Two single-thread workers that die on crash-* files and dawdle on slow* ones. A file
    may kill 2 workers (allowed failures 1) before Dask gives up; one task per worker at a
    time, so a death is only ever blamed on the file that caused it."""
    pytest.importorskip("distributed")
    import dask
    import distributed

    from tests.core.cluster_plugins import MisbehaveOnMarkedFiles

    marks = tmp_path_factory.mktemp("marks")
    # (the cluster waits for a worker that restarts slowly on this busy machine instead of dropping it)
    config = dask.config.set({"distributed.scheduler.allowed-failures": 1,
                              "distributed.scheduler.worker-saturation": 1.0,
                              "distributed.deploy.lost-worker-timeout": "10 minutes"})
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                       dashboard_address=None, silence_logs=logging.ERROR)
    client = distributed.Client(cluster)
    client.register_plugin(MisbehaveOnMarkedFiles(str(marks)))
    yield cluster.scheduler_address, client
    client.close()
    cluster.close()
    config.__exit__(None, None, None)


@pytest.fixture(scope="module")
def module_manifest(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("models")
    return write_manifest(folder, [model_entry(folder, "cnn", "NHWC", weight=0.6),
                                   model_entry(folder, "gan", "NCHW", weight=0.4)])


def make_small_archive(root: Path) -> None:
    """Good and bad files: what a newsroom's folder holds, small."""
    root.mkdir()
    make_mixed_folder(root)  # fake/real images, one found by content, truncated, zero-byte, text named .png
    (root / "notes.jpg").write_text("These are my notes, not a photo.\n")  # text named .jpg
    video(root / "clip.mp4", RED)
    solid(BLUE).save(root / '=HYPERLINK("x").png')  # a formula-looking name
    solid(RED).save(os.path.join(os.fsencode(root), b"caf\xe9.jpg").decode("utf-8", "surrogateescape"))  # not UTF-8


@pytest.mark.slow
def test_cluster_scan_gives_the_local_scans_rows(manifest_path, tmp_path):
    pytest.importorskip("distributed")
    make_small_archive(tmp_path / "archive")
    outputs = {}
    for how, extra in (("local", []), ("cluster", ["--scheduler", "local:2"])):
        csv_out, json_out = tmp_path / f"{how}.csv", tmp_path / f"{how}.json"
        assert main(["scan", str(tmp_path / "archive"), "--manifest", str(manifest_path), "-q",
                     "--csv", str(csv_out), "--json", str(json_out), *extra]) == 0
        outputs[how] = _csv_rows(csv_out), json.loads(json_out.read_text(encoding="utf-8"))

    (local_rows, local_doc), (cluster_rows, cluster_doc) = outputs["local"], outputs["cluster"]
    assert len(local_rows) == 11 and sum(bool(r["error"]) for r in local_rows) == 4
    assert {r["verdict"] for r in local_rows} == {"fake", "real", ""} and any(r["frames"] for r in local_rows)
    # duplicate groups are numbered as copies are met, and cluster rows arrive in completion order:
    # the same files must be grouped together, whatever the numbers
    def partition(rows):
        groups: dict[str, set] = {}
        for r in rows:
            if r["duplicate_group"]:
                groups.setdefault(r["duplicate_group"], set()).add(r["path"])
        return sorted(sorted(g) for g in groups.values())

    assert partition(cluster_rows) == partition(local_rows)
    def unnumbered(rows):
        return [{**r, "duplicate_group": bool(r["duplicate_group"])} for r in rows]

    assert unnumbered(cluster_rows) == unnumbered(local_rows)
    by_path = {r["path"]: r for r in local_doc["results"]}
    assert sorted(by_path) == sorted(r["path"] for r in cluster_doc["results"])
    for record in cluster_doc["results"]:
        local = by_path[record["path"]]
        assert record.keys() == local.keys()
        skip = (*TIME_COLUMNS, "duplicate_group")  # its numbering: checked as a partition above
        assert _same_numbers({k: v for k, v in record.items() if k not in skip},
                             {k: v for k, v in local.items() if k not in skip}), record["path"]
    assert cluster_doc["models"] == local_doc["models"]


@pytest.mark.slow
def test_a_file_that_kills_workers_becomes_one_error_row_and_a_one_off_death_is_retried(
        crashy_cluster, module_manifest, tmp_path):
    from deepfake_desk.core.cluster import ClusterScan

    address, _ = crashy_cluster
    solid(RED).save(tmp_path / "crash-always.png")
    solid(RED).save(tmp_path / "crash-once.png")
    for i in range(4):  # more files than 2 x the workers' threads: Dask queues them, one per worker at a time
        solid(BLUE).save(tmp_path / f"fine{i}.png")
    detector = Detector.from_manifest(module_manifest, threads=1)

    rows = {os.path.basename(r.path): r for r in
            analyze([tmp_path], detector, cluster=ClusterScan(address, detector, str(module_manifest)))}

    assert sorted(rows) == ["crash-always.png", "crash-once.png", "fine0.png", "fine1.png", "fine2.png", "fine3.png"]
    assert rows["crash-always.png"].error == ("the file crashed 2 workers (each died while reading it); "
                                              "it was not tried again")
    assert rows["crash-always.png"].verdict == "" and rows["crash-always.png"].fake_probability is None
    assert rows["crash-once.png"].verdict == "fake" and not rows["crash-once.png"].error  # retried elsewhere
    assert all(rows[f"fine{i}.png"].verdict == "real" for i in range(4))
    untimed = {"analysed_at": "", "folder": "", "scan": ""}  # when it was made, and the scan's folder (".")
    assert rows["crash-once.png"].folder == "."
    assert (replace(rows["crash-once.png"], **untimed)
            == replace(detector.analyze_file(tmp_path / "crash-once.png"), **untimed))


@pytest.mark.slow
def test_cancel_keeps_the_finished_rows_and_drops_the_rest(crashy_cluster, module_manifest, tmp_path):
    from deepfake_desk.core.cluster import ClusterScan

    address, client = crashy_cluster
    for i in range(2):
        solid(RED).save(tmp_path / f"fast{i}.png")
    for i in range(8):
        solid(RED).save(tmp_path / f"slow{i}.png")
    detector = Detector.from_manifest(module_manifest, threads=1)
    cancel = threading.Event()
    rows = []
    for result in analyze([tmp_path], detector, cancel=cancel,
                          cluster=ClusterScan(address, detector, str(module_manifest))):
        rows.append(result)
        if len(rows) == 2:
            cancel.set()

    assert [r.verdict for r in rows] == ["fake", "fake"]
    assert all(not r.error and r.sha256 for r in rows)
    # the scan's client is gone, and with it every task it had left on the cluster
    deadline = time.monotonic() + 30
    while client.run_on_scheduler(_scan_tasks):
        assert time.monotonic() < deadline, client.run_on_scheduler(_scan_tasks)
        time.sleep(0.2)


@pytest.mark.slow
def test_ctrl_c_during_a_cluster_scan_writes_the_finished_rows(crashy_cluster, module_manifest, tmp_path, monkeypatch):
    from deepfake_desk.core import export

    address, _ = crashy_cluster
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(3):
        solid(BLUE).save(folder / f"fast{i}.png")
    for i in range(6):
        solid(RED).save(folder / f"slow{i}.png")
    write = export.CsvWriter.write

    def write_then_press_ctrl_c(self, result):
        write(self, result)
        if self.rows == 3:
            os.kill(os.getpid(), signal.SIGINT)  # what the terminal sends on Ctrl+C

    monkeypatch.setattr(export.CsvWriter, "write", write_then_press_ctrl_c)
    out = tmp_path / "out.csv"
    code = main(["scan", str(folder), "--manifest", str(module_manifest), "-q", "--csv", str(out),
                 "--scheduler", address])

    assert code == 130
    rows = _csv_rows(out)
    assert 3 <= len(rows) < 9
    assert {os.path.basename(r["path"]) for r in rows[:3]} == {"fast0.png", "fast1.png", "fast2.png"}
    assert all(r["verdict"] in ("real", "fake") and r["sha256"] for r in rows)


@pytest.mark.slow
def test_ctrl_c_in_the_terminal_stops_a_local_cluster_scan_cleanly(manifest_path, tmp_path):
    """The terminal sends SIGINT to the whole process group, local:N workers included:
    they leave it to the client, which stops after the row in hand and keeps every row."""
    pytest.importorskip("distributed")
    for i in range(300):
        solid(RED).save(tmp_path / f"{i:03d}.png")
    out = tmp_path / "out.json"
    scan = subprocess.Popen([sys.executable, "-m", "deepfake_desk", "scan", str(tmp_path), "--manifest",
                             str(manifest_path), "--json", str(out), "--scheduler", "local:1"], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    for _ in range(2):
        scan.stdout.readline()  # two rows are in
    os.killpg(scan.pid, signal.SIGINT)
    _, err = scan.communicate(timeout=300)

    assert scan.returncode == 130, err
    assert "Traceback" not in err
    rows = json.loads(out.read_text())["results"]
    assert 2 <= len(rows) < 300
    assert f"interrupted after {len(rows)} files" in err  # the summary counts what was written
    assert all(r["verdict"] == "fake" for r in rows)


@pytest.mark.slow
def test_workers_with_other_models_are_refused(crashy_cluster, module_manifest, tmp_path):
    from deepfake_desk.core.cluster import ClusterError, ClusterScan

    address, client = crashy_cluster
    # the client's models: the same ONNX files as the workers', fused with other weights
    other = Detector.from_manifest(write_manifest(tmp_path, [model_entry(tmp_path, "cnn", "NHWC", weight=0.5),
                                                             model_entry(tmp_path, "gan", "NCHW", weight=0.5)]))
    with pytest.raises(ClusterError, match="other models"):
        ClusterScan(address, other, str(module_manifest))
    from tests.core.cluster_plugins import loaded_manifests

    loaded = client.run(loaded_manifests)
    assert all(found == [str(module_manifest)] for found in loaded.values())  # loaded once, kept


# -- without Dask -------------------------------------------------------------------
BLOCK_DASK = import_blocker("dask", "distributed")


def test_without_dask_the_app_scans_and_the_cluster_option_says_what_to_install(manifest_path, tmp_path):
    solid(RED).save(tmp_path / "r.png")
    code = BLOCK_DASK + textwrap.dedent(
        f"""
        import deepfake_desk.core.cluster
        from deepfake_desk.cli import main
        assert main(["scan", {str(tmp_path)!r}, "--manifest", {str(manifest_path)!r}, "-q"]) == 0
        assert main(["scan", {str(tmp_path)!r}, "--manifest", {str(manifest_path)!r}, "--scheduler", "local:1"]) == 1
        assert not [m for m in sys.modules if m.split(".")[0] in ("dask", "distributed")]
        print("no dask ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "no dask ok" in proc.stdout
    assert "needs Dask, which is not installed here (pip install 'deepfake-desk[cluster]')" in proc.stderr


@pytest.mark.parametrize("address", ["local:0", "local:two", "localhost:8786", "tcp://nohost"])
def test_a_malformed_scheduler_address_is_a_usage_error(manifest_path, tmp_path, capsys, address):
    solid(RED).save(tmp_path / "r.png")
    with pytest.raises(SystemExit) as exit_:
        main(["scan", str(tmp_path), "--manifest", str(manifest_path), "--scheduler", address])
    assert exit_.value.code == 2
    assert "--scheduler" in capsys.readouterr().err
