"""training/fewshot_regions.py: the grid's poolings say where a channel fires, and the card's rows say the
figures measured."""

from __future__ import annotations

import json

import numpy as np

from training import card_adapt, fewshot_regions


def _grid(hot_cell: int, taps=(2, 3)) -> np.ndarray:
    """One picture's grid [1, 9, sum(taps)]: every channel 1.0, the first channel of each tap 5.0 in one cell."""
    g = np.ones((1, 9, sum(taps)), np.float32)
    for start in np.cumsum((0,) + taps[:-1]):
        g[0, hot_cell, start] = 5.0
    return g


def test_centre_minus_ring_sees_a_trace_in_the_middle_and_not_one_at_the_edge():
    taps = (2, 3)
    middle = fewshot_regions.poolings(_grid(4, taps), taps)["centre minus ring"][0]
    edge = fewshot_regions.poolings(_grid(0, taps), taps)["centre minus ring"][0]
    assert middle[0] > 0.9 and middle[2] > 0.9  # each tap's hot channel, unit length per tap
    assert edge[0] < 0 and edge[2] < 0  # fires around the middle, not in it
    assert np.allclose(middle[[1, 3, 4]], 0) and np.allclose(edge[[1, 3, 4]], 0)  # even channels: no difference


def test_the_grid_keeps_each_cell_and_spread_sees_uneven_firing():
    taps = (2, 3)
    got = fewshot_regions.poolings(_grid(0, taps), taps)
    assert got["grid of cells"].shape == (1, 9 * sum(taps))
    even = fewshot_regions.poolings(np.ones((1, 9, 5), np.float32), taps)["spread over cells"]
    assert np.allclose(even, 0) and got["spread over cells"][0, 0] > 0.9


def test_the_card_rows_say_each_poolings_figures(tmp_path, monkeypatch):
    per = {"faces/x": {"10": 0.7, "20": 0.8}, "generic/y": {"10": 0.95, "20": 0.99}}
    ring = {"faces/x": {"10": 0.75, "20": 0.86}, "generic/y": {"10": 0.94, "20": 0.98}}
    report = {"grid": 3, "ks": [10, 20], "variants": {
        "shipped (means)": {"per_source": per, "summary": {"10": {"mean": 0.825, "worst": 0.7}, "20": {"mean": 0.895, "worst": 0.8}}},
        "shipped + centre minus ring": {"per_source": ring,
                                        "summary": {"10": {"mean": 0.845, "worst": 0.75}, "20": {"mean": 0.92, "worst": 0.86}}}}}
    (tmp_path / "fewshot_regions.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.regions_lines([10, 20]))
    assert "| pooling: shipped + centre minus ring | 0.84 (0.75) | 0.92 (0.86) |" in text
    assert "pooling: shipped (means)" not in text  # the baseline is the table's shipped row already
    assert "faces/x 0.80 -> 0.86, generic/y 0.99 -> 0.98" in text
