"""Loader, saved splits (DFDC grouped by source video), cache, augmentation switches, pipeline."""

from __future__ import annotations

import csv
from collections import Counter

import numpy as np
import pytest

from training import data
from tests.training.conftest import synthetic, write_image


def test_folder_set_labels_and_sources(data_root):
    samples = data.list_folder_set(data_root, "faces/toy")
    assert len(samples) == 40
    assert Counter(s.label for s in samples) == {0: 20, 1: 20}
    assert all(s.source == "faces/toy" for s in samples)
    assert all((s.label == 1) == ("/fake/" in s.path) for s in samples)


def test_csv_set_reads_seed_format(tmp_path):
    rng = np.random.default_rng(1)
    write_image(tmp_path / "imgs/a.png", synthetic(rng, 0))
    write_image(tmp_path / "imgs/b.png", synthetic(rng, 1))
    with open(tmp_path / "list.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "label"])
        w.writerows([["imgs/a.png", "real"], ["imgs/b.png", "1"]])
    samples = data.list_csv_set(tmp_path / "list.csv")
    assert [(s.label, s.source) for s in samples] == [(0, "list"), (1, "list")]
    assert samples[0].path == str(tmp_path / "imgs/a.png")


def test_splits_are_saved_reloaded_and_disjoint(data_root, tmp_path):
    splits_dir = tmp_path / "splits"
    first = data.load_sets(["faces/toy"], data_root, splits_dir)
    saved = data.split_file("faces/toy", splits_dir)
    assert saved.exists()
    again = data.load_sets(["faces/toy"], data_root, splits_dir)
    assert {k: [s.path for s in v] for k, v in first.items()} == {k: [s.path for s in v] for k, v in again.items()}
    paths = [set(s.path for s in first[k]) for k in data.SPLITS]
    assert not (paths[0] & paths[1] or paths[0] & paths[2] or paths[1] & paths[2])
    assert sum(len(p) for p in paths) == 40
    assert len(first["train"]) == 28  # 70% of each class
    for split in data.SPLITS:  # stratified: both classes in every split
        assert {s.label for s in first[split]} == {0, 1}


def test_saved_split_is_used_even_if_the_seed_changes(data_root, tmp_path):
    splits_dir = tmp_path / "splits"
    samples = data.list_folder_set(data_root, "faces/toy")
    a = data.load_splits("faces/toy", samples, splits_dir, seed=1)
    b = data.load_splits("faces/toy", samples, splits_dir, seed=2)
    assert a == b


def test_dfdc_fakes_share_their_source_videos_split(data_root, tmp_path):
    splits = data.load_sets(["faces/dfdc"], data_root, tmp_path / "splits")
    split_of = {s.path.rsplit("/", 1)[1].split(".")[0]: k for k, v in splits.items() for s in v}
    for v in range(12):
        assert split_of[f"fake{v:02d}0"] == split_of[f"fake{v:02d}1"] == split_of[f"orig{v:02d}"]
    assert len({split_of[f"orig{v:02d}"] for v in range(12)}) == 3


def test_cache_is_uint8_squares_of_every_image(data_root, tmp_path):
    samples = data.list_folder_set(data_root, "faces/toy")[:5]
    images = data.cached_images(samples, side=32, cache_dir=tmp_path / "cache")
    assert images.shape == (5, 32, 32, 3) and images.dtype == np.uint8
    again = data.cached_images(samples, side=32, cache_dir=tmp_path / "cache")
    np.testing.assert_array_equal(images, again)


def test_balanced_weights_equalise_classes_within_a_source():
    labels = np.array([0] * 90 + [1] * 10 + [0] * 5 + [1] * 5)
    sources = ["big"] * 100 + ["small"] * 10
    w = data.balanced_weights(labels, sources, source_power=0.5)
    assert w.sum() == pytest.approx(1.0)
    big_real, big_fake = w[:90].sum(), w[90:100].sum()
    assert big_real == pytest.approx(big_fake)
    # sqrt weighting: big / small = sqrt(100) / sqrt(10)
    assert (big_real + big_fake) / w[100:].sum() == pytest.approx(np.sqrt(10))


def _run(image, aug, seed=0):
    import tensorflow as tf

    tf.random.set_seed(seed)
    return data.augment_image(tf.constant(image), aug).numpy()


@pytest.fixture
def photo():
    rng = np.random.default_rng(3)
    x = np.linspace(0, 255, 64)
    img = np.stack([*np.meshgrid(x, x[::-1]), np.full((64, 64), 128.0)], -1)
    return np.clip(img + rng.normal(0, 20, img.shape), 0, 255).astype(np.uint8)


def test_no_augmentation_is_identity(photo):
    np.testing.assert_array_equal(_run(photo, data.Augment.none()), photo)


def test_jpeg_switch_recompresses(photo):
    out = _run(photo, data.Augment(flip=False, geometry_p=0, jpeg_p=1.0, jpeg_min=30, jpeg_max=30, blur_p=0,
                                   rescale_p=0))
    diff = np.abs(out.astype(int) - photo).mean()
    assert out.shape == photo.shape and 1 < diff < 30


def test_blur_switch_smooths(photo):
    out = _run(photo, data.Augment(flip=False, geometry_p=0, jpeg_p=0, blur_p=1.0, blur_sigma=1.5, rescale_p=0))
    high = lambda a: np.abs(np.diff(a.astype(float), axis=1)).mean()  # noqa: E731
    assert high(out) < 0.8 * high(photo)


def test_rescale_switch_loses_detail(photo):
    out = _run(photo, data.Augment(flip=False, geometry_p=0, jpeg_p=0, blur_p=0, rescale_p=1.0, rescale_min=0.5))
    assert out.shape == photo.shape
    assert np.abs(out.astype(int) - photo).mean() > 1


def test_geometry_switch_moves_pixels_but_keeps_size(photo):
    aug = data.Augment(flip=False, geometry_p=1.0, rotate_deg=10, shift=0.1, zoom=0.1, jpeg_p=0, blur_p=0,
                       rescale_p=0)
    out = _run(photo, aug)
    assert out.shape == photo.shape and np.abs(out.astype(int) - photo).mean() > 2


def test_flip_switch_mirrors(photo):
    outs = [_run(photo, data.Augment(flip=True, geometry_p=0, jpeg_p=0, blur_p=0, rescale_p=0), seed=s)
            for s in range(8)]
    assert any(np.array_equal(o, photo[:, ::-1]) for o in outs)
    assert all(np.array_equal(o, photo) or np.array_equal(o, photo[:, ::-1]) for o in outs)


def test_train_dataset_batches_crops_of_both_classes(data_root, tmp_path):
    samples = data.list_folder_set(data_root, "faces/toy")
    stream = data.make_stream(samples, side=40, cache_dir=tmp_path / "cache")
    ds = data.train_dataset(stream, crop=32, batch=16, steps=2, aug=data.Augment(), scale=1 / 255, offset=0)
    x, y = next(iter(ds))
    assert x.shape == (16, 32, 32, 3) and y.shape == (16, 1)
    assert 0.0 <= float(x.numpy().min()) and float(x.numpy().max()) <= 1.0
    assert set(np.unique(y.numpy())) <= {0.0, 1.0}
    ys = np.concatenate([b[1].numpy() for b in ds.take(4)])
    assert 0.2 < ys.mean() < 0.8  # balanced sampling


def test_whole_image_cache_matches_the_apps_resize_mode(data_root, tmp_path):
    from deepfake_desk.core.manifest import Preprocess
    from deepfake_desk.core.media import load_image
    from deepfake_desk.core.preprocess import sized_image

    samples = data.list_folder_set(data_root, "faces/toy")[:3]
    images = data.cached_images(samples, side=32, cache_dir=tmp_path / "cache", whole=True)
    for s, cached in zip(samples, images):
        expected = sized_image(load_image(s.path), Preprocess(crop="resize"), 32, 32)
        np.testing.assert_array_equal(cached, expected)


def test_centre_cache_matches_the_apps_centre_crop(data_root, tmp_path):
    from deepfake_desk.core.manifest import Calibration, ModelSpec, Preprocess
    from deepfake_desk.core.media import load_image
    from deepfake_desk.core.preprocess import model_inputs

    samples = data.list_folder_set(data_root, "faces/toy")[:3]
    images = data.cached_images(samples, side=40, cache_dir=tmp_path / "cache")
    spec = ModelSpec("m", "m", tmp_path, "", "NHWC", 24, 24, 3, Preprocess("RGB", 40, "center", 1.0, 0.0),
                     Calibration(), 1.0)
    stream = data.Stream(images, np.zeros(3, np.int64), ["x"] * 3)
    x, _ = data.center_crops(stream, 24, 1.0, 0.0)
    for s, crop in zip(samples, x):
        np.testing.assert_array_equal(crop, model_inputs(load_image(s.path), spec)[0])
