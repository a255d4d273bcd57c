"""The known kinds' heads (training/kinds.py): fitted per kind, measured with the source left out."""

import numpy as np

from deepfake_desk.core.kinds import KIND_IDS
from training import kinds
from training.fewshot import Rows


def synthetic(per_class=40, dims=12, seed=0):
    """Every source of training/kinds.py, its fakes shifted along its kind's own feature."""
    rng = np.random.default_rng(seed)
    y, source, split, x = [], [], [], []
    for s, kind in kinds.KIND_OF_SOURCE.items():
        for label in (0, 1):
            f = rng.normal(size=(per_class, dims))
            if label:
                f[:, KIND_IDS.index(kind)] += 5.0
            x.append(f)
            y += [label] * per_class
            source += [s] * per_class
            split += (["train"] * (per_class // 2) + ["val"] * (per_class // 4)
                      + ["test"] * (per_class - per_class // 2 - per_class // 4))
    n = len(y)
    rows = Rows(np.array(y), np.array(source), np.array(split), np.arange(n).astype(str), np.arange(n).astype(str))
    return np.vstack(x), rows


def test_a_left_out_source_is_named_as_its_kind_when_its_kind_shares_the_trace():
    x, rows = synthetic()
    report = kinds.measure(x, rows, log=lambda *_: None)
    assert set(report["per_kind"]) == set(KIND_IDS)
    for source, got in report["per_source"].items():
        assert got["loso_right"] >= 0.9, (source, got)
        assert sum(got["loso_named"].values()) == got["test_fakes"]


def test_a_kind_unlike_what_the_heads_know_is_not_named_right():
    x, rows = synthetic()
    # the GAN faces of one source carry the diffusion trace instead: left out, they are named as diffusion
    odd = (rows.source == "faces/stylegan_ffhq") & (rows.y == 1)
    x[odd, KIND_IDS.index("gan_face")] -= 5.0
    x[odd, KIND_IDS.index("diffusion")] += 5.0
    report = kinds.measure(x, rows, log=lambda *_: None)
    assert report["per_source"]["faces/stylegan_ffhq"]["loso_right"] <= 0.1


def test_fitted_heads_carry_their_loso_figures_and_save_for_the_app(tmp_path):
    x, rows = synthetic()
    heads = kinds.fit_heads(x, rows, rows.where(split=("train", "val")), {"gan_face": 0.75})
    assert heads.right("gan_face") == 0.75 and heads.right("diffusion") is None
    heads.save(tmp_path / "k.npz", "abc")
    with np.load(tmp_path / "k.npz") as got:
        assert got["weights"].shape == (3, x.shape[1]) and str(got["model_sha256"]) == "abc"
