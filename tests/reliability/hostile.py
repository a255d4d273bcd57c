"""A corpus of hostile and awkward media files, made on the spot (never downloaded).

`build_corpus(folder)` writes one file per `Case` and returns the cases with what a
scan must say about each: an error row (with words the message must contain), or a
verdict. The tiny colour models of tests/conftest.py call RED fake, BLUE real and
GREY uncertain, so a valid file's verdict is known exactly.
"""

from __future__ import annotations

import io
import os
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from tests.conftest import BLUE, GREY, RED, solid

ERROR = "error"
SKIPPED = "skipped"  # not media by name nor by content: a scan must not list it


@dataclass
class Case:
    """One hostile file: its name in the corpus folder and what a scan must report."""

    name: str | bytes  # bytes for names that are not valid UTF-8
    expect: str  # "fake" / "real" / "uncertain", ERROR, SKIPPED, or "any" (a row, verdict or error)
    contains: str = ""  # words the error message must contain (lower case)
    why: str = ""

    @property
    def fs_name(self) -> str:
        """The name as os.walk returns it (undecodable bytes as surrogate escapes)."""
        return os.fsdecode(self.name) if isinstance(self.name, bytes) else self.name


def _bytes(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_claiming(width: int, height: int, idat: bytes = b"") -> bytes:
    """A PNG whose valid header claims width x height pixels (a decompression bomb)."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = idat or zlib.compress(b"\x00" * 1024)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")


def grey_jpeg(width: int, height: int, truncate_scan_at: int | None = None) -> bytes:
    """A valid baseline greyscale JPEG of any size, written without holding its pixels.

    Both Huffman tables have one code of one bit ("0": DC difference 0, end of block),
    so every 8x8 block is two zero bits and the image is uniform grey (128). A
    16384 x 16384 image is 1 MB on disk and costs no memory to make.
    """
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    scan = b"\x00" * ((2 * blocks + 7) // 8)
    if truncate_scan_at is not None:
        scan = scan[:truncate_scan_at]
    quant = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes([1] * 64)
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    one_code = bytes([1] + [0] * 15) + b"\x00"  # one code of length 1 for symbol 0
    dht = b"\xff\xc4" + struct.pack(">H", 2 + 2 * 18) + b"\x00" + one_code + b"\x10" + one_code
    sos = b"\xff\xda" + struct.pack(">HB", 8, 1) + b"\x01\x00" + b"\x00\x3f\x00"
    end = b"" if truncate_scan_at is not None else b"\xff\xd9"  # a cut download has no end marker
    return b"\xff\xd8" + quant + sof + dht + sos + scan + end


def streamed_png(width: int, height: int, colour: tuple[int, int, int]) -> bytes:
    """A valid RGB PNG of any size, compressed row by row (no full pixel buffer)."""
    comp = zlib.compressobj(9)
    row = b"\x00" + bytes(colour) * width
    parts = [comp.compress(row) for _ in range(height)]
    parts.append(comp.flush())
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", b"".join(parts)) + _png_chunk(b"IEND", b"")


def bit_flipped(data: bytes, seed: int, flips: int = 12, skip: int = 16) -> bytes:
    """Flip `flips` random bits past the first `skip` bytes (the format stays recognisable)."""
    rng = np.random.default_rng(seed)
    out = bytearray(data)
    for pos in rng.integers(skip, len(out), flips):
        out[pos] ^= 1 << int(rng.integers(0, 8))
    return bytes(out)


def with_exif_orientation(img: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return _bytes(img, "JPEG", quality=95, exif=exif.tobytes())


def jpeg_with_malformed_exif(img: Image.Image) -> bytes:
    """A JPEG whose APP1 Exif segment holds a TIFF header pointing far outside itself."""
    body = _bytes(img, "JPEG", quality=95)
    tiff = b"II*\x00" + struct.pack("<I", 0x7FFFFFF0) + b"\x01\x00\x12\x01\x03\x00\xff\xff\xff\x7f" + b"\xee" * 20
    app1 = b"\xff\xe1" + struct.pack(">H", 2 + 6 + len(tiff)) + b"Exif\x00\x00" + tiff
    return body[:2] + app1 + body[2:]


def orientation_probe(size: tuple[int, int] = (60, 40)) -> Image.Image:
    """BLUE everywhere but a RED block in the top-left corner, to see where it ends up."""
    w, h = size
    arr = np.empty((h, w, 3), np.uint8)
    arr[:] = BLUE
    arr[: h // 3, : w // 3] = RED
    return Image.fromarray(arr, "RGB")


def video(path: Path, colour: tuple[int, int, int], frames: int = 12, fourcc: str = "mp4v",
          size: tuple[int, int] = (64, 48), fps: float = 10.0) -> None:
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, size)
    bgr = np.full((size[1], size[0], 3), colour[::-1], np.uint8)
    for _ in range(frames):
        writer.write(bgr)
    writer.release()


def _animated(fmt: str) -> bytes:
    frames = [solid(RED), solid(BLUE), solid(GREY)]
    return _bytes(frames[0], fmt, save_all=True, append_images=frames[1:], duration=100, loop=0)


def build_corpus(folder: Path, huge: bool = True) -> list[Case]:
    """Write every hostile file into `folder` (created) and return the cases."""
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str | bytes, content: bytes | Callable[[Path], None] | None, expect: str,
            contains: str = "", why: str = "") -> None:
        path = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
        if callable(content):
            content(Path(os.fsdecode(path)))
        elif content is not None:
            with open(path, "wb") as f:
                f.write(content)
        cases.append(Case(name, expect, contains, why))

    red = solid(RED)
    valid = {
        "jpg": _bytes(red, "JPEG", quality=95),
        "png": _bytes(red, "PNG"),
        "webp": _bytes(red, "WEBP", quality=95),
        "gif": _bytes(red.quantize(16), "GIF"),
        "tiff": _bytes(red, "TIFF"),
    }
    # Plain valid files first: the baseline the rest is compared with.
    for ext, data in valid.items():
        add(f"valid.{ext}", data, "fake", why="valid image")
    add("valid_blue.png", _bytes(solid(BLUE), "PNG"), "real", why="valid image")
    add("valid.bmp", _bytes(red, "BMP"), "fake", why="valid image")

    # Truncated and bit-flipped files of every image format.
    for ext, data in valid.items():
        add(f"truncated_half.{ext}", data[: len(data) // 2], ERROR, why="download cut in half")
        add(f"truncated_header.{ext}", data[:20], ERROR, why="only the first 20 bytes")
        for seed in range(3):
            add(f"bitflip_{seed}.{ext}", bit_flipped(data, seed), "any", why="random bit flips")

    # Not images at all, whatever the name says.
    add("empty.jpg", b"", ERROR, "empty", "zero bytes")
    add("empty.mp4", b"", ERROR, "empty", "zero bytes")
    add("notes.jpg", b"These are my notes, not a photo.\n" * 20, ERROR, "not an image", "text named .jpg")
    add("page.png", b"<!DOCTYPE html><html><body>404 Not Found</body></html>\n", ERROR, "not an image",
        "an HTML error page saved as .png")
    add("document.jpeg", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", ERROR, "not an image", "a PDF")
    add("random.webp", np.random.default_rng(1).bytes(4096), ERROR, "not an image", "random bytes")
    add("readme.txt", b"plain text, not media\n", SKIPPED, why="not media by name or content")
    add("photo_without_extension", valid["png"], "fake", why="a PNG with no extension, found by its content")
    add("jpeg_named.png", valid["jpg"], "fake", why="a JPEG named .png (content wins)")

    # Decompression bombs and huge images.
    add("bomb_100000x100000.png", png_claiming(100_000, 100_000), ERROR, "too large",
        "a valid PNG header claiming 10 gigapixels")
    add("bomb_65500x65500.jpg", grey_jpeg(65_500, 65_500, truncate_scan_at=4096), ERROR, "",
        "a JPEG header claiming 4 gigapixels with almost no data")
    add("bomb_gif_65535.gif", b"GIF89a" + struct.pack("<HH", 65535, 65535) + b"\x00\x00\x00;", ERROR, "",
        "a GIF header claiming 4 gigapixels")
    add("large_12000x9000.png", lambda p: p.write_bytes(streamed_png(12_000, 9_000, RED)), ERROR, "too large",
        "a valid 108-megapixel PNG: above the pixel budget")
    if huge:
        add("huge_16384x16384.jpg", grey_jpeg(16_384, 16_384), "uncertain",
            why="a valid 268-megapixel JPEG: decoded at reduced scale")

    # Unusual but valid pixel formats.
    grey16 = Image.fromarray(np.full((48, 64), 128 * 257, np.uint16))
    add("grey_16bit.png", _bytes(grey16, "PNG"), "uncertain", why="16-bit greyscale")
    add("rgb_16bit.png", cv2.imencode(".png", np.full((48, 64, 3), [c * 257 for c in RED[::-1]], np.uint16))[1]
        .tobytes(), "fake", why="16-bit per channel RGB")
    add("palette.png", _bytes(red.quantize(8), "PNG"), "fake", why="palette (P mode)")
    pal = red.quantize(8)
    add("palette_transparent.png", _bytes(pal, "PNG", transparency=0), "fake", why="palette with transparency")
    add("cmyk.jpg", _bytes(red.convert("CMYK"), "JPEG", quality=95), "fake", why="CMYK JPEG")
    add("grey_alpha_LA.png", _bytes(solid(GREY).convert("LA"), "PNG"), "uncertain", why="greyscale with alpha")
    add("rgba.png", _bytes(red.convert("RGBA"), "PNG"), "fake", why="RGB with alpha")
    add("bilevel.tiff", _bytes(solid(GREY).convert("1"), "TIFF"), "any", why="1-bit TIFF")
    add("float32.tiff", _bytes(Image.fromarray(np.full((48, 64), 0.5, np.float32)), "TIFF"), "uncertain",
        why="32-bit float greyscale TIFF")
    add("animated.gif", _animated("GIF"), "fake", why="animated GIF: first frame (red) analysed")
    add("animated.webp", _animated("WEBP"), "fake", why="animated WebP: first frame (red) analysed")

    # EXIF: every orientation, and a malformed block.
    for orientation in range(1, 9):
        add(f"exif_orientation_{orientation}.jpg", with_exif_orientation(red, orientation), "fake",
            why=f"EXIF orientation {orientation}")
    add("exif_orientation_99.jpg", with_exif_orientation(red, 99), "fake", why="EXIF orientation out of range")
    add("exif_malformed.jpg", jpeg_with_malformed_exif(red), "fake", why="malformed EXIF block")

    # Videos.
    add("valid.mp4", lambda p: video(p, RED), "fake", why="valid video")
    add("valid_mjpg.avi", lambda p: video(p, BLUE, fourcc="MJPG"), "real", why="valid video")
    add("zero_frames.mp4", lambda p: video(p, RED, frames=0), ERROR, why="an MP4 with no frame")
    add("zero_frames.avi", lambda p: video(p, RED, frames=0, fourcc="MJPG"), ERROR, why="an AVI with no frame")

    def overwrite(p: Path, start: int, length: int) -> None:
        data = bytearray(p.read_bytes())
        data[start : start + length] = np.random.default_rng(2).bytes(length)
        p.write_bytes(bytes(data))

    def broken_header(p: Path) -> None:
        video(p, RED, frames=12)
        moov = p.read_bytes().index(b"moov") - 4  # the container's index of the streams
        overwrite(p, moov, 64)

    def damaged_stream(p: Path) -> None:
        video(p, RED, frames=12)
        overwrite(p, p.read_bytes().index(b"mdat") + 4, 60)  # the first frame's codec header

    add("broken_header.mp4", broken_header, ERROR, why="an MP4 whose header (moov box) is overwritten")
    add("damaged_stream.mp4", damaged_stream, "any", why="an MP4 whose first frame is overwritten")

    def truncated_video(p: Path) -> None:
        video(p, RED, frames=30)
        p.write_bytes(p.read_bytes()[: p.stat().st_size // 3])

    add("truncated.mp4", truncated_video, "any", why="an MP4 cut to a third")
    add("text.mp4", b"not a video at all\n" * 10, ERROR, why="text named .mp4")

    # The file system.
    def unreadable(p: Path) -> None:
        p.write_bytes(valid["jpg"])
        p.chmod(0)

    # root reads a mode-000 file anyway: then the verdict is the honest outcome
    add("unreadable.jpg", unreadable, "fake" if os.geteuid() == 0 else ERROR, "permission denied", "chmod 000")
    add("broken_link.jpg", lambda p: p.symlink_to(folder / "does-not-exist.jpg"), ERROR, "broken link",
        "a symlink to nothing")
    add("loop_a.jpg", lambda p: p.symlink_to(folder / "loop_b.jpg"), ERROR, "link", "a symlink loop")
    add("loop_b.jpg", lambda p: p.symlink_to(folder / "loop_a.jpg"), ERROR, "link", "a symlink loop")
    add("link_to_valid.png", lambda p: p.symlink_to(folder / "valid.png"), "fake", why="a working symlink")
    add("fifo.jpg", lambda p: os.mkfifo(p), ERROR, "not a regular file", "a named pipe with an image name")
    add("fifo_no_extension", lambda p: os.mkfifo(p), SKIPPED, why="a named pipe: must not be opened")

    def looping_dir(p: Path) -> None:
        p.mkdir()
        (p / "inner.png").write_bytes(valid["png"])
        (p / "back_to_parent").symlink_to(folder, target_is_directory=True)

    add("subfolder", looping_dir, SKIPPED, why="a folder with a symlink back to its parent")
    cases.append(Case("subfolder/inner.png", "fake", why="a file in a sub-folder"))

    # Names.
    add("name with  spaces .jpg", valid["jpg"], "fake", why="spaces")
    add("📷 fête 🎉.jpg", valid["jpg"], "fake", why="emoji and accents")
    add("صورة مزيفة.png", valid["png"], "fake", why="right-to-left (Arabic)")
    add("תמונה\u202egpj.exe.png", valid["png"], "fake", why="Hebrew and a right-to-left override character")
    add("a" * 251 + ".jpg", valid["jpg"], "fake", why="255-byte name")
    add("é" * 125 + ".jpeg", valid["jpg"], "fake", why="255-byte name in 2-byte characters")
    add(b"latin1-caf\xe9-\xff\xfe.jpg", valid["jpg"], "fake", why="a name that is not valid UTF-8")
    add("line\nbreak.jpg", valid["jpg"], "fake", why="a newline in the name")
    add('=HYPERLINK("evil.example","click").png', valid["png"], "fake", why="a formula-looking name")
    add("+SUM(1,2).jpg", valid["jpg"], "fake", why="a formula-looking name")
    add("@cmd.jpg", valid["jpg"], "fake", why="a formula-looking name")
    add("-rf.jpg", valid["jpg"], "fake", why="a name that looks like an option")
    add(".hidden.jpg", valid["jpg"], "fake", why="a hidden file")
    return cases


def expected_rows(cases: list[Case]) -> dict[str, Case]:
    """Case by the path relative to the corpus folder, for the cases that must give a row."""
    return {c.fs_name: c for c in cases if c.expect != SKIPPED}
