"""Tiny end-to-end runs of the training loops: checkpoints, history, resume, GAN samples."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from training import data, train


@pytest.fixture
def streams(data_root, tmp_path):
    samples = data.list_folder_set(data_root, "faces/toy")
    stream = data.make_stream(samples, side=128, cache_dir=tmp_path / "cache")
    return stream, stream


def _recipe(model, tmp_path, monkeypatch, **kw):
    monkeypatch.setattr(train, "RUNS_DIR", tmp_path / "runs")
    # 2 BatchNorm re-estimation batches, not the recipe's 40 (1,280 images per epoch, most of
    # these tests' time): the re-estimation itself is tested in test_models.py
    return replace(train.DEFAULT_RECIPES[model], epochs=1, steps_per_epoch=2, batch=4, val_limit=8,
                   max_minutes=None, bn_batches=2, **kw)


@pytest.mark.slow
def test_cnn_run_checkpoints_and_resumes(streams, tmp_path, monkeypatch):
    recipe = _recipe("cnn", tmp_path, monkeypatch)
    best = train.train(recipe, streams, verbose=0)
    assert best.exists() and (recipe.run_dir / "last.keras").exists()
    history = json.loads((recipe.run_dir / "history.json").read_text())
    assert len(history["history"]) == 1 and "val_auc" in history["history"][0]
    assert history["train_data"] == {"faces/toy": {"real": 20, "fake": 20}}
    # a second call with more epochs resumes after epoch 1 instead of starting again
    train.train(replace(recipe, epochs=2), streams, verbose=0)
    history = json.loads((recipe.run_dir / "history.json").read_text())
    assert [h["epoch"] for h in history["history"]] == [1, 2]
    # extending a finished run with a warm restart of the schedule
    train.train(replace(recipe, epochs=3, new_schedule=True), streams, verbose=0)
    history = json.loads((recipe.run_dir / "history.json").read_text())
    assert len(history["history"]) == 3 and len(history["commands"]) == 1


@pytest.mark.slow
def test_gan_run_trains_both_networks_and_writes_samples(streams, tmp_path, monkeypatch):
    recipe = _recipe("gan", tmp_path, monkeypatch, gan_samples_per_step=2)
    best = train.train(recipe, streams, verbose=0)
    assert best.exists() and (recipe.run_dir / "generator.keras").exists()
    row = json.loads((recipe.run_dir / "history.json").read_text())["history"][0]
    assert {"d_supervised_loss", "d_generated_loss", "g_loss", "val_auc"} <= set(row)
    paths = train.write_gan_samples(recipe.run_dir / "generator.keras", tmp_path / "samples", n=2)
    from PIL import Image

    assert [Image.open(p).size for p in paths] == [(128, 128), (128, 128)]


@pytest.mark.slow
def test_time_budget_stops_after_an_epoch(streams, tmp_path, monkeypatch):
    recipe = replace(_recipe("cnn", tmp_path, monkeypatch), epochs=5, max_minutes=1e-4)
    train.train(recipe, streams, verbose=0)
    history = json.loads((recipe.run_dir / "history.json").read_text())
    assert len(history["history"]) == 1 and not history["finished"]
