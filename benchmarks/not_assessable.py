"""How well `deepfake_desk.core.assessable` separates computer graphics from photographs.

Draws computer graphics with Pillow (charts, UI screenshots, flat cartoons, text
documents, gradients: the "fit" kinds), measures our data's real photos and fakes
(../shared/data, read only), fits the three thresholds on the graphics of the fit
kinds and on half of the data, then reports on the other half of the data (share of
photos and fakes that would lose their verdict) and on graphics of other kinds drawn
differently (scatter plots, heat maps, web pages, outlined cartoons, slides, pixel
art, maps, spreadsheets; some re-saved as JPEG or resized, as shared screenshots are).

    python benchmarks/not_assessable.py [--data ../shared/data] [--limit 400] [--fit]

--limit caps the images read per folder (0: all); --fit prints the thresholds the
grid search picks (the shipped ones are in core/assessable.py). Results: docs/not_assessable.md.
"""

from __future__ import annotations

import argparse
import io
import itertools
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deepfake_desk.core import assessable  # noqa: E402
from deepfake_desk.core.media import load_image  # noqa: E402

PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189), (140, 86, 75),
           (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207)]
WORDS = "the of and to in report budget sales growth market data figure table results year quarter total".split()


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1
        return ImageFont.load_default()


def _text(rng: np.random.Generator, n: int) -> str:
    return " ".join(rng.choice(WORDS, n))


def _colour(rng) -> tuple[int, int, int]:
    return tuple(int(c) for c in rng.integers(0, 256, 3))


def _size(rng, lo=320, hi=1280) -> tuple[int, int]:
    return int(rng.integers(lo, hi)), int(rng.integers(lo * 3 // 4, hi * 3 // 4))


# -- the fit kinds -------------------------------------------------------------------------
def bar_chart(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    n = int(rng.integers(3, 12))
    d.line([(60, 30), (60, h - 50), (w - 20, h - 50)], fill="black", width=2)
    bw = (w - 100) / n
    for i in range(n):
        top = int(rng.integers(40, h - 60))
        d.rectangle([70 + i * bw, top, 60 + (i + 0.8) * bw, h - 51], fill=PALETTE[i % 10])
        d.text((70 + i * bw, h - 40), _text(rng, 1), fill="black", font=_font(12))
    d.text((w // 3, 8), _text(rng, 4), fill="black", font=_font(16))
    return img


def line_chart(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), (250, 250, 250))
    d = ImageDraw.Draw(img)
    for y in range(40, h - 40, 40):
        d.line([(50, y), (w - 20, y)], fill=(220, 220, 220))
    for s in range(int(rng.integers(1, 5))):
        ys = np.cumsum(rng.normal(0, 20, 30)) + h / 2
        pts = [(50 + i * (w - 70) / 29, float(np.clip(y, 30, h - 30))) for i, y in enumerate(ys)]
        d.line(pts, fill=PALETTE[s], width=int(rng.integers(1, 4)))
    d.text((60, 10), _text(rng, 3), fill="black", font=_font(14))
    return img


def pie_chart(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    parts = rng.dirichlet(np.ones(int(rng.integers(2, 8)))) * 360
    start, r = 0.0, min(w, h) // 3
    for i, p in enumerate(parts):
        d.pieslice([w // 2 - r, h // 2 - r, w // 2 + r, h // 2 + r], start, start + p, fill=PALETTE[i])
        start += p
    return img


def ui_screenshot(rng):
    w, h = _size(rng, 640, 1600)
    img = Image.new("RGB", (w, h), (240, 240, 240))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 30], fill=(60, 60, 70))
    d.text((10, 8), _text(rng, 3), fill="white", font=_font(14))
    for _ in range(int(rng.integers(4, 14))):
        x, y = int(rng.integers(0, w - 100)), int(rng.integers(40, h - 40))
        d.rounded_rectangle([x, y, x + int(rng.integers(60, 300)), y + int(rng.integers(20, 60))], 4,
                            fill=_colour(rng), outline=(120, 120, 120))
        d.text((x + 6, y + 4), _text(rng, 2), fill="black", font=_font(13))
    for y in range(60, h - 20, 22):
        if rng.random() < 0.5:
            d.text((20, y), _text(rng, int(rng.integers(3, 9))), fill=(30, 30, 30), font=_font(13))
    return img


def flat_cartoon(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), _colour(rng))
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(5, 25))):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        r = int(rng.integers(10, min(w, h) // 3))
        shape = rng.integers(0, 3)
        box = [x - r, y - r, x + r, y + r]
        if shape == 0:
            d.ellipse(box, fill=_colour(rng), outline="black", width=3)
        elif shape == 1:
            d.rectangle(box, fill=_colour(rng), outline="black", width=3)
        else:
            d.polygon([(x, y - r), (x + r, y + r), (x - r, y + r)], fill=_colour(rng), outline="black")
    return img


def text_document(rng):
    w, h = int(rng.integers(600, 1300)), int(rng.integers(800, 1700))
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    size = int(rng.integers(11, 20))
    for y in range(60, h - 60, int(size * 1.6)):
        d.text((60, y), _text(rng, int(rng.integers(6, 14))), fill="black", font=_font(size))
    return img


def gradient(rng):
    w, h = _size(rng)
    a, b = np.array(_colour(rng), float), np.array(_colour(rng), float)
    t = np.linspace(0, 1, w)[None, :, None] if rng.random() < 0.5 else np.linspace(0, 1, h)[:, None, None]
    arr = np.broadcast_to(a + (b - a) * t, (h, w, 3)).round().astype(np.uint8)
    img = Image.fromarray(arr)
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(0, 4))):
        x, y = int(rng.integers(0, w)), int(rng.integers(0, h))
        d.ellipse([x, y, x + 80, y + 80], fill=_colour(rng))
    d.text((20, 20), _text(rng, 3), fill="white", font=_font(24))
    return img


FIT_KINDS = [bar_chart, line_chart, pie_chart, ui_screenshot, flat_cartoon, text_document, gradient]


# -- the held-out kinds: other pictures, drawn another way ---------------------------------
def scatter_plot(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), (255, 255, 255))
    d = ImageDraw.Draw(img)
    for x in range(40, w, 50):
        d.line([(x, 20), (x, h - 30)], fill=(235, 235, 235))
    for _ in range(int(rng.integers(30, 400))):
        x, y = rng.normal(w / 2, w / 6), rng.normal(h / 2, h / 6)
        d.ellipse([x - 3, y - 3, x + 3, y + 3], fill=PALETTE[int(rng.integers(0, 3))])
    return img


def heatmap(rng):
    n, m = int(rng.integers(5, 30)), int(rng.integers(5, 30))
    values = rng.random((n, m))
    cmap = np.stack([values * 255, 80 + values * 100, 255 - values * 255], -1).astype(np.uint8)
    img = Image.fromarray(cmap).resize((m * 30, n * 30), Image.NEAREST)
    d = ImageDraw.Draw(img)
    for i in range(n):
        for j in range(m):
            d.text((j * 30 + 4, i * 30 + 8), f"{values[i, j]:.1f}", fill="white", font=_font(10))
    return img


def web_page(rng):
    w, h = _size(rng, 800, 1900)
    img = Image.new("RGB", (w, h), "white")
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, 70], fill=_colour(rng))
    for i in range(5):
        d.text((200 + i * 120, 25), _text(rng, 1).title(), fill="white", font=_font(18))
    cols = int(rng.integers(2, 5))
    cw = (w - 40) // cols
    for c in range(cols):
        x = 20 + c * cw
        top = np.array(_colour(rng), float)
        shade = (top * np.linspace(1.0, 0.6, 180)[:, None]).astype(np.uint8)  # a gradient "picture" box
        img.paste(Image.fromarray(np.repeat(shade[:, None], cw - 20, 1)), (x, 100))
        for k in range(6):
            d.text((x, 300 + k * 22), _text(rng, 5), fill=(60, 60, 60), font=_font(14))
    return img


def outlined_cartoon(rng):
    """Drawn at twice the size and scaled down: antialiased edges, as vector art is rendered."""
    w, h = _size(rng)
    big = Image.new("RGB", (2 * w, 2 * h), _colour(rng))
    d = ImageDraw.Draw(big)
    cx, cy, r = w, h, min(w, h) // 2
    d.ellipse([cx - r, cy - r, cx + r, cy + r], fill=(255, 220, 180), outline="black", width=8)
    for dx in (-r // 3, r // 3):
        d.ellipse([cx + dx - 30, cy - r // 4 - 30, cx + dx + 30, cy - r // 4 + 30], fill="white", outline="black",
                  width=6)
        d.ellipse([cx + dx - 10, cy - r // 4 - 10, cx + dx + 10, cy - r // 4 + 10], fill="black")
    d.arc([cx - r // 2, cy, cx + r // 2, cy + r // 2], 0, 180, fill="black", width=8)
    return big.resize((w, h), Image.LANCZOS)


def slide(rng):
    w, h = 1280, 720
    y = np.linspace(0, 1, h)[:, None, None]
    a, b = np.array(_colour(rng), float), np.array(_colour(rng), float)
    img = Image.fromarray(np.broadcast_to(a * (1 - y) + b * y, (h, w, 3)).astype(np.uint8))
    d = ImageDraw.Draw(img)
    d.text((80, 80), _text(rng, 4).title(), fill="white", font=_font(48))
    for k in range(int(rng.integers(2, 6))):
        d.text((120, 220 + k * 60), "- " + _text(rng, 6), fill="white", font=_font(28))
    return img


def pixel_art(rng):
    n = int(rng.integers(8, 40))
    palette = np.array([_colour(rng) for _ in range(int(rng.integers(3, 12)))], np.uint8)
    grid = palette[rng.integers(0, len(palette), (n, n))]
    return Image.fromarray(grid).resize((n * 16, n * 16), Image.NEAREST)


def map_drawing(rng):
    w, h = _size(rng)
    img = Image.new("RGB", (w, h), (170, 211, 223))
    d = ImageDraw.Draw(img)
    for _ in range(int(rng.integers(5, 20))):
        pts = [(float(rng.integers(0, w)), float(rng.integers(0, h))) for _ in range(6)]
        d.polygon(pts, fill=(int(rng.integers(200, 250)), int(rng.integers(220, 245)), int(rng.integers(180, 220))))
    for _ in range(int(rng.integers(3, 15))):
        d.line([(float(rng.integers(0, w)), float(rng.integers(0, h))) for _ in range(3)], fill="white",
               width=int(rng.integers(2, 7)))
    return img


def spreadsheet(rng):
    rows, cols = int(rng.integers(10, 40)), int(rng.integers(4, 12))
    img = Image.new("RGB", (cols * 90 + 40, rows * 22 + 30), "white")
    d = ImageDraw.Draw(img)
    for r in range(rows + 1):
        d.line([(40, 30 + r * 22), (40 + cols * 90, 30 + r * 22)], fill=(210, 210, 210))
    for c in range(cols + 1):
        d.line([(40 + c * 90, 30), (40 + c * 90, 30 + rows * 22)], fill=(210, 210, 210))
    for r in range(rows):
        for c in range(cols):
            d.text((44 + c * 90, 34 + r * 22), f"{rng.normal(1000, 500):.2f}", fill="black", font=_font(12))
    return img


HELD_OUT_KINDS = [scatter_plot, heatmap, web_page, outlined_cartoon, slide, pixel_art, map_drawing, spreadsheet]


def shared_copy(img: Image.Image, rng) -> Image.Image:
    """What sharing does to a screenshot: resized and/or re-saved as JPEG, sometimes slightly blurred."""
    if rng.random() < 0.5:
        f = float(rng.uniform(0.5, 0.9))
        img = img.resize((max(16, int(img.width * f)), max(16, int(img.height * f))), Image.BICUBIC)
    if rng.random() < 0.15:
        img = img.filter(ImageFilter.GaussianBlur(0.6))
    if rng.random() < 0.7:
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=int(rng.integers(70, 96)))
        img = Image.open(io.BytesIO(buf.getvalue())).convert("RGB")
    return img


def graphics(kinds, n: int, seed: int, shared: bool) -> list[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        kind = kinds[i % len(kinds)]
        img = kind(rng)
        if shared:
            img = shared_copy(img, rng)
        out.append((kind.__name__, np.asarray(img.convert("RGB"))))
    return out


# -- data ---------------------------------------------------------------------------------
def data_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("*/*/*") if p.is_dir() and p.name in ("real", "fake")) + [
        p for p in [root / "photos" / "real"] if p.is_dir()]


def folder_stats(folder: Path, limit: int) -> list[assessable.PictureStats]:
    files = sorted(f for f in folder.iterdir() if f.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"))
    if limit:
        files = files[:: max(1, len(files) // limit)][:limit]
    return [assessable.picture_stats(load_image(f)) for f in files]


def as_array(stats) -> np.ndarray:
    return np.array([[s.flat_share, s.top_colours_share, s.still_share] for s in stats]).reshape(-1, 3)


def caught(x: np.ndarray, t: tuple[float, float, float]) -> np.ndarray:
    return (x[:, 0] >= t[0]) | (x[:, 1] >= t[1]) | (x[:, 2] >= t[2])


def fit(photos: np.ndarray, drawn: np.ndarray, max_loss: float = 0.005) -> tuple[float, float, float]:
    """The thresholds catching the most fit graphics while at most `max_loss` of the photos lose their verdict;
    among equals, the ones farthest from the photos (highest)."""
    grid = (np.round(np.arange(0.10, 0.91, 0.05), 2), np.round(np.arange(0.20, 0.96, 0.05), 2),
            np.round(np.arange(0.80, 1.001, 0.01), 2))
    best, best_key = None, None
    for t in itertools.product(*grid):
        loss = caught(photos, t).mean()
        if loss > max_loss:
            continue
        key = (caught(drawn, t).mean(), -loss, sum(t))
        if best_key is None or key > best_key:
            best, best_key = t, key
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--limit", type=int, default=400, help="images per folder (0: all)")
    parser.add_argument("--fit", action="store_true", help="grid-search the thresholds and print them")
    parser.add_argument("--graphics", type=int, default=210, help="graphics per set (fit, held-out)")
    args = parser.parse_args()
    started = time.monotonic()
    shipped = (assessable.FLAT_SHARE_MIN, assessable.TOP_COLOURS_MIN, assessable.STILL_SHARE_MIN)

    per_folder = {}
    for folder in data_folders(Path(args.data)):
        per_folder[str(folder.relative_to(args.data))] = as_array(folder_stats(folder, args.limit))
    fit_half = np.concatenate([x[0::2] for x in per_folder.values()])
    test_half = {k: x[1::2] for k, x in per_folder.items()}

    fit_drawn = graphics(FIT_KINDS, args.graphics, seed=1, shared=False)
    held_drawn = graphics(HELD_OUT_KINDS, args.graphics, seed=2, shared=True)
    fit_x = as_array([assessable.picture_stats(a) for _, a in fit_drawn])
    held_x = as_array([assessable.picture_stats(a) for _, a in held_drawn])

    if args.fit:
        print("fitted thresholds (flat, top colours, still):", fit(fit_half, fit_x))
    print(f"shipped thresholds (flat, top colours, still): {shipped}\n")
    print("| data (held-out half, every 2nd image) | images | lose their verdict |")
    print("|---|---|---|")
    total, lost = 0, 0
    for name, x in test_half.items():
        c = caught(x, shipped)
        total, lost = total + len(x), lost + int(c.sum())
        print(f"| {name} | {len(x)} | {int(c.sum())} ({c.mean():.1%}) |")
    print(f"| **all** | {total} | {lost} ({lost / max(total, 1):.2%}) |")
    whole_photos = per_folder.get("photos/real")
    if whole_photos is not None:
        c = caught(whole_photos, shipped)
        print(f"| photos/real, all {len(whole_photos)} | {len(whole_photos)} | {int(c.sum())} ({c.mean():.1%}) |")
    print("\n| graphics | drawn | caught |\n|---|---|---|")
    for label, drawn, x in (("fit kinds (as drawn)", fit_drawn, fit_x), ("held-out kinds (shared copies)", held_drawn,
                                                                          held_x)):
        c = caught(x, shipped)
        print(f"| **{label}** | {len(x)} | {int(c.sum())} ({c.mean():.1%}) |")
        for kind in dict.fromkeys(k for k, _ in drawn):
            mask = np.array([k == kind for k, _ in drawn])
            print(f"| {kind} | {int(mask.sum())} | {int(c[mask].sum())} ({c[mask].mean():.0%}) |")
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
