"""Command line: `python -m training train|evaluate|calibrate|export|loso|all ...`.

    python -m training train --model cnn          # each step on its own ...
    python -m training export                     # Keras -> ONNX -> models/
    python -m training calibrate                  # Platt, fusion weights, bands -> manifest
    python -m training evaluate                   # held-out tables -> training/reports/
    python -m training features                   # pretrained-backbone features -> cache
    python -m training probes sweep|experiments|ship   # LOSO heads, then the shipped probes
    python -m training all                        # ... or what built the shipped models (the registry's commands)
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from training import registry  # noqa: E402  (imports nothing heavy)

# the backbones this round's sweep measured (the defaults of `features` and `probes sweep`); the
# sweep ships the best combination of them (training/registry.py says which lost earlier rounds)
BACKBONES_MEASURED = registry.measured_backbones()
# sub-commands with parsers of their own: `python -m training NAME --help`
OWN_PARSERS = ("resnet50", "realbank", "int8", "kinds", "fewshot", "fewshot_variants", "fewshot_reencoded", "guard_study",
               "fsd", "fewshot_regions", "sbi_tune", "fewshot_embedded", "fewshot_video",
               "fewshot_reals")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m training", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)

    t = sub.add_parser("train", help="train one model (resumes an interrupted run)")
    t.add_argument("--model", required=True, choices=registry.ids("keras"))
    t.add_argument("--epochs", type=int)
    t.add_argument("--steps-per-epoch", type=int)
    t.add_argument("--batch", type=int)
    t.add_argument("--lr", type=float)
    t.add_argument("--max-minutes", type=float, help="stop after the epoch that would overrun this")
    t.add_argument("--exclude-source", help="leave this source out (e.g. faces/dfdc)")
    t.add_argument("--name", help="run folder under training/runs/ (default: the model)")
    t.add_argument("--new-schedule", action="store_true",
                   help="on resume, a fresh warm-up + cosine schedule over the remaining epochs")
    t.add_argument("--augment", choices=["default", "none", "seed"], default="default")
    t.add_argument("--samples", type=int, default=4, help="GAN: PNG samples for resources/samples/fake")

    e = sub.add_parser("export", help="Keras -> ONNX with parity check; manifest")
    e.add_argument("--models", nargs="+", default=None)
    e.add_argument("--out", default=None, help="models folder (default: models/)")

    c = sub.add_parser("calibrate", help="fit calibration, fusion weights and bands on validation")
    c.add_argument("--manifest", default=None)

    v = sub.add_parser("evaluate", help="held-out tables (clean, JPEG 70, 0.5x) per model and fused")
    v.add_argument("--manifest", default=None)

    lo = sub.add_parser("loso", help="leave-one-source-out runs of the CNN (short)")
    lo.add_argument("--epochs", type=int, default=3)
    lo.add_argument("--steps-per-epoch", type=int, default=60)
    lo.add_argument("--sources", nargs="+", default=None, help="default: every training source")

    f = sub.add_parser("features", help="pooled pretrained-backbone features of every image -> cache (resumable)")
    f.add_argument("--backbones", nargs="+", default=list(BACKBONES_MEASURED))
    f.add_argument("--conditions", nargs="+", default=["clean", "social", "jpeg70", "blurjpeg", "sbi"])

    pr = sub.add_parser("probes", help="logistic heads on cached features: LOSO sweep, then ship the chosen ones")
    pr.add_argument("action", choices=["sweep", "experiments", "ship"])
    pr.add_argument("--backbones", nargs="+", default=list(BACKBONES_MEASURED))
    pr.add_argument("--C", nargs="+", type=float, default=[0.001, 0.003, 0.01], dest="cs")
    pr.add_argument("--pools", nargs="+", default=["every source"],
                    choices=["every source", "generated only"], help="which sources' train splits the heads learn from")
    pr.add_argument("--extra-rows", nargs="*", default=["blurjpeg+sbi"], metavar="CONDITION[+CONDITION]",
                    help="sets of feature-cache conditions added as training rows beside clean + social, each "
                         "a '+'-joined set (e.g. blurjpeg blurjpeg+sbi); the sweep tries each set and none")
    pr.add_argument("--out", type=Path, default=None,
                    help="where the sweep writes its report (default training/reports/loso_probes.json, what ship reads)")
    pr.add_argument("--taps", nargs="+", default=["all"], choices=["all", "no head", "early"],
                    help="which depths the heads read (probes.TAP_SETS)")
    pr.add_argument("--balance", nargs="+", default=["source", "sharpness"], choices=["source", "sharpness"],
                    help="how training rows are weighted (probes.BALANCES): classes equal within each source, "
                         "or within each quarter of a source's sharpness range too")

    sub.add_parser("realbank", help="features of licence-clean real photos that taught detectors are held against")
    sub.add_parser("fewshot", help="the few-shot yardstick: learn taught on k examples of each left-out source")
    sub.add_parser("fewshot_variants", help="which depths and which head teach best from 10-20 examples (measured)")
    sub.add_parser("fewshot_reencoded", help="taught detectors on re-encoded files, and teaching with re-encoded "
                                             "copies of the examples (measured)")
    sub.add_parser("fewshot_regions", help="other poolings of the features learn reads (centre against ring, a grid "
                                           "of cells): do they teach face swaps better? (measured)")
    sub.add_parser("sbi_tune", help="EfficientNet-Lite2 fine-tuned on self-blended faces: do its features teach face "
                                    "swaps better? (measured)")
    sub.add_parser("fewshot_embedded", help="faces pasted into larger photos: taught from the whole picture against "
                                            "the face's crop (measured)")
    sub.add_parser("fewshot_video", help="teaching from videos against one still a video, end to end with the app's "
                                         "learn and scan (measured)")
    sub.add_parser("fewshot_reals", help="the same fakes taught with one, two and three times as many real photos: "
                                         "does a taught detector decide more? (measured)")
    sub.add_parser("guard_study", help="why taught detectors turn real photos of the checked kind fake when taught with "
                                       "reals of another kind, and what did not fix it (measured)")
    sub.add_parser("int8", help="static int8 of ResNet-50: LOSO AUC and speed against fp32 (--ship to ship it)")
    sub.add_parser("kinds", help="one head per known kind of fake: which kind a file looks most like (LOSO-measured)")
    sub.add_parser("fsd", help="forensic self-descriptions: a detector fitted on real photos only, measured under LOSO")
    rn = sub.add_parser("resnet50", help="the truncated ResNet-50 from scratch on native crops (resumable; see --help there)")
    rn.add_argument("rest", nargs=argparse.REMAINDER, help="arguments of training.resnet50")

    a = sub.add_parser("all", help="rebuild models/ and the manifest end to end: the commands the model card "
                                   "lists for each shipped model (training/registry.py), in order")
    a.add_argument("--skip-train", action="store_true", help="keep the trained Keras checkpoints in training/runs")
    a.add_argument("--dry-run", action="store_true", help="print the commands only")

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] and argv[0] in OWN_PARSERS:  # each parses its own arguments (REMAINDER takes no leading options)
        importlib.import_module(f"training.{argv[0]}").main(argv[1:])
        return 0
    args = p.parse_args(argv)
    if args.command == "train":
        return _train(args)
    if args.command == "export":
        from training import export

        export.export_all(model_ids=args.models, out_dir=args.out)
        return 0
    if args.command == "calibrate":
        from training import calibrate

        calibrate.calibrate_manifest(args.manifest)
        return 0
    if args.command == "evaluate":
        from training import evaluate

        evaluate.evaluate_manifest(args.manifest)
        return 0
    if args.command == "loso":
        from training import evaluate

        from training import data

        evaluate.leave_one_source_out(args.epochs, args.steps_per_epoch, sources=args.sources or data.DEFAULT_SETS)
        return 0
    if args.command == "features":
        from training import features

        features.main(args.backbones, args.conditions)
        return 0
    if args.command == "probes":
        from training import probes

        if args.action == "sweep":
            extras = [()] + [tuple(e.split("+")) for e in args.extra_rows]
            probes.sweep(probes.recipes(args.backbones, args.cs, args.pools, extras, args.taps, args.balance),
                         out=args.out)
        elif args.action == "experiments":
            probes.experiments()
        else:
            from training import probe_ship

            probe_ship.ship()
        return 0
    if args.command == "all":
        for command in registry.build_order():
            if args.skip_train and " train " in f" {command} ":
                continue
            print(f"$ {command}", flush=True)
            if not args.dry_run and main(command.split()[3:]) != 0:
                return 1
        return 0
    return 2


def _train(args) -> int:
    from training import data, train

    augment = {"default": data.Augment(), "none": data.Augment.none(), "seed": data.Augment.seed()}
    recipe = train.recipe_from_args(
        args.model,
        epochs=getattr(args, "epochs", None),
        steps_per_epoch=getattr(args, "steps_per_epoch", None),
        batch=getattr(args, "batch", None),
        lr=getattr(args, "lr", None),
        max_minutes=getattr(args, "max_minutes", None),
        exclude_source=getattr(args, "exclude_source", None),
        name=getattr(args, "name", None),
        augment=augment[args.augment],
        new_schedule=getattr(args, "new_schedule", None),
    )
    best = train.train(recipe)
    print(f"best model: {best}")
    if args.model == "gan" and args.samples:
        out = data.TRAINING_DIR.parent / "resources" / "samples" / "fake"
        for path in train.write_gan_samples(recipe.run_dir / "generator.keras", out, args.samples):
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
