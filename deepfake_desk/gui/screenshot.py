"""Make docs/screenshot.png offscreen: the window after a folder scan, one row selected.

    python -m deepfake_desk.gui.screenshot [--out docs/screenshot.png] [--dark] [--select NAME] [--about OUT] [--language id]
                                           [--map] [--extra FILE...] [--also NAME=OUT ...]

Uses the shipped models (models/manifest.json) when they exist, otherwise tiny test
models built on the fly (tests/conftest.py, needs the `test` extra). The pictures are
the bundled samples plus synthetic scenes drawn here, a short video and a damaged
JPEG, in a temporary folder: nothing is written to the repository except the PNG.
"""

from __future__ import annotations

import argparse
import importlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402
from PIL import Image  # noqa: E402

from deepfake_desk.core.resources import checkout_root, default_manifest_path, samples_dir  # noqa: E402


def scene(width: int, height: int, sky: tuple, horizon: tuple, ground: tuple, sun: tuple | None, seed: int) -> Image.Image:
    """A simple landscape: graded sky, an optional sun, three layers of hills, film grain."""
    rng = np.random.default_rng(seed)
    y = np.linspace(0.0, 1.0, height)[:, None, None]
    img = np.array(sky, float) * (1 - y) + np.array(horizon, float) * y
    img = np.repeat(img, width, axis=1)
    yy, xx = np.mgrid[0:height, 0:width]
    if sun is not None:
        cx, cy, r = sun
        d = np.hypot(xx - cx * width, yy - cy * height) / (r * height)
        glow = np.clip(1.3 - d, 0, 1)[..., None]
        img = img * (1 - glow * 0.6) + np.array([255, 236, 200], float) * glow * 0.6
    for layer in range(3):
        phase = rng.uniform(0, 2 * np.pi, 3)
        x = np.linspace(0, 1, width)
        ridge = (0.55 + 0.12 * layer + 0.05 * np.sin(2 * np.pi * (1.3 + layer) * x + phase[0])
                 + 0.03 * np.sin(2 * np.pi * (4.1 + layer) * x + phase[1]))
        mask = (yy / height) > ridge[None, :]
        shade = np.array(ground, float) * (0.95 - 0.25 * layer)
        img[mask] = img[mask] * 0.15 + shade * 0.85
    img += rng.normal(0, 4, img.shape)
    return Image.fromarray(np.clip(img, 0, 255).astype(np.uint8), "RGB")


def make_media(folder: Path, with_samples: bool) -> None:
    """The folder the screenshot scans."""
    scene(1600, 1000, (70, 120, 200), (170, 200, 230), (40, 70, 110), None, 1).save(folder / "harbour_at_dawn.jpg", quality=88)
    scene(1600, 1000, (120, 30, 30), (240, 120, 60), (60, 20, 20), (0.7, 0.45, 0.12), 2).save(
        folder / "wildfire_evening.jpg", quality=88)
    scene(1200, 900, (150, 150, 150), (110, 110, 110), (90, 90, 92), None, 3).save(folder / "street_in_fog.png")
    from PIL import PngImagePlugin

    generator = PngImagePlugin.PngInfo()  # what AUTOMATIC1111 writes into its PNGs
    generator.add_text("parameters", "poster of a city at sunset\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
                                     "Seed: 1, Size: 1024x1024, Model: sd_xl_base_1.0")
    scene(1024, 1024, (200, 60, 90), (250, 170, 120), (90, 30, 60), (0.3, 0.35, 0.15), 4).save(
        folder / "poster_render_v2.png", pnginfo=generator)
    scene(1400, 900, (60, 100, 170), (120, 160, 200), (30, 80, 60), (0.2, 0.3, 0.08), 5).save(
        folder / "flood_aerial_0412.jpg", quality=80)
    damaged = folder / "forwarded_photo.jpg"
    scene(800, 600, (90, 90, 200), (200, 200, 220), (50, 50, 80), None, 6).save(damaged, quality=90)
    damaged.write_bytes(damaged.read_bytes()[:5000])  # cut short, as a failed download would be
    make_video(folder / "rally_clip.avi")
    make_chart(folder / "chart_q3_revenue.png")
    if with_samples:
        make_half_fake_video(folder / "half_fake_interview.avi")
        for sample in sorted(samples_dir().rglob("*")):
            if sample.suffix.lower() in (".jpg", ".jpeg", ".png"):
                shutil.copy(sample, folder / sample.name)


def make_video(path: Path, frames: int = 72) -> None:
    """A pan across a wide scene that turns from blue to red half way."""
    import cv2

    cool = np.asarray(scene(1280, 360, (70, 110, 190), (160, 190, 225), (40, 60, 100), None, 7))
    warm = np.asarray(scene(1280, 360, (140, 40, 30), (235, 130, 70), (60, 25, 20), (0.5, 0.4, 0.2), 8))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 24, (640, 360))
    for i in range(frames):
        source = cool if i < frames // 2 else warm
        x = int((1280 - 640) * i / (frames - 1))
        writer.write(cv2.cvtColor(np.ascontiguousarray(source[:, x:x + 640]), cv2.COLOR_RGB2BGR))
    writer.release()


def make_chart(path: Path) -> None:
    """A bar chart as a newsroom receives one: flat colours and text, the kind of picture the
    models cannot judge (not assessable)."""
    from PIL import ImageDraw

    img = Image.new("RGB", (900, 600), "white")
    draw = ImageDraw.Draw(img)
    draw.text((40, 20), "Quarterly revenue (million EUR)", fill="black")
    draw.line((60, 540, 860, 540), fill="black", width=2)
    draw.line((60, 60, 60, 540), fill="black", width=2)
    for i, (value, colour) in enumerate(((310, "#1f77b4"), (420, "#ff7f0e"), (260, "#2ca02c"), (450, "#d62728"))):
        x = 120 + i * 180
        draw.rectangle((x, 540 - value, x + 110, 540), fill=colour)
        draw.text((x + 30, 550), f"Q{i + 1}", fill="black")
    img.save(path)


def make_half_fake_video(path: Path, frames: int = 96, fps: int = 12) -> None:
    """Half a real photograph, half a generated face (the bundled samples), as one clip."""
    import cv2

    real = Image.open(samples_dir() / "real" / "astronaut.png").convert("RGB").resize((384, 384))
    fake = Image.open(samples_dir() / "fake" / "gan_sample_1.png").convert("RGB").resize((384, 384))
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), fps, (384, 384))
    for i in range(frames):
        writer.write(cv2.cvtColor(np.asarray(real if i < frames // 2 else fake), cv2.COLOR_RGB2BGR))
    writer.release()


def test_models(folder: Path) -> Path:
    """Tiny colour models standing in for the real ones (they call red 'fake' and blue 'real')."""
    sys.path.insert(0, str(checkout_root()))
    # Imported by name: the installer bundles deepfake_desk.gui's modules, and a plain import
    # here would make PyInstaller pull the test suite (and onnx) into it.
    fixtures = importlib.import_module("tests.conftest")
    model_entry, write_manifest = fixtures.model_entry, fixtures.write_manifest
    return write_manifest(folder, [
        model_entry(folder, "cnn", "NHWC", weight=0.5, name="Seed CNN (3 conv blocks)"),
        model_entry(folder, "gan", "NCHW", weight=0.2, name="GAN discriminator"),
        model_entry(folder, "resnet50", "NCHW", weight=0.3, name="ResNet-50"),
    ], video={"frames": 8})


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f2023", QPalette.ColorRole.AlternateBase: "#27292c",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#35373b",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#9a9da3",
        QPalette.ColorRole.Mid: "#4a4d52", QPalette.ColorRole.Dark: "#1a1b1d", QPalette.ColorRole.Light: "#505358",
        QPalette.ColorRole.Midlight: "#43464a", QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Link: "#6ea8ff",
    }
    for role, colour in roles.items():
        pal.setColor(role, QColor(colour))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#777a80"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#777a80"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#777a80"))
    return pal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(checkout_root() / "docs" / "screenshot.png"))
    parser.add_argument("--dark", action="store_true", help="use a dark palette (checks dark-mode readability)")
    parser.add_argument("--select", default="wildfire_evening.jpg", help="file name of the row to select")
    parser.add_argument("--tab", type=int, default=0, help="side tab to show (0 verdict, 1 metadata)")
    parser.add_argument("--about", metavar="OUT", help="also save the About dialog's Models tab here")
    parser.add_argument("--size", default="1280x820")
    parser.add_argument("--language", choices=("en", "id"), default="en",
                        help="the window's language (docs/screenshot-id.png: id)")
    parser.add_argument("--map", action="store_true", help="switch on 'Show where the models look' and wait for it")
    parser.add_argument("--extra", nargs="*", default=[], metavar="FILE", help="also scan copies of these files")
    parser.add_argument("--also", action="append", default=[], metavar="NAME=OUT",
                        help="also select the row NAME and save the window to OUT (repeatable; one scan)")
    args = parser.parse_args(argv)

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from deepfake_desk.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    app.setStyle("Fusion")
    if args.dark:
        app.setPalette(dark_palette())
    work = Path(tempfile.mkdtemp(prefix="dd-screenshot-"))
    try:
        manifest = default_manifest_path()
        real_models = manifest.is_file()
        if not real_models:
            (work / "models").mkdir()
            manifest = test_models(work / "models")
        media = work / "Source folder"
        media.mkdir()
        make_media(media, with_samples=real_models)
        for extra in args.extra:
            shutil.copy(extra, media / Path(extra).name)
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        settings.setValue("language", args.language)
        window = MainWindow(manifest_path=manifest, settings=settings)
        w, h = (int(v) for v in args.size.split("x"))
        window.resize(w, h)
        window.show()

        def spin(condition, timeout: float = 120.0) -> None:
            end = time.monotonic() + timeout
            while not condition() and time.monotonic() < end:
                app.processEvents()
                time.sleep(0.02)

        spin(lambda: window.models_ready)
        window.open_paths([str(media)])
        spin(lambda: not window.scanning, 1200)  # a slow, shared machine: the whole folder must be in
        window.table.sortByColumn(window.results.column_of("Chance of fake"),
                                  __import__("PySide6.QtCore").QtCore.Qt.SortOrder.DescendingOrder)
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        for name, out in [(args.select, args.out)] + [tuple(item.split("=", 1)) for item in args.also]:
            if not window.select_path(str(media / name)):
                print(f"no row named {name}", file=sys.stderr)
                continue
            window.side_tabs.setCurrentIndex(args.tab)
            spin(lambda: window.preview.view.pixmap() is not None, 30)
            if args.map and name == args.select:
                window.preview.fake_map.check.setChecked(True)
                spin(lambda: str(media / name) in window.preview.fake_map.maps(), 300)
            for _ in range(20):
                app.processEvents()
                time.sleep(0.02)
            if args.language == "en":  # otherwise the window's own (translated) message stays
                window.statusBar().showMessage(f"Scanned {window.results.rowCount()} files.")
            app.processEvents()
            window.grab().save(out)
            print(f"saved {out} ({'shipped models' if real_models else 'tiny test models'})")
        if args.about:
            about = window.about_dialog()
            about.tabs.setCurrentIndex(1)
            about.show()
            for _ in range(10):
                app.processEvents()
            about.grab().save(args.about)
            print(f"saved {args.about}")
        window.cancel_scan()
        window.wait_for_workers()
        window.results_panel.clear()  # throwaway rows: closing must not ask about exporting them
        window.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
