"""`deepfake-detector report PATH... --html OUT.html --pdf OUT.pdf`: the case file from the command line.

One file gives its verification report; a folder (or several paths) gives a scan
report: a summary of every file and a page per file judged fake, uncertain or
labelled AI. HTML needs nothing more; the PDF is laid out by Qt, offscreen when
there is no display.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.report import file_report, scan_report, write_html
from deepfake_desk.core.scan import AnalysisOptions, analyze, decoding_pool

EXIT_OK, EXIT_FAILED = 0, 1


def add_input_arguments(parser: argparse.ArgumentParser, paths_help: str) -> None:
    """What `scan` and `report` both read: the paths, the manifest, frames per video, recursion."""
    parser.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    parser.add_argument("--manifest", metavar="PATH", help="model manifest (default: the shipped models)")
    parser.add_argument("--frames", type=int, metavar="N", help="frames to sample per video (default: manifest)")
    parser.add_argument("--no-recursive", action="store_true", help="do not descend into sub-folders")


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    report = sub.add_parser("report", help="write a verification report (HTML and/or PDF) of a file or a scan")
    add_input_arguments(report, "one file (its report) or folders and files (a scan)")
    report.add_argument("--html", metavar="OUT.html", help="write a self-contained HTML report here")
    report.add_argument("--pdf", metavar="OUT.pdf", help="write a PDF report here")
    report.add_argument("--no-map", action="store_true",
                        help="leave out the map of where the models look (it takes seconds per image)")
    return report


def run_report(args: argparse.Namespace, parser: argparse.ArgumentParser,
               checked_detector: Callable[..., Detector | None]) -> int:
    """`checked_detector(args, parser, outputs)`: the CLI's shared argument checks and model loading."""
    if not (args.html or args.pdf):
        parser.error("say where to write the report: --html OUT.html and/or --pdf OUT.pdf")
    detector = checked_detector(args, parser, (args.html, args.pdf))
    if detector is None:
        return EXIT_FAILED
    with_map = not args.no_map
    # One set of decoding processes for the analysis and the report's pictures (crash containment for both).
    pool = decoding_pool(detector, keep=True)
    try:
        if len(args.paths) == 1 and not os.path.isdir(args.paths[0]):
            report = file_report(detector, args.paths[0], args.frames, with_map, pool)
        else:
            options = AnalysisOptions(recursive=not args.no_recursive, frames=args.frames)
            rows = list(analyze(args.paths, detector, options, pool=pool))
            print(f"scanned {len(rows)} files; drawing the pages of the flagged ones", file=sys.stderr)
            report = scan_report(detector, rows, list(args.paths), with_map, pool)
    finally:
        pool.close()
    if args.html:
        write_html(report, args.html)
        print(f"report written to {args.html}", file=sys.stderr)
    if args.pdf:
        from deepfake_desk.report_pdf import write_pdf  # Qt, loaded only when a PDF is wanted

        pages = write_pdf(report, args.pdf)
        print(f"report written to {args.pdf} ({pages} page{'s' if pages != 1 else ''})", file=sys.stderr)
    return EXIT_OK
