#!/usr/bin/env bash
# Install the app (once, and again only when pyproject.toml or setup.sh changed) and open its
# window; with no display it scans the bundled sample images instead.
# Before opening the window it checks that Qt's X11 plugin finds the system libraries it needs:
# as root with apt it installs them, otherwise it prints the one apt-get line to run and stops.
set -euo pipefail
cd "$(dirname "$0")/.."

stamp=.venv/.deepfake_desk_installed
want=$(cat pyproject.toml scripts/setup.sh | sha256sum | cut -d' ' -f1)
if [ -x .venv/bin/python ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] \
    && .venv/bin/python -c "import deepfake_desk" 2>/dev/null; then
  :  # installed and current
else
  bash scripts/setup.sh app
  echo "$want" > "$stamp"
fi

if ! missing=$(.venv/bin/python scripts/qt_libs.py "$@"); then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing the libraries Qt needs to open a window: $missing" >&2
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing
  else
    echo "The window cannot open: Qt's X11 plugin is missing system libraries. Install them with" >&2
    echo "" >&2
    echo "    sudo apt-get install -y $missing" >&2
    echo "" >&2
    echo "then run this again. (Without a window: bash scripts/run.sh scan FOLDER --csv out.csv)" >&2
    exit 1
  fi
fi
exec .venv/bin/python -m deepfake_desk "$@"
