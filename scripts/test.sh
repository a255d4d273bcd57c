#!/usr/bin/env bash
# Install everything (app, training, tests, packaging) and run the whole test suite.
# Extra arguments go to pytest, e.g. `scripts/test.sh -m "not bundle and not slow"` for a quick run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
export QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen}
exec .venv/bin/python -m pytest "$@"
