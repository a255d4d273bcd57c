"""Scores of held-out images through the app's own path: `deepfake_desk.core` loader, preprocessing,
onnxruntime sessions and fusion, so measured numbers are what the app will do.

Per image and model we keep the raw logit (mean over the crops' logits); calibration
and fusion are applied afterwards, so `calibrate` can refit them without rescoring.
Scores are cached per split, condition and model file hash under training/runs/scores/.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
from PIL import Image

from deepfake_desk.core.detector import Detector
from deepfake_desk.core.fusion import fuse_scores, logit, sigmoid
from deepfake_desk.core.manifest import Calibration, load_manifest
from deepfake_desk.core.media import load_image
from training import data

SCORES_DIR = data.TRAINING_DIR / "runs" / "scores"
CONDITIONS = ("clean", "jpeg70", "down0.5")


def degrade(rgb: np.ndarray, condition: str) -> np.ndarray:
    """A re-encoded copy: 'jpeg70' (Pillow JPEG quality 70) or 'down0.5' (half size, bilinear)."""
    if condition == "clean":
        return rgb
    img = Image.fromarray(rgb)
    if condition == "jpeg70":
        buf = io.BytesIO()
        img.save(buf, "JPEG", quality=70)
        return np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB"))
    if condition == "down0.5":
        w, h = img.size
        return np.asarray(img.resize((max(1, w // 2), max(1, h // 2)), Image.BILINEAR))
    raise ValueError(f"unknown condition {condition!r}")


def raw_logits(detector: Detector, samples: list[data.Sample], condition: str = "clean",
               batch: int = 32) -> dict[str, np.ndarray]:
    """model id -> per-image mean crop logit, for every usable model of the detector."""
    out: dict[str, list[float]] = {m.spec.id: [] for m in detector.models}

    def prepare(s: data.Sample):
        return detector.prepare_image(degrade(load_image(s.path), condition))

    with ThreadPoolExecutor(2) as pool:
        for start in range(0, len(samples), batch):
            inputs = list(pool.map(prepare, samples[start : start + batch]))
            for model in detector.models:
                mid = model.spec.id
                for p in model.predict_each([item[mid] for item in inputs]):
                    out[mid].append(float(np.mean(logit(p))))
    return {k: np.array(v) for k, v in out.items()}


def cached_scores(manifest_path: Path, split: str, condition: str = "clean",
                  samples: list[data.Sample] | None = None, scores_dir: Path = SCORES_DIR) -> dict:
    """{'labels', 'sources', 'paths', 'logits': {model: array}} for a split, scored once per model file."""
    manifest = load_manifest(manifest_path)
    if samples is None:
        samples = data.load_sets()[split]
    scores_dir.mkdir(parents=True, exist_ok=True)
    logits = {}
    missing = []
    for spec in manifest.models:
        f = _score_file(scores_dir, split, condition, spec, len(samples))
        if f.exists():
            logits[spec.id] = np.load(f)
        else:
            missing.append(spec.id)
    if missing:
        print(f"  scoring {len(samples)} {split} images ({condition}) with {', '.join(missing)}", flush=True)
        detector = Detector(manifest)
        detector.models = [m for m in detector.models if m.spec.id in missing]
        new = raw_logits(detector, samples, condition)
        for spec in manifest.models:
            if spec.id in new:
                np.save(_score_file(scores_dir, split, condition, spec, len(samples)), new[spec.id])
                logits[spec.id] = new[spec.id]
    return {
        "labels": np.array([s.label for s in samples]),
        "sources": np.array([s.source for s in samples]),
        "logits": logits,
    }


def _score_file(scores_dir: Path, split: str, condition: str, spec, n: int) -> Path:
    """Scores depend on the model file and on how its input is made."""
    import hashlib

    pre = hashlib.sha256(repr((spec.preprocess, spec.layout, spec.height, spec.width)).encode()).hexdigest()[:8]
    return scores_dir / f"{split}_{condition}_{spec.id}_{spec.sha256[:12]}_{pre}_{n}.npy"


def mean_over_crops(p: np.ndarray, n_images: int) -> np.ndarray:
    """Per-image probability from its crops' outputs (in order), averaged in logit space as
    the app does (deepfake_desk.core.fusion.calibrated_probability without calibration)."""
    return sigmoid(logit(np.asarray(p, np.float64).reshape(n_images, -1)).mean(1))


def calibrated(z: np.ndarray, cal: dict | Calibration) -> np.ndarray:
    a, b = (cal.a, cal.b) if isinstance(cal, Calibration) else (cal.get("a", 1.0), cal.get("b", 0.0))
    return sigmoid(a * np.asarray(z) + b)


def fused(probabilities: dict[str, np.ndarray], weights: dict[str, float], method: str, bias: float = 0.0) -> np.ndarray:
    """Fused probability per image, with the app's own `fuse_scores`."""
    from deepfake_desk.core.manifest import Fusion

    fusion = Fusion(method=method, bias=bias)
    n = len(next(iter(probabilities.values())))
    return np.array([fuse_scores({k: float(v[i]) for k, v in probabilities.items()}, weights, fusion)
                     for i in range(n)])


def manifest_probabilities(manifest: dict, scores: dict) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """Calibrated per-model probabilities and the fused one, as the manifest says."""
    probs = {m["id"]: calibrated(scores["logits"][m["id"]], m.get("calibration", {}))
             for m in manifest["models"] if m["id"] in scores["logits"]}
    weights = {m["id"]: float(m.get("fusion_weight", 1.0)) for m in manifest["models"]}
    f = manifest.get("fusion", {})
    return probs, fused(probs, weights, f.get("method", "weighted_mean"), float(f.get("bias", 0.0)))


def read_manifest(path: Path) -> dict:
    """The manifest as JSON data, read by the app's own reader (deepfake_desk.core.manifest)."""
    from deepfake_desk.core.manifest import read_document

    return read_document(path)
