"""Where the shipped models and sample images live: in a checkout, an installed wheel, or a frozen bundle;
and where the user's own (taught) models live.

The folders stay at the top of the repository (models/, resources/); the wheel maps them
onto the package as `deepfake_desk/models` and `deepfake_desk/resources` (pyproject.toml),
and the PyInstaller bundle puts them at its own root. One lookup serves all three.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

PACKAGE = "deepfake_desk"


def checkout_root() -> Path:
    """The repository folder this package was imported from (meaningful in a checkout only)."""
    return Path(__file__).resolve().parents[2]


def data_root() -> Path:
    """The folder holding models/ and resources/.

    A frozen bundle keeps them at its root (sys._MEIPASS). An installed wheel has them
    inside the package, found through importlib.resources. A checkout or an editable
    install has them at the top of the repository, next to the package folder.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    installed = resources.files(PACKAGE)
    # A wheel is always unpacked on disk, so the package is a real folder; onnxruntime
    # and OpenCV need file paths, not a zip member.
    if isinstance(installed, Path) and (installed / "models").is_dir():
        return installed
    return checkout_root()


def default_manifest_path() -> Path:
    """models/manifest.json, unless DEEPFAKE_DETECTOR_MODELS names another folder or file."""
    override = os.environ.get("DEEPFAKE_DETECTOR_MODELS")
    if override:
        path = Path(override)
        return path / "manifest.json" if path.is_dir() else path
    return data_root() / "models" / "manifest.json"


def samples_dir() -> Path:
    return data_root() / "resources" / "samples"


APP_FOLDER = "deepfake-detector"  # the user's data folder of this app (Linux; "Deepfake Detector" elsewhere)


def user_models_dir() -> Path:
    """Where detectors the user taught (`deepfake-detector learn`) are stored.

    DEEPFAKE_DETECTOR_USER_MODELS overrides it (tests, portable installs). Otherwise the
    platform's per-user data folder: $XDG_DATA_HOME (default ~/.local/share) on Linux,
    %LOCALAPPDATA% on Windows, ~/Library/Application Support on macOS. Computed here
    rather than with Qt's QStandardPaths so the CLI finds the same folder as the window.
    """
    override = os.environ.get("DEEPFAKE_DETECTOR_USER_MODELS")
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local")
        return base / "Deepfake Detector" / "models"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Deepfake Detector" / "models"
    base = os.environ.get("XDG_DATA_HOME") or ""
    return (Path(base) if os.path.isabs(base) else home / ".local" / "share") / APP_FOLDER / "models"
