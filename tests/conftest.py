"""Shared fixtures: tiny ONNX models built here (never trained weights) and small media files."""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from deepfake_desk.core.manifest import file_sha256


def make_colour_model(path: Path, size: int = 32, layout: str = "NHWC", gain: float = 8.0) -> None:
    """An ONNX model whose 'probability of fake' rises with how much redder than blue an image is.

    p = sigmoid(gain * (mean(R) - mean(B))) on the model's scaled input. Tests can then
    make 'fake' images (red) and 'real' ones (blue) and know what the core must say.
    """
    import onnx
    from onnx import TensorProto, helper

    shape = ["N", size, size, 3] if layout == "NHWC" else ["N", 3, size, size]
    axes = [1, 2] if layout == "NHWC" else [2, 3]
    weights = np.array([[gain], [0.0], [-gain]], dtype=np.float32)
    nodes = [
        helper.make_node("ReduceMean", ["x"], ["m"], axes=axes, keepdims=0),
        helper.make_node("MatMul", ["m", "w"], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["p"]),
    ]
    graph = helper.make_graph(
        nodes,
        "colour",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 1])],
        initializer=[
            helper.make_tensor("w", TensorProto.FLOAT, [3, 1], weights.ravel().tolist()),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


SHIPPED_FACE_DETECTOR = Path(__file__).resolve().parents[1] / "models" / "yunet_s_640_640.onnx"


def face_detector_entry(folder: Path, **extra) -> dict:
    """The shipped YuNet face detector, copied beside a test manifest (a real detector: tests find real faces)."""
    file = folder / SHIPPED_FACE_DETECTOR.name
    if not file.exists():
        shutil.copyfile(SHIPPED_FACE_DETECTOR, file)
    return {"file": file.name, "sha256": file_sha256(file), "score_threshold": 0.8, **extra}


def pytest_collection_finish(session: pytest.Session) -> None:
    """When a bundle test is to run, start building the bundle now, beside the other tests."""
    if session.config.option.collectonly:
        return
    if any(item.get_closest_marker("bundle") for item in session.items):
        from tests.packaging.conftest import start_bundle_build

        start_bundle_build()


def pytest_sessionfinish(session: pytest.Session) -> None:
    from tests.packaging.conftest import stop_bundle_build

    stop_bundle_build()


@pytest.fixture(autouse=True)
def user_models(tmp_path_factory, monkeypatch) -> Path:
    """Each test gets an empty folder of taught detectors (never the real user's), also in subprocesses."""
    folder = tmp_path_factory.mktemp("user_models")
    monkeypatch.setenv("DEEPFAKE_DETECTOR_USER_MODELS", str(folder))
    return folder


def write_manifest(folder: Path, models: list[dict], **top) -> Path:
    """A manifest for `models`, with the shipped face detector unless `face_detector=None` is given."""
    document = {
        "schema_version": 1,
        "fusion": {"method": "weighted_mean"},
        "bands": {"t_real": 0.3, "t_fake": 0.7},
        "video": {"frames": 4},
        # The colour models judge flat colours, the pictures these tests draw: for them a flat
        # picture is not computer graphics they cannot judge. Tests of that check turn it on.
        "assessable": {"enabled": False},
        "models": models,
    }
    if "face_detector" not in top:
        document["face_detector"] = face_detector_entry(folder)
    document.update(top)
    if document["face_detector"] is None:
        del document["face_detector"]
    path = folder / "manifest.json"
    path.write_text(json.dumps(document, indent=2))
    return path


def model_entry(folder: Path, model_id: str, layout: str = "NHWC", size: int = 32, weight: float = 1.0, **extra) -> dict:
    file = folder / f"{model_id}.onnx"
    make_colour_model(file, size, layout)
    entry = {
        "id": model_id,
        "name": model_id.upper(),
        "file": file.name,
        "sha256": file_sha256(file),
        "version": "test",
        "input": {"layout": layout, "height": size, "width": size, "channels": 3},
        "preprocess": {
            "channel_order": "RGB",
            "resize_short_side": 48,
            "crop": "five",
            "scale": 1 / 255 if layout == "NHWC" else 1 / 127.5,
            "offset": 0.0 if layout == "NHWC" else -1.0,
        },
        "output": {"meaning": "probability_fake"},
        "calibration": {"method": "none"},
        "fusion_weight": weight,
    }
    entry.update(extra)
    return entry


@pytest.fixture
def manifest_path(tmp_path: Path) -> Path:
    """A manifest with two tiny colour models: 'cnn' (NHWC, [0,1]) and 'gan' (NCHW, [-1,1])."""
    folder = tmp_path / "models"
    folder.mkdir()
    return write_manifest(
        folder,
        [model_entry(folder, "cnn", "NHWC", weight=0.6), model_entry(folder, "gan", "NCHW", weight=0.4)],
    )


@pytest.fixture
def detector(manifest_path: Path):
    from deepfake_desk.core.detector import Detector

    return Detector.from_manifest(manifest_path, threads=1)


def solid(colour: tuple[int, int, int], size: tuple[int, int] = (64, 48)) -> Image.Image:
    """A solid image with a little noise (so JPEG has something to encode)."""
    w, h = size
    rng = np.random.default_rng(0)
    arr = np.clip(np.array(colour, dtype=np.int16) + rng.integers(-3, 4, (h, w, 3)), 0, 255).astype(np.uint8)
    return Image.fromarray(arr, "RGB")


RED = (220, 30, 30)  # the colour models call this fake
BLUE = (30, 30, 220)  # ... and this real
GREY = (128, 128, 128)  # ... and this exactly 0.5: uncertain


def make_feature_model(path: Path, size: int = 32, gain: float = 8.0) -> None:
    """An NCHW backbone with two outputs, like a shipped model with a `feature_output`.

    `p` is the colour rule of make_colour_model (red = fake). `features` are the log
    energies of the 64 coefficients of an 8 x 8 block DCT of the grey image: a fixed
    filter bank (no trained weights) that, like a real backbone's early layers, picks
    up a faint periodic pattern a generator leaves, which no colour rule can see.
    """
    import onnx
    from onnx import TensorProto, helper

    k = np.arange(8)
    scale = np.where(k == 0, np.sqrt(1 / 8), np.sqrt(2 / 8))
    basis_1d = scale[:, None] * np.cos(np.pi * (2 * k[None, :] + 1) * k[:, None] / 16)  # [u, x]
    basis = np.einsum("ux,vy->uvyx", basis_1d, basis_1d).reshape(64, 1, 8, 8) / 3.0
    conv = np.repeat(basis, 3, axis=1).astype(np.float32)  # [64, 3, 8, 8]: the same basis on each channel
    colour = np.array([[gain], [0.0], [-gain]], dtype=np.float32)
    nodes = [
        helper.make_node("ReduceMean", ["x"], ["m"], axes=[2, 3], keepdims=0),
        helper.make_node("MatMul", ["m", "w"], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["p"]),
        helper.make_node("Conv", ["x", "dct"], ["c"], strides=[8, 8]),
        helper.make_node("Mul", ["c", "c"], ["e"]),
        helper.make_node("ReduceMean", ["e"], ["em"], axes=[2, 3], keepdims=0),
        helper.make_node("Add", ["em", "eps"], ["ee"]),
        helper.make_node("Log", ["ee"], ["features"]),
    ]
    graph = helper.make_graph(
        nodes,
        "features",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, size, size])],
        [helper.make_tensor_value_info("p", TensorProto.FLOAT, ["N", 1]),
         helper.make_tensor_value_info("features", TensorProto.FLOAT, ["N", 64])],
        initializer=[
            helper.make_tensor("w", TensorProto.FLOAT, [3, 1], colour.ravel().tolist()),
            helper.make_tensor("dct", TensorProto.FLOAT, list(conv.shape), conv.ravel().tolist()),
            helper.make_tensor("eps", TensorProto.FLOAT, [1], [1e-10]),
        ],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, str(path))


def feature_model_entry(folder: Path, model_id: str = "features", size: int = 32, weight: float = 1.0) -> dict:
    """A manifest entry for make_feature_model: native-resolution five crops, [0, 1] input."""
    entry = model_entry(folder, model_id, "NCHW", size, weight)  # writes a colour model: replaced below
    file = folder / entry["file"]
    make_feature_model(file, size)
    entry.update(sha256=file_sha256(file), feature_output="features")
    entry["preprocess"].update(resize_short_side=None, scale=1 / 255, offset=0.0)
    return entry


def photo_like(rng: np.random.Generator, size: int = 64, tint: tuple[float, float, float] = (1.0, 1.0, 1.0)) -> np.ndarray:
    """A picture with a photograph's statistics: a colour random field whose amplitude spectrum
    falls as 1/f^1.5 (natural photos lie between 1/f and 1/f^2), plus sensor noise."""
    fy, fx = np.meshgrid(np.fft.fftfreq(size), np.fft.fftfreq(size), indexing="ij")
    falloff = 1.0 / np.maximum(np.hypot(fx, fy), 1.0 / size) ** 1.5
    channels = []
    for c in range(3):
        field = np.fft.ifft2(np.fft.fft2(rng.normal(size=(size, size))) * falloff).real
        field = (field - field.mean()) / (field.std() + 1e-9)
        channels.append(tint[c] * (128 + 40 * field + rng.uniform(-30, 30)))
    rgb = np.stack(channels, axis=-1) + rng.normal(0, 2.0, (size, size, 3))
    return np.clip(rgb, 0, 255).astype(np.uint8)


def with_generator_trace(rgb: np.ndarray, rng: np.random.Generator, amplitude: float = 3.0) -> np.ndarray:
    """The synthetic 'generator': a faint grid of period 4 px (+-3 grey levels, invisible) at a random phase."""
    h, w = rgb.shape[:2]
    y, x = np.mgrid[0:h, 0:w]
    phase = rng.uniform(0, 2 * np.pi, 2)
    grid = amplitude * np.cos(np.pi * x / 2 + phase[0]) * np.cos(np.pi * y / 2 + phase[1])
    return np.clip(np.rint(rgb + grid[..., None]), 0, 255).astype(np.uint8)


BLUISH = (0.5, 0.8, 1.3)  # a photo_like tint the colour rule of make_feature_model calls real


def make_examples(folder: Path, count: int, fake: bool, seed: int, tint=BLUISH) -> Path:
    """`count` photo-like PNGs in `folder`, carrying the synthetic generator's trace if `fake`."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for i in range(count):
        rgb = photo_like(rng, 64, tint)
        if fake:
            rgb = with_generator_trace(rgb, rng)
        Image.fromarray(rgb).save(folder / f"{'fake' if fake else 'real'}_{seed}_{i:03d}.png")
    return folder


@pytest.fixture
def feature_manifest(tmp_path: Path) -> Path:
    """A manifest whose one model, 'features', supplies features to teach detectors on."""
    folder = tmp_path / "models"
    folder.mkdir()
    return write_manifest(folder, [feature_model_entry(folder, "features")])


@pytest.fixture
def media_folder(tmp_path: Path) -> Path:
    """Two fake (red), one real (blue), one uncertain (grey) image and a corrupt JPEG."""
    folder = tmp_path / "media"
    folder.mkdir()
    solid(RED).save(folder / "red_one.jpg", quality=95)
    solid(RED, (80, 60)).save(folder / "red_two.png")
    solid(BLUE).save(folder / "blue.png")
    solid(GREY).save(folder / "grey.png")
    corrupt = folder / "corrupt.jpg"
    solid(RED, (300, 300)).save(corrupt, quality=95)
    corrupt.write_bytes(corrupt.read_bytes()[:700])
    (folder / "notes.txt").write_text("not media: no row")
    return folder


PHONE_PHOTO_SIZE = (64, 32)  # stored landscape: EXIF orientation 6 shows it portrait
_PHONE_XMP = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
              b'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="Midjourney v6"/>'
              b"</rdf:RDF></x:xmpmeta>")


def write_phone_photo(path: Path, orientation: int = 6) -> Path:
    """A HEIC/HEIF or AVIF (by suffix) as a phone stores it: left half red, right half blue,
    EXIF with camera (Apple, iPhone 15) and orientation, and XMP naming Midjourney."""
    w, h = PHONE_PHOTO_SIZE
    arr = np.zeros((h, w, 3), np.uint8)
    arr[:, : w // 2] = (255, 0, 0)
    arr[:, w // 2 :] = (0, 0, 255)
    picture = Image.fromarray(arr)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 15"  # Model
    if path.suffix.lower() in (".heic", ".heif"):
        import pillow_heif  # the test extra's encoder; the app reads with pi-heif, registered by its loader

        pillow_heif.from_pillow(picture).save(path, exif=exif.tobytes(), xmp=_PHONE_XMP, quality=90)
    else:
        picture.save(path, format="AVIF", exif=exif.tobytes(), xmp=_PHONE_XMP, quality=90)
    return path


def import_blocker(*packages: str) -> str:
    """Python source that, run first in a subprocess, makes these packages fail to import, as if absent."""
    return textwrap.dedent(
        f"""
        import sys, importlib.abc
        class Block(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in {packages!r}:
                    raise ImportError(f"{{name}} is blocked in this test")
        sys.meta_path.insert(0, Block())
        """
    )


def taught_once(base: Path, kind: str = "") -> dict:
    """A manifest with the DCT feature model in `base`, 15 + 15 synthetic examples, and the detector
    'gridgen' taught from them into `base / "taught"` (for module-scoped fixtures: teach once, copy)."""
    from deepfake_desk.core.learn import Taught, teach

    (base / "models").mkdir()
    manifest = write_manifest(base / "models", [feature_model_entry(base / "models", "features")], face_detector=None)
    real, fake = make_examples(base / "real", 15, False, 1), make_examples(base / "fake", 15, True, 2)
    assert isinstance(list(teach("gridgen", real, fake, manifest, base / "taught", kind=kind))[-1], Taught)
    return {"manifest": manifest, "real": real, "fake": fake, "taught": base / "taught", "base": base}
