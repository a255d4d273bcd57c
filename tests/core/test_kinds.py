"""Which known kind of fake a file looks most like (core/kinds.py): said beside a fake or uncertain
verdict, never changing it; heads of another model version are not used."""

import dataclasses

import numpy as np
import pytest

from deepfake_desk.core.decision import Rule, Scores, decide
from deepfake_desk.core.detector import Detector
from deepfake_desk.core.export import csv_columns, csv_row
from deepfake_desk.core.kinds import KIND_IDS, KINDS_FILE, NAMED_FROM, KindHeads, kind_heads
from deepfake_desk.core.manifest import Bands, load_manifest
from deepfake_desk.core.resources import default_manifest_path
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import reason_text

RULE = Rule(Bands(t_real=0.25, t_fake=0.75), counted=frozenset())
LIKE_GAN = {"kind": "gan_face", "probability": 0.9, "right": 0.9}


def heads(dims=4):
    weights = np.zeros((3, dims), np.float32)
    weights[0, 0] = weights[1, 1] = weights[2, 2] = 2.0  # each kind stands out on its own feature
    return KindHeads(KIND_IDS, weights, np.zeros(3, np.float32), (0.6, 0.9, float("nan")))


def feature_spec():
    return next(m for m in load_manifest(default_manifest_path()).models if m.feature_output and not m.taught)


def test_the_kind_whose_head_scores_highest_is_named_with_its_loso_figure():
    h = heads()
    assert h.nearest(np.array([0.0, 3.0, 1.0, 0.0]))[0] == "gan_face"
    assert h.nearest(np.array([0.0, 0.0, 1.0, 0.0]))[0] == "diffusion"
    assert h.right("gan_face") == 0.9 and h.right("diffusion") is None and h.right("unknown") is None
    assert h.probabilities(np.zeros(5)) == {} and h.nearest(np.zeros(5))[0] == ""  # features of another size


@pytest.mark.parametrize("fused, verdict, said", [(0.9, Verdict.FAKE, True), (0.5, Verdict.UNCERTAIN, True),
                                                  (0.1, Verdict.REAL, False)])
def test_the_kind_is_said_beside_a_fake_or_uncertain_verdict_and_never_changes_it(fused, verdict, said):
    plain = decide(Scores(fused, {}), RULE)
    with_kind = decide(Scores(fused, {}, resembles=LIKE_GAN), RULE)
    assert plain.verdict == with_kind.verdict == verdict
    assert [r.code for r in with_kind.reasons] == (["resembles"] if said else [])


def test_no_kind_for_a_picture_the_models_cannot_judge_or_without_heads():
    assert not decide(Scores(0.9, {}, resembles=LIKE_GAN, not_assessable="computer graphics"), RULE).reasons[1:]
    assert decide(Scores(0.9, {}, resembles={}), RULE).reasons == ()


def test_the_kind_is_worded_with_how_often_it_was_right():
    text = reason_text(decide(Scores(0.9, {}, resembles=LIKE_GAN), RULE).reasons[0])
    assert "GAN-generated faces" in text and "90%" in text and "left out of training" in text
    unmeasured = decide(Scores(0.9, {}, resembles={**LIKE_GAN, "right": None}), RULE).reasons[0]
    assert "%" not in reason_text(unmeasured)


def test_a_kind_is_named_only_when_its_head_calls_the_file_a_fake_of_it():
    detector = Detector.from_manifest(taught=False)
    assert detector.resembles({"gan_face": 0.04, "diffusion": 0.01, "face_swap": 0.02}) == {}
    named = detector.resembles({"gan_face": 0.7, "diffusion": 0.2, "face_swap": 0.1})
    assert named["kind"] == "gan_face" and named["right"] == detector.kinds.right("gan_face")


def test_heads_of_another_model_version_or_damaged_ones_are_not_used(tmp_path):
    spec = dataclasses.replace(feature_spec(), path=tmp_path / "features.onnx")
    assert kind_heads(spec) is None  # none beside it
    heads(4).save(tmp_path / KINDS_FILE.format(model=spec.id), spec.sha256)
    assert kind_heads(spec).ids == KIND_IDS
    assert kind_heads(dataclasses.replace(spec, sha256="0" * 64)) is None
    (tmp_path / KINDS_FILE.format(model=spec.id)).write_bytes(b"damaged")
    assert kind_heads(spec) is None


def test_the_shipped_heads_fit_the_feature_model_and_a_scan_names_a_kind_only_beside_fake_or_uncertain(tmp_path):
    shipped = kind_heads(feature_spec())
    assert shipped is not None and shipped.ids == KIND_IDS
    assert all(0.0 <= shipped.right(k) <= 1.0 for k in KIND_IDS)  # each kind measured under LOSO
    detector = Detector.from_manifest(taught=False)
    rng = np.random.default_rng(3)
    for i in range(4):
        path = tmp_path / f"noise{i}.png"
        from PIL import Image

        Image.fromarray(rng.integers(0, 255, (300, 400, 3), dtype=np.uint8)).save(path)
        result = detector.analyze_file(path)
        assert result.ok
        said = [r for r in result.reasons if r.code == "resembles"]
        if said:  # only beside fake or uncertain, and only when its head calls it a fake of that kind
            assert result.verdict in (Verdict.FAKE, Verdict.UNCERTAIN) and result.resembles in KIND_IDS
            assert said[0].values["probability"] >= NAMED_FROM
        else:
            assert result.resembles == ""
        # the CSV column before the notes (duplicate_group is added when the file is closed, before `scan`)
        assert csv_row(result, detector.model_ids)[-2] == result.resembles
        assert csv_columns(detector.model_ids)[-2] == "resembles"
    detector.kinds = None  # no heads: nothing is named, the verdict is the same
    again = detector.analyze_file(tmp_path / "noise0.png")
    assert again.resembles == "" and again.verdict == Detector.from_manifest(taught=False).analyze_file(
        tmp_path / "noise0.png").verdict
