"""Taught detectors on re-encoded files: the three ways of teaching, measured on synthetic features, and the
rule stated before the run that decides whether learn should teach with re-encoded copies."""

import numpy as np

from tests.training.test_fewshot import synthetic_rows
from training import fewshot_reencoded as fr


def conditions(x, rng):
    # re-encoding blurs the trace (feature 0) and moves every picture along feature 1
    shifted = x.copy()
    shifted[:, 0] *= 0.5
    shifted[:, 1] += 2.0
    return {"clean": x, "aug": shifted + rng.normal(0, 0.1, x.shape), "jpeg70": shifted}


def test_copies_are_taught_beside_their_examples_in_their_groups():
    rows, x = synthetic_rows()
    xs = conditions(x, np.random.default_rng(1))
    idx = np.array([0, 1, 200, 201])
    xt, y, g = fr.teaching_rows("with re-encoded copies", idx, rows, xs)
    assert xt.shape == (8, x.shape[1]) and list(y) == list(rows.y[idx]) * 2
    assert list(g[:4]) == list(g[4:])  # a copy is never checked against the example it was made from
    assert np.array_equal(fr.teaching_rows("from re-encoded examples only", idx, rows, xs)[0], xs["aug"][idx])
    assert np.array_equal(fr.teaching_rows("as found", idx, rows, xs)[0], x[idx])


def test_each_way_is_measured_on_files_as_they_are_and_re_encoded():
    rows, x = synthetic_rows()
    xs = conditions(x, np.random.default_rng(1))
    base = {"a": {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}}
    per = fr.measure(rows, xs, base, 0.83, None, None, ks=(20,), draws=2, sources=("a",))
    got = per["a"]["20"]
    assert set(got) == set(fr.TEACHING) and all(set(v) == set(fr.TESTS) for v in got.values())
    assert got["as found"]["clean"]["auc"] > 0.9
    # taught on the re-encoded look, the head meets re-encoded files as it learned them
    assert got["from re-encoded examples only"]["jpeg70"]["auc"] >= got["as found"]["jpeg70"]["auc"] - 0.02
    s = fr.summarise(per, ks=(20,))
    assert s["20"]["as found"]["clean"]["auc"]["mean"] == got["as found"]["clean"]["auc"]


def test_copies_ship_only_if_they_win_on_re_encoded_files_at_every_k_and_cost_little_on_clean():
    def summary(plain, copies):
        def block(clean, jpeg):
            return {"clean": {"auc": {"mean": clean, "worst": clean - 0.1}},
                    "jpeg70": {"auc": {"mean": jpeg, "worst": jpeg - 0.1}}}
        return {"10": {"as found": block(*plain), "with re-encoded copies": block(*copies)},
                "20": {"as found": block(*plain), "with re-encoded copies": block(*copies)}}

    assert fr.verdict(summary((0.90, 0.80), (0.895, 0.85)), ks=(10, 20))["ship"]
    noisy = {"10": {"mean": 0.05, "se": 0.03}, "20": {"mean": 0.05, "se": 0.01}}
    assert not fr.verdict(summary((0.90, 0.80), (0.895, 0.85)), noisy, ks=(10, 20))["ship"]  # within the noise at k=10
    assert not fr.verdict(summary((0.90, 0.80), (0.88, 0.85)), ks=(10, 20))["ship"]  # costs 0.02 on clean files
    assert not fr.verdict(summary((0.90, 0.80), (0.90, 0.80)), ks=(10, 20))["ship"]  # no gain


def test_the_paired_gain_compares_the_same_draws():
    per = {h: {"20": {"as found": {"jpeg70": {"draw_aucs": [0.8, 0.7]}},
                      "with re-encoded copies": {"jpeg70": {"draw_aucs": [0.9, 0.7]}}}} for h in ("a", "b")}
    got = fr.paired_gain(per, 20, "jpeg70")
    assert got["pairs"] == 4 and got["mean"] == 0.05 and got["se"] > 0
