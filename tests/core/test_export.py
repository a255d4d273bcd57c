"""CSV and JSON export: the column contract, formula neutralisation, atomic writes."""

import csv
import json

import pytest

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.export import CsvWriter, csv_columns, neutralise_cell, write_csv, write_json
from deepfake_desk.core.scan import scan_paths
from tests.conftest import RED, solid

CONTRACT = ["path", "kind", "verdict", "fake_probability", "cnn_probability", "gan_probability",
            "frames", "sha256", "error"]


def read_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.reader(f))


def test_columns_follow_the_contract(detector, tmp_path):
    solid(RED).save(tmp_path / "red.png")
    (tmp_path / "bad.jpg").write_bytes(b"")
    out = tmp_path / "out.csv"
    write_csv(scan_paths([tmp_path], detector), out, detector.model_ids)

    header, *rows = read_rows(out)
    assert header[: len(CONTRACT)] == CONTRACT
    by_name = {r[0].rsplit("/", 1)[-1]: dict(zip(header, r)) for r in rows}
    bad, red = by_name["bad.jpg"], by_name["red.png"]
    assert bad["verdict"] == "" and bad["fake_probability"] == "" and "empty" in bad["error"]
    assert red["verdict"] == "fake" and float(red["fake_probability"]) > 0.9
    assert 0 <= float(red["cnn_probability"]) <= 1 and red["frames"] == "" and len(red["sha256"]) == 64


@pytest.mark.parametrize("name", ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)", "\tx"])
def test_formula_like_cells_are_neutralised(name, tmp_path):
    assert neutralise_cell(name) == "'" + name
    out = tmp_path / "o.csv"
    write_csv([FileResult(path=name, error="=HYPERLINK(\"x\")")], out, ["cnn"])
    row = read_rows(out)[1]
    assert row[0] == "'" + name and row[csv_columns(["cnn"]).index("error")].startswith("'=")


def test_plain_cells_are_untouched():
    assert neutralise_cell("/home/me/photo.jpg") == "/home/me/photo.jpg"


def test_csv_appears_only_when_complete(tmp_path):
    out = tmp_path / "o.csv"
    writer = CsvWriter(out, ["cnn"])
    writer.write(FileResult(path="a.jpg", kind="image", verdict="real", fake_probability=0.1))
    assert not out.exists()  # still a temporary file
    writer.close()
    assert len(read_rows(out)) == 2 and not list(tmp_path.glob("*.part"))


def test_interrupted_scan_still_commits_finished_rows(tmp_path):
    out = tmp_path / "o.csv"
    with pytest.raises(KeyboardInterrupt):
        with CsvWriter(out, ["cnn"]) as writer:
            writer.write(FileResult(path="a.jpg"))
            raise KeyboardInterrupt
    assert [r[0] for r in read_rows(out)] == ["path", "a.jpg"]


def test_json_has_video_details(tmp_path):
    video = FileResult(path="v.mp4", kind="video", verdict="fake", fake_probability=0.8, frames=2,
                       frame_indices=[5, 15], frame_probabilities=[0.7, 0.9], fake_frame_share=0.5,
                       worst_frames=[1, 0])
    write_json([video], tmp_path / "o.json", {"models": []})
    doc = json.loads((tmp_path / "o.json").read_text())
    assert doc["results"][0]["video"]["worst_frames"] == [15, 5]
    assert doc["results"][0]["frames"] == 2


def test_csv_columns_for_other_models():
    assert csv_columns(["resnet50"]) == ["path", "kind", "verdict", "fake_probability", "resnet50_probability",
                                         "frames", "sha256", "error", "provenance", "generator_label",
                                         "analysed_at", "app_version", "models", "fake_frame_share",
                                         "worst_frame_time", "folder", "decided_by", "duplicate_group", "scan",
                                         "confirmed", "resembles", "notes"]


def test_decided_by_is_the_last_csv_column_and_in_the_json(tmp_path):
    from deepfake_desk.core.decision import Reason

    row = FileResult(path="a.jpg", kind="image", verdict="fake", fake_probability=0.2, decided_by="taught:mine",
                     reasons=(Reason("taught_fake", {"id": "mine", "name": "mine", "probability": 0.9,
                                                     "examples": 30, "fake_at": 0.86, "uncertain_at": 0.5}),))
    write_csv([row], tmp_path / "o.csv", ["cnn"])
    header, cells = read_rows(tmp_path / "o.csv")
    assert cells[header.index("decided_by")] == "taught:mine" and header[-2:] == ["resembles", "notes"]
    write_json([row], tmp_path / "o.json", {"models": []})
    record = json.loads((tmp_path / "o.json").read_text())["results"][0]
    assert record["decided_by"] == "taught:mine" and record["reasons"][0]["code"] == "taught_fake"
    said = "Your detector 'mine', taught from 30 examples, says this looks like that kind of fake"
    assert any(said in note for note in record["notes"])
    assert said in cells[header.index("notes")]  # the CSV says why too, the JSON's notes in one cell


def test_the_csv_notes_say_why_a_high_taught_score_left_the_verdict_uncertain(tmp_path):
    from deepfake_desk.core.decision import Reason

    row = FileResult(path="a.jpg", kind="image", verdict="uncertain", fake_probability=0.7, decided_by="models",
                     notes=["Decoded from a damaged file"],
                     reasons=(Reason("taught_unfamiliar", {"id": "mine", "name": "mine", "probability": 0.97,
                                                           "examples": 40, "fake_at": 0.83, "uncertain_at": 0.5,
                                                           "face_gap": False}),))
    write_csv([row], tmp_path / "o.csv", ["cnn"])
    header, cells = read_rows(tmp_path / "o.csv")
    notes = cells[header.index("notes")].split(" | ")
    assert notes[0] == "Decoded from a damaged file"
    assert "97%" in notes[1] and "unlike the real photos it was taught with" in notes[1]


def test_each_row_says_which_scan_it_came_from(detector, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        for name in ("a.png", "b.png"):
            solid(RED).save(folder / name)
    rows = list(scan_paths([first], detector))
    rows += list(scan_paths([second], detector))
    out = tmp_path / "out.csv"
    write_csv(rows, out, detector.model_ids)
    header, *cells = read_rows(out)
    at = header.index("scan")
    assert header[at + 1:] == ["confirmed", "resembles", "notes"]
    scans = {r[0].rsplit("/", 2)[-2]: set() for r in cells}
    for r in cells:
        scans[r[0].rsplit("/", 2)[-2]].add(r[at])
    assert len(scans["first"]) == len(scans["second"]) == 1 and scans["first"] != scans["second"]
    assert all(s.endswith(("+00:00", "Z")) or s[-6] in "+-" for v in scans.values() for s in v)


def test_the_json_says_which_words_each_verdict_value_stands_for(detector, tmp_path):
    solid(RED).save(tmp_path / "red.png")
    out = tmp_path / "out.json"
    write_json(scan_paths([tmp_path], detector), out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["verdict_words"]["real"] == "No signs of AI generation found"
    assert doc["verdict_words"]["fake"] == "Likely fake" and "labelled-ai" in doc["verdict_words"]
    assert doc["results"][0]["scan"]
