"""Sharing a taught detector (issue 33, section 3): one file out; in, its card first, turned off,
and each refusal: another base model, a damaged file, an altered file, a name taken, not ours."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.share import (CARD, CONTENTS, ShareError, _digest, export_taught, import_taught,
                                      read_package)
from deepfake_desk.core.user_models import list_taught, remove_taught
from tests.conftest import feature_model_entry, make_feature_model, taught_once, write_manifest


@pytest.fixture(scope="module")
def shared(tmp_path_factory) -> dict:
    """'gridgen' taught once (15 + 15) and exported."""
    setting = taught_once(tmp_path_factory.mktemp("share"), kind="grid fakes")
    file = export_taught(setting["taught"], "gridgen", setting["base"] / "gridgen.dfdetector")
    return {**setting, "file": file}


def rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a shared file with `change(name, data) -> data` applied to each member."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w") as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return target


def test_export_then_import_shows_the_card_and_starts_off(shared, user_models):
    with zipfile.ZipFile(shared["file"]) as zf:
        names = set(zf.namelist())
        contents = json.loads(zf.read(CONTENTS))
        card = json.loads(zf.read(CARD))
    assert names == {CONTENTS, CARD, "manifest.json", "gridgen.onnx", "gridgen_reals.json"}
    assert contents["sha256"] == _digest(contents["files"])
    assert card["fakes"] == 15 and card["reals"] == 15 and card["kind"] == "grid fakes"
    assert card["base_model"]["sha256"] == load_manifest(shared["manifest"]).models[0].sha256
    assert card["check"]["roc_auc"] >= 0.9 and card["app_version"] and card["taught_at"]

    package = read_package(shared["file"])
    lines = "\n".join(package.card.lines())
    assert "Taught from 15 fakes and 15 real photos" in lines and "grid fakes" in lines and "ROC AUC" in lines
    alone = card["check"]["fakes_called_fake_alone"]  # what it will decide on its own travels with it
    assert 0 <= alone <= card["check"]["fakes_called_fake"]
    assert f"it would have called {alone} of its 15 fakes fake on its own" in lines

    taught = import_taught(shared["file"], load_manifest(shared["manifest"]), user_models)
    assert taught.name == "gridgen" and taught.spec is not None and not taught.enabled
    assert Detector.from_manifest(shared["manifest"]).heads == []  # off until the user turns it on
    remove_taught(user_models, "gridgen")
    taught = import_taught(shared["file"], load_manifest(shared["manifest"]), user_models, enable=True)
    detector = Detector.from_manifest(shared["manifest"])
    assert [h.spec.id for h in detector.heads] == ["gridgen"]
    fake = next((shared["base"] / "fake").iterdir())
    assert detector.analyze_file(fake).model_probabilities["gridgen"] >= 0.5  # the same detector, working


def test_a_detector_made_for_another_base_model_is_refused(tmp_path, shared, user_models):
    other = tmp_path / "other"
    other.mkdir()
    entry = feature_model_entry(other, "features")
    make_feature_model(other / entry["file"], gain=9.0)  # another version of the base model
    entry["sha256"] = hashlib.sha256((other / entry["file"]).read_bytes()).hexdigest()
    manifest = load_manifest(write_manifest(other, [entry], face_detector=None))
    with pytest.raises(ShareError, match="another version of the base model 'features'"):
        import_taught(shared["file"], manifest, user_models)
    renamed = load_manifest(write_manifest(other, [{**entry, "id": "other"}], face_detector=None))
    with pytest.raises(ShareError, match="which this app does not have"):
        import_taught(shared["file"], renamed, user_models)
    assert list_taught(user_models) == []


def test_a_damaged_file_is_refused(tmp_path, shared, user_models):
    manifest = load_manifest(shared["manifest"])
    data = shared["file"].read_bytes()
    cut = tmp_path / "cut.dfdetector"
    cut.write_bytes(data[: len(data) // 2])  # a copy that stopped half-way
    with pytest.raises(ShareError, match="damaged or was altered"):
        import_taught(cut, manifest, user_models)
    flipped = bytearray(data)
    with zipfile.ZipFile(shared["file"]) as zf:
        info = zf.getinfo("gridgen.onnx")
    flipped[info.header_offset + 30 + len(info.filename) + 5] ^= 0xFF  # a bit of the head's stored data
    bad = tmp_path / "flipped.dfdetector"
    bad.write_bytes(bytes(flipped))
    with pytest.raises(ShareError, match="damaged or was altered"):
        import_taught(bad, manifest, user_models)
    assert list_taught(user_models) == []


def test_an_altered_file_is_refused(tmp_path, shared, user_models):
    manifest = load_manifest(shared["manifest"])

    def new_head(name, data):
        return data[:-8] + b"\x00" * 8 if name == "gridgen.onnx" else data

    with pytest.raises(ShareError, match="gridgen.onnx does not match its sha256"):
        import_taught(rewrite(shared["file"], tmp_path / "a.dfdetector", new_head), manifest, user_models)

    def new_card(name, data):  # the card made to claim more examples, contents not updated
        return data.replace(b'"fakes": 15', b'"fakes": 150') if name == CARD else data

    with pytest.raises(ShareError, match="card.json does not match its sha256"):
        import_taught(rewrite(shared["file"], tmp_path / "b.dfdetector", new_card), manifest, user_models)

    def extra_list(name, data):  # a member's hash changed in the list, the list's own sha256 not
        if name != CONTENTS:
            return data
        contents = json.loads(data)
        contents["files"]["card.json"] = "0" * 64
        return json.dumps(contents).encode()

    with pytest.raises(ShareError, match="does not match its sha256"):
        import_taught(rewrite(shared["file"], tmp_path / "c.dfdetector", extra_list), manifest, user_models)
    assert list_taught(user_models) == []


def test_other_refusals(tmp_path, shared, user_models):
    manifest = load_manifest(shared["manifest"])
    text = tmp_path / "notes.dfdetector"
    text.write_text("not a zip at all")
    with pytest.raises(ShareError, match="damaged"):
        import_taught(text, manifest, user_models)
    plain = tmp_path / "plain.zip"
    with zipfile.ZipFile(plain, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ShareError, match="not a detector shared by Deepfake Detector"):
        import_taught(plain, manifest, user_models)
    import_taught(shared["file"], manifest, user_models)
    with pytest.raises(ShareError, match="already have a detector named 'gridgen'"):
        import_taught(shared["file"], manifest, user_models)
    with pytest.raises(ShareError, match="no detector you taught is named 'absent'"):
        export_taught(user_models, "absent", tmp_path / "x.dfdetector")


def test_export_and_import_on_the_command_line(tmp_path, shared, user_models, capsys):
    from deepfake_desk.cli import main

    args = ["--manifest", str(shared["manifest"])]
    assert main(["learn", "--import", str(shared["file"]), *args]) == 0
    out = capsys.readouterr().out
    assert "Taught from 15 fakes and 15 real photos" in out and "turned off" in out and "--enable gridgen" in out
    assert not list_taught(user_models)[0].enabled
    target = tmp_path / "again.dfdetector"
    assert main(["learn", "--export", "gridgen", str(target)]) == 0 and target.is_file()
    shutil.rmtree(user_models / "gridgen")
    assert main(["learn", "--import", str(target), "--enable", *args]) == 0
    assert list_taught(user_models)[0].enabled
    broken = tmp_path / "broken.dfdetector"
    broken.write_bytes(target.read_bytes()[:100])
    assert main(["learn", "--import", str(broken), *args]) == 1
    assert "Nothing was imported" in capsys.readouterr().err
