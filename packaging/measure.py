"""Measures the built bundle: its size unpacked and the time from launch to the first window.

    python packaging/measure.py [--runs 7] [--write]

Run it after `python packaging/build.py`. The window is opened offscreen
(QT_QPA_PLATFORM=offscreen) by the bundle's own first-window hook
(packaging/rthooks/pyi_rth_first_window.py), which prints the moment the window is
shown; the time counted is from just before the process is started to that moment.
The first run after a build also pays for a cold disk cache and is reported apart.
With --write the figures go to packaging/measurements.json, which packaging/README.md
quotes. Nothing here is asserted: these are numbers for people.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PACKAGING = Path(__file__).resolve().parent
BUNDLE = PACKAGING / "dist" / "deepfake-detector"


def bundle_size(bundle: Path) -> int:
    return sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())


def largest_parts(bundle: Path, top: int = 8) -> list[tuple[str, int]]:
    """The biggest entries of _internal/, to say where the megabytes are."""
    internal = bundle / "_internal"
    sizes = []
    for entry in internal.iterdir():
        size = bundle_size(entry) if entry.is_dir() else (0 if entry.is_symlink() else entry.stat().st_size)
        sizes.append((entry.name, size))
    return sorted(sizes, key=lambda s: -s[1])[:top]


def download_sizes(dist: Path) -> dict[str, int]:
    """The installers build.py left beside the bundle (.tar.gz, .deb, .zip, .exe, .dmg): what a user downloads."""
    found = [p for pattern in ("*.tar.gz", "*.deb", "*.zip", "*.exe", "*.dmg") for p in sorted(dist.glob(pattern))]
    return {p.name: p.stat().st_size for p in found if p.is_file()}


def time_to_first_window(executable: Path, home: Path) -> float:
    shot = home / "first-window.png"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DEEPFAKE_DETECTOR"))}
    env.update(QT_QPA_PLATFORM="offscreen", DEEPFAKE_DETECTOR_FIRST_WINDOW=str(shot), HOME=str(home),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"))
    launched = time.time()
    proc = subprocess.run([str(executable)], capture_output=True, text=True, env=env, timeout=300, cwd=home)
    match = re.search(r"first-window-shown (\d+\.\d+)", proc.stdout)
    if proc.returncode != 0 or not match:
        raise SystemExit(f"the window did not open (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return float(match.group(1)) - launched


def time_version(executable: Path) -> float:
    started = time.monotonic()
    subprocess.run([str(executable), "--version"], capture_output=True, check=True, timeout=300)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=BUNDLE)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--write", action="store_true", help="save the figures to packaging/measurements.json")
    args = parser.parse_args(argv)
    executable = args.bundle / ("deepfake-detector.exe" if os.name == "nt" else "deepfake-detector")
    if not executable.exists():
        raise SystemExit(f"{executable} does not exist: run packaging/build.py first")

    size = bundle_size(args.bundle)
    with tempfile.TemporaryDirectory() as home:
        first = time_to_first_window(executable, Path(home))
        warm = [time_to_first_window(executable, Path(home)) for _ in range(args.runs)]
    version = [time_version(executable) for _ in range(3)]
    build_info = json.loads((args.bundle / "BUILD_INFO.json").read_text())
    times_file = args.bundle.parent / "build-times.json"
    figures = {
        "bundle_mb": round(size / 1e6, 1),
        "bundle_mib": round(size / 2**20, 1),
        "largest_parts_mb": {name: round(s / 1e6, 1) for name, s in largest_parts(args.bundle)},
        "downloads_mb": {name: round(s / 1e6, 1) for name, s in download_sizes(args.bundle.parent).items()},
        "first_window_s": {"first_run": round(first, 2), "median": round(statistics.median(warm), 2),
                           "min": round(min(warm), 2), "max": round(max(warm), 2), "runs": args.runs},
        "version_command_s": round(statistics.median(version), 2),
        "pyinstaller_s": build_info.get("pyinstaller_seconds"),
        "last_build_times_s": json.loads(times_file.read_text()) if times_file.is_file() else None,
        "models": [m["id"] for m in build_info.get("models", [])],
        "machine": f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
        if hasattr(os, "getloadavg") else platform.platform(),
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(json.dumps(figures, indent=2))
    if args.write:
        (PACKAGING / "measurements.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
