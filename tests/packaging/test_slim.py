"""The bundle's post-PyInstaller cuts (packaging/slim.py), tried on copies of the development
venv's own libraries: the OpenBLAS shim gives OpenCV the answers its OpenBLAS gave, and the
trimmed ICU data still answers what Qt asks ICU. The built bundle is tested in test_bundle.py.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.packaging.conftest import load_packaging_module

SITE = Path(__import__("cv2").__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def slim():
    return load_packaging_module("slim")


def need(*tools: str) -> None:
    missing = [t for t in tools if not shutil.which(t)]
    if missing:
        pytest.skip(f"{', '.join(missing)} not installed: the build skips this cut too (and says so)")


@pytest.mark.parametrize("item, kept", [
    ("coll/root.res", True), ("coll/ucadata.icu", True), ("coll/en.res", True), ("coll/id.res", True),
    ("coll/zh.res", False), ("coll/de__PHONEBOOK.res", False), ("coll/res_index.res", True),
    ("res_index.res", True), ("pool.res", True), ("lang/pool.res", True), ("root.res", True),
    ("en_GB.res", True), ("in.res", True), ("ars.res", False), ("zh_Hant_TW.res", False),
    ("zoneinfo64.res", True), ("supplementalData.res", True), ("likelySubtags.res", True),
    ("cnvalias.icu", True), ("uts46.nrm", True), ("nfkc.nrm", True), ("unames.icu", True),
    ("ibm-912_P100-1995.cnv", False), ("brkitr/cjdict.dict", False), ("brkitr/line.brk", True),
    ("translit/root.res", False),
])
def test_icu_keeps_structure_root_english_and_indonesian(item, kept):
    contents = load_packaging_module("bundle_contents")
    assert contents.icu_item_kept(item) is kept


QT_ASKS_ICU = """
import functools, json
from PySide6.QtCore import QCollator, QLocale, QStringDecoder, QTimeZone
def order(locale):
    c = QCollator(QLocale(locale)); c.setNumericMode(True)
    return sorted(["zebra", "Zürich", "file10", "file2", "Äpfel", "apple"], key=functools.cmp_to_key(c.compare))
zone = QTimeZone(b"Asia/Jakarta")
print(json.dumps({
    "icudata": next(l.split()[-1] for l in open("/proc/self/maps") if "libicudata" in l),
    "order": {loc: order(loc) for loc in ("en_US", "id_ID", "de_DE")},
    "zone": [zone.displayName(QTimeZone.StandardTime, QTimeZone.LongName, QLocale(l)) for l in ("en_US", "id_ID")],
    "upper": QLocale("tr_TR").toUpper("istanbul"),
    "utf8": QStringDecoder("UTF-8").isValid(),
}))
"""


def test_trimmed_icu_data_answers_what_qt_asks_icu(slim, tmp_path):
    need("icupkg", "gcc", "objcopy", "nm", "readelf")
    import PySide6

    original = next(p for p in sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
                    if not p.is_symlink())
    internal = tmp_path / "_internal"
    lib = internal / "PySide6" / "Qt" / "lib"
    lib.mkdir(parents=True)
    shutil.copyfile(original, lib / original.name)
    saved = slim.trim_icu_data(internal)
    assert saved > 20e6 and (lib / original.name).stat().st_size < 8e6

    def ask(env_lib: Path | None) -> dict:
        env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        if env_lib:
            env["LD_LIBRARY_PATH"] = str(env_lib)  # wins over libicuuc's RUNPATH $ORIGIN
        done = subprocess.run([sys.executable, "-c", QT_ASKS_ICU], capture_output=True, text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert "Could not create collator" not in done.stderr
        return json.loads(done.stdout)

    full, trimmed = ask(None), ask(lib)
    assert Path(trimmed.pop("icudata")) == (lib / original.name).resolve()
    assert Path(full.pop("icudata")) == original.resolve()
    assert trimmed == full  # German sorts by the root order, which for these names is German's too
    assert trimmed["order"]["en_US"] == ["Äpfel", "apple", "file2", "file10", "zebra", "Zürich"]
    assert all(trimmed["zone"])


CV2_LINEAR_ALGEBRA = """
import sys, numpy as np, cv2
rng = np.random.default_rng(0)
out = {}
for dt in (np.float32, np.float64):
    a = rng.standard_normal((60, 60)).astype(dt); b = rng.standard_normal((60, 7)).astype(dt)
    spd = (a @ a.T + 60 * np.eye(60)).astype(dt)
    out[f"gemm{dt.__name__}"] = cv2.gemm(a, b, 1.0, None, 0.0)
    for name, flag in [("lu", cv2.DECOMP_LU), ("svd", cv2.DECOMP_SVD), ("qr", cv2.DECOMP_QR), ("chol", cv2.DECOMP_CHOLESKY)]:
        out[f"solve{name}{dt.__name__}"] = cv2.solve(spd if name == "chol" else a, b, flags=flag)[1]
    out[f"lstsq{dt.__name__}"] = cv2.solve(rng.standard_normal((80, 60)).astype(dt), rng.standard_normal((80, 3)).astype(dt),
                                           flags=cv2.DECOMP_SVD)[1]
    out[f"svd{dt.__name__}"] = cv2.SVDecomp(a)[0]
    out[f"det{dt.__name__}"] = np.array(cv2.determinant(a))
    out[f"inv{dt.__name__}"] = cv2.invert(a)[1]
out["eig"] = np.sort(np.abs(cv2.eigenNonSymmetric(rng.standard_normal((30, 30)))[1].ravel()))
out["blas"] = np.array([l.split()[-1] for l in open("/proc/self/maps") if "libopenblas" in l][:1])
np.savez(sys.argv[1], **out)
"""


@pytest.mark.slow
def test_openblas_shim_gives_opencv_the_answers_of_its_openblas(slim, tmp_path):
    need("gcc", "nm", "readelf")
    import numpy as np

    internal = tmp_path / "_internal"
    internal.mkdir()
    shutil.copytree(SITE / "cv2", internal / "cv2")
    shutil.copytree(SITE / "numpy.libs", internal / "numpy.libs")
    libs = internal / "opencv_python_headless.libs"
    libs.mkdir()
    for lib in (SITE / "opencv_python_headless.libs").iterdir():
        if lib.name.startswith(("libopenblas", "libgfortran", "libquadmath")):
            shutil.copyfile(lib, libs / lib.name)  # the cut replaces and deletes these
        else:
            (libs / lib.name).symlink_to(lib)
    (internal / "libquadmath-link.so").symlink_to(next(libs.glob("libquadmath*")))  # as PyInstaller links them
    blas = next(libs.glob("libopenblas*"))
    assert slim.cut_opencv_openblas(internal) > 35e6
    assert blas.stat().st_size < 100_000
    assert not list(libs.glob("libgfortran*")) and not list(libs.glob("libquadmath*"))
    assert not (internal / "libquadmath-link.so").is_symlink()  # no link left dangling
    assert (SITE / "opencv_python_headless.libs" / blas.name).stat().st_size > 35e6  # the venv's copy untouched

    def run(path: Path, out: Path) -> dict:
        env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(path) if path else ""}
        done = subprocess.run([sys.executable, "-c", CV2_LINEAR_ALGEBRA, str(out)], capture_output=True, text=True,
                              env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        return dict(np.load(out))

    real, shim = run(None, tmp_path / "real.npz"), run(internal, tmp_path / "shim.npz")
    assert str(real.pop("blas")[0]).startswith(str(SITE)) and str(shim.pop("blas")[0]) == str(blas)
    for name, expected in real.items():
        tolerance = 1e-3 if "float32" in name else 1e-9  # the same LAPACK: differences are rounding at most
        np.testing.assert_allclose(shim[name], expected, rtol=tolerance, atol=tolerance, err_msg=name)
