"""Invisible generator watermarks (core/evidence/watermark.py): how close do real photos come by chance?

    nice -n 15 python benchmarks/watermarks.py [--limit N] [--out benchmarks/watermarks.json]

For every real photo in ../shared/data of at least 256 x 256 pixels (smaller ones are never
read: the library refuses them), the fewest wrong bits between what the decoder reads and each
known message, over the four encodings it tries. The thresholds (`MAX_WRONG_BITS`) must sit
well below the closest any real photo comes. Then marked copies of a sample of the same photos
(the library's own encoder, as the SD scripts and diffusers call it) and how many wrong bits
they decode with, before and after a JPEG q95 re-encode. And the decoder's cost per megapixel.
Needs `invisible-watermark` (installed --no-deps, see scripts/setup.sh) for the marked copies.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.copies import real_photos  # noqa: E402
from deepfake_desk.core.evidence.watermark import (KNOWN_WATERMARKS, MAX_WRONG_BITS, MIN_PIXELS,  # noqa: E402
                                                   closest_watermarks, find_watermark)
from deepfake_desk.core.media import load_image  # noqa: E402


def chance(bits: int, wrong: int) -> float:
    """P(at most `wrong` of `bits` fair coin flips disagree with a fixed message)."""
    return sum(math.comb(bits, k) for k in range(wrong + 1)) / 2 ** bits


def marked(rgb: np.ndarray, mark, floating: bool, swapped: bool) -> np.ndarray:
    """`rgb` marked as a generator marks it: the SD scripts (8-bit BGR), diffusers (float, BGR or RGB)."""
    from imwatermark import WatermarkEncoder

    encoder = WatermarkEncoder()
    encoder.set_watermark("bits", list(mark.bits))
    picture = rgb.astype(np.float32) if floating else rgb
    as_bgr = picture if swapped else np.ascontiguousarray(picture[..., ::-1])
    out = encoder.encode(as_bgr, "dwtDct")
    out = out if swapped else out[..., ::-1]
    return np.clip(np.round(out), 0, 255).astype(np.uint8) if floating else np.ascontiguousarray(out)


# The generators' usual output sizes: SDXL 1024, SD 2 768, SD 1 512 pixels square.
OUTPUT_SIDE = {"Stable Diffusion XL (diffusers)": 1024, "Stable Diffusion v1": 512, "Stable Diffusion v2": 768}


def generator_sized(rgb: np.ndarray, side: int) -> np.ndarray:
    """The photo's centre square at a generator's output size."""
    h, w = rgb.shape[:2]
    s = min(h, w)
    square = rgb[(h - s) // 2:(h - s) // 2 + s, (w - s) // 2:(w - s) // 2 + s]
    return cv2.resize(square, (side, side), interpolation=cv2.INTER_AREA if s > side else cv2.INTER_CUBIC)


def jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="sample this many photos evenly")
    parser.add_argument("--marked", type=int, default=40,
                        help="photos (of at least 512 px) to mark with each message and encoding")
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    files = real_photos(args.limit)
    closest = {m.name: [] for m in KNOWN_WATERMARKS}
    read, skipped, found, cpu = 0, 0, [], 0.0
    large = []
    for path in files:
        rgb = load_image(path)
        if rgb.shape[0] * rgb.shape[1] < MIN_PIXELS:
            skipped += 1
            continue
        read += 1
        started = time.process_time()
        results = closest_watermarks(rgb)
        cpu += time.process_time() - started
        for mark in KNOWN_WATERMARKS:
            closest[mark.name].append(min(w for m, _, w in results if m is mark))
        if find_watermark(rgb):
            found.append(str(path))
        if min(rgb.shape[:2]) >= 512:
            large.append(str(path))
    report = {
        "photos": len(files), "read (>= 256 x 256 px)": read, "skipped (smaller)": skipped,
        "thresholds (wrong bits allowed)": {m.name: MAX_WRONG_BITS[len(m.bits)] for m in KNOWN_WATERMARKS},
        "false marks": found,
        "closest real photo (fewest wrong bits)": {name: min(v) for name, v in closest.items()},
        "wrong bits of real photos, 1st percentile": {name: float(np.percentile(v, 1)) for name, v in closest.items()},
        "fair-coin chance per reading of the threshold or fewer": {
            m.name: chance(len(m.bits), MAX_WRONG_BITS[len(m.bits)]) for m in KNOWN_WATERMARKS},
        "fair-coin chance per reading of the closest real photo or fewer": {
            m.name: chance(len(m.bits), min(closest[m.name])) for m in KNOWN_WATERMARKS},
        "histogram (wrong bits: photos)": {
            name: {int(k): int(n) for k, n in zip(*np.unique(v, return_counts=True))} for name, v in closest.items()},
    }
    try:
        import imwatermark  # noqa: F401
    except ImportError:
        report["marked"] = "invisible-watermark is not installed: no marked copies"
    else:
        marked_report = {}
        step = max(1, len(large) // args.marked)
        large = [load_image(p) for p in large[::step][:args.marked]]
        for mark in KNOWN_WATERMARKS:
            for floating, swapped, how in ((False, False, "8-bit BGR (library, SD scripts)"),
                                           (True, False, "float BGR (diffusers)"),
                                           (True, True, "float RGB as BGR (early diffusers)")):
                wrong, after_jpeg, missed = [], [], 0
                side = OUTPUT_SIDE[mark.name]
                for rgb in large:
                    picture = marked(generator_sized(rgb, side), mark, floating, swapped)
                    finding = find_watermark(picture)
                    if finding is None or finding.name != mark.name:
                        missed += 1
                    else:
                        wrong.append(finding.wrong_bits)
                    after_jpeg.append(find_watermark(jpeg(picture, 95)) is not None)
                marked_report[f"{mark.name}, {side} x {side}, {how}"] = {
                    "found": f"{len(large) - missed}/{len(large)}",
                    "wrong bits when found (max)": max(wrong) if wrong else None,
                    "found after JPEG q95": f"{sum(after_jpeg)}/{len(large)}"}
        report["marked copies of real photos"] = marked_report
    big = cv2.resize(large[0], (1155, 866)) if len(large) and not isinstance(large[0], str) else np.zeros((866, 1155, 3), np.uint8)
    closest_watermarks(big)
    started = time.process_time()
    for _ in range(20):
        closest_watermarks(big)
    report["cpu ms per 1 MP picture (4 encodings x 3 messages)"] = round((time.process_time() - started) / 20 * 1000, 1)
    report["cpu seconds, real photos"] = round(cpu, 1)
    print(json.dumps(report, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
