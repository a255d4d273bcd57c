"""Error level analysis (ELA) for JPEGs: the difference after re-saving at a known quality."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from deepfake_desk.core import media
from deepfake_desk.core.decode_pool import DecodePool, Failed
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_ELA_QUALITY = 90
ELA_GAIN = 20.0  # JPEG errors are a few levels out of 255: amplified to be seen

ELA_HOW_TO_READ = QT_TRANSLATE_NOOP(
    "Messages",
    "Error level analysis re-saves the JPEG at the chosen quality and shows how much each "
    "part changed, amplified. Parts saved the same number of times at the same quality change "
    "about equally; a region pasted in from another image, or edited after the last save, "
    "can look brighter or darker than similar surroundings. Start at the file's own quality.\n"
    "Limits: edges, fine texture and saturated colours are always bright; flat areas are always "
    "dark; re-saving (social media does) evens everything out; AI-generated images usually look "
    "uniform. A bright region is a question to ask, never proof of editing."
)


def error_level_analysis(image: Image.Image | np.ndarray, quality: int = DEFAULT_ELA_QUALITY,
                         gain: float = ELA_GAIN) -> np.ndarray:
    """|image - image re-saved as JPEG at `quality`| x gain, as an HxWx3 uint8 array."""
    if isinstance(image, Image.Image):
        image = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    pixels = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
    # OpenCV's libjpeg gives the same bytes as Pillow's here, about six times faster on
    # large images (absdiff and scaling in place of int16 NumPy arrays).
    bgr = cv2.cvtColor(np.ascontiguousarray(pixels[..., :3], dtype=np.uint8), cv2.COLOR_RGB2BGR)
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(min(100, max(1, quality)))])
    if not ok:
        raise ValueError("the image could not be re-encoded as JPEG")
    difference = cv2.absdiff(bgr, cv2.imdecode(encoded, cv2.IMREAD_COLOR))
    return cv2.cvtColor(cv2.convertScaleAbs(difference, alpha=gain), cv2.COLOR_BGR2RGB)


# EXIF orientation -> the transpose that turns the image upright (as ImageOps.exif_transpose).
_ORIENTATION = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
                5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
                8: Image.Transpose.ROTATE_90}


def ela_for_file(path: str | Path, quality: int = DEFAULT_ELA_QUALITY, gain: float = ELA_GAIN) -> np.ndarray:
    """ELA of an image file, computed on the pixels as stored (so the JPEG 8x8 grid lines up)
    and then turned upright like the displayed image. Raises media.MediaError."""
    path = Path(path)
    media.check_readable(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:
                if img.size[0] * img.size[1] > media.MAX_IMAGE_PIXELS:
                    raise media.MediaError(f"image too large for error level analysis: {img.size[0]} x {img.size[1]}")
                img.load()
                ela = Image.fromarray(error_level_analysis(img.convert("RGB"), quality, gain), "RGB")
                orientation = img.getexif().get(0x0112)
        if orientation in _ORIENTATION:
            ela = ela.transpose(_ORIENTATION[orientation])
        return np.asarray(ela)
    except media.MediaError:
        raise
    except UnidentifiedImageError:
        raise media.MediaError("not an image that can be read (unrecognised or corrupt data)") from None
    except Exception as exc:  # same words as the image loader for the same problems
        reason = str(exc) or type(exc).__name__
        if "truncated" in reason.lower():
            raise media.MediaError("corrupt image: the file is truncated") from None
        raise media.MediaError(f"error level analysis failed: {type(exc).__name__}: {reason}") from None


def nearest_thumbnail(rgb: np.ndarray, longest: int) -> np.ndarray:
    """A thumbnail by nearest neighbour: keeps ELA's bright specks visible (averaging would dim them)."""
    h, w = rgb.shape[:2]
    step = max(1, int(np.ceil(max(h, w) / longest)))
    return np.ascontiguousarray(rgb[::step, ::step])


@dataclass
class ElaImages:
    """Error levels of a file and (when asked) its picture, shrunk for display; or why not (`error`)."""

    ela: np.ndarray | None = field(default=None, repr=False)
    picture: np.ndarray | None = field(default=None, repr=False)
    error: str = ""


@dataclass(frozen=True)
class ElaJob:
    """Error level analysis of a file at full size, shrunk for display: runs in a decoding
    process (`prepare.decode_job`: a crafted JPEG costs the image, not the window) or here."""

    path: str
    quality: int
    display_side: int = 0  # longest side of the images returned; 0: full size
    with_picture: bool = False

    def run(self) -> ElaImages:
        try:
            side = self.display_side
            ela = ela_for_file(self.path, self.quality)
            ela = nearest_thumbnail(ela, side) if side else ela
            picture = None
            if self.with_picture:
                picture = media.load_image(self.path)
                picture = nearest_thumbnail(picture, side) if side else picture
            return ElaImages(ela, picture)
        except media.MediaError as exc:
            return ElaImages(error=str(exc))


def error_levels(job: ElaJob, pool: DecodePool | None = None) -> ElaImages:
    """`job` run in `pool` (the app's decoding processes) when given, else here; a decoder that
    crashed or overran there gives the reason as `error`."""
    outcome = pool.run_one(job) if pool is not None else job.run()
    return ElaImages(error=outcome.reason) if isinstance(outcome, Failed) else outcome
