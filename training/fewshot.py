"""The few-shot yardstick: how well the shipped `learn` teaches each source left out of training,
beside the zero-shot LOSO figures (issue 33; DESIGN.md 8).

For every source h left out, and k = 10, 20, 50 examples a class (DRAWS seeded draws each):
- **taught**: k fakes and k reals drawn from h's train split; the head is fitted exactly as
  `deepfake-detector learn` fits it (core.learn.fit_taught_head: grouped cross-validation check,
  Platt calibration on out-of-fold scores, penalty by inner folds, thresholds from the manifest's
  bands), then h's test split is scored: AUC, and the verdict the app would give — the zero-shot
  verdict (LOSO fusion without h, its bands) raised by the taught detector by the app's own rule
  (core.decision.decide): decided right, fakes called real, uncertain share;
- **cost to other kinds**: the same detector on the real test photos of every other source: the
  share it turns fake;
- **reals of another kind**: k fakes of h taught with k real photos drawn from the other sources
  (a desk's archive, not the photos the fakes imitate): AUC on h's test split and the share of h's
  real test photos turned fake; and **reals of one other kind**: the same with k real photos of a
  single other source (draw d takes the d-th other source), the case the team measured (camera
  photos of one other kind). With `familiarity`, a file far from the taught reals cannot be
  turned fake by the taught detector alone (core.familiarity); with `face_rule` too, a detector whose
  fakes show faces far more often than its reals cannot make a picture with a face fake alone
  (core.familiarity.face_gap). `--shipped` measures every guard the app applies: the real-photo
  bank, familiarity and the face rule.

Features: any backbone of the feature cache (clean condition, tap-normalised as the ONNX
probes' `features` output that learn reads; "backbone@s448": its view with small pictures enlarged
to 448 px a side), their concatenation ("a+b"), or a ResNet-50 LOSO
run's pooled features (resnet50:<run>, only for the source that run left out).

    python -m training fewshot                    # the shipped feature model and the candidates
    python -m training fewshot --features efficientnet_lite2 efficientnet_lite2+mobilenet_v2_npr
    python -m training fewshot --shipped --features efficientnet_lite2   # the app's guards on
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from deepfake_desk.core.decision import Rule, Scores, decide
from deepfake_desk.core.familiarity import faces_apart
from deepfake_desk.core.learn import fit_taught_head
from deepfake_desk.core.manifest import Bands, load_manifest
from deepfake_desk.core.resources import default_manifest_path
from training import data, features
from training.metrics import roc_auc

KS = (10, 20, 50)
DRAWS = 5
SEED = 20261206
REPORTS_DIR = data.TRAINING_DIR / "reports"
ZERO_SHOT_BACKBONES = ("efficientnet_lite2", "mobilenet_v2_npr")  # the shipped fusion's
KINDS = ("same_kind", "reals_of_other_kinds", "reals_of_one_other_kind")  # which real photos a detector is taught with
DEFAULT_FEATURES = ("efficientnet_lite2", "efficientnet_lite2+mobilenet_v2_npr", "mobilenet_v2_npr")


@dataclass
class Rows:
    """Per image of the feature cache: label, source, split, DFDC video group."""

    y: np.ndarray
    source: np.ndarray
    split: np.ndarray
    group: np.ndarray
    path: np.ndarray

    @classmethod
    def load(cls) -> "Rows":
        samples = features.all_samples()
        split_of = {s.path: split for split, items in data.load_sets().items() for s in items}
        return cls(np.array([s.label for s in samples]), np.array([s.source for s in samples]),
                   np.array([split_of[s.path] for s in samples]), np.array([s.group for s in samples]),
                   np.array([s.path for s in samples]))

    def where(self, source=None, split=None, label=None, not_source=None) -> np.ndarray:
        m = np.ones(len(self.y), bool)
        if source is not None:
            m &= self.source == source
        if not_source is not None:
            m &= self.source != not_source
        if split is not None:
            m &= np.isin(self.split, [split] if isinstance(split, str) else list(split))
        if label is not None:
            m &= self.y == label
        return np.flatnonzero(m)


def feature_matrix(name: str, rows: Rows, condition: str = "clean") -> np.ndarray:
    """The features learn would read, per cached image (NaN rows where a ResNet run has none); `condition`:
    of the file as it would arrive re-encoded (features.CONDITIONS, its cache must be complete)."""
    if name.startswith("resnet50:"):
        from training.resnet50 import RUNS_DIR

        got = np.load(RUNS_DIR / name.split(":", 1)[1] / "features_clean.npz")
        out = np.full((len(rows.y), got["x"].shape[1]), np.nan, np.float32)
        where = {p: i for i, p in enumerate(rows.path)}
        for p, f in zip(got["path"], got["x"]):
            if p in where:
                out[where[p]] = f
        return out
    parts = []
    for b, cond in _parts(name, condition):
        got = features.load(b, cond)
        parts.append(features.tap_normalise(got["x"].astype(np.float32), features.BACKBONES[b].taps))
    return np.concatenate(parts, axis=1)


def _parts(name: str, condition: str = "clean") -> list[tuple[str, str]]:
    """(backbone, cache condition) of each part of a feature set "a+b", "efficientnet_lite2@s448" being that
    backbone's view variant (features._views)."""
    out = []
    for part in name.split("+"):
        backbone, _, variant = part.partition("@")
        out.append((backbone, f"{condition}@{variant}" if variant else condition))
    return out


def complete(name: str, condition: str = "clean") -> bool:
    """Whether every part of a feature set is in the cache."""
    return all(features.complete(b, c) for b, c in _parts(name, condition))


def zero_shot(rows: Rows, log=print) -> dict[str, dict]:
    """Per held-out source: the LOSO fused probability of each of its images and the bands fitted
    without it: the shipped fusion's backbones, C and sharpness balance, but clean rows only (the
    shipped heads also read social, blur+JPEG and self-blended rows, whose caches take an hour
    here), Platt, stack and bands fitted on the other sources' clean validation rows."""
    from training import probes

    t, z = loso_clean_logits(log)
    assert np.array_equal(t.y, rows.y) and np.array_equal(t.source, rows.source)
    out = {}
    for h in probes.SOURCES:
        val = t.rows([s for s in probes.SOURCES if s != h], ["val"])
        layer = probes.fit_verdict_layer({m: z[m]["clean"][val] for m in z}, t.y[val],
                                         probes.weights(t.y[val], t.source[val]), groups=t.source[val])
        p = layer.fused({m: z[m]["clean"] for m in z})
        out[h] = {"p": p, "bands": layer.bands}
    return out


def loso_clean_logits(log=print):
    """(table, model -> {"clean": LOSO logit of every cached image}) for the shipped fusion's backbones
    fitted on clean rows (zero_shot's approximation of the shipped heads), cached."""
    from training import probes

    cache = data.CACHE_DIR / "fewshot_zero_shot.npz"  # derived from the feature cache: delete both together
    t = probes.load_table(ZERO_SHOT_BACKBONES, ("clean",))
    if cache.exists():
        got = np.load(cache, allow_pickle=True)
        return t, got["z"].item()
    z = {}
    for b in ZERO_SHOT_BACKBONES:
        recipe = probes.Recipe(b, 0.001, rows=("clean",), balance="sharpness")
        z[b] = probes.loso_logits(t, recipe, log=log)
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, z=np.array(z, dtype=object))
    return t, z


def base_verdicts(p: np.ndarray, bands: dict) -> np.ndarray:
    return np.where(p >= bands["t_fake"], "fake", np.where(p < bands["t_real"], "real", "uncertain"))


def raised(base: np.ndarray, taught_p: np.ndarray, thresholds: dict, familiar: np.ndarray | None = None) -> np.ndarray:
    """The app's own rule (core.decision.decide) per file: the zero-shot verdict `base`, raised by one
    taught detector with these thresholds; with `familiar` False, that detector alone makes no fake."""
    rule = Rule(Bands(t_real=0.25, t_fake=0.75), counted=frozenset())
    fused_for = {"real": 0.0, "uncertain": 0.5, "fake": 1.0}  # a fused score that gives `base` under `rule`
    spec = _TaughtSpec("taught", "taught", dict(thresholds))
    out = []
    for i, (b, p) in enumerate(zip(base, taught_p)):
        fam = True if familiar is None else bool(familiar[i])
        d = decide(Scores(fused_for[str(b)], {}, {"taught": float(p)}, {"taught": fam}), rule, [spec])
        out.append(str(d.verdict))
    return np.array(out)


@dataclass(frozen=True)
class _TaughtSpec:
    """What decide() reads of a taught detector's manifest entry."""

    id: str
    name: str
    thresholds: dict
    training_data: dict = field(default_factory=dict)


def verdict_metrics(v: np.ndarray, y: np.ndarray) -> dict:
    decided = v != "uncertain"
    right = ((v == "real") & (y == 0)) | ((v == "fake") & (y == 1))
    return {"decided_right": float(right[decided].mean()) if decided.any() else None,
            "fakes_called_real": float(((v == "real") & (y == 1)).sum() / max(1, (y == 1).sum())),
            "fakes_called_fake": float(((v == "fake") & (y == 1)).sum() / max(1, (y == 1).sum())),
            "reals_called_fake": float(((v == "fake") & (y == 0)).sum() / max(1, (y == 0).sum())),
            "uncertain_share": float(1 - decided.mean())}


def _draw(rng: np.random.Generator, idx: np.ndarray, k: int) -> np.ndarray:
    return rng.choice(idx, size=min(k, len(idx)), replace=False)


def _groups(rows: Rows, idx: np.ndarray) -> np.ndarray:
    keys = {g: n for n, g in enumerate(dict.fromkeys(rows.group[idx]))}
    return np.array([keys[g] for g in rows.group[idx]])


@dataclass(frozen=True)
class Drawn:
    """One draw of teaching examples for source h: its k fakes, and the k real photos of each kind."""

    fakes: np.ndarray
    kinds: list[tuple[str, np.ndarray]]  # (kind of KINDS, row indices of the reals)
    one_other: str = ""  # the source of "reals_of_one_other_kind"


def draw_examples(rows: Rows, h: str, k: int, d: int, ok: np.ndarray | None = None) -> Drawn | None:
    """Draw d of k fakes of h and k reals of each kind (None when h has fewer than k of a class);
    `ok`: rows with features (a feature set measured on some sources only, a ResNet-50 fold, has none)."""
    ok = np.ones(len(rows.y), bool) if ok is None else ok
    rng = np.random.default_rng([SEED, k, d, sum(map(ord, h))])
    pool = [rows.where(source=h, split="train", label=c) for c in (1, 0)]
    fakes, reals = (_draw(rng, idx[ok[idx]], k) for idx in pool)
    if len(fakes) < k or len(reals) < k:
        return None
    others = rows.where(not_source=h, split="train", label=0)
    others = others[ok[others]]
    kinds = [("same_kind", reals)] + ([("reals_of_other_kinds", _draw(rng, others, k))] if len(others) >= k else [])
    # the team's case: a desk's camera photos of ONE other kind (draw d takes the d-th other source)
    known = dict.fromkeys([*data.DEFAULT_SETS, *sorted(set(rows.source[others]))])  # our sources' order first
    other_sources = [s for s in known if s != h and (rows.source[others] == s).sum() >= k]
    one = ""
    if other_sources:
        one = other_sources[d % len(other_sources)]
        kinds.append(("reals_of_one_other_kind", _draw(rng, others[rows.source[others] == one], k)))
    return Drawn(fakes, kinds, one)


def familiar_to(x_real: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The taught detector's familiarity check exactly as `learn` stores it and a scan applies it
    (core.familiarity): statistics of the taught reals, then each row of x near them or not."""
    from deepfake_desk.core.familiarity import fit_real_stats

    stats = fit_real_stats(x_real.astype(np.float64))
    return np.array([stats.familiar(f) for f in x.astype(np.float64)])


FACES_CACHE = data.CACHE_DIR / "face_presence.npz"  # derived from the images: delete to recompute


def face_presence(rows: Rows, log=print) -> np.ndarray:
    """Per cached image: does it show a face (core.faces.shows_face, what learn counts)."""
    from deepfake_desk.core import faces
    from deepfake_desk.core.media import load_image

    if FACES_CACHE.exists():
        got = np.load(FACES_CACHE)
        if np.array_equal(got["path"], rows.path):
            return got["face"]
    spec = load_manifest(default_manifest_path()).face_detector
    found = np.array([faces.shows_face(load_image(p), spec) for p in rows.path])
    FACES_CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(FACES_CACHE, face=found, path=rows.path)
    log(f"faces found in {found.mean():.0%} of {len(found)} images")
    return found


def face_rule(familiar: np.ndarray, face: np.ndarray, fakes: np.ndarray, reals: np.ndarray,
              files: np.ndarray) -> np.ndarray:
    """The app's rule (core.familiarity.face_gap, applied in Detector.score_inputs) on the cache's rows: a
    detector whose fakes show faces far more often than its real photos (learn's warning) may not make a
    picture with a face fake on its own: such pictures count as unlike its real photos."""
    if faces_apart(float(face[fakes].mean()), float(face[reals].mean())):
        return familiar & ~face[files]
    return familiar


def measure_source(h: str, x: np.ndarray, rows: Rows, base: dict, t_fake: float, ks=KS, draws=DRAWS,
                   familiarity: bool = False, bank: np.ndarray | None = None,
                   face: np.ndarray | None = None) -> dict:
    """Every k and draw for one held-out source h (x: this feature set, NaN rows unusable). `face`
    (per row: shows a face) applies the face rule on top of familiarity."""
    ok = ~np.isnan(x[:, 0])
    test = rows.where(source=h, split="test")
    test = test[ok[test]]
    others_real = rows.where(not_source=h, split="test", label=0)
    others_real = others_real[ok[others_real]]
    y_test = rows.y[test]
    base_v = base_verdicts(base["p"][test], base["bands"])
    out = {"zero_shot": {"auc": roc_auc(y_test, base["p"][test]), **verdict_metrics(base_v, y_test)}, "k": {}}
    for k in ks:
        per_draw = []
        for d in range(draws):
            drawn = draw_examples(rows, h, k, d, ok)
            if drawn is None:
                continue
            fakes, kinds = drawn.fakes, drawn.kinds
            row = {}
            for kind, real_pick in kinds:
                idx = np.concatenate([fakes, real_pick])
                fitted = fit_taught_head(x[idx].astype(np.float64), rows.y[idx], _groups(rows, idx), t_fake, bank)
                p = fitted.probability(x[test].astype(np.float64))
                fam = familiar_to(x[real_pick], x[test]) if familiarity else None
                if fam is not None and face is not None:
                    fam = face_rule(fam, face, fakes, real_pick, test)
                v = raised(base_v, p, fitted.thresholds, fam)
                entry = {"auc": roc_auc(y_test, p), **verdict_metrics(v, y_test),
                         "check_auc": fitted.check.roc_auc}
                if familiarity:
                    entry["test_unfamiliar_share"] = float((~fam).mean())
                if kind == "same_kind" and len(others_real):
                    p_other = fitted.probability(x[others_real].astype(np.float64))
                    turned = p_other >= fitted.thresholds["fake"]
                    if familiarity:
                        near = familiar_to(x[real_pick], x[others_real])
                        turned &= near if face is None else face_rule(near, face, fakes, real_pick, others_real)
                    entry["other_reals_turned_fake"] = float(turned.mean())
                row[kind] = entry
            per_draw.append(row)
        out["k"][k] = _summarise_draws(per_draw)
    return out


def _summarise_draws(per_draw: list[dict]) -> dict:
    out = {"draws": len(per_draw)}
    for kind in KINDS:
        keys = per_draw[0][kind].keys() if per_draw and kind in per_draw[0] else []
        out[kind] = {}
        for key in keys:
            vals = [r[kind][key] for r in per_draw if kind in r and r[kind].get(key) is not None]
            if vals:
                out[kind][key] = {"mean": round(float(np.mean(vals)), 4), "sd": round(float(np.std(vals)), 4)}
    return out


def summary(per_source: dict, sources: list[str], ks=KS) -> dict:
    """Mean and worst over sources of the zero-shot and taught figures, for a group of sources."""
    worst_is_max = ("fakes_called_real", "reals_called_fake", "uncertain_share", "other_reals_turned_fake")

    def agg(vals, key):
        vals = [v for v in vals if v is not None]
        if not vals:
            return None
        return {"mean": round(float(np.mean(vals)), 4),
                "worst": round(float(max(vals) if key in worst_is_max else min(vals)), 4)}

    out = {"zero_shot": {key: agg([per_source[h]["zero_shot"][key] for h in sources], key)
                         for key in ("auc", "decided_right", "fakes_called_real", "uncertain_share")}}
    for k in ks:
        for kind in KINDS:
            keys = {key for h in sources for key in per_source[h]["k"].get(k, {}).get(kind, {})}
            out[f"k{k}_{kind}"] = {key: agg([per_source[h]["k"][k][kind][key]["mean"] for h in sources
                                             if key in per_source[h]["k"].get(k, {}).get(kind, {})], key)
                                   for key in sorted(keys)}
    return out


FAMILIAR_PERCENTILE = 97.5


def shipped_familiarity(rows: Rows, base: dict[str, dict], feature_set: str = "efficientnet_lite2",
                        percentile: float = FAMILIAR_PERCENTILE) -> dict:
    """Issue 33 section 5 under LOSO: is a picture unlike everything the models were fitted on? Per held-out
    source h: per-class statistics (core.familiarity's mean, shrunk spread and median standardised distance)
    of the other sources' train features; a picture is familiar when it is within the `percentile` of the
    other sources' validation pictures' distances to their nearer class. Reported: how many of h's test
    pictures it calls unfamiliar, and among h's decided zero-shot verdicts the wrong ones it would make
    uncertain and the right ones it would cost."""
    from deepfake_desk.core.familiarity import _distance, _mean_and_scale

    x = feature_matrix(feature_set, rows).astype(np.float64)
    out = {}
    for h in data.DEFAULT_SETS:
        stats = [_mean_and_scale(x[rows.where(not_source=h, split="train", label=c)]) for c in (0, 1)]

        def dist(idx):
            return np.array([min(_distance(x[i], m, sc) for m, sc in stats) for i in idx])

        val = rows.where(not_source=h, split="val")
        threshold = float(np.percentile(dist(val), percentile))
        test = rows.where(source=h, split="test")
        unfamiliar = dist(test) > threshold
        v = base_verdicts(base[h]["p"][test], base[h]["bands"])
        y = rows.y[test]
        decided = v != "uncertain"
        right = ((v == "real") & (y == 0)) | ((v == "fake") & (y == 1))
        out[h] = {"threshold": round(threshold, 4), "test_images": int(len(test)),
                  "unfamiliar_share": round(float(unfamiliar.mean()), 4),
                  "decided": int(decided.sum()), "decided_wrong": int((decided & ~right).sum()),
                  "wrong_made_uncertain": int((decided & ~right & unfamiliar).sum()),
                  "right_made_uncertain": int((decided & right & unfamiliar).sum())}
    total = {k: int(sum(v[k] for v in out.values())) for k in
             ("decided", "decided_wrong", "wrong_made_uncertain", "right_made_uncertain")}
    return {"feature_set": feature_set, "percentile": percentile, "per_source": out, "total": total}


SHIPPED_REPORT = "fewshot_shipped.json"  # every guard the app applies (--shipped)
GUARDS_REPORTS = "fewshot_guards_p*.json"  # other guard settings, one report each (report_name)


def report_name(familiarity: bool, bank: bool, face_rule_on: bool) -> str:
    """The report of a run with these guards, named by its settings (the familiarity percentile included), so
    that a run of other settings never writes over it: every guard at the app's percentile is the shipped one."""
    if not familiarity:
        return "fewshot.json"
    from deepfake_desk.core.familiarity import PERCENTILE

    if bank and face_rule_on:
        return SHIPPED_REPORT
    return f"fewshot_guards_p{PERCENTILE:g}" + ("_bank" if bank else "") + ("_faces" if face_rule_on else "") + ".json"


def run(feature_sets=DEFAULT_FEATURES, familiarity: bool = False, out: Path | None = None, log=print,
        shipped_check: bool = True, ks=KS, append: bool = False, bank: bool = False,
        face_rule_on: bool = False) -> dict:
    if face_rule_on and not familiarity:
        raise SystemExit("the face rule works through familiarity: add --familiarity")
    out = out or REPORTS_DIR / report_name(familiarity, bank, face_rule_on)
    rows = Rows.load()
    manifest = load_manifest(default_manifest_path())
    t_fake = manifest.bands.t_fake
    base = zero_shot(rows, log=log)
    report = {"protocol": __doc__.split("\n\n")[1], "t_fake": t_fake, "ks": list(ks), "draws": DRAWS,
              "familiarity": familiarity, "bank": bank, "face_rule": face_rule_on, "features": {}}
    if append and out.exists():  # more feature sets (or the shipped check) beside those already measured
        report = json.loads(out.read_text())
    if familiarity:
        from deepfake_desk.core import familiarity as taught_familiarity

        report["familiarity_percentile"] = taught_familiarity.PERCENTILE
    face = face_presence(rows, log) if face_rule_on else None
    for name in feature_sets:
        started = time.time()
        x = feature_matrix(name, rows)
        usable = [h for h in data.DEFAULT_SETS if (~np.isnan(x[rows.where(source=h, split="test"), 0])).any()]
        held = None
        if bank:  # the shipped real-photo bank, as learn holds a taught detector against it
            from deepfake_desk.core.learn import feature_model, real_bank

            held = real_bank(feature_model(manifest))
            if held is None or name != feature_model(manifest).id:
                raise SystemExit(f"no real-photo bank for {name}: python -m training realbank")
        per_source = {h: measure_source(h, x, rows, base[h], t_fake, ks=ks, familiarity=familiarity, bank=held,
                                        face=face) for h in usable}
        generated = [h for h in usable if h not in data.FACE_SWAP_SOURCES]
        swaps = [h for h in usable if h in data.FACE_SWAP_SOURCES]
        report["features"][name] = {"per_source": per_source, "all": summary(per_source, usable, ks),
                                    "generated": summary(per_source, generated, ks) if generated else None,
                                    "face_swaps": summary(per_source, swaps, ks) if swaps else None}
        s = report["features"][name]["all"]
        log(f"{name}: zero-shot AUC {s['zero_shot']['auc']}, "
            + ", ".join(f"taught k={k} {s[f'k{k}_same_kind'].get('auc')}" for k in ks) + f" ({time.time() - started:.0f} s)")
        out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")  # each feature set as it is done
    if shipped_check:
        report["shipped_familiarity"] = shipped_familiarity(rows, base)
        log(f"shipped familiarity: {report['shipped_familiarity']['total']}")
    out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {out}")
    if Path(out).resolve().parent == REPORTS_DIR.resolve():  # a report of the card (not a scratch run)
        from training import card_adapt, export

        log(f"refreshed {card_adapt.refresh(export.MODELS_DIR / 'MODEL_CARD.md')}")
    return report


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training fewshot")
    p.add_argument("--features", nargs="*", default=list(DEFAULT_FEATURES))
    p.add_argument("--familiarity", action="store_true", help="gate taught fakes by the taught reals' familiarity")
    p.add_argument("--out", type=Path)
    p.add_argument("--ks", nargs="*", type=int, default=list(KS))
    p.add_argument("--bank", action="store_true", help="hold each taught detector against the shipped real-photo bank")
    p.add_argument("--face-rule", action="store_true", help="with --familiarity: the face rule (core.familiarity.face_gap)")
    p.add_argument("--shipped", action="store_true", help="every guard the app applies: --bank --familiarity --face-rule")
    p.add_argument("--append", action="store_true", help="add to the report's feature sets instead of replacing it")
    p.add_argument("--no-shipped-check", action="store_true", help="skip the shipped models' familiarity measure")
    a = p.parse_args(argv)
    if a.shipped:
        a.bank = a.familiarity = a.face_rule = True
    run(a.features, a.familiarity, a.out, shipped_check=not a.no_shipped_check, ks=tuple(a.ks),
        append=a.append, bank=a.bank, face_rule_on=a.face_rule)
