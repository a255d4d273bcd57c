"""Image and video reading: every format and colour mode to RGB, EXIF rotation, frame sampling."""

import cv2
import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core import media
from deepfake_desk.core.media import MediaError, load_image, open_image, read_video_frames
from tests.conftest import RED, solid


def _quadrants(w: int = 40, h: int = 20) -> Image.Image:
    """Left half red, right half blue: orientation is visible in the pixels."""
    arr = np.zeros((h, w, 3), np.uint8)
    arr[:, : w // 2] = (255, 0, 0)
    arr[:, w // 2 :] = (0, 0, 255)
    return Image.fromarray(arr)


@pytest.mark.parametrize("ext", ["jpg", "jpeg", "png", "webp", "bmp", "tif", "tiff", "gif"])
def test_every_image_format_loads_as_rgb(tmp_path, ext):
    path = tmp_path / f"red.{ext}"
    solid(RED).save(path)
    rgb = load_image(path)
    assert rgb.dtype == np.uint8 and rgb.shape == (48, 64, 3)
    r, g, b = rgb.reshape(-1, 3).mean(axis=0)
    assert r > 180 and g < 70 and b < 70  # still red after any lossy/palette encoding


@pytest.mark.parametrize(
    "mode, make",
    [
        ("L", lambda: Image.new("L", (30, 20), 77)),
        ("LA", lambda: Image.new("LA", (30, 20), (77, 128))),
        ("RGBA", lambda: Image.new("RGBA", (30, 20), (200, 10, 10, 0))),
        ("P", lambda: Image.new("RGB", (30, 20), (200, 10, 10)).convert("P")),
        ("CMYK", lambda: Image.new("CMYK", (30, 20), (0, 255, 255, 0))),
        ("I;16", lambda: Image.fromarray(np.full((20, 30), 65535 // 3, np.uint16))),
        ("1", lambda: Image.new("1", (30, 20), 1)),
    ],
)
def test_colour_modes_convert_to_rgb(tmp_path, mode, make):
    img = make()
    assert img.mode == mode
    path = tmp_path / ("x.tiff" if mode in ("CMYK", "I;16") else "x.png")
    img.save(path)
    rgb = load_image(path)
    assert rgb.shape == (20, 30, 3) and rgb.dtype == np.uint8
    if mode == "I;16":
        assert abs(int(rgb[0, 0, 0]) - 85) <= 1  # 16-bit scaled to 8-bit, not clipped to 255
    if mode in ("RGBA", "P", "CMYK"):
        assert rgb[0, 0, 0] > 180 and rgb[0, 0, 1] < 60


def test_palette_with_transparency(tmp_path):
    img = Image.new("P", (10, 10), 1)
    img.putpalette([0, 0, 0, 250, 0, 0] + [0] * 762)
    img.info["transparency"] = 0
    img.save(tmp_path / "p.png", transparency=0)
    assert load_image(tmp_path / "p.png")[0, 0].tolist() == [250, 0, 0]


@pytest.mark.parametrize("orientation, left_colour", [(1, "red"), (2, "blue"), (3, "blue"), (4, "red")])
def test_exif_orientation_flips_are_applied(tmp_path, orientation, left_colour):
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "o.jpg"
    _quadrants().save(path, exif=exif, quality=95)
    rgb = load_image(path)
    assert rgb.shape == (20, 40, 3)
    left = rgb[:, :10].reshape(-1, 3).mean(axis=0)
    assert (left[0] > left[2]) == (left_colour == "red")


@pytest.mark.parametrize("orientation", [5, 6, 7, 8])
def test_exif_rotations_swap_width_and_height(tmp_path, orientation):
    exif = Image.Exif()
    exif[0x0112] = orientation
    path = tmp_path / "o.jpg"
    _quadrants().save(path, exif=exif)
    assert load_image(path).shape == (40, 20, 3)


def test_animated_gif_gives_its_first_frame(tmp_path):
    frames = [Image.new("RGB", (16, 16), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    frames[0].save(tmp_path / "a.gif", save_all=True, append_images=frames[1:])
    rgb, info = open_image(tmp_path / "a.gif")
    assert info.frames == 3 and rgb[0, 0, 0] > 200 and rgb[0, 0, 2] < 50


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"hello, this is text", "not an image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 30, "corrupt"),
    ],
)
def test_bad_files_raise_media_error_with_plain_reason(tmp_path, content, message):
    path = tmp_path / "bad.jpg"
    path.write_bytes(content)
    with pytest.raises(MediaError, match=message):
        load_image(path)


def test_truncated_jpeg_is_reported_as_truncated(tmp_path):
    path = tmp_path / "t.jpg"
    solid(RED, (200, 200)).save(path, quality=90)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(MediaError, match="truncated"):
        load_image(path)


def test_huge_png_header_is_refused_without_decoding(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_IMAGE_PIXELS", 100 * 100)
    solid(RED, (200, 100)).save(tmp_path / "big.png")
    with pytest.raises(MediaError, match="too large: 200 x 100"):
        load_image(tmp_path / "big.png")


def test_huge_jpeg_is_decoded_at_reduced_scale(tmp_path, monkeypatch):
    monkeypatch.setattr(media, "MAX_IMAGE_PIXELS", 100 * 100)
    solid(RED, (400, 200)).save(tmp_path / "big.jpg")
    rgb, info = open_image(tmp_path / "big.jpg")
    assert info.decoded_scale >= 2 and rgb.shape[0] * rgb.shape[1] <= 100 * 100
    assert (info.width, info.height) == (400, 200)


def test_broken_symlink_and_missing_file(tmp_path):
    (tmp_path / "link.jpg").symlink_to(tmp_path / "nowhere.jpg")
    with pytest.raises(MediaError, match="broken link"):
        load_image(tmp_path / "link.jpg")
    with pytest.raises(MediaError, match="not found"):
        load_image(tmp_path / "absent.jpg")


def test_sniff_kind_recognises_content_whatever_the_name(tmp_path):
    solid(RED).save(tmp_path / "photo.dat", format="PNG")
    solid(RED).save(tmp_path / "photo2.dat", format="WEBP")
    (tmp_path / "notes.dat").write_text("just text")
    assert media.sniff_kind(tmp_path / "photo.dat") == "image"
    assert media.sniff_kind(tmp_path / "photo2.dat") == "image"
    assert media.sniff_kind(tmp_path / "notes.dat") is None


def write_video(path, colours_bgr, size=(64, 48), fps=10, fourcc="MJPG"):
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*fourcc), fps, size)
    assert writer.isOpened()
    for colour in colours_bgr:
        writer.write(np.full((size[1], size[0], 3), colour, np.uint8))
    writer.release()


def test_video_frames_are_sampled_evenly_and_in_rgb(tmp_path):
    # frame i has blue level i*8 (BGR order when written), so sampled indices are checkable
    path = tmp_path / "clip.avi"
    write_video(path, [(i * 8, 0, 0) for i in range(30)])
    video = read_video_frames(path, 5)
    assert video.indices == [3, 9, 15, 21, 27]
    assert video.frame_count == 30 and video.fps == pytest.approx(10)
    for index, frame in zip(video.indices, video.frames):
        assert frame.shape == (48, 64, 3)
        assert abs(int(frame[..., 2].mean()) - index * 8) <= 6  # blue is the last RGB channel
    assert video.times[0] == pytest.approx(0.3)


def test_video_with_fewer_frames_than_asked(tmp_path):
    path = tmp_path / "short.avi"
    write_video(path, [(0, 0, 200)] * 3)
    assert read_video_frames(path, 16).indices == [0, 1, 2]


def test_video_that_is_not_a_video(tmp_path):
    path = tmp_path / "broken.mp4"
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"garbage" * 100)
    with pytest.raises(MediaError):
        read_video_frames(path)


def test_evenly_spaced():
    assert media.evenly_spaced(100, 4) == [12, 37, 62, 87]
    assert media.evenly_spaced(0, 4) == []
    assert media.evenly_spaced(2, 4) == [0, 1]


def _photo_like(w: int, h: int) -> Image.Image:
    """Smooth gradients with some texture: JPEG-friendly, like a photo."""
    y, x = np.mgrid[0:h, 0:w]
    arr = np.stack([(x * 255 // w), (y * 255 // h), ((x + y) * 97 // (w + h)) % 256], -1).astype(np.uint8)
    return Image.fromarray(arr)


@pytest.mark.parametrize("ext", ["jpg", "png"])
def test_a_large_image_is_decoded_only_as_large_as_asked(tmp_path, ext):
    _photo_like(2400, 1600).save(tmp_path / f"big.{ext}")
    rgb, info = open_image(tmp_path / f"big.{ext}", media.MinSize(short=300, long=500))
    assert (info.width, info.height) == (2400, 1600)  # what the file holds, for the record
    assert min(rgb.shape[:2]) >= 300 and max(rgb.shape[:2]) >= 500  # never below what was asked
    assert max(rgb.shape[:2]) <= 1200  # ... but 1/4 of the pixels or fewer (JPEG: 1/4 scale; others: 1/5 box)
    full = load_image(tmp_path / f"big.{ext}")
    assert full.shape == (1600, 2400, 3)
    small = np.asarray(Image.fromarray(full).resize(rgb.shape[1::-1], Image.BILINEAR), np.float32)
    assert np.abs(small - rgb).mean() < 4  # the same picture, only smaller


def test_a_reduced_decode_keeps_the_exif_orientation(tmp_path):
    img = _quadrants(1600, 800)
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    img.save(tmp_path / "turned.jpg", exif=exif, quality=95)
    rgb, _ = open_image(tmp_path / "turned.jpg", media.MinSize(short=150))
    assert rgb.shape[0] > rgb.shape[1] and min(rgb.shape[:2]) >= 150 and max(rgb.shape[:2]) <= 800
    top, bottom = rgb[: rgb.shape[0] // 4].mean(axis=(0, 1)), rgb[-rgb.shape[0] // 4 :].mean(axis=(0, 1))
    assert top[0] > 200 and bottom[2] > 200  # red (the left half) is on top once turned


def test_small_images_are_decoded_whole_whatever_is_asked(tmp_path):
    _photo_like(400, 300).save(tmp_path / "small.jpg")
    assert open_image(tmp_path / "small.jpg", media.MinSize(short=256))[0].shape == (300, 400, 3)
