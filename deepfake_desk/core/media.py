"""Reading images and videos into RGB arrays, with plain-language errors for bad files.

This is the one image loader of the project: the app and the training pipeline both
decode through `load_image`, so a model sees at run time what it saw in training.
"""

from __future__ import annotations

import errno
import math
import os
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
import pi_heif
from PIL import AvifImagePlugin, Image, ImageFile, ImageOps, UnidentifiedImageError

from deepfake_desk.core import sniff
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.sniff import sniff_kind  # noqa: F401  (media.sniff_kind: callers' one entry point)

IMAGE_EXTENSIONS = frozenset({".jpg", ".jpeg", ".png", ".webp", ".bmp", ".tif", ".tiff", ".gif",
                              ".heic", ".heif", ".avif"})
VIDEO_EXTENSIONS = frozenset({".mp4", ".avi", ".mov", ".wmv", ".mkv", ".webm"})
MEDIA_EXTENSIONS = IMAGE_EXTENSIONS | VIDEO_EXTENSIONS

# Our own pixel budget replaces Pillow's decompression-bomb limit: a header claiming
# more pixels than this is refused before any decoding (JPEGs are decoded at a
# reduced scale instead, which their DCT allows at no cost).
MAX_IMAGE_PIXELS = 100_000_000
# open_image's `full_size` sees pictures up to this size: generators' own outputs (whose invisible
# watermarks it is for) are far smaller, and a copy of a 100 MP picture would cost 300 MB.
FULL_SIZE_MAX_PIXELS = 16_000_000
# Video frames are kept at most this tall/wide on their shorter side: the models
# resize far below it, and 16 4K frames would otherwise take 400 MB.
MAX_FRAME_SHORT_SIDE = 1080
# The ISO-BMFF picture formats (sniff.py's MIME types), whose decoders are asked why when
# Pillow cannot identify such a file.
_ISO_IMAGE_FORMATS = {"image/heif": "HEIF", "image/avif": "AVIF"}

Image.MAX_IMAGE_PIXELS = None  # enforced by MAX_IMAGE_PIXELS above, with a clear message
ImageFile.LOAD_TRUNCATED_IMAGES = False  # a truncated file is an error, not grey pixels
# The first words of the messages composed with details ("corrupt image: ..."), marked for the
# window's translation (deepfake_desk.core.i18n.translate_message).
MESSAGE_HEADS = (QT_TRANSLATE_NOOP("Messages", "corrupt image"), QT_TRANSLATE_NOOP("Messages", "corrupt video"),
                 QT_TRANSLATE_NOOP("Messages", "image too large"), QT_TRANSLATE_NOOP("Messages", "cannot read the file"))

# HEIF/HEIC (phones' default photo format) through libheif (pi-heif, pillow-heif's decode-only
# build); AVIF is Pillow's own. Registered here, once, so every Image.open in the app (metadata
# and error level analysis too) reads them. Thumbnails, depth maps and auxiliary images are
# never looked at: not decoded.
pi_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)


class MediaError(Exception):
    """A file that cannot be read as media; the message is meant for the user."""


def kind_from_extension(path: str | os.PathLike) -> str | None:
    suffix = Path(path).suffix.lower()
    if suffix in IMAGE_EXTENSIONS:
        return "image"
    if suffix in VIDEO_EXTENSIONS:
        return "video"
    return None


def check_readable(path: Path) -> None:
    """Raise MediaError for the file-system problems every loader shares."""
    if path.is_symlink() and not path.exists():
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                raise MediaError(QT_TRANSLATE_NOOP("Messages", "symbolic link loop: the link leads back to itself")) from None
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "broken link: the file it points to does not exist"))
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "file not found")) from None
    except OSError as exc:
        raise MediaError(f"cannot read the file: {exc.strerror or exc}") from None
    if not path.is_file():
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "not a regular file"))
    if size == 0:
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "empty file (0 bytes)"))
    if not os.access(path, os.R_OK):
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "permission denied: the file is not readable"))


def _to_rgb(img: Image.Image) -> Image.Image:
    """Any Pillow mode to 8-bit RGB (16-bit and float are rescaled, not clipped)."""
    if img.mode == "RGB":
        return img
    if img.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(img, dtype=np.float64)
        if img.mode.startswith("I;16"):
            arr = arr / 257.0
        else:
            lo, hi = float(arr.min()), float(arr.max())
            arr = (arr - lo) * (255.0 / (hi - lo)) if hi > lo else np.zeros_like(arr)
        return Image.fromarray(np.clip(arr + 0.5, 0, 255).astype(np.uint8), "L").convert("RGB")
    if img.mode == "P" and "transparency" in img.info:
        img = img.convert("RGBA")
    return img.convert("RGB")


@dataclass(frozen=True)
class MinSize:
    """How small a decoded image may be: its shorter side at least `short`, its longer at least `long`.

    What the models (and the preview, and the face search) need, so a large photo is
    decoded at a reduced scale (JPEG's DCT scaling costs nothing; other formats are
    box-reduced once after decoding) instead of at full size and shrunk three times.
    """

    short: int = 0
    long: int = 0

    def allows(self, width: int, height: int) -> float:
        """The smallest scale (<= 1) of a width x height image that still meets this size."""
        short, long = min(width, height), max(width, height)
        return min(1.0, max(self.short / max(short, 1), self.long / max(long, 1)))


@dataclass
class ImageInfo:
    """What a decoded image was before conversion (shown to the user, not used to score)."""

    width: int
    height: int
    format: str
    mode: str
    frames: int = 1
    decoded_scale: int = 1  # >1 when a huge JPEG was decoded at reduced size (over the pixel budget)


def open_image(path: str | os.PathLike, min_size: MinSize | None = None,
               full_size: Callable[[np.ndarray], None] | None = None) -> tuple[np.ndarray, ImageInfo]:
    """Decode an image file into an HxWx3 uint8 RGB array, EXIF orientation applied.

    With `min_size`, the array may be smaller than the file's pixels (by an integer
    factor for JPEG's 1/2, 1/4, 1/8 scaling and box reduction) but never below it.
    `full_size` is called with the picture at the file's own resolution whenever it was
    decoded at it (not for a JPEG decoded smaller) and has at most FULL_SIZE_MAX_PIXELS,
    before any reduction: what needs every pixel (invisible watermarks) reads it there,
    without a second decode.
    Animated GIF/WebP give their first frame. Raises MediaError with a plain reason.
    """
    path = Path(path)
    check_readable(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # Pillow warns on odd EXIF/ICC; we only want errors
            with Image.open(path) as img:
                width, height = img.size
                info = ImageInfo(width, height, img.format or "?", img.mode, getattr(img, "n_frames", 1))
                if width * height > MAX_IMAGE_PIXELS:
                    if img.format != "JPEG":
                        raise MediaError(
                            f"image too large: {width} x {height} pixels "
                            f"(the limit is {MAX_IMAGE_PIXELS // 1_000_000} megapixels)"
                        )
                    scale = 1
                    while (width // scale) * (height // scale) > MAX_IMAGE_PIXELS and scale < 8:
                        scale *= 2
                    img.draft("RGB", (width // scale, height // scale))
                    info.decoded_scale = round(width / img.size[0])  # libjpeg rounds the size up
                    if img.size[0] * img.size[1] > MAX_IMAGE_PIXELS:
                        raise MediaError(f"image too large: {width} x {height} pixels")
                scale = min_size.allows(width, height) if min_size else 1.0
                if scale <= 0.5 and img.format == "JPEG" and info.decoded_scale == 1:
                    img.draft(img.mode, (math.ceil(width * scale), math.ceil(height * scale)))
                img.load()
                at_full_size = img.size == (width, height) and width * height <= FULL_SIZE_MAX_PIXELS
                try:
                    ImageOps.exif_transpose(img, in_place=True)  # a copy of a 12 MP picture costs ~30 ms
                except Exception:  # a malformed EXIF block: keep the pixels as stored
                    pass
                rgb = _to_rgb(img)
                factor = int(max(rgb.size) / max(1.0, max(width, height) * scale) + 1e-9)  # left after JPEG scaling
                pixels = np.array(rgb, dtype=np.uint8)  # one writable copy, shared with full_size
                if full_size is not None and at_full_size:
                    full_size(pixels)
                if factor >= 2:
                    return np.array(rgb.reduce(factor), dtype=np.uint8), info
                return pixels, info
    except MediaError:
        raise
    except UnidentifiedImageError:
        iso_format = _ISO_IMAGE_FORMATS.get(sniff.sniff_mime(path) or "")
        if iso_format:  # a HEIF/AVIF whose header is damaged: Pillow drops the decoder's reason
            raise MediaError(f"corrupt image: {_iso_image_problem(path, iso_format)}") from None
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "not an image that can be read (unrecognised or corrupt data)")) from None
    except PermissionError:
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "permission denied: the file is not readable")) from None
    except Image.DecompressionBombError as exc:
        raise MediaError(f"image too large: {exc}") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise MediaError(f"corrupt image: {_plain_decoder_reason(str(exc) or type(exc).__name__)}") from None
    except MemoryError:
        raise MediaError(QT_TRANSLATE_NOOP("Messages", "the image needed more memory than allowed to decode")) from None
    except Exception as exc:  # Pillow's parsers raise IndexError, KeyError, struct.error... on crafted data
        raise MediaError(f"corrupt image: the decoder failed ({type(exc).__name__})") from None


def _plain_decoder_reason(reason: str) -> str:
    """A decoder's message in the loader's words (libheif and libavif say "truncated" in several ways)."""
    lowered = reason.lower()
    if any(word in lowered for word in ("truncated", "end of file", "insufficient input data")):
        return QT_TRANSLATE_NOOP("Messages", "the file is truncated")
    return reason.removeprefix("Invalid input: ")[:200]


def _iso_image_problem(path: Path, iso_format: str) -> str:
    """Why libheif or libavif refuses a HEIF/AVIF file, asked of the decoder directly."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if iso_format == "HEIF":
                pi_heif.open_heif(path)
            else:
                AvifImagePlugin.AvifImageFile(path).close()
    except Exception as exc:  # ValueError, SyntaxError, EOFError... whatever the library raises
        reason = _plain_decoder_reason(str(exc) or type(exc).__name__)
        return reason if reason == "the file is truncated" else f"damaged {iso_format} data ({reason})"
    return f"the {iso_format} data cannot be decoded"


def load_image(path: str | os.PathLike) -> np.ndarray:
    """The project's one image loader: HxWx3 uint8 RGB, EXIF-oriented."""
    return open_image(path)[0]


@dataclass
class VideoFrames:
    frames: list[np.ndarray]  # RGB uint8, in time order
    indices: list[int]  # frame number of each sampled frame in the video
    frame_count: int  # frames in the video (estimated by the container when seeking)
    fps: float
    width: int
    height: int
    times: list[float] = field(default_factory=list)  # seconds, one per sampled frame


def _limit_frame(bgr: np.ndarray) -> np.ndarray:
    h, w = bgr.shape[:2]
    short = min(h, w)
    if short > MAX_FRAME_SHORT_SIDE:
        f = MAX_FRAME_SHORT_SIDE / short
        bgr = cv2.resize(bgr, (round(w * f), round(h * f)), interpolation=cv2.INTER_AREA)
    return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)


def evenly_spaced(count: int, n: int) -> list[int]:
    """n frame numbers spread evenly over 0..count-1 (centres of n equal segments)."""
    if count <= 0 or n <= 0:
        return []
    n = min(n, count)
    return sorted({min(count - 1, int((i + 0.5) * count / n)) for i in range(n)})


def read_video_frames(path: str | os.PathLike, n_frames: int = 16) -> VideoFrames:
    """Sample n_frames evenly over a video with OpenCV. Raises MediaError if none decode."""
    path = Path(path)
    check_readable(path)
    cap = cv2.VideoCapture(str(path))
    try:
        if not cap.isOpened():
            raise MediaError(QT_TRANSLATE_NOOP("Messages", "not a video that can be read (unrecognised or corrupt data)"))
        count = int(cap.get(cv2.CAP_PROP_FRAME_COUNT) or 0)
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        if fps != fps or fps <= 0:  # NaN or missing
            fps = 0.0
        frames: list[np.ndarray] = []
        indices: list[int] = []
        if count > 0:
            for index in evenly_spaced(count, n_frames):
                cap.set(cv2.CAP_PROP_POS_FRAMES, index)
                ok, bgr = cap.read()
                if ok and bgr is not None and bgr.size:
                    frames.append(_limit_frame(bgr))
                    indices.append(index)
        if not frames:
            # No frame count, or seeking failed: read through once, keeping a bounded
            # evenly thinned subset (every k-th frame, k doubling as the video runs on).
            cap.release()
            cap = cv2.VideoCapture(str(path))
            kept: list[tuple[int, np.ndarray]] = []
            step, index = 1, 0
            while True:
                ok = cap.grab()
                if not ok:
                    break
                if index % step == 0:
                    ok, bgr = cap.retrieve()
                    if ok and bgr is not None and bgr.size:
                        kept.append((index, _limit_frame(bgr)))
                    if len(kept) >= 4 * max(n_frames, 1):
                        step *= 2
                        kept = [(i, f) for i, f in kept if i % step == 0]
                index += 1
            count = index
            if kept:
                chosen = evenly_spaced(len(kept), n_frames)
                indices = [kept[i][0] for i in chosen]
                frames = [kept[i][1] for i in chosen]
        if not frames:
            raise MediaError(QT_TRANSLATE_NOOP("Messages", "video has no frames that can be decoded"))
        h, w = frames[0].shape[:2]
        width = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH) or w)
        height = int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT) or h)
        times = [i / fps if fps else 0.0 for i in indices]
        return VideoFrames(frames, indices, max(count, len(frames)), fps, width, height, times)
    except MediaError:
        raise
    except cv2.error as exc:
        raise MediaError(f"corrupt video: {exc.err or exc}") from None
    finally:
        cap.release()
