"""The one magic-byte sniffer: formats recognised by content, whatever the file is called."""

from __future__ import annotations

import os

import pytest

from deepfake_desk.core import sniff
from tests.conftest import solid


@pytest.mark.parametrize("head, mime", [
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
    (b"GIF89a\x01\x00", "image/gif"),
    (b"BM\x00\x00", "image/bmp"),
    (b"II*\x00\x08\x00", "image/tiff"),
    (b"MM\x00*\x00\x08", "image/tiff"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"),
    (b"RIFF\x00\x00\x00\x00AVI LIST", "video/x-msvideo"),
    (b"\x1a\x45\xdf\xa3\x01\x00", "video/x-matroska"),
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11\xa6\xd9", "video/x-ms-asf"),
    (b"\x00\x00\x00\x18ftypisom\x00\x00", "video/mp4"),
    (b"\x00\x00\x00\x18ftypqt  \x00\x00", "video/mp4"),
    (b"%PDF-1.7", None),
    (b"", None),
])
def test_mime_from_head(head, mime):
    assert sniff.mime_from_head(head) == mime


@pytest.mark.parametrize("brand", [b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"])
def test_heif_and_avif_brands_are_images_not_videos(brand):
    head = b"\x00\x00\x00\x1cftyp" + brand + b"\x00\x00\x00\x00"
    assert sniff.kind_of(sniff.mime_from_head(head)) == "image"


def test_sniff_file_by_content_and_not_by_name(tmp_path):
    solid((10, 20, 30)).save(tmp_path / "picture.txt", "JPEG")
    (tmp_path / "notes.jpg").write_text("just words")
    assert sniff.sniff_mime(tmp_path / "picture.txt") == "image/jpeg"
    assert sniff.sniff_kind(tmp_path / "picture.txt") == "image"
    assert sniff.sniff_kind(tmp_path / "notes.jpg") is None
    assert sniff.sniff_kind(tmp_path / "missing.jpg") is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_not_opened(tmp_path):
    fifo = tmp_path / "pipe.jpg"
    os.mkfifo(fifo)
    assert sniff.read_head(fifo) == b""  # returns at once: opening it would block
