"""Writes models/MODEL_CARD.md from the manifest and the evaluation report (never by hand:
every number in it was measured by the command printed beside it)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from deepfake_desk.core.manifest import parse_manifest
from deepfake_desk.core.worth import verdict_worth
from training import data, export
from training.probes import MERIT_TIE, Recipe

# The known weak spots, said once: the model card carries them, and the app (About, reports) reads them
# from the card (deepfake_desk/core/report/limits.py).
WEAK_SPOTS = """\
- **New generators.** The LOSO table is the honest figure: on a kind of fake none of our sources contains,
  expect a ranking clearly better than chance on wholly generated pictures (0.67-0.90 on our four such
  sources) and verdicts that are mostly **Uncertain**.
- **Face swaps in the wild** (OpenForensics, DFDC) are little above chance when left out (0.61-0.63, from
  0.51-0.53 before the self-blended training fakes): they are always left **Uncertain**.
- **Real studio portraits can be called fake.** With StyleGAN/FFHQ left out, about 1 in 5 of its test
  pictures (re-encoded like social media) got a verdict and about a fifth of those verdicts were wrong:
  FFHQ's real portraits called fake. A "Likely fake" on a clean, centred portrait deserves the most caution.
- **In-distribution figures fell a little** (0.896 -> 0.884 AUC on the test splits of our own sources) when
  the heads stopped using how sharp a picture is: a trade made on purpose for the LOSO figures above.
- **"No signs of AI generation found" is not proof.** The low band only says the models found nothing.
- **Pictures unlike the training data** (drawings, screenshots, documents) get no verdict at all (not
  assessable) where the app can tell; otherwise their scores mean nothing.
- **Small data.** At most 750 images per source and class; six sources in all."""

TRIED = """\
- **End-to-end fine-tuning of MobileNetV2** (`python -m training.transfer --finetune-epochs 2
  --steps-per-epoch 150`, training/transfer.py up to commit cf72363: backbone and head from the
  probe, AdamW 1e-4/3e-4, BatchNorm
  statistics frozen, the Keras models' augmentation; 5.2 images/s on the 2-core CPU). Validation
  AUC on centre crops fell from the probe's 0.872 to 0.803 after one epoch and was 0.851 after
  the second, so the probe stays. With ~6,600 images, frozen features generalise better than
  weights moved by ~9,600 noisy views; a longer run with a lower learning rate may still win.
"""

NOT_DONE_LOSO = """\
- **Leave-one-source-out for the CNN** (`python -m training loso`, short CNN runs each
  without one source) was not run for this version, for the same reason. Where the
  MobileNetV2 probe is shipped, its leave-one-source-out table (head refitted without
  the source) is above; for the CNN and GAN no number measures a generator they never saw.
"""


def _probe_loso(manifest: dict) -> list[str]:
    for m in manifest["models"]:
        td = m.get("training_data", {})
        report = td.get("probe_report") or td.get("probe") or {}
        loso = report.get("leave_one_source_out_auc")
        if loso:
            per = report.get("per_source_test_auc", {})
            lines = [f"### Leave-one-source-out: `{m['id']}` (probe head refitted without the source)", "",
                     f"From `{m['training_data'].get('command')}` (`training/reports/{m['id']}_probe.json`); "
                     "test-split ROC AUC of the source, with and without it in training.", "",
                     "| source | AUC, trained with it | AUC, trained without it |", "|---|---|---|"]
            lines += [f"| {src} | {per.get(src, float('nan')):.3f} | {auc:.3f} |" for src, auc in loso.items()]
            return lines + [""]
    return []


MODEL_NOTES = {
    "cnn": "the seed CNN's layers exactly; epochs 1-5 on native-resolution 128 px centre crops "
           "(validation AUC stayed at 0.54), then a warm restart (`--new-schedule`) on whole "
           "images resized to 128 px, which is what it is shipped with.",
    "gan": "the seed's generator and discriminator, trained adversarially as in the seed "
           "(Adam 2e-4, beta1 0.5) while the discriminator also learns the labels: real -> 0, "
           "labelled fake -> 1, generator sample -> 1 (weight 0.5); the generator learns to make "
           "it say 0. Only the discriminator is shipped; the generator made resources/samples/fake/.",
    "mobilenet_v2": "torchvision's MobileNetV2 with its ImageNet weights (the only pretrained network "
                    "obtainable offline here); see `training/features.py` (make_mobilenet_v2) and the report "
                    "`training/reports/mobilenet_v2_probe.json`.",
    "mobilenet_v2_npr": "the same MobileNetV2, fed the NPR residual of the picture (x minus its nearest-neighbour "
                        "2x down- and up-sampling, mapped around mid-grey; `training/features.py` npr_residual), "
                        "computed inside the ONNX graph: it sees the traces of up-sampling layers, not the content.",
}


def _model_section(m: dict) -> list[str]:
    t = m.get("training_data", {})
    pre = m["preprocess"]
    cal = m["calibration"]
    sizing = (f"whole image resized to {m['input']['height']}x{m['input']['width']}" if pre["crop"] == "resize"
              else f"the whole picture at its own resolution (longer side shrunk to at most {pre.get('max_side')} px, "
                   f"sides trimmed to multiples of 32)" if pre["crop"] == "whole"
              else f"shorter side resized to {pre['resize_short_side']} px, crop `{pre['crop']}`")
    lines = [f"### `{m['id']}`: {m['name']}", "",
             f"- file `{m['file']}`, sha256 `{m['sha256']}`",
             f"- input {m['input']['layout']} {m['input']['height']}x{m['input']['width']}x3 float32, "
             f"{pre['channel_order']}, x = pixel * {pre['scale']:.6g} + {pre['offset']:g}; {sizing} (Pillow bilinear)",
             f"- output: probability that the image is fake; calibration {cal.get('method')} "
             f"a={cal.get('a')}, b={cal.get('b')} ({cal.get('fitted_on', '')}); fusion weight {m['fusion_weight']}"]
    trained = f"- trained with `{t.get('command', '?')}`"
    if "epochs_run" in t:
        best = t.get("best_val_auc_during_training") or t.get("best_val_auc_center_crop")
        trained += f": {t['epochs_run']} epochs" + (f"; best validation AUC during training (one view per image) "
                                                     f"{best:.3f}" if best else "")
    if "checkpoint" in t:
        trained += f"; shipped checkpoint {t['checkpoint']}"
    if "onnx_parity_max_abs_diff" in t:
        trained += f"; ONNX vs Keras max abs difference {t['onnx_parity_max_abs_diff']:.1e}"
    lines.append(trained)
    if t.get("backbone"):
        lines.append(f"- backbone: {t['backbone']}")
    if m["id"] in MODEL_NOTES:
        lines.append(f"- {MODEL_NOTES[m['id']]}")
    imgs = t.get("train_images", {})
    if imgs:
        lines.append("- training images: " + ", ".join(f"{s} {c['real']}/{c['fake']}" for s, c in imgs.items())
                     + " (real/fake)")
    return lines + [""]


def write_model_card(manifest: dict, report: dict, tables_md: str, path: Path | None = None) -> Path:
    path = path or export.MODELS_DIR / "MODEL_CARD.md"
    fusion = manifest["fusion"]
    weights = ", ".join(f"{m['id']} {m['fusion_weight']}" for m in manifest["models"])
    lines = [
        "# Deepfake Detector: model card",
        "",
        "Generated by `python -m training evaluate` from `models/manifest.json` and "
        "`training/reports/evaluation.json`; do not edit by hand.",
        "",
        "## What the models do",
        "Each model gives the probability that an image is **fake** (generated or manipulated). "
        "The app decodes the image, resizes its shorter side and crops it as each model's "
        "`preprocess` says (below; crop scores, if several, are averaged in logit space), calibrates each model "
        "(Platt scaling fitted on validation data) and fuses them "
        f"(`{fusion['method']}`, weights {weights}, bias {fusion.get('bias', 0)}). "
        f"Verdict: **real** below {manifest['bands']['t_real']}, **fake** from "
        f"{manifest['bands']['t_fake']}, **uncertain** between.",
        "",
        "## Training data",
        "Local research sets in `shared/data` (never shipped): `faces/openforensics`, `faces/dfdc` "
        "(split by source video), `faces/stylegan_ffhq`, `faces/stylegan2_tpdne`, "
        "`generic/imagenet_sd15`. Seeded 70/15/15 splits per set are saved in "
        "`training/splits/`; calibration, fusion and bands were fitted on the validation split; "
        "every metric below is on the test split, which no step of training or fitting saw. "
        "Every image goes through the same decoding and resize whatever its class.",
        "",
        "The commands that made what is shipped (from the repository root, with "
        "`pip install -e '.[train]'`; a resumed run lists each of its commands):",
        "```",
        *[f"{c}" for m in manifest["models"] for c in m.get("training_data", {}).get("command", "").split(" && ") if c],
        "python -m training export",
        "python -m training calibrate",
        "python -m training evaluate",
        "```",
        "",
        "## Models",
        "",
    ]
    for m in manifest["models"]:
        lines += _model_section(m)
    lines += ["## Results on held-out test data", "", tables_md, *_probe_loso(manifest), "## Targets", ""]
    f = report["conditions"]["clean"]["fused"]["all"]
    j = report["conditions"]["jpeg70"]["fused"]["all"]
    best_single = max((report["conditions"]["clean"][m["id"]]["all"]["roc_auc"] or 0, m["id"])
                      for m in manifest["models"])
    of = report["conditions"]["clean"]["fused"].get("faces/openforensics", {})
    checks = [
        ("fused accuracy >= 0.95", f["accuracy"], f["accuracy"] >= 0.95),
        ("fused ROC AUC >= 0.98", f["roc_auc"], (f["roc_auc"] or 0) >= 0.98),
        ("openforensics accuracy well above the seed's 0.67", of.get("accuracy"), (of.get("accuracy") or 0) >= 0.8),
        (f"fused AUC no worse than the best single model ({best_single[1]} {best_single[0]:.3f})",
         f["roc_auc"], (f["roc_auc"] or 0) >= best_single[0] - 1e-9),
        ("AUC under JPEG 70 within 0.03 of clean", j["roc_auc"], (f["roc_auc"] or 0) - (j["roc_auc"] or 0) <= 0.03),
    ]
    lines += ["| target | measured | met |", "|---|---|---|"]
    lines += [f"| {name} | {'-' if value is None else f'{value:.3f}'} | {'yes' if ok else '**no**'} |"
              for name, value, ok in checks]
    lines += ["", "## Known weak spots", "", WEAK_SPOTS, "## Tried and not shipped, or shipped weak", "",
              TRIED]
    not_done = "" if "leave_one_source_out" in report else NOT_DONE_LOSO
    if not_done:
        lines += ["## Not done in this version", "", not_done]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path


# --------------------------------------------------------------------------- round 2: LOSO first


def _pct(v) -> str:
    return "-" if v is None else f"{100 * v:.0f}%"


def _f3(v) -> str:
    return "-" if v is None else f"{v:.3f}"


def loso_table(per_source: dict, models: list[str], condition: str = "clean") -> list[str]:
    """One row per held-out source: fused AUC, decided verdicts right, fakes called real, uncertain,
    each model's AUC, and the sharpness control's AUC; then the mean and the worst."""
    head = ["source left out", "test images", "fused AUC", "decided right", "fakes called real", "uncertain",
            *[f"{m} AUC" for m in models], "sharpness control AUC"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    cols: dict[str, list] = {k: [] for k in ("auc", "decided_accuracy", "fakes_called_real", "uncertain_share")}
    for src, entry in per_source.items():
        if condition not in entry:
            continue
        f = entry[condition]["fused"]
        for k in cols:
            if f.get(k) is not None:
                cols[k].append(f[k])
        lines.append(f"| {src} | {f['images']} | {_f3(f['auc'])} | {_pct(f.get('decided_accuracy'))} | "
                     f"{_pct(f.get('fakes_called_real'))} | {_pct(f.get('uncertain_share'))} | "
                     + " | ".join(_f3(entry[condition][m]["auc"]) for m in models)
                     + f" | {_f3(entry[condition].get('sharpness_control', {}).get('auc'))} |")
    if cols["auc"]:
        pad = " |" * (len(models) + 1)
        lines.append(f"| **mean** | | {_f3(np.mean(cols['auc']))} | {_pct(_mean(cols['decided_accuracy']))} | "
                     f"{_pct(np.mean(cols['fakes_called_real']))} | {_pct(np.mean(cols['uncertain_share']))} |" + pad)
        lines.append(f"| **worst** | | {_f3(min(cols['auc']))} | {_pct(min(cols['decided_accuracy']) if cols['decided_accuracy'] else None)} | "
                     f"{_pct(max(cols['fakes_called_real']))} | {_pct(max(cols['uncertain_share']))} |" + pad)
        for label, keep in (("generated whole", lambda src: src not in data.FACE_SWAP_SOURCES),
                            ("face swaps", lambda src: src in data.FACE_SWAP_SOURCES)):
            group = [e[condition]["fused"] for src, e in per_source.items() if condition in e and keep(src)]
            if group:
                aucs = [g["auc"] for g in group]
                lines.append(f"| mean / worst, {label} ({len(group)}) | | {_f3(np.mean(aucs))} / {_f3(min(aucs))} | "
                             f"{_pct(_mean([g.get('decided_accuracy') for g in group]))} | "
                             f"{_pct(_mean([g.get('fakes_called_real') for g in group]))} | "
                             f"{_pct(_mean([g.get('uncertain_share') for g in group]))} |" + pad)
    return lines


def _mean(xs):
    xs = [x for x in xs if x is not None]
    return float(np.mean(xs)) if xs else None


def write_loso_card(manifest: dict, doc: dict, in_distribution: dict, path: Path | None = None,
                    tried: str = "", weak_spots: str = "") -> Path:
    """models/MODEL_CARD.md for round 2: the leave-one-source-out table leads; the in-distribution
    table follows, labelled as such. Every number comes from `training/reports/loso_probes.json`
    or the manifest, written by the commands printed in the card."""

    path = path or export.MODELS_DIR / "MODEL_CARD.md"
    counted = [m for m in manifest["models"] if m.get("fusion_weight", 0) > 0]
    combo = "+".join(m["id"] for m in counted)
    per_source = doc["loso"][combo]["per_source"]
    ids = [m["id"] for m in counted]
    bands = manifest["bands"]
    weights = ", ".join(f"{m['id']} {m['fusion_weight']}" for m in counted)
    lines = [
        "# Deepfake Detector: model card", "",
        "Generated by `python -m training probes ship` from `models/manifest.json` and "
        "`training/reports/loso_probes.json`; do not edit by hand.", "",
        "## In plain words", "",
        *(f"- {fact}" for fact in verdict_worth(parse_manifest(manifest, path.parent / "manifest.json", False))),
        "- \"No signs of AI generation found\" is never proof that a picture is real.", "",
        "## What to expect on generators the models never saw: leave-one-source-out (LOSO)", "",
        "Each row: every model, the calibration, the fusion and the verdict bands were fitted **without** that "
        "source (heads on the other five sources' train splits; calibration, fusion and bands on the other "
        "sources' LOSO validation scores); the figures are on its test split. The sharpness control scores "
        "an image by its high-frequency energy alone: a model no better than it has learned how blurry the "
        "sources are (an AUC far *below* 0.5 means blurrier fakes: the control flipped would score 1 - AUC). "
        "Commands: `python -m training features`, `python -m training probes sweep`.", "",
        "### Files as they are", "", *loso_table(per_source, ids, "clean"), "",
        "### Re-encoded like social media (longer side <= 512 px, then JPEG 90)", "",
        *loso_table(per_source, ids, "social"), "",
    ]
    if any("jpeg70" in e for e in per_source.values()):
        lines += ["### JPEG quality 70", "", *loso_table(per_source, ids, "jpeg70"), ""]
    lines += ["### Model choices (LOSO AUC on the held-out sources' train+validation images, never their test split)", "",
              "| recipe (backbone, regularisation C, sources trained on, training rows) | mean | worst |", "|---|---|---|"]
    lines += [f"| {k} | {_f3(v['selection']['mean'])} | {_f3(v['selection']['worst'])} |" for k, v in doc["selection"].items()]
    lines += ["", "Each backbone at its best recipe, alone and fused (logistic stack fitted on LOSO validation scores):", "",
              "| counted models | selection AUC mean / worst | test AUC mean / worst | decided right (mean) | uncertain (mean) |",
              "|---|---|---|---|---|"]
    for name, table in doc["loso"].items():
        c = table["summary"]["clean"]
        lines.append(f"| {name} | {_f3(c['selection_auc']['mean'])} / {_f3(c['selection_auc']['worst'])} | "
                     f"{_f3(c['auc']['mean'])} / {_f3(c['auc']['worst'])} | "
                     f"{_pct(c.get('decided_accuracy', {}).get('mean'))} | {_pct(c.get('uncertain_share', {}).get('mean'))} |")
    chosen = ", ".join(Recipe.from_dict(r).name for r in doc["chosen"].values())
    lines += ["", f"Chosen: {chosen} ({doc['ship']}: of the combinations within {MERIT_TIE} of the best mean + worst "
              "selection AUC, the one with the fewest models; fused combinations are in "
              "`training/reports/loso_probes.json`).", "",
              "## How the app decides", "",
              "Each counted model looks at the whole picture at its own resolution (longer side shrunk to at most "
              "512 px, never enlarged), is calibrated (Platt scaling) and fused "
              f"(logistic: {weights}, bias {manifest['fusion']['bias']}). "
              f"Verdict bands: **fake** from {bands['t_fake']}, **no signs found** below {bands['t_real']}, "
              f"**uncertain** between ({bands.get('rule', '')}).", ""]
    not_counted = [m for m in manifest["models"] if m.get("fusion_weight", 0) <= 0]
    if not_counted:
        lines += ["Shown but **not counted** in the verdict: " + ", ".join(f"`{m['id']}` ({m['name']})" for m in not_counted)
                  + ". They were trained on every one of our sources, so no figure says what they do on a source they "
                    "never saw; the seed's own leave-one-source-out runs of the CNN (round 1, short runs) gave AUC "
                    "0.53-0.64.", ""]
    lines += ["## In-distribution results (test splits of the sources the models trained on)", "",
              "Labelled as such: these flatter every detector and say little about new generators.", "",
              "| | test images | ROC AUC | accuracy at 0.5 |", "|---|---|---|---|"]
    lines += [f"| {k} | {v['images']} | {_f3(v['auc'])} | {_f3(v['accuracy'])} |" for k, v in in_distribution.items()]
    lines += ["", "## Models", ""]
    for m in manifest["models"]:
        lines += _model_section(m)
    if tried:
        lines += ["## What was tried (issue 12's levers) and what each gave", "", tried, ""]
    if weak_spots:
        lines += ["## Known weak spots", "", weak_spots, ""]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {path}")
    return path
