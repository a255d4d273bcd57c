"""Start the desktop window: `run(paths)` is what `deepfake-detector` calls with a display."""

from __future__ import annotations

import sys
import traceback

from PySide6.QtWidgets import QApplication

from deepfake_desk import __version__


def run(paths: list[str]) -> int:
    """Open the main window (analysing `paths` if given) and return the event loop's exit code."""
    from deepfake_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Deepfake Detector")
    app.setApplicationName("Deepfake Detector")
    app.setApplicationVersion(__version__)
    window = MainWindow()

    def report(exc_type, exc, tb) -> None:
        # A bug in a slot must not kill the window or pop up a traceback: log it, say it plainly.
        traceback.print_exception(exc_type, exc, tb, file=sys.stderr)
        window.banner.show_message(
            f"<b>Something went wrong:</b> {exc_type.__name__}: {exc}. "
            "Your results are kept. Help > Copy diagnostics helps to report it.", "error")

    sys.excepthook = report
    window.show()
    if paths:
        window.open_paths(paths)
    code = app.exec()
    window.cancel_scan()
    window.wait_for_workers()
    return code


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
