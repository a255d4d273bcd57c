"""Where the shipped models and sample images live, from source or in a frozen bundle."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def app_root() -> Path:
    """The folder holding models/ and resources/: the repo root, or the bundle's root."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parents[2]


def default_manifest_path() -> Path:
    """models/manifest.json, unless DEEPFAKE_DETECTOR_MODELS names another folder or file."""
    override = os.environ.get("DEEPFAKE_DETECTOR_MODELS")
    if override:
        path = Path(override)
        return path / "manifest.json" if path.is_dir() else path
    return app_root() / "models" / "manifest.json"


def samples_dir() -> Path:
    return app_root() / "resources" / "samples"
