"""The one decision (core/decision.py): bands, dissent among the counted models, familiarity,
taught detectors that raise but never lower, labels; and its words (core/wording.py)."""

import dataclasses
import json
from pathlib import Path

import pytest

from deepfake_desk.core.decision import Decision, Rule, Scores, counted_models, decide
from deepfake_desk.core.manifest import Backbone, Bands, load_manifest
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import decided_by_text, decision_lines, reason_text

SHIPPED = Path(__file__).resolve().parents[2] / "models" / "manifest.json"


@pytest.fixture(scope="module")
def shipped():
    return load_manifest(SHIPPED, verify_files=False)


def taught_spec(shipped, model_id="mine", fake=0.86, uncertain=0.5, real=12, fakes=15):
    return dataclasses.replace(shipped.models[0], id=model_id, name=model_id, backbone=Backbone("x", "y"),
                               thresholds={"fake": fake, "uncertain": uncertain},
                               training_data={"real": {"count": real}, "fake": {"count": fakes}})


@pytest.mark.parametrize(
    "p, verdict",
    [(0.0, "real"), (0.2999, "real"), (0.3, "uncertain"), (0.5, "uncertain"), (0.6999, "uncertain"),
     (0.7, "fake"), (1.0, "fake"), (None, ""), (float("nan"), "")],
)
def test_bands(p, verdict):
    decision = decide(Scores(p, {}), Rule(Bands(0.3, 0.7)))
    assert decision.verdict == verdict
    assert decision.decided_by == ("models" if verdict else "")


def test_a_strongly_contradicted_verdict_is_uncertain():
    rule = Rule(Bands(0.3, 0.7, dissent=0.95))
    assert decide(Scores(0.1, {"cnn": 0.99, "probe": 0.02}), rule).verdict == "uncertain"  # cnn sure of fake
    assert decide(Scores(0.9, {"cnn": 0.04, "probe": 0.97}), rule).verdict == "uncertain"  # cnn sure of real
    assert decide(Scores(0.1, {"cnn": 0.94, "probe": 0.02}), rule).verdict == "real"  # dissent below the line
    assert decide(Scores(0.9, {"cnn": 0.96, "probe": 0.97}), rule).verdict == "fake"  # agreement is not dissent
    assert decide(Scores(0.1, {"cnn": 0.99}), Rule(Bands(0.3, 0.7))).verdict == "real"  # no rule: the score decides
    dissent = decide(Scores(0.1, {"cnn": 0.99, "probe": 0.02}), rule).reasons
    assert [r.code for r in dissent] == ["dissent"] and dict(dissent[0].values["models"]) == {"cnn": 0.99}


def test_only_counted_models_dissent_on_the_shipped_manifest(shipped):
    """The shipped seed models have fusion weight 0: shown, not counted, so they cannot dissent."""
    counted = counted_models(shipped)
    shown = [m.id for m in shipped.models if m.id not in counted]
    assert counted and shown  # the shipped manifest has both kinds
    manifest = dataclasses.replace(shipped, bands=dataclasses.replace(shipped.bands, dissent=0.95))
    low = shipped.bands.t_real / 2
    assert decide(Scores(low, {shown[0]: 0.999}), manifest).verdict == "real"
    assert decide(Scores(low, {next(iter(counted)): 0.999}), manifest).verdict == "uncertain"


def test_unfamiliar_pictures_are_uncertain_only_when_the_manifest_says_so(shipped):
    scores = Scores(0.99, {}, familiar=False)
    assert shipped.check_familiar is False  # shipped off until measured
    assert decide(scores, shipped).verdict == "fake"
    on = dataclasses.replace(shipped, check_familiar=True)
    decision = decide(scores, on)
    assert decision.verdict == "uncertain" and [r.code for r in decision.reasons] == ["unfamiliar"]
    assert decide(dataclasses.replace(scores, familiar=None), on).verdict == "fake"  # not measured: no change
    assert decide(dataclasses.replace(scores, familiar=True), on).verdict == "fake"


@pytest.mark.parametrize("fused, p, expected, by", [
    (0.01, 0.2, "real", "models"), (0.01, 0.6, "uncertain", "taught:mine"), (0.01, 0.9, "fake", "taught:mine"),
    (0.5, 0.9, "fake", "taught:mine"), (0.5, 0.01, "uncertain", "models"), (0.99, 0.01, "fake", "models"),
    (0.99, 0.6, "fake", "models"), (0.5, 0.6, "uncertain", "models"),  # never lowered, nor claimed
])
def test_taught_detectors_raise_and_never_lower(shipped, fused, p, expected, by):
    decision = decide(Scores(fused, {}, {"mine": p}), shipped, [taught_spec(shipped)])
    assert (decision.verdict, decision.decided_by) == (expected, by)


def test_an_unfamiliar_taught_detector_cannot_make_a_file_fake_on_its_own(shipped):
    spec = taught_spec(shipped)
    real = decide(Scores(0.01, {}, {"mine": 0.99}, {"mine": False}), shipped, [spec])
    assert real.verdict == "uncertain" and [r.code for r in real.reasons] == ["taught_unfamiliar"]
    between = decide(Scores(0.5, {}, {"mine": 0.99}, {"mine": False}), shipped, [spec])
    assert between.verdict == "uncertain" and between.decided_by == "models"
    assert decide(Scores(0.01, {}, {"mine": 0.99}, {"other": False}), shipped, [spec]).verdict == "fake"


def test_a_detector_taught_with_faces_in_its_fakes_only_says_why_a_file_stays_uncertain(shipped):
    faces = dataclasses.replace(taught_spec(shipped), training_data={"real": {"count": 20, "with_a_face": 1},
                                                                     "fake": {"count": 20, "with_a_face": 18}})
    held = decide(Scores(0.01, {}, {"mine": 0.99}, {"mine": False}), shipped, [faces])
    (reason,) = held.reasons
    assert held.verdict == "uncertain" and reason.code == "taught_unfamiliar" and reason.values["face_gap"]
    assert "its fakes showed faces and its real photos mostly did not" in reason_text(reason)
    plain = decide(Scores(0.01, {}, {"mine": 0.99}, {"mine": False}), shipped, [taught_spec(shipped)])
    assert not plain.reasons[0].values["face_gap"]
    assert reason_text(plain.reasons[0]).endswith("unlike the real photos it was taught with, so it cannot make "
                                                  "the verdict fake on its own")


def test_the_card_says_which_taught_detector_decided_and_from_how_many_examples(shipped):
    decision = decide(Scores(0.01, {}, {"mine": 0.95}), shipped, [taught_spec(shipped, real=12, fakes=15)])
    assert decided_by_text(decision.verdict, decision.decided_by, decision.reasons) == (
        "Your detector 'mine', taught from 27 examples, says this looks like that kind of fake")
    lines = decision_lines(decision.verdict, decision.decided_by, decision.reasons)
    assert lines[1].startswith("Your detector 'mine': 95% chance of this kind of fake; it makes the verdict fake")
    assert decided_by_text("real", "models", ()) == ""


def test_labels_and_unassessable_pictures_outrank_the_scores(shipped):
    label = decide(Scores(0.01, {}, provenance="c2pa-valid: Firefly", label="c2pa"), shipped)
    assert label == Decision(Verdict.LABELLED_AI, label.reasons, "label")
    assert [r.code for r in label.reasons] == ["label_c2pa"]
    graphics = decide(Scores(0.99, {}, not_assessable="computer graphics"), shipped)
    assert (graphics.verdict, graphics.decided_by) == ("not-assessable", "")
    assert decide(Scores(0.99, {}, not_assessable="chart", label="metadata"), shipped).verdict == "labelled-ai"


def test_every_reason_has_words_in_english_and_indonesian():
    """Reasons are words only in wording.py, and each of its phrases is in the Indonesian catalogue."""
    import re

    source = (Path(__file__).resolve().parents[2] / "deepfake_desk" / "core" / "wording.py").read_text()
    block = source[source.index("# --- The decision's reasons"):]
    phrases = [re.sub(r'"\s*\n\s*"', "", m) for m in re.findall(r'translate\("Wording", ((?:"[^"]*"\s*)+)\)', block)]
    phrases = [p.strip().strip('"') for p in phrases]
    catalogue = (Path(__file__).resolve().parents[2] / "resources" / "translations" / "deepfake_desk_id.ts").read_text()
    assert len(phrases) >= 6
    from xml.sax.saxutils import escape

    sources = {"<source>" + escape(p, {"'": "&apos;"}) + "</source>" for p in phrases}
    assert not [s for s in sources if s not in catalogue]
    # each one translated, not left unfinished
    assert all(s + "\n        <translation>" in catalogue for s in sources)


def test_reason_words_fill_in_their_values(shipped):
    decision = decide(Scores(0.1, {"m": 0.99}), Rule(Bands(0.3, 0.7, 0.95)))
    text = reason_text(decision.reasons[0], {"m": "Model M"})
    assert text == ("Uncertain although the combined score (10% chance of fake) says no signs of AI generation found: "
                    "Model M says 99% chance of fake (the models disagree strongly)")


def test_the_shipped_manifest_is_json_with_familiarity_off():
    raw = json.loads(SHIPPED.read_text())
    assert not (raw.get("familiarity") or {}).get("enabled", False)


def test_which_face_the_scores_come_from_is_a_reason_in_words():
    from deepfake_desk.core.decision import Reason
    from deepfake_desk.core.wording import decision_lines

    lines = decision_lines("uncertain", "models", (Reason("faces", {"count": 2, "whole": 0.31}),
                                                   Reason("faces_in_frames", {"frames": 3, "of": 16})))
    assert lines[0].startswith("Faces found: 2; the verdict comes from the most suspicious face")
    assert "31%" in lines[0] and lines[1].startswith("faces found in 3 of 16 frames")
