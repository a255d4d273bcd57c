"""Probes on cached backbone features, judged by leaving sources out (LOSO).

For every source h: a head trained on the train split of the other sources (clean and
`social` re-encoded copies as rows, every source weighted equally, classes equal within a
source) scores every image of h. Those LOSO scores are the only ones used to choose the
regularisation, the backbones, the calibration, the fusion and the verdict bands, and
everything reported per source is on h's *test* split with calibration, fusion and bands
fitted on the LOSO scores of the *other* sources' validation splits (h takes no part).
Model choices read the LOSO AUC on h's train+val images; the test split is only reported.

    python -m training probes sweep           # LOSO table per backbone and regularisation
    python -m training probes ship            # fit the chosen heads on all sources, export ONNX, manifest

Shipping (ONNX export, manifest, model card) is in training/probe_ship.py.
"""

from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from deepfake_desk.core.fusion import fuse_scores, sigmoid
from deepfake_desk.core.manifest import Fusion
from training import data, features
from training.calibrate import band_report, fit_logistic, fit_platt
from training.metrics import average_precision, roc_auc

SOURCES = tuple(data.DEFAULT_SETS)
TRAIN_CONDITIONS = ("clean", "social")
REPORT_CONDITIONS = ("clean", "social", "jpeg70")
REPORTS_DIR = data.TRAINING_DIR / "reports"
# decided verdicts right >= 90 % and fakes called real <= 10 % (issue 12): fitted with a margin
BAND_ACCURACY = 0.92
BAND_FAKES_REAL = 0.08
# The band targets must hold on each validation source, not only on their pool (see fit_bands_loso):
# that is what "bands that hold on sources the models never saw" asks. Measured on the shipped recipe
# (EfficientNet-Lite2, clean+social+blurjpeg rows; LOSO test splits, social copies), pooled -> per source:
# decided right mean 0.86 -> 0.86, worst 0.57 -> 0.72, uncertain 0.88 -> 0.95 (a one-off comparison run
# beside the sweep, not kept). On lite0+mnv2 (clean+social) it had cost: mean 0.77 -> 0.67.
BANDS_PER_SOURCE = True


@dataclass
class Table:
    """Per image: label, source, split; per (backbone, condition): features; per condition: sharpness."""

    y: np.ndarray
    source: np.ndarray
    split: np.ndarray
    x: dict[tuple[str, str], np.ndarray] = field(default_factory=dict)
    sharp: dict[str, np.ndarray] = field(default_factory=dict)

    def rows(self, sources, splits) -> np.ndarray:
        return np.flatnonzero(np.isin(self.source, list(sources)) & np.isin(self.split, list(splits)))


def load_table(backbones, conditions) -> Table:
    samples = features.all_samples()
    split_of = {s.path: split for split, items in data.load_sets().items() for s in items}
    t = Table(np.array([s.label for s in samples]), np.array([s.source for s in samples]),
              np.array([split_of[s.path] for s in samples]))
    row_of = {s.path: i for i, s in enumerate(samples)}
    for c in conditions:
        mine = features.samples_for(c, samples)
        for b in backbones:
            if not features.complete(b, c, mine):
                continue  # e.g. extra training rows cached for some backbones only
            got = features.load(b, c, mine)
            x = features.tap_normalise(got["x"].astype(np.float32), features.BACKBONES[b].taps)
            if c in features.SELF_MADE_FAKES:  # rows for some images only: the others stay NaN
                full = np.full((len(samples), x.shape[1]), np.nan, np.float32)
                full[[row_of[path] for path in got["path"]]] = x
                t.x[(b, c)] = full
            else:
                t.x[(b, c)] = x
                t.sharp[c] = got["sharpness"]
    return t


def weights(y: np.ndarray, sources: np.ndarray) -> np.ndarray:
    return data.balanced_weights(y, list(sources), source_power=0.0) * len(y)


@dataclass
class Head:
    """Standardise, then logistic regression: logit = (x - mean) / scale @ coef + intercept."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def logits(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.coef + self.intercept

    def widened(self, columns: np.ndarray | slice, width: int) -> "Head":
        """The same head on all `width` feature columns, the ones it does not read weighted 0
        (what the ONNX probe computes: the backbone always pools every tap)."""
        mean, scale, coef = np.zeros(width), np.ones(width), np.zeros(width)
        mean[columns], scale[columns], coef[columns] = self.mean, self.scale, self.coef
        return Head(mean, scale, coef, self.intercept)


def fit_head(x: np.ndarray, y: np.ndarray, w: np.ndarray, c: float) -> Head:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(0), x.std(0) + 1e-6
    lr = LogisticRegression(C=c, max_iter=500, tol=1e-4)
    lr.fit((x - mean) / scale, y, sample_weight=w)
    return Head(mean, scale, lr.coef_[0].astype(np.float64), float(lr.intercept_[0]))


# A self-made-fake row kind with this suffix ("sbi-pairs") enters as content-matched pairs: each made
# fake and the real image it was made from, together one pseudo-source of their own (weighted like
# one source), instead of fakes counted with their image's source.
PAIRS = "-pairs"
SELF_MADE_SOURCE = "self-made pairs"


def cache_condition(row: str) -> str:
    """The feature-cache condition a training row kind reads."""
    return row.removesuffix(PAIRS)


# Which depths a head reads (features.Backbone.roles): low-level traces live early, ImageNet's
# classes in the head, so a head without the late layers may carry across generators better.
TAP_SETS: dict[str, tuple[str, ...] | None] = {"all": None, "no head": ("early", "late"), "early": ("early",)}


# How a head's training rows are weighted. "source": every source equally, classes equal within a
# source. "sharpness": classes equal within each quarter of a source's sharpness range too, so that
# how blurry a picture is tells the head less about its label (in five of our six sources the fakes
# are blurrier or sharper than the reals: the sharpness control's AUC runs 0.10-0.70). A row's weight
# moves at most SHARPNESS_CAP times from its "source" weight, so that a quarter holding a few reals
# among many fakes does not hang on those few.
BALANCES = ("source", "sharpness")
SHARPNESS_BINS = 4
SHARPNESS_CAP = 4.0


@dataclass(frozen=True)
class Recipe:
    """How one probe is trained: backbone, regularisation, which sources' train splits it learns
    from (`pool`), as which copies each train image enters (`rows`: feature-cache conditions),
    which depths it reads (`taps`: a TAP_SETS key) and how its rows are weighted (`balance`)."""

    backbone: str
    c: float
    pool: str = "every source"
    rows: tuple[str, ...] = TRAIN_CONDITIONS
    taps: str = "all"
    balance: str = "source"

    @property
    def name(self) -> str:
        depths = "" if self.taps == "all" else f", taps {self.taps}"
        balance = "" if self.balance == "source" else f", balanced by {self.balance}"
        return f"{self.backbone} C={self.c:g}, {self.pool}, rows {'+'.join(self.rows)}{depths}{balance}"

    def columns(self) -> np.ndarray | slice:
        keep = TAP_SETS[self.taps]
        return slice(None) if keep is None else features.BACKBONES[self.backbone].columns(keep)

    def as_dict(self) -> dict:
        return {"backbone": self.backbone, "C": self.c, "pool": self.pool, "rows": list(self.rows), "taps": self.taps,
                "balance": self.balance}

    @staticmethod
    def from_dict(d: dict) -> "Recipe":
        return Recipe(d["backbone"], float(d["C"]), d.get("pool", "every source"),
                      tuple(d.get("rows", TRAIN_CONDITIONS)), d.get("taps", "all"), d.get("balance", "source"))


# Face swaps edit a real video's face; every other source is generated whole. They share nothing a
# head can learn across (a head fitted on the generated sources ranks the swaps at 0.47-0.49 and a
# head fitted with them does no better on them), so a pool without them is a choice to measure.
POOLS = {"every source": SOURCES,
         "generated only": tuple(s for s in SOURCES if s not in data.FACE_SWAP_SOURCES)}


def train_rows(t: Table, recipe: Recipe, held_out: str | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The recipe's rows without `held_out`: each train image once per training condition, and a
    self-made fake (features.SELF_MADE_FAKES) of each real train image that has one, labelled fake
    and counted with its image's source (so held out with it)."""
    idx = t.rows([s for s in POOLS[recipe.pool] if s != held_out], ["train"])
    cols = recipe.columns()
    tier = sharpness_tiers(t, idx) if recipe.balance == "sharpness" else np.zeros(len(idx), int)
    xs, ys, ss, bs = [], [], [], []
    for row in recipe.rows:
        c = cache_condition(row)
        x = t.x[(recipe.backbone, c)][idx]
        if c not in features.SELF_MADE_FAKES:
            xs.append(x[:, cols]), ys.append(t.y[idx]), ss.append(t.source[idx]), bs.append(tier)
            continue
        keep = ~np.isnan(x[:, 0])
        xs.append(x[keep][:, cols]), ys.append(np.ones(int(keep.sum()), t.y.dtype)), bs.append(tier[keep])
        if row.endswith(PAIRS):  # the real image beside its made fake, both in a pseudo-source
            xs.append(t.x[(recipe.backbone, "clean")][idx][keep][:, cols]), ys.append(t.y[idx][keep])
            ss.extend([np.full(int(keep.sum()), SELF_MADE_SOURCE)] * 2), bs.append(tier[keep])
        else:
            ss.append(t.source[idx][keep])
    y, s, b = np.concatenate(ys), np.concatenate(ss), np.concatenate(bs)
    w = weights(y, s)
    if recipe.balance == "sharpness":
        w = sharpness_balanced(w, y, s, b)
    return np.concatenate(xs), y, w


def sharpness_tiers(t: Table, idx: np.ndarray, bins: int = SHARPNESS_BINS) -> np.ndarray:
    """Each image's quarter (with bins=4) of its source's range of clean-view sharpness, the
    quantiles taken over the source's images in `idx` of both classes."""
    sharp, tier = t.sharp["clean"][idx], np.zeros(len(idx), int)
    for src in np.unique(t.source[idx]):
        mine = t.source[idx] == src
        edges = np.quantile(sharp[mine], np.linspace(0, 1, bins + 1)[1:-1])
        tier[mine] = np.searchsorted(edges, sharp[mine], side="right")
    return tier


def sharpness_balanced(w: np.ndarray, y: np.ndarray, sources: np.ndarray, tiers: np.ndarray,
                       cap: float = SHARPNESS_CAP) -> np.ndarray:
    """`w` (sources equal, classes equal within a source) reweighted so that within each source
    and sharpness tier both classes weigh the same, each row moved at most `cap` times; every
    source and class keeps its total."""
    out = w.copy()
    for src in np.unique(sources):
        mine = sources == src
        for tier in np.unique(tiers[mine]):
            cell = mine & (tiers == tier)
            mass = w[cell].sum()
            for label in (0, 1):
                part = cell & (y == label)
                if part.any():
                    out[part] = w[part] * np.clip(0.5 * mass / w[part].sum(), 1 / cap, cap)
        for label in (0, 1):  # each class of the source keeps its total weight
            part = mine & (y == label)
            if part.any():
                out[part] *= w[part].sum() / out[part].sum()
    return out


def loso_logits(t: Table, recipe: Recipe, log=print) -> dict[str, np.ndarray]:
    """condition -> logit of every image, each scored by the head fitted without its source."""
    b, cols = recipe.backbone, recipe.columns()
    out = {cond: np.full(len(t.y), np.nan) for cond in REPORT_CONDITIONS if (b, cond) in t.x}
    for h in SOURCES:
        started = time.time()
        head = fit_head(*train_rows(t, recipe, held_out=h), recipe.c)
        mine = np.flatnonzero(t.source == h)
        for cond in out:
            out[cond][mine] = head.logits(t.x[(b, cond)][mine][:, cols])
        log(f"    {recipe.name} without {h}: {time.time() - started:.0f} s")
    return out


# --------------------------------------------------------------------------- verdict layer


def fit_bands_loso(p: np.ndarray, y: np.ndarray, w: np.ndarray,
                   accuracy: float = BAND_ACCURACY, fakes_real: float = BAND_FAKES_REAL,
                   groups: np.ndarray | None = None) -> dict:
    """(t_real, t_fake) deciding as many (weighted) images as possible while decided verdicts
    are right >= `accuracy` and <= `fakes_real` of the fakes are called real. With `groups`
    (the source of each row), both must hold on every source, not only on their pool: bands
    pooled over sources meet the targets on the average source and miss them on a new one."""
    grid = np.round(np.arange(0.01, 1.0, 0.01), 2)
    best, best_decided = {"t_real": 0.01, "t_fake": 0.99}, -1.0
    parts = [np.ones(len(p), bool)] if groups is None else [groups == g for g in np.unique(groups)]

    def few_fakes_real(real: np.ndarray) -> bool:
        return all((w * m * (y == 1) * real).sum() <= fakes_real * (w * m * (y == 1)).sum() for m in parts)

    def right_enough(real: np.ndarray, fake: np.ndarray) -> bool:
        right = (real & (y == 0)) | (fake & (y == 1))
        return all((w * m * right).sum() >= accuracy * (w * m * (real | fake)).sum() for m in parts)

    for t_real in grid[grid <= 0.5]:
        real = p < t_real
        if not few_fakes_real(real):
            break  # higher t_real only calls more fakes real
        for t_fake in grid[grid >= 0.5]:
            fake = p >= t_fake
            if not (real | fake).any() or not right_enough(real, fake):
                continue
            share = (w * (real | fake)).sum()
            if share > best_decided:
                best, best_decided = {"t_real": float(t_real), "t_fake": float(t_fake)}, share
            break  # the lowest feasible t_fake decides the most for this t_real
    return best


@dataclass
class VerdictLayer:
    """Platt per model, logistic stack, bands: all fitted on LOSO validation scores."""

    platt: dict[str, tuple[float, float]]
    weights: dict[str, float]
    bias: float
    bands: dict

    def fused(self, z: dict[str, np.ndarray]) -> np.ndarray:
        """The fused probability of each row, by the app's own fusion (core/fusion.fuse_scores)."""
        probs = {m: clipped_sigmoid(self.platt[m][0] * zz + self.platt[m][1]) for m, zz in z.items()}
        fused = fuse_scores(probs, self.weights, Fusion("logistic", self.bias))
        return np.full(len(next(iter(z.values()))), sigmoid(self.bias)) if fused is None else fused


def clipped_sigmoid(z):
    return sigmoid(np.clip(z, -50, 50))  # the app's own, clipped: LOSO logits of unseen sources can be large


def fit_verdict_layer(z: dict[str, np.ndarray], y: np.ndarray, w: np.ndarray,
                      groups: np.ndarray | None = None) -> VerdictLayer:
    platt = {m: fit_platt(zz, y) for m, zz in z.items()}
    probs = {m: clipped_sigmoid(a * z[m] + b) for m, (a, b) in platt.items()}
    if len(probs) > 1:
        wts, bias = fit_logistic(probs, y)
    else:
        wts, bias = {m: 1.0 for m in probs}, 0.0
    layer = VerdictLayer(platt, wts, bias, {})
    layer.bands = fit_bands_loso(layer.fused(z), y, w, groups=groups)
    return layer


def validation_layer(t: Table, z: dict[str, dict[str, np.ndarray]], sources) -> VerdictLayer:
    """The verdict layer fitted on the LOSO scores of `sources`' validation rows (clean and social
    copies), bands per source when BANDS_PER_SOURCE."""
    val = t.rows(sources, ["val"])
    vz = {m: np.concatenate([z[m][c][val] for c in TRAIN_CONDITIONS]) for m in z}
    vy = np.concatenate([t.y[val]] * len(TRAIN_CONDITIONS))
    vs = np.concatenate([t.source[val]] * len(TRAIN_CONDITIONS))
    return fit_verdict_layer(vz, vy, weights(vy, vs), groups=vs if BANDS_PER_SOURCE else None)


def band_rule() -> str:
    """The bands' fitting rule in words (manifest and model card)."""
    where = "on each source's" if BANDS_PER_SOURCE else "on the pooled"
    return (f"decided verdicts right >= {BAND_ACCURACY:.0%} and <= {BAND_FAKES_REAL:.0%} of fakes called real "
            f"{where} leave-one-source-out validation scores")


# --------------------------------------------------------------------------- reports


def source_metrics(y, p, bands: dict | None = None) -> dict:
    out = {"images": int(len(y)), "auc": _r(roc_auc(y, p)), "ap": _r(average_precision(y, p)),
           "accuracy": _r(float(np.mean((p >= 0.5) == (y == 1))))}
    if bands:
        b = band_report(p, y, bands)
        fakes = max(1, int((y == 1).sum()))
        out.update(decided_accuracy=_r(b["decided_accuracy"]), uncertain_share=_r(b["uncertain_share"]),
                   fakes_called_real=_r(b["fake_called_real"] / fakes))
    return out


def _r(v, n=4):
    return None if v is None else round(float(v), n)


def loso_report(t: Table, z: dict[str, dict[str, np.ndarray]]) -> dict:
    """z: model -> condition -> LOSO logits. Per held-out source h: the verdict layer is fitted
    on the other sources' validation rows; h's test rows are reported under each condition."""
    report = {}
    for h in SOURCES:
        layer = validation_layer(t, z, [s for s in SOURCES if s != h])
        test = t.rows([h], ["test"])
        entry = {"bands": layer.bands, "fusion_weights": {m: _r(v) for m, v in layer.weights.items()}}
        pick = t.rows([h], ["train", "val"])  # what choices between fusions are made on (never h's test split)
        entry["selection_auc"] = _r(roc_auc(t.y[pick], layer.fused({m: z[m]["clean"][pick] for m in z})))
        for c in REPORT_CONDITIONS:
            if not all(c in z[m] for m in z):
                continue
            zt = {m: z[m][c][test] for m in z}
            entry[c] = {"fused": source_metrics(t.y[test], layer.fused(zt), layer.bands)}
            for m in z:
                a, b = layer.platt[m]
                entry[c][m] = source_metrics(t.y[test], clipped_sigmoid(a * zt[m] + b))
            if c in t.sharp:
                entry[c]["sharpness_control"] = source_metrics(t.y[test], t.sharp[c][test])
        report[h] = entry
    return report


def summarise(report: dict, model: str = "fused", condition: str = "clean") -> dict:
    vals = {h: r[condition][model] for h, r in report.items() if condition in r}
    sel = [r["selection_auc"] for r in report.values() if r.get("selection_auc") is not None]
    out = {"selection_auc": {"mean": _r(np.mean(sel)), "worst": _r(min(sel))}} if sel and model == "fused" else {}
    for k in ("auc", "decided_accuracy", "fakes_called_real", "uncertain_share"):
        xs = [v[k] for v in vals.values() if v.get(k) is not None]
        if xs:
            worst = max(xs) if k in ("fakes_called_real", "uncertain_share") else min(xs)
            out[k] = {"mean": _r(np.mean(xs)), "worst": _r(worst)}
    return out


def selection_auc(t: Table, zc: np.ndarray) -> dict:
    """LOSO AUC on each held-out source's train+val images (never its test split): the figure
    model choices are made on."""
    aucs = {}
    for h in SOURCES:
        idx = t.rows([h], ["train", "val"])
        aucs[h] = _r(roc_auc(t.y[idx], zc[idx]))
    vals = [v for v in aucs.values() if v is not None]
    return {"per_source": aucs, "mean": _r(np.mean(vals)), "worst": _r(min(vals))}


def merit(selection: dict) -> float:
    """What model choices maximise: mean + worst selection LOSO AUC over the held-out sources."""
    return selection["mean"] + selection["worst"]


# Fusions whose merit is within this of the best count as tied, and the one with the fewest models
# wins: each backbone adds inference time and megabytes, and a difference this small is noise on
# six sources of 46-450 selection images each.
MERIT_TIE = 0.005


def choose_combination(tables: dict) -> str:
    """The fusion to ship: the best merit, or among those within MERIT_TIE of it the fewest models
    (then the best merit)."""
    score = {k: merit(v["summary"]["clean"]["selection_auc"]) for k, v in tables.items()}
    best = max(score.values())
    return min((k for k in score if score[k] >= best - MERIT_TIE), key=lambda k: (k.count("+"), -score[k]))


def recipes(backbones, cs, pools=("every source",), extras=((),), taps=("all",), balances=("source",)) -> list[Recipe]:
    """The grid: every backbone x C x pool x extra training rows (beside clean + social) x depths x
    row weighting."""
    return [Recipe(b, c, p, TRAIN_CONDITIONS + tuple(e), d, bal)
            for b in backbones for c in cs for p in pools for e in extras for d in taps for bal in balances]


def sweep(grid: list[Recipe], out: Path | None = None) -> dict:
    """Every recipe's LOSO logits; the best recipe per backbone by selection AUC (mean + worst);
    each backbone alone and all fused, reported per held-out source; the best combination ships."""
    conds = set(REPORT_CONDITIONS) | {cache_condition(c) for r in grid for c in r.rows}
    grid = [r for r in grid if all(features.complete(r.backbone, cache_condition(c)) for c in r.rows)]
    avail = sorted({r.backbone for r in grid}, key=[r.backbone for r in grid].index)
    t = load_table(avail, sorted(conds))
    results = {}
    for r in grid:
        z = loso_logits(t, r, log=lambda m: None)
        results[r.name] = {"recipe": r.as_dict(), "selection": selection_auc(t, z["clean"]), "z": z}
        print(f"  {r.name}: selection LOSO AUC {results[r.name]['selection']}", flush=True)
    best = {}
    for b in avail:
        mine = [v for v in results.values() if v["recipe"]["backbone"] == b]
        best[b] = max(mine, key=lambda v: merit(v["selection"]))
    combos = {"+".join(group): {b: best[b]["z"] for b in group}  # every backbone alone, and every fusion
              for k in range(1, len(avail) + 1) for group in itertools.combinations(avail, k)}
    tables = {}
    for name, z in combos.items():
        rep = loso_report(t, z)
        tables[name] = {"per_source": rep, "summary": {c: summarise(rep, "fused", c) for c in REPORT_CONDITIONS}}
        print(f"  {name}: {json.dumps(tables[name]['summary']['clean'])}", flush=True)
    ship = choose_combination(tables)
    print(f"  shipped combination (selection LOSO AUC mean + worst, fewest models within {MERIT_TIE}): {ship}",
          flush=True)
    doc = {"selection": {k: {kk: vv for kk, vv in v.items() if kk != "z"} for k, v in results.items()},
           "chosen": {b: best[b]["recipe"] for b in ship.split("+")}, "ship": ship, "loso": tables}
    out = out or REPORTS_DIR / "loso_probes.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {out}")
    return doc


# --------------------------------------------------------------------------- levers tried

MOBILENET_TAPS = {"early (strides 4-16: 24+32+96)": slice(0, 152), "stride 32 block (320)": slice(152, 472),
                  "last layer only (1280)": slice(472, 1752), "all five depths (1752)": slice(0, 1752)}


def experiments(c: float = 0.1, out: Path | None = None) -> dict:
    """The levers of issue 12 that cached features can answer, each judged by selection LOSO AUC
    (held-out sources' train+val images): which depths, whole picture vs a native centre crop,
    re-encoded training rows or not. Written to training/reports/loso_experiments.json."""
    rows = {}
    t = load_table(["mobilenet_v2"], ["clean", "social"])
    full = dict(t.x)
    score = lambda r: selection_auc(t, loso_logits(t, r, log=lambda m: None)["clean"])
    for name, sl in MOBILENET_TAPS.items():
        for k in full:
            t.x[k] = full[k][:, sl]
        rows[f"MobileNetV2 {name}, whole picture, clean + re-encoded rows"] = score(Recipe("mobilenet_v2", c))
        print(" ", name, rows[next(reversed(rows))], flush=True)
    for cond in ("clean", "social"):
        t.x[("mobilenet_v2", cond)] = features.load("mobilenet_v2", cond)["x"].astype(np.float32)
    rows["MobileNetV2 all five depths, whole picture, clean + re-encoded rows, no per-depth normalisation"] = \
        score(Recipe("mobilenet_v2", c))
    t.x.update(full)
    rows["MobileNetV2 all depths, whole picture, clean rows only"] = score(Recipe("mobilenet_v2", c, rows=("clean",)))
    if features.FEATURES_DIR.joinpath("mobilenet_v2", "clean@c144").is_dir():
        t.x[("mobilenet_v2", "clean")] = features.tap_normalise(
            features.load("mobilenet_v2", "clean@c144")["x"].astype(np.float32), features.BACKBONES["mobilenet_v2"].taps)
        rows["MobileNetV2 all depths, native 144 px centre crop, clean rows only"] = score(
            Recipe("mobilenet_v2", c, rows=("clean",)))
    doc = {"C": c, "measure": "LOSO ROC AUC on each held-out source's train+val images", "rows": rows}
    out = out or REPORTS_DIR / "loso_experiments.json"
    out.write_text(json.dumps(doc, indent=1) + "\n")
    print(f"wrote {out}")
    return doc
