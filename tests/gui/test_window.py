"""The main window driven as a user would: open, drop, cancel, sort, filter, export, About."""

from __future__ import annotations

import csv
import os
import gc
import json
import re
import sys

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QStyleOptionViewItem

from deepfake_desk.core.wording import percent
from tests.conftest import BLUE, RED, model_entry, solid, write_manifest
from tests.gui.conftest import wait_idle


def drop(win, paths) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    win.dropEvent(event)
    return event


def rows_by_name(win) -> dict:
    return {r.path.rsplit("/", 1)[-1]: r for r in win.results.results}


def column(win, header: str) -> int:
    return win.results.column_of(header)


def test_open_file_fills_the_verdict_card(qtbot, window, detector, tmp_path):
    red = tmp_path / "suspect.jpg"
    solid(RED, (160, 120)).save(red, quality=95)
    expected = detector.analyze_file(red)

    window.open_paths([str(red)])
    qtbot.waitUntil(lambda: window.card.verdict_text() == "Likely fake", timeout=10_000)

    card = window.card
    assert card.title.text() == "suspect.jpg"
    assert card.fused_bar.value() == pytest.approx(expected.fake_probability)
    assert card.fused_value.text() == percent(expected.fake_probability)
    assert set(card.model_bars) == {"cnn", "gan"}
    for model_id, bar in card.model_bars.items():
        assert bar.value() == pytest.approx(expected.model_probabilities[model_id])
    assert "evidence, not proof" in card.evidence.text()
    # the picture is shown beside the card, from the same pass (no second analysis)
    assert window.preview.view.pixmap() is not None and not window.preview.view.pixmap().isNull()

    blue = tmp_path / "holiday.png"
    solid(BLUE).save(blue)
    window.open_paths([str(blue)])
    qtbot.waitUntil(lambda: window.card.verdict_text() == "No signs of AI generation found", timeout=10_000)
    assert window.card.fused_bar.value() < 0.3
    assert window.results.rowCount() == 2  # opened files accumulate in the table


def test_dropped_folder_gives_one_row_per_file_with_an_error_row(qtbot, window, media_folder):
    from PySide6.QtGui import QDragEnterEvent

    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(media_folder))])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    enter.ignore()
    window.dragEnterEvent(enter)
    assert enter.isAccepted()
    text_only = QMimeData()
    text_only.setText("not a file")
    refused = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, text_only, Qt.MouseButton.LeftButton,
                              Qt.KeyboardModifier.NoModifier)
    window.dragEnterEvent(refused)
    assert not refused.isAccepted()
    event = drop(window, [media_folder])
    assert event.isAccepted()
    wait_idle(qtbot, window)

    rows = rows_by_name(window)
    assert sorted(rows) == ["blue.png", "corrupt.jpg", "grey.png", "red_one.jpg", "red_two.png"]
    assert rows["red_one.jpg"].verdict == "fake" and rows["red_two.png"].verdict == "fake"
    assert rows["blue.png"].verdict == "real" and rows["grey.png"].verdict == "uncertain"
    assert "truncated" in rows["corrupt.jpg"].error

    model = window.results
    corrupt_row = model.row_of(rows["corrupt.jpg"].path)
    assert model.index(corrupt_row, column(window, "Verdict")).data() == "Error"
    assert "truncated" in model.index(corrupt_row, column(window, "Error")).data()
    assert window.summary.text() == "2 likely fake  ·  1 uncertain  ·  1 no signs found  ·  1 error"
    # the first row to arrive was selected, so the card is not empty after a scan
    assert window.card.verdict_text() and window.card.badge.isVisible()


def test_selecting_a_row_shows_its_card_and_fetches_the_preview(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    for name, verdict in (("grey.png", "Uncertain"), ("corrupt.jpg", "Could not analyse"),
                          ("red_two.png", "Likely fake")):
        assert window.select_path(str(media_folder / name))
        assert window.card.verdict_text() == verdict
        # a failed file shows its problem, not empty bars
        assert window.card.fused_bar.isHidden() == (name == "corrupt.jpg")
    assert "truncated" not in window.card.explanation.text()  # the last one is fine
    # folder scans keep no pixels: the preview is analysed on demand, off the GUI thread
    qtbot.waitUntil(lambda: window.preview.view.pixmap() is not None, timeout=10_000)
    assert window.preview.view.pixmap().width() == 80


def test_cancel_midway_keeps_the_finished_rows(qtbot, window, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 150
    picture = solid(RED, (900, 700))
    for i in range(total):
        picture.save(folder / f"img_{i:03d}.jpg", quality=90)

    window.open_paths([str(folder)])
    qtbot.waitUntil(lambda: window.results.rowCount() >= 3, timeout=20_000)
    window._update_progress()
    assert re.fullmatch(rf"\d+ of {total} files  ·  0:\d\d elapsed  ·  about \d+:\d\d left",
                        window.progress_label.text())
    assert window.progress.maximum() == total and window.progress.value() >= 3
    window.cancel_scan()
    wait_idle(qtbot, window)

    done = window.results.rowCount()
    assert 3 <= done < total
    qtbot.wait(300)
    assert window.results.rowCount() == done  # nothing arrives after the scan ended
    assert all(r.verdict == "fake" for r in window.results.results)
    assert "cancelled" in window.statusBar().currentMessage()
    assert window.progress.isHidden() and not window.cancel_action.isEnabled()


def test_sort_and_filter(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    proxy = window.proxy

    window.table.sortByColumn(column(window, "Chance of fake"), Qt.SortOrder.DescendingOrder)
    names = [proxy.result_at(i).path.rsplit("/", 1)[-1] for i in range(proxy.rowCount())]
    assert set(names[:2]) == {"red_one.jpg", "red_two.png"}
    assert names[2:] == ["grey.png", "blue.png", "corrupt.jpg"]
    window.table.sortByColumn(column(window, "File"), Qt.SortOrder.AscendingOrder)
    names = [proxy.result_at(i).path.rsplit("/", 1)[-1] for i in range(proxy.rowCount())]
    assert names == sorted(names)

    combo = window.verdict_filter
    combo.setCurrentIndex(combo.findText("Likely fake"))
    assert proxy.rowCount() == 2
    assert {proxy.result_at(i).verdict for i in range(2)} == {"fake"}
    combo.setCurrentIndex(combo.findText("Errors"))
    assert proxy.rowCount() == 1 and proxy.result_at(0).path.endswith("corrupt.jpg")
    combo.setCurrentIndex(combo.findText("All verdicts"))
    window.text_filter.setText("RED_")
    assert proxy.rowCount() == 2
    window.text_filter.setText("truncated")  # errors are searchable too
    assert proxy.rowCount() == 1
    window.text_filter.clear()
    assert proxy.rowCount() == 5


def test_export_csv_and_json(qtbot, window, media_folder, tmp_path):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    out = tmp_path / "results.csv"
    assert window.export_csv(out) == 5

    with open(out, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        rows = {r["path"].rsplit("/", 1)[-1]: r for r in reader}
        assert reader.fieldnames[:4] == ["path", "kind", "verdict", "fake_probability"]
        assert {"cnn_probability", "gan_probability"} <= set(reader.fieldnames)
    assert rows["red_one.jpg"]["verdict"] == "fake" and float(rows["red_one.jpg"]["fake_probability"]) > 0.7
    assert rows["blue.png"]["verdict"] == "real" and float(rows["blue.png"]["cnn_probability"]) < 0.3
    assert "truncated" in rows["corrupt.jpg"]["error"] and rows["corrupt.jpg"]["verdict"] == ""

    # what is exported is what is shown
    window.verdict_filter.setCurrentIndex(window.verdict_filter.findText("Likely fake"))
    assert window.export_json(tmp_path / "fakes.json") == 2
    document = json.loads((tmp_path / "fakes.json").read_text(encoding="utf-8"))
    assert {r["verdict"] for r in document["results"]} == {"fake"}
    assert [m["id"] for m in document["models"]["models"]] == ["cnn", "gan"]


def test_export_to_an_unwritable_place_is_a_message_not_a_crash(qtbot, window, media_folder, tmp_path):
    window.open_paths([str(media_folder / "blue.png")])
    wait_idle(qtbot, window)
    assert window.export_csv(tmp_path / "no-such-folder" / "out.csv") == 0
    assert window.banner.isVisible() and "Could not save" in window.banner.text.text()


def test_double_click_opens_the_system_viewer(qtbot, window, media_folder, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    window.open_paths([str(media_folder / "grey.png")])
    wait_idle(qtbot, window)
    index = window.proxy.index(0, 0)
    window.table.doubleClicked.emit(index)
    assert opened == [str(media_folder / "grey.png")]


def test_video_shows_a_strip_of_frames_with_the_worst_highlighted(qtbot, window, tmp_path):
    import cv2
    import numpy as np

    path = tmp_path / "clip.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (96, 64))
    for i in range(40):  # blue, turning red in the second half
        bgr = np.zeros((64, 96, 3), np.uint8)
        bgr[:] = (220, 30, 30) if i < 20 else (30, 30, 220)
        writer.write(bgr)
    writer.release()

    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=10_000)
    result = window.results.results[0]
    assert result.ok and result.frames == 4
    strip = window.preview.strip
    assert strip.isVisible() and len(strip.frames) == 4
    # the frames that look fake (the red second half) are outlined, the first shown is the worst
    assert strip.highlighted == [i for i, p in enumerate(result.frame_probabilities) if p >= 0.7] == [2, 3]
    assert result.frame_probabilities[strip.current] == max(result.frame_probabilities)
    assert "most suspicious" in window.preview.caption.text()
    # worst first in the strip; the keyboard walks the strip in that order
    assert set(strip.order[:2]) == {2, 3} and set(strip.order[2:]) == {0, 1}
    assert strip.current == strip.order[0]
    qtbot.keyClick(strip, Qt.Key.Key_Right)
    assert strip.current == strip.order[1]
    assert window.preview.caption.text().startswith(f"Frame {strip.order[1] + 1} of 4")
    qtbot.keyClick(strip, Qt.Key.Key_Left)
    assert strip.current == strip.order[0]
    assert "2 of 4 sampled frames look fake" in window.card.details.text()


def test_about_lists_every_manifest_model_and_the_banner_names_the_broken_one(qtbot, tmp_path, settings):
    from deepfake_desk.gui.main_window import MainWindow

    folder = tmp_path / "models"
    folder.mkdir()
    broken = model_entry(folder, "resnet", "NCHW", name="ResNet-50",
                         metrics={"test": {"accuracy": 0.91, "roc_auc": 0.95}},
                         training_data={"sources": ["faces/example"]},
                         weak_spots=["heavily recompressed images"])
    (folder / "resnet.onnx").write_bytes(b"damaged")
    manifest = write_manifest(folder, [model_entry(folder, "cnn", name="Seed CNN"),
                                       model_entry(folder, "gan", "NCHW", name="GAN discriminator"), broken])
    win = MainWindow(manifest_path=manifest, settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)

    assert win.banner.isVisible() and "resnet" in win.banner.text.text()
    assert set(win.card.model_bars) == {"cnn", "gan", "resnet"}
    assert win.card.model_values["resnet"].text() == "not available"
    about = win.about_dialog()
    assert about.model_ids == ["cnn", "gan", "resnet"]
    text = about.models_view.toPlainText()
    for name in ("Seed CNN", "GAN discriminator", "ResNet-50", "heavily recompressed images", "0.950", "Not in use"):
        assert name in text
    about.close()


def test_missing_manifest_is_a_banner_and_the_window_keeps_working(qtbot, tmp_path, settings, media_folder):
    from deepfake_desk.gui.main_window import MainWindow

    win = MainWindow(manifest_path=tmp_path / "nowhere" / "manifest.json", settings=settings)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    assert win.banner.isVisible() and "missing or damaged" in win.banner.text.text()
    win.open_paths([str(media_folder)])
    assert not win.scanning and win.results.rowCount() == 0
    assert "no detection model" in win.statusBar().currentMessage()
    assert "Models: none loaded" in win.diagnostics()
    assert win.about_dialog().model_ids == []


def test_help_diagnostics_name_versions_and_hashes(qtbot, window, detector):
    from PySide6.QtGui import QGuiApplication

    from deepfake_desk import __version__
    from deepfake_desk.gui.dialogs import HelpDialog

    text = window.diagnostics()
    assert f"Deepfake Detector {__version__}" in text and "onnxruntime" in text and "Qt" in text
    for model in detector.manifest.models:
        assert model.sha256 in text
    dialog = HelpDialog(text, window)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == text
    dialog.close()


def test_settings_persist(qtbot, window, media_folder, settings):
    window.recursive_action.setChecked(False)
    window.open_paths([str(media_folder / "blue.png")])
    wait_idle(qtbot, window)
    settings.sync()
    assert settings.value("recursive", type=bool) is False
    assert settings.value("last_folder") == str(media_folder)


def test_an_ai_label_sets_the_verdict_and_the_scores_stay(qtbot, window, tmp_path):
    from tests.core.test_evidence import xmp_packet

    path = tmp_path / "labelled.jpg"
    solid(BLUE, (160, 120)).save(path, "JPEG", quality=85, xmp=xmp_packet().encode())
    window.open_paths([str(path)])
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=10_000)

    assert window.card.verdict_text() == "Labelled as AI-generated"
    assert window.card.fused_bar.value() < 0.3  # the models alone would say real: still shown
    assert window.results.index(0, column(window, "Verdict")).data() == "Labelled as AI-generated"
    combo = window.verdict_filter
    combo.setCurrentIndex(combo.findText("Labelled as AI-generated"))
    assert window.proxy.rowCount() == 1
    assert window.summary.text() == "1 labelled as AI-generated"


def test_the_metadata_tab_follows_the_selection(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    panel = window.evidence_panel
    window.select_path(str(media_folder / "red_one.jpg"))
    assert panel.path is None  # not computed while its tab is hidden
    window.side_tabs.setCurrentIndex(1)
    assert panel.path == str(media_folder / "red_one.jpg")
    with qtbot.waitSignal(panel.ela_ready, timeout=10_000):
        pass
    window.select_path(str(media_folder / "blue.png"))
    assert panel.path == str(media_folder / "blue.png")
    window.select_path(str(media_folder / "corrupt.jpg"))
    assert panel.path is None  # an error row has nothing to show


def test_video_frames_setting_is_used(qtbot, window, tmp_path, settings):
    import cv2
    import numpy as np

    path = tmp_path / "short.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 10, (64, 48))
    for _ in range(20):
        writer.write(np.full((48, 64, 3), 128, np.uint8))
    writer.release()
    settings.setValue("video_frames", 2)
    window.open_paths([str(path)])
    wait_idle(qtbot, window)
    assert window.results.results[0].frames == 2


def test_run_opens_the_window_on_the_given_paths(qapp, monkeypatch, manifest_path, media_folder, tmp_path):
    """The entry point the CLI calls: a window on the default manifest, scanning the paths given."""
    from PySide6.QtCore import QSettings, QTimer

    from deepfake_desk.gui.main import run
    from deepfake_desk.gui.main_window import MainWindow

    monkeypatch.setenv("DEEPFAKE_DETECTOR_MODELS", str(manifest_path))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # run() installs its own; put it back after
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "config"))
    seen = {}

    def check() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows and windows[0].models_ready and not windows[0].scanning and windows[0].results.rowCount():
            seen["rows"] = windows[0].results.rowCount()
            seen["manifest"] = windows[0].manifest_path
            windows[0].close()
        else:
            QTimer.singleShot(50, check)

    QTimer.singleShot(50, check)
    QTimer.singleShot(30_000, qapp.quit)  # never hang the suite
    assert run([str(media_folder)]) == 0
    assert seen == {"rows": 5, "manifest": manifest_path}


def test_the_window_never_imports_tensorflow():
    import subprocess

    code = ("import sys; import deepfake_desk.gui.main_window, deepfake_desk.gui.main; "
            "sys.exit(1 if any(m == 'tensorflow' or m.startswith('tensorflow.') for m in sys.modules) else 0)")
    env = {**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"}
    assert subprocess.run([sys.executable, "-c", code], env=env, timeout=120).returncode == 0


def test_paths_opened_during_a_scan_are_queued_and_clear_drops_late_rows(qtbot, window, media_folder, tmp_path):
    from deepfake_desk.core.detector import FileResult

    extra = tmp_path / "later.png"
    solid(BLUE).save(extra)
    window.open_paths([str(media_folder)])
    window.open_paths([str(extra)])  # while the folder is still being scanned
    wait_idle(qtbot, window)
    assert window.results.rowCount() == 6
    assert window.current_result().path == str(extra)  # the file opened by hand is the one shown

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(60):
        solid(RED, (700, 500)).save(folder / f"p{i:02d}.jpg")
    window.open_paths([str(folder)])
    qtbot.waitUntil(lambda: window.results.rowCount() >= 8, timeout=20_000)
    signals = window.session.worker.signals
    window.clear_results()
    # a row the worker sent just before it saw the cancel arrives after the clear
    signals.yielded.emit(FileResult(path=str(folder / "p59.jpg"), kind="image", verdict="fake",
                                    fake_probability=0.9))
    wait_idle(qtbot, window)
    qtbot.wait(200)
    assert window.results.rowCount() == 0 and window.summary.text() == ""
    assert window.card.verdict_text() == "" and window.card.badge.isHidden()


def test_faces_the_models_scored_are_outlined_on_the_preview(qtbot, window):
    from deepfake_desk.core.resources import samples_dir

    photo = samples_dir() / "real" / "astronaut.png"  # a shipped sample with one face
    window.open_paths([str(photo)])
    qtbot.waitUntil(lambda: window.results.rowCount() == 1, timeout=10_000)
    result = window.results.results[0]
    assert len(result.faces) == 1
    boxes = window.preview.view.boxes
    assert len(boxes) == 1
    rect, _, label = boxes[0]
    pixmap = window.preview.view.pixmap()
    x, y, w, h = result.faces[0]["box"]
    scale = pixmap.width() / result.width
    assert (rect.x(), rect.y(), rect.width()) == pytest.approx((x * scale, y * scale, w * scale))
    assert label == f"face: {percent(result.faces[0]['fake_probability'])} chance of fake"


def test_copy_result_gives_a_plain_text_summary(qtbot, window, media_folder):
    from PySide6.QtGui import QGuiApplication

    window.open_paths([str(media_folder / "red_one.jpg"), str(media_folder / "corrupt.jpg")])
    wait_idle(qtbot, window)
    window.select_path(str(media_folder / "red_one.jpg"))
    result = window.current_result()
    window.copy_result_action.trigger()
    text = QGuiApplication.clipboard().text()
    assert text.startswith(str(media_folder / "red_one.jpg") + "\nLikely fake: ")
    assert f"{percent(result.fake_probability)} chance of fake, all models combined" in text
    for model_id in ("cnn", "gan"):  # each model in plain words, with how much it counts
        p = result.model_probabilities[model_id]
        share = percent(result.model_shares[model_id])
        assert f"{result.model_names[model_id]}: {percent(p)} chance of fake (counts for {share} of" in text
    assert result.sha256 in text and "evidence, not proof" in text
    window.select_path(str(media_folder / "corrupt.jpg"))
    window.copy_result_action.trigger()
    assert "Could not analyse: corrupt image" in QGuiApplication.clipboard().text()


def test_what_the_file_says_has_a_column_and_is_searchable(qtbot, window, tmp_path):
    from tests.core.test_evidence import A1111, save_png

    save_png(tmp_path / "generated.png", {"parameters": A1111})
    solid(BLUE).save(tmp_path / "plain.png")
    window.open_paths([str(tmp_path / "generated.png"), str(tmp_path / "plain.png")])
    wait_idle(qtbot, window)
    says = column(window, "File says")
    cells = {r.path.rsplit("/", 1)[-1]: window.results.index(i, says).data()
             for i, r in enumerate(window.results.results)}
    assert cells["plain.png"] == ""
    assert cells["generated.png"].startswith("made by ") and "AUTOMATIC1111" in cells["generated.png"]
    window.text_filter.setText("automatic1111")
    assert window.proxy.rowCount() == 1
    assert window.proxy.result_at(0).path.endswith("generated.png")


def test_a_long_scan_keeps_reference_counts(qtbot, window, tmp_path):
    """PySide6 6.12.0 dropped references to True and None per call; a few thousand files aborted Python."""
    folder = tmp_path / "refs"
    folder.mkdir()
    for i in range(60):
        solid(RED if i % 2 else BLUE).save(folder / f"f{i:02d}.png")
    # Earlier tests' windows are freed by the cycle collector, which may run mid-scan and release their
    # references to True: collect them first, so the counts measure this scan only.
    gc.collect()
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    window.open_paths([str(folder)])
    wait_idle(qtbot, window)
    assert window.results.rowCount() == 60
    # 60 files make hundreds of signals and model calls; a leak of one per call shows
    assert sys.getrefcount(True) - true_before > -30
    assert sys.getrefcount(None) - none_before > -100


def test_preferences_are_applied_and_persist(qtbot, window, settings, monkeypatch):
    from deepfake_desk.gui.dialogs import PreferencesDialog

    def user_changes_and_accepts(dialog):
        assert dialog.frames.specialValueText() == "model default (4)"  # the manifest's video.frames
        dialog.recursive.setChecked(False)
        dialog.frames.setValue(6)
        return True

    monkeypatch.setattr(PreferencesDialog, "exec", user_changes_and_accepts)
    window.edit_preferences()
    assert window.recursive is False and window.video_frames == 6
    settings.sync()
    assert settings.value("recursive", type=bool) is False and settings.value("video_frames", type=int) == 6


def test_open_dialog_offers_phone_photos_in_both_cases():
    from deepfake_desk.gui.main_window import open_file_filter

    images_and_videos = open_file_filter().split(";;")[0]
    patterns = set(images_and_videos[images_and_videos.index("(") + 1 : -1].split())
    assert {"*.heic", "*.HEIC", "*.heif", "*.avif", "*.AVIF", "*.jpg", "*.JPG", "*.mp4", "*.MOV"} <= patterns
    assert open_file_filter().endswith(";;All files (*)")


def test_a_second_folder_scan_asks_and_can_start_a_new_result_set(qtbot, window, tmp_path, add_or_new):
    from deepfake_desk.gui.result_sets import SetChoice

    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        folder.mkdir()
        solid(RED).save(folder / "a.png")
        solid(BLUE).save(folder / "b.png")
    window.open_paths([str(first)])
    wait_idle(qtbot, window)
    assert add_or_new.asked == []  # an empty table: nothing to ask
    window.open_paths([str(first)])  # the same folder again: its rows are replaced, nothing to ask
    wait_idle(qtbot, window)
    assert add_or_new.asked == [] and len(window.results.results) == 2

    add_or_new.choice = SetChoice.CANCEL
    window.open_paths([str(second)])
    wait_idle(qtbot, window)
    assert add_or_new.asked == ["2 results"] and len(window.results.results) == 2

    add_or_new.choice = SetChoice.ADD
    window.open_paths([str(second)])
    wait_idle(qtbot, window)
    assert len(window.results.results) == 4
    assert len({r.scan for r in window.results.results}) == 2  # the export tells the two scans apart

    add_or_new.choice = SetChoice.NEW
    window.open_paths([str(first)])
    wait_idle(qtbot, window)
    assert sorted(os.path.dirname(r.path) for r in window.results.results) == [str(first)] * 2


def test_the_table_shows_each_files_folder_and_the_end_of_its_name(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt

    folder = tmp_path / "a-folder-with-a-rather-long-name" / "inner"
    folder.mkdir(parents=True)
    name = "a-very-long-file-name-from-a-phone-camera-20261206_0042.png"
    solid(RED).save(folder / name)
    window.open_paths([str(folder)])
    wait_idle(qtbot, window)
    model = window.results
    assert model.index(0, model.column_of("Folder")).data() == str(folder)
    table = window.results_panel.table
    for column in (0, model.column_of("Folder")):
        delegate = table.itemDelegateForColumn(column)
        option = QStyleOptionViewItem()
        delegate.initStyleOption(option, window.results_panel.proxy.index(0, column))
        assert option.textElideMode == Qt.TextElideMode.ElideLeft  # "…20261206_0042.png", not "a-very…0042.png"


def test_closing_waits_for_the_apps_threads_only(window):
    """A library's daemon thread that lives as long as the process (Dask's offload pool after a cluster
    scan) is not the window's work: waiting for it held every exit, and every test after the cluster tests,
    for the whole deadline."""
    import threading

    stop = threading.Event()
    foreign = threading.Thread(target=stop.wait, name="Dask-Offload_0", daemon=True)
    foreign.start()
    try:
        assert window.wait_for_workers(timeout_ms=200) is True
        assert foreign.is_alive()
    finally:
        stop.set()
        foreign.join()
