"""What goes into the bundle and what stays out: the pure logic of deepfake_detector.spec.

Kept out of the spec so that quick tests can check it without running PyInstaller:
which model, resource and licence files are shipped, which modules are excluded, and
which Qt plugins and system libraries are filtered from PyInstaller's collection.
"""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"

# Never in the bundle. onnxruntime's optional tools import onnx/torch/tensorflow
# lazily; in a venv that has them PyInstaller would follow those imports and add
# about 1.2 GB. build.py checks the result again; this keeps them out to begin with.
FORBIDDEN = ["tensorflow", "tensorflow_cpu", "tensorboard", "keras", "tf2onnx", "tf_keras", "jax", "torch"]
EXCLUDES = FORBIDDEN + [
    "training",  # the training package is not part of the app
    "onnx", "onnxruntime.tools", "onnxruntime.transformers", "onnxruntime.quantization",
    "sympy", "scipy", "pandas", "matplotlib", "tkinter", "_tkinter", "IPython", "jupyter",
    "pytest", "_pytest", "hypothesis", "pytestqt", "setuptools", "pip",
    "readline",  # would bring libreadline/libtinfo; the app has no interactive prompt
    "PySide6.QtNetwork",  # offline app: no sockets, and it drags in TLS and Kerberos libraries
    # TLS and HTTP: the app opens no connection (c2pa's build helper imports requests, the
    # app never does); _ssl would bring libssl. _hashlib (OpenSSL's fast hashes) stays.
    "ssl", "_ssl", "requests", "urllib3", "charset_normalizer", "idna", "certifi",
]

# Qt pieces a desktop app never uses: embedded/kiosk platforms (eglfs, linuxfb, vnc,
# evdev input), network and TLS plugins, and the GTK3 theme plugin, which alone pulls
# in GTK, Cairo and Pango from the build machine. Qt's own translations only matter
# to an app that installs a QTranslator, and this one is English. The app never decodes
# an image file with Qt (Pillow does, and the window shows arrays), so Qt's raster
# image-format plugins go too; SVG stays, for the icon themes of the file dialogs.
# Patterns match the destination path inside the bundle.
UNUSED_QT = re.compile(
    r"^PySide6/(Qt/)?plugins/(egldeviceintegrations|generic|networkinformation|tls)/"
    r"|^PySide6/(Qt/)?plugins/platforms/lib(qeglfs|qlinuxfb|qminimalegl|qvkkhrdisplay|qvnc)\."
    r"|^PySide6/(Qt/)?plugins/platformthemes/libqgtk3\."
    r"|^PySide6/(Qt/)?plugins/imageformats/(lib)?q(gif|icns|ico|jpeg|pdf|tga|tiff|wbmp|webp)\."
    r"|^PySide6/(Qt/)?translations/"
    # the libraries themselves, and the links to them PyInstaller puts at the top level
    r"|^(PySide6/Qt/lib/)?libQt6(EglFSDeviceIntegration|EglFsKmsSupport|Network)\."
)

# Linux system libraries PyInstaller would copy from the build machine but that must
# come from the user's system instead, where they match its X server, GPU driver and
# fonts (a bundled old libstdc++ breaks newer Mesa drivers, for example). The .deb
# depends on their packages (build.py's DEB_DEPENDS). Libraries with a hash in their
# name (auditwheel copies inside the wheels) are never matched and stay bundled.
SYSTEM_LIBS = re.compile(
    r"^lib(stdc\+\+|gcc_s|X11|X11-xcb|Xext|Xrender|Xau|Xdmcp|xcb(-[a-z]+)*|xkbcommon|xkbcommon-x11"
    r"|fontconfig|freetype|glib-2\.0|gobject-2\.0|gio-2\.0|gmodule-2\.0|gthread-2\.0|dbus-1|systemd"
    r"|gcrypt|gpg-error|lz4|cap|selinux|pcre2-8|mount|blkid|bsd|md|expat|png16|brotlicommon|brotlidec"
    r"|GL|EGL|OpenGL|GLX|GLdispatch"
    # ... and those only the dropped GTK theme and network plugins needed:
    r"|cairo|cairo-gobject|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|atk-1\.0|gdk_pixbuf-2\.0|harfbuzz"
    r"|thai|datrie|fribidi|graphite2|pixman-1|krb5|k5crypto|krb5support|gssapi_krb5|com_err|keyutils"
    r")\.so(\.[0-9]+)*$"
)


def keep(dest: str, platform: str = sys.platform) -> bool:
    """Whether a file PyInstaller collected (by its path inside the bundle) is shipped."""
    dest = dest.replace("\\", "/")
    if UNUSED_QT.search(dest):
        return False
    if platform.startswith("linux") and "/" not in dest and SYSTEM_LIBS.match(dest):
        return False
    return True


# data beside the models: the real-photo banks taught detectors are held against (core.learn.real_bank)
# and the known kinds' heads (core/kinds.py)
MODEL_DATA_GLOBS = ("real_bank_*.npz", "kinds_*.npz")


def model_data(folder: Path) -> list[Path]:
    return [p for pattern in MODEL_DATA_GLOBS for p in sorted(folder.glob(pattern))]


def model_files(folder: Path, allow_no_models: bool = False) -> list[tuple[str, str]]:
    """(source, bundle folder) of manifest.json, the model and face detector files it lists, and the model docs."""
    manifest = folder / "manifest.json"
    docs = [p for p in sorted(folder.glob("*.md")) + sorted(folder.glob("LICENSE*")) + model_data(folder)
            if p.is_file()]
    schema = REPO / "models" / "MANIFEST_SCHEMA.md"
    if not (folder / schema.name).is_file() and schema.is_file():
        docs.append(schema)  # the format's documentation ships whatever folder the models come from
    if not manifest.is_file():
        if not allow_no_models:
            raise SystemExit(
                f"error: {manifest} does not exist: there are no models to ship. "
                "Train and export them first, or build a model-less bundle with --allow-no-models."
            )
        print(f"WARNING: {manifest} is missing: building WITHOUT models (--allow-no-models)")
        return [(str(p), "models") for p in docs]
    document = json.loads(manifest.read_text(encoding="utf-8"))
    listed = [entry["file"] for entry in document.get("models", [])]
    if isinstance(document.get("face_detector"), dict):  # YuNet: its licence is one of the LICENSE* docs
        listed.append(document["face_detector"]["file"])
    files = [manifest] + [folder / name for name in listed] + docs
    missing = [str(p) for p in files if not p.is_file()]
    if missing:
        raise SystemExit(f"error: the manifest lists model files that do not exist: {', '.join(missing)}")
    # A model stored with external weights keeps them beside it as <file>.data.
    files += [p for name in listed for p in folder.glob(name + ".data")]
    return [(str(p), str(Path("models", p.relative_to(folder).parent)) if p.is_relative_to(folder) else "models")
            for p in files]


def resource_files(root: Path = REPO / "resources") -> list[tuple[str, str]]:
    """Everything under resources/ (sample images and their attribution files)."""
    return [
        (str(p), str(Path("resources", p.relative_to(root).parent)))
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts and not p.name.startswith(".")
    ]


LICENCE_NAME = re.compile(r"(^|/)(LICEN[CS]E|COPYING|NOTICE|AUTHORS)[^/]*$", re.IGNORECASE)


# Licences whose full text a wheel does not ship, taken from Debian's common-licenses
# on a Debian/Ubuntu build machine (PySide6's wheels carry only a licence name).
COMMON_LICENCES = {"PySide6_Essentials": ("LGPL-3", "GPL-3"), "shiboken6": ("LGPL-3", "GPL-3")}
BUILD_TOOLS = {"pip", "setuptools", "wheel", "pyinstaller", "pyinstaller-hooks-contrib", "altgraph"}


def licence_files() -> list[tuple[str, str]]:
    """The licence texts of every installed distribution and of Python itself, under licenses/."""
    out = []
    for dist in metadata.distributions():
        name = dist.metadata["Name"]
        if not name or re.sub(r"[-_.]+", "-", name).lower() in BUILD_TOOLS:
            continue  # build tools are not shipped, so neither are their licences
        found = []
        for f in dist.files or []:
            if LICENCE_NAME.search(str(f)):
                src = Path(dist.locate_file(f))
                if src.is_file():
                    found.append((str(src), str(Path("licenses", name, *Path(str(f)).parts[1:-1]))))
        if not found:
            found = [(f"/usr/share/common-licenses/{text}", f"licenses/{name}")
                     for text in COMMON_LICENCES.get(name, ()) if Path(f"/usr/share/common-licenses/{text}").is_file()]
        out += found
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (Path(sys.base_prefix, "lib", version, "LICENSE.txt"), Path(sys.base_prefix, "LICENSE.txt")):
        if candidate.is_file():  # Unix layout, then Windows
            out.append((str(candidate), "licenses/Python"))
            break
    out += [(str(p), "licenses/deepfake-detector") for p in sorted(REPO.glob("LICENSE*"))]
    out.append((str(PACKAGING / "THIRD_PARTY.md"), "licenses"))
    return out


# Qt's ICU data (libicudata, 32 MB) is cut to what Qt reads (build.py, slim.trim_icu_data).
# Qt keeps its own locale tables (CLDR), Unicode properties, line breaking and IDNA; it asks
# ICU for collation (QCollator: the file dialogs' sorting), time-zone names and legacy
# codecs. Kept: every ICU structural item (aliases, time zones, normalisation, Unicode
# names, break rules) and the locale data of ICU's root and of the app's languages;
# a user whose language is another sorts file names by the root (Unicode) order.
# Dropped: the other languages' locale data, the legacy code-page tables (.cnv: the app
# reads text as UTF-8), the transliterators and the CJK/Thai/Khmer/Lao/Burmese word
# dictionaries (Qt breaks text with its own tables).
ICU_LANGUAGES = ("root", "en", "id", "in")  # "in" is ICU's alias of Indonesian ("id")
ICU_NOT_LOCALES = {"res_index", "pool"}  # look like locale ids, and are the trees' indexes
_LOCALE_ID = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]*)*$")


def icu_item_kept(item: str) -> bool:
    """Whether an item of ICU's data package (as `icupkg -l` names it, e.g. "coll/zh.res") stays."""
    folder, _, name = item.rpartition("/")
    stem, _, kind = name.rpartition(".")
    if kind in ("cnv", "dict") or folder == "translit":
        return False
    if kind == "res" and stem not in ICU_NOT_LOCALES and _LOCALE_ID.match(stem):
        return stem.split("_")[0] in ICU_LANGUAGES
    return True
