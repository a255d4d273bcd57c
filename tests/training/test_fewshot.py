"""The few-shot yardstick: the app's taught rule on arrays, and one held-out source measured on
synthetic features where teaching must work (a direction only the held-out source's fakes carry)."""

import numpy as np
import pytest

from training import fewshot

SOURCES = ("a", "b", "c")


def synthetic_rows(n=80, dims=12, seed=0):
    rng = np.random.default_rng(seed)
    y, src, split = [], [], []
    for s in SOURCES:
        for label in (0, 1):
            y += [label] * n
            src += [s] * n
            split += list(rng.choice(["train", "val", "test"], n, p=[0.6, 0.1, 0.3]))
    y, src = np.array(y), np.array(src)
    rows = fewshot.Rows(y, src, np.array(split), np.arange(len(y)).astype(str), np.arange(len(y)).astype(str))
    x = rng.normal(size=(len(y), dims)).astype(np.float32)
    x[:, 0] += np.where(src == "a", 3.0 * y, 0)  # only source a's fakes stand out, on feature 0
    return rows, x


def test_the_taught_rule_is_the_apps_rule():
    thresholds = {"fake": 0.83, "uncertain": 0.5}
    base = np.array(["real", "real", "real", "uncertain", "fake", "uncertain"])
    p = np.array([0.1, 0.6, 0.9, 0.95, 0.1, 0.3])
    got = fewshot.raised(base, p, thresholds)
    # a taught detector raises suspicion and never lowers it
    assert list(got) == ["real", "uncertain", "fake", "fake", "fake", "uncertain"]


def test_an_unfamiliar_file_is_at_most_uncertain():
    base = np.array(["real", "real", "uncertain"])
    p = np.array([0.99, 0.99, 0.99])
    got = fewshot.raised(base, p, {"fake": 0.83, "uncertain": 0.5}, familiar=np.array([True, False, False]))
    assert list(got) == ["fake", "uncertain", "uncertain"]


def test_teaching_a_held_out_source_beats_zero_shot():
    rows, x = synthetic_rows()
    test = rows.where(source="a", split="test")
    p0 = np.full(len(rows.y), 0.5)  # a zero-shot model that knows nothing of source a
    base = {"p": p0, "bands": {"t_real": 0.16, "t_fake": 0.83}}
    got = fewshot.measure_source("a", x, rows, base, 0.83, ks=(10, 20), draws=2)
    assert got["zero_shot"]["uncertain_share"] == 1.0
    taught = got["k"][20]["same_kind"]
    assert taught["auc"]["mean"] > 0.9
    assert taught["decided_right"]["mean"] > 0.8
    assert 0.0 <= taught["other_reals_turned_fake"]["mean"] <= 0.2
    assert got["k"][10]["draws"] == 2 and len(test) > 0
    s = fewshot.summary({"a": got}, ["a"])
    assert s["k20_same_kind"]["auc"]["mean"] == taught["auc"]["mean"]


def test_teaching_with_reals_of_one_other_kind_is_measured_per_draw_on_another_source():
    rows, x = synthetic_rows()
    base = {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}
    got = fewshot.measure_source("a", x, rows, base, 0.83, ks=(20,), draws=2)
    one = got["k"][20]["reals_of_one_other_kind"]
    assert {"auc", "reals_called_fake", "fakes_called_fake"} <= set(one)
    # source a's fakes stand out from every real photo here, so teaching them with b's or c's reals still works
    assert one["auc"]["mean"] > 0.8
    s = fewshot.summary({"a": got}, ["a"], ks=(20,))
    assert s["k20_reals_of_one_other_kind"]["auc"]["mean"] == one["auc"]["mean"]


def test_the_verdict_metrics_count_fakes_called_fake_and_real():
    v = np.array(["fake", "uncertain", "real", "fake", "real"])
    y = np.array([1, 1, 1, 0, 0])
    m = fewshot.verdict_metrics(v, y)
    assert m["fakes_called_fake"] == 1 / 3 and m["fakes_called_real"] == 1 / 3
    assert m["reals_called_fake"] == 0.5 and m["uncertain_share"] == pytest.approx(0.2) and m["decided_right"] == 0.5


def test_the_face_rule_holds_the_fakes_that_show_a_face_when_the_reals_show_none():
    rows, x = synthetic_rows()
    base = {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}
    face = (rows.source == "a") & (rows.y == 1)  # source a's fakes show faces, no real photo does
    free = fewshot.measure_source("a", x, rows, base, 0.83, ks=(20,), draws=2, familiarity=True)
    ruled = fewshot.measure_source("a", x, rows, base, 0.83, ks=(20,), draws=2, familiarity=True, face=face)
    assert free["k"][20]["same_kind"]["fakes_called_fake"]["mean"] > 0.1
    assert ruled["k"][20]["same_kind"]["fakes_called_fake"]["mean"] == 0.0  # each shows a face: held at uncertain
    assert ruled["k"][20]["same_kind"]["auc"] == free["k"][20]["same_kind"]["auc"]  # the score itself is untouched


def test_the_face_rule_needs_the_familiarity_check():
    with pytest.raises(SystemExit):
        fewshot.run(["efficientnet_lite2"], familiarity=False, face_rule_on=True)


def test_a_feature_set_names_its_backbones_and_their_view_variants(monkeypatch):
    seen = []
    monkeypatch.setattr(fewshot.features, "complete", lambda b, c: seen.append((b, c)) or c != "clean@s448")
    assert fewshot.complete("efficientnet_lite2+mobilenet_v2_npr")
    assert not fewshot.complete("efficientnet_lite2@s448")
    assert seen == [("efficientnet_lite2", "clean"), ("mobilenet_v2_npr", "clean"), ("efficientnet_lite2", "clean@s448")]
