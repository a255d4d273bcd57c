"""Which depths of the shipped feature model, and which head, teach best from 10 and 20 examples
(issue 33 section 1): the few-shot yardstick's draws (same seeds, same train and test splits), the
test split ranked by the head alone (its AUC; calibration cannot change a ranking).

Views: the whole picture as the app sees it (never enlarged unless a side is under 224 px) against
small pictures enlarged to 448 px a side (does a 256 px face crop teach better seen at twice the scale?).

Depths: the taps' roles (features.Backbone.roles: "early" stride <= 16, "late" stride 32, "head"
the last 1280-wide layer), means and spreads as the cache holds them. Heads: learn's L2 logistic
regression (penalty by inner folds), the difference of the class means on standardised features
(a prototype head: no penalty to choose), and linear discriminant analysis whose covariance is the
taught examples' within-class scatter plus that of the shipped real-photo bank (48 licence-clean
photos), shrunk toward the identity.

This is a measurement, not a selection: six folds choose nothing reliably among many recipes
(DESIGN.md 8). What ships changes only if one variant wins on every k and its worst source.

    python -m training fewshot_variants    # -> training/reports/fewshot_variants.json
"""

from __future__ import annotations

import json
import time

import numpy as np

from deepfake_desk.core.logistic import choose_l2, fit_logistic
from training import data, features
from training.fewshot import REPORTS_DIR, Rows, _groups, complete, draw_examples, feature_matrix
from training.metrics import roc_auc

FEATURE_MODEL = "efficientnet_lite2"
KS = (10, 20)
DRAWS = 5
DEPTHS = {"all (shipped)": None, "early": ("early",), "late + head": ("late", "head"),
          "early + late (no head)": ("early", "late"), "head": ("head",)}
# other views of the picture (features._views), measured when their cache is complete:
#   python -m training features --backbones efficientnet_lite2 --conditions clean@s448
VIEWS = {"small pictures enlarged to 448 px a side": "efficientnet_lite2@s448"}
REPORT = REPORTS_DIR / "fewshot_variants.json"


def logistic(x, y, groups):
    return fit_logistic(x, y, choose_l2(x, y, groups, min(4, int(groups.max()) + 1))).logits


def prototype(x, y, groups):
    mean, std = x.mean(0), x.std(0) + 1e-6
    w = ((x[y == 1] - mean) / std).mean(0) - ((x[y == 0] - mean) / std).mean(0)
    return lambda z: ((z - mean) / std) @ w


def lda_with_bank(bank: np.ndarray, shrink: float = 0.5):
    def fit(x, y, groups):
        rows = np.vstack([x[y == 0] - x[y == 0].mean(0), x[y == 1] - x[y == 1].mean(0), bank - bank.mean(0)])
        a = rows / np.sqrt(len(rows))
        ridge = shrink * float(np.mean(np.sum(a * a, 1)))
        d = x[y == 1].mean(0) - x[y == 0].mean(0)
        w = (d - a.T @ np.linalg.solve(ridge * np.eye(len(a)) + a @ a.T, a @ d)) / ridge  # (ridge I + A^T A)^-1 d
        return lambda z: z @ w
    return fit


def measure(x: np.ndarray, rows: Rows, fit, ks=KS, draws=DRAWS, sources=data.DEFAULT_SETS) -> dict:
    """Per source h: mean test AUC of `fit`'s head over the draws of k fakes and k reals of h's train split."""
    out = {}
    for h in sources:
        test = rows.where(source=h, split="test")
        per_k = {}
        for k in ks:
            aucs = []
            for d in range(draws):
                drawn = draw_examples(rows, h, k, d)  # the yardstick's own draw: the same fakes and reals
                if drawn is None:
                    continue
                idx = np.concatenate([drawn.fakes, dict(drawn.kinds)["same_kind"]])
                score = fit(x[idx], rows.y[idx], _groups(rows, idx))
                aucs.append(roc_auc(rows.y[test], score(x[test])))
            per_k[str(k)] = round(float(np.mean(aucs)), 4)
        out[h] = per_k
    summary = {str(k): {"mean": round(float(np.mean([v[str(k)] for v in out.values()])), 4),
                        "worst": round(float(min(v[str(k)] for v in out.values())), 4)} for k in ks}
    return {"per_source": out, "summary": summary}


def measure_variants(variants: dict[str, np.ndarray], rows: Rows, report: dict, out, log=print) -> dict:
    """`measure` with learn's head on each named feature matrix into report["variants"], the report written to
    `out` after each (a long run keeps what it measured)."""
    report.setdefault("variants", {})
    for name, x in variants.items():
        started = time.time()
        report["variants"][name] = measure(x.astype(np.float64), rows, logistic)
        log(f"{name}: {report['variants'][name]['summary']} ({time.time() - started:.0f} s)")
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    return report


def run(log=print) -> dict:
    from deepfake_desk.core.learn import feature_model, real_bank
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.resources import default_manifest_path

    rows = Rows.load()
    backbone = features.BACKBONES[FEATURE_MODEL]
    x = feature_matrix(FEATURE_MODEL, rows).astype(np.float64)  # what learn reads
    bank = real_bank(feature_model(load_manifest(default_manifest_path())))
    report: dict = {"method": __doc__.split("\n\n")[0], "features": FEATURE_MODEL, "ks": list(KS), "draws": DRAWS,
                    "depths": {}, "heads": {}, "views": {}}
    for name, keep in DEPTHS.items():
        started = time.time()
        report["depths"][name] = measure(x[:, backbone.columns(keep)], rows, logistic)
        log(f"depths {name}: {report['depths'][name]['summary']} ({time.time() - started:.0f} s)")
    report["heads"]["L2 logistic (shipped)"] = report["depths"]["all (shipped)"]  # the same head on the same columns
    heads = {"prototype": prototype}
    if bank is not None:
        heads["LDA + real-photo bank"] = lda_with_bank(bank)
    for name, fit in heads.items():
        started = time.time()
        report["heads"][name] = measure(x, rows, fit)
        log(f"heads {name}: {report['heads'][name]['summary']} ({time.time() - started:.0f} s)")
    report["views"]["whole picture as the app sees it (shipped)"] = report["depths"]["all (shipped)"]
    for name, feature_set in VIEWS.items():
        if not complete(feature_set):
            log(f"views {name}: no features for {feature_set} (its command is beside VIEWS)")
            continue
        started = time.time()
        report["views"][name] = measure(feature_matrix(feature_set, rows).astype(np.float64), rows, logistic)
        log(f"views {name}: {report['views'][name]['summary']} ({time.time() - started:.0f} s)")
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {REPORT}")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(prog="python -m training fewshot_variants", description=__doc__.split("\n\n")[0]).parse_args(argv)
    run()


if __name__ == "__main__":
    main()
