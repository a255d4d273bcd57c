"""Held-out evaluation of the shipped models, through the app's own scoring path.

For each model and the fusion written in the manifest: the seed paper's table
(precision/recall/F1 per class, accuracy, confusion matrix) plus ROC AUC, average
precision and ECE, pooled and per source, on the clean test split and on re-encoded
copies (JPEG 70, 0.5x downscale). Writes
`training/reports/evaluation.{json,md}`, the metrics into the manifest, and the
tables into `models/MODEL_CARD.md`. `leave_one_source_out` trains short CNN runs
without one source each and tests on that source.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from training import data, export, scoring
from training.metrics import all_metrics

REPORTS_DIR = data.TRAINING_DIR / "reports"
COMMAND = "python -m training evaluate"


def _table_rows(y, sources, probs: dict[str, np.ndarray]) -> dict:
    out = {}
    for name, p in probs.items():
        entry = {"all": all_metrics(y, p)}
        for src in sorted(set(sources)):
            m = sources == src
            entry[src] = all_metrics(y[m], p[m])
        out[name] = entry
    return out


def evaluate_scores(manifest: dict, scores: dict) -> dict:
    probs, fused = scoring.manifest_probabilities(manifest, scores)
    columns = dict(probs)
    columns["fused"] = fused
    return _table_rows(scores["labels"], scores["sources"], columns)


def evaluate_manifest(manifest_path: str | Path | None = None, reports_dir: Path = REPORTS_DIR) -> dict:
    path = Path(manifest_path or export.MODELS_DIR / "manifest.json")
    manifest = scoring.read_manifest(path)
    report = {"command": COMMAND, "manifest_created": manifest.get("created"), "conditions": {}}
    scores = {condition: scoring.cached_scores(path, "test", condition) for condition in scoring.CONDITIONS}
    for condition, s in scores.items():
        report["conditions"][condition] = evaluate_scores(manifest, s)
    clean = scores["clean"]
    report["test_images"] = data.describe_counts(list(clean["sources"]), clean["labels"])
    from training.calibrate import band_report, verdict_changes

    probs, fused = scoring.manifest_probabilities(manifest, clean)
    counted = [m["id"] for m in manifest["models"] if m.get("fusion_weight", 0) > 0]
    report["bands_on_test"] = band_report(fused, clean["labels"], manifest["bands"], probs, counted)
    report["verdict_changes"] = {}
    for condition in scoring.CONDITIONS[1:]:
        _, changed = scoring.manifest_probabilities(manifest, scores[condition])
        report["verdict_changes"][condition] = verdict_changes(fused, changed, clean["labels"], manifest["bands"])
    loso = reports_dir / "loso.json"
    if loso.exists():
        report["leave_one_source_out"] = json.loads(loso.read_text())
    reports_dir.mkdir(parents=True, exist_ok=True)
    (reports_dir / "evaluation.json").write_text(json.dumps(report, indent=1) + "\n")
    md = render_markdown(report, manifest)
    (reports_dir / "evaluation.md").write_text(md)
    print(md)
    _write_manifest_metrics(manifest, report, path)
    from training import card

    if "leave-one-source-out" in str(manifest.get("fusion", {}).get("fitted_on", "")):
        # a LOSO-fitted fusion's card leads with the LOSO table: `python -m training probes ship` writes it
        print(f"in-distribution tables in {reports_dir / 'evaluation.md'}; the model card is probes ship's")
    else:
        card.write_model_card(scoring.read_manifest(path), report, md, path.parent / "MODEL_CARD.md")  # beside its manifest
    return report


def _summary(m: dict) -> dict:
    keys = ("n", "accuracy", "roc_auc", "average_precision", "ece")
    return {k: (round(m[k], 4) if isinstance(m[k], float) else m[k]) for k in keys}


def _write_manifest_metrics(manifest: dict, report: dict, path: Path) -> None:
    for m in manifest["models"]:
        per = {cond: report["conditions"][cond].get(m["id"], {}) for cond in report["conditions"]}
        m["metrics"] = {  # beside what other commands measured (the probes' leave-one-source-out figures)
            **(m.get("metrics") or {}),
            "measured_by": COMMAND + " (held-out test split, manifest preprocessing, calibrated)",
            "test_clean": {src: _summary(v) for src, v in per["clean"].items()},
            "test_jpeg70": _summary(per["jpeg70"]["all"]),
            "test_down0.5": _summary(per["down0.5"]["all"]),
        }
    f = {cond: report["conditions"][cond]["fused"] for cond in report["conditions"]}
    manifest["fusion"]["metrics"] = {
        "measured_by": COMMAND + " (held-out test split)",
        "test_clean": {src: _summary(v) for src, v in f["clean"].items()},
        "test_jpeg70": _summary(f["jpeg70"]["all"]),
        "test_down0.5": _summary(f["down0.5"]["all"]),
        "bands_on_test": report["bands_on_test"],
    }
    export.write_manifest(manifest, path)


def _fmt(x) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_markdown(report: dict, manifest: dict) -> str:
    conds = report["conditions"]
    columns = list(conds["clean"])
    lines = [f"Measured with `{report['command']}` on the held-out test split "
             f"({sum(v['real'] + v['fake'] for v in report['test_images'].values())} images; "
             "each model's manifest preprocessing and calibration, fused as the manifest says; threshold 0.5).", ""]
    lines += ["### Seed table (clean test, all sources pooled)", "",
              "| model | real P | real R | real F1 | fake P | fake R | fake F1 | accuracy | confusion [[TN FP] [FN TP]] |",
              "|---|---|---|---|---|---|---|---|---|"]
    for c in columns:
        m = conds["clean"][c]["all"]
        cm = m["confusion_matrix"]["counts"]
        lines.append(f"| {c} | {_fmt(m['real']['precision'])} | {_fmt(m['real']['recall'])} | {_fmt(m['real']['f1'])} | "
                     f"{_fmt(m['fake']['precision'])} | {_fmt(m['fake']['recall'])} | {_fmt(m['fake']['f1'])} | "
                     f"{_fmt(m['accuracy'])} | {cm} |")
    lines += ["", "### Ranking and calibration, clean and re-encoded (all sources pooled)", "",
              "| model | acc clean | AUC clean | AP clean | ECE clean | acc JPEG70 | AUC JPEG70 | acc 0.5x | AUC 0.5x |",
              "|---|---|---|---|---|---|---|---|---|"]
    for c in columns:
        a, j, d = conds["clean"][c]["all"], conds["jpeg70"][c]["all"], conds["down0.5"][c]["all"]
        lines.append(f"| {c} | {_fmt(a['accuracy'])} | {_fmt(a['roc_auc'])} | {_fmt(a['average_precision'])} | "
                     f"{_fmt(a['ece'])} | {_fmt(j['accuracy'])} | {_fmt(j['roc_auc'])} | {_fmt(d['accuracy'])} | "
                     f"{_fmt(d['roc_auc'])} |")
    sources = [s for s in conds["clean"]["fused"] if s != "all"]
    lines += ["", "### Per source (clean test): accuracy / ROC AUC", "",
              "| model | " + " | ".join(f"{s} (n={report['test_images'][s]['real'] + report['test_images'][s]['fake']})"
                                        for s in sources) + " |",
              "|---|" + "---|" * len(sources)]
    for c in columns:
        cells = [f"{_fmt(conds['clean'][c][s]['accuracy'])} / {_fmt(conds['clean'][c][s]['roc_auc'])}" for s in sources]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    lines += ["", "### Per source under JPEG 70: accuracy / ROC AUC", "",
              "| model | " + " | ".join(sources) + " |", "|---|" + "---|" * len(sources)]
    for c in columns:
        cells = [f"{_fmt(conds['jpeg70'][c][s]['accuracy'])} / {_fmt(conds['jpeg70'][c][s]['roc_auc'])}" for s in sources]
        lines.append(f"| {c} | " + " | ".join(cells) + " |")
    b = report["bands_on_test"]
    lines += ["", f"Verdict bands (fitted on validation): real below {manifest['bands']['t_real']}, "
              f"fake from {manifest['bands']['t_fake']}. On test: {b['uncertain_share']:.1%} uncertain; "
              f"accuracy of the decided verdicts {_fmt(b['decided_accuracy'])} "
              f"({b['fake_called_real']} fakes called real, {b['real_called_fake']} reals called fake)."
              + (f" A verdict one model contradicts at {manifest['bands']['dissent']} or more is uncertain: "
                 f"{b.get('uncertain_by_dissent', 0)} test images." if manifest["bands"].get("dissent") else ""), ""]
    if report.get("verdict_changes"):
        lines += ["### Do verdicts survive re-encoding? (fused, test split)", "",
                  "Clean-image verdicts (real or fake) that change on a re-encoded copy, and whether the clean "
                  "verdict was right. A rule \"uncertain when the verdict changes under a light re-encode\" "
                  "(DESIGN.md 4) would withdraw the changed ones: worth it only if most of them were wrong.", "",
                  "| re-encoding | decided (clean) | changed | to the opposite verdict | to uncertain | "
                  "changed, clean verdict right | changed, clean verdict wrong | decided wrong in all |",
                  "|---|---|---|---|---|---|---|---|"]
        for cond, v in report["verdict_changes"].items():
            lines.append(f"| {cond} | {v['decided']} | {v['changed']} | {v['to_opposite']} | {v['to_uncertain']} | "
                         f"{v['changed_were_right']} | {v['changed_were_wrong']} | {v['decided_wrong']} |")
        lines.append("")
    if "leave_one_source_out" in report:
        lines += render_loso(report["leave_one_source_out"])
    return "\n".join(lines) + "\n"


def render_loso(loso: dict) -> list[str]:
    lines = ["### Leave-one-source-out (CNN, short runs)", "",
             f"Command: `{loso['command']}`. Each row: a CNN trained from scratch without that source "
             f"({loso['epochs']} epoch(s) x {loso['steps_per_epoch']} steps of 32), tested on the source's test "
             "split (uncalibrated, threshold 0.5, the app's preprocessing), beside a run of the same length "
             "on every source. Such short runs are far weaker than the shipped CNN: compare the two columns, "
             "not with the tables above.", "",
             "| held-out source | n | AUC without it | AUC with it | accuracy without it | fake recall | real recall |",
             "|---|---|---|---|---|---|---|"]
    for src, m in loso["results"].items():
        base = m.get("baseline_with_source", {})
        lines.append(f"| {src} | {m['n']} | {_fmt(m['roc_auc'])} | {_fmt(base.get('roc_auc'))} | "
                     f"{_fmt(m['accuracy'])} | {_fmt(m['fake']['recall'])} | {_fmt(m['real']['recall'])} |")
    return lines + [""]


def leave_one_source_out(epochs: int = 3, steps_per_epoch: int = 60, reports_dir: Path = REPORTS_DIR,
                         sources=data.DEFAULT_SETS) -> dict:
    """Short CNN runs, each without one source, tested (app preprocessing) on that source's
    test split; plus one run of the same length on every source, as the baseline."""
    from training import train

    splits = data.load_sets()

    def run(exclude: str | None):
        recipe = replace(train.DEFAULT_RECIPES["cnn"], epochs=epochs, steps_per_epoch=steps_per_epoch,
                         exclude_source=exclude, name="loso_" + (exclude or "none").replace("/", "__"))
        train.train(recipe)
        return _keras_scores(recipe.run_dir / "last.keras", recipe.input_spec)

    def _keras_scores(path, spec):
        import keras

        model = keras.models.load_model(path)

        def score(test):
            x = export.real_inputs(test, spec, len(test))
            p = model.predict(x, batch_size=64, verbose=0)
            return all_metrics(np.array([s.label for s in test]), scoring.mean_over_crops(p, len(test)))

        return score

    baseline = run(None)
    results = {}
    for src in sources:
        test = [s for s in splits["test"] if s.source == src]
        with_it = baseline(test)
        results[src] = run(src)(test)
        results[src]["baseline_with_source"] = {k: with_it[k] for k in ("accuracy", "roc_auc")}
        print(f"LOSO {src}: AUC without it {results[src]['roc_auc']:.3f}, with it {with_it['roc_auc']:.3f}", flush=True)
    out = {"command": f"python -m training loso --epochs {epochs} --steps-per-epoch {steps_per_epoch} "
                      f"--sources {' '.join(sources)}",
           "epochs": epochs, "steps_per_epoch": steps_per_epoch, "results": results}
    reports_dir.mkdir(parents=True, exist_ok=True)
    (reports_dir / "loso.json").write_text(json.dumps(out, indent=1) + "\n")
    (reports_dir / "loso.md").write_text("\n".join(render_loso(out)))
    return out
