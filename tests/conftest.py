"""Shared fixtures: tiny ONNX models built here (never trained weights) and small media files."""

from __future__ import annotations

import json
import shutil
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


def write_manifest(folder: Path, models: list[dict], **top) -> Path:
    """A manifest for `models`, with the shipped face detector unless `face_detector=None` is given."""
    document = {
        "schema_version": 1,
        "fusion": {"method": "weighted_mean"},
        "bands": {"t_real": 0.3, "t_fake": 0.7},
        "video": {"frames": 4},
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
