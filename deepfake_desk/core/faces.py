"""Finding faces in large photos and video frames, so the models see what they were trained on.

The detectors learned from face crops that fill a 224-300 px image. Shrunk whole, a
12-megapixel photo of a person shows them a 30-pixel face; cropped around the face
(with a margin, like the training crops), they see a familiar picture. OpenCV's Haar
cascade (shipped inside opencv-python) is fast, offline and good enough for frontal faces.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

DETECT_LONG_SIDE = 640  # faces are searched on a copy at most this large (speed)
MIN_FACE_FRACTION = 0.06  # of the image's shorter side: smaller "faces" are noise or unusable
MAX_FACE_FRACTION = 0.5  # larger: the image already is a face crop, score it whole
MARGIN = 0.35  # context around the face box on each side, like the training crops
MAX_FACES = 4


@dataclass(frozen=True)
class FaceBox:
    x: int
    y: int
    w: int
    h: int

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.w, self.h)


_per_thread = threading.local()


def _cascade() -> cv2.CascadeClassifier | None:
    # One classifier per thread: detectMultiScale on a shared instance crashes
    # (segfault) when two scan workers call it at once.
    if not hasattr(_per_thread, "cascade"):
        cascade = cv2.CascadeClassifier(cv2.data.haarcascades + "haarcascade_frontalface_default.xml")
        _per_thread.cascade = None if cascade.empty() else cascade
    return _per_thread.cascade


def find_faces(rgb: np.ndarray) -> list[FaceBox]:
    """Frontal faces worth scoring on their own, largest first, in the image's coordinates."""
    cascade = _cascade()
    if cascade is None:
        return []
    h, w = rgb.shape[:2]
    scale = min(1.0, DETECT_LONG_SIDE / max(h, w))
    small = cv2.resize(rgb, (round(w * scale), round(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    grey = cv2.equalizeHist(cv2.cvtColor(small, cv2.COLOR_RGB2GRAY))
    short = min(grey.shape[:2])
    min_side = max(20, int(short * MIN_FACE_FRACTION))
    max_side = int(short * MAX_FACE_FRACTION)
    if max_side <= min_side:
        return []
    found = cascade.detectMultiScale(grey, scaleFactor=1.15, minNeighbors=6, minSize=(min_side, min_side),
                                     maxSize=(max_side, max_side))
    boxes = [FaceBox(round(x / scale), round(y / scale), round(fw / scale), round(fh / scale)) for x, y, fw, fh in found]
    boxes.sort(key=lambda b: b.w * b.h, reverse=True)
    return boxes[:MAX_FACES]


def face_crop(rgb: np.ndarray, box: FaceBox, margin: float = MARGIN) -> np.ndarray:
    """A square crop around the face with `margin` of its size on each side, clipped to the image."""
    h, w = rgb.shape[:2]
    side = int(max(box.w, box.h) * (1 + 2 * margin))
    cx, cy = box.x + box.w // 2, box.y + box.h // 2
    x0 = min(max(0, cx - side // 2), max(0, w - side))
    y0 = min(max(0, cy - side // 2), max(0, h - side))
    return rgb[y0 : y0 + side, x0 : x0 + side]
