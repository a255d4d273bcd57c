"""`python -m app` / `deepfake-detector`: the window, or the command line with `scan`."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
