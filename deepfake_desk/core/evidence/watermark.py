"""Invisible watermarks that open image generators embed, read from the decoded pixels.

diffusers' Stable Diffusion XL pipelines mark every picture by default, and Stable
Diffusion's v1 / v2 reference scripts mark theirs, with the `invisible-watermark`
library's `dwtDct` method: the watermark's bits repeat over 4 x 4 blocks of the
one-level Haar approximation of the picture's U (YUV) channel, each block's strongest
coefficient but the first moved to the lower (0) or upper (1) half of a step of 36.

This is that method's decoder, rewritten from the library's code (MIT, version 0.2.0)
in NumPy and OpenCV: the library imports torch for its RivaGAN half and needs the
non-headless OpenCV, neither of which the app ships. tests/core/test_watermark.py
checks it against the library's own encoder and decoder.

The mark is fragile: JPEG, resizing or cropping destroy it. A mark found is strong
evidence; no mark found means nothing. Each known message is compared with the bits
read; a few wrong bits are allowed (`MAX_WRONG_BITS`, set from how close the bits of
real photos ever come: benchmarks/watermarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_STEP = 36  # the library's default `scales=[0, 36, 36]`: only U is marked (its loop stops before V)
_BLOCK = 4
MIN_PIXELS = 256 * 256  # the library refuses smaller pictures


def _bits_of_bytes(text: bytes) -> tuple[int, ...]:
    return tuple(int(b) for b in np.unpackbits(np.frombuffer(text, np.uint8)))


@dataclass(frozen=True)
class KnownWatermark:
    """A message a generator embeds, and who embeds it."""

    name: str  # "Stable Diffusion XL (diffusers)": shown after "watermark: " in the provenance
    bits: tuple[int, ...]
    source: str  # where the message is published, for docs and the reports


KNOWN_WATERMARKS = (
    KnownWatermark("Stable Diffusion XL (diffusers)",
                   tuple(int(b) for b in bin(0b101100111110110010010000011110111011000110011110)[2:]),
                   "diffusers, pipelines/stable_diffusion_xl/watermark.py (from Stability AI's generative-models)"),
    KnownWatermark("Stable Diffusion v1", _bits_of_bytes(b"StableDiffusionV1"),
                   "CompVis/stable-diffusion, scripts/txt2img.py"),
    KnownWatermark("Stable Diffusion v2", _bits_of_bytes(b"SDV2"), "Stability-AI/stablediffusion, scripts/txt2img.py"),
)

# Wrong bits allowed, per message length. Over 4,982 real photos the closest any came to a known
# message (either colour order) was far above these (benchmarks/watermarks.md); a marked PNG
# decodes with none wrong.
MAX_WRONG_BITS = {48: 4, 136: 16, 32: 2}


@dataclass(frozen=True)
class Encoding:
    """How a generator handed its picture to the encoder, which changes the U channel it marked.

    `floating`: as float32 0-255 (diffusers), whose U has an offset of 0.5 where 8-bit
    pictures' has 128: a block of negative U then holds its mark with the other sign, and an
    8-bit reading inverts those bits. `swapped`: its RGB taken for OpenCV's BGR (diffusers
    before it reversed the channels; anyone calling the library on a Pillow array).
    """

    floating: bool
    swapped: bool


# The library's own use and the SD v1/v2 scripts first, then diffusers' (current, then early), then RGB as BGR.
ENCODINGS = (Encoding(False, False), Encoding(True, False), Encoding(True, True), Encoding(False, True))


@dataclass(frozen=True)
class WatermarkFinding:
    """A known watermark read from a picture."""

    name: str
    wrong_bits: int
    total_bits: int
    encoding: Encoding


def _approximation(rgb: np.ndarray, swapped: bool) -> np.ndarray:
    """Twice the one-level Haar approximation of the U channel the library marks (OpenCV's YUV of
    the picture as BGR; of its RGB read as BGR when `swapped`): the sums of its 2 x 2 blocks, in
    integers (the library's floats are these halved, give or take 1e-13)."""
    u = cv2.cvtColor(rgb, cv2.COLOR_BGR2YUV if swapped else cv2.COLOR_RGB2YUV)[..., 1]
    rows, cols = u.shape[0] // 4 * 4, u.shape[1] // 4 * 4
    u = u[:rows, :cols].astype(np.int32)
    pairs = u[0::2] + u[1::2]
    return pairs[:, 0::2] + pairs[:, 1::2]


def _block_votes(sums: np.ndarray) -> dict[bool, np.ndarray]:
    """Each 4 x 4 block's vote (0 or 1), in the library's order (row of blocks by row of blocks),
    for an 8-bit and for a float encoding (`Encoding.floating`: the key).

    The library's vote: |the block's strongest coefficient but the first| mod 36 > 18, on
    coefficients that are these sums halved (so: mod 72 > 36). An 8-bit picture's U is offset
    by 128 (a sum by 512), a float one's by 0.5 (by 2): the float reading takes the 8-bit
    pixels for the float picture they were rounded from (U - 127.5, a sum less 510)."""
    nr, nc = sums.shape[0] // _BLOCK, sums.shape[1] // _BLOCK
    blocks = sums[:nr * _BLOCK, :nc * _BLOCK].reshape(nr, _BLOCK, nc, _BLOCK).swapaxes(1, 2).reshape(-1, 16)
    rest = blocks[:, 1:]  # the first coefficient never carries the mark
    votes = {}
    for floating, values in ((False, rest), (True, np.abs(rest - 510))):  # 8-bit sums are never negative
        votes[floating] = (values.max(axis=1) % (2 * _STEP) > _STEP).astype(np.float64)
    return votes


def read_bits(rgb: np.ndarray, length: int, encoding: Encoding = ENCODINGS[0]) -> np.ndarray | None:
    """The `length` bits a dwtDct decoder reads from an HxWx3 uint8 RGB picture (None: too small);
    with the first encoding, what the library's decoder reads from the same picture as BGR."""
    if rgb.shape[0] * rgb.shape[1] < MIN_PIXELS:
        return None
    return _bits_from_votes(_block_votes(_approximation(rgb, encoding.swapped))[encoding.floating], length)


def _bits_from_votes(votes: np.ndarray, length: int) -> np.ndarray:
    which = np.arange(len(votes)) % length
    mean = np.bincount(which, votes, minlength=length) / np.maximum(np.bincount(which, minlength=length), 1)
    return (mean * 255 > 127).astype(np.uint8)


def closest_watermarks(rgb: np.ndarray) -> list[tuple[KnownWatermark, Encoding, int]]:
    """(watermark, encoding, wrong bits) for every known message and encoding: for measuring."""
    if rgb.shape[0] * rgb.shape[1] < MIN_PIXELS:
        return []
    out = []
    votes_of = {swapped: _block_votes(_approximation(rgb, swapped)) for swapped in (False, True)}
    for encoding in ENCODINGS:
        votes = votes_of[encoding.swapped][encoding.floating]
        for mark in KNOWN_WATERMARKS:
            bits = _bits_from_votes(votes, len(mark.bits))
            out.append((mark, encoding, int(np.count_nonzero(bits != np.array(mark.bits, np.uint8)))))
    return out


def find_watermark(rgb: np.ndarray) -> WatermarkFinding | None:
    """The known watermark in a full-resolution picture, or None (also for pictures under 256 x 256)."""
    for mark, encoding, wrong in closest_watermarks(rgb):
        if wrong <= MAX_WRONG_BITS[len(mark.bits)]:
            return WatermarkFinding(mark.name, wrong, len(mark.bits), encoding)
    return None
