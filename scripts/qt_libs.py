"""Does Qt's X11 ("xcb") platform plugin find the system libraries it needs?

    python scripts/qt_libs.py [ARGS...]

run.sh runs this before opening the window, with the arguments it got. It prints nothing and
exits 0 when the window will not use xcb (no display, QT_QPA_PLATFORM set to something
else, or a `scan`/`learn`/`report` command) or when every library the plugin links resolves.
Otherwise it prints the Debian/Ubuntu packages that provide the missing libraries, one line,
space-separated, and exits 1: Qt itself would only say "Could not load the Qt platform plugin
"xcb"" and suggest reinstalling. Standard library only, and PySide6 is found, not imported.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

# soname prefix -> the Debian/Ubuntu package that provides it (packaging/build.py's DEB_DEPENDS).
PACKAGES = {
    "libxcb-cursor.so": "libxcb-cursor0",
    "libxcb-icccm.so": "libxcb-icccm4",
    "libxcb-keysyms.so": "libxcb-keysyms1",
    "libxcb-image.so": "libxcb-image0",
    "libxcb-render-util.so": "libxcb-render-util0",
    "libxcb-render.so": "libxcb-render0",
    "libxcb-shape.so": "libxcb-shape0",
    "libxcb-shm.so": "libxcb-shm0",
    "libxcb-sync.so": "libxcb-sync1",
    "libxcb-xfixes.so": "libxcb-xfixes0",
    "libxcb-xkb.so": "libxcb-xkb1",
    "libxcb-randr.so": "libxcb-randr0",
    "libxcb-util.so": "libxcb-util1",
    "libxcb-glx.so": "libxcb-glx0",
    "libxcb-xinerama.so": "libxcb-xinerama0",
    "libxcb.so": "libxcb1",
    "libxkbcommon-x11.so": "libxkbcommon-x11-0",
    "libxkbcommon.so": "libxkbcommon0",
    "libX11-xcb.so": "libx11-xcb1",
    "libX11.so": "libx11-6",
    "libXext.so": "libxext6",
    "libXrender.so": "libxrender1",
    "libSM.so": "libsm6",
    "libICE.so": "libice6",
    "libEGL.so": "libegl1",
    "libGL.so": "libgl1",
    "libOpenGL.so": "libopengl0",
    "libGLX.so": "libglx0",
    "libfontconfig.so": "libfontconfig1",
    "libfreetype.so": "libfreetype6",
    "libdbus-1.so": "libdbus-1-3",
    "libglib-2.0.so": "libglib2.0-0",
    "libgthread-2.0.so": "libglib2.0-0",
}
NOT_WINDOW_COMMANDS = ("scan", "learn", "report", "--version", "-h", "--help")


def missing_libraries(ldd_output: str) -> list[str]:
    """The sonames `ldd` reports as "not found", each once, in the order it printed them."""
    found = re.findall(r"^\s*(\S+)\s+=>\s+not found", ldd_output, flags=re.MULTILINE)
    return list(dict.fromkeys(found))


def apt_packages(sonames: list[str]) -> list[str]:
    """The packages that provide these libraries; an unknown library is named as itself."""
    out = []
    for soname in sonames:
        prefix = soname.split(".so")[0] + ".so"
        out.append(PACKAGES.get(prefix, soname))
    return list(dict.fromkeys(out))


def xcb_plugin() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for root in spec.submodule_search_locations:
        plugin = Path(root) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.exists():
            return plugin
    return None


def window_uses_xcb(argv: list[str], environ: dict[str, str]) -> bool:
    """Will `python -m deepfake_desk ARGV` open a window through the xcb plugin?"""
    if not sys.platform.startswith("linux"):
        return False
    if argv and argv[0] in NOT_WINDOW_COMMANDS:
        return False
    platform = environ.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.split(":")[0] == "xcb"
    if not environ.get("DISPLAY"):
        return False  # Wayland only, or no display at all (the CLI then scans the samples)
    return True


def main(argv: list[str]) -> int:
    if not window_uses_xcb(argv, dict(os.environ)):
        return 0
    plugin = xcb_plugin()
    if plugin is None:
        return 0  # not this check's business: PySide6 itself is missing or laid out differently
    try:
        ldd = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return 0  # no ldd: let Qt speak for itself
    packages = apt_packages(missing_libraries(ldd))
    if not packages:
        return 0
    print(" ".join(packages))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
