#!/usr/bin/env bash
# Install the app and open its window (with no display: scan the bundled sample images).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh app
exec .venv/bin/python -m deepfake_desk "$@"
