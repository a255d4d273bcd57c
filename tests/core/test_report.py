"""The case file's HTML: what a verification report must say, parsed back out of the document."""

from __future__ import annotations

import base64
import io
import json
import re
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
import numpy as np
from PIL import Image

from deepfake_desk import __version__
from deepfake_desk.core.manifest import file_sha256
from deepfake_desk.core.report import FLAGGED, file_report, model_limits, render_html, scan_report, write_html
from deepfake_desk.core.report.html import when
from deepfake_desk.core.report.limits import card_bullets
from deepfake_desk.core.scan import scan_paths
from deepfake_desk.core.verdict import Verdict
from tests.conftest import BLUE, RED, solid
from tests.core.test_evidence import xmp_packet


class ReportText(HTMLParser):
    """The visible text of a report, its images, and whether anything outside it is referenced."""

    def __init__(self, document: str):
        super().__init__()
        self.chunks: list[str] = []
        self.images: list[str] = []
        self.links: list[str] = []
        self.page_breaks = 0
        self._skip = 0
        self.feed(document)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("style", "script", "title"):
            self._skip += 1
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        if tag in ("link", "script", "iframe") or (tag == "a" and attrs.get("href")):
            self.links.append(tag)
        if "page-break" in (attrs.get("class") or ""):
            self.page_breaks += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.chunks.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.chunks).split())


def decoded_image(src: str) -> Image.Image:
    assert src.startswith("data:image/")
    return Image.open(io.BytesIO(base64.b64decode(src.split(",", 1)[1])))


@pytest.fixture
def suspect(tmp_path: Path) -> Path:
    path = tmp_path / "suspect <b>&.jpg"  # markup in a file name must stay text
    solid(RED, (160, 120)).save(path, quality=90)
    return path


def test_one_file_report_says_what_when_and_with_what(detector, suspect):
    report = file_report(detector, suspect)
    page = ReportText(render_html(report))
    text = page.text
    assert file_sha256(suspect) in text
    assert "suspect <b>&.jpg" in text  # escaped in the markup, shown as typed
    assert "Likely fake" in text and re.search(r"Combined score: [<>]?\d+% chance of fake", text)
    for model in detector.models:
        assert model.spec.id in text and model.spec.plain_name in text and model.spec.sha256 in text
    assert "test" in text  # the tiny models' version
    analysed = report.cases[0].analysed_at
    assert analysed.tzinfo is not None and when(analysed) in text
    assert re.search(r"Analysed at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC[+-]\d\d:\d\d", text)
    assert f"Deepfake Detector {__version__}" in text
    assert "Decided by the models' combined score" in text
    assert "What these models can and cannot tell" in text
    # self-contained: the picture, the map (only when a square stands out) and the error levels are inlined
    stands_out = "Red marks the parts of the picture" in text
    assert stands_out or "Nothing stands out" in text
    assert len(page.images) == (3 if stands_out else 2) and not page.links
    sizes = [decoded_image(src).size for src in page.images]
    assert sizes[0] == (160, 120) and sizes[1] == (160, 120)
    assert "Error levels after re-saving" in text


def test_generator_labels_come_with_the_forgery_caveat(detector, tmp_path):
    path = tmp_path / "labelled.png"
    solid(BLUE).save(path, pnginfo=_png_info({"parameters": "a cat\nSteps: 20, Sampler: Euler, Model: sdxl"}))
    text = ReportText(render_html(file_report(detector, path, with_map=False))).text
    assert "Generator label: Stable Diffusion (AUTOMATIC1111)" in text
    assert "Metadata can be forged" in text
    assert "Error level analysis applies to JPEG files only" in text


def test_a_valid_ai_label_is_the_verdict_and_the_scores_stay(detector, tmp_path):
    path = tmp_path / "iptc.jpg"
    solid(BLUE).save(path, quality=90, xmp=xmp_packet().encode())
    report = file_report(detector, path, with_map=False)
    text = ReportText(render_html(report)).text
    assert report.cases[0].result.verdict == Verdict.LABELLED_AI
    assert report.cases[0].result.decided_by == "label" and "Decided by an AI label in the file" in text
    assert "Labelled as AI-generated" in text and "trainedAlgorithmicMedia" in text
    assert re.search(r"Combined score: [<>]?\d+% chance of fake", text)


def test_an_unreadable_file_says_so_plainly(detector, tmp_path):
    path = tmp_path / "broken.jpg"
    path.write_text("this is not a picture")
    text = ReportText(render_html(file_report(detector, path))).text
    assert "This file could not be analysed: not an image that can be read" in text
    assert "Nothing else could be checked" in text
    assert "Combined score" not in text and "Red marks" not in text
    assert re.search(r"Analysed at \d{4}-", text)


def test_a_not_assessable_file_says_so_plainly(detector, suspect):
    report = file_report(detector, suspect, with_map=False)
    report.cases[0].result.verdict = Verdict.NOT_ASSESSABLE
    text = ReportText(render_html(report)).text
    assert "Not assessable by these models" in text and "no verdict is given" in text
    assert "Likely fake" not in text.split("Verdict bands")[0]  # (the bands' legend names every verdict)


def test_scan_report_summarises_every_file_and_pages_the_flagged(detector, media_folder):
    rows = list(scan_paths([media_folder], detector))
    runs = detector.model_runs
    report = scan_report(detector, rows, [str(media_folder)], with_map=False)
    assert detector.model_runs == runs  # the pages use the scan's own results: no second analysis
    grey = next(r for r in rows if r.path.endswith("grey.png"))
    assert report.cases[0].analysed_at.isoformat(timespec="seconds") == grey.analysed_at  # its own record's time
    # the fakes and the uncertain file, in scan order
    assert [c.name for c in report.cases] == ["grey.png", "red_one.jpg", "red_two.png"]
    assert all(c.result.verdict in FLAGGED for c in report.cases)
    page = ReportText(render_html(report))
    assert page.page_breaks == 4  # the summary, one section per flagged file, then the other files and the models
    from deepfake_desk.core.report.html import report_sections

    summary, *_, tail = (ReportText(section).text for section in report_sections(report))
    # one summary page: what, when, with what, the counts, and only the files that need attention
    assert "Files that need attention: 4" in summary and str(media_folder) in summary
    for name in ("red_one.jpg", "red_two.png", "grey.png", "corrupt.jpg"):
        assert name in summary
    assert "blue.png" not in summary and "The models" not in summary
    assert "The other files: 1" in tail and "blue.png" in tail  # "no signs found": a row of one table
    text = page.text
    assert "Scan report" in text and "5: 2 likely fake, 1 uncertain, 1 no signs found, 1 not analysed" in text
    for name in ("red_one.jpg", "red_two.png", "blue.png", "grey.png", "corrupt.jpg"):
        assert name in text
    for row in rows:
        if row.sha256:
            assert row.sha256[:16] in text
    assert file_sha256(media_folder / "red_two.png") in text and file_sha256(media_folder / "blue.png") not in text


def test_scan_page_notices_a_file_changed_since_the_scan(detector, tmp_path):
    path = tmp_path / "red.png"
    solid(RED).save(path)
    rows = list(scan_paths([tmp_path], detector))
    solid(RED, (70, 50)).save(path)
    report = scan_report(detector, rows, [str(tmp_path)], with_map=False)
    assert "The file changed or went missing after it was analysed" in ReportText(render_html(report)).text


def test_write_html_leaves_no_partial_file(detector, suspect, tmp_path):
    out = tmp_path / "report.html"
    write_html(file_report(detector, suspect, with_map=False), out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


CARD = """# card

## In plain words

- On kinds of fakes the models never saw, the combined score ranks a fake above a real photo
  **64%** of the time on average.

## Known weak spots

- **Faces first.** About 97% of the training images are face crops. On other
  pictures the scores mean little. """ + "More words. " * 30 + """
- **Face swaps in the wild** (OpenForensics) are the hardest: the models rank them *below* chance.

## Tried and not shipped
- **Something else.** Not a weak spot.
"""


def test_limits_come_from_the_card(detector, tmp_path):
    assert card_bullets(CARD, "In plain words") == [
        "On kinds of fakes the models never saw, the combined score ranks a fake above a real photo 64% of the "
        "time on average."]
    spots = card_bullets(CARD, "Known weak spots")
    assert spots[0].startswith("Faces first. About 97% of the training images are face crops. On other pictures")
    assert len(spots[0]) < 320 and spots[0].endswith(".")  # a long bullet is cut at a sentence
    assert spots[1] == "Face swaps in the wild (OpenForensics) are the hardest: the models rank them below chance."
    (tmp_path / "card.md").write_text(CARD)
    limits = model_limits(detector.manifest, tmp_path / "card.md")
    assert limits.can[0].startswith("On kinds of fakes the models never saw") and limits.source == "card.md"
    assert limits.cannot == spots


def test_without_plain_words_the_manifest_metrics_speak(detector, tmp_path):
    manifest = detector.manifest
    manifest.fusion = type(manifest.fusion)(manifest.fusion.method, 0.0, {
        "test_clean": {"all": {"n": 1234, "roc_auc": 0.812}, "faces/a": {}, "faces/b": {}},
        "bands_on_test": {"uncertain_share": 0.4, "decided_accuracy": 0.93}})
    limits = model_limits(manifest, tmp_path / "none.md")
    worth = limits.worth()
    assert any("held-out test files" in s and "for 40% of them" in s and "right 93%" in s for s in worth)
    assert "has not been measured" in worth[-1]
    assert "no model card" in limits.source and limits.cannot


def test_the_shipped_models_limits_quote_their_leave_one_source_out_figures():
    """On the shipped manifest and card: the figures the manifest carries, never 'not measured'."""
    from deepfake_desk.core.manifest import load_manifest

    shipped = Path(__file__).resolve().parents[2] / "models" / "manifest.json"
    manifest = load_manifest(shipped, verify_files=False)
    loso = json.loads(shipped.read_text())["fusion"]["loso"]["clean"]
    limits = model_limits(manifest)
    worth = limits.worth()
    assert not any("not been measured" in s for s in worth)
    right, uncertain = round(100 * loso["decided_accuracy"]["mean"]), round(100 * loso["uncertain_share"]["mean"])
    assert any(f"for {uncertain}% of them" in s and f"right {right}% of the time" in s for s in worth)
    assert len(limits.can) == 1 and limits.can[0].startswith("A score is evidence")  # the card is not quoted twice
    assert limits.cannot and limits.source == "MODEL_CARD.md"


def test_when_gives_the_time_zone():
    from datetime import timedelta, timezone

    moment = datetime(2026, 12, 1, 23, 5, 7, tzinfo=timezone(timedelta(hours=1), "CET"))
    assert when(moment) == "2026-12-01 23:05:07 UTC+01:00 (CET)"


def _png_info(text: dict[str, str]):
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    for key, value in text.items():
        info.add_text(key, value)
    return info


def test_a_video_report_shows_its_worst_frames(detector, tmp_path):
    from tests.core.test_media import write_video

    path = tmp_path / "clip.avi"
    write_video(path, [(220, 30, 30)] * 10 + [(30, 30, 220)] * 30)  # BGR: 10 blue frames, then 30 red
    report = file_report(detector, path, frames=8)
    case = report.cases[0]
    assert case.result.kind == "video" and len(case.pictures) == 3
    assert all(re.search(r"Frame at [\d.]+ s: [<>]?\d+% chance of fake", p.caption) for p in case.pictures)
    page = ReportText(render_html(report))
    assert len(page.images) == 3 and "drawn for images only" in page.text
    assert "Frames 8 sampled evenly" in page.text


def test_error_levels_print_white_where_nothing_changed_and_dark_where_much_did():
    from deepfake_desk.core.report.case import printable_ela

    ela = np.zeros((40, 40, 3), np.uint8)  # on screen: black where the re-save changed nothing
    ela[10:14, 10:14] = 40  # a faint speck, the strongest in this picture
    printed = printable_ela(ela)
    assert printed[30:, 30:].mean() > 250  # paper stays white, not a black square
    assert printed[10:14, 10:14].max() < 30  # the strongest change is the darkest spot


def test_report_labels_are_kept_apart_from_their_values():
    from deepfake_desk.core.report.html import _facts

    html_text = _facts([("Analysed at", "2026-12-06 05:30:39")])
    # a spacer cell between label and value: Qt's PDF layout ignores CSS cell padding
    assert re.search(r"<b>Analysed at</b></td><td[^>]*>&nbsp;</td><td>2026-12-06", html_text)


def test_a_reports_pictures_decode_in_the_pool_where_a_crash_costs_a_note(detector, suspect, tmp_path, monkeypatch):
    """The report of a file whose decoder now crashes: its page says so, and the app lives on."""
    import shutil
    from dataclasses import replace

    from deepfake_desk.core import decode_pool
    from deepfake_desk.core.report import result_report
    from deepfake_desk.core.scan import decoding_pool

    monkeypatch.setenv(decode_pool.TEST_HOOKS_ENV, "1")  # a file named __segfault__ crashes its decoder
    pool = decoding_pool(detector, keep=True)
    try:
        fine = file_report(detector, suspect, pool=pool)
        assert fine.cases[0].result.verdict == "fake" and fine.cases[0].pictures and fine.cases[0].ela
        crashing = tmp_path / "__segfault__.jpg"
        shutil.copyfile(suspect, crashing)  # analysed as the good copy, read again as a crashing file
        case = result_report(detector, replace(fine.cases[0].result, path=str(crashing)), pool=pool).cases[0]
        assert "crashed" in case.map_note and not case.pictures
        assert "Error level analysis failed" in case.ela_note and "crashed" in case.ela_note and case.ela is None
    finally:
        pool.close()
