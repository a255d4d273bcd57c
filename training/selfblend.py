"""Self-blended images (SBI; Shiohara and Yamasaki, CVPR 2022): fakes made from one real face.

A real face is blended with a jittered copy of itself (colour, sharpness or resolution, a
slight shift and scale) inside a soft, irregular face-shaped mask. The result carries what
every face swap leaves (a blending boundary, a face whose colour, sharpness or resolution
differ a little from its surroundings) and nothing of any one swapping method, so a detector
that learns it cannot learn a generator's fingerprint, nor content, size or framing: the pair
shares them. It is the face-swap counterpart of the issue's lever b (aligned self-made fakes).

Our face sets are face crops, so the mask is an ellipse around the detected face (YuNet, the
app's own face detector), or around the centre of the crop when none is found; it is warped
by a smooth random field, blurred, and given a random blend ratio as in the paper. The blend
is saved as JPEG (quality 70-95), the state every face set is in.

    python -m training features --conditions sbi   # SBI copies of the face sets' real train images
"""

from __future__ import annotations

import io

import cv2
import numpy as np
from PIL import Image

BLEND_RATIOS = (0.25, 0.5, 0.75, 1.0, 1.0, 1.0)  # the paper's


def face_ellipse(shape: tuple[int, int], rng: np.random.Generator, box: tuple[int, int, int, int] | None) -> np.ndarray:
    """A filled ellipse (float32 0/1) over the face: the box when known, else the crop's centre."""
    h, w = shape
    if box is not None:
        x, y, bw, bh = box
        cx, cy = x + bw / 2, y + bh * 0.55
        ax, ay = bw * rng.uniform(0.42, 0.58), bh * rng.uniform(0.5, 0.68)
    else:  # a face crop: the face fills the middle
        cx, cy = w * rng.uniform(0.46, 0.54), h * rng.uniform(0.48, 0.58)
        ax, ay = w * rng.uniform(0.26, 0.38), h * rng.uniform(0.32, 0.45)
    mask = np.zeros((h, w), np.float32)
    cv2.ellipse(mask, (round(cx), round(cy)), (max(2, round(ax)), max(2, round(ay))),
                rng.uniform(-10, 10), 0, 360, 1.0, -1)
    return mask


def warp(mask: np.ndarray, rng: np.random.Generator, strength: float) -> np.ndarray:
    """The mask moved by a smooth random displacement field (an irregular outline)."""
    h, w = mask.shape
    sigma = max(h, w) / 12
    field = [cv2.GaussianBlur(rng.normal(size=(h, w)).astype(np.float32), (0, 0), sigma) for _ in range(2)]
    field = [f / (np.abs(f).max() + 1e-6) * strength * max(h, w) for f in field]
    gx, gy = np.meshgrid(np.arange(w, dtype=np.float32), np.arange(h, dtype=np.float32))
    return cv2.remap(mask, gx + field[0], gy + field[1], cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT)


def jitter_source(rgb: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The copy that is blended in: colour shifted, then either lower resolution or sharpened,
    then slightly shifted and scaled (float32 0-255)."""
    h, w = rgb.shape[:2]
    src = rgb.astype(np.float32)
    src = src + rng.uniform(-20, 20, 3).astype(np.float32)  # per-channel shift
    hsv = cv2.cvtColor(np.clip(src, 0, 255).astype(np.uint8), cv2.COLOR_RGB2HSV).astype(np.float32)
    hsv[..., 0] = (hsv[..., 0] + rng.uniform(-5, 5)) % 180
    hsv[..., 1] = np.clip(hsv[..., 1] * rng.uniform(0.85, 1.15), 0, 255)
    src = cv2.cvtColor(hsv.astype(np.uint8), cv2.COLOR_HSV2RGB).astype(np.float32)
    src = (src - 128) * rng.uniform(0.9, 1.1) + 128 + rng.uniform(-12, 12)  # contrast, brightness
    if rng.random() < 0.5:  # a face made at lower resolution and scaled up
        f = rng.uniform(0.4, 0.85)
        small = cv2.resize(np.clip(src, 0, 255), (max(8, round(w * f)), max(8, round(h * f))), interpolation=cv2.INTER_AREA)
        src = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    else:  # or sharpened
        blur = cv2.GaussianBlur(src, (0, 0), rng.uniform(0.8, 1.6))
        src = src + rng.uniform(0.4, 1.2) * (src - blur)
    scale = rng.uniform(0.95, 1.05)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), 0.0, scale)
    m[:, 2] += rng.uniform(-0.03, 0.03, 2) * (w, h)
    return cv2.warpAffine(np.clip(src, 0, 255), m, (w, h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT)


def self_blend(rgb: np.ndarray, seed: int, box: tuple[int, int, int, int] | None = None) -> np.ndarray:
    """A seeded self-blended fake of `rgb` (uint8 HxWx3), as a decoded JPEG of the same size."""
    rng = np.random.default_rng(seed)
    h, w = rgb.shape[:2]
    mask = warp(face_ellipse((h, w), rng, box), rng, rng.uniform(0.01, 0.04))
    k = max(h, w) * rng.uniform(0.01, 0.05)
    mask = cv2.GaussianBlur(mask, (0, 0), k) * rng.choice(BLEND_RATIOS)
    mask = mask[..., None]
    out = jitter_source(rgb, rng) * mask + rgb.astype(np.float32) * (1 - mask)
    buf = io.BytesIO()
    Image.fromarray(np.clip(np.rint(out), 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=int(rng.integers(70, 96)))
    return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))


class FaceFinder:
    """The largest face YuNet sees in a face crop (the app's detector, without its size limits:
    here the face is meant to fill the picture)."""

    def __init__(self, model_path: str, score_threshold: float = 0.6):
        self.detector = cv2.FaceDetectorYN.create(model_path, "", (320, 320), score_threshold, 0.3, 20)

    def __call__(self, rgb: np.ndarray) -> tuple[int, int, int, int] | None:
        h, w = rgb.shape[:2]
        self.detector.setInputSize((w, h))
        _, found = self.detector.detect(np.ascontiguousarray(rgb[..., ::-1]))  # YuNet reads BGR
        if found is None or not len(found):
            return None
        x, y, fw, fh = max(found, key=lambda r: r[2] * r[3])[:4]
        x0, y0 = max(0, round(x)), max(0, round(y))
        return x0, y0, max(4, min(w, round(x + fw)) - x0), max(4, min(h, round(y + fh)) - y0)

    @staticmethod
    def shipped() -> "FaceFinder":
        from deepfake_desk.core.manifest import load_manifest
        from training import export

        spec = load_manifest(export.MODELS_DIR / "manifest.json").face_detector
        return FaceFinder(str(spec.path))
