"""Keras -> ONNX (tf2onnx, opset 17, dynamic batch), checked against Keras on real images;
`models/manifest.json`.

Every export compares the ONNX output with Keras's on real validation images fed
through the app's own preprocessing (`deepfake_desk.core.preprocess.model_inputs`) and fails
when the largest difference is above 1e-4.
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

KERAS_MODELS = registry.ids("keras")  # trained by train.py, exported here; probes are probes.py's
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


def picture_model_io() -> dict:
    """The manifest's input, preprocess and output blocks of a model exported by `export_picture_model`:
    the whole picture as the app views it (longer side <= features.MAX_SIDE), [0, 1] RGB, pooled features out."""
    from training import features

    return {"input": {"layout": "NCHW", "height": features.MIN_SIDE, "width": features.MIN_SIDE, "channels": 3},
            "preprocess": {"channel_order": "RGB", "max_side": features.MAX_SIDE, "crop": "whole",
                           "scale": 1 / 255.0, "offset": 0.0},
            "output": {"meaning": "probability_fake"},
            "feature_output": "features"}


def export_picture_model(module, out: Path, sample_views: list[np.ndarray]) -> float:
    """A PyTorch picture model -> ONNX as the app reads it ([0, 1] NCHW `image` of any size in, `probability_fake`
    and pooled `features` out), checked against PyTorch on real views (uint8 HxWx3); returns the largest difference.
    The probes (probe_ship) and the from-scratch ResNet-50 (resnet50) both export through it."""
    import torch

    out.parent.mkdir(parents=True, exist_ok=True)
    torch.onnx.export(module, (torch.zeros(1, 3, 224, 224),), str(out), input_names=["image"],
                      output_names=["probability_fake", "features"], opset_version=17, dynamo=False,
                      dynamic_axes={"image": {0: "batch", 2: "height", 3: "width"},
                                    "probability_fake": {0: "batch"}, "features": {0: "batch"}})
    from training.features import view_tensor

    diffs = []
    for v in sample_views:
        x = view_tensor(v)
        with torch.inference_mode():
            expected = module(torch.from_numpy(x))[0].numpy()
        diffs.append(check_parity(expected, out, x, name=out.name))
    return max(diffs)


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
        onnx_path = out / FILES[model_id]
        to_onnx(model, onnx_path)
        x = real_inputs(val_real, spec, parity_images)
        diff = parity_check(model, onnx_path, x)
        history = runs_dir / model_id / "history.json"
        training = _training_record(history)
        training["onnx_parity_max_abs_diff"] = diff
        training["checkpoint"] = keras_path.name + (" + BatchNorm re-estimation" if recalibrated else "")
        entries[model_id] = model_entry(model_id, onnx_path, spec, old_entries.get(model_id), training)
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
