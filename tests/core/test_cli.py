"""The command line: exit codes, CSV output, usage errors."""

import csv
import os
import re
import signal
import subprocess
from pathlib import Path
import sys
import time
from collections import Counter

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


def test_version_says_what_the_shipped_verdicts_are_worth(monkeypatch, capsys):
    """Under the models, the same sentences as About and the reports (core/worth.py), from the shipped manifest."""
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.worth import verdict_worth

    shipped = Path(__file__).resolve().parents[2] / "models" / "manifest.json"
    monkeypatch.setenv("DEEPFAKE_DETECTOR_MODELS", str(shipped))
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    models, worth = out.split("what the verdicts are worth:\n")
    assert "model efficientnet_lite2" in models
    facts = verdict_worth(load_manifest(shipped, verify_files=False))
    assert worth.splitlines() == [f"  - {fact}" for fact in facts]
    assert "not been measured" not in worth and "worst source" in worth


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
    assert "README.md says what each one is" in err  # the newcomer is told what the samples are


def _interrupted_scan(folder, out, manifest_path, delay: float, presses: int,
                      group: bool = False) -> tuple[str, list[list[str]]]:
    """Run the CLI on `folder`, press Ctrl+C `presses` times `delay` s after the scan started.

    `group`: the signal goes to the CLI's whole process group, its decoding processes too
    (what a terminal's Ctrl+C does), else to the CLI alone (what `kill -INT` does).
    """
    env = {**os.environ, "DEEPFAKE_DETECTOR_MODELS": str(manifest_path), "DEEPFAKE_DESK_TEST_HOOKS": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "deepfake_desk", "scan", str(folder), "--csv", str(out)],
                            cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True, start_new_session=group)
    deadline = time.monotonic() + 120
    while not list(out.parent.glob(f".{out.name}.*.part")) and not out.exists() and time.monotonic() < deadline:
        time.sleep(0.02)  # the CSV's temporary file appears once the scan has begun
    time.sleep(delay)
    for _ in range(presses):
        if group:
            os.killpg(proc.pid, signal.SIGINT)
        else:
            proc.send_signal(signal.SIGINT)
        time.sleep(0.05)
    _, err = proc.communicate(timeout=120)
    with open(out, newline="") as f:
        rows = list(csv.reader(f))[1:]
    return err, rows


@pytest.mark.slow  # nine CLI runs, each interrupted at another point
def test_ctrl_c_at_any_point_keeps_every_finished_row_and_counts_them(manifest_path, tmp_path):
    """Also while the decoding processes are still starting (delay 0): no process may print a
    traceback, neither a worker that got the terminal's Ctrl+C too (group) nor one whose
    parent stopped while it was being started (the second press, which once leaked an
    EOFError traceback from multiprocessing's spawn)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        solid(RED if i % 2 else BLUE).save(folder / f"{i:02d}__slow__.png")
    for n, (delay, presses, group) in enumerate([(0.0, 1, False), (0.3, 1, True), (1.0, 1, False), (1.8, 1, True),
                                                 (2.6, 1, False), (0.0, 2, True), (0.2, 2, False), (1.2, 2, True),
                                                 (2.0, 3, False)]):
        out = tmp_path / f"out{n}.csv"
        err, rows = _interrupted_scan(folder, out, manifest_path, delay, presses, group)
        summary = re.search(r"(interrupted after|scanned) (\d+) files in [\d.]+ s(?:: (.*))?", err)
        assert summary, err
        assert int(summary.group(2)) == len(rows), (delay, presses, group, err)
        verdicts = Counter(row[2] or "error" for row in rows)
        stated = {k: int(v) for v, k in (part.split(" ") for part in (summary.group(3) or "").split(", ") if part)}
        assert stated == dict(verdicts), (delay, presses, group, err)
        assert [row[0] for row in rows] == [str(folder / f"{i:02d}__slow__.png") for i in range(len(rows))]
        assert "Traceback" not in err, err
def pdf_pages(path) -> int:
    """Pages of a PDF, counted from its page objects (no PDF library needed)."""
    import re

    data = open(path, "rb").read()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def no_display_env(manifest_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "DEEPFAKE_DETECTOR_MODELS": str(manifest_path)}


def test_report_of_a_file_and_of_a_folder_with_no_display(manifest_path, media_folder, tmp_path):
    env = no_display_env(manifest_path)
    one = subprocess.run([sys.executable, "-m", "deepfake_desk", "report", str(media_folder / "red_one.jpg"),
                          "--html", str(tmp_path / "one.html"), "--pdf", str(tmp_path / "one.pdf")],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert one.returncode == 0, one.stderr
    assert "Likely fake" in (tmp_path / "one.html").read_text(encoding="utf-8")
    assert pdf_pages(tmp_path / "one.pdf") in (1, 2)  # "one or two pages"
    scan = subprocess.run([sys.executable, "-m", "deepfake_desk", "report", str(media_folder), "--no-map",
                           "--html", str(tmp_path / "scan.html"), "--pdf", str(tmp_path / "scan.pdf")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert scan.returncode == 0, scan.stderr
    assert "(5 pages)" in scan.stderr
    # the summary, a section for each of the two fakes and the uncertain file, then the other files and the models
    assert pdf_pages(tmp_path / "scan.pdf") == 5
    assert (tmp_path / "scan.html").read_text(encoding="utf-8").count('class="page-break"') == 4


@pytest.mark.parametrize("argv, message", [
    (["report", "x.jpg"], "--html OUT.html and/or --pdf OUT.pdf"),
    (["report", "/no/such/file.jpg", "--html", "o.html"], "no such file or folder"),
    (["report", ".", "--pdf", "/no/such/dir/o.pdf"], "does not exist"),
])
def test_report_usage_errors_exit_2(argv, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
