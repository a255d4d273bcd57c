"""The command line: `deepfake-detector scan PATH... --csv OUT.csv`, over the same core as the window."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from deepfake_desk import __version__, report_command
from deepfake_desk.core.cluster import ClusterError, ClusterScan, parse_scheduler
from deepfake_desk.core.detector import Detector
from deepfake_desk.core.export import CsvWriter, printable_path, write_json
from deepfake_desk.core.manifest import ManifestError
from deepfake_desk.core.resources import default_manifest_path, samples_dir
from deepfake_desk.core.decode_pool import DEFAULT_MEMORY_BYTES
from deepfake_desk.core.scan import AnalysisOptions, analyze
from deepfake_desk.core.verdict import VERDICT_ORDER, Verdict
from deepfake_desk.core.worth import verdict_worth
from deepfake_desk.learn_cli import add_learn_parser, run_learn

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="deepfake-detector",
        description="Offline detector of deepfake and AI-generated images and videos. "
        "Run without arguments to open the window.",
    )
    parser.add_argument("--version", action="store_true", help="print the app's and the models' versions and hashes")
    sub = parser.add_subparsers(dest="command")
    scan = sub.add_parser("scan", help="scan files and folders and write the results to CSV/JSON")
    report_command.add_input_arguments(scan, "image or video files, or folders")
    scan.add_argument("--csv", metavar="OUT.csv", help="write one row per file to this CSV file")
    scan.add_argument("--json", metavar="OUT.json", help="write the full results (video frames too) as JSON")
    scan.add_argument("--quiet", "-q", action="store_true", help="no progress or per-file lines")
    scan.add_argument("--memory-limit", type=float, metavar="GiB", default=DEFAULT_MEMORY_BYTES / 2**30,
                      help="memory each decoding process may use; a file needing more gets an error row "
                      "(default: %(default)g)")
    scan.add_argument("--time-limit", type=float, metavar="S", default=120.0,
                      help="seconds a file may take to decode before it gets an error row (default: %(default)g)")
    scan.add_argument("--scheduler", metavar="ADDRESS", help="scan on a Dask cluster: tcp://HOST:PORT of its "
                      "scheduler, or local:N for N worker processes here (needs the `cluster` extra; "
                      "the two limits above do not apply there)")
    add_learn_parser(sub)
    report_command.add_parser(sub)
    return parser


def _load_detector(manifest: str | None) -> Detector:
    detector = Detector.from_manifest(manifest or default_manifest_path())
    for problem in detector.problems:
        print(f"warning: {problem}", file=sys.stderr)
    return detector


def print_version(manifest: str | None = None) -> int:
    print(f"deepfake-detector {__version__}")
    try:
        detector = _load_detector(manifest)
    except ManifestError as exc:
        print(f"models: none ({exc})")
        return EXIT_OK
    for m in detector.describe()["models"]:
        print(f"model {m['id']} {m['version'] or '-'} {m['file']} sha256:{m['sha256']}")
    print("what the verdicts are worth:")
    for fact in verdict_worth(detector.manifest):
        print(f"  - {fact}")
    return EXIT_OK


class _CtrlC:
    """Ctrl+C during a scan: the first asks the scan to stop after the file in hand, the second stops at once.

    The second one never lands between writing a row and counting it: inside `row()`
    it waits for the row to be complete, so the summary always counts what the CSV holds;
    nor while the scan is being wound up (`winding_up`: the decoding processes stopped, the
    CSV and JSON written), which a press could otherwise leave half done.
    """

    def __init__(self) -> None:
        self.presses = 0
        self._in_row = False
        self._deferred = False
        self._winding_up = False

    def _handle(self, signum, frame) -> None:
        # Only plain assignments here, no lock (not even a threading.Event's): a second
        # press runs this handler again *inside* the first one, wherever that one is, and
        # would wait for ever on a lock the first one holds.
        self.presses += 1
        if self.presses == 1:
            print("\nstopping after the file in hand (Ctrl+C again to stop at once)", file=sys.stderr, flush=True)
        elif self.presses > 2 or self._winding_up:
            pass  # the scan is already stopping: let it keep what it has
        elif self._in_row:
            self._deferred = True
        else:
            raise KeyboardInterrupt

    @contextmanager
    def installed(self) -> Iterator[_CtrlC]:
        previous = signal.signal(signal.SIGINT, self._handle)
        try:
            yield self
        finally:
            # Once asked to stop, further presses while the program exits (the summary, the
            # interpreter waiting for its threads) would only print a KeyboardInterrupt
            # traceback from threading._shutdown: ignored from here on.
            signal.signal(signal.SIGINT, signal.SIG_IGN if self.presses else previous)

    @contextmanager
    def row(self) -> Iterator[None]:
        self._in_row = True
        try:
            yield
        finally:
            self._in_row = False
        if self._deferred:
            raise KeyboardInterrupt

    def winding_up(self) -> None:
        """From now on a press stops nothing more: what is left is keeping what was scanned."""
        self._winding_up = True

    def cancelled(self) -> bool:
        """The scan's cancel check: true from the first press on."""
        return self.presses > 0

    @property
    def interrupted(self) -> bool:
        return self.presses > 0


def _fmt(p: float | None) -> str:
    return "  -  " if p is None else f"{p:.3f}"


def checked_detector(args: argparse.Namespace, parser: argparse.ArgumentParser,
                     outputs: Sequence[str | None]) -> Detector | None:
    """The checks `scan` and `report` share (paths, --frames, output folders: usage errors),
    then the models; None, with the reason printed, when no model can be used."""
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if missing:
        parser.error("no such file or folder: " + ", ".join(missing))
    if args.frames is not None and args.frames < 1:
        parser.error("--frames must be at least 1")
    for out in outputs:
        if out and not os.path.isdir(os.path.dirname(os.path.abspath(out))):
            parser.error(f"the folder for {out} does not exist")
    try:
        detector = _load_detector(args.manifest)
    except ManifestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return None
    if not detector.models:
        print("error: no usable detection model; nothing can be scored", file=sys.stderr)
        return None
    return detector


def run_scan(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.memory_limit <= 0 or args.time_limit <= 0:
        parser.error("--memory-limit and --time-limit must be positive")
    if args.scheduler:
        try:
            parse_scheduler(args.scheduler)
        except ValueError as exc:
            parser.error(str(exc))
    detector = checked_detector(args, parser, (args.csv, args.json))
    if detector is None:
        return EXIT_FAILED

    try:
        cluster = ClusterScan(args.scheduler, detector, args.manifest, args.frames) if args.scheduler else None
    except ClusterError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if cluster and not args.quiet:
        print(f"scanning on {cluster.where}", file=sys.stderr)
    tty = sys.stderr.isatty() and not args.quiet
    results = []
    counts: Counter[str] = Counter()
    started = time.monotonic()
    ctrl_c = _CtrlC()
    with ctrl_c.installed():
        writer = CsvWriter(args.csv, detector.model_ids) if args.csv else None
        options = AnalysisOptions(recursive=not args.no_recursive, frames=args.frames,
                                  memory_limit=int(args.memory_limit * 2**30), file_timeout=args.time_limit)
        scan = analyze(args.paths, detector, options, ctrl_c.cancelled, cluster)
        try:
            for result in scan:
                with ctrl_c.row():  # written and counted together, or neither
                    if writer:
                        writer.write(result)
                    if args.json:
                        results.append(result)
                    counts[result.verdict or "error"] += 1
                if not args.quiet and not args.csv:
                    print(f"{result.verdict or 'error':9} {_fmt(result.fake_probability)}  "
                          f"{printable_path(result.path)}" + (f"  ({result.error})" if result.error else ""))
                if tty:
                    n = sum(counts.values())
                    print(f"\r{n} files scanned, {time.monotonic() - started:.0f} s", end="", file=sys.stderr,
                          flush=True)
        except KeyboardInterrupt:
            pass  # the second Ctrl+C: what is written so far is kept
        finally:
            ctrl_c.winding_up()
            scan.close()  # stops the decoding processes (or the cluster's pending files)
            if writer:
                writer.close()
            if args.json:
                write_json(results, args.json, detector.describe())
    interrupted = ctrl_c.interrupted
    if tty:
        print(file=sys.stderr)
    total = sum(counts.values())
    elapsed = time.monotonic() - started
    order = [v.value for v in VERDICT_ORDER if v is not Verdict.NOT_ANALYSED] + ["error"]
    summary = ", ".join(f"{counts[k]} {k}" for k in order if counts[k])
    print(f"{'interrupted after' if interrupted else 'scanned'} {total} files in {elapsed:.1f} s"
          + (f": {summary}" if summary else ""), file=sys.stderr)
    for out in (args.csv, args.json):
        if out:
            print(f"results written to {out}", file=sys.stderr)
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def has_display() -> bool:
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
                    or os.environ.get("QT_QPA_PLATFORM"))
    return True


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] not in ("scan", "learn", "report", "--version", "-h", "--help"):
        if all(os.path.lexists(a) for a in argv):  # `deepfake-detector photo.jpg` opens them in the window
            return run_gui(argv)
    args = parser.parse_args(argv)
    if args.version:
        return print_version()
    if args.command == "scan":
        return run_scan(args, parser)
    if args.command == "learn":
        return run_learn(args, parser)
    if args.command == "report":
        return report_command.run_report(args, parser, checked_detector)
    return run_gui([])


def run_gui(paths: list[str]) -> int:
    if not has_display():
        print("No display found: scanning the bundled sample images instead of opening the window\n"
              f"({samples_dir() / 'README.md'} says what each one is and what the app says about it).\n"
              "(Run `deepfake-detector scan PATH --csv results.csv` to scan your own files.)", file=sys.stderr)
        parser = build_parser()
        return run_scan(parser.parse_args(["scan", *(paths or [str(samples_dir())])]), parser)
    from deepfake_desk.gui.main import run  # imported late: the CLI must work without Qt

    return run(paths)
