"""Copies within a scan (core/copies.py): are re-encoded copies found, are distinct photos kept apart?

    nice -n 15 python benchmarks/copies.py [--limit N] [--out benchmarks/copies.json]

Over every real photo in ../shared/data (each source's real/ folder and photos/real):
the hash distance between each photo and its copy resized to 0.5x, re-encoded as JPEG
quality 70, and cropped by 5% (2.5% off each side; and 5% off the right and bottom
edges), and how many pairs of *distinct* photos fall within the copy thresholds (false
groups). Photos are read with the app's loader; nothing is written next to them.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deepfake_desk.core.copies import (COLOUR_LEVELS, DHASH_BITS, PHASH_BITS, PictureHash, are_copies,  # noqa: E402
                                       colour_distance, copy_groups, picture_hash)  # noqa: E402
from deepfake_desk.core.media import load_image  # noqa: E402

# ../shared/data beside the checkout (a worktree sits one level deeper)
DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")


def real_photos(limit: int | None = None) -> list[Path]:
    folders = sorted(DATA.glob("*/*/real")) + [DATA / "photos" / "real"]
    files = [p for folder in folders for p in sorted(folder.rglob("*"))
             if p.suffix.lower() in (".jpg", ".jpeg", ".png")]
    if limit and len(files) > limit:
        files = [files[i] for i in np.linspace(0, len(files) - 1, limit).astype(int)]
    return files


def jpeg(rgb: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))


def variants(rgb: np.ndarray) -> dict[str, np.ndarray]:
    h, w = rgb.shape[:2]
    dy, dx = round(h * 0.025), round(w * 0.025)
    return {
        "resize 0.5x": cv2.resize(rgb, (max(1, w // 2), max(1, h // 2)), interpolation=cv2.INTER_AREA),
        "JPEG 70": jpeg(rgb, 70),
        "crop 5% (centred)": rgb[dy:h - dy, dx:w - dx],
        "crop 5% (one corner)": rgb[: h - 2 * dy, : w - 2 * dx],
    }


def distance(a: PictureHash, b: PictureHash) -> tuple[int, int]:
    return (a.phash ^ b.phash).bit_count(), (a.dhash ^ b.dhash).bit_count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="sample this many photos evenly")
    parser.add_argument("--out", default=None, help="write the numbers as JSON here")
    args = parser.parse_args()
    files = real_photos(args.limit)
    originals: list[PictureHash] = []
    names: list[str] = []
    found: dict[str, int] = {}
    worst: dict[str, list[tuple[int, int]]] = {}
    started = time.process_time()
    for path in files:
        rgb = load_image(path)
        key = picture_hash(rgb)
        originals.append(key)
        names.append(str(path.relative_to(DATA)))
        for name, copy in variants(rgb).items():
            other = picture_hash(copy)
            dp, dd = distance(key, other)
            found[name] = found.get(name, 0) + are_copies(key, other)
            worst.setdefault(name, []).append((dp, dd, colour_distance(key, other)))
    cpu = time.process_time() - started
    p = np.array([k.phash for k in originals], dtype=np.uint64)
    d = np.array([k.dhash for k in originals], dtype=np.uint64)
    close_pairs = []
    near = {"phash": np.zeros(65, np.int64), "dhash": np.zeros(65, np.int64)}
    for i in range(len(originals)):
        dp = np.bitwise_count(p[i + 1:] ^ p[i]).astype(int)
        dd = np.bitwise_count(d[i + 1:] ^ d[i]).astype(int)
        near["phash"] += np.bincount(dp, minlength=65)
        near["dhash"] += np.bincount(dd, minlength=65)
        for j in np.flatnonzero((dp <= PHASH_BITS) & (dd <= DHASH_BITS)):
            close_pairs.append((names[i], names[i + 1 + j], int(dp[j]), int(dd[j]),
                                round(colour_distance(originals[i], originals[i + 1 + j]), 1)))
    groups = copy_groups(list(originals))
    report = {
        "photos": len(files),
        "thresholds": {"phash_bits": PHASH_BITS, "dhash_bits": DHASH_BITS, "colour_levels": COLOUR_LEVELS},
        "copies_found": {name: f"{n}/{len(files)}" for name, n in found.items()},
        "copy_distance_p99 [phash, dhash, colour]": {
            name: [round(float(np.percentile([x[k] for x in v], 99)), 1) for k in range(3)] for name, v in worst.items()},
        "copy_distance_max [phash, dhash, colour]": {
            name: [round(float(max(x[k] for x in v)), 1) for k in range(3)] for name, v in worst.items()},
        "distinct_pairs": len(files) * (len(files) - 1) // 2,
        "distinct_pairs_within_hash_thresholds": len(close_pairs),
        "distinct_pairs_called_copies": sum(c <= COLOUR_LEVELS for *_, c in close_pairs),
        "photos_in_groups": len(groups),
        "groups": len(set(groups.values())),
        "closest_distinct_phash": int(np.flatnonzero(near["phash"])[0]),
        "closest_distinct_dhash": int(np.flatnonzero(near["dhash"])[0]),
        "pairs_called_copies [a, b, phash, dhash, colour]": sorted((x for x in close_pairs if x[-1] <= COLOUR_LEVELS),
                                                                   key=lambda x: x[-1]),
        "cpu_seconds": round(cpu, 1),
    }
    print(json.dumps(report, indent=1))
    if args.out:
        Path(args.out).write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
