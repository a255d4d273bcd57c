"""The window in Bahasa Indonesia as well as English: Qt's .ts/.qm catalogs, the Language menu, and
exports that stay English (the CSV's values are a contract)."""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
from PySide6.QtCore import Qt

from tests.conftest import RED, solid
from tests.gui.conftest import wait_idle

REPO = Path(__file__).resolve().parents[2]
FOLDER = REPO / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n")


def load_tool():
    """scripts/translations.py, the one place that runs pyside6-lupdate and pyside6-lrelease."""
    spec = importlib.util.spec_from_file_location("translations_tool", REPO / "scripts" / "translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def messages(ts: Path) -> list[tuple[str, str, ET.Element]]:
    """(context, source, message element) of every message of a .ts file."""
    found = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        found.extend((name, m.findtext("source"), m) for m in context.iter("message"))
    return found


def forms(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if message.get("numerus") == "yes":
        return [f.text or "" for f in translation.iter("numerusform")]
    return [translation.text or ""]


def test_every_string_has_a_finished_indonesian_translation_with_the_same_placeholders():
    found = messages(FOLDER / "deepfake_desk_id.ts")
    assert len(found) > 250  # the window, its dialogs, the help and the core's wording
    problems = []
    for context, source, message in found:
        translation = message.find("translation")
        texts = forms(message)
        if translation.get("type") in ("unfinished", "vanished", "obsolete") or not all(t.strip() for t in texts):
            problems.append(f"{context}: {source!r} is not translated")
            continue
        for text in texts:  # a lost {name} would show a raw brace or raise KeyError in .format
            if sorted(PLACEHOLDER.findall(text)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} -> {text!r} changes the placeholders")
    assert not problems, "\n".join(problems)
    numerus = [m for _, _, m in found if m.get("numerus") == "yes"]
    assert len(numerus) >= 10 and all(len(forms(m)) == 1 for m in numerus)  # Indonesian has one plural form


def test_every_shipped_model_and_not_assessable_reason_reads_in_indonesian():
    """The window translates a model's plain name from the manifest and a not-assessable reason from the
    core's English: both must be in the catalogue (ResNet-50's name and "100% of it is flat colour" were not)."""
    from deepfake_desk.core import assessable
    from deepfake_desk.core.i18n import translate_message
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.resources import default_manifest_path

    catalogue = {(context, source): forms(message)[0] for context, source, message in
                 messages(FOLDER / "deepfake_desk_id.ts") if message.get("numerus") != "yes"}

    def translate(context: str, text: str) -> str:
        return catalogue.get((context, text), text)

    manifest = load_manifest(default_manifest_path(), verify_files=False)
    for spec in manifest.models:
        assert ("Wording", spec.plain_name) in catalogue, f"{spec.id}: {spec.plain_name!r} has no translation"
    flat = np.zeros((64, 64, 3), np.uint8)
    why = assessable.assess(flat).reason
    assert why.startswith(assessable.GRAPHICS) and "100%" in why
    said = translate_message(why, translate)
    assert said == "{}: {}".format(catalogue[("Messages", assessable.GRAPHICS)],
                                   catalogue[("Messages", assessable.FLAT)].format("100%"))
    for template in (assessable.FEW_COLOURS, assessable.NO_GRAIN):
        english = template.format("87%")
        assert translate_message(english, translate) == catalogue[("Messages", template)].format("87%")


def test_english_plural_forms_are_filled():
    found = messages(FOLDER / "deepfake_desk_en.ts")
    assert found and all(m.get("numerus") == "yes" for _, _, m in found)
    for context, source, message in found:
        one, many = forms(message)
        assert one and many and "(s)" not in one + many, (context, source)


def test_the_catalogs_are_up_to_date_with_the_sources(tmp_path):
    """lupdate over today's sources finds exactly the strings the .ts files hold: a new string in the
    code without its translation fails here."""
    tool = load_tool()
    for ts in FOLDER.glob("*.ts"):
        shutil.copy(ts, tmp_path / ts.name)
    tool.update(folder=tmp_path)
    for ts in FOLDER.glob("*.ts"):
        committed = {(c, s, m.get("numerus")) for c, s, m in messages(ts)}
        fresh = {(c, s, m.get("numerus")) for c, s, m in messages(tmp_path / ts.name)}
        assert fresh == committed, (f"{ts.name} is out of date: run python scripts/translations.py update, "
                                    f"translate, then build. New: {sorted(fresh - committed)[:5]}; "
                                    f"gone: {sorted(committed - fresh)[:5]}")


def test_the_shipped_qm_files_are_built_from_the_ts_files(tmp_path):
    tool = load_tool()
    for built in tool.build(out=tmp_path):
        shipped = FOLDER / built.name
        assert shipped.read_bytes() == built.read_bytes(), f"{shipped.name} is stale: python scripts/translations.py build"


def test_the_language_follows_the_system_locale_unless_chosen(settings):
    from PySide6.QtCore import QLocale

    from deepfake_desk.gui.i18n import SETTINGS_KEY, chosen_language, system_language

    assert system_language(QLocale("id_ID")) == "id"
    assert system_language(QLocale("fr_FR")) == "en"
    assert chosen_language(settings) == system_language()
    settings.setValue(SETTINGS_KEY, "id")
    assert chosen_language(settings) == "id"


WINDOW_SCRIPT = """
import json, sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
from deepfake_desk.gui.main_window import MainWindow

app = QApplication([])
window = MainWindow(manifest_path=sys.argv[1], settings=QSettings(sys.argv[2], QSettings.Format.IniFormat))
window.show()
opened = []
def poll():
    if window.models_ready and not window.scanning and window.results.rowCount():
        print(json.dumps({"menus": [a.text() for a in window.menuBar().actions()],
                          "verdict": window.card.verdict_text(), "headers": window.results.shown_headers,
                          "explanation": window.card.explanation.text(), "language": window.settings.value("language")}))
        app.exit(0)  # not quit(): Qt 6 closes the window first, which asks before discarding the rows
    elif window.models_ready and not opened:
        opened.append(window.open_paths([sys.argv[3]]))
timer = QTimer(); timer.timeout.connect(poll); timer.start(50)
QTimer.singleShot(120_000, lambda: app.exit(1))
app.exec()
window.wait_for_workers()
"""


def test_a_window_started_with_the_indonesian_locale_speaks_indonesian(tmp_path, manifest_path):
    image = tmp_path / "red.png"
    solid(RED).save(image)
    env = {**os.environ, "LANG": "id_ID.UTF-8", "LC_ALL": "id_ID.UTF-8", "LANGUAGE": "id", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", WINDOW_SCRIPT, str(manifest_path), str(tmp_path / "settings.ini"),
                           str(image)], env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["menus"] == ["&Berkas", "&Pindai", "Ba&hasa", "Ban&tuan"]
    assert shown["verdict"] == "Kemungkinan palsu"
    assert shown["headers"][:4] == ["Berkas", "Jenis", "Ukuran", "Penilaian"]
    assert "Model menemukan tanda kuat" in shown["explanation"]
    assert shown["language"] is None  # followed the locale; nothing was chosen


def switch(window, language: str) -> None:
    """Choose `language` in the Language menu; Qt posts the LanguageChange events, delivered here."""
    from PySide6.QtWidgets import QApplication

    window.language_actions[language].trigger()
    QApplication.processEvents()


def test_switching_the_language_keeps_the_rows_and_retranslates_in_place(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    window.select_path(str(media_folder / "red_one.jpg"))
    rows_before = list(window.results.results)
    assert window.card.verdict_text() == "Likely fake"

    switch(window, "id")
    assert window.settings.value("language") == "id"
    assert window.results.results == rows_before and window.current_result().path.endswith("red_one.jpg")
    assert [m.title() for m in window.menus.values()] == ["&Berkas", "&Pindai", "Ban&tuan"]
    assert window.commands["open"].text() == "&Buka berkas…"
    assert window.card.verdict_text() == "Kemungkinan palsu"
    assert window.side_tabs.tabText(0) == "Penilaian"
    verdict_column = window.results.headers.index("Verdict")
    assert window.results.headerData(verdict_column, Qt.Orientation.Horizontal) == "Penilaian"
    corrupt = window.results.row_of(str(media_folder / "corrupt.jpg"))
    assert window.results.index(corrupt, verdict_column).data() == "Kesalahan"
    assert window.summary.text() == ("2 kemungkinan palsu  ·  1 tidak pasti  ·  1 tak ada tanda  ·  1 kesalahan")
    assert window.verdict_filter.itemText(0) == "Semua penilaian"
    assert window.language_actions["id"].isChecked() and not window.language_actions["en"].isChecked()

    switch(window, "en")
    assert window.results.results == rows_before
    assert window.card.verdict_text() == "Likely fake" and window.menus["&File"].title() == "&File"
    assert window.summary.text() == "2 likely fake  ·  1 uncertain  ·  1 no signs found  ·  1 error"


def test_plural_forms_and_numbers_follow_the_language(qtbot, window):
    from deepfake_desk.gui.widgets import human_size

    panel = window.results_panel
    assert panel.tr("%n error(s)", "", 1) == "1 error" and panel.tr("%n error(s)", "", 3) == "3 errors"
    assert human_size(1536) == "1.5 KB"
    switch(window, "id")
    assert panel.tr("%n error(s)", "", 3) == "3 kesalahan"
    assert human_size(1536) == "1,5 KB"


def test_the_csv_of_an_indonesian_window_stays_english(qtbot, window, media_folder, tmp_path):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    switch(window, "id")
    out = tmp_path / "out.csv"
    assert window.export_csv(out) == 5
    with open(out, newline="", encoding="utf-8") as f:
        rows = {Path(r["path"]).name: r for r in csv.DictReader(f)}
    assert rows["red_one.jpg"]["verdict"] == "fake" and rows["blue.png"]["verdict"] == "real"
    assert rows["grey.png"]["verdict"] == "uncertain"
    assert "truncated" in rows["corrupt.jpg"]["error"]  # the core's English words, not the window's
    header = out.read_text(encoding="utf-8").splitlines()[0]
    assert "verdict" in header and "Penilaian" not in header





def test_error_rows_read_in_the_window_language_part_by_part(qtbot, window, media_folder):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    corrupt = window.results.results[window.results.row_of(str(media_folder / "corrupt.jpg"))]
    assert corrupt.error.startswith("corrupt image: ")
    switch(window, "id")
    error_column = window.results.headers.index("Error")
    shown = window.results.index(window.results.row_of(corrupt.path), error_column).data()
    assert shown.startswith("gambar rusak: ") and corrupt.error.startswith("corrupt image: ")  # the row stays English


def test_the_report_follows_the_window_language_and_the_cli_stays_english(qtbot, window, media_folder, tmp_path):
    from deepfake_desk.core.report import render_html, result_report

    window.open_paths([str(media_folder / "red_one.jpg")])
    wait_idle(qtbot, window)
    result = window.results.results[0]
    switch(window, "id")
    out = tmp_path / "laporan.html"
    with qtbot.waitSignal(window.reports.saved, timeout=120_000):
        assert window.reports.save_file_report(result, str(out))
    page = out.read_text(encoding="utf-8")
    assert '<html lang="id">' in page and "<h1>Laporan verifikasi</h1>" in page
    assert "Kemungkinan palsu" in page and "Skor gabungan" in page and "peluang palsu" in page
    english = render_html(result_report(window.detector, result))  # what `deepfake-detector report` writes
    assert '<html lang="en">' in english and "Verification report" in english and "Likely fake" in english
    assert "Laporan" not in english


def test_the_evidence_tab_speaks_the_window_language_and_the_records_stay_english(qtbot, tmp_path):
    from PySide6.QtWidgets import QApplication

    from deepfake_desk.core.evidence import read_evidence
    from deepfake_desk.gui.evidence_panel import EvidencePanel
    from deepfake_desk.gui.i18n import APP_TRANSLATION

    picture = tmp_path / "plain.png"
    solid(RED).save(picture)
    panel = EvidencePanel()
    qtbot.addWidget(panel)
    panel.show_evidence(picture)
    assert "No content credentials" in panel.findings.text()
    assert APP_TRANSLATION.install("id")
    QApplication.processEvents()
    panel.retranslate()  # what the window does on LanguageChange
    assert "Tidak ada kredensial konten (C2PA)" in panel.findings.text()
    assert "tidak membawa metadata" in panel.findings.text()
    assert panel.metadata_box.title() == "Semua metadata"
    panel.show_evidence(picture)
    assert panel.status.text().startswith("Analisis tingkat galat hanya ditampilkan untuk berkas JPEG")
    assert read_evidence(picture).findings()[0].startswith("No content credentials")  # JSON/CSV words


def test_help_and_about_speak_indonesian(qtbot, window):
    """The dialogs are built when opened, in the language of the moment."""
    from deepfake_desk.gui.dialogs import HelpDialog

    switch(window, "id")
    shown = HelpDialog(window.diagnostics(), window)
    qtbot.addWidget(shown)
    text = shown.guide.toPlainText()
    assert "Cara membaca penilaian" in text and "Kemungkinan palsu" in text and "Tidak pasti" in text
    assert "Tidak dapat dinilai oleh model ini" in text and "Pintasan papan ketik" in text
    about = window.about_dialog()
    qtbot.addWidget(about)
    assert about.windowTitle() == "Tentang Deepfake Detector" and about.tabs.tabText(1) == "Model"
    assert "Nama teknis" in about.models_view.toPlainText()


def shown_texts(window) -> list[tuple[str, str]]:
    """(where, text) of every text the window's widgets show: labels, buttons, placeholders, tabs,
    tree and table headers, menus and actions, group titles, tooltips."""
    from PySide6.QtWidgets import (QAbstractButton, QGroupBox, QLabel, QLineEdit, QMenu, QTabWidget,
                                   QTreeWidget, QWidget)

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # widgets replaced on a switch
    texts = []
    for w in [window, *window.findChildren(QWidget)]:
        if w.isHidden():  # hidden on purpose (a finished scan's progress line); a tab not shown is not hidden
            continue
        name = f"{type(w).__name__}({w.objectName()})"
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append((name, w.text()))
        if isinstance(w, QLineEdit):
            texts.append((name + ".placeholder", w.placeholderText()))
        if isinstance(w, QGroupBox):
            texts.append((name, w.title()))
        if isinstance(w, QTabWidget):
            texts.extend((name + ".tab", w.tabText(i)) for i in range(w.count()))
        if isinstance(w, QTreeWidget):
            header = w.headerItem()
            texts.extend((name + ".header", header.text(i)) for i in range(header.columnCount()))
        if isinstance(w, QMenu):
            texts.append((name, w.title()))
        texts.append((name + ".tooltip", w.toolTip()))
        texts.extend((name + ".action", a.text()) for a in w.actions())
    return [(where, text) for where, text in texts if text]


def test_the_indonesian_window_shows_no_english_string_of_the_catalog(qtbot, window, tmp_path):
    """Every string the catalog translates is shown translated after a switch to Indonesian, in
    every widget of the window (a widget that set its text once, at start, and never retranslates
    would keep the English)."""
    english = {}
    for _, source, message in messages(FOLDER / "deepfake_desk_id.ts"):
        if message.get("numerus") != "yes" and source and forms(message)[0] != source:
            english[source.replace("&", "")] = forms(message)[0]
    solid(RED).save(tmp_path / "red.png")
    window.open_paths([str(tmp_path / "red.png")])
    wait_idle(qtbot, window)
    switch(window, "id")
    left = sorted({(where, text) for where, text in shown_texts(window) if text.replace("&", "") in english})
    assert not left, "still English in the Indonesian window:\n" + "\n".join(f"{w}: {t!r}" for w, t in left)


ENGLISH_WORDS = re.compile(r"\b(the|of|is|are|to|and|this|file|files|found|shown|models?|not|no)\b", re.IGNORECASE)


def test_no_english_sentence_stays_the_same_after_switching_to_indonesian(qtbot, window, tmp_path):
    """A text not marked for translation at all (no tr(), no QT_TRANSLATE_NOOP) is not in the catalog:
    it shows up as an English sentence that the switch to Indonesian leaves unchanged."""
    solid(RED).save(tmp_path / "red.png")
    window.open_paths([str(tmp_path / "red.png")])
    wait_idle(qtbot, window)
    before = shown_texts(window)
    switch(window, "id")
    after = shown_texts(window)
    same = sorted(set(before) & set(after))
    english = [(where, text) for where, text in same
               if len(ENGLISH_WORDS.findall(text)) >= 2 and str(tmp_path) not in text]
    assert not english, "English in the Indonesian window:\n" + "\n".join(f"{w}: {t!r}" for w, t in english)


def test_learns_report_reads_in_the_window_language_and_the_cli_stays_english(qtbot, tmp_path):
    from deepfake_desk.core.learn import CrossCheck, Taught
    from deepfake_desk.gui.i18n import APP_TRANSLATION, translate

    check = CrossCheck(20, 20, 20, 18, 0, 0, 1.0, 5, 40)
    taught = Taught("tpdne", tmp_path, check, [("a.jpg", "x")], 1, 2.0, False, "weak", 15, 11, (18, 1))
    english = taught.report()
    assert "it would have called 11 of your 20 fakes fake on its own" in " ".join(english)
    assert APP_TRANSLATION.install("id")
    indonesian = taught.report(translate)
    assert len(indonesian) == len(english) and not set(indonesian) & set(english)  # every line translated
    text = " ".join(indonesian)
    assert "ia akan menyebut 11 dari 20 contoh palsu Anda sebagai palsu sendirian" in text
    assert "Detektor 'tpdne' belajar dari 20 contoh palsu dan 20 foto asli dalam 2 detik." in text
    assert taught.report() == english  # the command line and the manifest entry stay English


def test_learns_progress_reads_in_the_window_language(qtbot):
    from deepfake_desk.core.learn import CHECKING, READING, SAVING, Progress
    from deepfake_desk.gui.i18n import APP_TRANSLATION, translate

    steps = [Progress(1, 40, READING, "a.jpg"), Progress(40, 40, CHECKING), Progress(40, 40, SAVING)]
    assert [p.words() for p in steps] == ["Reading a.jpg", "Checking on examples it did not see", "Saving"]
    assert steps[0].message == "reading a.jpg"  # the command line's, as before
    assert APP_TRANSLATION.install("id")
    assert [p.words(translate) for p in steps] == ["Membaca a.jpg", "Memeriksa pada contoh yang belum pernah dilihatnya",
                                                   "Menyimpan"]


def test_a_shared_detectors_card_reads_in_the_window_language(qtbot):
    from deepfake_desk.core.share import Card
    from deepfake_desk.gui.i18n import APP_TRANSLATION, translate

    check = {"fakes": 20, "reals": 20, "fakes_caught": 20, "fakes_called_fake": 18, "reals_flagged": 0,
             "reals_called_fake": 0, "roc_auc": 1.0, "words": "stored", "fakes_called_fake_alone": 11}
    card = Card("tpdne", "StyleGAN2 faces", 20, 20, check, "2026-12-06T20:00:00Z", "0.1.0", "efficientnet_lite2",
                "ab" * 32, 20)
    english = card.lines()
    assert "Its check: On examples it did not see, it caught 20 of 20 fakes" in english[2]
    assert "it would have called 11 of its 20 fakes fake on its own" in english[3]
    assert APP_TRANSLATION.install("id")
    indonesian = card.lines(translate)
    assert indonesian[0] == "Detektor 'tpdne': StyleGAN2 faces"
    assert indonesian[2].startswith("Pemeriksaannya: Pada contoh yang belum pernah dilihatnya, ia menangkap 20 dari 20")
    assert "ia akan menyebut 11 dari 20 contoh palsunya" in indonesian[3]
    assert not set(indonesian) & set(english)
