"""Face finders compared: YuNet (s and n) against the Haar cascade the app used before.

    python benchmarks/faces.py [--data ../shared/data] [--per-set 100] [--draw /tmp/faces]

Photos (data/photos/real): the app's own `find_faces` rule (search on a 640 px copy,
faces 6-50% of the short side); boxes per photo, and with --draw a contact sheet of the
boxes to check by eye which are false. Face sets (crops 256-300 px with one face each):
the raw detector on the whole crop, no size rule; "found" is the share of crops with a
box, "extra" the boxes beyond one. Time per photo includes decoding and the resize.
Writes benchmarks/faces.json; benchmarks/faces.md quotes it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from deepfake_desk.core import faces  # noqa: E402
from deepfake_desk.core.manifest import FaceDetectorSpec, file_sha256  # noqa: E402
from deepfake_desk.core.media import load_image  # noqa: E402

WEIGHTS = REPO.parent / "shared" / "weights"


def yunet_finder(file: Path, threshold: float):
    spec = FaceDetectorSpec(file, file_sha256(file), score_threshold=threshold)

    def photo(rgb):
        return faces.find_faces(rgb, spec)

    def crop(rgb):
        h, w = rgb.shape[:2]
        det = faces._yunet(spec)
        det.setInputSize((w, h))
        return [] if (found := det.detect(np.ascontiguousarray(rgb[..., ::-1]))[1]) is None else list(found)

    return photo, crop


def haar_finder():
    """The cascade and parameters of the app before YuNet (deepfake_desk/core/faces.py at 68461b4)."""
    cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")

    def run(rgb, rule: bool):
        small, scale = faces.search_copy(rgb, 640)
        grey = cv2.equalizeHist(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
        short = min(grey.shape[:2])
        lo, hi = (max(20, int(short * 0.06)), int(short * 0.5)) if rule else (20, short)
        found = cascade.detectMultiScale(grey, scaleFactor=1.15, minNeighbors=6, minSize=(lo, lo), maxSize=(hi, hi))
        return [faces.FaceBox(*(round(v / scale) for v in b)) for b in found]

    return (lambda rgb: run(rgb, True)), (lambda rgb: run(rgb, False))


def measure(name, photo, crop, photos, sets, draw: Path | None):
    out = {"photos": {}, "sets": {}}
    boxes_per_photo, times = [], []
    for path in photos:
        started = time.perf_counter()
        rgb = load_image(path)
        found = photo(rgb)
        times.append(time.perf_counter() - started)
        boxes_per_photo.append(len(found))
        if draw:
            img = Image.fromarray(rgb)
            pen = ImageDraw.Draw(img)
            for b in found:
                pen.rectangle([b.x, b.y, b.x + b.w, b.y + b.h], outline=(255, 0, 0), width=max(3, img.width // 200))
            img.thumbnail((400, 400))
            (draw / name).mkdir(parents=True, exist_ok=True)
            img.save(draw / name / f"{path.stem}.png")
    out["photos"] = {"n": len(photos), "boxes": int(sum(boxes_per_photo)),
                     "photos_with_boxes": int(sum(b > 0 for b in boxes_per_photo)),
                     "ms_per_photo_median": round(1000 * float(np.median(times)), 1),
                     "ms_per_photo_mean": round(1000 * float(np.mean(times)), 1),
                     "per_photo": dict(zip([p.name for p in photos], boxes_per_photo))}
    for set_name, files in sets.items():
        counts, t = [], []
        for path in files:
            rgb = load_image(path)
            started = time.perf_counter()
            counts.append(len(crop(rgb)))
            t.append(time.perf_counter() - started)
        out["sets"][set_name] = {"n": len(files), "found": round(float(np.mean([c > 0 for c in counts])), 3),
                                 "extra_boxes": int(sum(max(0, c - 1) for c in counts)),
                                 "ms_per_crop_median": round(1000 * float(np.median(t)), 1)}
    return out


def contact_sheet(folder: Path, out: Path) -> None:
    tiles = [Image.open(p) for p in sorted(folder.glob("*.png"))]
    cols, cell = 8, 200
    sheet = Image.new("RGB", (cols * cell, -(-len(tiles) // cols) * cell), "white")
    for i, tile in enumerate(tiles):
        tile.thumbnail((cell - 4, cell - 4))
        sheet.paste(tile, ((i % cols) * cell + 2, (i // cols) * cell + 2))
    sheet.save(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--per-set", type=int, default=100)
    parser.add_argument("--draw", type=Path, help="write the photos with their boxes here (and a contact sheet)")
    parser.add_argument("--finders", nargs="+", default=["yunet_s@0.8", "yunet_n@0.8", "haar"])
    parser.add_argument("--out", type=Path, default=REPO / "benchmarks" / "faces.json")
    args = parser.parse_args()
    cv2.setNumThreads(1)  # as in a scan worker process
    photos = sorted(p for p in (args.data / "photos" / "real").iterdir() if p.is_file())
    sets = {s: sorted((args.data / "faces" / s / "real").iterdir())[: args.per_set]
            for s in ("stylegan2_tpdne", "openforensics")}
    report = {}
    for finder in args.finders:
        if finder == "haar":
            photo, crop = haar_finder()
        else:
            model, threshold = finder.split("@")
            photo, crop = yunet_finder(WEIGHTS / f"{model}_640_640.onnx", float(threshold))
        photo(np.zeros((64, 64, 3), np.uint8))  # load the model before timing
        report[finder] = measure(finder, photo, crop, photos, sets, args.draw)
        if args.draw:
            contact_sheet(args.draw / finder, args.draw / f"{finder}.png")
        summary = {k: v for k, v in report[finder]["photos"].items() if k != "per_photo"}
        print(finder, summary, report[finder]["sets"], flush=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n")


if __name__ == "__main__":
    main()
