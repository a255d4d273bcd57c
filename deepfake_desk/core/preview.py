"""Pictures for display, without analysis: what selecting a row of a finished scan needs.

A scan's results keep everything the verdict card shows (scores, frames, notes,
evidence) but, past a few files, not their pixels (10,000 thumbnails would not fit
in memory). `load_preview` gets them back by decoding and shrinking only: no model
runs, no hash, no metadata; JPEGs decode straight at a reduced scale (DCT scaling).
"""

from __future__ import annotations

import numpy as np

from deepfake_desk.core import media
from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.prepare import PREVIEW_SHORT_SIDE, shrink_for_display


def load_preview(result: FileResult, short_side: int = PREVIEW_SHORT_SIDE) -> list[np.ndarray]:
    """The picture of an image result, or the sampled frames of a video result (the same
    frames the models scored: sampling is deterministic), shrunk for display.

    Raises media.MediaError (plain reason) when the file can no longer be read.
    """
    if result.preview:
        return result.preview
    if result.kind == "video":
        video = media.read_video_frames(result.path, result.frames or len(result.frame_indices) or 16)
        return [shrink_for_display(f, short_side) for f in video.frames]
    rgb, _ = media.open_image(result.path, media.MinSize(short_side))
    return [shrink_for_display(rgb, short_side)]
