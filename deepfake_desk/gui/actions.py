"""The window's commands declared as data: one table builds the menus, the toolbar and
the Help dialog's shortcut list, so adding a command is one `ActionSpec` and one key
in `MENUS` (and `TOOLBAR`), with no layout code to touch.

An action's `slot` names a method of the window; `build_actions` connects it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from deepfake_desk.gui.style import action_icon

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    key: str  # how the window and MENUS refer to it
    text: str  # with its & mnemonic
    slot: str  # the window method it runs
    shortcut: Shortcut = None
    icon: str | None = None  # a style.action_icon kind
    tip: str = ""  # status and tool tip
    help: str = ""  # the line in Help's shortcut list ("" : not listed)
    checkable: bool = False
    table_only: bool = False  # its shortcut works only in the results table (Ctrl+C elsewhere copies text)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open files…", "choose_files", QKeySequence.StandardKey.Open, "open",
               "Analyse one or more images or videos", "Open files"),
    ActionSpec("scan", "&Scan folder…", "choose_folder", "Ctrl+Shift+O", "folder",
               "Analyse every image and video in a folder", "Scan a folder"),
    ActionSpec("cancel", "&Cancel scan", "cancel_scan", "Esc", "stop",
               "Stop the scan; the files already done stay in the table",
               "Cancel the running scan (finished rows stay)"),
    ActionSpec("export_csv", "Export &CSV…", "choose_export_csv", "Ctrl+E", "export",
               "Save the rows shown to a CSV file", "Export the results to CSV"),
    ActionSpec("export_json", "Export &JSON…", "choose_export_json", "Ctrl+Shift+E",
               tip="Save the rows shown, with video frame scores, to JSON", help="Export the results to JSON"),
    ActionSpec("save_report", "Save &report…", "save_report", "Ctrl+R",
               tip="Save a verification report (PDF or HTML) of the selected file",
               help="Save the selected file's verification report"),
    ActionSpec("save_scan_report", "Save sca&n report…", "save_scan_report", "Ctrl+Shift+R",
               tip="Save a report of the rows shown: a summary, and a page per file judged fake, uncertain "
                   "or labelled AI", help="Save a report of the results table"),
    ActionSpec("viewer", "Open in system &viewer", "open_selected_externally", "Ctrl+Return",
               tip="Open the selected file in the system's viewer",
               help="Open the selected file in the system viewer (or double-click it)"),
    ActionSpec("folder", "Open containing &folder", "open_selected_folder"),
    ActionSpec("copy_result", "&Copy result", "copy_selected_result", QKeySequence.StandardKey.Copy,
               tip="Copy the selected file's verdict and scores as text",
               help="Copy the selected result as text (in the table)", table_only=True),
    ActionSpec("copy_path", "Copy &path", "copy_selected_path"),
    ActionSpec("clear", "C&lear results", "clear_results", "Ctrl+Shift+L", help="Clear the results"),
    ActionSpec("quit", "&Quit", "close", QKeySequence.StandardKey.Quit),
    ActionSpec("find", "Filter", "focus_filter", QKeySequence.StandardKey.Find, help="Filter the results by text"),
    ActionSpec("recursive", "Include &sub-folders", "set_recursive", checkable=True),
    ActionSpec("prefs", "&Preferences…", "edit_preferences", "Ctrl+,", help="Preferences (sub-folders, video frames)"),
    ActionSpec("learn", "&Teach a new kind of fake…", "show_learn",
               tip="Fit your own detector from folders of confirmed fakes and of real photos"),
    ActionSpec("help", "&How to read a verdict", "show_help", QKeySequence.StandardKey.HelpContents, "help",
               help="This help"),
    ActionSpec("copy_diag", "&Copy diagnostics", "copy_diagnostics"),
    ActionSpec("about", "&About Deepfake Detector and its models", "show_about"),
)

# Menu title -> action keys in order; None is a separator.
MENUS: dict[str, tuple[str | None, ...]] = {
    "&File": ("open", "scan", None, "export_csv", "export_json", "save_report", "save_scan_report", None, "viewer", "folder", "copy_result", "clear",
              None, "quit"),
    "&Scan": ("cancel", "recursive", "prefs", None, "learn"),
    "&Help": ("help", "copy_diag", None, "about"),
}
TOOLBAR: tuple[str | None, ...] = ("open", "scan", "cancel", None, "export_csv", None, "help")
CONTEXT_MENU: tuple[str | None, ...] = ("viewer", "folder", None, "copy_result", "copy_path")


def build_actions(window: QMainWindow, specs: Iterable[ActionSpec] | None = None) -> dict[str, QAction]:
    """One QAction per spec (default: ACTIONS, read when called), parented to and connected to `window`."""
    specs = ACTIONS if specs is None else specs
    pal = window.palette()
    normal = pal.color(QPalette.ColorRole.WindowText)
    disabled = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, window)
        if spec.icon is not None:
            action.setIcon(action_icon(spec.icon, normal, disabled))
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.table_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        slot = getattr(window, spec.slot)
        if spec.checkable:
            action.setCheckable(True)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        actions[spec.key] = action
    return actions


def fill(container: QMenu | QToolBar, actions: Mapping[str, QAction], keys: Iterable[str | None]) -> None:
    for key in keys:
        if key is None:
            container.addSeparator()
        else:
            container.addAction(actions[key])


def build_menus(window: QMainWindow, actions: Mapping[str, QAction],
                menus: Mapping[str, tuple[str | None, ...]] | None = None) -> dict[str, QMenu]:
    built = {}
    for title, keys in (MENUS if menus is None else menus).items():
        built[title] = window.menuBar().addMenu(title)
        fill(built[title], actions, keys)
    return built


def build_toolbar(window: QMainWindow, actions: Mapping[str, QAction],
                  keys: Iterable[str | None] | None = None) -> QToolBar:
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setMovable(False)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    fill(toolbar, actions, TOOLBAR if keys is None else keys)
    return toolbar


def shortcut_list(specs: Iterable[ActionSpec] | None = None) -> list[tuple[str, str]]:
    """(keys as this platform writes them, what they do) for each action with a help line."""
    rows = []
    for spec in ACTIONS if specs is None else specs:
        if spec.help and spec.shortcut is not None:
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            if keys:  # a standard key this platform does not bind
                rows.append((keys, spec.help))
    return rows
