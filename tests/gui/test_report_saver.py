"""File > Save report… and File > Save scan report…: built off the GUI thread, written as PDF or HTML."""

from __future__ import annotations

from tests.conftest import RED, solid
from tests.core.test_cli import pdf_pages
from tests.core.test_report import ReportText
from tests.gui.conftest import wait_idle


def test_save_report_of_the_selected_file_as_pdf(qtbot, window, tmp_path):
    path = tmp_path / "suspect.jpg"
    solid(RED, (160, 120)).save(path, quality=90)
    window.open_paths([str(path)])
    wait_idle(qtbot, window)
    out = tmp_path / "report.pdf"
    with qtbot.waitSignal(window.reports.saved, timeout=60_000) as saved:
        assert window.reports.save_file_report(window.current_result(), str(out))
        assert not window.commands["save_report"].isEnabled()  # one report at a time
    assert saved.args[0].startswith(str(out)) and "page" in saved.args[0]
    assert pdf_pages(out) in (1, 2)
    qtbot.waitUntil(window.commands["save_report"].isEnabled, timeout=5_000)  # enabled again once finished
    assert "Report saved" in window.statusBar().currentMessage()


def test_save_scan_report_of_the_table_as_html(qtbot, window, media_folder, tmp_path):
    window.open_paths([str(media_folder)])
    wait_idle(qtbot, window)
    rows = window.visible_results()
    out = tmp_path / "scan.html"
    with qtbot.waitSignal(window.reports.saved, timeout=60_000):
        window.reports.save_scan_report(rows, str(out))
    page = ReportText(out.read_text(encoding="utf-8"))
    flagged = [r for r in rows if r.verdict in ("fake", "uncertain", "labelled-ai")]
    # the summary, a section for each of the two red files and the grey one, then the other files and the models
    assert len(flagged) == 3 and page.page_breaks == 4
    assert f"Scanned {media_folder}" in page.text and "corrupt.jpg" in page.text


def test_nothing_selected_or_no_rows_is_said_not_crashed(qtbot, window):
    with qtbot.waitSignal(window.reports.failed, timeout=2_000) as failed:
        window.save_report()
    assert "Select a file" in failed.args[0]
    with qtbot.waitSignal(window.reports.failed, timeout=2_000) as failed:
        window.save_scan_report()
    assert "Nothing to report yet" in failed.args[0]
