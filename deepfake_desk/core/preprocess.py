"""Turning an RGB image into a model's input tensor, as the manifest's `preprocess` says.

Training caches its images through `resize_short_side` too, so the two agree pixel for pixel.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from deepfake_desk.core.manifest import ModelSpec, Preprocess

WHOLE_MULTIPLE = 32  # total stride of the pretrained backbones


def resize_short_side(rgb: np.ndarray, side: int) -> np.ndarray:
    """Resize so the shorter side is `side` (Pillow bilinear, antialiased when shrinking)."""
    h, w = rgb.shape[:2]
    if min(h, w) == side:
        return rgb
    f = side / min(h, w)
    size = (max(side, round(w * f)), max(side, round(h * f)))
    return np.asarray(Image.fromarray(rgb).resize(size, Image.BILINEAR))


def limit_long_side(rgb: np.ndarray, max_side: int) -> np.ndarray:
    """Shrink (never enlarge) so the longer side is at most `max_side`: how social media and
    most shared files arrive, so models see files at the scale they will meet."""
    h, w = rgb.shape[:2]
    if max(h, w) <= max_side:
        return rgb
    f = max_side / max(h, w)
    return np.asarray(Image.fromarray(rgb).resize((max(1, round(w * f)), max(1, round(h * f))), Image.BILINEAR))


def whole_view(img: np.ndarray, multiple: int = WHOLE_MULTIPLE) -> np.ndarray:
    """The whole picture for a fully convolutional model, centre-trimmed so each side is a
    multiple of the network's total stride (at most multiple - 1 pixels lost per side)."""
    h, w = img.shape[:2]
    th, tw = max(multiple, h - h % multiple), max(multiple, w - w % multiple)
    y, x = (h - th) // 2, (w - tw) // 2
    return img[y : y + th, x : x + tw]


def crop_boxes(h: int, w: int, ch: int, cw: int, mode: str) -> list[tuple[int, int]]:
    """Top-left corners of the crops: the centre, or the centre and the four corners."""
    centre = ((h - ch) // 2, (w - cw) // 2)
    if mode == "center":
        return [centre]
    corners = [(0, 0), (0, w - cw), (h - ch, 0), (h - ch, w - cw)]
    return [centre] + [c for c in corners if c != centre]


def sized_image(rgb: np.ndarray, pre: Preprocess, height: int, width: int) -> np.ndarray:
    """The image after the resize step, before cropping (shared by models with equal settings)."""
    if pre.crop == "resize":
        return np.asarray(Image.fromarray(rgb).resize((width, height), Image.BILINEAR))
    if pre.max_side:
        rgb = limit_long_side(rgb, pre.max_side)
    if pre.resize_short_side:
        rgb = resize_short_side(rgb, max(pre.resize_short_side, height, width))
    h, w = rgb.shape[:2]
    if h < height or w < width:  # too small for the crop: upscale just enough
        f = max(height / h, width / w)
        size = (max(width, int(np.ceil(w * f))), max(height, int(np.ceil(h * f))))
        rgb = np.asarray(Image.fromarray(rgb).resize(size, Image.BILINEAR))
    return rgb


def model_inputs(rgb: np.ndarray, spec: ModelSpec) -> np.ndarray:
    """float32 [n_crops, H, W, C] (or NCHW) ready for the model."""
    pre = spec.preprocess
    img = sized_image(rgb, pre, spec.height, spec.width)
    h, w = img.shape[:2]
    if pre.crop == "resize":
        crops = img[None]
    elif pre.crop == "whole":  # native resolution, one view of any size: height/width are its minimum
        crops = whole_view(img)[None]
    else:
        crops = np.stack([img[y : y + spec.height, x : x + spec.width] for y, x in
                          crop_boxes(h, w, spec.height, spec.width, pre.crop)])
    if pre.channel_order == "BGR":
        crops = crops[..., ::-1]
    x = crops.astype(np.float32) * np.float32(pre.scale) + np.float32(pre.offset)
    if spec.layout == "NCHW":
        x = x.transpose(0, 3, 1, 2)
    return np.ascontiguousarray(x)
