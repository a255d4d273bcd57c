"""A face inside a larger picture: does a detector taught from whole pictures still see it? (issue 33)

Our face sets are face crops, so the yardstick never asks what a newsroom meets most: a swapped or
generated face that fills part of a photo or a video frame. `learn` reads the whole picture (longer
side at most 512 px, as the scan gives it), where such a face is a fraction of the pixels. This
measures it on one source that teaches perfectly as crops (StyleGAN2 faces against Unsplash
portraits): every face, real or fake, is pasted the same way into a licence-clean photo
(photos/real, scaled to 1600 px on its longer side) at a seeded place, a fifth to a third of the
photo's shorter side; then the yardstick's draws (k fakes and k reals of the train split, learn's
head) are taught and tested three ways: on the whole pictures, on the crop around the face with the
margin the scan's face views use (core.faces.MARGIN), and on the original crops.

    python -m training fewshot_embedded    # -> training/reports/fewshot_embedded.json (about 7 min)
"""

from __future__ import annotations

import glob
import hashlib
import json
import time

import numpy as np
from PIL import Image

from deepfake_desk.core.faces import MARGIN
from deepfake_desk.core.media import load_image
from training import data, features
from training.fewshot import REPORTS_DIR, Rows, _groups, draw_examples
from training.fewshot_variants import logistic
from training.metrics import roc_auc

SOURCE = "faces/stylegan2_tpdne"
OTHER_SOURCES = ("faces/stylegan_ffhq", "faces/openforensics", "faces/dfdc")  # their real test photos, pasted alike
BACKBONE = "efficientnet_lite2"
LONG_SIDE = 1600
FACE_SHARE = (0.2, 0.3)  # of the photo's shorter side
KS = (10, 20)
DRAWS = 5
REPORT = REPORTS_DIR / "fewshot_embedded.json"
CACHE = data.CACHE_DIR / "fewshot_embedded.npz"  # derived from the images: delete to recompute
CACHE_OTHERS = data.CACHE_DIR / "fewshot_embedded_others.npz"
VIEWS = ("whole picture", "crop around the face", "the face set's own crop")
BOTH_MAX = "taught on both, scored by the higher of the two"
LEARN_VIEWS = "taught on both, scored by the face (what learn and a scan do)"


def backgrounds(min_side: int = 400) -> list[np.ndarray]:
    """The licence-clean real photos large enough to hold a face, each scaled to LONG_SIDE on its longer side."""
    out = []
    for path in sorted(glob.glob(str(data.DEFAULT_DATA_ROOT / "photos" / "real" / "*"))):
        img = Image.open(path).convert("RGB")
        if min(img.size) >= min_side:
            s = LONG_SIDE / max(img.size)
            out.append(np.asarray(img.resize((round(img.size[0] * s), round(img.size[1] * s)), Image.LANCZOS)))
    return out


def embed(face: np.ndarray, background: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(the photo with the face pasted in, the crop around the face with the scan's margin)."""
    rng = np.random.default_rng(seed)
    h, w = background.shape[:2]
    side = int(min(h, w) * rng.uniform(*FACE_SHARE))
    x0, y0 = int(rng.integers(0, w - side)), int(rng.integers(0, h - side))
    big = background.copy()
    big[y0 : y0 + side, x0 : x0 + side] = np.asarray(Image.fromarray(face).resize((side, side), Image.LANCZOS))
    m = int(side * MARGIN)
    return big, big[max(0, y0 - m) : y0 + side + m, max(0, x0 - m) : x0 + side + m]


def extract(rows: Rows, log=print, idx: np.ndarray | None = None, cache=CACHE) -> dict[str, np.ndarray]:
    """Each view's tap-normalised features for the rows `idx` (every row of SOURCE by default; NaN elsewhere),
    cached in `cache`."""
    if cache.exists():
        got = np.load(cache)
        if np.array_equal(got["path"], rows.path):
            return {v: got[f"x{i}"] for i, v in enumerate(VIEWS)}
    torch = features._torch()
    torch.set_num_threads(2)
    backbone = features.BACKBONES[BACKBONE]
    net = backbone.build()
    bgs = backgrounds()
    idx = rows.where(source=SOURCE) if idx is None else idx
    got: dict[str, list] = {v: [] for v in VIEWS}
    started = time.time()
    for n, i in enumerate(idx):
        face = load_image(rows.path[i])
        seed = int(hashlib.sha256(rows.path[i].encode()).hexdigest()[:8], 16)
        big, crop = embed(face, bgs[seed % len(bgs)], seed)
        for view, img in zip(VIEWS, (big, crop, face)):
            v = features.view(img)
            with torch.inference_mode():
                got[view].append(net.pooled(torch.from_numpy(v[None].copy()).permute(0, 3, 1, 2).float() / 255)[0].numpy())
        if n % 250 == 0:
            log(f"{n}/{len(idx)} pictures ({time.time() - started:.0f} s)")
    out = {}
    for view, feats in got.items():
        x = np.full((len(rows.y), sum(backbone.taps)), np.nan)
        x[idx] = features.tap_normalise(np.stack(feats).astype(np.float64), backbone.taps)
        out[view] = x
    cache.parent.mkdir(parents=True, exist_ok=True)
    np.savez(cache, path=rows.path, **{f"x{i}": out[v] for i, v in enumerate(VIEWS)})
    return out


def _taught(rows: Rows, k: int, draws: int, source: str = SOURCE):
    """The yardstick's draws of `source`: the row indices of each draw's k fakes and k reals."""
    for d in range(draws):
        drawn = draw_examples(rows, source, k, d)
        yield np.concatenate([drawn.fakes, dict(drawn.kinds)["same_kind"]])


def guarded(views: dict[str, np.ndarray], others: dict[str, np.ndarray], rows: Rows, ks=KS, draws=DRAWS,
            source: str = SOURCE, other_sources: tuple[str, ...] = OTHER_SOURCES) -> dict:
    """The app's own fit and guards on the draws (core.learn: both views taught, files judged by the face,
    the real-photo bank's threshold, familiarity with the taught reals' views): `source`'s test fakes called fake
    and reals turned fake, and the real test photos of `other_sources`, pasted the same way, turned fake (a
    fake verdict needs the face at or above the fake threshold and familiar)."""
    from deepfake_desk.core.familiarity import fit_real_stats
    from deepfake_desk.core.learn import feature_model, fit_taught_head, real_bank
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.resources import default_manifest_path

    manifest = load_manifest(default_manifest_path())
    bank = real_bank(feature_model(manifest))
    whole, crop = views[VIEWS[0]], views[VIEWS[1]]
    test = rows.where(source=source, split="test")
    other = np.concatenate([rows.where(source=o, split="test", label=0) for o in other_sources])
    out = {}
    for k in ks:
        got = []
        for idx in _taught(rows, k, draws, source):
            x = np.concatenate([whole[idx], crop[idx]])
            y = np.tile(rows.y[idx], 2)
            scores = np.concatenate([np.full(len(idx), -1), np.arange(len(idx))])  # files judged by the face
            fitted = fit_taught_head(x, y, np.tile(_groups(rows, idx), 2), manifest.bands.t_fake, bank, files=scores)
            stats = fit_real_stats(x[y == 0])

            def fake(z):
                return (fitted.probability(z) >= fitted.thresholds["fake"]) & np.array([stats.familiar(f) for f in z])

            called = fake(crop[test])
            got.append([called[rows.y[test] == 1].mean(), called[rows.y[test] == 0].mean(),
                        fake(others[VIEWS[1]][other]).mean(),
                        (fitted.probability(others[VIEWS[1]][other]) >= fitted.thresholds["fake"]).mean(),
                        roc_auc(rows.y[test], fitted.probability(crop[test]))])
        mean = np.mean(got, axis=0)
        out[str(k)] = {"fakes_called_fake": round(float(mean[0]), 4), "reals_turned_fake": round(float(mean[1]), 4),
                       "other_kinds_reals_turned_fake": round(float(mean[2]), 4),
                       "other_kinds_reals_at_fake_threshold": round(float(mean[3]), 4),
                       "other_kinds_reals": int(len(other)), "auc": round(float(mean[4]), 4)}
    return out


def taught_auc(views: list[np.ndarray], rows: Rows, ks=KS, draws=DRAWS, scored: int | None = None) -> dict[str, float]:
    """Mean test-split AUC of learn's head taught on the yardstick's draws of SOURCE, on every one of `views`
    (each example's rows, in its group); each test picture scored by its highest view, or by view `scored`
    alone (learn and a scan teach a picture's whole view and its face views, and judge it by its faces:
    core.learn.ExampleViews, core.detector)."""
    test = rows.where(source=SOURCE, split="test")
    out = {}
    for k in ks:
        aucs = []
        for idx in _taught(rows, k, draws):
            head = logistic(np.concatenate([v[idx] for v in views]), np.tile(rows.y[idx], len(views)),
                            np.tile(_groups(rows, idx), len(views)))
            judged = views if scored is None else [views[scored]]
            aucs.append(roc_auc(rows.y[test], np.max([head(v[test]) for v in judged], axis=0)))
        out[str(k)] = round(float(np.mean(aucs)), 4)
    return out


def run(log=print) -> dict:
    rows = Rows.load()
    views = extract(rows, log)
    report = {"method": __doc__.split("\n\n")[0], "source": SOURCE, "face_share": list(FACE_SHARE),
              "long_side": LONG_SIDE, "draws": DRAWS, "views": {v: taught_auc([x], rows) for v, x in views.items()}}
    both = [views[VIEWS[0]], views[VIEWS[1]]]
    report["views"][BOTH_MAX] = taught_auc(both, rows)
    report["views"][LEARN_VIEWS] = taught_auc(both, rows, scored=1)
    others = extract(rows, log, np.concatenate([rows.where(source=o, split="test", label=0) for o in OTHER_SOURCES]),
                     CACHE_OTHERS)
    report["guarded"] = guarded(views, others, rows)
    report["guarded_by_source"] = by_source(rows, views, others, log)
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"{report['views']}; wrote {REPORT}")
    return report


FACE_SOURCES = (SOURCE, *OTHER_SOURCES)
CACHE_SOURCES = data.CACHE_DIR / "fewshot_embedded_sources.npz"  # the other face sets' draws and test fakes


def _filled(*parts: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The views of several caches over the same rows, each row from the first cache that has it."""
    out = {v: parts[0][v].copy() for v in VIEWS}
    for part in parts[1:]:
        for v in VIEWS:
            empty = np.isnan(out[v][:, 0])
            out[v][empty] = part[v][empty]
    return out


def by_source(rows: Rows, views: dict[str, np.ndarray], others: dict[str, np.ndarray], log=print) -> dict:
    """`guarded` with each face set taught in turn (its faces pasted into photos as SOURCE's are), the real test
    photos of the three other face sets pasted alike: is the face views' safety a property of one source?"""
    need = [np.concatenate([idx for k in KS for idx in _taught(rows, k, DRAWS, s)]
                           + [rows.where(source=s, split="test", label=1)]) for s in OTHER_SOURCES]
    more = extract(rows, log, np.unique(np.concatenate(need)), CACHE_SOURCES)
    every = _filled(views, others, more)
    return {s: guarded(every, every, rows, source=s, other_sources=tuple(o for o in FACE_SOURCES if o != s))
            for s in FACE_SOURCES}


def main(argv: list[str] | None = None) -> None:
    import argparse

    argparse.ArgumentParser(prog="python -m training fewshot_embedded", description=__doc__.split("\n\n")[0]).parse_args(argv)
    run()


if __name__ == "__main__":
    main()
