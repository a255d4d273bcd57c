"""The core must import and work with PySide6 (and TensorFlow) absent."""

import os
import subprocess
import sys
import textwrap

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

BLOCKER = textwrap.dedent(
    """
    import sys, importlib.abc
    class Block(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "tensorflow", "keras", "tf2onnx"):
                raise ImportError(f"{name} is blocked in this test")
    sys.meta_path.insert(0, Block())
    """
)


def test_core_and_cli_import_and_scan_without_qt_or_tensorflow(manifest_path, tmp_path):
    from tests.conftest import RED, solid

    solid(RED).save(tmp_path / "r.png")
    code = BLOCKER + textwrap.dedent(
        f"""
        import deepfake_desk.core.detector, deepfake_desk.core.scan, deepfake_desk.core.export, deepfake_desk.cli
        from deepfake_desk.cli import main
        assert main(["scan", {str(tmp_path)!r}, "--manifest", {str(manifest_path)!r}, "-q"]) == 0
        bad = [m for m in sys.modules if m.split(".")[0] in ("PySide6", "tensorflow", "keras")]
        assert not bad, bad
        print("core ok")
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "core ok" in proc.stdout
