"""Teaching safely (issue 33, section 2): familiarity with the taught reals, weak detectors start off,
examples from lists and from a marked CSV.

One detector is taught per module (15 + 15 synthetic examples, tests/conftest.py) and copied
into each test's user folder, so these tests stay fast.
"""

from __future__ import annotations

import csv
import dataclasses
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFilter

from deepfake_desk.core.detector import Detector
from deepfake_desk.core import familiarity
from deepfake_desk.core.familiarity import FamiliarityError, RealStats, fit_real_stats, stats_of, taught_familiarity
from deepfake_desk.core.decision import Scores, decide
from deepfake_desk.core.examples import LearnError, csv_files, list_files
from deepfake_desk.core.learn import Progress, teach, teach_files
from deepfake_desk.core.manifest import Backbone, load_manifest
from deepfake_desk.core.user_models import list_taught, set_enabled
from tests.conftest import BLUISH, make_examples, photo_like, taught_once, with_generator_trace


@pytest.fixture(scope="module")
def setting(tmp_path_factory) -> dict:
    """A manifest with the DCT feature model, 15 + 15 examples, and 'gridgen' taught from them."""
    return taught_once(tmp_path_factory.mktemp("teach_safely"), kind="a grid generator")


@pytest.fixture
def with_gridgen(setting, user_models) -> Path:
    shutil.copytree(setting["taught"] / "gridgen", user_models / "gridgen")
    return user_models


def blurred_fakes(folder: Path, count: int, seed: int) -> Path:
    """Fakes of the taught kind on pictures unlike the taught reals (blurred: another camera, another source)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(count):
        soft = np.asarray(Image.fromarray(photo_like(rng, 64, BLUISH)).filter(ImageFilter.GaussianBlur(1.5)))
        Image.fromarray(with_generator_trace(soft, rng)).save(folder / f"soft_{i}.png")
    return folder


# -- familiarity -------------------------------------------------------------------------

def test_real_stats_find_new_reals_familiar_and_another_kind_not():
    rng = np.random.default_rng(0)
    reals = rng.normal(0.0, 1.0, (20, 50))
    stats = fit_real_stats(reals)
    assert stats.count == 20 and len(stats.loo_distances) == 20
    assert stats.threshold == pytest.approx(np.percentile(stats.loo_distances, familiarity.PERCENTILE))
    new = rng.normal(0.0, 1.0, (200, 50))
    expected = familiarity.PERCENTILE / 100  # the share of reals like them, by construction of the threshold
    assert np.mean([stats.familiar(x) for x in new]) >= expected - 0.15
    assert not any(stats.familiar(x) for x in rng.normal(0.0, 3.0, (20, 50)))  # spread like another source
    assert not any(stats.familiar(x) for x in rng.normal(2.0, 1.0, (20, 50)))  # shifted
    # a trace in a few features (what a head reads) keeps a picture familiar
    traced = new[:20].copy()
    traced[:, :3] += 6.0
    assert np.mean([stats.familiar(x) for x in traced]) >= expected - 0.25
    again = RealStats.from_dict(stats.to_dict())
    assert again.threshold == stats.threshold and np.allclose(again.mean, stats.mean)
    with pytest.raises(FamiliarityError):
        stats.distance(np.zeros(49))
    with pytest.raises(FamiliarityError):
        fit_real_stats(reals[:2])


def test_the_statistics_are_stored_with_the_detector_and_checked(setting, with_gridgen):
    taught = list_taught(with_gridgen)[0]
    ref = taught.spec.familiarity
    assert ref["file"] == "gridgen_reals.json" and ref["count"] == 15 and (taught.folder / ref["file"]).is_file()
    assert taught.entry["kind"] == "a grid generator"
    stats = stats_of(taught.spec)
    assert stats.count == 15 and stats.mean.shape == (64,)
    # damaged statistics: the detector is set aside with the reason, not used blind
    path = taught.folder / ref["file"]
    path.write_text(path.read_text().replace('"count": 15', '"count": 16'))
    again = list_taught(with_gridgen)[0]
    assert again.spec is None and "sha256" in again.problem


def test_a_file_unlike_the_taught_reals_is_not_made_fake_by_the_detector(tmp_path, setting, with_gridgen):
    detector = Detector.from_manifest(setting["manifest"])
    assert [h.spec.id for h in detector.heads] == ["gridgen"]
    like = [detector.analyze_file(p) for p in sorted(make_examples(tmp_path / "like", 8, True, 7).iterdir())]
    unlike = [detector.analyze_file(p) for p in sorted(blurred_fakes(tmp_path / "unlike", 5, 8).iterdir())]
    # the head says "this kind" for both; only files like its reals may become fake
    assert all(r.model_probabilities["gridgen"] >= 0.86 for r in unlike)
    assert all(r.taught_familiar == {"gridgen": False} for r in unlike)
    assert all(r.verdict == "uncertain" for r in unlike)
    assert all("taught_unfamiliar" in [reason.code for reason in r.reasons] for r in unlike)
    assert all("unlike the real photos it was taught with" in " ".join(r.decision_lines()) for r in unlike)
    raised = [r for r in like if r.verdict == "fake"]
    assert len(raised) >= 4 and all(r.taught_familiar["gridgen"] for r in raised)
    # the flag comes from the same features the head reads
    spec = detector.heads[0].spec
    assert taught_familiarity(spec, stats_of(spec).mean) and not taught_familiarity(spec, stats_of(spec).mean + 50)


@pytest.mark.parametrize("verdict, familiar, expected", [
    ("real", True, "fake"), ("real", False, "uncertain"), ("uncertain", False, "uncertain"), ("fake", False, "fake"),
])
def test_the_rule_needs_familiarity_to_say_fake(verdict, familiar, expected, setting):
    spec = dataclasses.replace(load_manifest(setting["manifest"]).models[0], id="mine", name="mine",
                               backbone=Backbone("features", "x"), thresholds={"fake": 0.86, "uncertain": 0.5})
    fused = {"real": 0.0, "uncertain": 0.5, "fake": 1.0}[verdict]
    manifest = load_manifest(setting["manifest"])
    decision = decide(Scores(fused, {}, {"mine": 0.95}, {"mine": familiar}), manifest, [spec])
    assert decision.verdict == expected
    assert ("taught_unfamiliar" in [r.code for r in decision.reasons]) == (not familiar and verdict != "fake")


def test_learn_says_when_its_fakes_are_unlike_its_real_photos(tmp_path, setting, user_models):
    # blurred fakes (another camera) taught with sharp reals: the scan-time check will hold such files at uncertain
    real = make_examples(tmp_path / "r", 15, False, 21)
    fake = blurred_fakes(tmp_path / "f", 15, 22)
    taught = list(teach("soft", real, fake, setting["manifest"], user_models))[-1]
    assert 2 * taught.unlike_reals > taught.check.fakes
    assert any(f"{taught.unlike_reals} of your 15 fakes are unlike your real photos" in line for line in taught.report())
    # fakes like the reals (the module's own 'gridgen' examples): nothing to say
    same = list(teach("same", setting["real"], setting["fake"], setting["manifest"], user_models))[-1]
    assert 2 * same.unlike_reals <= same.check.fakes
    assert not any("unlike your real photos" in line for line in same.report())


# -- weak detectors start off ----------------------------------------------------------------

def test_a_weak_detector_is_kept_but_off_until_turned_on(tmp_path, setting, user_models):
    # 12 + 12 examples: fewer than 15 a class, so it starts off whatever its check says
    real = make_examples(tmp_path / "r", 12, False, 11)
    fake = make_examples(tmp_path / "f", 12, True, 12)
    taught = list(teach("small", real, fake, setting["manifest"], user_models))[-1]
    assert not taught.enabled and "fewer than 15 examples" in taught.why_off
    assert any("kept but turned off" in line and "--enable small" in line for line in taught.report())
    detector = Detector.from_manifest(setting["manifest"])
    assert detector.heads == [] and "small" in detector.model_ids
    assert any("turned off" in str(p) and "fewer than 15" in str(p) for p in detector.problems)
    set_enabled(user_models, "small", True)
    assert [h.spec.id for h in Detector.from_manifest(setting["manifest"]).heads] == ["small"]
    set_enabled(user_models, "small", False)
    assert Detector.from_manifest(setting["manifest"]).heads == []


def test_a_detector_that_barely_tells_is_off(tmp_path, setting, user_models):
    # both folders hold reals of one kind: nothing to learn, its check says so
    real = make_examples(tmp_path / "r", 16, False, 21)
    fake = make_examples(tmp_path / "f", 16, False, 22)
    taught = list(teach("nothing", real, fake, setting["manifest"], user_models))[-1]
    assert taught.check.roc_auc < 0.75
    assert not taught.enabled and "barely tells" in taught.why_off
    assert not list_taught(user_models)[0].enabled


def test_a_good_detector_is_on(setting, with_gridgen):
    item = list_taught(with_gridgen)[0]
    assert item.enabled and item.why_off == ""


# -- examples from lists and from a marked CSV -------------------------------------------------

def test_examples_from_lists(tmp_path, setting):
    real_list, fake_list = tmp_path / "reals.txt", tmp_path / "fakes.txt"
    reals = sorted(setting["real"].iterdir())
    real_list.write_text("# reals\n" + "\n".join(str(p) for p in reals) + "\n\n" + str(tmp_path / "gone.png") + "\n")
    (tmp_path / "clip.mp4").write_bytes(b"\x00" * 64)
    fakes = sorted(setting["fake"].iterdir())
    shutil.copy(fakes[0], tmp_path / "beside.png")
    fake_list.write_text("beside.png\nclip.mp4\n" + "\n".join(str(p) for p in fakes[1:]))
    files, skipped = list_files(real_list, fake_list)
    assert sum(label == 0 for _, label in files) == 15 and sum(label == 1 for _, label in files) == 16
    assert (str(tmp_path / "beside.png"), 1) in files  # relative: beside the list
    assert (str(tmp_path / "clip.mp4"), 1) in files  # a video is an example too (left out if it cannot be read)
    assert dict(skipped) == {str(tmp_path / "gone.png"): "no such file"}
    with pytest.raises(LearnError, match="does not exist"):
        list_files(tmp_path / "absent.txt", fake_list)


def test_examples_from_a_marked_csv(tmp_path, setting):
    table = tmp_path / "scan.csv"
    rows = [{"path": str(p), "verdict": "real", "confirmed": "real"} for p in sorted(setting["real"].iterdir())]
    rows += [{"path": "'" + str(p), "verdict": "real", "confirmed": "fake"} for p in sorted(setting["fake"].iterdir())]
    rows += [{"path": str(tmp_path / "x.png"), "verdict": "fake", "confirmed": ""}]
    with table.open("w", newline="") as f:
        writer = csv.DictWriter(f, ["path", "verdict", "confirmed"])
        writer.writeheader()
        writer.writerows(rows)
    files, skipped = csv_files(table)
    assert len(files) == 30 and sum(label for _, label in files) == 15 and not skipped
    with pytest.raises(LearnError, match="no column 'mark'"):
        csv_files(table, "mark")
    (tmp_path / "none.csv").write_text("path,confirmed\na.png,\n")
    with pytest.raises(LearnError, match="mark rows first"):
        csv_files(tmp_path / "none.csv")


def test_learn_from_a_csv_on_the_command_line(tmp_path, setting, user_models, capsys):
    from deepfake_desk.cli import main

    table = tmp_path / "marked.csv"
    lines = ["path,confirmed"] + [f"{p},real" for p in sorted(setting["real"].iterdir())]
    lines += [f"{p},fake" for p in sorted(setting["fake"].iterdir())]
    table.write_text("\n".join(lines) + "\n")
    assert main(["learn", "fromcsv", "--from-csv", str(table), "--manifest", str(setting["manifest"]), "-q"]) == 0
    out = capsys.readouterr().out
    assert "learned from 15 fakes and 15 real photos" in out
    assert "real photos of the same subjects and sources as the files you will check" in out
    assert list_taught(user_models)[0].entry["training_data"]["fake"]["folder"].endswith("(confirmed = fake)")
    assert main(["learn", "--disable", "fromcsv"]) == 0 and not list_taught(user_models)[0].enabled
    capsys.readouterr()
    assert main(["learn", "--list", "--manifest", str(setting["manifest"])]) == 0
    assert "turned off: by you (deepfake-detector learn --enable fromcsv)" in capsys.readouterr().out
    assert main(["learn", "--enable", "fromcsv"]) == 0 and list_taught(user_models)[0].enabled
    assert main(["learn", "--enable", "absent"]) == 1


def test_teach_files_reports_progress_and_can_be_cancelled(setting, user_models):
    files = [(str(p), 0) for p in sorted(setting["real"].iterdir())] + [
        (str(p), 1) for p in sorted(setting["fake"].iterdir())]
    seen = []
    for item in teach_files("marked", lambda: (files, []), ("rows", "rows"), setting["manifest"], user_models,
                            cancel=lambda: len(seen) >= 3):
        seen.append(item)
    assert len(seen) == 3 and all(isinstance(i, Progress) for i in seen) and list_taught(user_models) == []


def test_a_detector_taught_before_the_statistics_can_only_make_files_uncertain(tmp_path, setting, with_gridgen,
                                                                               capsys):
    import json

    from deepfake_desk.cli import main

    entry_file = with_gridgen / "gridgen" / "manifest.json"
    document = json.loads(entry_file.read_text())
    del document["models"][0]["familiarity"]
    entry_file.write_text(json.dumps(document))
    detector = Detector.from_manifest(setting["manifest"])
    results = [detector.analyze_file(p) for p in sorted(make_examples(tmp_path / "like", 6, True, 7).iterdir())]
    high = [r for r in results if r.model_probabilities["gridgen"] >= 0.86]
    assert high and all(r.verdict == "uncertain" and r.taught_familiar == {"gridgen": False} for r in high)
    assert main(["learn", "--list", "--manifest", str(setting["manifest"])]) == 0
    assert "uncertain, never fake; teach it again" in capsys.readouterr().out
