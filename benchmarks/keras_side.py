"""The TensorFlow side of the benchmarks, always run in its own process (the app never imports TF).

    python benchmarks/keras_side.py standins OUT_DIR [--tiny]
        Builds the detectors' architectures (training/models.py) with untrained weights,
        exports them to ONNX like training/export.py does, adds a static int8 ResNet-50,
        and writes OUT_DIR/manifest.json. Speed does not depend on the weights' values,
        so these stand in for the shipped models until those exist.
    python benchmarks/keras_side.py seed LIST_FILE [--models cnn,gan,resnet50] [--tiny]
        The seed's way: Keras model.predict image by image (load_img at the model's
        size, /255), printing one JSON line with images/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def _detectors(tiny: bool) -> dict:
    """id -> (make_model, InputSpec). --tiny: small stand-ins so the smoke mode takes seconds."""
    from training import models

    if not tiny:
        def make_mobilenet_v2(size: int = 224):
            """Keras's MobileNetV2 (the shipped probe is torchvision's: same architecture) + sigmoid."""
            import keras

            inputs = keras.Input((size, size, 3), name="image")
            backbone = keras.applications.MobileNetV2(weights=None, include_top=False, input_tensor=inputs,
                                                      pooling="avg")
            return keras.Model(inputs, keras.layers.Dense(1, activation="sigmoid")(backbone.output))

        return {**models.DETECTORS, "mobilenet_v2": (make_mobilenet_v2, models.InputSpec(224, 1 / 255.0, 0.0))}
    import keras
    from keras import layers

    def make_tiny(size: int = 32) -> keras.Model:
        inputs = keras.Input((size, size, 3), name="image")
        x = layers.Conv2D(4, 3, strides=2, activation="relu")(inputs)
        x = layers.GlobalAveragePooling2D()(x)
        return keras.Model(inputs, layers.Dense(1, activation="sigmoid")(x))

    return {"cnn": (make_tiny, models.InputSpec(32, 1 / 255.0, 0.0))}


def quantize_int8(fp32: Path, int8: Path, calib) -> Path:
    """Static int8 QDQ, as training/export.py does (without its sympy-based pre-processing)."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static

    class Reader(CalibrationDataReader):
        def __init__(self, x):
            self.batches = iter([{"image": x[i : i + 8]} for i in range(0, len(x), 8)])

        def get_next(self):
            return next(self.batches, None)

    quantize_static(str(fp32), str(int8), Reader(calib), quant_format=QuantFormat.QDQ,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8, per_channel=True)
    return int8


def build_standins(out: Path, tiny: bool) -> None:
    import numpy as np

    from training import export

    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for model_id, (make, spec) in _detectors(tiny).items():
        model = make(spec.size)
        path = export.to_onnx(model, out / f"{model_id}.onnx")
        if model_id == "resnet50":
            # The shipped ResNet-50 is int8 (training/export.py FILES); keep fp32 beside it.
            rng = np.random.default_rng(0)
            calib = (rng.random((32, spec.size, spec.size, 3), dtype=np.float32) * 2 - 1)
            int8 = quantize_int8(path, out / "resnet50_int8.onnx", calib)
            entries.append(export.model_entry(model_id, int8, spec))
        else:
            entries.append(export.model_entry(model_id, path, spec))
    manifest = {"schema_version": 1, "fusion": {"method": "weighted_mean"},
                "bands": {"t_real": 0.3, "t_fake": 0.7}, "video": {"frames": 16}, "models": entries,
                "note": "untrained stand-ins of the shipped architectures, for speed only"}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2))


def seed_loop(list_file: Path, model_ids: list[str], tiny: bool) -> dict:
    """images/s of the seed's loop: for each image, for each model, load_img + predict(batch of 1)."""
    import keras
    import numpy as np

    paths = [p for p in list_file.read_text().splitlines() if p]
    built = {mid: (make(spec.size), spec) for mid, (make, spec) in _detectors(tiny).items() if mid in model_ids}
    first = paths[0]
    for model, spec in built.values():  # warm-up: graph tracing is not per image
        x = keras.utils.img_to_array(keras.utils.load_img(first, target_size=(spec.size, spec.size))) / 255.0
        model.predict(np.expand_dims(x, 0), verbose=0)
    started = time.perf_counter()
    for path in paths:
        for model, spec in built.values():
            img = keras.utils.load_img(path, target_size=(spec.size, spec.size))
            x = keras.utils.img_to_array(img) / 255.0
            model.predict(np.expand_dims(x, 0), verbose=0)
    seconds = time.perf_counter() - started
    return {"images": len(paths), "seconds": seconds, "images_per_s": len(paths) / seconds,
            "models": sorted(built), "tensorflow": __import__("tensorflow").__version__}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["standins", "seed"])
    parser.add_argument("path", type=Path)
    parser.add_argument("--models", default="cnn,gan,resnet50")
    parser.add_argument("--tiny", action="store_true")
    args = parser.parse_args()
    if args.command == "standins":
        build_standins(args.path, args.tiny)
    else:
        print(json.dumps(seed_loop(args.path, args.models.split(","), args.tiny)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
