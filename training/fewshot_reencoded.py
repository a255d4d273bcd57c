"""Taught detectors on re-encoded files (issue 33 section 1): a desk's confirmed examples and the files it
then checks have passed through social media, messengers and editors, each re-encoding them its own way.
Does a detector taught as `learn` teaches still work when the files it checks were re-encoded, and does
teaching it with a re-encoded copy of each example beside the example help?

For every source h left out, k = 10 and 20, the few-shot yardstick's own draws (same seeds, the same k fakes
and k reals of h's train split), three ways of teaching:
- **as found**: the examples as they are (what `learn` does now);
- **with re-encoded copies**: each example and a re-encoded copy of it (the feature cache's `aug` condition:
  rescale 0.5-1.0 with probability 0.7, JPEG 60-95 with probability 0.8, seeded per image), the copy in its
  example's group, so that the check never tests on a copy of a picture it was taught with;
- **from re-encoded examples only**: the desk's examples were themselves downloaded re-encoded (`aug`);
each fitted by learn's own fit (core.learn.fit_taught_head, held against the shipped real-photo bank), then
h's test split scored as it is (`clean`) and re-encoded at JPEG quality 70 (`jpeg70`, a condition no
teaching above used): the head's AUC, and the app's verdict with the shipped guards (familiarity to the
taught reals as they were taught, the face rule): fakes called fake, reals turned fake.

What ships changes only if teaching with re-encoded copies beats teaching as found on the re-encoded test
files, mean and worst source, at both k, and costs no more than 0.01 of mean AUC on files as they are
(stated before the run; one recipe against the shipped one, so six folds choose nothing among many).

    python -m training features --backbones efficientnet_lite2 --conditions aug jpeg70   # ~8 min each
    python -m training fewshot_reencoded     # -> training/reports/fewshot_reencoded.json (~2 min)
"""

from __future__ import annotations

import json
import time

import numpy as np

from deepfake_desk.core.learn import feature_model, fit_taught_head, real_bank
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.resources import default_manifest_path
from training import data, features
from training.fewshot import (DRAWS, REPORTS_DIR, Rows, _groups, base_verdicts, draw_examples, face_presence,
                              face_rule, familiar_to, feature_matrix, raised, verdict_metrics, zero_shot)
from training.metrics import roc_auc

FEATURE_MODEL = "efficientnet_lite2"
KS = (10, 20)
COPIES = "aug"  # the re-encoded copies taught beside (or instead of) the examples
TESTS = ("clean", "jpeg70")  # how the checked files arrive
TEACHING = ("as found", "with re-encoded copies", "from re-encoded examples only")
REPORT = REPORTS_DIR / "fewshot_reencoded.json"
AUC_COST = 0.01  # of mean AUC on files as they are, the most re-encoded copies may cost to ship


def teaching_rows(way: str, idx: np.ndarray, rows: Rows, x: dict[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """(features, labels, groups) of the examples `idx` taught `way`."""
    y, g = rows.y[idx], _groups(rows, idx)
    if way == "as found":
        return x["clean"][idx], y, g
    if way == "from re-encoded examples only":
        return x[COPIES][idx], y, g
    return np.vstack([x["clean"][idx], x[COPIES][idx]]), np.concatenate([y, y]), np.concatenate([g, g])


def measure(rows: Rows, x: dict[str, np.ndarray], base: dict, t_fake: float, bank: np.ndarray | None,
            face: np.ndarray | None, ks=KS, draws=DRAWS, sources=data.DEFAULT_SETS) -> dict:
    """Per source, k, way of teaching and test condition: mean over draws of the head's AUC, and of the share
    of fakes called fake and of reals turned fake by the app's rule with the shipped guards."""
    out: dict = {}
    for h in sources:
        test = rows.where(source=h, split="test")
        y = rows.y[test]
        base_v = base_verdicts(base[h]["p"][test], base[h]["bands"])
        out[h] = {}
        for k in ks:
            got: dict = {way: {cond: [] for cond in TESTS} for way in TEACHING}
            for d in range(draws):
                drawn = draw_examples(rows, h, k, d)
                if drawn is None:
                    continue
                reals = dict(drawn.kinds)["same_kind"]
                idx = np.concatenate([drawn.fakes, reals])
                for way in TEACHING:
                    xt, yt, g = teaching_rows(way, idx, rows, x)
                    fitted = fit_taught_head(xt.astype(np.float64), yt, g, t_fake, bank)
                    taught_reals = xt[yt == 0]
                    for cond in TESTS:
                        p = fitted.probability(x[cond][test].astype(np.float64))
                        near = familiar_to(taught_reals, x[cond][test])
                        if face is not None:
                            near = face_rule(near, face, drawn.fakes, reals, test)
                        shares = verdict_metrics(raised(base_v, p, fitted.thresholds, near), y)
                        got[way][cond].append({"auc": roc_auc(y, p), "fakes_called_fake": shares["fakes_called_fake"],
                                               "reals_turned_fake": shares["reals_called_fake"]})
            out[h][str(k)] = {way: {cond: {**{key: round(float(np.mean([r[key] for r in got[way][cond]])), 4)
                                              for key in ("auc", "fakes_called_fake", "reals_turned_fake")},
                                           "draw_aucs": [round(r["auc"], 4) for r in got[way][cond]]}
                                    for cond in TESTS if got[way][cond]} for way in TEACHING}
    return out


def summarise(per_source: dict, ks=KS) -> dict:
    """Mean and worst source (lowest AUC, highest reals turned fake, lowest fakes called fake)."""
    out = {}
    for k in ks:
        out[str(k)] = {}
        for way in TEACHING:
            out[str(k)][way] = {}
            for cond in TESTS:
                vals = [per_source[h][str(k)][way][cond] for h in per_source if cond in per_source[h][str(k)][way]]
                out[str(k)][way][cond] = {
                    key: {"mean": round(float(np.mean([v[key] for v in vals])), 4),
                          "worst": round(float((max if key == "reals_turned_fake" else min)(v[key] for v in vals)), 4)}
                    for key in ("auc", "fakes_called_fake", "reals_turned_fake")}
    return out


def paired_gain(per_source: dict, k: int, cond: str, way: str = "with re-encoded copies") -> dict:
    """AUC of `way` minus that of teaching as found, paired draw by draw (the same examples): mean and its
    standard error over every source's draws."""
    diffs = [a - b for h in per_source
             for a, b in zip(per_source[h][str(k)][way][cond]["draw_aucs"],
                             per_source[h][str(k)]["as found"][cond]["draw_aucs"])]
    se = float(np.std(diffs, ddof=1) / np.sqrt(len(diffs))) if len(diffs) > 1 else float("nan")
    return {"mean": round(float(np.mean(diffs)), 4), "se": round(se, 4), "pairs": len(diffs)}


def verdict(summary: dict, gains: dict | None = None, ks=KS) -> dict:
    """Do re-encoded copies beat teaching as found? The rule stated before the first run: better mean and
    worst AUC on re-encoded files at every k, at most AUC_COST of mean AUC lost on files as they are. It had
    no noise margin, and said "ship" on a gain of 0.001; so a gain must also exceed twice its paired standard
    error (`gains`: paired_gain per k on the re-encoded files)."""
    wins = {}
    for k in ks:
        plain, copies = summary[str(k)]["as found"], summary[str(k)]["with re-encoded copies"]
        wins[str(k)] = bool(copies["jpeg70"]["auc"]["mean"] > plain["jpeg70"]["auc"]["mean"]
                            and copies["jpeg70"]["auc"]["worst"] > plain["jpeg70"]["auc"]["worst"]
                            and copies["clean"]["auc"]["mean"] >= plain["clean"]["auc"]["mean"] - AUC_COST
                            and (gains is None or gains[str(k)]["mean"] > 2 * gains[str(k)]["se"]))
    return {"per_k": wins, "ship": all(wins.values())}


def run(log=print, out=REPORT) -> dict:
    started = time.time()
    missing = [c for c in (COPIES, *TESTS) if not features.complete(FEATURE_MODEL, c)]
    if missing:
        raise SystemExit(f"no {FEATURE_MODEL} features for {', '.join(missing)}: python -m training features "
                         f"--backbones {FEATURE_MODEL} --conditions {' '.join(missing)}")
    rows = Rows.load()
    x = {c: feature_matrix(FEATURE_MODEL, rows, c) for c in dict.fromkeys((*TESTS, COPIES))}
    manifest = load_manifest(default_manifest_path())
    bank = real_bank(feature_model(manifest))
    per_source = measure(rows, x, zero_shot(rows, log=log), manifest.bands.t_fake, bank, face_presence(rows, log))
    summary = summarise(per_source)
    gains = {str(k): {cond: paired_gain(per_source, k, cond) for cond in TESTS} for k in KS}
    report = {"protocol": __doc__.split("\n\n")[1], "features": FEATURE_MODEL, "ks": list(KS), "draws": DRAWS,
              "real_photo_bank": bank is not None, "summary": summary, "paired_gain_of_copies": gains,
              "verdict": verdict(summary, {k: g["jpeg70"] for k, g in gains.items()}), "per_source": per_source}
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for k in KS:
        for way in TEACHING:
            log(f"k={k} {way}: " + ", ".join(
                f"{cond} AUC {s['auc']['mean']:.3f} (worst {s['auc']['worst']:.3f}), fakes called fake "
                f"{s['fakes_called_fake']['mean']:.0%}, reals turned fake {s['reals_turned_fake']['mean']:.1%}"
                for cond, s in summary[str(k)][way].items()))
    log(f"paired gain of the copies: {gains}")
    log(f"verdict: {report['verdict']}; wrote {out} ({time.time() - started:.0f} s)")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(prog="python -m training fewshot_reencoded",
                            description=__doc__.split("\n\n")[0]).parse_args(argv)
    run()
