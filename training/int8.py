"""Static int8 (QDQ) for ResNet-50 (issue 29, item 4): shipped only if it is faster at the same LOSO.

For each LOSO fold run: export its model (fp32 ONNX), quantise it statically (onnxruntime QDQ,
per-channel int8 weights, uint8 activations) with calibration views from the train split of the
sources the fold trained on (never the one it left out), then score the left-out source's test
split with both, on the views the evaluation uses: AUC fp32 / int8, the largest score difference,
and the time of one 1 MP picture's view (512 x 384) with 2 threads, each measured side by side.

    python -m training int8                    # every fold run -> training/reports/resnet50_int8.json
    python -m training int8 --ship             # and quantise the shipped models/resnet50.onnx when it passes
    python -m training int8 --checkpoint checkpoint_1200.pt   # the folds as they were when the LOSO figures were measured
"""

from __future__ import annotations

import contextlib
import json
import tempfile
import time
from pathlib import Path

import numpy as np

from training import data
from training.features import view_tensor

CALIBRATION_VIEWS = 48
REPORT = data.TRAINING_DIR / "reports" / "resnet50_int8.json"
MAX_AUC_DROP = 0.01  # "the same LOSO": no fold's AUC falls by more than this


def quantize(fp32: Path, out: Path, views: list[np.ndarray]) -> Path:
    """Static QDQ int8 of a picture model that takes [0, 1] NCHW `image` of any size."""
    from onnxruntime.quantization import CalibrationDataReader, QuantFormat, QuantType, quantize_static
    from onnxruntime.quantization.shape_inference import quant_pre_process

    class Views(CalibrationDataReader):
        def __init__(self):
            self.it = iter(views)

        def get_next(self):
            v = next(self.it, None)
            return None if v is None else {"image": view_tensor(v)}

    fp32, out = Path(fp32).resolve(), Path(out).resolve()
    with tempfile.TemporaryDirectory() as tmp, contextlib.chdir(tmp):  # it leaves scratch files in the working folder
        pre = Path(tmp) / "pre.onnx"
        quant_pre_process(str(fp32), str(pre), skip_symbolic_shape=True)  # dynamic sides: no symbolic shapes
        quantize_static(str(pre), str(out), Views(), quant_format=QuantFormat.QDQ, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    return out


def _session(path: Path):
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 2
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def scores(path: Path, views: list[np.ndarray]) -> np.ndarray:
    session = _session(path)
    return np.array([float(session.run(["probability_fake"], {"image": view_tensor(v)})[0].ravel()[0]) for v in views])


def seconds_per_view(path: Path, shape=(384, 512), repeats: int = 10) -> float:
    session = _session(path)
    x = np.full((1, 3, *shape), 0.5, np.float32)
    for _ in range(2):
        session.run(None, {"image": x})
    started = time.perf_counter()
    for _ in range(repeats):
        session.run(None, {"image": x})
    return (time.perf_counter() - started) / repeats


def calibration_views(trained_on: list[str], count: int = CALIBRATION_VIEWS) -> list[np.ndarray]:
    from training import features

    train = [s for s in data.load_sets()["train"] if s.source in trained_on]
    rng = np.random.default_rng(20261206)
    picked = rng.choice(len(train), size=min(count, len(train)), replace=False)
    return [features.view(features.load_image(train[i].path)) for i in sorted(picked)]


def check_fold(run: str, left_out: str, work: Path, checkpoint: str = "checkpoint.pt", log=print) -> dict:
    from training import features
    from training.metrics import roc_auc
    from training.resnet50 import export_onnx, load_trained

    _, state = load_trained(run, checkpoint)
    trained_on = [s for s in state["config"]["sources"] if s not in state["config"]["leave_out"]]
    calib = calibration_views(trained_on)
    fp32, int8 = work / f"{run}.onnx", work / f"{run}.int8.onnx"
    export_onnx(run, fp32, calib[:4], checkpoint)
    quantize(fp32, int8, calib)
    test = [s for s in data.load_sets()["test"] if s.source == left_out]
    views = [features.view(features.load_image(s.path)) for s in test]
    y = np.array([s.label for s in test])
    p32, p8 = scores(fp32, views), scores(int8, views)
    t32, t8 = seconds_per_view(fp32), seconds_per_view(int8)
    row = {"left_out": left_out, "checkpoint": checkpoint, "steps": state["step"], "test_images": len(test),
           "auc_fp32": round(float(roc_auc(y, p32)), 4), "auc_int8": round(float(roc_auc(y, p8)), 4),
           "max_abs_diff": round(float(np.abs(p32 - p8).max()), 4),
           "seconds_fp32": round(t32, 4), "seconds_int8": round(t8, 4), "speedup": round(t32 / t8, 2)}
    log(f"{run}: {row}")
    return row


def run(ship: bool = False, checkpoint: str = "checkpoint.pt", log=print) -> dict:
    from training import export
    from training.resnet50 import RUNS_DIR
    from training.resnet50_ship import LOSO_RUNS

    report = {"method": __doc__.split("\n\n")[1], "folds": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for fold, left_out in LOSO_RUNS.items():
            if (RUNS_DIR / fold / checkpoint).exists():
                report["folds"][fold] = check_fold(fold, left_out, Path(tmp), checkpoint, log)
    folds = report["folds"].values()
    report["passes"] = bool(folds) and all(r["auc_fp32"] - r["auc_int8"] <= MAX_AUC_DROP and r["speedup"] > 1.1
                                           for r in folds)
    report["command"] = ("python -m training int8" + (f" --checkpoint {checkpoint}" if checkpoint != "checkpoint.pt" else "")
                         + (" --ship" if ship else ""))
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(f"wrote {REPORT}: passes {report['passes']}")
    if ship and report["passes"]:
        ship_int8(export.MODELS_DIR, report, log)
    return report


def ship_int8(models_dir: Path, report: dict, log=print) -> None:
    """Quantise the shipped fp32 resnet50.onnx in place and record it in its manifest entry."""
    from deepfake_desk.core.manifest import file_sha256, write_document

    manifest_path = models_dir / "manifest.json"
    doc = json.loads(manifest_path.read_text())
    entry = next(m for m in doc["models"] if m["id"] == "resnet50")
    if entry.get("metrics", {}).get("int8"):
        raise SystemExit("models/resnet50.onnx is already int8: ship the fp32 model again first (resnet50 --ship)")
    path = models_dir / entry["file"]
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        fp32.write_bytes(path.read_bytes())
        calib = calibration_views(list(entry["training_data"]["sources"]))
        quantize(fp32, path, calib)
        views = calib[:8]
        diff = float(np.abs(scores(fp32, views) - scores(path, views)).max())
    entry["sha256"] = file_sha256(path)
    entry.setdefault("metrics", {})["int8"] = {
        "method": f"static int8 QDQ (onnxruntime), per-channel weights, {len(calib)} calibration views of the train split",
        "max_abs_diff_vs_fp32": round(diff, 4),
        "loso": {k: {m: v[m] for m in ("auc_fp32", "auc_int8", "speedup")} for k, v in report["folds"].items()},
        "command": report["command"]}
    write_document(doc, manifest_path)
    log(f"shipped int8 {path.name} (max |fp32 - int8| {diff:.4f} on 8 views)")


def main(argv: list[str] | None = None) -> None:
    import argparse

    p = argparse.ArgumentParser(prog="python -m training int8", description=__doc__.split("\n\n")[0])
    p.add_argument("--ship", action="store_true", help="quantise the shipped models/resnet50.onnx when the check passes")
    p.add_argument("--checkpoint", default="checkpoint.pt",
                   help="which checkpoint file of each fold run (the shipped LOSO figures' models: checkpoint_1200.pt)")
    a = p.parse_args(argv)
    run(ship=a.ship, checkpoint=a.checkpoint)
