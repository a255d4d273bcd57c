"""Why a taught detector turns real photos fake when its reals are of another kind, and what does not fix it
(issue 33 section 2, the "reals of one other kind" target: <= 5%; the guarded yardstick measures 9-11%).

For every source h left out and draw d (k fakes of h taught with k real photos of ONE other source, as
training/fewshot.py draws them), with the shipped feature model (EfficientNet-Lite2) and learn's own fit:

1. **per draw**: taught as `learn` teaches (held against the shipped real-photo bank): the head's own check,
   its AUC on h's test split, the share of h's real test photos at or above its fake threshold, the share
   the familiarity check (core/familiarity.py) calls like the taught reals, and the share turned fake (both);
2. **augmentation**: the same teaching with a re-encoded copy of every example beside it (the feature cache's
   `aug` condition: rescale 0.5-1.0, JPEG 60-95), so that how a kind of photo was processed teaches less
   (needs `python -m training features --backbones efficientnet_lite2 --conditions aug`, ~7 minutes);
3. **familiarity measures**: the shipped one against a 3-nearest-reals distance, the share of a file's
   difference outside the reals' span, and the shipped median distance to the nearest real: how many of
   h's real test photos each calls familiar when taught with h's own reals (should be high) and with one
   other kind's (should be low), and how many of h's taught fakes stay familiar to h's reals (should be high:
   a fake unlike the reals can never be called fake by the detector);
4. **learn's face warning** (core.learn.Taught.face_warning): on which draws it would warn that the fakes show
   faces and the reals do not (or the reverse), against the draws that turned >= 30% of the reals fake; and
   the rule shipped with it (`face_rule`, as core.familiarity.face_gap and Detector.score_inputs apply it):
   such a detector may not make a picture with a face fake on its own. What it saves (reals turned fake) and
   costs (fakes called fake by detectors taught with their own kind).

    python -m training guard_study            # -> training/reports/guard_study.json
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import numpy as np

from deepfake_desk.core import familiarity as fam
from deepfake_desk.core.learn import feature_model, fit_taught_head, real_bank
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.resources import default_manifest_path
from training import data, features, fewshot

K = 20
OUT = fewshot.REPORTS_DIR / "guard_study.json"
AUG = "aug"


def warned(face: np.ndarray, fakes: np.ndarray, reals: np.ndarray) -> bool:
    """learn's warning (core.learn.Taught.face_warning): faces in most fakes and few reals, or the reverse."""
    fake_share, real_share = float(face[fakes].mean()), float(face[reals].mean())
    return fam.faces_apart(fake_share, real_share) or fam.faces_apart(real_share, fake_share)


def _teach(x: np.ndarray, idx: np.ndarray, rows: fewshot.Rows, t_fake: float, extra: np.ndarray | None = None,
           bank: np.ndarray | None = None):
    xt, yt, g = x[idx], rows.y[idx], fewshot._groups(rows, idx)
    if extra is not None:  # each example's re-encoded copy, in its example's group
        xt, yt, g = np.vstack([xt, extra[idx]]), np.concatenate([yt, yt]), np.concatenate([g, g])
    return fit_taught_head(xt.astype(np.float64), yt, g, t_fake, bank)


def per_draw(rows, x, base, t_fake, k=K, draws=fewshot.DRAWS, x_aug=None, sources=data.DEFAULT_SETS,
             bank: np.ndarray | None = None, face: np.ndarray | None = None) -> list[dict]:
    """Each draw taught as `learn` teaches (with `bank`: held against the shipped real-photo bank)."""
    out = []
    for h in sources:
        test = rows.where(source=h, split="test")
        y = rows.y[test]
        base_v = fewshot.base_verdicts(base[h]["p"][test], base[h]["bands"])
        for d in range(draws):
            drawn = fewshot.draw_examples(rows, h, k, d)
            pick = dict(drawn.kinds).get("reals_of_one_other_kind") if drawn else None
            if pick is None:
                continue
            idx = np.concatenate([drawn.fakes, pick])
            familiar = fewshot.familiar_to(x[pick], x[test])
            row = {"source": h, "draw": d, "reals_of": drawn.one_other}
            if face is not None:  # would learn warn that faces, not fakes, may be what it learns?
                row["face_warning"] = warned(face, drawn.fakes, pick)
                row["face_warning_same_kind"] = warned(face, drawn.fakes, dict(drawn.kinds)["same_kind"])
            for name, extra in (("plain", None), ("augmented", x_aug)):
                if name == "augmented" and x_aug is None:
                    continue
                fitted = _teach(x, idx, rows, t_fake, extra, bank)
                p = fitted.probability(x[test].astype(np.float64))
                v = fewshot.raised(base_v, p, fitted.thresholds, familiar)
                row[name] = {"check_auc": fitted.check.roc_auc, "auc": round(fewshot.roc_auc(y, p), 4),
                             "reals_above_fake_threshold": round(float((p[y == 0] >= fitted.thresholds["fake"]).mean()), 4),
                             "reals_familiar": round(float(familiar[y == 0].mean()), 4),
                             "reals_turned_fake": _share(v == "fake", y == 0)}
                if face is not None and name == "plain":  # the rule proposed for a detector learn warned about
                    ruled = fewshot.raised(base_v, p, fitted.thresholds, fewshot.face_rule(familiar, face, drawn.fakes, pick, test))
                    row[name]["reals_turned_fake_face_rule"] = _share(ruled == "fake", y == 0)
            if face is not None:  # what that rule would cost a detector taught with its own kind's reals
                same = dict(drawn.kinds)["same_kind"]
                both = np.concatenate([drawn.fakes, same])
                fitted = _teach(x, both, rows, t_fake, None, bank)
                p = fitted.probability(x[test].astype(np.float64))
                near = fewshot.familiar_to(x[same], x[test])
                v = fewshot.raised(base_v, p, fitted.thresholds, near)
                ruled = fewshot.raised(base_v, p, fitted.thresholds, fewshot.face_rule(near, face, drawn.fakes, same, test))
                row["same_kind"] = {"fakes_called_fake": _share(v == "fake", y == 1),
                                    "fakes_called_fake_face_rule": _share(ruled == "fake", y == 1),
                                    "reals_turned_fake": _share(v == "fake", y == 0),
                                    "reals_turned_fake_face_rule": _share(ruled == "fake", y == 0)}
            out.append(row)
    return out


def _share(hit: np.ndarray, of: np.ndarray) -> float:
    return round(float((hit & of).sum() / max(1, of.sum())), 4)


# -- familiarity measures: (taught reals R, files X) -> (distances of X, the reals' leave-one-out distances)
def _loo(dist: Callable[[np.ndarray, np.ndarray], np.ndarray], r: np.ndarray) -> np.ndarray:
    return np.array([dist(np.delete(r, i, 0), r[i : i + 1])[0] for i in range(len(r))])


def _shipped(r, x):
    stats = fam.fit_real_stats(r)
    return np.array([stats.distance(v) for v in x]), np.array(stats.loo_distances)


def _nearest3(r, x):
    def dist(rr, xx):
        mean, scale = fam._mean_and_scale(rr)
        a, b = (rr - mean) / scale, (xx - mean) / scale
        return np.sort(np.sqrt(((b[:, None, :] - a[None, :, :]) ** 2).mean(-1)), axis=1)[:, :3].mean(1)
    return dist(r, x), _loo(dist, r)


def _outside_span(r, x):
    def dist(rr, xx):
        mean = rr.mean(0)
        _, s, vt = np.linalg.svd(rr - mean, full_matrices=False)
        basis = vt[s > 1e-8 * s[0]]
        c = xx - mean
        rest = c - (c @ basis.T) @ basis
        return np.sqrt((rest ** 2).sum(1) / ((c ** 2).sum(1) + 1e-12))
    return dist(r, x), _loo(dist, r)


def _nearest_median(r, x):
    def dist(rr, xx):
        _, scale = fam._mean_and_scale(rr)
        return np.array([min(np.median(np.abs(v - q) / scale) for q in rr) for v in xx])
    return dist(r, x), _loo(dist, r)


MEASURES = {"shipped: median standardised difference from the reals' mean": _shipped,
            "3 nearest reals": _nearest3,
            "share outside the reals' span": _outside_span,
            "median standardised difference from the nearest real": _nearest_median}


def familiarity_measures(rows, x, k=K, draws=fewshot.DRAWS, percentile=fam.PERCENTILE,
                         sources=data.DEFAULT_SETS) -> dict:
    got = {m: {"same_kind_reals_familiar": [], "same_kind_fakes_familiar": [], "taught_fakes_familiar": [],
               "one_other_kind_reals_familiar": []} for m in MEASURES}
    for h in sources:
        test = rows.where(source=h, split="test")
        y = rows.y[test]
        for d in range(draws):
            drawn = fewshot.draw_examples(rows, h, k, d)
            if drawn is None:
                continue
            picks = dict(drawn.kinds)
            for name, measure in MEASURES.items():
                dist, loo = measure(x[picks["same_kind"]], np.vstack([x[test], x[drawn.fakes]]))
                near = dist <= np.percentile(loo, percentile)
                got[name]["same_kind_reals_familiar"].append(near[: len(test)][y == 0].mean())
                got[name]["same_kind_fakes_familiar"].append(near[: len(test)][y == 1].mean())
                got[name]["taught_fakes_familiar"].append(near[len(test):].mean())
                if "reals_of_one_other_kind" in picks:
                    dist, loo = measure(x[picks["reals_of_one_other_kind"]], x[test][y == 0])
                    got[name]["one_other_kind_reals_familiar"].append((dist <= np.percentile(loo, percentile)).mean())
    return {m: {key: {"mean": round(float(np.mean(v)), 4), "min": round(float(np.min(v)), 4),
                      "max": round(float(np.max(v)), 4)} for key, v in r.items()} for m, r in got.items()}


def summarise(draws: list[dict]) -> dict:
    out = {}
    if draws and "face_warning" in draws[0]:
        harmful = [d for d in draws if d["plain"]["reals_turned_fake"] >= 0.3]
        out["face_warning"] = {"draws": len(draws), "warned": sum(d["face_warning"] for d in draws),
                               "harmful": len(harmful), "harmful_warned": sum(d["face_warning"] for d in harmful),
                               "same_kind_warned": sum(d["face_warning_same_kind"] for d in draws),
                               "same_kind_warned_sources": sorted({d["source"] for d in draws
                                                                  if d["face_warning_same_kind"]})}
    for name in ("plain", "augmented", "same_kind"):
        rows = [r[name] for r in draws if name in r]
        if rows:
            out[name] = {key: round(float(np.mean([r[key] for r in rows])), 4) for key in rows[0]}
            for key in ("reals_turned_fake", "reals_turned_fake_face_rule"):
                if key in rows[0]:
                    out[name][f"worst_source_{key}"] = round(max(
                        float(np.mean([r[name][key] for r in draws if r["source"] == h]))
                        for h in {r["source"] for r in draws}), 4)
    return out


def run(k: int = K, out=OUT, log=print) -> dict:
    started = time.time()
    rows = fewshot.Rows.load()
    base = fewshot.zero_shot(rows, log=log)
    manifest = load_manifest(default_manifest_path())
    t_fake = manifest.bands.t_fake
    bank = real_bank(feature_model(manifest))  # as learn holds a taught detector (None without the bank)
    x = fewshot.feature_matrix("efficientnet_lite2", rows)
    x_aug = None
    if features.complete("efficientnet_lite2", AUG):
        got = features.load("efficientnet_lite2", AUG)
        x_aug = features.tap_normalise(got["x"].astype(np.float32), features.BACKBONES["efficientnet_lite2"].taps)
    else:
        log("no 'aug' features: python -m training features --backbones efficientnet_lite2 --conditions aug")
    face = fewshot.face_presence(rows, log)
    draws = per_draw(rows, x, base, t_fake, k, x_aug=x_aug, bank=bank, face=face)
    report = {"protocol": __doc__.split("\n\n")[1], "k": k, "draws_per_source": fewshot.DRAWS,
              "real_photo_bank": bank is not None,
              "face_share": {h: {c: round(float(face[(rows.source == h) & (rows.y == y)].mean()), 4)
                                 for c, y in (("fake", 1), ("real", 0))} for h in data.DEFAULT_SETS},
              "familiarity_percentile": fam.PERCENTILE, "summary": summarise(draws), "per_draw": draws,
              "familiarity_measures": familiarity_measures(rows, x, k)}
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(json.dumps(report["summary"]))
    for name, r in report["familiarity_measures"].items():
        log(f"{name}: " + ", ".join(f"{key} {v['mean']:.2f} ({v['min']:.2f}-{v['max']:.2f})" for key, v in r.items()))
    log(f"wrote {out} ({time.time() - started:.0f} s)")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training guard_study")
    p.add_argument("--k", type=int, default=K)
    a = p.parse_args(argv)
    run(a.k)
