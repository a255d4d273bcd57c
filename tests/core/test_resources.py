"""Where the app finds its models and samples: a checkout, an installed wheel, a frozen bundle."""

from __future__ import annotations

import sys
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

from deepfake_desk.core import resources

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def no_override(monkeypatch):
    monkeypatch.delenv("DEEPFAKE_DETECTOR_MODELS", raising=False)


def test_a_checkout_finds_the_models_and_samples_at_the_top_of_the_repository():
    assert resources.data_root() == REPO
    assert resources.default_manifest_path() == REPO / "models" / "manifest.json"
    assert resources.samples_dir() == REPO / "resources" / "samples"
    assert resources.default_manifest_path().is_file() and resources.samples_dir().is_dir()


def test_an_installed_package_uses_its_own_models_folder(monkeypatch, tmp_path):
    package = tmp_path / "site-packages" / "deepfake_desk"
    (package / "models").mkdir(parents=True)
    monkeypatch.setattr(importlib_resources, "files", lambda name: package if name == "deepfake_desk" else None)
    assert resources.data_root() == package
    assert resources.default_manifest_path() == package / "models" / "manifest.json"
    assert resources.samples_dir() == package / "resources" / "samples"


def test_a_package_folder_without_models_falls_back_to_the_checkout(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib_resources, "files", lambda name: tmp_path)
    assert resources.data_root() == REPO


def test_a_frozen_bundle_uses_its_own_root(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert resources.data_root() == tmp_path
    assert resources.default_manifest_path() == tmp_path / "models" / "manifest.json"


@pytest.mark.parametrize("as_folder", [True, False])
def test_the_environment_variable_names_another_manifest(monkeypatch, tmp_path, as_folder):
    target = tmp_path if as_folder else tmp_path / "other.json"
    monkeypatch.setenv("DEEPFAKE_DETECTOR_MODELS", str(target))
    assert resources.default_manifest_path() == (tmp_path / "manifest.json" if as_folder else target)
