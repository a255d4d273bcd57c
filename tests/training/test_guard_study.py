"""The guard study's pieces on synthetic features: the draws are the yardstick's, and a familiarity measure
must tell another kind of real photo from the taught kind while keeping the taught kind familiar."""

import numpy as np

from tests.training.test_fewshot import synthetic_rows
from training import fewshot, guard_study


def kinds_apart(shift=4.0):
    """Source b's and c's photos are another kind: most of their features sit elsewhere."""
    rows, x = synthetic_rows(dims=24)
    x = x.copy()
    x[rows.source == "b", 1:] += shift
    x[rows.source == "c", 1:] -= shift
    return rows, x


def test_the_study_draws_exactly_the_yardsticks_examples():
    rows, _ = synthetic_rows()
    first, again = fewshot.draw_examples(rows, "a", 20, 1), fewshot.draw_examples(rows, "a", 20, 1)
    assert np.array_equal(first.fakes, again.fakes)
    kinds = dict(first.kinds)
    assert set(kinds) == set(fewshot.KINDS) and first.one_other in ("b", "c")
    assert set(rows.source[kinds["reals_of_one_other_kind"]]) == {first.one_other}
    assert set(rows.source[kinds["same_kind"]]) == {"a"} and set(rows.y[first.fakes]) == {1}
    assert fewshot.draw_examples(rows, "a", 500, 0) is None  # fewer than k of a class


def test_the_distance_measures_keep_the_taught_kind_and_tell_another_kind():
    rows, x = kinds_apart()
    got = guard_study.familiarity_measures(rows, x, k=20, draws=2, sources=("a",))
    assert set(got) == set(guard_study.MEASURES)
    for name, r in got.items():
        assert r["same_kind_reals_familiar"]["mean"] > 0.5, name
        if name == "share outside the reals' span":  # 20 reals span most of 24 dimensions: anything is inside
            assert 0.0 <= r["one_other_kind_reals_familiar"]["mean"] <= 1.0
            continue
        assert r["one_other_kind_reals_familiar"]["mean"] < 0.1, name


def test_per_draw_turns_no_real_fake_that_is_unlike_the_taught_reals():
    rows, x = kinds_apart()
    base = {"a": {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}}
    draws = guard_study.per_draw(rows, x, base, 0.83, k=20, draws=2, x_aug=x + 0.01, sources=("a",))
    assert len(draws) == 2 and all(d["reals_of"] in ("b", "c") for d in draws)
    for d in draws:
        for name in ("plain", "augmented"):
            r = d[name]
            assert r["reals_familiar"] < 0.1
            assert r["reals_turned_fake"] <= min(r["reals_familiar"], r["reals_above_fake_threshold"]) + 1e-9
    s = guard_study.summarise(draws)
    assert set(s) == {"plain", "augmented"} and s["plain"]["worst_source_reals_turned_fake"] < 0.1


def test_the_face_rule_holds_face_pictures_only_for_a_detector_whose_fakes_show_faces_and_reals_do_not():
    face = np.array([True, True, True, False, False, False, True, False])
    fakes, reals, files = np.array([0, 1, 2]), np.array([3, 4, 5]), np.array([6, 7])
    familiar = np.array([True, True])
    assert list(fewshot.face_rule(familiar, face, fakes, reals, files)) == [False, True]
    # reals with faces too: no gap, the familiarity check alone decides
    assert list(fewshot.face_rule(familiar, face, fakes, np.array([0, 1, 3]), files)) == [True, True]


def test_per_draw_measures_the_face_rule_and_its_cost_when_faces_are_known():
    rows, x = kinds_apart()
    base = {"a": {"p": np.full(len(rows.y), 0.5), "bands": {"t_real": 0.16, "t_fake": 0.83}}}
    face = rows.source == "a"  # source a's pictures show faces, b's and c's do not
    draws = guard_study.per_draw(rows, x, base, 0.83, k=20, draws=2, sources=("a",), face=face)
    for d in draws:
        assert d["face_warning"] and not d["face_warning_same_kind"]
        assert d["plain"]["reals_turned_fake_face_rule"] == 0.0  # every test picture of a shows a face
        same = d["same_kind"]
        assert same["fakes_called_fake_face_rule"] == same["fakes_called_fake"]  # no gap: nothing held
    s = guard_study.summarise(draws)
    assert s["face_warning"]["warned"] == 2 and "same_kind" in s
