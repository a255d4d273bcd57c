"""Update and build the window's translations with PySide6's own Qt tools.

    python scripts/translations.py update   # pyside6-lupdate: new/changed strings into the .ts files
    python scripts/translations.py build    # pyside6-lrelease: the .ts files into the shipped .qm files

The .ts files (Qt Linguist's XML, editable in Qt Linguist: pyside6-linguist) are the sources;
the .qm files are committed next to them so a fresh clone and the PyInstaller bundle have them.
tests/gui/test_translations.py fails when either is out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SOURCES = REPO / "deepfake_desk"  # every .py under it; core marks its words without Qt (core/i18n.py)
FOLDER = REPO / "resources" / "translations"
# language -> lupdate options: English is the source language, its catalog holds only plural forms
LANGUAGES = {"id": [], "en": ["-pluralonly"]}


def tool(name: str) -> str:
    """pyside6-lupdate / pyside6-lrelease from the interpreter's environment (the venv), else PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install PySide6 (scripts/setup.sh)")
    return found


def ts_path(language: str, folder: Path = FOLDER) -> Path:
    return folder / f"deepfake_desk_{language}.ts"


def update(folder: Path = FOLDER) -> None:
    """Merge the strings marked in the sources into each language's .ts (vanished ones dropped)."""
    folder.mkdir(parents=True, exist_ok=True)
    for language, options in LANGUAGES.items():
        subprocess.run([tool("pyside6-lupdate"), "-silent", "-extensions", "py", "-locations", "none",
                        "-no-obsolete", "-target-language", language, *options, str(SOURCES),
                        "-ts", str(ts_path(language, folder))], check=True)


def build(folder: Path = FOLDER, out: Path | None = None) -> list[Path]:
    """Compile each .ts of `folder` into a .qm in `out` (default: beside it); returns the .qm paths."""
    built = []
    for language in LANGUAGES:
        qm = (out or folder) / f"deepfake_desk_{language}.qm"
        subprocess.run([tool("pyside6-lrelease"), "-silent", "-nounfinished", str(ts_path(language, folder)),
                        "-qm", str(qm)], check=True)
        built.append(qm)
    return built


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "build":
        build()
    else:
        raise SystemExit(__doc__)
