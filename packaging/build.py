"""Builds the installable Deepfake Detector: a PyInstaller one-folder bundle, then per OS a
.tar.gz and a .deb (Linux), a zip and an Inno Setup installer (Windows), or a .app in a
.dmg (macOS).

    python packaging/build.py                    # bundle + this OS's installers
    python packaging/build.py --allow-no-models  # no models/manifest.json yet: build anyway
    python packaging/build.py --reuse            # skip PyInstaller if the bundle is up to date

It needs only the standard library (Python 3.11+) to start: it makes its own build
venv (packaging/build/venv) holding the app's runtime dependencies from
pyproject.toml and PyInstaller, nothing else. TensorFlow must never be there:
onnxruntime's optional tools import it lazily and PyInstaller would then ship 1.5 GB.
The build fails loudly if TensorFlow, Keras or tf2onnx are installed in that venv or
end up anywhere in the bundle.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
sys.path.insert(0, str(PACKAGING))
from bundle_contents import FORBIDDEN, model_data  # noqa: E402  (one list for the spec and this check)
import slim  # noqa: E402

BUILD = PACKAGING / "build"
DIST = PACKAGING / "dist"
APP_NAME = "deepfake-detector"
SPEC = PACKAGING / "deepfake_detector.spec"

# The system packages the bundle loads libraries from: Qt's xcb and Wayland platform
# plugins and the Qt libraries need X11, xcb, GL, fonts and GLib, which the spec leaves
# out of the bundle on purpose (bundle_contents.SYSTEM_LIBS: they must match the
# desktop's X server and GPU driver). tests/packaging/test_bundle.py checks with
# objdump and dpkg that this list covers every system library a bundled file needs.
DEB_DEPENDS = (
    "libc6", "libstdc++6", "libgcc-s1", "zlib1g",
    "libglib2.0-0", "libdbus-1-3", "libfontconfig1", "libfreetype6",
    "libgl1", "libegl1", "libopengl0",
    "libx11-6", "libx11-xcb1", "libxext6", "libxrender1", "libsm6", "libice6",
    "libxkbcommon0", "libxkbcommon-x11-0",
    "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
    "libxcb-render-util0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1",
    "libxcb-xfixes0", "libxcb-xkb1", "libxcb-randr0", "libxcb-util1", "libxcb-glx0",
    "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
)


class BuildError(Exception):
    """A build step failed; the message says which and why."""


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def app_version() -> str:
    text = (REPO / "deepfake_desk" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*"([^"]+)"', text, re.MULTILINE)
    if not match:
        raise BuildError("cannot find __version__ in deepfake_desk/__init__.py")
    return match.group(1)


def runtime_requirements(pyproject: Path = REPO / "pyproject.toml") -> list[str]:
    """The app's pinned runtime dependencies plus the `package` extra (PyInstaller), nothing else."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"]) + list(project.get("optional-dependencies", {}).get("package", []))
    bad = [r for r in requirements if requirement_name(r) in {normalise(n) for n in FORBIDDEN}]
    if bad:
        raise BuildError(f"pyproject.toml lists forbidden packages for the app: {', '.join(bad)}")
    return requirements


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_name(requirement: str) -> str:
    return normalise(re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0])


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def run(cmd: list[str | os.PathLike], **kwargs) -> subprocess.CompletedProcess:
    printable = " ".join(str(c) for c in cmd)
    log(f"$ {printable}")
    try:
        return subprocess.run([str(c) for c in cmd], check=True, **kwargs)
    except subprocess.CalledProcessError as exc:
        raise BuildError(f"command failed with exit code {exc.returncode}: {printable}") from None
    except FileNotFoundError:
        raise BuildError(f"command not found: {cmd[0]}") from None


def forbidden_installed(python: Path) -> list[str]:
    """Forbidden distributions installed in the venv of `python`."""
    out = subprocess.run(
        [str(python), "-c", "import importlib.metadata as m; print('\\n'.join(d.metadata['Name'] or '' for d in m.distributions()))"],
        check=True, capture_output=True, text=True,
    ).stdout
    names = {normalise(n) for n in out.split()}
    return sorted(names & {normalise(n) for n in FORBIDDEN})


def ensure_build_venv(venv: Path, requirements: list[str], python: str = sys.executable) -> Path:
    """Create (or reuse, when its requirements are unchanged) a venv with exactly `requirements`."""
    stamp = venv / "deepfake-detector-requirements.txt"
    wanted = "\n".join(requirements) + "\n"
    if venv_python(venv).exists() and stamp.exists() and stamp.read_text() == wanted:
        log(f"reusing the build venv {venv}")
    else:
        if venv.exists():
            log(f"requirements changed: recreating {venv}")
            shutil.rmtree(venv)
        # Never --system-site-packages: the build must see only what is installed here.
        run([python, "-m", "venv", venv])
        run([venv_python(venv), "-m", "pip", "install", "--disable-pip-version-check", "--quiet", *requirements])
        stamp.write_text(wanted)
    leaked = forbidden_installed(venv_python(venv))
    if leaked:
        raise BuildError(
            f"the build venv {venv} contains {', '.join(leaked)}: PyInstaller would bundle them. "
            f"Delete {venv} and build again."
        )
    return venv_python(venv)


def shipped_model_files(models_dir: Path) -> list[Path]:
    """The files the spec ships from models_dir (for the freshness hash): manifest, models, docs."""
    manifest = models_dir / "manifest.json"
    files = sorted(models_dir.glob("*.md")) + model_data(models_dir)
    if manifest.is_file():
        files.append(manifest)
        try:
            listed = [m["file"] for m in json.loads(manifest.read_text(encoding="utf-8")).get("models", [])]
        except (ValueError, KeyError, TypeError) as exc:
            raise BuildError(f"{manifest} is not a valid manifest: {exc}") from None
        files += [models_dir / name for name in listed]
    return files


def inputs_digest(models_dir: Path, options: dict) -> str:
    """A hash of everything that goes into the bundle, to tell a fresh build from a stale one."""
    digest = hashlib.sha256(json.dumps(options, sort_keys=True).encode())
    files = (
        sorted((REPO / "deepfake_desk").rglob("*.py"))
        + sorted(p for p in (REPO / "resources").rglob("*") if p.is_file())
        + [SPEC, PACKAGING / "entry.py", PACKAGING / "bundle_contents.py", PACKAGING / "THIRD_PARTY.md",
           PACKAGING / "build.py", PACKAGING / "slim.py", slim.OPENBLAS_SHIM, REPO / "pyproject.toml"]
        + sorted((PACKAGING / "rthooks").glob("*.py"))
        + shipped_model_files(models_dir)
        + [REPO / "models" / "MANIFEST_SCHEMA.md"]
    )
    for path in files:
        if "__pycache__" in path.parts or not path.is_file():
            continue
        digest.update(str(path.relative_to(REPO) if path.is_relative_to(REPO) else path.name).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def check_models(python: Path, models_dir: Path, allow_no_models: bool) -> list[dict]:
    """Refuse a missing or broken manifest (unless allowed); return the shipped models' ids and hashes."""
    manifest = models_dir / "manifest.json"
    if not manifest.is_file():
        if not allow_no_models:
            raise BuildError(
                f"{manifest} does not exist: there are no models to ship. Export the trained models first "
                "(see models/MANIFEST_SCHEMA.md), or pass --allow-no-models to build a bundle without them."
            )
        log(f"WARNING: {manifest} is missing; building WITHOUT models because --allow-no-models was given")
        return []
    # Loaded with the app's own reader, so the build refuses what the app would refuse.
    code = (
        "import json, sys; from deepfake_desk.core.manifest import load_manifest; m = load_manifest(sys.argv[1]); "
        "print(json.dumps({'problems': [str(p) for p in m.problems], "
        "'models': [{'id': s.id, 'version': s.version, 'file': s.path.name, 'sha256': s.sha256} for s in m.models]}))"
    )
    proc = subprocess.run([str(python), "-c", code, str(manifest)], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    if proc.returncode != 0:
        raise BuildError(f"the manifest {manifest} cannot be loaded:\n{proc.stderr.strip()}")
    info = json.loads(proc.stdout)
    if info["problems"]:
        raise BuildError(f"the manifest {manifest} has broken models:\n  " + "\n  ".join(info["problems"]))
    if not info["models"]:
        raise BuildError(f"the manifest {manifest} lists no models")
    return info["models"]


def make_icons(python: Path, out: Path) -> Path:
    run([python, PACKAGING / "icon.py", out], stdout=subprocess.DEVNULL)
    return out


def bundle_dir(dist: Path) -> Path:
    return dist / APP_NAME


def bundle_executable(bundle: Path) -> Path:
    return bundle / (f"{APP_NAME}.exe" if os.name == "nt" else APP_NAME)


def run_pyinstaller(python: Path, models_dir: Path, allow_no_models: bool, icons: Path, dist: Path, clean: bool) -> Path:
    work = BUILD / "pyinstaller"
    report = work / "analysis.json"
    work.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "DFD_MODELS_DIR": str(models_dir),
        "DFD_ALLOW_NO_MODELS": "1" if allow_no_models else "0",
        "DFD_ICON_DIR": str(icons),
        "DFD_REPORT": str(report),
        "PYTHONNOUSERSITE": "1",  # a user-site TensorFlow must not leak in either
    }
    env.pop("PYTHONPATH", None)
    cmd = [python, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", dist, "--workpath", work, SPEC]
    if clean:
        cmd.insert(3, "--clean")
    run(cmd, env=env, cwd=REPO)
    bundle = bundle_dir(dist)
    saved = strip_python_binaries(bundle)
    if saved:
        log(f"stripped the Python runtime's symbols: {saved / 1e6:.0f} MB saved")
    if sys.platform.startswith("linux"):
        slim_linux_bundle(bundle / "_internal")
    dangling = [str(p.relative_to(bundle)) for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    if dangling:
        raise BuildError("the bundle has broken links (a filter in the spec removed their target):\n  "
                         + "\n  ".join(dangling))
    leaked = forbidden_in_bundle(python, bundle, report)
    if leaked:
        raise BuildError("FORBIDDEN packages are in the bundle (the build venv is not clean?):\n  " + "\n  ".join(leaked))
    return bundle


def slim_linux_bundle(internal: Path) -> None:
    """The cuts PyInstaller cannot make (packaging/slim.py); one that cannot be made safely is skipped, loudly."""
    for what, cut in (("OpenCV's OpenBLAS replaced by the shim", slim.cut_opencv_openblas),
                      ("Qt's ICU data trimmed", slim.trim_icu_data)):
        try:
            log(f"{what}: {cut(internal) / 1e6:.0f} MB saved")
        except (slim.CutSkipped, OSError, subprocess.CalledProcessError) as exc:
            log(f"WARNING: not done ({what}): {exc}; the bundle stays larger")


def strip_python_binaries(bundle: Path) -> int:
    """Strip debug symbols from the Python runtime's own libraries (Linux); returns bytes saved.

    A pyenv/source-built libpython carries about 17 MB of symbols. Wheel libraries are
    left alone: they are stripped already, and stripping a library auditwheel patched
    with patchelf can corrupt it.
    """
    strip = shutil.which("strip")
    if not sys.platform.startswith("linux") or not strip:
        return 0
    internal = bundle / "_internal"
    targets = [p for p in internal.glob("libpython3*.so*") if not p.is_symlink()]
    targets += sorted(internal.glob("python3*/lib-dynload/*.so"))
    before = sum(p.stat().st_size for p in targets)
    for path in targets:
        subprocess.run([strip, "--strip-unneeded", str(path)], check=True)
    return before - sum(p.stat().st_size for p in targets)


def is_forbidden(name: str) -> bool:
    """Whether a module name or a path inside the bundle belongs to TensorFlow, Keras or tf2onnx."""
    name = name.replace("\\", "/")
    top = re.split(r"[./-]", name, maxsplit=1)[0].lower()
    base = name.rsplit("/", 1)[-1].lower()
    return top in FORBIDDEN or base.startswith(("libtensorflow", "_pywrap_tensorflow"))


def forbidden_files(bundle: Path) -> list[str]:
    """Files and folders of the bundle that belong to a forbidden package."""
    internal = bundle / "_internal"
    found = []
    for path in bundle.rglob("*"):
        rel = path.relative_to(internal if path.is_relative_to(internal) else bundle).as_posix()
        if is_forbidden(rel) or is_forbidden(path.name):
            found.append(f"file {path.relative_to(bundle).as_posix()}")
    return found


def archived_modules(python: Path, executable: Path) -> list[str]:
    """Names inside the executable's PKG/PYZ archive (pure-Python modules are there, not on disk)."""
    code = (
        "import sys; from PyInstaller.archive.readers import pkg_archive_contents; "
        "print('\\n'.join(pkg_archive_contents(sys.argv[1])))"
    )
    listing = subprocess.run([str(python), "-c", code, str(executable)], capture_output=True, text=True)
    if listing.returncode != 0:
        raise BuildError(f"cannot list the archive inside {executable}:\n{listing.stderr.strip()}")
    return listing.stdout.split()


def forbidden_in_bundle(python: Path, bundle: Path, report: Path | None = None) -> list[str]:
    """Every trace of TensorFlow, Keras or tf2onnx: files on disk, modules in the archive, analysed modules."""
    found = forbidden_files(bundle)
    found += [f"module {m}" for m in archived_modules(python, bundle_executable(bundle)) if is_forbidden(m)]
    if report and report.is_file():
        found += [f"analysed module {m}" for m in json.loads(report.read_text())["modules"] if is_forbidden(m)]
    return sorted(set(found))


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def smoke_version(bundle: Path) -> str:
    """Run the frozen `--version`: a bundle that cannot even start must not be packaged."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DEEPFAKE_DETECTOR")}
    proc = subprocess.run([str(bundle_executable(bundle)), "--version"], capture_output=True, text=True,
                          timeout=120, env=env)
    if proc.returncode != 0 or not proc.stdout.startswith(APP_NAME):
        raise BuildError(f"the frozen app does not start (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def _reset_tarinfo(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def make_tarball(bundle: Path, out_dir: Path, version: str) -> Path:
    top = f"{APP_NAME}-{version}"
    out = out_dir / installer_name("tar", version)
    with tarfile.open(out, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=top, filter=_reset_tarinfo)
    return out


def deb_architecture() -> str:
    try:
        return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return {"x86_64": "amd64", "aarch64": "arm64"}.get(platform.machine(), platform.machine())


def deb_control(version: str, arch: str, installed_kib: int) -> str:
    return (
        f"Package: {APP_NAME}\n"
        f"Version: {version}\n"
        f"Architecture: {arch}\n"
        "Maintainer: Deepfake Detector maintainers <maintainers@deepfake-detector.invalid>\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(DEB_DEPENDS)}\n"
        "Section: graphics\n"
        "Priority: optional\n"
        "Homepage: https://deepfake-detector.invalid/\n"
        "Description: offline detector of deepfake and AI-generated images and videos\n"
        " Tells journalists and fact-checkers whether an image or a video is likely\n"
        " real, uncertain or likely fake, with one score per detection model, and\n"
        " scans whole folders into a CSV. Runs entirely offline: no file leaves the\n"
        " computer. Includes its own Python runtime and the trained models.\n"
    )


def make_deb(bundle: Path, icons: Path, out_dir: Path, version: str) -> Path:
    """A .deb installing the bundle to /opt/deepfake-detector, with a menu entry and icons."""
    if not shutil.which("dpkg-deb"):
        raise BuildError("dpkg-deb is not installed (apt-get install dpkg): cannot make the .deb")
    arch = deb_architecture()
    root = BUILD / "deb-root"
    if root.exists():
        shutil.rmtree(root)
    opt = root / "opt" / APP_NAME
    shutil.copytree(bundle, opt, symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    # The bootloader finds its _internal folder through /proc/self/exe, so a symlink works.
    os.symlink(f"/opt/{APP_NAME}/{APP_NAME}", root / "usr" / "bin" / APP_NAME)
    apps = root / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{APP_NAME}.desktop", apps / f"{APP_NAME}.desktop")
    hicolor = root / "usr" / "share" / "icons" / "hicolor"
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        target = hicolor / f"{size}x{size}" / "apps"
        target.mkdir(parents=True)
        shutil.copy2(icons / f"{APP_NAME}-{size}.png", target / f"{APP_NAME}.png")
    (hicolor / "scalable" / "apps").mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / f"{APP_NAME}.svg", hicolor / "scalable" / "apps" / f"{APP_NAME}.svg")
    doc = root / "usr" / "share" / "doc" / APP_NAME
    doc.mkdir(parents=True)
    (doc / "copyright").write_text(
        "Deepfake Detector: MIT licence.\n"
        f"The licences of the bundled third-party software are in /opt/{APP_NAME}/_internal/licenses/.\n"
    )
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        if path.is_dir():
            path.chmod(0o755)
        else:
            path.chmod(0o755 if os.access(path, os.X_OK) else 0o644)
    installed_kib = (tree_size(root) + 1023) // 1024
    (root / "DEBIAN").mkdir()
    (root / "DEBIAN" / "control").write_text(deb_control(version, arch, installed_kib))
    out = out_dir / installer_name("deb", version)
    # gzip, not xz: xz takes minutes on 300 MB with 2 cores, and every dpkg reads gzip.
    run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build", root, out], stdout=subprocess.DEVNULL)
    shutil.rmtree(root)
    return out


def make_windows_installer(bundle: Path, icons: Path, out_dir: Path, version: str) -> list[Path]:
    """A zip of the bundle and, when Inno Setup's ISCC is installed, a setup .exe."""
    outputs = [Path(shutil.make_archive(str(out_dir / f"{APP_NAME}-{version}-windows-x64"), "zip", bundle.parent, bundle.name))]
    iscc = shutil.which("iscc") or next(
        (p for p in (Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe",)
         if p.is_file()), None)
    if not iscc:
        log("Inno Setup (ISCC.exe) not found: only the zip was made (choco install innosetup)")
        return outputs
    run([iscc, f"/DAppVersion={version}", f"/DBundleDir={bundle}", f"/DOutputDir={out_dir}",
         f"/DIconFile={icons / f'{APP_NAME}.ico'}", f"/DRepoDir={REPO}", PACKAGING / "windows" / f"{APP_NAME}.iss"])
    outputs.append(out_dir / f"{APP_NAME}-{version}-setup.exe")
    return outputs


def make_dmg(dist: Path, out_dir: Path, version: str) -> Path:
    """A compressed .dmg holding the .app and a link to /Applications to drag it onto."""
    app = dist / "Deepfake Detector.app"
    if not app.is_dir():
        raise BuildError(f"{app} was not built")
    stage = BUILD / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir(parents=True)
    run(["ditto", app, stage / app.name])  # ditto keeps the bundle's symlinks and signatures
    os.symlink("/Applications", stage / "Applications")
    out = out_dir / f"{APP_NAME}-{version}-macos-{platform.machine()}.dmg"
    run(["hdiutil", "create", "-volname", "Deepfake Detector", "-srcfolder", stage, "-ov", "-format", "UDZO", out])
    return out


def write_build_info(bundle: Path, digest: str, models: list[dict], options: dict, seconds: float) -> dict:
    info = {
        "app": APP_NAME,
        "version": app_version(),
        "inputs_sha256": digest,
        "models": models,
        "options": options,
        "python": platform.python_version(),
        "platform": f"{sys.platform}-{platform.machine()}",
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "pyinstaller_seconds": round(seconds, 1),
        "size_bytes": tree_size(bundle),
    }
    (bundle / "BUILD_INFO.json").write_text(json.dumps(info, indent=2) + "\n")
    return info


def read_build_info(bundle: Path) -> dict | None:
    try:
        return json.loads((bundle / "BUILD_INFO.json").read_text())
    except (OSError, ValueError):
        return None


def installer_name(fmt: str, version: str) -> str | None:
    """The file name the Linux installer of that format gets (None: other OS or unknown)."""
    if fmt == "tar":
        return f"{APP_NAME}-{version}-linux-{platform.machine().lower()}.tar.gz"
    if fmt == "deb":
        return f"{APP_NAME}_{version}_{deb_architecture()}.deb"
    return None


def fresh_installer(dist: Path, fmt: str, version: str, bundle: Path) -> Path | None:
    """An installer already made from the current bundle (newer than its BUILD_INFO.json), if any."""
    name = installer_name(fmt, version)
    info = bundle / "BUILD_INFO.json"
    if not name or not info.is_file():
        return None
    path = dist / name
    return path if path.is_file() and path.stat().st_mtime > info.stat().st_mtime else None


def default_formats() -> list[str]:
    if sys.platform == "win32":
        return ["zip-setup"]
    if sys.platform == "darwin":
        return ["dmg"]
    return ["tar", "deb"]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the Deepfake Detector bundle and installers.")
    parser.add_argument("--models", type=Path, default=REPO / "models",
                        help="folder with manifest.json and the models to ship (default: models/)")
    parser.add_argument("--allow-no-models", action="store_true",
                        help="build even if the models folder has no manifest.json (the app then has no models)")
    parser.add_argument("--dist", type=Path, default=DIST, help="where the bundle and installers go (default: packaging/dist)")
    parser.add_argument("--venv", type=Path, default=BUILD / "venv", help="the build venv (default: packaging/build/venv)")
    parser.add_argument("--formats", default=",".join(default_formats()),
                        help="comma-separated: tar, deb (Linux), zip-setup (Windows), dmg (macOS), none")
    parser.add_argument("--reuse", action="store_true",
                        help="keep the existing bundle if nothing that goes into it changed since it was built")
    parser.add_argument("--clean", action="store_true", help="clear PyInstaller's cache first")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.monotonic()
    version = app_version()
    models_dir = args.models.resolve()
    dist = args.dist.resolve()
    options = {"models_dir": str(models_dir), "allow_no_models": args.allow_no_models,
               "python": platform.python_version(), "platform": sys.platform}
    times: dict[str, float] = {}
    try:
        if not (models_dir / "manifest.json").is_file() and not args.allow_no_models:
            check_models(Path(sys.executable), models_dir, allow_no_models=False)  # raises the clear error
        digest = inputs_digest(models_dir, options)
        bundle = bundle_dir(dist)
        previous = read_build_info(bundle)
        t = time.monotonic()
        python = ensure_build_venv(args.venv.resolve(), runtime_requirements())
        times["venv"] = time.monotonic() - t
        icons = make_icons(python, BUILD / "icons")
        if args.reuse and previous and previous.get("inputs_sha256") == digest and bundle_executable(bundle).exists():
            log(f"the bundle in {bundle} is up to date: not rebuilding it")
            info = previous
        else:
            models = check_models(python, models_dir, args.allow_no_models)
            t = time.monotonic()
            bundle = run_pyinstaller(python, models_dir, args.allow_no_models, icons, dist, args.clean)
            times["pyinstaller"] = time.monotonic() - t
            info = write_build_info(bundle, digest, models, options, times["pyinstaller"])
        log(smoke_version(bundle).strip().replace("\n", "\n[build]   "))
        artefacts = []
        formats = [f for f in args.formats.split(",") if f and f != "none"]
        t = time.monotonic()
        for fmt in formats:
            kept = fresh_installer(dist, fmt, version, bundle) if args.reuse else None
            if kept:
                log(f"{kept.name} is newer than the bundle: kept")
                artefacts.append(kept)
            elif fmt == "tar":
                artefacts.append(make_tarball(bundle, dist, version))
            elif fmt == "deb":
                artefacts.append(make_deb(bundle, icons, dist, version))
            elif fmt == "zip-setup":
                artefacts += make_windows_installer(bundle, icons, dist, version)
            elif fmt == "dmg":
                artefacts.append(make_dmg(dist, dist, version))
            else:
                raise BuildError(f"unknown format {fmt!r}")
        times["installers"] = time.monotonic() - t
    except BuildError as exc:
        print(f"BUILD FAILED: {exc}", file=sys.stderr)
        return 1
    times["total"] = time.monotonic() - started
    log(f"bundle: {bundle} ({info['size_bytes'] / 1e6:.0f} MB unpacked, {len(info['models'])} models)")
    for path in artefacts:
        log(f"made {path} ({path.stat().st_size / 1e6:.0f} MB)")
    log("times: " + ", ".join(f"{k} {v:.0f} s" for k, v in times.items()))
    (dist / "build-times.json").write_text(json.dumps({k: round(v, 1) for k, v in times.items()}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
