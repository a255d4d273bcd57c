"""The frozen program's entry point: the same `main()` as the `deepfake-detector` console script."""

import multiprocessing
import sys

from deepfake_desk.cli import main

if __name__ == "__main__":
    # A no-op unless some library starts worker processes; without it a frozen
    # Windows/macOS child would re-run the whole app instead of the worker.
    multiprocessing.freeze_support()
    sys.exit(main())
