"""The window's commands declared as data: one table builds the menus, the toolbar and
the Help dialog's shortcut list, so adding a command is one `ActionSpec` and one key
in `MENUS` (and `TOOLBAR`), with no layout code to touch.

An action's `slot` names a method of the window; `build_actions` connects it. The texts
are English in the table and translated when set (`retranslate_actions`, `retranslate_menus`),
so a language change re-runs those two and nothing is rebuilt.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QPalette
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.gui.i18n import LANGUAGES, translate
from deepfake_desk.gui.style import action_icon

Shortcut = QKeySequence.StandardKey | str | None


@dataclass(frozen=True)
class ActionSpec:
    key: str  # how the window and MENUS refer to it
    text: str  # with its & mnemonic; English, translated under the "Actions" context when shown
    slot: str  # the window method it runs
    shortcut: Shortcut = None
    icon: str | None = None  # a style.action_icon kind
    tip: str = ""  # status and tool tip
    help: str = ""  # the line in Help's shortcut list ("" : not listed)
    checkable: bool = False
    table_only: bool = False  # its shortcut works only in the results table (Ctrl+C elsewhere copies text)


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", QT_TRANSLATE_NOOP("Actions", "&Open files…"), "choose_files", QKeySequence.StandardKey.Open,
               "open", QT_TRANSLATE_NOOP("Actions", "Analyse one or more images or videos"),
               QT_TRANSLATE_NOOP("Actions", "Open files")),
    ActionSpec("scan", QT_TRANSLATE_NOOP("Actions", "&Scan folder…"), "choose_folder", "Ctrl+Shift+O", "folder",
               QT_TRANSLATE_NOOP("Actions", "Analyse every image and video in a folder"),
               QT_TRANSLATE_NOOP("Actions", "Scan a folder")),
    ActionSpec("cancel", QT_TRANSLATE_NOOP("Actions", "&Cancel scan"), "cancel_scan", "Esc", "stop",
               QT_TRANSLATE_NOOP("Actions", "Stop the scan; the files already done stay in the table"),
               QT_TRANSLATE_NOOP("Actions", "Cancel the running scan (finished rows stay)")),
    ActionSpec("export_csv", QT_TRANSLATE_NOOP("Actions", "Export &CSV…"), "choose_export_csv", "Ctrl+E", "export",
               QT_TRANSLATE_NOOP("Actions", "Save the rows shown to a CSV file"),
               QT_TRANSLATE_NOOP("Actions", "Export the results to CSV")),
    ActionSpec("export_json", QT_TRANSLATE_NOOP("Actions", "Export &JSON…"), "choose_export_json", "Ctrl+Shift+E",
               tip=QT_TRANSLATE_NOOP("Actions", "Save the rows shown, with video frame scores, to JSON"),
               help=QT_TRANSLATE_NOOP("Actions", "Export the results to JSON")),
    ActionSpec("save_report", QT_TRANSLATE_NOOP("Actions", "Save &report…"), "save_report", "Ctrl+R",
               tip=QT_TRANSLATE_NOOP("Actions", "Save a verification report (PDF or HTML) of the selected file"),
               help=QT_TRANSLATE_NOOP("Actions", "Save the selected file's verification report")),
    ActionSpec("save_scan_report", QT_TRANSLATE_NOOP("Actions", "Save sca&n report…"), "save_scan_report",
               "Ctrl+Shift+R",
               tip=QT_TRANSLATE_NOOP("Actions", "Save a report of the rows shown: a summary, and a page per file "
                                                "judged fake, uncertain or labelled AI"),
               help=QT_TRANSLATE_NOOP("Actions", "Save a report of the results table")),
    ActionSpec("viewer", QT_TRANSLATE_NOOP("Actions", "Open in system &viewer"), "open_selected_externally",
               "Ctrl+Return", tip=QT_TRANSLATE_NOOP("Actions", "Open the selected file in the system's viewer"),
               help=QT_TRANSLATE_NOOP("Actions", "Open the selected file in the system viewer (or double-click it)")),
    ActionSpec("folder", QT_TRANSLATE_NOOP("Actions", "Open containing &folder"), "open_selected_folder"),
    ActionSpec("copy_result", QT_TRANSLATE_NOOP("Actions", "&Copy result"), "copy_selected_result",
               QKeySequence.StandardKey.Copy,
               tip=QT_TRANSLATE_NOOP("Actions", "Copy the selected file's verdict and scores as text"),
               help=QT_TRANSLATE_NOOP("Actions", "Copy the selected result as text (in the table)"), table_only=True),
    ActionSpec("copy_path", QT_TRANSLATE_NOOP("Actions", "Copy &path"), "copy_selected_path"),
    ActionSpec("clear", QT_TRANSLATE_NOOP("Actions", "C&lear results"), "clear_results", "Ctrl+Shift+L",
               help=QT_TRANSLATE_NOOP("Actions", "Clear the results")),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), "close", QKeySequence.StandardKey.Quit),
    ActionSpec("find", QT_TRANSLATE_NOOP("Actions", "Filter"), "focus_filter", QKeySequence.StandardKey.Find,
               help=QT_TRANSLATE_NOOP("Actions", "Filter the results by text")),
    ActionSpec("recursive", QT_TRANSLATE_NOOP("Actions", "Include &sub-folders"), "set_recursive", checkable=True),
    ActionSpec("prefs", QT_TRANSLATE_NOOP("Actions", "&Preferences…"), "edit_preferences", "Ctrl+,",
               help=QT_TRANSLATE_NOOP("Actions", "Preferences (sub-folders, video frames)")),
    ActionSpec("learn", QT_TRANSLATE_NOOP("Actions", "&Teach a new kind of fake…"), "show_learn",
               tip=QT_TRANSLATE_NOOP("Actions", "Fit your own detector from folders of confirmed fakes and of "
                                                "real photos")),
    # -- marking rows and teaching from them; sharing detectors (issue 33, branch teach) --
    ActionSpec("mark_fake", QT_TRANSLATE_NOOP("Actions", "Mark as confirmed &fake"), "mark_selected_fake",
               tip=QT_TRANSLATE_NOOP("Actions", "Mark the selected rows as fakes you have confirmed (exported as "
                                                "'confirmed'; Teach from marked rows learns from them)")),
    ActionSpec("mark_real", QT_TRANSLATE_NOOP("Actions", "Mark as confirmed &real"), "mark_selected_real",
               tip=QT_TRANSLATE_NOOP("Actions", "Mark the selected rows as real photos you have confirmed")),
    ActionSpec("mark_clear", QT_TRANSLATE_NOOP("Actions", "C&lear mark"), "mark_selected_clear"),
    ActionSpec("teach_marked", QT_TRANSLATE_NOOP("Actions", "Teach from &marked rows…"), "show_teach_marked",
               tip=QT_TRANSLATE_NOOP("Actions", "Fit your own detector from the rows marked confirmed fake and "
                                                "confirmed real")),
    ActionSpec("detectors", QT_TRANSLATE_NOOP("Actions", "&Your detectors…"), "show_detectors",
               tip=QT_TRANSLATE_NOOP("Actions", "Turn the detectors you taught or imported on or off")),
    ActionSpec("import_detector", QT_TRANSLATE_NOOP("Actions", "&Import a detector…"), "import_shared_detector",
               tip=QT_TRANSLATE_NOOP("Actions", "Import a detector another desk shared (its card is shown first)")),
    ActionSpec("export_detector", QT_TRANSLATE_NOOP("Actions", "S&hare a detector…"), "export_shared_detector",
               tip=QT_TRANSLATE_NOOP("Actions", "Write one of your detectors to a file another desk can import")),
    ActionSpec("help", QT_TRANSLATE_NOOP("Actions", "&How to read a verdict"), "show_help",
               QKeySequence.StandardKey.HelpContents, "help", help=QT_TRANSLATE_NOOP("Actions", "This help")),
    ActionSpec("copy_diag", QT_TRANSLATE_NOOP("Actions", "&Copy diagnostics"), "copy_diagnostics"),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "&About Deepfake Detector and its models"), "show_about"),
)

# Menu title -> action keys in order; None is a separator. The Language menu (language_menu) comes before Help.
MENUS: dict[str, tuple[str | None, ...]] = {
    QT_TRANSLATE_NOOP("Actions", "&File"): ("open", "scan", None, "export_csv", "export_json", "save_report",
                                            "save_scan_report", None, "viewer", "folder", "copy_result", "clear",
                                            None, "quit"),
    QT_TRANSLATE_NOOP("Actions", "&Scan"): ("cancel", "recursive", "prefs", None, "learn", "teach_marked", "detectors",
                                            "import_detector", "export_detector"),
    QT_TRANSLATE_NOOP("Actions", "&Help"): ("help", "copy_diag", None, "about"),
}
LANGUAGE_MENU = QT_TRANSLATE_NOOP("Actions", "&Language")
TOOLBAR: tuple[str | None, ...] = ("open", "scan", "cancel", None, "export_csv", None, "help")
CONTEXT_MENU: tuple[str | None, ...] = ("viewer", "folder", None, "copy_result", "copy_path", None, "mark_fake",
                                        "mark_real", "mark_clear", "teach_marked")


def build_actions(window: QMainWindow, specs: Iterable[ActionSpec] | None = None) -> dict[str, QAction]:
    """One QAction per spec (default: ACTIONS, read when called), parented to and connected to `window`."""
    specs = tuple(ACTIONS if specs is None else specs)
    pal = window.palette()
    normal = pal.color(QPalette.ColorRole.WindowText)
    disabled = pal.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(window)
        if spec.icon is not None:
            action.setIcon(action_icon(spec.icon, normal, disabled))
        if spec.shortcut is not None:
            action.setShortcut(QKeySequence(spec.shortcut))
        if spec.table_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        slot = getattr(window, spec.slot)
        if spec.checkable:
            action.setCheckable(True)
            action.toggled.connect(slot)
        else:
            action.triggered.connect(lambda _checked=False, slot=slot: slot())
        actions[spec.key] = action
    retranslate_actions(actions, specs)
    return actions


def retranslate_actions(actions: Mapping[str, QAction], specs: Iterable[ActionSpec] | None = None) -> None:
    """Set each action's text and tips in the current language."""
    for spec in ACTIONS if specs is None else specs:
        action = actions[spec.key]
        action.setText(translate("Actions", spec.text))
        tip = translate("Actions", spec.tip) if spec.tip else ""
        action.setStatusTip(tip)
        action.setToolTip(tip)  # "": Qt shows the text


def fill(container: QMenu | QToolBar, actions: Mapping[str, QAction], keys: Iterable[str | None]) -> None:
    for key in keys:
        if key is None:
            container.addSeparator()
        else:
            container.addAction(actions[key])


def build_menus(window: QMainWindow, actions: Mapping[str, QAction],
                menus: Mapping[str, tuple[str | None, ...]] | None = None) -> dict[str, QMenu]:
    """The menu bar, keyed by each menu's English title; `retranslate_menus` sets the shown titles."""
    built = {}
    for title, keys in (MENUS if menus is None else menus).items():
        built[title] = window.menuBar().addMenu(translate("Actions", title))
        fill(built[title], actions, keys)
    return built


def retranslate_menus(menus: Mapping[str, QMenu]) -> None:
    for title, menu in menus.items():
        menu.setTitle(translate("Actions", title))


def language_menu(window: QMainWindow, before: QMenu, current: str) -> tuple[QMenu, dict[str, QAction]]:
    """The Language menu, placed before `before`: one checkable entry per language, named in its own
    words (a reader who cannot read the current language still finds theirs). The window connects
    each action's `triggered`."""
    menu = QMenu(translate("Actions", LANGUAGE_MENU), window)
    window.menuBar().insertMenu(before.menuAction(), menu)
    group = QActionGroup(menu)
    group.setExclusive(True)
    choices = {}
    for code, name in LANGUAGES.items():
        action = menu.addAction(name)
        action.setCheckable(True)
        action.setChecked(code == current)
        action.setData(code)
        group.addAction(action)
        choices[code] = action
    return menu, choices


def build_toolbar(window: QMainWindow, actions: Mapping[str, QAction],
                  keys: Iterable[str | None] | None = None) -> QToolBar:
    toolbar = window.addToolBar(translate("Actions", "Main toolbar"))
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
                rows.append((keys, translate("Actions", spec.help)))
    return rows
