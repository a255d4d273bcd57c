"""Finding faces in large photos and video frames, so the models see what they were trained on.

The detectors learned from face crops that fill a 224-300 px image. Shrunk whole, a
12-megapixel photo of a person shows them a 30-pixel face; cropped around the face
(with a margin, like the training crops), they see a familiar picture. Faces are found
by YuNet (cv2.FaceDetectorYN, Apache-2.0, a 233 KB ONNX file listed in the manifest's
`face_detector`): it finds turned and small faces, and puts no boxes on buildings,
where the Haar cascade it replaced did (benchmarks/faces.md).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from deepfake_desk.core.manifest import FaceDetectorSpec

MIN_FACE_FRACTION = 0.06  # of the image's shorter side: smaller "faces" are noise or unusable
MAX_FACE_FRACTION = 0.5  # larger: the image already is a face crop, score it whole
MARGIN = 0.35  # context around the face box on each side, like the training crops
MAX_FACES = 4
_TOP_K = 50  # boxes YuNet keeps before non-maximum suppression


@dataclass(frozen=True)
class FaceBox:
    x: int
    y: int
    w: int
    h: int
    score: float = 1.0  # YuNet's confidence

    def as_tuple(self) -> tuple[int, int, int, int]:
        return (self.x, self.y, self.w, self.h)

    def scaled(self, f: float) -> FaceBox:
        """The same box in an image `f` times as large."""
        return FaceBox(round(self.x * f), round(self.y * f), round(self.w * f), round(self.h * f), self.score)


_per_thread = threading.local()


def _yunet(spec: FaceDetectorSpec) -> cv2.FaceDetectorYN:
    # One detector per thread and spec: an OpenCV dnn network is not safe to share
    # between threads (the Haar cascade before it segfaulted when two workers did).
    cache = getattr(_per_thread, "yunet", None)
    if cache is None:
        cache = _per_thread.yunet = {}
    if spec not in cache:
        cache[spec] = cv2.FaceDetectorYN.create(
            str(spec.path), "", (spec.search_long_side, spec.search_long_side),
            spec.score_threshold, spec.nms_threshold, _TOP_K)
    return cache[spec]


def search_copy(rgb: np.ndarray, long_side: int) -> tuple[np.ndarray, float]:
    """A copy at most `long_side` large for the face search, and its scale to `rgb`."""
    h, w = rgb.shape[:2]
    scale = min(1.0, long_side / max(h, w))
    if scale < 1:
        rgb = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return rgb, scale


@dataclass(frozen=True)
class Detections:
    """What one YuNet pass found on a picture's search copy: every face it saw, before any size rule.
    `find_faces` and `shows_face` read the same pass, so a picture needing both is searched once."""

    rows: np.ndarray  # [N, 15] YuNet rows (x, y, w, h, landmarks, score) in the search copy's pixels
    width: int  # of the search copy
    height: int
    scale: float  # search copy / picture

    def boxes(self) -> list[FaceBox]:
        """Faces worth scoring on their own, largest first, in the picture's coordinates."""
        w, h = self.width, self.height
        short = min(h, w)
        boxes = []
        for row in self.rows:
            x, y, fw, fh = (float(v) for v in row[:4])
            side = max(fw, fh)
            if side < short * MIN_FACE_FRACTION or side > short * MAX_FACE_FRACTION:
                continue
            x0, y0 = max(0.0, x), max(0.0, y)
            box = FaceBox(round(x0), round(y0), round(min(w, x + fw) - x0), round(min(h, y + fh) - y0), float(row[14]))
            boxes.append(box.scaled(1 / self.scale))
        boxes.sort(key=lambda b: b.w * b.h, reverse=True)
        return boxes[:MAX_FACES]

    def any_face(self) -> bool:
        """A face at all, however large (a face crop counts, unlike in `boxes`)."""
        return any(max(float(r[2]), float(r[3])) >= min(self.width, self.height) * MIN_FACE_FRACTION
                   for r in self.rows)


def detect(rgb: np.ndarray, spec: FaceDetectorSpec) -> Detections:
    """One YuNet pass over the picture's search copy."""
    small, scale = search_copy(rgb, spec.search_long_side)
    h, w = small.shape[:2]
    detector = _yunet(spec)
    detector.setInputSize((w, h))
    _, found = detector.detect(np.ascontiguousarray(small[..., ::-1]))  # YuNet reads BGR
    return Detections(np.zeros((0, 15), np.float32) if found is None else found, w, h, scale)


def find_faces(rgb: np.ndarray, spec: FaceDetectorSpec) -> list[FaceBox]:
    """Faces worth scoring on their own, largest first, in `rgb`'s coordinates."""
    return detect(rgb, spec).boxes()


def shows_face(rgb: np.ndarray, spec: FaceDetectorSpec) -> bool:
    """Whether the picture shows a face at all, however large: what learn compares between a detector's
    fakes and its real photos, and what a scan asks for such a detector (core.familiarity.face_gap)."""
    return detect(rgb, spec).any_face()


def face_crop(rgb: np.ndarray, box: FaceBox, margin: float = MARGIN) -> np.ndarray:
    """A square crop around the face with `margin` of its size on each side, clipped to the image."""
    h, w = rgb.shape[:2]
    side = int(max(box.w, box.h) * (1 + 2 * margin))
    cx, cy = box.x + box.w // 2, box.y + box.h // 2
    x0 = min(max(0, cx - side // 2), max(0, w - side))
    y0 = min(max(0, cy - side // 2), max(0, h - side))
    return rgb[y0 : y0 + side, x0 : x0 + side]
