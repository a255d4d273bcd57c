"""The desktop window (PySide6) over the Qt-free core in deepfake_desk.core.

Everything Qt lives in this package; the core never imports it.
"""
