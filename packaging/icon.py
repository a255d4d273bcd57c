"""Draws the app icon (a lens over a half-real, half-fake portrait) as PNG, ICO and ICNS with Pillow.

The same drawing is kept by hand as packaging/linux/deepfake-detector.svg (the
scalable icon for desktops); this script makes the bitmaps installers need, at build
time, so no binary image is kept in the repository. Run inside the build venv:
`python packaging/icon.py OUT_DIR`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
NAVY, TEAL, CORAL, WHITE = (23, 42, 74, 255), (42, 157, 143, 255), (231, 111, 81, 255), (255, 255, 255, 255)


def draw(size: int = 512) -> Image.Image:
    """The icon on a 512-unit grid (the SVG uses the same coordinates), drawn 4x and downsampled."""
    k = 4 * size / 512
    img = Image.new("RGBA", (round(512 * k), round(512 * k)), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> list[float]:
        return [x0 * k, y0 * k, x1 * k, y1 * k]

    d.rounded_rectangle(box(24, 24, 488, 488), radius=96 * k, fill=NAVY)
    # The portrait: left half "real" (teal), right half "fake" (coral), split by the lens.
    d.pieslice(box(112, 96, 352, 336), 90, 270, fill=TEAL)
    d.pieslice(box(112, 96, 352, 336), 270, 90, fill=CORAL)
    # Shoulders: a half disc cut off by a straight line above the tile's rounded corners.
    shoulders = Image.new("L", img.size, 0)
    ImageDraw.Draw(shoulders).chord(box(88, 316, 376, 604), 180, 360, fill=255)
    ImageDraw.Draw(shoulders).rectangle(box(0, 432, 512, 512), fill=0)
    img.paste(WHITE, (0, 0), shoulders)
    # Lens and handle.
    d.ellipse(box(236, 196, 420, 380), outline=WHITE, width=round(28 * k))
    d.line(box(398, 360, 460, 422), fill=WHITE, width=round(40 * k))
    return img.resize((size, size), Image.LANCZOS)


def write_icons(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    big = draw(512)
    written = []
    for size in SIZES:
        path = out / f"deepfake-detector-{size}.png"
        draw(size).save(path)
        written.append(path)
    big.save(out / "deepfake-detector.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(out / "deepfake-detector.icns")
    written += [out / "deepfake-detector.ico", out / "deepfake-detector.icns"]
    return written


if __name__ == "__main__":
    for p in write_icons(Path(sys.argv[1] if len(sys.argv) > 1 else "packaging/build/icons")):
        print(p)
