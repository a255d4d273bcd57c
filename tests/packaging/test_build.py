"""Quick tests of the packaging logic that need no PyInstaller run: what the build venv holds,
what the bundle ships and filters, the missing-models rule, the .deb metadata, the desktop
entry and the icon. The built bundle itself is tested in test_bundle.py (marked `bundle`).
"""

from __future__ import annotations

import configparser
import importlib.util
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import model_entry, write_manifest
from tests.packaging.conftest import PACKAGING, REPO, load_packaging_module


@pytest.fixture(scope="module")
def contents():
    return load_packaging_module("bundle_contents")


def test_build_venv_gets_the_app_dependencies_and_pyinstaller_but_never_tensorflow(build_module):
    import tomllib

    requirements = build_module.runtime_requirements()
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert set(project["dependencies"]) <= set(requirements)
    assert any(r.lower().startswith("pyinstaller==") for r in requirements)
    names = {build_module.requirement_name(r) for r in requirements}
    assert not names & {"tensorflow", "tensorflow-cpu", "keras", "tf2onnx", "onnx", "pytest"}


def test_runtime_requirements_refuse_tensorflow_in_the_app_dependencies(build_module, tmp_path):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "x"\ndependencies = ["numpy==2.4.6", "tensorflow-cpu==2.21.0"]\n')
    with pytest.raises(build_module.BuildError, match="tensorflow-cpu"):
        build_module.runtime_requirements(pyproject)


def test_forbidden_installed_finds_tensorflow_in_a_venv(build_module):
    """The development venv has the `train` extra: exactly what the build venv must not have."""
    dev_python = Path(sys.executable)
    found = build_module.forbidden_installed(dev_python)
    # find_spec, not import: importing TensorFlow took 438 s of this test under load (issue 32, section 7)
    if importlib.util.find_spec("tensorflow") is None:
        pytest.skip("TensorFlow is not installed here: nothing to detect")
    assert {"tensorflow-cpu", "keras", "tf2onnx"} <= set(found)


@pytest.mark.parametrize("name, forbidden", [
    ("tensorflow/python/_pywrap_tensorflow_internal.so", True),
    ("tensorflow.python.framework.ops", True),
    ("keras.src.models", True),
    ("keras-3.15.1.dist-info", True),
    ("tf2onnx.convert", True),
    ("libtensorflow_framework.so.2", True),
    ("numpy._core", False),
    ("onnxruntime.capi._pybind_state", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", False),
    ("deepfake_desk.core.detector", False),
])
def test_is_forbidden(build_module, name, forbidden):
    assert build_module.is_forbidden(name) is forbidden


def test_forbidden_files_finds_tensorflow_folders_in_a_bundle(build_module, tmp_path):
    bundle = tmp_path / "deepfake-detector"
    (bundle / "_internal" / "tensorflow" / "python").mkdir(parents=True)
    (bundle / "_internal" / "tensorflow" / "python" / "x.so").write_bytes(b"")
    (bundle / "_internal" / "numpy").mkdir()
    (bundle / "_internal" / "numpy" / "__init__.pyc").write_bytes(b"")
    found = build_module.forbidden_files(bundle)
    assert "file _internal/tensorflow" in found and "file _internal/tensorflow/python/x.so" in found
    assert not any("numpy" in f for f in found)


def test_build_without_manifest_fails_clearly_before_making_a_venv(build_module, tmp_path, capsys):
    venv = tmp_path / "venv"
    code = build_module.main(["--models", str(tmp_path), "--venv", str(venv), "--formats", "none"])
    assert code == 1
    err = capsys.readouterr().err
    assert "manifest.json does not exist" in err and "--allow-no-models" in err
    assert not venv.exists()


def test_model_files_ship_the_manifest_its_models_and_docs(contents, tmp_path):
    folder = tmp_path / "models"
    folder.mkdir()
    write_manifest(folder, [model_entry(folder, "cnn")])
    (folder / "MODEL_CARD.md").write_text("# card")
    (folder / "stale.onnx").write_bytes(b"an old model the manifest no longer lists")
    shipped = {Path(src).name: dest for src, dest in contents.model_files(folder)}
    assert shipped == {"manifest.json": "models", "cnn.onnx": "models", "MODEL_CARD.md": "models",
                       "MANIFEST_SCHEMA.md": "models", "yunet_s_640_640.onnx": "models"}


def test_model_files_without_manifest_need_the_explicit_flag(contents, tmp_path):
    with pytest.raises(SystemExit, match="--allow-no-models"):
        contents.model_files(tmp_path)
    shipped = [Path(src).name for src, _ in contents.model_files(tmp_path, allow_no_models=True)]
    assert shipped == ["MANIFEST_SCHEMA.md"]


def test_model_files_refuse_a_manifest_whose_model_is_missing(contents, tmp_path):
    write_manifest(tmp_path, [model_entry(tmp_path, "cnn")])
    (tmp_path / "cnn.onnx").unlink()
    with pytest.raises(SystemExit, match="cnn.onnx"):
        contents.model_files(tmp_path)


def test_resource_files_keep_the_folder_layout(contents, tmp_path):
    (tmp_path / "samples" / "real").mkdir(parents=True)
    (tmp_path / "samples" / "real" / "a.jpg").write_bytes(b"x")
    (tmp_path / "samples" / "real" / "a.jpg.ATTRIBUTION.txt").write_text("by someone, CC BY")
    (tmp_path / "samples" / ".DS_Store").write_bytes(b"")
    assert sorted(contents.resource_files(tmp_path)) == [
        (str(tmp_path / "samples" / "real" / "a.jpg"), "resources/samples/real"),
        (str(tmp_path / "samples" / "real" / "a.jpg.ATTRIBUTION.txt"), "resources/samples/real"),
    ]


@pytest.mark.parametrize("dest, platform, shipped", [
    ("PySide6/Qt/plugins/platforms/libqxcb.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqoffscreen.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqwayland.so", "linux", True),
    ("PySide6/Qt/plugins/platforms/libqvnc.so", "linux", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "linux", False),
    ("PySide6/Qt/plugins/tls/libqopensslbackend.so", "linux", False),
    ("PySide6/Qt/translations/qt_de.qm", "linux", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", "linux", False),
    ("PySide6/Qt/plugins/imageformats/libqwebp.so", "linux", False),
    ("PySide6/Qt/plugins/imageformats/libqsvg.so", "linux", True),  # SVG icon themes
    ("PySide6/Qt/plugins/iconengines/libqsvgicon.so", "linux", True),
    ("PySide6\\plugins\\imageformats\\qtiff.dll", "win32", False),
    ("PySide6/Qt/lib/libQt6Network.so.6", "linux", False),
    ("libQt6Network.so.6", "linux", False),
    ("PySide6/Qt/lib/libQt6Core.so.6", "linux", True),
    ("libstdc++.so.6", "linux", False),
    ("libxcb-cursor.so.0", "linux", False),
    ("libglib-2.0.so.0", "linux", False),
    ("libstdc++.so.6", "darwin", True),  # the Linux system-library rule is Linux only
    ("libscipy_openblas64_-32a4b2a6.so", "linux", True),  # a wheel's own copy stays
    ("libxcb-9065bb12.so.1.1.0", "linux", True),
    ("libpython3.11.so.1.0", "linux", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", "win32", True),
    ("PySide6\\translations\\qt_de.qm", "win32", False),
])
def test_keep_filters_unused_qt_parts_and_system_libraries(contents, dest, platform, shipped):
    assert contents.keep(dest, platform) is shipped


def test_excludes_keep_tensorflow_and_training_out(contents):
    assert {"tensorflow", "keras", "tf2onnx", "training", "onnx"} <= set(contents.EXCLUDES)


def test_inputs_digest_changes_with_a_model_and_not_otherwise(build_module, tmp_path):
    write_manifest(tmp_path, [model_entry(tmp_path, "cnn")])
    options = {"allow_no_models": False}
    first = build_module.inputs_digest(tmp_path, options)
    assert build_module.inputs_digest(tmp_path, options) == first
    with open(tmp_path / "cnn.onnx", "ab") as f:
        f.write(b"\0")
    assert build_module.inputs_digest(tmp_path, options) != first
    assert build_module.inputs_digest(tmp_path, {"allow_no_models": True}) != build_module.inputs_digest(tmp_path, options)


def test_deb_control_is_well_formed_and_depends_on_qt_xcb_libraries(build_module):
    control = build_module.deb_control("0.1.0", "amd64", 380000)
    lines = control.splitlines()
    fields = dict(line.split(": ", 1) for line in lines if not line.startswith(" "))
    assert fields["Package"] == "deepfake-detector" and fields["Version"] == "0.1.0"
    assert fields["Architecture"] == "amd64" and fields["Installed-Size"] == "380000"
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0", "libegl1"} <= set(depends)
    assert len(depends) == len(set(depends))
    description = lines[lines.index(next(l for l in lines if l.startswith("Description:"))) + 1:]
    assert description and all(l.startswith(" ") and len(l) <= 80 for l in description)
    assert control.endswith("\n")


def test_desktop_entry_launches_the_installed_program_with_its_icon():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "deepfake-detector.desktop")
    d = entry["Desktop Entry"]
    assert d["Type"] == "Application" and d["Terminal"] == "false"
    assert d["Exec"].split()[0] == "deepfake-detector" and "%F" in d["Exec"]
    assert d["Icon"] == "deepfake-detector"
    assert "image/jpeg" in d["MimeType"].split(";") and "video/mp4" in d["MimeType"].split(";")
    assert d["Categories"].endswith(";")
    validator = shutil.which("desktop-file-validate")
    if validator:  # apt-get install desktop-file-utils
        proc = subprocess.run([validator, str(PACKAGING / "linux" / "deepfake-detector.desktop")],
                              capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout + proc.stderr


def test_icon_renders_every_size_and_the_svg_is_valid(tmp_path):
    icon = load_packaging_module("icon")
    written = icon.write_icons(tmp_path)
    for size in icon.SIZES:
        img = Image.open(tmp_path / f"deepfake-detector-{size}.png")
        assert img.size == (size, size) and img.mode == "RGBA"
        assert img.getpixel((0, 0))[3] < 16  # transparent corners (rounded tile; resampling leaves a trace)
        assert img.getpixel((size // 2, size // 2))[3] == 255
    ico = Image.open(tmp_path / "deepfake-detector.ico")
    assert (256, 256) in ico.info["sizes"] and (16, 16) in ico.info["sizes"]
    assert Image.open(tmp_path / "deepfake-detector.icns").size[0] >= 256
    assert len(written) == len(icon.SIZES) + 2
    svg = ET.parse(PACKAGING / "linux" / "deepfake-detector.svg").getroot()
    assert svg.get("viewBox") == "0 0 512 512"


def test_first_window_hook_is_inert_without_its_variable():
    """Every normal launch runs the runtime hook: it must not import Qt or change anything."""
    code = (
        "import runpy, sys; runpy.run_path(sys.argv[1]); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    env = {"PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code, str(PACKAGING / "rthooks" / "pyi_rth_first_window.py")],
                         capture_output=True, text=True, env=env, check=True).stdout
    assert out.strip() == "False"


def test_first_window_hook_saves_the_window_and_reports_when_it_was_shown(tmp_path):
    shot = tmp_path / "shot.png"
    program = tmp_path / "program.py"
    program.write_text(
        "import runpy, sys\n"
        f"runpy.run_path({str(PACKAGING / 'rthooks' / 'pyi_rth_first_window.py')!r})\n"
        "from PySide6.QtWidgets import QApplication, QLabel, QMainWindow\n"
        "app = QApplication([])\n"
        "w = QMainWindow(); w.setCentralWidget(QLabel('hello')); w.resize(500, 300); w.show()\n"
        "sys.exit(app.exec())\n"
    )
    env = {"PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen", "DEEPFAKE_DETECTOR_FIRST_WINDOW": str(shot)}
    proc = subprocess.run([sys.executable, str(program)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "first-window-shown" in proc.stdout and "500x300 saved=True" in proc.stdout
    assert Image.open(shot).size == (500, 300)


def test_inno_setup_script_installs_the_bundle_with_both_programs():
    iss = (PACKAGING / "windows" / "deepfake-detector.iss").read_text()
    for needle in ("{#BundleDir}\\*", "DeepfakeDetector.exe", "deepfake-detector.exe", "AppVersion={#AppVersion}",
                   "PrivilegesRequiredOverridesAllowed", "[Icons]"):
        assert needle in iss, needle


def test_ci_workflow_builds_on_linux_windows_and_macos():
    workflow = (REPO / ".github" / "workflows" / "installers.yml").read_text()
    for runner in ("ubuntu-", "windows-", "macos-"):
        assert runner in workflow
    assert workflow.count("packaging/build.py") >= 3


def test_readme_install_section_reports_measured_numbers():
    readme = (PACKAGING / "README.md").read_text()
    assert "only the linux build is tested" in readme.lower().replace("**", "")
    assert "MB" in readme and "first window" in readme.lower()
    measured = json.loads((PACKAGING / "measurements.json").read_text())
    assert f"{measured['bundle_mb']:.0f} MB" in readme
