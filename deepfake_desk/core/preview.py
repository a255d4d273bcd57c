"""Pictures for display, without analysis: what selecting a row of a finished scan needs.

A scan's results keep everything the verdict card shows (scores, frames, notes,
evidence) but, past a few files, not their pixels (10,000 thumbnails would not fit
in memory). `load_preview` gets them back by decoding and shrinking only: no model
runs, no hash, no metadata; JPEGs decode straight at a reduced scale (DCT scaling).
Given the app's decoding pool it decodes there, so a file that crashes its decoder
costs a preview, not the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from deepfake_desk.core import media
from deepfake_desk.core.decode_pool import DecodePool, Failed
from deepfake_desk.core.prepare import PREVIEW_SHORT_SIDE, FileFacts, shrink_for_display


@dataclass
class Preview:
    """A file's pictures for display, or why they could not be read (`error`, plain words)."""

    frames: list[np.ndarray] = field(default_factory=list, repr=False)
    error: str = ""


@dataclass(frozen=True)
class PreviewJob:
    """Decode a file's picture (or a video's sampled frames) and shrink it for display; runs
    in a decoding process (`prepare.decode_job`) or here."""

    path: str
    kind: str
    frames: int = 16  # videos: the frames the models scored (sampling is deterministic)
    short_side: int = PREVIEW_SHORT_SIDE

    def run(self) -> Preview:
        def read() -> list[np.ndarray]:
            if self.kind == "video":
                video = media.read_video_frames(self.path, self.frames)
                return [shrink_for_display(f, self.short_side) for f in video.frames]
            rgb, _ = media.open_image(self.path, media.MinSize(self.short_side))
            return [shrink_for_display(rgb, self.short_side)]

        return _read(read)


@dataclass(frozen=True)
class PictureJob:
    """An image file's picture at full resolution (the map of where the models look scores it
    square by square); runs in a decoding process or here."""

    path: str

    def run(self) -> Preview:
        return _read(lambda: [media.load_image(self.path)])


def _read(read: Callable[[], list[np.ndarray]]) -> Preview:
    try:
        return Preview(read())
    except media.MediaError as exc:
        return Preview(error=str(exc))
    except OSError as exc:
        return Preview(error=f"cannot read the file: {exc.strerror or exc}")


def _pictures(job: PreviewJob | PictureJob, pool: DecodePool | None) -> list[np.ndarray]:
    """What `job` decoded, in `pool` when given, else here. Raises media.MediaError (plain reason)."""
    outcome = pool.run_one(job) if pool is not None else job.run()
    if isinstance(outcome, Failed):
        raise media.MediaError(outcome.reason)
    if outcome.error:
        raise media.MediaError(outcome.error)
    return outcome.frames


def load_picture(path: str, pool: DecodePool | None = None) -> np.ndarray:
    """An image file at full resolution, decoded in `pool` when given (the app's decoding
    processes), else here. Raises media.MediaError (plain reason)."""
    return _pictures(PictureJob(path), pool)[0]


def load_preview(result: FileFacts, short_side: int = PREVIEW_SHORT_SIDE,
                 pool: DecodePool | None = None) -> list[np.ndarray]:
    """The picture of an image result, or the sampled frames of a video result (the same
    frames the models scored: sampling is deterministic), shrunk for display; decoded in
    `pool` when given (the app's decoding processes), else here.

    Raises media.MediaError (plain reason) when the file can no longer be read.
    """
    if result.preview:
        return result.preview
    return _pictures(PreviewJob(result.path, result.kind, len(result.frame_indices) or 16, short_side), pool)
