"""The full metadata table: every EXIF/GPS/XMP/IPTC/text field, GPS in decimal degrees,
clean dates and camera names, and the full text a generator wrote."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
from PIL import Image

from deepfake_desk.core.evidence import read_evidence
from deepfake_desk.core.evidence.metadata import MAX_TAGS, gps_degrees, xmp_tags
from deepfake_desk.core.evidence.records import camera_name, clean_date
from tests.conftest import BLUE, solid
from tests.core.test_evidence import A1111, save_png


def iptc_segment(datasets: dict[int, bytes]) -> bytes:
    """A JPEG APP13 'Photoshop 3.0' segment holding IPTC IIM record 2 datasets."""
    iim = b"".join(b"\x1c\x02" + bytes([n]) + struct.pack(">H", len(v)) + v for n, v in datasets.items())
    block = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00" + struct.pack(">I", len(iim)) + iim
    block += b"\x00" * (len(iim) % 2)
    body = b"Photoshop 3.0\x00" + block
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def camera_photo(path: Path) -> Path:
    exif = Image.Exif()
    exif[0x010F] = "Canon"
    exif[0x0110] = "Canon EOS 5D Mark IV"
    exif.get_ifd(0x8769)[0x9003] = "2024:05:01 10:22:33"
    exif.get_ifd(0x8769)[0x829A] = 1 / 250  # ExposureTime
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "N", (48.0, 51.0, 30.13)  # the Eiffel tower
    gps[3], gps[4] = "E", (2.0, 17.0, 40.1)
    xmp = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           '<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
           'xmlns:dc="http://purl.org/elements/1.1/" photoshop:City="Paris">'
           '<dc:subject><rdf:Bag><rdf:li>tower</rdf:li><rdf:li>night</rdf:li></rdf:Bag></dc:subject>'
           '<dc:creator><rdf:Seq><rdf:li>A. Reporter</rdf:li></rdf:Seq></dc:creator>'
           '</rdf:Description></rdf:RDF></x:xmpmeta>')
    solid(BLUE, (64, 48)).save(path, "JPEG", quality=90, exif=exif, xmp=xmp.encode())
    raw = path.read_bytes()
    segment = iptc_segment({105: b"Tower lit up", 80: b"A. Reporter", 116: "\u00a9 Agency".encode()})
    path.write_bytes(raw[:2] + segment + raw[2:])
    return path


def test_a_camera_photo_lists_every_group_with_clean_values(tmp_path):
    e = read_evidence(camera_photo(tmp_path / "paris.jpg"))
    table = {(t.group, t.name): t.value for t in e.tags}
    assert table[("EXIF", "Make")] == "Canon" and table[("EXIF", "Model")] == "Canon EOS 5D Mark IV"
    assert table[("EXIF camera settings", "DateTimeOriginal")] == "2024-05-01 10:22:33"
    assert table[("EXIF camera settings", "ExposureTime")] == "0.004"
    assert table[("GPS", "GPSLatitudeRef")] == "N"
    assert table[("XMP", "photoshop:City")] == "Paris"
    assert table[("XMP", "dc:subject")] == "tower; night"
    assert table[("XMP", "dc:creator")] == "A. Reporter"
    assert table[("IPTC", "Headline")] == "Tower lit up" and table[("IPTC", "By-line (creator)")] == "A. Reporter"
    assert table[("IPTC", "Copyright notice")] == "\u00a9 Agency"
    assert not any(name.startswith(("rdf:", "x:", "xmlns")) for _, name in table)


def test_gps_is_given_in_decimal_degrees_and_the_findings_say_it_plainly(tmp_path):
    e = read_evidence(camera_photo(tmp_path / "paris.jpg"))
    lat, lon = e.gps
    assert lat == pytest.approx(48 + 51 / 60 + 30.13 / 3600, abs=1e-6)
    assert lon == pytest.approx(2 + 17 / 60 + 40.1 / 3600, abs=1e-6)
    text = " ".join(e.findings())
    assert "GPS coordinates 48.858369, 2.294472" in text
    # no doubled make, and the date as people write it
    assert "taken with a Canon EOS 5D Mark IV on 2024-05-01 10:22:33" in text
    assert "Canon Canon" not in text and "2024:05:01" not in text
    assert e.to_dict()["gps"] == {"latitude": lat, "longitude": lon}


@pytest.mark.parametrize(("gps", "expected"), [
    ({1: "S", 2: (33.0, 52.0, 4.0), 3: "W", 4: (70.0, 40.0, 0.0)}, (-33.867778, -70.666667)),
    ({1: b"N", 2: (10.5,), 3: b"E", 4: (20.25,)}, (10.5, 20.25)),
    ({1: "N", 2: (200.0, 0.0, 0.0), 3: "E", 4: (2.0, 0.0, 0.0)}, None),  # not on Earth
    ({1: "N", 2: "garbage", 3: "E", 4: (2.0, 0.0, 0.0)}, None),
    ({}, None),
])
def test_gps_degrees(gps, expected):
    got = gps_degrees(gps)
    assert got == expected if expected is None else got == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize(("make", "model", "name"), [
    ("Canon", "Canon EOS 5D Mark IV", "Canon EOS 5D Mark IV"),
    ("NIKON CORPORATION", "NIKON D750", "NIKON D750"),
    ("Apple", "iPhone 12", "Apple iPhone 12"),
    ("", "EOS R5", "EOS R5"),
    ("SONY", "", "SONY"),
])
def test_camera_name(make, model, name):
    assert camera_name(make, model) == name


def test_clean_date():
    assert clean_date("2024:05:01 10:22:33") == "2024-05-01 10:22:33"
    assert clean_date("2024:05:01") == "2024-05-01"
    assert clean_date("yesterday") == "yesterday"


def test_the_generator_text_is_kept_in_full(tmp_path):
    path = save_png(tmp_path / "sd.png", {"parameters": A1111})
    e = read_evidence(path)
    assert e.generator_text == A1111  # prompt, negative prompt and settings: not just the first line
    assert ("PNG text", "parameters") in {(t.group, t.name) for t in e.tags}


def test_hostile_xmp_is_bounded(tmp_path):
    many = "".join(f'<a:f{i}>v</a:f{i}>' for i in range(MAX_TAGS + 500))
    assert len(xmp_tags(f"<x:xmpmeta>{many}</x:xmpmeta>")) == MAX_TAGS
    unclosed = "<a:b>" * 5000 + "text"
    assert [(t.name, t.value) for t in xmp_tags(unclosed)] == [("a:b", "text")]
    assert xmp_tags("<a:b>" + "x" * (600 * 1024) + "</a:b>")[0].value.startswith("too large")
