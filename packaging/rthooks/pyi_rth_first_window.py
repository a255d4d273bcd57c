"""PyInstaller runtime hook: with DEEPFAKE_DETECTOR_FIRST_WINDOW=OUT.png set, screenshot the first window and quit.

It lets the smoke test and the start-up benchmark open the real window of the frozen
app offscreen without any test code in app/: when the variable is unset (every
normal launch) this hook does nothing and imports nothing. When it is set, it wraps
QApplication.exec so that, once the event loop runs and a top-level window is shown,
it saves that window to OUT.png, prints `first-window-shown <unix time> <w>x<h>` to
stdout (the caller compares that with the time it launched the process), and quits.
"""


def _install() -> None:
    import os

    out = os.environ.get("DEEPFAKE_DETECTOR_FIRST_WINDOW")
    if not out:
        return
    import time

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    original_exec = QApplication.exec
    deadline = time.monotonic() + float(os.environ.get("DEEPFAKE_DETECTOR_FIRST_WINDOW_TIMEOUT", "60"))

    def shown_window():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        # The largest visible window is the main one (a splash or tooltip is smaller).
        return max(windows, key=lambda w: w.width() * w.height(), default=None)

    def poll() -> None:
        window = shown_window()
        if window is None:
            if time.monotonic() > deadline:
                print("first-window-timeout", flush=True)
                QApplication.exit(3)
            else:
                QTimer.singleShot(10, poll)
            return
        shown_at = time.time()
        QApplication.processEvents()  # let the first paint happen before grabbing
        saved = window.grab().save(out)
        print(f"first-window-shown {shown_at:.6f} {window.width()}x{window.height()} saved={saved}", flush=True)
        QApplication.exit(0 if saved else 4)

    def exec_with_probe(*_self):
        # QApplication.exec is static: called as app.exec() this function gets the
        # instance as an argument, which the original must not receive.
        QTimer.singleShot(0, poll)
        return original_exec()

    QApplication.exec = exec_with_probe
    # PySide6 still accepts the Qt5-era exec_() spelling.
    if hasattr(QApplication, "exec_"):
        QApplication.exec_ = exec_with_probe


_install()
