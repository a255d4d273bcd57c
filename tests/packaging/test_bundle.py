"""Smoke tests of the frozen app: build it (or reuse a fresh build) and run what a user would.

Marked `bundle`: the quick run skips them (`pytest -m "not bundle"`), .ci/run runs them.
The first test of a session may take minutes (build venv + PyInstaller); later ones
reuse that build.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from deepfake_desk import __version__
from deepfake_desk.core.export import csv_columns
from deepfake_desk.core.scan import iter_media_files
from tests.conftest import BLUE, GREY, RED, model_entry, solid, write_manifest, write_phone_photo
from tests.packaging.conftest import REPO, clean_env

pytestmark = pytest.mark.bundle
RUN_TIMEOUT_S = 300


def run_frozen(executable: Path, *args: str, home: Path, cwd: Path, prefix: tuple[str, ...] = (), **env: str):
    return subprocess.run([*prefix, str(executable), *args], capture_output=True, text=True, cwd=cwd,
                          env=clean_env(home, **env), timeout=RUN_TIMEOUT_S)


def bundled_manifest(bundle: Path) -> dict:
    return json.loads((bundle / "_internal" / "models" / "manifest.json").read_text())


def read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:]]


def tree_state(root: Path) -> dict[str, tuple[int, int]]:
    """Every file under root with its size and modification time (symlinks as themselves)."""
    state = {}
    for path in root.rglob("*"):
        st = path.lstat()
        state[path.relative_to(root).as_posix()] = (st.st_size, st.st_mtime_ns)
    return state


def test_bundle_contains_models_samples_licences_and_no_tensorflow(built, build_module):
    internal = built.bundle / "_internal"
    manifest = bundled_manifest(built.bundle)
    for model in manifest["models"]:
        shipped = internal / "models" / model["file"]
        assert hashlib.sha256(shipped.read_bytes()).hexdigest() == model["sha256"], model["id"]
    assert (internal / "models" / "MANIFEST_SCHEMA.md").is_file()
    source_samples = sorted(p.relative_to(REPO).as_posix() for p in (REPO / "resources").rglob("*")
                            if p.is_file() and not p.name.startswith(".") and "__pycache__" not in p.parts)
    shipped_samples = sorted(p.relative_to(internal).as_posix() for p in (internal / "resources").rglob("*") if p.is_file())
    assert shipped_samples == source_samples
    licence_dirs = {p.name for p in (internal / "licenses").iterdir() if any(p.rglob("*"))}
    assert {"onnxruntime", "numpy", "opencv-python-headless", "pillow", "Python"} <= licence_dirs
    if Path("/usr/share/common-licenses/LGPL-3").is_file():  # Debian build machines
        assert (internal / "licenses" / "PySide6_Essentials" / "LGPL-3").is_file()
    assert (internal / "licenses" / "THIRD_PARTY.md").is_file()
    face_detector = manifest.get("face_detector")
    if face_detector:  # YuNet and its licence, beside the models
        assert (internal / "models" / face_detector["file"]).is_file()
        assert (internal / "models" / face_detector["licence"]).is_file()
    python = build_module.venv_python(build_module.BUILD / "venv")
    assert build_module.forbidden_in_bundle(python, built.bundle) == []
    # ... and the check would have seen them: the archive does list the app's own modules.
    archived = build_module.archived_modules(python, built.executable)
    assert {"deepfake_desk.core.detector", "deepfake_desk.gui.main", "c2pa"} <= set(archived)
    # Neither the training package nor the developers' screenshot script is shipped.
    assert not [m for m in archived if m.split(".")[0] in ("training", "tests", "onnx") or m == "deepfake_desk.gui.screenshot"]
    info = json.loads((built.bundle / "BUILD_INFO.json").read_text())
    assert info["version"] == __version__
    assert [m["sha256"] for m in info["models"]] == [m["sha256"] for m in manifest["models"]]


@pytest.mark.skipif(not (sys.platform.startswith("linux") and all(shutil.which(t) for t in ("gcc", "icupkg"))),
                    reason="packaging/slim.py's cuts need gcc and icupkg on the build machine")
def test_linux_bundle_has_the_openblas_shim_and_the_cut_icu_data(built):
    """The cuts of packaging/slim.py were made; the other tests run the app through them (cv2, Qt)."""
    opencv_libs = built.bundle / "_internal" / "opencv_python_headless.libs"
    (blas,) = opencv_libs.glob("libopenblas*")
    assert blas.stat().st_size < 100_000 and not list(opencv_libs.glob("libgfortran*"))
    icu = [p for p in (built.bundle / "_internal" / "PySide6" / "Qt" / "lib").glob("libicudata.so.*") if not p.is_symlink()]
    assert len(icu) == 1 and icu[0].stat().st_size < 8e6


def test_version_prints_app_and_model_hashes(built, tmp_path):
    proc = run_frozen(built.executable, "--version", home=tmp_path / "home", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0] == f"deepfake-detector {__version__}"
    models = bundled_manifest(built.bundle)["models"]
    assert models, "the bundle ships no models"
    for model in models:
        assert any(line.startswith(f"model {model['id']} ") and line.endswith(f"sha256:{model['sha256']}")
                   for line in lines), (model["id"], proc.stdout)


def test_scan_bundled_samples_writes_one_row_per_sample(built, tmp_path):
    samples = built.bundle / "_internal" / "resources" / "samples"
    out = tmp_path / "out.csv"
    proc = run_frozen(built.executable, "scan", str(samples), "--csv", str(out), home=tmp_path / "home", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    header, rows = read_csv(out)
    ids = [m["id"] for m in bundled_manifest(built.bundle)["models"]]
    assert header == csv_columns(ids)
    expected = sorted(str(f.path) for f in iter_media_files([samples]))
    assert sorted(r["path"] for r in rows) == expected
    for row in rows:
        # shipped samples must all be scorable; they show each kind of answer (resources/samples/README.md)
        assert not row["error"] and row["verdict"] in ("real", "uncertain", "fake", "labelled-ai", "not-assessable"), row
        assert 0.0 <= float(row["fake_probability"]) <= 1.0


def test_no_display_scans_the_bundled_samples_instead_of_failing(built, tmp_path):
    """A Linux machine with no display (a server, CI): the bare command still does something useful."""
    env = clean_env(tmp_path / "home")
    for name in ("DISPLAY", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    proc = subprocess.run([str(built.executable)], capture_output=True, text=True, cwd=tmp_path, env=env,
                          timeout=RUN_TIMEOUT_S)
    assert proc.returncode == 0, proc.stderr
    assert "No display found" in proc.stderr
    samples = built.bundle / "_internal" / "resources" / "samples"
    for media in iter_media_files([samples]):
        assert str(media.path) in proc.stdout


def test_without_models_the_app_says_so_and_still_opens(built, tmp_path):
    """What a bundle built with --allow-no-models does (the models folder is pointed at an
    empty one, as an --allow-no-models bundle has no manifest): no crash, a clear message."""
    empty = tmp_path / "no-models"
    empty.mkdir()
    home = tmp_path / "home"
    proc = run_frozen(built.executable, "--version", home=home, cwd=tmp_path, DEEPFAKE_DETECTOR_MODELS=str(empty))
    assert proc.returncode == 0 and "models: none (no model manifest" in proc.stdout, proc.stdout + proc.stderr
    solid(RED).save(tmp_path / "red.jpg")
    proc = run_frozen(built.executable, "scan", str(tmp_path / "red.jpg"), home=home, cwd=tmp_path,
                      DEEPFAKE_DETECTOR_MODELS=str(empty))
    assert proc.returncode == 1 and "error: no model manifest" in proc.stderr and "Traceback" not in proc.stderr
    shot = tmp_path / "window.png"
    proc = run_frozen(built.executable, home=home, cwd=tmp_path, QT_QPA_PLATFORM="offscreen",
                      DEEPFAKE_DETECTOR_MODELS=str(empty), DEEPFAKE_DETECTOR_FIRST_WINDOW=str(shot))
    assert proc.returncode == 0 and "saved=True" in proc.stdout, proc.stdout + proc.stderr


def _write_video(path: Path, colour: tuple[int, int, int], frames: int = 12) -> None:
    import cv2

    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), 10, (64, 48))
    assert writer.isOpened()
    frame = np.asarray(solid(colour))[:, :, ::-1].copy()
    for _ in range(frames):
        writer.write(frame)
    writer.release()


def test_scan_with_known_models_gives_expected_verdicts(built, tmp_path):
    """The frozen onnxruntime, Pillow, OpenCV/FFmpeg and error handling, with the tiny colour models."""
    models = tmp_path / "models"
    models.mkdir()
    manifest = write_manifest(models, [model_entry(models, "cnn", "NHWC", weight=0.6),
                                       model_entry(models, "gan", "NCHW", weight=0.4)])
    media = tmp_path / "media"
    media.mkdir()
    solid(RED).save(media / "red.jpg", quality=95)
    solid(BLUE).save(media / "blue.png")
    solid(GREY).save(media / "grey.png")
    (media / "broken.jpg").write_bytes(b"\xff\xd8\xff\xe0 truncated")
    _write_video(media / "red.mp4", RED)
    out, full = tmp_path / "out.csv", tmp_path / "out.json"
    proc = run_frozen(built.executable, "scan", str(media), "--csv", str(out), "--json", str(full),
                      "--manifest", str(manifest), home=tmp_path / "home", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    header, rows = read_csv(out)
    assert header == csv_columns(["cnn", "gan"])
    by_name = {Path(r["path"]).name: r for r in rows}
    assert set(by_name) == {"red.jpg", "blue.png", "grey.png", "broken.jpg", "red.mp4"}
    assert by_name["red.jpg"]["verdict"] == "fake"
    assert by_name["blue.png"]["verdict"] == "real"
    assert by_name["grey.png"]["verdict"] == "uncertain"
    assert by_name["broken.jpg"]["verdict"] == "" and by_name["broken.jpg"]["error"]
    assert by_name["red.mp4"]["kind"] == "video" and by_name["red.mp4"]["verdict"] == "fake"
    assert int(by_name["red.mp4"]["frames"]) >= 1
    # The C2PA reader's native library (loaded by ctypes, invisible to PyInstaller) is there.
    records = {Path(r["path"]).name: r for r in json.loads(full.read_text())["results"]}
    credentials = records["red.jpg"]["evidence"]["content_credentials"]
    assert credentials["status"] == "absent", credentials


def test_phone_photos_are_images_in_the_bundle(built, tmp_path):
    """libheif (pi-heif's own .so files) and Pillow's AVIF decoder made it into the bundle."""
    models = tmp_path / "models"
    models.mkdir()
    manifest = write_manifest(models, [model_entry(models, "cnn", "NHWC")])
    media = tmp_path / "media"
    media.mkdir()
    write_phone_photo(media / "IMG_0001.HEIC")
    write_phone_photo(media / "photo.avif")
    (media / "cut.heic").write_bytes((media / "IMG_0001.HEIC").read_bytes()[:300])
    out = tmp_path / "out.csv"
    proc = run_frozen(built.executable, "scan", str(media), "--csv", str(out), "--manifest", str(manifest),
                      home=tmp_path / "home", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    by_name = {Path(r["path"]).name: r for r in read_csv(out)[1]}
    for name in ("IMG_0001.HEIC", "photo.avif"):
        assert by_name[name]["kind"] == "image" and by_name[name]["error"] == "", by_name[name]
        assert by_name[name]["verdict"]
    assert by_name["cut.heic"]["error"].startswith("corrupt image: ")


def _launch_window(executable: Path, home: Path, cwd: Path, shot: Path, *args: str) -> tuple[float, str]:
    """Open the window offscreen; returns seconds from launch to the window being shown."""
    launched = time.time()
    proc = run_frozen(executable, *args, home=home, cwd=cwd, QT_QPA_PLATFORM="offscreen",
                      DEEPFAKE_DETECTOR_FIRST_WINDOW=str(shot))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    match = re.search(r"first-window-shown (\d+\.\d+) (\d+)x(\d+) saved=True", proc.stdout)
    assert match, proc.stdout + proc.stderr
    return float(match.group(1)) - launched, proc.stdout


def test_window_opens_offscreen_and_screenshot_shows_it(built, tmp_path):
    shot = tmp_path / "window.png"
    seconds, _ = _launch_window(built.executable, tmp_path / "home", tmp_path, shot)
    print(f"first window shown {seconds:.2f} s after launch")  # the benchmark figure: packaging/measure.py
    image = Image.open(shot).convert("RGB")
    assert image.width >= 640 and image.height >= 400
    # A real window, not a blank surface: many distinct colours (text, bars, icons).
    assert len(image.getcolors(maxcolors=1 << 20) or []) > 50
    keep = built.bundle.parent / "screenshot-offscreen.png"
    shutil.copyfile(shot, keep)  # for a person to look at after CI


def test_window_opens_on_a_real_x_server_through_qt_xcb(built, tmp_path):
    """What a Linux desktop uses: Qt's xcb platform plugin with the system's X libraries
    (the .deb's Depends). Needs Xvfb (apt-get install xvfb)."""
    if not shutil.which("Xvfb"):
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1366x800x24", "-nolisten", "tcp"],
                              pass_fds=(write_end,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end) as display_pipe:
            display = display_pipe.readline().strip()
        assert display, "Xvfb did not start"
        shot = tmp_path / "xcb.png"
        proc = run_frozen(built.executable, home=tmp_path / "home", cwd=tmp_path, DISPLAY=f":{display}",
                          QT_QPA_PLATFORM="xcb", DEEPFAKE_DETECTOR_FIRST_WINDOW=str(shot))
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "saved=True" in proc.stdout
        assert len(Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 20) or []) > 50
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_tarball_runs_anywhere_offline_and_writes_only_config_and_cache(built, tmp_path):
    """Unpacked elsewhere, run with no network: the bundle folder and the working folder stay
    untouched, and the only new files in the home folder are under ~/.config and ~/.cache."""
    with tarfile.open(built.tarball) as tar:
        tops = {m.name.split("/", 1)[0] for m in tar.getmembers()}
        assert tops == {f"deepfake-detector-{__version__}"}
        tar.extractall(tmp_path / "opt", filter="tar")
    bundle = tmp_path / "opt" / f"deepfake-detector-{__version__}"
    executable = bundle / "deepfake-detector"
    home, work = tmp_path / "home", tmp_path / "work"
    home.mkdir()
    work.mkdir()
    media = tmp_path / "media"
    media.mkdir()
    solid(RED).save(media / "red.jpg")
    bundle_before, media_before = tree_state(bundle), tree_state(media)
    # No network namespace where the machine allows one (root, or user namespaces).
    offline = ("unshare", "-rn") if shutil.which("unshare") and subprocess.run(
        ["unshare", "-rn", "true"], capture_output=True).returncode == 0 else ()

    proc = run_frozen(executable, "--version", home=home, cwd=work, prefix=offline)
    assert proc.returncode == 0, proc.stderr
    out = tmp_path / "results.csv"
    proc = run_frozen(executable, "scan", str(media), "--csv", str(out), home=home, cwd=work, prefix=offline)
    assert proc.returncode == 0, proc.stderr
    assert len(read_csv(out)[1]) == 1
    _launch_window(executable, home, work, tmp_path / "shot.png", str(media / "red.jpg"))

    assert tree_state(bundle) == bundle_before, "the app wrote into its own folder"
    assert tree_state(media) == media_before, "the app changed the files it scanned"
    assert list(work.iterdir()) == [], "the app wrote into the working folder"
    written = [p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()]
    outside = [p for p in written if not p.startswith((".config/", ".cache/"))]
    assert outside == [], f"files written outside ~/.config and ~/.cache: {outside}"


def test_deb_installs_files_menu_entry_and_depends_on_xcb_libraries(built, build_module, tmp_path):
    if built.deb is None:
        pytest.skip("dpkg-deb is not installed: no .deb was built")
    control = subprocess.run(["dpkg-deb", "--field", str(built.deb)], capture_output=True, text=True, check=True).stdout
    fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$", control, re.MULTILINE))
    assert fields["Package"] == "deepfake-detector"
    assert fields["Version"] == __version__
    depends = {d.strip() for d in fields["Depends"].split(",")}
    assert {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1", "libfontconfig1"} <= depends
    listing = subprocess.run(["dpkg-deb", "--contents", str(built.deb)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^l.* \./usr/bin/deepfake-detector -> /opt/deepfake-detector/deepfake-detector$", listing, re.M)
    for path in ("./opt/deepfake-detector/deepfake-detector", "./usr/share/applications/deepfake-detector.desktop",
                 "./usr/share/icons/hicolor/256x256/apps/deepfake-detector.png",
                 "./usr/share/icons/hicolor/scalable/apps/deepfake-detector.svg",
                 "./opt/deepfake-detector/_internal/models/manifest.json"):
        assert re.search(rf" {re.escape(path)}$", listing, re.M), path
    assert re.search(r"^-rwxr-xr-x root/root .* \./opt/deepfake-detector/deepfake-detector$", listing, re.M)
    # Unpacked, and started through a link the way /usr/bin/deepfake-detector is.
    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(root)], check=True)
    link = tmp_path / "deepfake-detector"
    link.symlink_to(root / "opt" / "deepfake-detector" / "deepfake-detector")
    proc = run_frozen(link, "--version", home=tmp_path / "home", cwd=tmp_path)
    assert proc.returncode == 0 and proc.stdout.startswith("deepfake-detector "), proc.stderr
    installed_kib = int(fields["Installed-Size"])
    assert abs(installed_kib * 1024 - build_module.tree_size(root)) < 0.02 * installed_kib * 1024


def test_deb_dependencies_resolve_with_apt(built):
    """apt can install the .deb here: every package in Depends exists under that name
    (a simulation: nothing is installed)."""
    if built.deb is None or not shutil.which("apt-get"):
        pytest.skip("needs apt-get and the .deb")
    if not any(Path("/var/lib/apt/lists").glob("*_Packages*")):
        pytest.skip("apt has no package lists (run apt-get update)")
    proc = subprocess.run(["apt-get", "install", "--simulate", "--no-install-recommends", str(built.deb)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert re.search(r"^Inst deepfake-detector ", proc.stdout, re.MULTILINE), proc.stdout


def _needed(path: Path) -> list[str]:
    out = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True).stdout
    return re.findall(r"^\s+NEEDED\s+(\S+)$", out, re.MULTILINE)


def _package_of(soname: str) -> str | None:
    """The Debian package holding a system library, or None when it is not installed."""
    found = re.search(rf"^\s+{re.escape(soname)} \(libc6[^)]*\) => (\S+)$",
                      subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout, re.MULTILINE)
    if not found:
        return None
    owner = subprocess.run(["dpkg", "-S", os.path.realpath(found.group(1))], capture_output=True, text=True)
    if owner.returncode != 0:
        owner = subprocess.run(["dpkg", "-S", found.group(1)], capture_output=True, text=True)
    return owner.stdout.split(":", 1)[0].strip() if owner.returncode == 0 else None


def _debian_name(soname: str) -> str:
    """Debian's package name for a library by its soname (libxcb-icccm.so.4 -> libxcb-icccm4)."""
    name, version = re.match(r"(lib.+?)\.so\.(\d+)", soname).groups()
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def test_deb_depends_cover_every_system_library_the_bundle_loads(built, build_module):
    """Every library a bundled binary needs and the bundle does not carry is in Depends."""
    if not (shutil.which("objdump") and shutil.which("dpkg") and shutil.which("ldconfig")):
        pytest.skip("needs objdump, dpkg and ldconfig (Debian/Ubuntu)")
    internal = built.bundle / "_internal"
    shipped = {p.name for p in built.bundle.rglob("*.so*")}
    binaries = [p for p in internal.rglob("*") if p.is_file() and not p.is_symlink() and ".so" in p.name]
    binaries.append(built.executable)
    needed = {soname for path in binaries for soname in _needed(path)} - shipped
    depends = set(build_module.DEB_DEPENDS)
    uncovered = {}
    for soname in sorted(needed):
        package = _package_of(soname) or _debian_name(soname)
        # Ubuntu 24.04's 64-bit time_t rename (libglib2.0-0t64) provides the old name.
        if package.removesuffix("t64") not in depends:
            uncovered[soname] = package
    assert uncovered == {}, f"system libraries whose packages are not in DEB_DEPENDS: {uncovered}"
