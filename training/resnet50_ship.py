"""ResNet-50's shipping half: its LOSO folds' figures, what the folds say about two training choices,
whether its LOSO scores earn it a fusion weight, and the export of the all-sources run to models/.
Training and evaluation are in training/resnet50.py.

    python -m training resnet50 --compare     # longer training, NPR against wavelet -> reports/resnet50_runs.json
    python -m training resnet50 --fusion      # the fusion with and without it -> reports/resnet50_fusion.json
    python -m training resnet50 --ship        # models/resnet50.onnx and its manifest entry
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import numpy as np

from training import data
from training.metrics import roc_auc
from training.resnet50 import RUNS_DIR, export_onnx, load_trained

# one fold a source, each trained the same way for the same steps without it (`--run loso_<name>`)
LOSO_RUNS = {f"loso_{source.split('/')[-1]}": source for source in data.DEFAULT_SETS}
MODEL_ID = "resnet50"
FUSION_REPORT = data.TRAINING_DIR / "reports" / "resnet50_fusion.json"


def loso_figures() -> dict:
    """Each LOSO run's figures on the source it left out: {source: {condition: {auc, sharpness_auc, ...}}}."""
    out = {}
    for run, source in LOSO_RUNS.items():
        path = RUNS_DIR / run / "evaluation.json"
        if path.exists():
            out[source] = json.loads(path.read_text())["sources"][source]
    return out


def fold_logits(paths: np.ndarray, condition: str = "clean") -> np.ndarray:
    """Each image's logit from the fold run that left its source out (NaN where no fold scored it)."""
    out = np.full(len(paths), np.nan)
    where = {str(p): i for i, p in enumerate(paths)}
    for run in LOSO_RUNS:
        path = RUNS_DIR / run / f"features_{condition}.npz"
        if not path.exists():
            continue
        got = np.load(path)
        for p, z in zip(got["path"], got["logit"]):
            if str(p) in where:
                out[where[str(p)]] = z
    return out


def fusion_check(log=print) -> dict:
    """Does ResNet-50 earn a fusion weight? Per source h left out: the verdict layer (Platt, logistic
    stack, bands) fitted on the other sources' clean validation rows, with and without ResNet-50's
    fold scores, then h's test rows: fused AUC and decided verdicts. The probes are the few-shot
    yardstick's clean-rows approximation of the shipped heads (fewshot.loso_clean_logits): the shipped
    layer also reads social rows, whose cache this measure does without."""
    from training import features, fewshot, probes

    t, z = fewshot.loso_clean_logits(log)
    r = fold_logits(np.array([s.path for s in features.all_samples()]))
    missing = sorted({str(s) for s in t.source[np.isnan(r) & np.isin(t.split, ["val", "test"])]})
    if missing:
        raise SystemExit(f"no fold scores for {missing}: train and evaluate their loso_ runs first")
    with_r = {**{m: z[m]["clean"] for m in z}, MODEL_ID: r}
    without = {m: z[m]["clean"] for m in z}
    report: dict = {"method": fusion_check.__doc__.split("\n\n")[0].replace("\n    ", " "), "per_source": {}}
    for h in probes.SOURCES:
        val = t.rows([s for s in probes.SOURCES if s != h], ["val"])
        test = t.rows([h], ["test"])
        row = {}
        for name, zz in (("without", without), ("with", with_r)):
            layer = probes.fit_verdict_layer({m: v[val] for m, v in zz.items()}, t.y[val],
                                             probes.weights(t.y[val], t.source[val]), groups=t.source[val])
            row[name] = {**probes.source_metrics(t.y[test], layer.fused({m: v[test] for m, v in zz.items()}),
                                                 layer.bands),
                         "weights": {m: round(float(w), 4) for m, w in layer.weights.items()}}
        row["resnet50_alone_auc"] = round(float(roc_auc(t.y[test], r[test])), 4)
        report["per_source"][h] = row
        log(f"{h}: fused AUC {row['without']['auc']} -> {row['with']['auc']} (ResNet-50 alone "
            f"{row['resnet50_alone_auc']}, its weight {row['with']['weights'][MODEL_ID]})")
    for name in ("without", "with"):
        aucs = [v[name]["auc"] for v in report["per_source"].values()]
        decided = [v[name]["decided_accuracy"] for v in report["per_source"].values()
                   if v[name].get("decided_accuracy") is not None]
        report[name] = {"auc_mean": round(float(np.mean(aucs)), 4), "auc_worst": round(float(min(aucs)), 4),
                        "decided_accuracy_mean": round(float(np.mean(decided)), 4) if decided else None}
    val = t.rows(probes.SOURCES, ["val"])
    layer = probes.fit_verdict_layer({m: v[val] for m, v in with_r.items()}, t.y[val],
                                     probes.weights(t.y[val], t.source[val]), groups=t.source[val])
    report["weights_on_all_sources"] = {m: round(float(w), 4) for m, w in layer.weights.items()}
    report["earns_weight"] = report["with"]["auc_mean"] > report["without"]["auc_mean"] and \
        report["with"]["auc_worst"] >= report["without"]["auc_worst"]
    FUSION_REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"fused LOSO AUC mean/worst without {report['without']} with {report['with']}: "
        f"earns a weight: {report['earns_weight']}; wrote {FUSION_REPORT}")
    return report


COMPARISONS = data.TRAINING_DIR / "reports" / "resnet50_runs.json"
CONTROL_STEPS = 1200  # the shipped folds' length: the input comparison is made at it


def compare_runs(log=print) -> dict:
    """What the LOSO folds say about two choices, from the evaluations kept in the run folders (git-ignored,
    so the figures are written to training/reports/resnet50_runs.json): training longer (evaluation_<steps>.json
    beside a later evaluation.json of the same run) and the NPR residual against wavelet input (npr_<fold>
    runs, trained the same way for the same steps)."""
    def figures(path: Path, source: str) -> dict:
        got = json.loads(path.read_text())
        return {"steps": got["steps"], "input": got["config"]["input"],
                **{c: v["auc"] for c, v in got["sources"][source].items()}}

    out: dict = {"longer": {}, "inputs": {}}
    for run, source in LOSO_RUNS.items():
        folder = RUNS_DIR / run
        earlier = sorted(folder.glob("evaluation_*.json"))
        if earlier and (folder / "evaluation.json").exists():
            rows = {r["steps"]: r for r in [figures(p, source) for p in earlier + [folder / "evaluation.json"]]}
            if len(rows) > 1:
                out["longer"][source] = [rows[k] for k in sorted(rows)]
        npr = RUNS_DIR / f"npr_{run}" / "evaluation.json"
        wavelet = folder / f"evaluation_{CONTROL_STEPS}.json"
        if npr.exists() and wavelet.exists():
            out["inputs"][source] = [figures(wavelet, source), figures(npr, source)]
    COMPARISONS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {COMPARISONS}")
    return out


def fusion_note(loso: dict) -> str:
    """Why ResNet-50 has no fusion weight, in the figures measured (manifest, card, About)."""
    if len(loso) < len(LOSO_RUNS) or not FUSION_REPORT.exists():
        mean = f"{np.mean([v['clean']['auc'] for v in loso.values()]):.2f}" if loso else "not measured"
        return (f"not counted: its leave-one-source-out figures cover {len(loso)} of the {len(LOSO_RUNS)} sources "
                f"(the fusion's weights are fitted on all of them), mean AUC {mean} on them; shown for reference")
    got = json.loads(FUSION_REPORT.read_text())
    without, with_it = got["without"], got["with"]
    figures = (f"leave-one-source-out, fused AUC mean {without['auc_mean']:.2f} -> {with_it['auc_mean']:.2f}, "
               f"worst {without['auc_worst']:.2f} -> {with_it['auc_worst']:.2f} with it in the fusion")
    if not got["earns_weight"]:
        return f"not counted: it does not help the fusion ({figures}); shown for reference"
    return (f"not counted yet: it helps the fusion ({figures}, measured with the probes fitted on clean rows); "
            "its weight comes with the next refit of the shipped verdict layer")


def record_loso(models_dir: Path | None = None, log=print) -> dict:
    """Write the folds' figures and the fusion note into the shipped entry (the model itself is unchanged)."""
    from deepfake_desk.core.manifest import write_document
    from training import card_adapt, export

    models_dir = Path(models_dir or export.MODELS_DIR)
    manifest_path = models_dir / "manifest.json"
    doc = json.loads(manifest_path.read_text())
    entry = next(m for m in doc["models"] if m["id"] == MODEL_ID)
    loso = loso_figures()
    entry.setdefault("metrics", {})["leave_one_source_out"] = loso
    entry["fusion_weight"] = 0.0
    entry["fusion_note"] = fusion_note(loso)
    write_document(doc, manifest_path)
    card_adapt.refresh(models_dir / "MODEL_CARD.md", doc)
    log(f"wrote {manifest_path}: {MODEL_ID} {entry['fusion_note']}")
    return entry


def ship(run: str = "all", models_dir: Path | None = None, log=print) -> dict:
    """Export the all-sources run beside the other models and give it its manifest entry: Platt scaling
    on its validation split, its LOSO figures (the fold runs), weight 0 with the reason (fusion_note)."""
    from deepfake_desk.core.logistic import fit_platt
    from deepfake_desk.core.manifest import file_sha256, write_document
    from training import export, features, registry

    models_dir = Path(models_dir or export.MODELS_DIR)
    spec = registry.REGISTRY[MODEL_ID]
    got = np.load(RUNS_DIR / run / "features_clean.npz")
    val, test = got["split"] == "val", got["split"] == "test"
    a, b = fit_platt(got["logit"][val].astype(np.float64), got["label"][val])
    samples = features.all_samples()
    views = [features.view(features.load_image(s.path)) for s in samples[:: max(1, len(samples) // 6)][:6]]
    out = models_dir / spec.file
    diff = export_onnx(run, out, views)
    _, state = load_trained(run)
    loso = loso_figures()
    in_dist = {src: round(float(roc_auc(got["label"][test & (got["source"] == src)],
                                        got["logit"][test & (got["source"] == src)])), 4)
               for src in sorted(set(got["source"][test]))}
    cfg = state["config"]
    entry = {
        "id": MODEL_ID, "name": spec.name, "plain_name": spec.plain_name, "file": out.name,
        "sha256": file_sha256(out), "version": time.strftime("%Y-%m-%d"),
        **export.picture_model_io(),
        "calibration": {"method": "platt", "a": round(a, 6), "b": round(b, 6),
                        "fitted_on": "the validation split of the sources it trained on (in-distribution)"},
        "fusion_weight": 0.0,
        "fusion_note": fusion_note(loso),
        "thresholds": {"fake": 0.5},
        "metrics": {"leave_one_source_out": loso, "in_distribution_test_auc": in_dist,
                    "onnx_parity_max_abs_diff": diff},
        "training_data": {
            "sources": list(cfg["sources"]), "from_scratch": True,
            "recipe": (f"{cfg['input']} input, {cfg['steps']} steps of {cfg['batch']} random native {cfg['crop']} px "
                       "crops balanced over source x class; rescale 0.5-1.0x, blur, JPEG 30-100, flips and 90-degree "
                       "turns, colour jitter, patch masks; AdamW lr "
                       f"{cfg['lr']:g}, weight decay {cfg['weight_decay']:g}, cosine schedule"),
            "rows": "train split of every source",
            "command": " && ".join(spec.build),
        },
    }
    manifest_path = models_dir / "manifest.json"
    doc = json.loads(manifest_path.read_text())
    doc["models"] = [m for m in doc["models"] if m["id"] != MODEL_ID] + [entry]
    write_document(doc, manifest_path)
    log(f"wrote {manifest_path}: {MODEL_ID} (parity {diff:.1e}, Platt a={a:.3f} b={b:.3f}): {entry['fusion_note']}")
    from training import card_adapt

    card_adapt.refresh(models_dir / "MODEL_CARD.md", doc)
    return entry
