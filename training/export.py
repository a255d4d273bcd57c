"""Keras -> ONNX (tf2onnx, opset 17, dynamic batch), checked against Keras on real images;
ResNet-50 quantised to static int8 (QDQ) on real training images; `models/manifest.json`.

Every export compares the ONNX output with Keras's on real validation images fed
through the app's own preprocessing (`deepfake_desk.core.preprocess.model_inputs`) and fails
when the largest difference is above 1e-4. The int8 ResNet-50's probabilities are
compared with its fp32 export and both accuracies are reported in the manifest.
Calibration, fusion weights and bands already in the manifest are kept (they are
`calibrate`'s to change).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import numpy as np

from training import data, models, registry

MODELS_DIR = data.TRAINING_DIR.parent / "models"
RUNS_DIR = data.TRAINING_DIR / "runs"
PARITY_TOLERANCE = 1e-4
OPSET = 17

KERAS_MODELS = ("cnn", "gan", "resnet50")  # trained by train.py, exported here; probes are probes.py's
NAMES = {m: registry.known(m).name for m in KERAS_MODELS}
SEED_WEIGHTS = {m.id: m.seed_weight for m in (*registry.REGISTRY.values(), *registry.NOT_SHIPPED.values())}
FILES = {m: registry.known(m).file for m in KERAS_MODELS}


class ParityError(AssertionError):
    pass


def to_onnx(model, path: Path, opset: int = OPSET) -> Path:
    """Convert a Keras model with one image input; the batch dimension stays dynamic."""
    import tensorflow as tf
    import tf2onnx

    shape = [None, *model.input_shape[1:]]
    signature = [tf.TensorSpec(shape, tf.float32, name="image")]

    @tf.function(input_signature=signature)
    def forward(image):
        return {"probability_fake": model(image, training=False)}

    path.parent.mkdir(parents=True, exist_ok=True)
    model_proto, _ = tf2onnx.convert.from_function(forward, input_signature=signature, opset=opset)
    path.write_bytes(model_proto.SerializeToString())
    return path


def onnx_predict(path: Path, x: np.ndarray, batch: int = 64) -> np.ndarray:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.log_severity_level = 3
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
    name = session.get_inputs()[0].name
    out = [session.run(None, {name: x[i : i + batch]})[0] for i in range(0, len(x), batch)]  # output 0: probability
    return np.concatenate(out).reshape(len(x))


def check_parity(expected: np.ndarray, onnx_path: Path, x: np.ndarray, name: str = "",
                 tolerance: float = PARITY_TOLERANCE, framework: str = "PyTorch") -> float:
    """Max |framework - ONNX| of the probability output on x; raises ParityError above `tolerance`.
    The one parity check of every export (Keras models, PyTorch probes)."""
    got = onnx_predict(onnx_path, x)
    diff = float(np.max(np.abs(np.asarray(expected).reshape(len(x)) - got)))
    print(f"  parity {name or onnx_path.name}: max abs diff vs {framework} = {diff:.2e} on {len(x)} inputs", flush=True)
    if not diff <= tolerance:
        raise ParityError(f"{onnx_path.name} differs from {framework} by {diff:.2e} (> {tolerance:.0e})")
    return diff


def parity_check(model, onnx_path: Path, x: np.ndarray, tolerance: float = PARITY_TOLERANCE) -> float:
    """Max |Keras - ONNX| over x; raises ParityError above `tolerance`."""
    expected = model.predict(x, batch_size=64, verbose=0)
    return check_parity(expected, onnx_path, x, tolerance=tolerance, framework="Keras")


def model_entry(model_id: str, file: Path, spec: models.InputSpec, old: dict | None = None,
                training: dict | None = None) -> dict:
    """A manifest entry (MANIFEST_SCHEMA.md) for an exported detector."""
    from deepfake_desk.core.manifest import file_sha256

    old = old or {}
    return {
        "id": model_id,
        "name": NAMES.get(model_id, model_id),
        "file": file.name,
        "sha256": file_sha256(file),
        "version": dt.date.today().isoformat(),
        "input": {"layout": "NHWC", "height": spec.size, "width": spec.size, "channels": 3},
        "preprocess": {
            "channel_order": "RGB",
            "resize_short_side": spec.resize_short_side,
            "crop": spec.crop,
            "scale": spec.scale,
            "offset": spec.offset,
        },
        "output": {"meaning": "probability_fake"},
        "calibration": old.get("calibration", {"method": "none", "a": 1.0, "b": 0.0}),
        "fusion_weight": old.get("fusion_weight", SEED_WEIGHTS.get(model_id, 0.5)),
        "thresholds": old.get("thresholds", {"fake": 0.5}),
        "metrics": old.get("metrics", {}),
        "training_data": training or old.get("training_data", {}),
    }


def real_inputs(samples: list[data.Sample], spec: models.InputSpec, limit: int) -> np.ndarray:
    """Model inputs (all crops) of real images, exactly as the app makes them."""
    from deepfake_desk.core.manifest import ModelSpec, Preprocess, Calibration
    from deepfake_desk.core.media import load_image
    from deepfake_desk.core.preprocess import model_inputs

    mspec = ModelSpec(
        id="tmp", name="tmp", path=Path("."), sha256="", layout="NHWC", height=spec.size, width=spec.size,
        channels=3, preprocess=Preprocess("RGB", spec.resize_short_side, spec.crop, spec.scale, spec.offset),
        calibration=Calibration(), fusion_weight=1.0,
    )
    step = max(1, len(samples) // limit)
    chosen = samples[::step][:limit]
    return np.concatenate([model_inputs(load_image(s.path), mspec) for s in chosen])


def quantize_int8(fp32_path: Path, int8_path: Path, calibration_x: np.ndarray) -> Path:
    """onnxruntime static int8 QDQ quantisation, calibrated on real training crops."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Reader(CalibrationDataReader):
        def __init__(self, x):
            self.batches = iter([{"image": x[i : i + 16]} for i in range(0, len(x), 16)])

        def get_next(self):
            return next(self.batches, None)

    prepared = fp32_path.with_suffix(".prep.onnx")
    quant_pre_process(str(fp32_path), str(prepared), skip_symbolic_shape=True)  # needs no sympy
    quantize_static(
        str(prepared), str(int8_path), Reader(calibration_x),
        quant_format=QuantFormat.QDQ, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
        per_channel=True,
    )
    return int8_path


def _accuracy_auc(p: np.ndarray, y: np.ndarray) -> dict:
    from training.metrics import roc_auc

    return {"accuracy": float(np.mean((p >= 0.5) == (y == 1))), "roc_auc": roc_auc(y, p)}


def export_all(model_ids: list[str] | None = None, out_dir: str | Path | None = None,
               runs_dir: Path = RUNS_DIR, parity_images: int = 24) -> Path:
    """Export each trained model found in `runs_dir` and (re)write the manifest."""
    from deepfake_desk.core.manifest import read_document

    out = Path(out_dir or MODELS_DIR)
    out.mkdir(parents=True, exist_ok=True)
    manifest_path = out / "manifest.json"
    manifest = read_document(manifest_path) if manifest_path.exists() else {}
    old_entries = {m["id"]: m for m in manifest.get("models", [])}
    wanted = model_ids or [m for m in KERAS_MODELS if m in registry.REGISTRY and (runs_dir / m / "last.keras").exists()]
    splits = data.load_sets()
    val_real = [s for s in splits["val"] if s.label == 0]
    entries = dict(old_entries)
    for model_id in wanted:
        spec = models.DETECTORS[model_id][1]
        model, keras_path, recalibrated = load_for_export(model_id, runs_dir, splits["train"])
        print(f"exporting {model_id} from {keras_path}"
              + (" (BatchNorm statistics re-estimated on clean training images)" if recalibrated else ""), flush=True)
        fp32 = (runs_dir / "export" / f"{model_id}_fp32.onnx") if model_id == "resnet50" else out / FILES[model_id]
        to_onnx(model, fp32)
        x = real_inputs(val_real, spec, parity_images)
        diff = parity_check(model, fp32, x)
        history = runs_dir / model_id / "history.json"
        training = _training_record(history)
        training["onnx_parity_max_abs_diff"] = diff
        training["checkpoint"] = keras_path.name + (" + BatchNorm re-estimation" if recalibrated else "")
        final = fp32
        if model_id == "resnet50":
            train_real = [s for s in splits["train"] if s.label == 0]
            final = quantize_int8(fp32, out / FILES[model_id], real_inputs(train_real, spec, 60))
            training["quantization"] = _quantization_report(fp32, final, splits["val"], spec)
            print(f"  int8 vs fp32: {training['quantization']}", flush=True)
        entries[model_id] = model_entry(model_id, final, spec, old_entries.get(model_id), training)
    for stale in [f for f in out.glob("*.onnx") if f.name not in {e["file"] for e in entries.values()}]:
        print(f"  note: {stale.name} is in {out} but not in the manifest")
    manifest.update({
        "schema_version": 1,
        "created": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "fusion": manifest.get("fusion", {"method": "weighted_mean", "bias": 0.0, "metrics": {}}),
        "bands": manifest.get("bands", {"t_real": 0.3, "t_fake": 0.7}),
        "video": manifest.get("video", {"frames": 16}),
        "models": [entries[m] for m in KERAS_MODELS if m in entries]
        + [e for k, e in entries.items() if k not in KERAS_MODELS],  # probes.py's entries are kept as they are
    })
    write_manifest(manifest, manifest_path)
    print(f"wrote {manifest_path}")
    return manifest_path


def load_for_export(model_id: str, runs_dir: Path, train_samples: list[data.Sample], batches: int = 80):
    """The checkpoint to ship. Models with BatchNorm: the last epoch (end of the cosine
    schedule) with BN statistics re-estimated on clean training images (the running
    averages lag the weights); others: the epoch with the best validation AUC."""
    import keras

    from training import train

    last = runs_dir / model_id / "last.keras"
    model = keras.models.load_model(last)
    if not any(isinstance(l, keras.layers.BatchNormalization) for l in model._flatten_layers()):
        best = runs_dir / model_id / "best.keras"
        return keras.models.load_model(best), best, False
    spec = models.DETECTORS[model_id][1]
    whole = spec.crop == "resize"
    stream = data.make_stream(train_samples, spec.size if whole else spec.resize_short_side, whole=whole)
    train.recalibrate_batchnorm(model, stream, spec, batches)
    model.save(runs_dir / model_id / "export.keras")
    return model, last, True


def write_manifest(manifest: dict, path: Path) -> None:
    """Write a manifest document through the app's own dataclasses and its one writer."""
    from deepfake_desk.core.manifest import write_document

    write_document(manifest, path)


def _training_record(history_path: Path) -> dict:
    if not history_path.exists():
        return {}
    h = json.loads(history_path.read_text())
    return {
        "sources": sorted(h.get("train_data", {})),
        "train_images": h.get("train_data", {}),
        "command": " && ".join(h.get("commands", [h.get("command", "")])),
        "epochs_run": len(h.get("history", [])),
        "best_val_auc_during_training": h.get("best_val_auc"),
        "recipe": h.get("recipe", {}),
    }


def _quantization_report(fp32: Path, int8: Path, val: list[data.Sample], spec, limit: int = 300) -> dict:
    """Image-level (crop logit mean) accuracy and AUC of fp32 vs int8 on validation."""
    step = max(1, len(val) // limit)
    chosen = val[::step][:limit]
    y = np.array([s.label for s in chosen])
    x = real_inputs(chosen, spec, len(chosen))  # the app's crops of each image, in order
    from training.scoring import mean_over_crops

    i32, i8 = (mean_over_crops(onnx_predict(f, x), len(chosen)) for f in (fp32, int8))
    return {
        "images": len(chosen),
        "fp32": _accuracy_auc(i32, y),
        "int8": _accuracy_auc(i8, y),
        "max_abs_prob_diff": float(np.max(np.abs(i32 - i8))),
        "mean_abs_prob_diff": float(np.mean(np.abs(i32 - i8))),
        "fp32_mb": round(fp32.stat().st_size / 2**20, 1),
        "int8_mb": round(int8.stat().st_size / 2**20, 1),
    }
