"""The core must import and work with PySide6 (and TensorFlow, PyTorch) absent."""

import os
import subprocess
import sys
import textwrap

from tests.conftest import import_blocker

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BLOCKER = import_blocker("PySide6", "shiboken6", "tensorflow", "keras", "tf2onnx", "torch", "onnx")
BLOCKED = ("PySide6", "tensorflow", "keras", "torch", "onnx")


def run_blocked(body: str, timeout: int = 120) -> None:
    """Run `body` in a fresh interpreter where Qt, TensorFlow and PyTorch cannot be imported,
    and check that nothing of them got loaded."""
    code = BLOCKER + textwrap.dedent(body) + textwrap.dedent(
        f"""
        bad = [m for m in sys.modules if m.split(".")[0] in {BLOCKED!r}]
        assert not bad, bad
        print("done ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr
    assert "done ok" in proc.stdout


def test_core_and_cli_import_and_scan_without_qt_or_tensorflow(manifest_path, tmp_path):
    from tests.conftest import RED, solid

    solid(RED).save(tmp_path / "r.png")
    run_blocked(
        f"""
        import deepfake_desk.core.detector, deepfake_desk.core.scan, deepfake_desk.core.export, deepfake_desk.cli
        from deepfake_desk.cli import main
        assert main(["scan", {str(tmp_path)!r}, "--manifest", {str(manifest_path)!r}, "-q"]) == 0
        """
    )


def test_learning_a_detector_needs_neither_qt_nor_tensorflow_nor_torch(tmp_path):
    """`learn` fits and writes its ONNX head with NumPy alone (not even the `onnx` package)."""
    import numpy as np
    from PIL import Image

    from tests.conftest import feature_model_entry, photo_like, with_generator_trace, write_manifest

    folder = tmp_path / "models"
    folder.mkdir()
    manifest = write_manifest(folder, [feature_model_entry(folder)])
    rng = np.random.default_rng(0)
    for kind in ("real", "fake"):
        (tmp_path / kind).mkdir()
        for i in range(12):
            rgb = photo_like(rng, 64)
            Image.fromarray(with_generator_trace(rgb, rng) if kind == "fake" else rgb).save(tmp_path / kind / f"{i}.png")
    run_blocked(
        f"""
        from deepfake_desk.cli import main
        assert main(["learn", "mine", "--real", {str(tmp_path / "real")!r}, "--fake", {str(tmp_path / "fake")!r},
                     "--manifest", {str(manifest)!r}, "-q"]) == 0
        assert main(["scan", {str(tmp_path / "fake")!r}, "--manifest", {str(manifest)!r}, "-q"]) == 0
        """, timeout=180
    )


def test_the_decision_and_what_verdicts_are_worth_need_no_qt_nor_onnxruntime():
    """Training calls core.decision.decide and core.worth.verdict_worth: pure, without a model runtime."""
    code = import_blocker("PySide6", "shiboken6", "tensorflow", "keras", "torch", "onnx", "onnxruntime")
    code += textwrap.dedent(
        """
        from deepfake_desk.core.decision import Rule, Scores, decide
        from deepfake_desk.core.manifest import Bands, load_manifest
        from deepfake_desk.core.worth import verdict_worth
        assert decide(Scores(0.9, {}), Rule(Bands(0.3, 0.7))).verdict == "fake"
        assert verdict_worth(load_manifest("models/manifest.json", verify_files=False))
        bad = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "onnxruntime", "torch", "tensorflow")]
        assert not bad, bad
        print("done ok")
        """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "done ok" in proc.stdout
