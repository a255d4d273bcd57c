"""training/fewshot_embedded.py: a face is pasted whole into the photo, and the crop around it is that face with
the scan's margin; the card's table says the measured figures."""

from __future__ import annotations

import json

import numpy as np

from deepfake_desk.core.faces import MARGIN
from training import card_adapt, fewshot_embedded


def test_the_face_is_pasted_whole_and_its_crop_holds_it_with_the_scans_margin():
    face = np.zeros((64, 64, 3), np.uint8)
    face[..., 0] = 255  # a red square
    background = np.full((600, 900, 3), 40, np.uint8)
    big, crop = fewshot_embedded.embed(face, background, seed=7)
    red = (big[..., 0] == 255) & (big[..., 1] == 0)
    side = int(np.sqrt(red.sum()))
    assert side * side == red.sum() and 0.2 * 600 <= side <= 0.3 * 600  # one square a fifth to a third of 600 px
    assert big.shape == background.shape and (big[~red] == 40).all()  # nothing else changed
    assert (crop[..., 0] == 255).sum() == red.sum()  # the crop holds the whole face
    margin = int(side * MARGIN)
    assert max(crop.shape[:2]) <= side + 2 * margin and min(crop.shape[:2]) > side
    assert np.array_equal(fewshot_embedded.embed(face, background, seed=7)[0], big)  # seeded


def test_the_card_table_says_each_views_figures(tmp_path, monkeypatch):
    report = {"source": "faces/x", "face_share": [0.2, 0.3], "long_side": 1600, "draws": 5,
              "views": {"whole picture": {"10": 0.639, "20": 0.589}, "crop around the face": {"10": 0.964, "20": 0.983}}}
    (tmp_path / "fewshot_embedded.json").write_text(json.dumps(report))
    monkeypatch.setattr(card_adapt, "REPORTS_DIR", tmp_path)
    text = "\n".join(card_adapt.embedded_lines())
    assert "| whole picture | 0.64 | 0.59 |" in text and "| crop around the face | 0.96 | 0.98 |" in text
    assert "20% to 30% of its shorter side" in text and "With the app's own fit" not in text
    report["guarded"] = {"20": {"fakes_called_fake": 0.059, "reals_turned_fake": 0.0, "other_kinds_reals": 274,
                                "other_kinds_reals_turned_fake": 0.0088, "other_kinds_reals_at_fake_threshold": 0.0088}}
    (tmp_path / "fewshot_embedded.json").write_text(json.dumps(report))
    text = "\n".join(card_adapt.embedded_lines())
    assert "6% of the test fakes called fake" in text and "1% of 274 real photos of the other face sets" in text
    report["guarded_by_source"] = {"faces/y": {"20": {"fakes_called_fake": 0.21, "reals_turned_fake": 0.01,
                                                      "other_kinds_reals": 300, "other_kinds_reals_turned_fake": 0.013,
                                                      "other_kinds_reals_at_fake_threshold": 0.12, "auc": 0.913}}}
    (tmp_path / "fewshot_embedded.json").write_text(json.dumps(report))
    text = "\n".join(card_adapt.embedded_lines())
    assert "| faces/y | 0.91 | 21% | 1% | 1% of 300 | 12% |" in text and "Each face set taught in turn" in text
