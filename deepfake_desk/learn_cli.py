"""`deepfake-detector learn`: teach, list and remove the user's own detectors from the command line."""

from __future__ import annotations

import argparse
import sys

from deepfake_desk.core.learn import LearnError, Progress, Taught, teach
from deepfake_desk.core.manifest import ManifestError, load_manifest
from deepfake_desk.core.resources import default_manifest_path, user_models_dir
from deepfake_desk.core.user_models import UserModelError, list_taught, remove_taught, taught_problem

EXIT_OK, EXIT_FAILED, EXIT_INTERRUPTED = 0, 1, 130


def add_learn_parser(sub: argparse._SubParsersAction) -> None:
    learn = sub.add_parser(
        "learn", help="teach the app a new kind of fake from your own examples (or --list, --remove)",
        description="Fit a detector of one kind of fake from folders of confirmed fakes and of real photos of the "
        "same subjects (10 or more of each; a few dozen is better). It is checked on examples it did not see, "
        "saved in your data folder, and later scans show its score as NAME_probability. It can make a verdict "
        "fake or uncertain, never real.")
    learn.add_argument("name", nargs="?", metavar="NAME", help="the new detector's name (a-z, 0-9, _)")
    learn.add_argument("--real", metavar="DIR", help="folder of real photos")
    learn.add_argument("--fake", metavar="DIR", help="folder of fakes of the kind to learn")
    learn.add_argument("--list", action="store_true", help="list the detectors you taught")
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
        print(f"  {item.name}  taught {when or '?'}: {check.get('words', '')}"
              + (f"\n    not used: {problem}" if problem else ""))
    return EXIT_OK


def run_learn(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    if args.list:
        return list_detectors(args.manifest)
    if args.remove:
        try:
            remove_taught(user_models_dir(), args.remove)
        except UserModelError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_FAILED
        print(f"Removed the detector '{args.remove}'.")
        return EXIT_OK
    if not (args.name and args.real and args.fake):
        parser.error("learn needs NAME --real DIR --fake DIR (or --list, or --remove NAME)")
    tty = sys.stderr.isatty() and not args.quiet
    try:
        for item in teach(args.name, args.real, args.fake, args.manifest):
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
