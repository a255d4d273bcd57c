"""`python -m deepfake_desk` / `deepfake-detector`: the window, or the command line with `scan`."""

import sys

from deepfake_desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
