"""Copies of one picture within a scan: perceptual hashes, grouping, and the exports' duplicate_group."""

import csv
import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core.copies import CopyFinder, PictureHash, are_copies, copy_groups, picture_hash
from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.export import CsvWriter, csv_columns, write_csv, write_json
from deepfake_desk.core.scan import scan_paths
from tests.conftest import photo_like


@pytest.fixture
def photo() -> np.ndarray:
    return photo_like(np.random.default_rng(7), 256)


def _jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("RGB"))


def test_copies_of_a_picture_hash_alike(photo):
    key = picture_hash(photo)
    half = cv2.resize(photo, (128, 128), interpolation=cv2.INTER_AREA)
    cropped = photo[6:-6, 6:-6]  # 5% of each side's length in all
    for copy in (half, _jpeg(photo, 70), cropped):
        assert are_copies(key, picture_hash(copy))


def test_distinct_pictures_are_not_copies(photo):
    key = picture_hash(photo)
    rng = np.random.default_rng(8)
    others = [photo_like(rng, 256) for _ in range(20)]
    assert not any(are_copies(key, picture_hash(other)) for other in others)
    # the same brightness pattern in other colours is another picture, not a copy
    assert not are_copies(key, picture_hash(np.ascontiguousarray(photo[..., ::-1]) // 2))


def test_hash_is_the_fields_phash_layout(photo):
    """pHash: the 8 x 8 lowest DCT frequencies of a 32 x 32 grey thumbnail against their median,
    first row first, most significant bit first (imagehash's layout)."""
    gray = cv2.pyrDown(cv2.pyrDown(cv2.cvtColor(photo, cv2.COLOR_RGB2GRAY)))  # 256 px: halved to 64
    gray = cv2.resize(gray, (32, 32), interpolation=cv2.INTER_AREA)
    low = cv2.dct(gray.astype(np.float32))[:8, :8]
    bits = "".join("1" if v else "0" for v in (low > np.median(low)).ravel())
    assert picture_hash(photo).phash == int(bits, 2)
    assert len(str(picture_hash(photo))) == 32


def test_finder_numbers_groups_as_they_form(photo):
    rng = np.random.default_rng(9)
    a, b = photo, photo_like(rng, 256)
    ka, kb = picture_hash(a), picture_hash(b)
    finder = CopyFinder()
    assert finder.add(ka) == {}  # row 0
    assert finder.add(None) == {}  # row 1: a video or an error row
    assert finder.add(kb) == {}  # row 2
    assert finder.add(picture_hash(_jpeg(b, 70))) == {2: 1, 3: 1}  # b's copy: the first group
    assert finder.add(picture_hash(_jpeg(a, 70))) == {0: 2, 4: 2}
    assert finder.add(picture_hash(cv2.resize(a, (128, 128), interpolation=cv2.INTER_AREA))) == {5: 2}
    assert finder.groups == {2: 1, 3: 1, 0: 2, 4: 2, 5: 2}


def test_a_picture_between_two_groups_merges_them():
    base = PictureHash(0, 0, bytes(48))
    far = PictureHash((1 << 20) - 1, (1 << 20) - 1, bytes(48))  # 20 bits from base: not a copy of it
    farther = PictureHash((1 << 24) - 1, (1 << 24) - 1, bytes(48))  # a copy of far, 14 bits from middle
    middle = PictureHash((1 << 10) - 1, (1 << 10) - 1, bytes(48))  # 10 bits from base and from far
    assert copy_groups([base, base, far, farther]) == {0: 1, 1: 1, 2: 2, 3: 2}
    assert copy_groups([base, base, far, farther, middle]) == {0: 1, 1: 1, 2: 1, 3: 1, 4: 1}


def test_many_copies_of_one_picture_report_only_the_new_row_and_keep_the_colour_check():
    """A folder of a viral picture's re-posts: each new copy joins the one group alone (no earlier
    row reported again), and a picture with the same brightness pattern in other colours stays out."""
    grey = PictureHash(0, 0, bytes(48))
    red = PictureHash(0, 0, bytes([200, 0, 0] * 16))  # the same hashes, other colours: another picture
    finder = CopyFinder()
    assert finder.add(grey) == {}
    assert finder.add(grey) == {0: 1, 1: 1}
    for row in range(2, 300):
        assert finder.add(grey) == {row: 1}
    assert finder.add(red) == {}
    assert finder.add(red) == {300: 2, 301: 2}
    assert set(finder.groups) == set(range(302)) and set(finder.groups.values()) == {1, 2}


def _scan_folder(tmp_path, photo):
    folder = tmp_path / "leak"
    folder.mkdir()
    Image.fromarray(photo).save(folder / "a_original.png")
    Image.fromarray(cv2.resize(photo, (128, 128), interpolation=cv2.INTER_AREA)).save(folder / "b_small.jpg",
                                                                                      quality=70)
    Image.fromarray(photo_like(np.random.default_rng(11), 256)).save(folder / "c_other.png")
    Image.fromarray(photo[6:-6, 6:-6]).save(folder / "d_cropped.png")
    (folder / "e_broken.jpg").write_bytes(b"not a jpeg")
    return folder


def test_csv_and_json_give_copies_one_group(detector, tmp_path, photo):
    results = list(scan_paths([_scan_folder(tmp_path, photo)], detector, workers=1))
    out = tmp_path / "out.csv"
    write_csv(results, out, detector.model_ids)
    with open(out, newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    at = header.index("duplicate_group")  # columns added later (scan, confirmed) follow it
    assert header == csv_columns(detector.model_ids)
    group = {r[0].rsplit("/", 1)[-1]: r[at] for r in rows}
    assert group == {"a_original.png": "1", "b_small.jpg": "1", "c_other.png": "", "d_cropped.png": "1",
                     "e_broken.jpg": ""}
    write_json(results, tmp_path / "out.json")
    records = json.loads((tmp_path / "out.json").read_text())["results"]
    assert [r["duplicate_group"] for r in records] == [1, 1, None, 1, None]


def test_streaming_writer_fills_in_groups_of_rows_written_before_their_copy(tmp_path, photo):
    out = tmp_path / "o.csv"
    with CsvWriter(out, ["cnn"]) as writer:
        for name, rgb in (("a.png", photo), ("multi\nline, \"quoted\".png", photo_like(np.random.default_rng(3), 256)),
                          ("b.jpg", _jpeg(photo, 70))):
            writer.write(FileResult(path=name, kind="image", picture_hash=picture_hash(rgb)))
    with open(out, newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    at = header.index("duplicate_group")
    assert [(r[0], r[at]) for r in rows] == [("a.png", "1"), ("multi\nline, \"quoted\".png", ""), ("b.jpg", "1")]


def test_scan_report_says_which_files_are_copies(detector, tmp_path, photo):
    from deepfake_desk.core.report import render_html, scan_report

    folder = _scan_folder(tmp_path, photo)
    rows = list(scan_paths([folder], detector, workers=1))
    page = render_html(scan_report(detector, rows, [str(folder)], with_map=False))
    assert "Copies of one picture" in page
    assert "3 files are copies of one picture" in page
    assert "#1 a_original.png, #2 b_small.jpg, #4 d_cropped.png" in page
    alone = [r for r in rows if not r.path.endswith(("b_small.jpg", "d_cropped.png"))]
    assert "Copies of one picture" not in render_html(scan_report(detector, alone, [str(folder)], with_map=False))
