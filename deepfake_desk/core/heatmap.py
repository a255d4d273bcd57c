"""Where the models look: a map of the parts of a picture they find generated.

The picture is cut into overlapping square windows on a grid (stride half a window),
each window is scored by every model exactly as a whole picture would be
(`Detector.prepare_image` / `score_inputs`: each model's own resize, crops,
calibration, then the manifest's fusion), and each pixel gets the fused chance of
fake of the most suspicious window that covers it.
The window is the largest area any model looks at before resizing, so every model
sees native-resolution pixels. A photo too large for the crop budget is scaled down
first, and the map says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from PIL import Image

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, Translate, english
from deepfake_desk.core.manifest import Bands, ModelSpec
from deepfake_desk.core.wording import percent

MAX_WINDOWS = 80  # a 900 x 600 photo at a quarter-window stride; about 0.18 s of CPU each (shipped models)
OVERLAY_ALPHA = 0.6  # opacity of the most suspicious colour
_MAP_CELLS = 4  # map cells per stride: finer than the grid, coarse enough to stay small
# A square "stands out" when it scores this much above the picture's typical (median) square. Below
# it, colouring every square in the bands' colours washed most pictures in amber and pointed at
# nothing (issue 30): the map then says that nothing stands out and colours nothing.
STANDOUT_MARGIN = 0.15

HOW_TO_READ = QT_TRANSLATE_NOOP(
    "Heatmap",
    "Red marks the parts of the picture that the models, shown one {window} px square at a time, "
    "find generated (amber: uncertain; no colour: no signs found), each part coloured by the most "
    "suspicious square that contains it; it is coarse, it is only as good as the "
    "models are on such squares (they were trained on whole pictures, not on parts of them), and an "
    "uncoloured part is not proof that it is real."
)


def model_window(spec: ModelSpec) -> int:
    """The side of the native area a model needs: what it looks at before it resizes or
    crops, or, for a model that takes a whole picture of any size, the smallest it takes
    (a larger window would only blur where the map points)."""
    pre = spec.preprocess
    return max(pre.resize_short_side or 0, spec.height, spec.width)


@dataclass
class FakeMap:
    """Fused chance of fake over a picture, one value per map cell (cells of `cell` picture pixels)."""

    probabilities: np.ndarray  # float32, rows x cols, each in [0, 1]
    cell: float  # picture pixels per map cell (the picture as given, before any downscaling)
    window: int  # window side, in the pixels the models saw
    stride: int
    scale: float  # 1.0 when windows were cut at native resolution, else the downscale factor used
    windows: int  # windows scored
    image_size: tuple[int, int]  # (width, height) of the picture as given
    window_probabilities: list[float] = field(default_factory=list)

    @property
    def peak(self) -> float:
        return float(self.probabilities.max()) if self.probabilities.size else float("nan")

    @property
    def typical(self) -> float:
        """The median square's chance of fake: what most of the picture scores."""
        return float(np.median(self.window_probabilities)) if self.window_probabilities else self.peak

    @property
    def stands_out(self) -> bool:
        """Does any square score clearly above the rest (STANDOUT_MARGIN over the median square)?"""
        return self.windows > 1 and self.peak - self.typical >= STANDOUT_MARGIN

    def how_to_read(self, translate: Translate = english) -> str:
        """How to read this map, in plain words (English unless `translate` says otherwise)."""
        if self.windows > 1 and not self.stands_out:
            low, high = min(self.window_probabilities), max(self.window_probabilities)
            text = translate("Heatmap", "Nothing stands out: every {window} px square of this picture scores about "
                             "the same ({low} to {high} chance of fake), so the map colours nothing and points at no "
                             "part of it.").format(window=self.window, low=percent(low, translate),
                                                   high=percent(high, translate))
            if self.scale < 1.0:
                text += " " + translate("Heatmap", "This picture is large: it was scaled to {share} of its size "
                                        "first, so each square covers {side} px of the original.").format(
                    share=percent(self.scale, translate), side=round(self.window / self.scale))
            return text
        text = translate("Heatmap", HOW_TO_READ).format(window=self.window)
        if self.windows > 1:
            text += " " + translate("Heatmap", "Only the squares that score at least {margin} above the picture's "
                                    "typical square ({typical}) are coloured.").format(
                margin=percent(STANDOUT_MARGIN, translate), typical=percent(self.typical, translate))
        if self.windows == 1:
            text += " " + translate("Heatmap", "This picture is no larger than one square, so the map is a single "
                                    "colour: it only repeats the score of the whole picture.")
        if self.scale < 1.0:
            text += " " + translate("Heatmap", "This picture is large: it was scaled to {share} of its size first, so "
                                    "each square covers {side} px of the original.").format(
                share=percent(self.scale, translate), side=round(self.window / self.scale))
        return text

    def upsampled(self, width: int | None = None, height: int | None = None) -> np.ndarray:
        """The map as a float32 array of the picture's size (or the size given), bilinear."""
        w, h = width or self.image_size[0], height or self.image_size[1]
        covered = (0.0, 0.0, self.image_size[0] / self.cell, self.image_size[1] / self.cell)  # cells past the edge
        grid = Image.fromarray(np.ascontiguousarray(self.probabilities, dtype=np.float32), "F")
        return np.asarray(grid.resize((w, h), Image.BILINEAR, box=covered))

    def to_dict(self) -> dict:
        return {"window": self.window, "stride": self.stride, "scale": self.scale, "windows": self.windows,
                "peak": self.peak, "window_probabilities": self.window_probabilities}


def _positions(length: int, window: int, stride: int) -> list[int]:
    """Window starts along one side: every `stride`, plus one flush with the far edge."""
    starts = list(range(0, max(length - window, 0) + 1, stride))
    if starts[-1] + window < length:
        starts.append(length - window)
    return starts


def _grid_size(h: int, w: int, window: int, stride: int) -> int:
    return len(_positions(h, window, stride)) * len(_positions(w, window, stride))


def plan_grid(h: int, w: int, window: int, max_windows: int = MAX_WINDOWS) -> tuple[float, int, int]:
    """(scale, window, stride) so that at most `max_windows` windows cover an h x w picture.

    The finest stride that fits (a quarter, then half a window: a small fake region
    then gets a window almost all its own); then no overlap; then the picture is
    scaled down (traces fade when resizing, so this is the last resort).
    """
    window = min(window, h, w)
    for stride in (max(1, window // 4), max(1, window // 2), window):
        if _grid_size(h, w, window, stride) <= max_windows:
            return 1.0, window, stride
    per_side = math.sqrt(max_windows * window * window / (h * w))
    scale = min(1.0, per_side)
    while scale > 0.01 and _grid_size(max(window, round(h * scale)), max(window, round(w * scale)),
                                      window, window) > max_windows:
        scale *= 0.95
    return scale, window, window


def fake_map(detector: Detector, rgb: np.ndarray, max_windows: int = MAX_WINDOWS,
             window: int | None = None, batch: int = 16) -> FakeMap:
    """Score a grid of native-resolution windows of `rgb` and combine them into a FakeMap."""
    if not detector.models:
        raise ValueError("no usable detection model")
    h0, w0 = rgb.shape[:2]
    wanted = window or max(model_window(m.spec) for m in detector.models)
    scale, side, stride = plan_grid(h0, w0, wanted, max_windows)
    pixels = rgb
    if scale < 1.0:
        size = (max(side, round(w0 * scale)), max(side, round(h0 * scale)))
        pixels = np.asarray(Image.fromarray(rgb).resize(size, Image.BILINEAR))
    h, w = pixels.shape[:2]
    boxes = [(y, x) for y in _positions(h, side, stride) for x in _positions(w, side, stride)]
    probabilities: list[float] = []
    for start in range(0, len(boxes), batch):
        chunk = boxes[start : start + batch]
        inputs = [detector.prepare_image(np.ascontiguousarray(pixels[y : y + side, x : x + side])) for y, x in chunk]
        probabilities += [a.fake_probability for a in detector.score_inputs(inputs)]
    # Each map cell (a quarter of a stride) takes the most suspicious window that covers it:
    # an average would dilute the one window that sits squarely on a small fake region
    # with the ones that straddle it (measured: 0.22 instead of 0.70 on a pasted face).
    cell = max(1, stride // _MAP_CELLS)
    rows, cols = math.ceil(h / cell), math.ceil(w / cell)
    worst = np.zeros((rows, cols), np.float32)
    for (y, x), p in zip(boxes, probabilities):
        r0, r1 = y // cell, math.ceil((y + side) / cell)
        c0, c1 = x // cell, math.ceil((x + side) / cell)
        np.maximum(worst[r0:r1, c0:c1], p, out=worst[r0:r1, c0:c1])
    return FakeMap(worst, cell * w0 / w, side, stride, scale, len(boxes), (w0, h0),
                   [float(p) for p in probabilities])


def overlay_colours(probabilities: np.ndarray, bands: Bands) -> np.ndarray:
    """RGBA uint8 for a probability map, in the verdict's bands: clear below t_real,
    amber (more opaque as it rises) up to t_fake, red from t_fake."""
    p = np.asarray(probabilities, dtype=np.float32)
    fake = p >= bands.t_fake
    between = np.clip((p - bands.t_real) / max(bands.t_fake - bands.t_real, 1e-6), 0.0, 1.0)
    above = np.clip((p - bands.t_fake) / max(1.0 - bands.t_fake, 1e-6), 0.0, 1.0)
    opacity = np.where(fake, 0.8 + 0.2 * above, np.where(p < bands.t_real, 0.0, 0.3 + 0.5 * between))
    rgba = np.zeros(p.shape + (4,), np.uint8)
    rgba[..., 0] = 255
    rgba[..., 1] = np.where(fake, 30, 170)
    rgba[..., 3] = np.round(255 * OVERLAY_ALPHA * opacity).astype(np.uint8)
    return rgba


def render_overlay(rgb: np.ndarray, fmap: FakeMap, bands: Bands) -> np.ndarray:
    """The picture with the map drawn over it, translucent: HxWx3 uint8 of the picture's size. Only
    the squares that stand out are coloured; when none does, the picture is returned as it is."""
    h, w = rgb.shape[:2]
    if fmap.windows > 1 and not fmap.stands_out:
        return np.ascontiguousarray(rgb[..., :3], dtype=np.uint8).copy()
    values = fmap.upsampled(w, h)
    if fmap.windows > 1:
        values = np.where(values >= fmap.typical + STANDOUT_MARGIN, values, 0.0)
    colours = overlay_colours(values, bands)
    base = Image.fromarray(np.ascontiguousarray(rgb[..., :3], dtype=np.uint8), "RGB").convert("RGBA")
    return np.asarray(Image.alpha_composite(base, Image.fromarray(colours, "RGBA")).convert("RGB"))
