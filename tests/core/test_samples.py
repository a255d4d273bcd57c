"""The bundled samples are what resources/samples/README.md says they are: every sample file has a
line there, and the shipped models give each the verdict its line states (retrain a model, and
this fails until the README says what the new models say)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.manifest import load_manifest
from deepfake_desk.core.media import kind_from_extension

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "resources" / "samples"
MODELS = REPO / "models" / "manifest.json"


def readme_rows() -> dict[str, str]:
    """file (relative to samples/) -> the CSV verdict its README line states."""
    rows = {}
    for line in (SAMPLES / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.match(r"^(real|fake|made)/", cells[0]):
            first, _, last = cells[0].partition(" ... ")
            if last:  # "fake/gan_sample_1.png ... gan_sample_4.png"
                stem = re.match(r"(.*?)(\d+)(\.\w+)$", first)
                end = int(re.match(r".*?(\d+)\.\w+$", last).group(1))
                for i in range(int(stem.group(2)), end + 1):
                    rows[f"{stem.group(1)}{i}{stem.group(3)}"] = cells[2]
            else:
                rows[first] = cells[2]
    return rows


def sample_files() -> list[str]:
    return sorted(str(p.relative_to(SAMPLES)) for p in SAMPLES.rglob("*") if p.is_file() and kind_from_extension(p))


def test_every_sample_has_a_line_saying_what_it_is():
    rows = readme_rows()
    assert sample_files() and set(rows) == set(sample_files())
    assert {"real", "uncertain", "labelled-ai", "not-assessable"} <= set(rows.values())


@pytest.mark.slow
@pytest.mark.skipif(not MODELS.exists(), reason="no shipped models")
def test_the_shipped_models_say_what_the_readme_says():
    detector = Detector(load_manifest(MODELS))
    said = {name: detector.analyze_file(SAMPLES / name).verdict for name in sample_files()}
    assert said == readme_rows()
