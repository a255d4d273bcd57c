"""Generators' invisible watermarks: our decoder against the invisible-watermark library's own encoder.

The library (installed --no-deps by scripts/setup.sh dev; it imports torch) marks pictures
as the Stable Diffusion scripts and diffusers call it; the app reads them without it.
"""

import csv
import io
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core.evidence.watermark import (ENCODINGS, KNOWN_WATERMARKS, Encoding, find_watermark,
                                                   read_bits)
from deepfake_desk.core.export import write_csv
from deepfake_desk.core.scan import scan_paths
from deepfake_desk.core.verdict import Verdict
from tests.conftest import photo_like

SDXL, SD1, SD2 = KNOWN_WATERMARKS


@pytest.fixture(scope="module")
def imwatermark():
    import imwatermark  # the library itself: its encoder is the reference

    return imwatermark


@pytest.fixture(scope="module")
def picture() -> np.ndarray:
    """A busy 512 x 512 picture, away from black and white. dwtDct moves each block's strongest
    coefficient; in smooth pictures another one often becomes the strongest, and even the library's
    own decoder then reads bits wrong (benchmarks/watermarks.md: 20-35% of real photos)."""
    return np.random.default_rng(1).integers(30, 226, (512, 512, 3)).astype(np.uint8)


def mark(imwatermark, rgb: np.ndarray, bits, encoding: Encoding) -> np.ndarray:
    """`rgb` marked the way a generator calls the library: 8-bit BGR (the SD scripts: RGB -> BGR ->
    encode -> RGB), float BGR (diffusers), float RGB handed over as BGR (early diffusers)."""
    encoder = imwatermark.WatermarkEncoder()
    encoder.set_watermark("bits", list(bits))
    picture = rgb.astype(np.float32) if encoding.floating else rgb
    given = picture if encoding.swapped else np.ascontiguousarray(picture[..., ::-1])
    out = encoder.encode(given, "dwtDct")
    out = out if encoding.swapped else out[..., ::-1]
    return np.ascontiguousarray(np.clip(np.round(out), 0, 255).astype(np.uint8))


@pytest.mark.parametrize("known", KNOWN_WATERMARKS, ids=["sdxl", "sd1", "sd2"])
@pytest.mark.parametrize("encoding", ENCODINGS[:3], ids=["8-bit", "float", "float-rgb"])
def test_marked_pictures_are_found(imwatermark, picture, known, encoding):
    finding = find_watermark(mark(imwatermark, picture, known.bits, encoding))
    assert finding is not None and finding.name == known.name and finding.total_bits == len(known.bits)
    assert finding.wrong_bits <= 1


def _tinted(low, high) -> np.ndarray:
    rng = np.random.default_rng(2)
    return np.stack([rng.integers(low[c], high[c], (512, 512)) for c in range(3)], axis=-1).astype(np.uint8)


@pytest.mark.parametrize(("tint", "encoding"), [(((150, 80, 30), (226, 160, 100)), ENCODINGS[1]),
                                                (((30, 80, 150), (100, 160, 226)), ENCODINGS[2])],
                         ids=["warm-float", "cool-float-rgb"])
def test_diffusers_float_marks_need_the_float_reading(imwatermark, tint, encoding):
    """diffusers marks float pictures: where U is negative (warm colours; cool ones for its early RGB
    order) the mark sits with the other sign, and an 8-bit reading, the library's, gets it wrong."""
    marked = mark(imwatermark, _tinted(*tint), SDXL.bits, encoding)
    assert np.count_nonzero(read_bits(marked, 48, Encoding(False, encoding.swapped)) != np.array(SDXL.bits)) > 10
    finding = find_watermark(marked)
    assert finding is not None and finding.encoding == encoding and finding.wrong_bits == 0


def test_reads_the_bits_the_librarys_decoder_reads(imwatermark, picture):
    marked = mark(imwatermark, picture, SDXL.bits, ENCODINGS[0])
    decoder = imwatermark.WatermarkDecoder("bits", 48)
    theirs = np.array(decoder.decode(np.ascontiguousarray(marked[..., ::-1]), "dwtDct"), dtype=np.uint8)
    assert (read_bits(marked, 48) == theirs).all()
    assert (theirs == np.array(SDXL.bits)).all()  # and it is the message
    photo = photo_like(np.random.default_rng(5), 512)
    unmarked = np.array(decoder.decode(np.ascontiguousarray(photo[..., ::-1]), "dwtDct"), dtype=np.uint8)
    # An unmarked picture's bits are near-even votes; a block whose coefficient sits exactly half a
    # step up votes 0 here and, by PyWavelets' rounding (18 + 4e-15), 1 there: a bit or two may differ.
    assert np.count_nonzero(read_bits(photo, 48) != unmarked) <= 2


def test_unmarked_and_re_encoded_pictures_carry_none(imwatermark, picture):
    assert find_watermark(picture) is None
    marked = mark(imwatermark, picture, SDXL.bits, ENCODINGS[0])
    buffer = io.BytesIO()
    Image.fromarray(marked).save(buffer, "JPEG", quality=70)
    assert find_watermark(np.asarray(Image.open(buffer).convert("RGB"))) is None
    other = mark(imwatermark, picture, [1 - b for b in SDXL.bits], ENCODINGS[0])  # every bit wrong
    assert find_watermark(other) is None
    assert find_watermark(picture[:200, :300]) is None  # under 256 x 256 pixels: never read


def test_a_marked_png_is_labelled_ai_in_a_scan(imwatermark, detector, tmp_path, picture):
    folder = tmp_path / "scan"
    folder.mkdir()
    Image.fromarray(mark(imwatermark, picture, SDXL.bits, ENCODINGS[1])).save(folder / "sdxl.png")
    Image.fromarray(picture).save(folder / "plain.png")
    Image.fromarray(mark(imwatermark, picture, SDXL.bits, ENCODINGS[1])).save(folder / "sdxl.jpg", quality=70)
    results = {r.path.rsplit("/", 1)[-1]: r for r in scan_paths([folder], detector, workers=1)}
    marked, plain, jpeg = results["sdxl.png"], results["plain.png"], results["sdxl.jpg"]
    assert marked.verdict == Verdict.LABELLED_AI and marked.provenance == "watermark: Stable Diffusion XL (diffusers)"
    assert "invisible watermark that Stable Diffusion XL (diffusers) embeds" in marked.evidence.findings()[0]
    assert plain.verdict != Verdict.LABELLED_AI and plain.evidence.watermark_checked and not plain.provenance
    assert any("says nothing either way" in line for line in plain.evidence.findings())
    assert jpeg.verdict != Verdict.LABELLED_AI
    out = tmp_path / "o.csv"
    write_csv(list(results.values()), out, detector.model_ids)
    with open(out, newline="", encoding="utf-8") as f:
        rows = {r["path"].rsplit("/", 1)[-1]: r for r in csv.DictReader(f)}
    assert rows["sdxl.png"]["verdict"] == "labelled-ai"
    assert rows["sdxl.png"]["provenance"] == "watermark: Stable Diffusion XL (diffusers)"


def test_the_decoder_never_imports_torch_or_the_library():
    code = ("import sys, numpy as np\n"
            "from deepfake_desk.core.evidence.watermark import find_watermark\n"
            "find_watermark(np.zeros((300, 300, 3), np.uint8))\n"
            "assert not {'torch', 'imwatermark', 'pywt'} & set(sys.modules), sorted(sys.modules)\n")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_loader_hands_over_full_resolution_pixels_only(tmp_path, monkeypatch):
    from deepfake_desk.core import media

    picture = np.random.default_rng(3).integers(0, 256, (600, 800, 3)).astype(np.uint8)
    Image.fromarray(picture).save(tmp_path / "p.png")
    Image.fromarray(picture).save(tmp_path / "p.jpg", quality=90)
    seen = []
    rgb, _ = media.open_image(tmp_path / "p.png", media.MinSize(100), full_size=seen.append)
    assert rgb.shape[0] < 600 and len(seen) == 1 and (seen[0] == picture).all()  # reduced after the hook
    media.open_image(tmp_path / "p.jpg", media.MinSize(100), full_size=seen.append)  # decoded at 1/4: no
    media.open_image(tmp_path / "p.jpg", None, full_size=seen.append)
    assert len(seen) == 2 and seen[1].shape == (600, 800, 3)
    monkeypatch.setattr(media, "FULL_SIZE_MAX_PIXELS", 600 * 800 - 1)
    media.open_image(tmp_path / "p.png", None, full_size=seen.append)
    assert len(seen) == 2
