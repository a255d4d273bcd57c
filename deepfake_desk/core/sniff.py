"""Recognising a file's format from its first bytes, whatever its name says.

The one magic-byte table of the project: the loader (is this a picture or a video?),
the content-credentials reader (which MIME type to hand the C2PA library) and the
evidence panel (is this a JPEG, so error level analysis applies?) all ask here.
"""

from __future__ import annotations

import os
import stat

HEAD_BYTES = 32  # enough for every signature below

# (leading bytes, MIME type), checked in order.
_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),  # little-endian
    (b"MM\x00*", "image/tiff"),  # big-endian
    (b"\x1a\x45\xdf\xa3", "video/x-matroska"),  # also WebM
    (b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "video/x-ms-asf"),  # wmv
)
_RIFF = {b"WEBP": "image/webp", b"AVI ": "video/x-msvideo"}
# ISO-BMFF major brands of still images (HEIF/HEIC and AVIF); every other `ftyp` is a video.
_BMFF_IMAGE_BRANDS = {
    b"heic": "image/heif", b"heix": "image/heif", b"hevc": "image/heif", b"heim": "image/heif",
    b"heis": "image/heif", b"mif1": "image/heif", b"msf1": "image/heif",
    b"avif": "image/avif", b"avis": "image/avif",
}


def mime_from_head(head: bytes) -> str | None:
    """The MIME type of a file starting with `head`, or None when it is none we know."""
    for prefix, mime in _PREFIXES:
        if head.startswith(prefix):
            return mime
    if head[:4] == b"RIFF" and head[8:12] in _RIFF:
        return _RIFF[head[8:12]]
    if head[4:8] == b"ftyp":
        return _BMFF_IMAGE_BRANDS.get(head[8:12], "video/mp4")
    return None


def kind_of(mime: str | None) -> str | None:
    """'image' or 'video' for a MIME type from `mime_from_head`, else None."""
    if not mime:
        return None
    major = mime.split("/", 1)[0]
    return major if major in ("image", "video") else None


def read_head(path: str | os.PathLike) -> bytes:
    """The first bytes of a regular file; b"" for anything else or on any read error.

    Only regular files: opening a named pipe (or a device) would block forever.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return b""
        with open(path, "rb") as f:
            return f.read(HEAD_BYTES)
    except OSError:
        return b""


def sniff_mime(path: str | os.PathLike) -> str | None:
    """The MIME type a file's first bytes show, or None."""
    return mime_from_head(read_head(path))


def sniff_kind(path: str | os.PathLike) -> str | None:
    """'image' or 'video' if the file's first bytes look like a format we read, else None."""
    return kind_of(sniff_mime(path))
