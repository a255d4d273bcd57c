"""The verdict enum and its plain words: what the window and the reports say, and what they must not claim."""

import csv
import io
import json

import pytest

from deepfake_desk.core.detector import Detector, FileResult
from deepfake_desk.core.fusion import fusion_shares
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.verdict import VERDICT_ORDER, Verdict
from deepfake_desk.core.wording import chance_of_fake, kinds_of_fakes, percent, verdict_wording
from tests.conftest import model_entry, write_manifest

SHIPPED_SOURCES = ["faces/dfdc", "faces/openforensics", "faces/stylegan2_tpdne", "faces/stylegan_ffhq",
                   "generic/imagenet_sd15"]


def test_verdict_values_are_the_csv_contract():
    assert [v.value for v in Verdict] == ["real", "uncertain", "fake", "labelled-ai", "not-assessable", ""]
    assert f"{Verdict.NOT_ASSESSABLE}" == "not-assessable" and Verdict.FAKE == "fake"
    assert not Verdict.NOT_ANALYSED and Verdict.from_value(None) is Verdict.NOT_ANALYSED
    assert json.dumps({"v": Verdict.LABELLED_AI}) == '{"v": "labelled-ai"}'
    out = io.StringIO()
    csv.writer(out).writerow([Verdict.REAL, Verdict.NOT_ANALYSED])
    assert out.getvalue().strip() == "real,"
    assert set(VERDICT_ORDER) == set(Verdict)
    with pytest.raises(ValueError):
        Verdict.from_value("likely real")


def test_kinds_of_fakes_come_from_the_training_sources():
    kinds = kinds_of_fakes(SHIPPED_SOURCES)
    assert kinds == ["face swaps in videos", "face manipulations", "GAN-generated faces (StyleGAN)",
                     "diffusion-generated images (Stable Diffusion)"]  # two StyleGAN sources, said once
    assert kinds_of_fakes(["generic/modern_t2i"])[0].startswith("recent text-to-image generators (FLUX")
    assert kinds_of_fakes(["lab/new_thing"]) == ["fakes like those of lab/new_thing"]


def test_the_low_band_does_not_claim_real():
    words = verdict_wording(Verdict.REAL, kinds_of_fakes(SHIPPED_SOURCES))
    assert words.headline == "No signs of AI generation found"
    assert "real" not in words.headline.lower() and "real" not in words.label.lower()
    assert "StyleGAN" in words.explanation and "Stable Diffusion" in words.explanation
    assert "face swaps" in words.explanation and "not proof" in words.explanation


def test_not_assessable_says_why():
    words = verdict_wording(Verdict.NOT_ASSESSABLE, ["face manipulations"], reason="it looks like a chart")
    assert words.headline == "Not assessable by these models"
    assert words.explanation.startswith("It looks like a chart.") and "face manipulations" in words.explanation
    assert verdict_wording("", reason="truncated JPEG").explanation == "This file could not be analysed: truncated JPEG."


@pytest.mark.parametrize("p, text", [(0.113, "11%"), (1.0, "100%"), (0.0, "0%"), (0.001, "<1%"), (0.999, ">99%"),
                                     (None, "–")])
def test_percentages(p, text):
    assert percent(p) == text
    assert chance_of_fake(0.36) == "36% chance of fake"


def test_shares_follow_the_fusion_weights():
    # the shipped weights (0.142, 0.095, 0.127, 0.947): the probe counts for about 72%
    shares = fusion_shares({"cnn": 0.142097, "gan": 0.094885, "resnet50": 0.126995, "mobilenet_v2": 0.947152})
    assert sum(shares.values()) == pytest.approx(1.0)
    assert percent(shares["mobilenet_v2"]) == "72%" and percent(shares["gan"]) == "7%"
    assert fusion_shares({"a": 0.0}) == {"a": 0.0}


def test_manifest_models_have_plain_names_kinds_of_fakes_and_shares(tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    good = model_entry(folder, "cnn", weight=3.0, training_data={"sources": SHIPPED_SOURCES[:2]})
    named = model_entry(folder, "probe", weight=1.0, plain_name="Photo-feature detector",
                        training_data={"sources": ["faces/stylegan_ffhq"]})
    broken = model_entry(folder, "gan", weight=5.0, training_data={"sources": ["generic/imagenet_sd15"]})
    (folder / "gan.onnx").unlink()
    manifest = load_manifest(write_manifest(folder, [good, named, broken]))
    assert manifest.listed_spec("cnn").plain_name == "Small fake-pattern detector (seed CNN)"  # shipped id: default
    assert manifest.listed_spec("probe").plain_name == "Photo-feature detector"  # the manifest's own plain name wins
    assert manifest.listed_spec("gan").plain_name == "Fake-pattern critic trained against a generator (seed GAN)"
    assert manifest.known_fakes == ["face swaps in videos", "face manipulations", "GAN-generated faces (StyleGAN)",
                                    "diffusion-generated images (Stable Diffusion)"]  # a refused model's too

    detector = Detector(manifest, threads=1)
    assert detector.model_ids == ["cnn", "probe", "gan"]
    assert detector.shares == pytest.approx({"cnn": 0.75, "probe": 0.25})  # the missing model has no share
    result = detector.new_result("x.png", model_probabilities={"cnn": 0.2, "probe": 0.9}, verdict=Verdict.REAL)
    first, second = result.model_scores
    assert first.text == "Small fake-pattern detector (seed CNN): 20% chance of fake (counts for 75% of the combined score)"
    assert second.name == "Photo-feature detector" and second.probability == 0.9
    assert "GAN-generated faces" in result.wording.explanation


def test_a_bare_result_still_has_words():
    result = FileResult(path="x.jpg", error="not an image: truncated JPEG data")
    assert result.wording.headline == "Not analysed" and "truncated JPEG" in result.wording.explanation


def test_every_shipped_model_has_a_plain_name():
    """The window shows plain names; a new model needs a `plain_name` in its manifest entry."""
    from deepfake_desk.core.resources import default_manifest_path

    manifest = load_manifest(default_manifest_path(), verify_files=False)
    for model_id in manifest.listed_ids:
        spec = manifest.listed_spec(model_id)
        assert spec is not None and spec.plain_name != spec.name, model_id
    assert manifest.known_fakes and "not proof" in verdict_wording(Verdict.REAL, manifest.known_fakes).explanation


def test_core_messages_are_translated_whole_or_part_by_part_and_stay_english_by_default():
    from deepfake_desk.core.i18n import translate_message

    catalog = {("Messages", "corrupt image"): "gambar rusak", ("Messages", "the file is truncated"): "terpotong",
               ("Messages", "file not found"): "tidak ditemukan"}

    def translate(context: str, text: str) -> str:
        return catalog.get((context, text), text)

    assert translate_message("file not found", translate) == "tidak ditemukan"
    assert translate_message("corrupt image: the file is truncated", translate) == "gambar rusak: terpotong"
    assert translate_message("corrupt image: libjpeg says 42", translate) == "gambar rusak: libjpeg says 42"
    assert translate_message("corrupt image: the file is truncated") == "corrupt image: the file is truncated"
    # a part with numbers is looked up as its template, the numbers kept
    catalog[("Messages", "{0} x {1} pixels, {2} of it flat")] = "{0} x {1} piksel, {2} datar"
    assert translate_message("corrupt image: 9000 x 9000 pixels, 12.5% of it flat", translate) == \
        "gambar rusak: 9000 x 9000 piksel, 12.5% datar"
    assert translate_message("corrupt image: 7 tiles {braces} kept", translate) == "gambar rusak: 7 tiles {braces} kept"
    words = verdict_wording(Verdict.NOT_ANALYSED, reason="file not found", translate=translate)
    assert words.explanation == "This file could not be analysed: tidak ditemukan."
