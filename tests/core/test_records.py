"""Complete records: when and with what each row was made, where the file was, and files the user can read."""

import csv
import json
import os
import re
import stat
from datetime import datetime

import pytest

from deepfake_desk import __version__
from deepfake_desk.core.export import write_csv, write_json
from deepfake_desk.core.scan import scan_paths
from tests.conftest import BLUE, RED, solid
from tests.core.test_media import write_video

ISO_WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture
def scanned(detector, tmp_path):
    root = tmp_path / "story"
    (root / "source_b").mkdir(parents=True)
    solid(RED).save(root / "red.png")
    solid(BLUE).save(root / "source_b" / "blue.jpg")
    (root / "source_b" / "broken.jpg").write_bytes(b"\xff\xd8\xff not really a jpeg")
    write_video(root / "clip.avi", [(30, 30, 220)] * 12)  # red frames (BGR): fake
    return list(scan_paths([root], detector)), root


def test_csv_rows_say_when_with_what_and_where(scanned, detector, tmp_path):
    results, root = scanned
    out = tmp_path / "out.csv"
    write_csv(results, out, detector.model_ids)
    with open(out, newline="", encoding="utf-8") as f:
        rows = {os.path.basename(r["path"]): r for r in csv.DictReader(f)}
    for row in rows.values():
        assert ISO_WITH_OFFSET.match(row["analysed_at"]), row["analysed_at"]
        assert datetime.fromisoformat(row["analysed_at"]).utcoffset() is not None
        assert row["app_version"] == __version__ and row["models"] == "cnn@test;gan@test"
    assert rows["red.png"]["folder"] == "." and rows["blue.jpg"]["folder"] == "source_b"
    assert rows["clip.avi"]["fake_frame_share"] == "1.0000" and float(rows["clip.avi"]["worst_frame_time"]) >= 0
    assert rows["red.png"]["fake_frame_share"] == "" and rows["red.png"]["worst_frame_time"] == ""
    broken = rows["broken.jpg"]
    assert broken["error"] and broken["verdict"] == ""
    assert broken["sha256"] == __import__("hashlib").sha256((root / "source_b" / "broken.jpg").read_bytes()).hexdigest()


def test_json_carries_the_same_fields(scanned, tmp_path):
    results, _ = scanned
    write_json(results, tmp_path / "o.json", {"models": []})
    records = {os.path.basename(r["path"]): r for r in json.loads((tmp_path / "o.json").read_text())["results"]}
    for key in ("analysed_at", "app_version", "models", "fake_frame_share", "worst_frame_time", "folder"):
        assert all(key in r for r in records.values()), key
    clip = records["clip.avi"]
    assert clip["fake_frame_share"] == 1.0 and clip["video"]["worst_frame_time"] == clip["worst_frame_time"]
    assert records["blue.jpg"]["folder"] == "source_b" and records["broken.jpg"]["sha256"]
    assert records["blue.jpg"]["headline"] == "No signs of AI generation found"


def test_a_file_named_on_its_own_records_its_folder(detector, tmp_path):
    solid(RED).save(tmp_path / "red.png")
    (result,) = scan_paths([tmp_path / "red.png"], detector)
    assert result.folder == str(tmp_path)


def test_unreadable_file_has_no_hash_but_a_row(detector, tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads every file")
    path = tmp_path / "locked.jpg"
    solid(RED).save(path)
    path.chmod(0)
    try:
        (result,) = scan_paths([tmp_path], detector)
    finally:
        path.chmod(0o644)
    assert result.error and result.sha256 == ""


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_exports_get_the_users_normal_permissions(umask, tmp_path):
    from deepfake_desk.core.detector import FileResult

    old = os.umask(umask)
    try:
        write_csv([FileResult(path="a.jpg")], tmp_path / "o.csv", ["cnn"])
        write_json([FileResult(path="a.jpg")], tmp_path / "o.json")
    finally:
        os.umask(old)
    for name in ("o.csv", "o.json"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o666 & ~umask, name
    assert not list(tmp_path.glob("*.part"))
