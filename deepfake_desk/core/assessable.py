"""Can these models judge this picture at all? Computer graphics get no real/fake verdict.

The detectors were trained on photographs and on generated or manipulated photos
(faces, scenes, paintings). On charts, screenshots, cartoons, flat drawings and
documents their scores mean nothing (a chart came out "real" at 2%), so such a
picture is "not assessable" with the reason in words (DESIGN.md section 7).

The test is three cheap image statistics that photographs, camera or generated,
almost never reach and computer graphics almost always do:
- `flat_share`: share of 8x8 blocks that are one flat colour (a photograph's sensor
  grain and shading leave almost no block perfectly flat);
- `top_colours_share`: share of pixels covered by the 8 most frequent exact colours
  (a chart is a handful of colours; a photograph has tens of thousands);
- `still_share`: share of pixels with no local grain at all (|Laplacian| <= 1 on the
  grey image): smooth computer-made shading and gradients, which have no noise.
Thresholds were fitted by benchmarks/not_assessable.py on graphics drawn there
against our data's real photos and fakes, and measured on graphics of other kinds
(docs/not_assessable.md has the numbers and the command).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP

ANALYSIS_SIDE = 512  # pictures are shrunk (by whole factors, box filter) to about this before measuring
BLOCK = 8
TOP_COLOURS = 8

# Fitted by benchmarks/not_assessable.py (see docs/not_assessable.md): each is above what
# nearly every photograph and fake in ../shared/data reaches.
FLAT_SHARE_MIN = 0.50
TOP_COLOURS_MIN = 0.45
STILL_SHARE_MIN = 0.75

GRAPHICS = QT_TRANSLATE_NOOP("Messages", "it looks like computer graphics (a chart, a screenshot, a drawing or a "
                                          "document)")
# The detail after GRAPHICS, {0} a share ("100%"): core.i18n.translate_message translates it with the number kept.
FLAT = QT_TRANSLATE_NOOP("Messages", "{0} of it is flat colour")
FEW_COLOURS = QT_TRANSLATE_NOOP("Messages", "a few colours cover {0} of it")
NO_GRAIN = QT_TRANSLATE_NOOP("Messages", "it has none of the fine grain of a photograph ({0} is perfectly smooth)")


@dataclass(frozen=True)
class PictureStats:
    """The measurements behind the decision, kept so a report can show them."""

    flat_share: float
    top_colours_share: float
    still_share: float


@dataclass(frozen=True)
class Assessment:
    """Whether the models can judge a picture; `reason` says why not, in plain words."""

    assessable: bool
    reason: str
    stats: PictureStats


def _shrink(rgb: np.ndarray, side: int = ANALYSIS_SIDE) -> np.ndarray:
    """Box-average by a whole factor so the longer side is near `side`: flat areas stay exactly flat.

    OpenCV's INTER_AREA on a whole factor is a box average; run on the pixels shifted
    into 16 bits and rounded once at the end, it gives the pixels of the exact sum
    rounded half up (checked equal for factors 2-8), 10-50x faster than summing the
    blocks in numpy. Direct INTER_AREA on 8 bits rounds some halves down.
    """
    factor = max(1, max(rgb.shape[:2]) // side)
    if factor == 1:
        return rgb
    h, w = rgb.shape[0] // factor, rgb.shape[1] // factor
    mean = cv2.resize(rgb[: h * factor, : w * factor].astype(np.uint16) << 8, (w, h), interpolation=cv2.INTER_AREA)
    return ((mean + 128) >> 8).astype(np.uint8)


def picture_stats(rgb: np.ndarray) -> PictureStats:
    """The three statistics of an RGB uint8 picture (H x W x 3, any size)."""
    small = _shrink(np.ascontiguousarray(rgb[..., :3]))
    h, w = small.shape[:2]
    bh, bw = h // BLOCK, w // BLOCK
    if bh and bw:
        # max and min over each block's rows, then over its columns: two reductions along
        # contiguous memory (one over both axes at once is 8x slower)
        rows = small[: bh * BLOCK, : bw * BLOCK].reshape(bh, BLOCK, bw * BLOCK * 3)
        hi = rows.max(axis=1).reshape(bh, bw, BLOCK, 3).max(axis=2)
        lo = rows.min(axis=1).reshape(bh, bw, BLOCK, 3).min(axis=2)
        flat = float(np.mean((hi.astype(np.int16) - lo).max(axis=-1) <= 1))
    else:
        flat = 0.0
    packed = (small[..., 0].astype(np.uint32) << 16) | (small[..., 1].astype(np.uint32) << 8) | small[..., 2]
    counts = np.unique(packed, return_counts=True)[1]
    top = float(np.sort(counts)[-TOP_COLOURS:].sum() / packed.size)
    if h >= 3 and w >= 3:
        grey = small.astype(np.int32) @ np.array([299, 587, 114], np.int32)  # x1000
        lap = (4 * grey[1:-1, 1:-1] - grey[:-2, 1:-1] - grey[2:, 1:-1] - grey[1:-1, :-2] - grey[1:-1, 2:])
        still = float(np.mean(np.abs(lap) <= 1000))
    else:
        still = 0.0
    return PictureStats(flat, top, still)


def assess(rgb: np.ndarray) -> Assessment:
    """Decide whether the models can judge this picture (an image, or one video frame)."""
    stats = picture_stats(rgb)
    if stats.flat_share >= FLAT_SHARE_MIN:
        why = f"{GRAPHICS}: " + FLAT.format(f"{stats.flat_share:.0%}")
    elif stats.top_colours_share >= TOP_COLOURS_MIN:
        why = f"{GRAPHICS}: " + FEW_COLOURS.format(f"{stats.top_colours_share:.0%}")
    elif stats.still_share >= STILL_SHARE_MIN:
        why = f"{GRAPHICS}: " + NO_GRAIN.format(f"{stats.still_share:.0%}")
    else:
        return Assessment(True, "", stats)
    return Assessment(False, why, stats)
