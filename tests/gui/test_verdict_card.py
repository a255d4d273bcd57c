"""The verdict card and the table in plain words: chance of fake, plain model names and their
weight, no "real" claim in the low band, "not assessable" with its reason, headers not cut."""

from __future__ import annotations

import dataclasses

from PySide6.QtGui import QColor

from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import percent
from tests.conftest import BLUE, RED, model_entry, solid, write_manifest
from tests.gui.conftest import wait_idle


def open_one(qtbot, window, path):
    window.open_paths([str(path)])
    wait_idle(qtbot, window)
    return window.results.results[-1]


def test_each_bar_says_chance_of_fake_and_how_much_its_model_counts(qtbot, window, tmp_path):
    solid(RED).save(tmp_path / "red.png")
    result = open_one(qtbot, window, tmp_path / "red.png")
    card = window.card
    assert card.fused_caption.text() == "Chance of fake, all models combined"
    for model_id in ("cnn", "gan"):
        assert card.model_values[model_id].text() == f"{percent(result.model_probabilities[model_id])} chance of fake"
    labels = {mid: label.text() for mid, label in card.model_labels.items()}
    assert "counts for 60% of the combined score" in labels["cnn"]  # weights 0.6 and 0.4
    assert "counts for 40% of the combined score" in labels["gan"]
    # the model that counts most comes first
    first_row = card.models_grid.itemAtPosition(0, 0).widget()
    assert first_row is card.model_labels["cnn"]


def test_the_low_band_claims_no_real_and_is_not_green(qtbot, window, tmp_path):
    solid(BLUE).save(tmp_path / "blue.png")
    result = open_one(qtbot, window, tmp_path / "blue.png")
    assert result.verdict == Verdict.REAL
    card = window.card
    assert card.verdict_text() == "No signs of AI generation found"
    assert "Likely real" not in card.explanation.text() and "not proof" in card.explanation.text()
    colour = QColor(card.badge.styleSheet().split("background: ")[1].split(";")[0])
    hue = colour.hsvHue()
    assert not 75 <= hue <= 165, f"the low band must not be a reassuring green (hue {hue})"
    assert window.results.index(0, window.results.column_of("Verdict")).data() == "No signs found"


def test_not_assessable_says_so_with_its_reason_and_scores_for_reference(qtbot, window, detector):
    graphic = detector.new_result("/evidence/chart.png", kind="image", verdict=Verdict.NOT_ASSESSABLE,
                                  fake_probability=0.02, model_probabilities={"cnn": 0.02, "gan": 0.03})
    wording = graphic.wording
    window.card.show_result(graphic)
    card = window.card
    assert card.verdict_text() == "Not assessable by these models" == wording.headline
    assert card.explanation.text() == wording.explanation
    assert "for reference only" in card.fused_caption.text()
    window.results_panel.add_result(graphic)
    assert window.results.index(0, window.results.column_of("Verdict")).data() == "Not assessable"
    combo = window.verdict_filter
    combo.setCurrentIndex(combo.findText("Not assessable"))
    assert window.proxy.rowCount() == 1


def test_column_headers_are_never_cut_and_explain_themselves(qtbot, tmp_path, settings):
    from deepfake_desk.gui.main_window import MainWindow

    folder = tmp_path / "models"
    folder.mkdir()
    long_name = "A detector with a really rather long plain name (technical)"
    path = write_manifest(folder, [model_entry(folder, "cnn", plain_name=long_name),
                                   model_entry(folder, "gan", "NCHW")])
    win = MainWindow(manifest_path=path, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    header = win.table.horizontalHeader()
    metrics = header.fontMetrics()
    names = win.results.headers
    assert "A detector with a really rather long plain name" in names
    for column, name in enumerate(names[:-1]):  # the last one stretches
        assert header.sectionSize(column) >= metrics.horizontalAdvance(name) + 20, name
        assert win.results.headerData(column, header.orientation(), 3)  # a tooltip for every column (ToolTipRole)
    win.wait_for_workers()


def test_the_table_puts_the_model_that_counts_most_first_and_the_csv_keeps_manifest_order(qtbot, tmp_path, settings):
    import csv

    from deepfake_desk.gui.main_window import MainWindow

    folder = tmp_path / "models"
    folder.mkdir()
    path = write_manifest(folder, [model_entry(folder, "cnn", weight=0.2, plain_name="Light detector"),
                                   model_entry(folder, "gan", "NCHW", weight=0.8, plain_name="Heavy detector")])
    win = MainWindow(manifest_path=path, settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    names = win.results.headers
    assert names.index("Heavy detector") < names.index("Light detector")  # as on the verdict card
    solid(RED).save(tmp_path / "red.png")
    open_one(qtbot, win, tmp_path / "red.png")
    out = tmp_path / "out.csv"
    assert win.export_csv(out) == 1
    with open(out, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f))
    columns = [h for h in header if h in ("cnn", "gan") or h.startswith(("cnn", "gan"))]
    assert columns and columns[0].startswith("cnn")  # the command line's column order, whatever the window shows
    win.wait_for_workers()


def test_about_states_the_honest_facts_from_the_manifest(qtbot, tmp_path, settings):
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.gui.dialogs import AboutDialog

    folder = tmp_path / "models"
    folder.mkdir()
    # in the format training writes: `evaluate` the test-split figures, `probes ship` the LOSO ones
    metrics = {"bands_on_test": {"uncertain_share": 0.526, "decided_accuracy": 0.9518},
               "validation": {"bands": {"uncertain_share": 0.1, "decided_accuracy": 0.99}}}
    loso = {"clean": {"uncertain_share": {"mean": 0.61, "worst": 0.9}, "decided_accuracy": {"mean": 0.73, "worst": 0.5}}}
    entry = model_entry(folder, "cnn", name="Seed CNN (3 conv blocks)", plain_name="Small fake-pattern detector")
    manifest = load_manifest(write_manifest(folder, [entry], fusion={"method": "weighted_mean", "metrics": metrics,
                                                                     "loso": loso},
                                            bands={"t_real": 0.17, "t_fake": 0.86}))
    about = AboutDialog(manifest, {})
    qtbot.addWidget(about)
    intro = about.intro.text()
    assert "from 86% chance of fake" in intro and "below 17%" in intro
    assert "On held-out test files" in intro and "for 53% of them" in intro and "right 95% of the time" in intro
    assert "sources left out of training, it said “Uncertain” for 61% of them" in intro
    assert "right 73% of the time" in intro
    assert "99%" not in intro  # validation (where the bands were fitted) is not quoted
    models = about.models_view.toPlainText()
    assert "Small fake-pattern detector" in models and "Technical name: Seed CNN (3 conv blocks)" in models

    manifest = load_manifest(write_manifest(folder, [entry], fusion={
        "method": "weighted_mean", "metrics": {"bands_on_test": metrics["bands_on_test"]}}))
    about = AboutDialog(manifest, {})
    qtbot.addWidget(about)
    assert "has not been measured" in about.intro.text()


def _fill_colour(bar) -> QColor:
    """The colour of a compact bar's fill, a little inside its left end."""
    bar.resize(240, 12)
    image = bar.grab().toImage()
    return QColor(image.pixel(20, 5))


def test_a_model_that_does_not_count_is_grey_and_says_so(qtbot, window, tmp_path):
    from deepfake_desk.gui.style import VERDICT_COLOURS
    from deepfake_desk.gui.verdict_card import CardModel

    card = window.card
    solid(RED).save(tmp_path / "red.png")
    result = open_one(qtbot, window, tmp_path / "red.png")
    card.set_models([CardModel("cnn", "Counted", "Counted", True, 1.0),
                     CardModel("gan", "Shown only", "Shown only", True, 0.0)], (0.3, 0.7))
    card.show_result(result)
    assert result.model_probabilities["gan"] >= 0.7  # a "fake" score from a model that does not count
    counted, uncounted = _fill_colour(card.model_bars["cnn"]), _fill_colour(card.model_bars["gan"])
    verdict_colours = {QColor(c).name() for c in VERDICT_COLOURS.values()}
    assert counted.name() == VERDICT_COLOURS[Verdict.FAKE]
    assert uncounted.name() not in verdict_colours
    assert uncounted.red() == uncounted.green() == uncounted.blue()  # grey
    assert "not counted" in card.model_labels["gan"].text()
    assert "counts for" not in card.model_labels["gan"].text()


def _shown(label) -> str:
    """What a QLabel shows a reader: its rich text rendered as plain text."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument

    assert label.textFormat() == Qt.TextFormat.RichText  # escaped text given as AutoText shows "&#x27;"
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def test_an_iptc_label_is_what_the_file_says_not_a_verified_fact(qtbot, window, detector):
    labelled = detector.new_result("/evidence/gen.jpg", kind="image", verdict=Verdict.LABELLED_AI,
                                   fake_probability=0.03, model_probabilities={"cnn": 0.03, "gan": 0.03},
                                   provenance="iptc: trainedAlgorithmicMedia")
    window.card.show_result(labelled)
    explanation, details = _shown(window.card.explanation), _shown(window.card.details)
    assert "trustworthy" not in explanation and "anyone can add or remove" in explanation
    assert "The models' scores" in explanation and "&#x27;" not in explanation + details
    assert "says it was made by AI" in details and "anyone can add or remove" in details
    assert "iptc:" not in details and "verified" not in details.lower()


def test_a_video_with_no_fake_stretch_points_at_no_frame_as_a_finding(qtbot, window, detector):
    probabilities = [0.2, 0.65, 0.3, 0.1]
    video = detector.new_result("/evidence/clip.mp4", kind="video", verdict=Verdict.UNCERTAIN, fake_probability=0.31,
                                model_probabilities={"cnn": 0.3, "gan": 0.3}, frames=4,
                                frame_indices=[0, 10, 20, 30], frame_times=[0.0, 1.0, 2.0, 3.0],
                                frame_probabilities=probabilities, fake_frame_share=0.0, worst_frames=[1, 2, 0, 3])
    window.card.show_result(video)
    details = _shown(window.card.details)
    assert "0 of 4 sampled frames look fake" in details
    assert "most suspicious" not in details and "not a finding" in details
    fake = dataclasses.replace(video, verdict=Verdict.FAKE, fake_frame_share=0.5)
    window.card.show_result(fake)
    assert "The most suspicious frame is at 0:01" in _shown(window.card.details)


def test_the_help_says_what_was_measured_on_unseen_generators():
    from deepfake_desk.gui.dialogs import how_to_read_html

    text = how_to_read_html()
    assert "9 in 10" not in text and "trustworthy" not in text
    assert "never saw" in text and "leaving each training source out" in text
    assert "anyone can add or remove" in text
