"""`deepfake-detector learn`: teach, list, turn on or off, share and remove the user's own detectors."""

from __future__ import annotations

import argparse
import sys

from deepfake_desk.core.examples import CLASS_COLUMN, LearnError, csv_files, list_files
from deepfake_desk.core.learn import Progress, Taught, teach, teach_files
from deepfake_desk.core.manifest import ManifestError, load_manifest
from deepfake_desk.core.resources import default_manifest_path, user_models_dir
from deepfake_desk.core.share import ShareError, export_taught, import_taught, read_package
from deepfake_desk.core.user_models import (UserModelError, list_taught, remove_taught, set_enabled,
                                            taught_problem)
from deepfake_desk.core.wording import REAL_PHOTOS_ADVICE

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


def add_learn_parser(sub: argparse._SubParsersAction) -> None:
    learn = sub.add_parser(
        "learn", help="teach the app a new kind of fake from your own examples (or --list, --remove)",
        description="Fit a detector of one kind of fake from folders of confirmed fakes and of real photos of the "
        "same subjects (10 or more of each; a few dozen is better), from two lists of files, or from a CSV whose "
        "column names each file's class (a scan's export after marking rows). It is checked on examples it did not "
        "see, saved in your data folder, and later scans show its score as NAME_probability. It can make a verdict "
        "fake or uncertain, never real, and fake only for files like its real photos. Faces that fill part of a "
        "large picture are learned on their own too, and such pictures are then judged by their faces. A video "
        "counts as one example, learned from a few frames spread over it as a scan spreads its frames. A detector "
        "whose check is weak (or with fewer than 15 examples a class) is saved turned off. " + REAL_PHOTOS_ADVICE)
    learn.add_argument("name", nargs="?", metavar="NAME", help="the new detector's name (a-z, 0-9, _)")
    learn.add_argument("--real", metavar="DIR", help="folder of real photos")
    learn.add_argument("--fake", metavar="DIR", help="folder of fakes of the kind to learn")
    learn.add_argument("--real-list", metavar="FILE", help="text file of real photos, one path a line")
    learn.add_argument("--fake-list", metavar="FILE", help="text file of fakes of the kind to learn, one path a line")
    learn.add_argument("--from-csv", metavar="CSV", help="a CSV with a 'path' column and a column saying 'fake' or "
                       f"'real' (default '{CLASS_COLUMN}', as a scan's export after marking rows)")
    learn.add_argument("--class-column", metavar="COLUMN", default=CLASS_COLUMN,
                       help=f"the --from-csv column naming each file's class (default: {CLASS_COLUMN})")
    learn.add_argument("--kind", metavar="TEXT", default="", help="what kind of fake it detects, in words (its card)")
    learn.add_argument("--list", action="store_true", help="list the detectors you taught")
    learn.add_argument("--enable", metavar="NAME", nargs="?", const=True,
                       help="turn a detector you taught on (with --import: import it turned on)")
    learn.add_argument("--disable", metavar="NAME", help="turn a detector you taught off")
    learn.add_argument("--export", metavar=("NAME", "FILE"), nargs=2, help="write a detector you taught to one file")
    learn.add_argument("--import", dest="import_file", metavar="FILE",
                       help="import a detector from a file (shows its card; turned off unless --enable)")
    learn.add_argument("--remove", metavar="NAME", help="delete a detector you taught")
    learn.add_argument("--manifest", metavar="PATH", help="model manifest (default: the shipped models)")
    learn.add_argument("--quiet", "-q", action="store_true", help="no progress")


def list_detectors(manifest_path: str | None) -> int:
    taught = list_taught(user_models_dir())
    if not taught:
        print("No detectors taught yet (deepfake-detector learn NAME --real DIR --fake DIR).")
        return EXIT_OK
    try:
        models = load_manifest(manifest_path or default_manifest_path()).models
    except ManifestError:
        models = []
    print(f"Detectors you taught ({user_models_dir()}):")
    for item in taught:
        problem = item.problem or taught_problem(item.spec, models)
        check = item.entry.get("metrics", {}).get("cross_validation", {})
        when = item.entry.get("version", "")[:10]
        state = "" if item.enabled else (f"\n    turned off: {item.why_off or 'by you'} "
                                         f"(deepfake-detector learn --enable {item.name})")
        if not problem and not item.spec.familiarity:
            state += ("\n    taught before the app kept its real photos' statistics: it can make a verdict uncertain, "
                      "never fake; teach it again")
        print(f"  {item.name}  taught {when or '?'}: {check.get('words', '')}"
              + (f"\n    not used: {problem}" if problem else state))
    return EXIT_OK


def _fail(exc: Exception) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return EXIT_FAILED


def share(args: argparse.Namespace) -> int:
    """--export NAME FILE, --import FILE [--enable]."""
    if args.export:
        try:
            target = export_taught(user_models_dir(), *args.export)
        except ShareError as exc:
            return _fail(exc)
        print(f"Wrote the detector '{args.export[0]}' to {target}. Another desk imports it with: "
              f"deepfake-detector learn --import {target.name}")
        return EXIT_OK
    try:
        manifest = load_manifest(args.manifest or default_manifest_path())
        print("\n".join(read_package(args.import_file).card.lines()))
        taught = import_taught(args.import_file, manifest, user_models_dir(), enable=args.enable is True)
    except (ShareError, ManifestError) as exc:
        return _fail(f"{exc}\nNothing was imported.")
    print(f"Imported as '{taught.name}'" + (", turned on." if taught.enabled else
          f", turned off: read its card above, then turn it on with deepfake-detector learn --enable {taught.name}"))
    return EXIT_OK


def run_learn(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.list:
        return list_detectors(args.manifest)
    if args.export or args.import_file:
        return share(args)
    if isinstance(args.enable, str) or args.disable:
        name, on = (args.enable, True) if isinstance(args.enable, str) else (args.disable, False)
        try:
            set_enabled(user_models_dir(), name, on)
        except UserModelError as exc:
            return _fail(exc)
        print(f"The detector '{name}' is turned {'on: later scans use it' if on else 'off: scans do not use it'}.")
        return EXIT_OK
    if args.remove:
        try:
            remove_taught(user_models_dir(), args.remove)
        except UserModelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"Removed the detector '{args.remove}'.")
        return EXIT_OK
    folders, lists = bool(args.real or args.fake), bool(args.real_list or args.fake_list)
    if not args.name or sum((folders, lists, bool(args.from_csv))) != 1 or (folders and not (args.real and args.fake)) \
            or (lists and not (args.real_list and args.fake_list)):
        parser.error("learn needs NAME and one of: --real DIR --fake DIR; --real-list FILE --fake-list FILE; "
                     "--from-csv CSV (or --list, --enable/--disable NAME, --export NAME FILE, --import FILE, "
                     "--remove NAME)")
    if folders:
        items = teach(args.name, args.real, args.fake, args.manifest, kind=args.kind)
    elif lists:
        items = teach_files(args.name, lambda: list_files(args.real_list, args.fake_list),
                            (args.real_list, args.fake_list), args.manifest, kind=args.kind)
    else:
        sources = tuple(f"{args.from_csv} ({args.class_column} = {label})" for label in ("real", "fake"))
        items = teach_files(args.name, lambda: csv_files(args.from_csv, args.class_column), sources, args.manifest,
                            kind=args.kind)
    tty = sys.stderr.isatty() and not args.quiet
    try:
        for item in items:
            if isinstance(item, Progress) and tty:
                print(f"\r{item.done} of {item.total} examples read: {item.message}"[:100].ljust(100),
                      end="", file=sys.stderr, flush=True)
            elif isinstance(item, Taught):
                if tty:
                    print(file=sys.stderr)
                print("\n".join(item.report()))
                for path, reason in item.skipped:
                    print(f"  skipped {path}: {reason}")
    except (LearnError, UserModelError, ManifestError) as exc:
        print(("\n" if tty else "") + f"error: {exc}\nNothing was saved.", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("\ninterrupted: nothing was saved", file=sys.stderr)
        return EXIT_INTERRUPTED
    return EXIT_OK
