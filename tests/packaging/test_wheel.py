"""The Python distribution: the wheel holds the app, its shipped models and samples, and nothing else.

Built from a copy of the source tree (as a clean clone would be), without network access
(`--no-build-isolation`: the test venv's setuptools), then inspected and run unpacked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.packaging.conftest import REPO, load_packaging_module

SOURCES = ["pyproject.toml", "README.md", "deepfake_desk", "models", "resources", "training"]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "build", "*.egg-info")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the wheel once for this module; training/ is in the copied tree, to prove it stays out."""
    source = tmp_path_factory.mktemp("source")
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=IGNORED)
        else:
            shutil.copy2(src, source / name)
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--disable-pip-version-check",
         "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (built,) = out.glob("deepfake_desk-*.whl")
    return built


def test_every_app_subpackage_is_listed_for_the_wheel():
    """pyproject lists the packages explicitly (models/ and resources/ are mapped in): none may be forgotten."""
    import tomllib

    listed = set(tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(REPO).parts) for p in (REPO / "deepfake_desk").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert {"deepfake_desk.models", "deepfake_desk.resources"} <= listed
    assert not any(name == "training" or name.startswith(("training.", "app")) for name in listed)


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as zf:
        return set(zf.namelist())


@pytest.mark.slow
def test_wheel_ships_the_manifest_its_models_and_the_samples(wheel):
    names = _names(wheel)
    manifest = json.loads((REPO / "models" / "manifest.json").read_text(encoding="utf-8"))
    listed = {f"deepfake_desk/models/{m['file']}" for m in manifest["models"]}
    assert listed, "the shipped manifest lists no models"
    if isinstance(manifest.get("face_detector"), dict):
        listed.add(f"deepfake_desk/models/{manifest['face_detector']['file']}")
    licences = {f"deepfake_desk/models/{p.name}" for p in (REPO / "models").glob("LICEN[CS]E*")}
    # the real-photo bank and the known kinds' heads: without them learn has no bank and no kind is named
    model_data = {f"deepfake_desk/models/{p.name}" for p in load_packaging_module("bundle_contents").model_data(REPO / "models")}
    assert any("kinds_" in n for n in model_data) and any("real_bank_" in n for n in model_data)
    assert {"deepfake_desk/models/manifest.json", "deepfake_desk/models/MODEL_CARD.md",
            "deepfake_desk/models/MANIFEST_SCHEMA.md"} | listed | licences <= names
    assert model_data <= names, f"add to the models' package-data: {sorted(model_data - names)}"
    samples = {f"deepfake_desk/resources/{p.relative_to(REPO / 'resources').as_posix()}"
               for p in (REPO / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    assert samples and samples <= names
    code = {p.relative_to(REPO).as_posix() for p in (REPO / "deepfake_desk").rglob("*.py") if "__pycache__" not in p.parts}
    assert "deepfake_desk/cli.py" in code and code <= names


@pytest.mark.slow
def test_wheel_has_one_top_level_package_and_no_training_code(wheel):
    names = _names(wheel)
    top_level = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert top_level == {"deepfake_desk"}
    assert not any(n.startswith(("app/", "training/")) or "/training/" in n for n in names)
    with zipfile.ZipFile(wheel) as zf:
        info = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        assert "deepfake-detector = deepfake_desk.cli:main" in zf.read(info).decode()


@pytest.mark.slow
def test_unpacked_wheel_finds_its_models_from_another_folder(wheel, tmp_path):
    """What `pip install` puts in site-packages, run from an unrelated working folder."""
    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as zf:
        zf.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Only the unpacked wheel on the path: the checkout (and its models/) must not be found.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DEEPFAKE_DETECTOR"))}
    env["PYTHONPATH"] = str(site)
    assert sorted(p.name for p in site.iterdir() if not p.name.endswith(".dist-info")) == ["deepfake_desk"]
    probe = (
        "import deepfake_desk; from deepfake_desk.core import resources as r; "
        "print(deepfake_desk.__file__); print(r.default_manifest_path()); print(r.samples_dir())"
    )
    # -S: no site-packages, so no editable install of a checkout can answer instead (the lookup is stdlib only).
    proc = subprocess.run([sys.executable, "-S", "-c", probe], capture_output=True, text=True, cwd=elsewhere,
                          env=env, timeout=60)
    assert proc.returncode == 0, proc.stderr
    package, manifest, samples = proc.stdout.splitlines()
    assert Path(package).is_relative_to(site)
    assert Path(manifest) == site / "deepfake_desk" / "models" / "manifest.json" and Path(manifest).is_file()
    assert Path(samples) == site / "deepfake_desk" / "resources" / "samples" and Path(samples).is_dir()

    proc = subprocess.run([sys.executable, "-m", "deepfake_desk", "--version"], capture_output=True, text=True,
                          cwd=elsewhere, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    shipped = json.loads((REPO / "models" / "manifest.json").read_text(encoding="utf-8"))["models"]
    for model in shipped:
        assert f"model {model['id']} " in proc.stdout
    assert "models: none" not in proc.stdout
