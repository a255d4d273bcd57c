"""The window's seams: commands declared as data, the scan session's signals, no raw manifest reads."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence

from deepfake_desk.gui.actions import ACTIONS, CONTEXT_MENU, MENUS, TOOLBAR, shortcut_list
from tests.conftest import BLUE, RED, solid


def test_the_menus_and_toolbar_are_built_from_the_declared_actions(window):
    declared = {spec.key: spec for spec in ACTIONS}
    for keys in (*MENUS.values(), TOOLBAR, CONTEXT_MENU):
        assert {k for k in keys if k is not None} <= set(declared)  # no menu names an undeclared action
    menus = {menu.title(): [a.text() for a in menu.actions() if not a.isSeparator()]
             for menu in window.menus.values()}
    for title, keys in MENUS.items():
        assert menus[title] == [declared[k].text for k in keys if k is not None]
    toolbar = [a.text() for a in window.toolbar.actions() if not a.isSeparator()]
    assert toolbar == [declared[k].text for k in TOOLBAR if k is not None]
    # every action has its declared shortcut and kind (the dispatch itself: the test below)
    for spec in ACTIONS:
        action = window.commands[spec.key]
        assert action.shortcut() == QKeySequence(spec.shortcut if spec.shortcut is not None else "")
        assert action.isCheckable() == spec.checkable


def test_each_action_runs_the_window_method_it_names(qtbot, manifest_path, settings):
    """A window whose every slot (but close) records its own name: triggering each action must
    record exactly the slot its spec names (a swapped or mis-wired connection fails here)."""
    from deepfake_desk.gui.main_window import MainWindow

    called: list[str] = []
    slots = {spec.slot for spec in ACTIONS} - {"close"}
    assert all(callable(getattr(MainWindow, slot, None)) for slot in slots | {"close"})
    recording = type("RecordingWindow", (MainWindow,), {
        slot: (lambda self, *args, _slot=slot: called.append(_slot)) for slot in slots})
    win = recording(manifest_path=manifest_path, settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.models_ready, timeout=60_000)
    for spec in ACTIONS:
        if spec.slot == "close":
            continue
        called.clear()
        win.commands[spec.key].setEnabled(True)  # e.g. Cancel is off while no scan runs
        win.commands[spec.key].trigger()  # a checkable one toggles, and runs its slot with the new state
        assert called == [spec.slot], spec.key
    win.wait_for_workers()


def test_an_added_action_appears_in_its_menu_without_layout_code(qtbot, manifest_path, settings, monkeypatch):
    from deepfake_desk.gui import actions
    from deepfake_desk.gui.main_window import MainWindow

    extra = actions.ActionSpec("report", "Save &report…", "copy_diagnostics", "Ctrl+R", help="Save a report")
    monkeypatch.setattr(actions, "ACTIONS", (*actions.ACTIONS, extra))
    monkeypatch.setitem(actions.MENUS, "&File", (*actions.MENUS["&File"][:-1], "report", "quit"))
    win = MainWindow(manifest_path=manifest_path, settings=settings)
    qtbot.addWidget(win)
    file_menu = win.menus["&File"]
    assert [a.text() for a in file_menu.actions()][-2:] == ["Save &report…", "&Quit"]
    assert ("Ctrl+R", "Save a report") in actions.shortcut_list()
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    win.wait_for_workers()


def test_help_lists_the_shortcuts_of_the_declared_actions(window):
    from deepfake_desk.gui.dialogs import HelpDialog

    rows = shortcut_list()
    assert ("Ctrl+E", "Export the results to CSV") in rows
    assert ("Esc", "Cancel the running scan (finished rows stay)") in rows
    dialog = HelpDialog("diagnostics", window)
    text = dialog.guide.toPlainText()
    for keys, what in rows:
        assert keys in text and what in text
    dialog.close()


def test_the_scan_session_queues_reports_and_discards(qtbot, detector, tmp_path, monkeypatch):
    from deepfake_desk.core import walk
    from deepfake_desk.gui.scan_session import ScanRequest, ScanSession

    walks: list = []
    listed = walk.iter_media_files
    monkeypatch.setattr(walk, "iter_media_files", lambda paths, *a: walks.append(list(paths)) or listed(paths, *a))
    for i, colour in enumerate((RED, BLUE, RED)):
        solid(colour).save(tmp_path / f"f{i}.png")
    session = ScanSession()
    events: list = []
    session.started.connect(lambda r: events.append(("started", r.paths)))
    session.counted.connect(lambda n: events.append(("counted", n)))
    session.result.connect(lambda r: events.append(("result", r.path.rsplit("/", 1)[-1], r.verdict)))
    session.finished.connect(lambda s: events.append(("finished", s.done, s.total, s.cancelled)))
    session.enqueue(ScanRequest((str(tmp_path),)))
    assert session.scanning and not session.running  # waits for the models
    session.set_detector(detector)
    session.enqueue(ScanRequest((str(tmp_path / "f1.png"),)))  # queued behind the folder
    qtbot.waitUntil(lambda: not session.scanning, timeout=60_000)
    # The files are counted as the one walk finds them: counts come before the rows they cover,
    # and may come in steps (how far the walk is when a row is ready is not fixed).
    assert [e for e in events if e[0] != "counted"] == [
        ("started", (str(tmp_path),)),
        ("result", "f0.png", "fake"), ("result", "f1.png", "real"), ("result", "f2.png", "fake"),
        ("finished", 3, 3, False),
        ("started", (str(tmp_path / "f1.png"),)), ("result", "f1.png", "real"),
        ("finished", 1, 1, False),
    ]
    folder = events[:events.index(("finished", 3, 3, False))]
    for i, event in enumerate(folder):
        if event[0] == "result":
            shown = [e[1] for e in folder[:i] if e[0] == "counted"]
            assert shown and shown[-1] >= sum(e[0] == "result" for e in folder[:i + 1])
    assert [e[1] for e in folder if e[0] == "counted"][-1] == 3
    assert [e for e in events[len(folder):] if e[0] == "counted"] == [("counted", 1)]
    assert walks == [[str(tmp_path)], [str(tmp_path / "f1.png")]]  # each request's tree walked once

    events.clear()
    session.enqueue(ScanRequest((str(tmp_path),)))
    signals = session.worker.signals
    session.discard()
    from deepfake_desk.core.detector import FileResult

    signals.yielded.emit(FileResult(path="late.png", verdict="fake"))  # sent before the worker saw the cancel
    qtbot.waitUntil(lambda: not session.scanning, timeout=60_000)
    assert not any(e[0] == "result" and e[1] == "late.png" for e in events)
    assert events[-1][0] == "finished" and events[-1][3] is True
    pool = session.pool
    assert pool is not None and pool.keep  # one pool served the session's three scans
    session.close()
    assert session.pool is None and pool.kept == 0


def test_no_model_means_the_queue_is_refused_with_a_reason(qtbot):
    from deepfake_desk.gui.scan_session import ScanRequest, ScanSession

    session = ScanSession()
    reasons: list[str] = []
    session.refused.connect(reasons.append)
    session.enqueue(ScanRequest(("anything",)))
    session.set_detector(None)
    assert not session.scanning and reasons and "no detection model" in reasons[0]


def test_the_window_reads_no_raw_manifest(qtbot, tmp_path, settings, monkeypatch):
    """Table headers, card bars and About come from the parsed dataclasses: a manifest whose
    raw JSON is gone after parsing gives the same window."""
    from deepfake_desk.core import manifest as manifest_module
    from deepfake_desk.gui.main_window import MainWindow
    from tests.conftest import model_entry, write_manifest

    folder = tmp_path / "models"
    folder.mkdir()
    broken = model_entry(folder, "resnet", name="ResNet-50", weak_spots=["heavily recompressed images"])
    (folder / "resnet.onnx").write_bytes(b"damaged")
    path = write_manifest(folder, [model_entry(folder, "cnn", name="Seed CNN"), broken])
    parse = manifest_module.load_manifest

    def without_raw(*args, **kwargs):
        loaded = parse(*args, **kwargs)
        loaded.raw = {}
        return loaded

    monkeypatch.setattr(manifest_module, "load_manifest", without_raw)
    monkeypatch.setattr("deepfake_desk.core.detector.load_manifest", without_raw)
    win = MainWindow(manifest_path=path, settings=settings)
    qtbot.addWidget(win)
    qtbot.waitUntil(lambda: win.models_ready, timeout=10_000)
    assert win.detector.manifest.raw == {}
    assert [mid for mid, _ in win.results.models] == ["cnn", "resnet"]
    assert "ResNet-50" in win.results.headers
    about = win.about_dialog()
    assert about.model_ids == ["cnn", "resnet"]
    text = about.models_view.toPlainText()
    assert "ResNet-50" in text and "heavily recompressed images" in text and "Not in use" in text
    about.close()
    win.wait_for_workers()
