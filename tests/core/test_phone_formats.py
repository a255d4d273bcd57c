"""HEIF/HEIC (the iPhone's photo format) and AVIF are images: decoded upright, scored, with their metadata.

The files are written by tests/conftest.py's `write_phone_photo` (pillow-heif's HEVC encoder,
Pillow's own AVIF encoder), with EXIF orientation 6 on a picture wider than tall, so a missed
or doubled rotation shows.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from deepfake_desk.cli import main
from deepfake_desk.core import media
from deepfake_desk.core.evidence import read_metadata
from deepfake_desk.core.scan import iter_media_files
from tests.conftest import PHONE_PHOTO_SIZE, write_phone_photo

WIDTH, HEIGHT = PHONE_PHOTO_SIZE

FORMATS = {"heic": "HEIF", "avif": "AVIF"}


@pytest.fixture(params=sorted(FORMATS))
def photo(request, tmp_path) -> Path:
    return write_phone_photo(tmp_path / f"IMG_0001.{request.param}")


def test_orientation_6_is_applied_once(photo):
    rgb, info = media.open_image(photo)
    # Orientation 6: stored landscape, shown turned 90 degrees clockwise, so the
    # left (red) half ends on top and the right (blue) half at the bottom.
    assert rgb.shape == (WIDTH, HEIGHT, 3)
    top, bottom = rgb[2, HEIGHT // 2].astype(int), rgb[-3, HEIGHT // 2].astype(int)
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom
    assert info.format == FORMATS[photo.suffix[1:]]


@pytest.mark.parametrize("suffix", [".heic", ".heif", ".avif", ".HEIC"])
def test_the_extensions_are_images(suffix):
    assert media.kind_from_extension(f"photo{suffix}") == "image"


def test_content_is_sniffed_as_an_image_whatever_the_name(photo, tmp_path):
    renamed = tmp_path / "download.bin"
    shutil.copy(photo, renamed)
    assert media.sniff_kind(renamed) == "image"
    assert {Path(f.path).name: f.kind for f in iter_media_files([tmp_path])} == {photo.name: "image",
                                                                                "download.bin": "image"}
    assert media.load_image(renamed).shape == (WIDTH, HEIGHT, 3)


def test_metadata_is_read_as_for_jpeg(photo):
    evidence = read_metadata(photo)
    assert evidence.image_format == FORMATS[photo.suffix[1:]]
    assert evidence.exif["Make"] == "Apple" and evidence.exif["Model"] == "iPhone 15"
    assert evidence.text.get("CreatorTool") == "Midjourney v6"  # from the XMP packet
    assert evidence.generator == "Midjourney"
    assert not evidence.notes


def test_scan_scores_them_as_images_in_the_csv(photo, manifest_path, tmp_path, capsys):
    out = tmp_path / "out.csv"
    assert main(["scan", str(photo), "--csv", str(out), "--manifest", str(manifest_path), "-q"]) == 0
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["kind"] == "image" and row["error"] == ""
    # half red, half blue: the colour models score it near the middle, but they did score it
    assert 0.2 < float(row["fake_probability"]) < 0.8
    assert row["frames"] == ""  # an image, not a one-frame video


def _cut(path: Path, keep: float) -> Path:
    data = path.read_bytes()
    broken = path.with_name(f"cut{int(keep * 100)}{path.suffix}")
    broken.write_bytes(data[: max(16, int(len(data) * keep))])
    return broken


@pytest.mark.parametrize("keep", [0.05, 0.3, 0.6, 0.97])
def test_a_truncated_file_is_a_corrupt_image(photo, keep):
    with pytest.raises(media.MediaError, match=r"^corrupt image: "):
        media.open_image(_cut(photo, keep))


def test_damaged_bytes_are_a_corrupt_image(photo):
    data = bytearray(photo.read_bytes())
    data[len(data) // 2 :] = bytes(b ^ 0x5A for b in data[len(data) // 2 :])
    photo.write_bytes(bytes(data))
    with pytest.raises(media.MediaError, match=r"^corrupt image: "):
        media.open_image(photo)


def test_a_broken_one_is_one_clear_error_row(photo, manifest_path, tmp_path):
    broken = _cut(photo, 0.5)
    os.remove(photo)
    out = tmp_path / "out.csv"
    assert main(["scan", str(broken.parent), "--csv", str(out), "--manifest", str(manifest_path), "-q"]) == 0
    (row,) = [r for r in csv.DictReader(out.open(encoding="utf-8")) if r["path"].endswith(broken.name)]
    assert row["kind"] == "image" and row["verdict"] == ""
    assert row["error"].startswith("corrupt image: ")
    # and its metadata reader does not raise either: it says why the metadata is missing
    assert read_metadata(broken).notes
