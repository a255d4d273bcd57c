"""The command line: exit codes, CSV output, usage errors."""

import csv
import os
import subprocess
import sys

import pytest

from deepfake_desk.cli import main
from tests.conftest import BLUE, RED, solid

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_scan_writes_csv_and_exits_zero_with_error_rows(manifest_path, tmp_path, capsys):
    solid(RED).save(tmp_path / "red.png")
    solid(BLUE).save(tmp_path / "blue.jpg")
    (tmp_path / "broken.jpg").write_bytes(b"nope")
    out = tmp_path / "out.csv"
    code = main(["scan", str(tmp_path), "--csv", str(out), "--json", str(tmp_path / "out.json"),
                 "--manifest", str(manifest_path)])
    assert code == 0
    rows = list(csv.DictReader(out.open()))
    assert {os.path.basename(r["path"]): r["verdict"] for r in rows} == {
        "blue.jpg": "real", "broken.jpg": "", "red.png": "fake"}
    assert "1 fake, 1 real, 1 error" in capsys.readouterr().err
    assert (tmp_path / "out.json").exists()


def test_scan_without_outputs_prints_one_line_per_file(manifest_path, tmp_path, capsys):
    solid(RED).save(tmp_path / "red.png")
    assert main(["scan", str(tmp_path / "red.png"), "--manifest", str(manifest_path)]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("fake") and line.endswith("red.png")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["scan", "/no/such/folder"], "no such file or folder"),
        (["scan"], "required"),
        (["scan", ".", "--frames", "0"], "--frames"),
        (["scan", ".", "--csv", "/no/such/dir/out.csv"], "does not exist"),
        (["scan", ".", "--bogus"], "unrecognized"),
    ],
)
def test_usage_errors_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


def test_missing_manifest_exits_1_with_message(tmp_path, capsys):
    solid(RED).save(tmp_path / "r.png")
    assert main(["scan", str(tmp_path), "--manifest", str(tmp_path / "none.json")]) == 1
    assert "no model manifest" in capsys.readouterr().err


def test_version_lists_models(manifest_path, monkeypatch, capsys):
    monkeypatch.setenv("DEEPFAKE_DETECTOR_MODELS", str(manifest_path))
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("deepfake-detector ") and "model cnn" in out and "sha256:" in out


def test_python_dash_m_app_runs_the_cli(manifest_path, tmp_path):
    solid(RED).save(tmp_path / "r.png")
    env = {**os.environ, "DEEPFAKE_DETECTOR_MODELS": str(manifest_path)}
    proc = subprocess.run([sys.executable, "-m", "deepfake_desk", "scan", str(tmp_path), "--csv", str(tmp_path / "o.csv")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "scanned 1 files" in proc.stderr


def test_no_display_falls_back_to_scanning_the_samples(manifest_path, monkeypatch, capsys):
    import deepfake_desk.cli as cli

    monkeypatch.setenv("DEEPFAKE_DETECTOR_MODELS", str(manifest_path))
    monkeypatch.setattr(cli, "has_display", lambda: False)
    assert main([]) == 0
    err = capsys.readouterr().err
    assert "No display found" in err and "scanned" in err
