"""The Linux bundle's two large cuts made after PyInstaller: OpenCV's own OpenBLAS replaced by
a small library forwarding to NumPy's, and Qt's ICU data cut to what Qt reads.

    cut_opencv_openblas(internal)   38 MB OpenBLAS (+ its 3 MB gfortran) -> a 17 KB shim
    trim_icu_data(internal)         Qt's 32 MB libicudata -> about 5 MB

Each cut checks what it relies on and, when that does not hold (no compiler, a wheel
that changed), leaves the bundle as it was and says why: a bigger bundle, never a broken
one. Which ICU items stay is bundle_contents.icu_item_kept. build.py runs both.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from bundle_contents import icu_item_kept

PACKAGING = Path(__file__).resolve().parent
OPENBLAS_SHIM = PACKAGING / "linux" / "openblas_shim.c"


class CutSkipped(Exception):
    """A cut could not be made safely; the message says why (the bundle is unchanged)."""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise CutSkipped(f"{name} is not installed")
    return path


def _output(cmd: list[str | Path]) -> str:
    return subprocess.run([str(c) for c in cmd], check=True, capture_output=True, text=True).stdout


def dynamic_symbols(library: Path, undefined: bool) -> set[str]:
    """The dynamic symbols a library imports (undefined=True) or exports."""
    flag = "--undefined-only" if undefined else "--defined-only"
    return {line.split()[-1].split("@")[0] for line in _output([_tool("nm"), "-D", flag, library]).splitlines() if line.strip()}


def needed_libraries(library: Path) -> list[str]:
    """The DT_NEEDED names of an ELF library."""
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", _output([_tool("readelf"), "-d", library]))


def _elf_files(root: Path) -> list[Path]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink() and (".so" in path.name):
            with open(path, "rb") as f:
                if f.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def cut_opencv_openblas(internal: Path) -> int:
    """Replace opencv-python-headless's OpenBLAS by linux/openblas_shim.c compiled against NumPy's; bytes saved.

    The shim forwards the 19 BLAS/LAPACK functions cv2 imports to the `scipy_openblas64_`
    library NumPy ships (see the shim's header). It is refused unless it exports every
    symbol cv2 takes from the real OpenBLAS. The libraries only the real OpenBLAS needed
    (libgfortran, libquadmath) go too, with the links PyInstaller made to them.
    """
    gcc = shutil.which("gcc") or shutil.which("cc")
    if not gcc:
        raise CutSkipped("no C compiler (gcc) to build the OpenBLAS shim")
    cv2 = next(iter(sorted((internal / "cv2").glob("cv2*.so"))), None)
    libs = internal / "opencv_python_headless.libs"
    blas = next(iter(sorted(libs.glob("libopenblas*.so*"))), None)
    numpy_blas = next(iter(sorted((internal / "numpy.libs").glob("libscipy_openblas64_*.so"))), None)
    if not (cv2 and blas and numpy_blas):
        raise CutSkipped(f"cv2 {cv2}, its OpenBLAS {blas} or NumPy's {numpy_blas} is missing")
    wanted = dynamic_symbols(cv2, undefined=True) & dynamic_symbols(blas, undefined=False)
    with tempfile.TemporaryDirectory() as tmp:
        shim = Path(tmp) / blas.name
        subprocess.run([gcc, "-O2", "-shared", "-fPIC", "-o", str(shim), f"-Wl,-soname,{blas.name}", str(OPENBLAS_SHIM),
                        f"-L{numpy_blas.parent}", f"-l:{numpy_blas.name}", "-Wl,-rpath,$ORIGIN/../numpy.libs"],
                       check=True, capture_output=True, text=True)
        missing = wanted - dynamic_symbols(shim, undefined=False)
        if missing:
            raise CutSkipped(f"cv2 calls OpenBLAS functions the shim lacks: {', '.join(sorted(missing))}")
        only_for_blas = [libs / name for name in needed_libraries(blas) if (libs / name).is_file()]
        size_before = blas.stat().st_size
        blas.unlink()  # never write through a link into the wheel it came from
        shutil.copyfile(shim, blas)
    blas.chmod(0o755)
    # libgfortran (and through it libquadmath) served only the real OpenBLAS: drop what nothing needs now
    while only_for_blas:
        needed = {name for lib in _elf_files(internal) for name in needed_libraries(lib)}
        unused = [lib for lib in only_for_blas if lib.name not in needed]
        if not unused:
            break
        for lib in unused:
            only_for_blas += [libs / name for name in needed_libraries(lib) if (libs / name).is_file()]
            only_for_blas.remove(lib)
            size_before += lib.stat().st_size
            lib.unlink()
    for link in internal.iterdir():  # PyInstaller's top-level links to the removed libraries
        if link.is_symlink() and not link.exists():
            link.unlink()
    return size_before - blas.stat().st_size


def trim_icu_data(internal: Path) -> int:
    """Rebuild Qt's libicudata with only the items bundle_contents.icu_item_kept keeps; bytes saved."""
    icupkg, gcc, objcopy = _tool("icupkg"), shutil.which("gcc") or _tool("cc"), _tool("objcopy")
    library = next((p for p in sorted((internal / "PySide6" / "Qt" / "lib").glob("libicudata.so.*")) if not p.is_symlink()), None)
    if library is None:
        raise CutSkipped("PySide6 ships no libicudata")
    symbols = [line.split() for line in _output([_tool("nm"), "-D", "-S", "--defined-only", library]).splitlines()]
    data = [s for s in symbols if len(s) == 4 and re.fullmatch(r"icudt\d+_dat", s[3])]
    sections = re.findall(r"\]\s+\.rodata\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)", _output([_tool("readelf"), "-SW", library]))
    # The data must fill .rodata, as ICU's own build lays it out: then copying that section copies it.
    if not (len(data) == 1 and len(sections) == 1 and int(data[0][0], 16) == int(sections[0][0], 16)
            and int(data[0][1], 16) == int(sections[0][1], 16)):
        raise CutSkipped(f"{library.name} is not laid out as ICU's data library (one icudt*_dat symbol filling .rodata)")
    symbol = data[0][3]
    with tempfile.TemporaryDirectory() as tmp:
        # icupkg names the package after its output file: both must be ICU's name (icudt73l.dat)
        package = f"{symbol[:-len('_dat')]}l.dat"
        whole, trimmed, removed = Path(tmp) / package, Path(tmp) / "trimmed" / package, Path(tmp) / "removed.txt"
        trimmed.parent.mkdir()
        subprocess.run([objcopy, "-O", "binary", "--only-section=.rodata", str(library), str(whole)], check=True)
        items = _output([icupkg, "-l", whole]).split()
        dropped = [item for item in items if not icu_item_kept(item)]
        if not dropped:
            return 0
        removed.write_text("\n".join(dropped) + "\n")
        subprocess.run([icupkg, "--ignore-deps", "-r", str(removed), str(whole), str(trimmed)], check=True, capture_output=True)
        assembly = Path(tmp) / "icudata.S"
        assembly.write_text(
            f'.section .rodata\n.globl {symbol}\n.type {symbol}, @object\n.balign 16\n{symbol}:\n'
            f'.incbin "{trimmed}"\n.size {symbol}, .-{symbol}\n.section .note.GNU-stack,"",@progbits\n')
        rebuilt = Path(tmp) / library.name
        soname = re.search(r"SONAME\)\s+Library soname: \[([^\]]+)\]", _output([_tool("readelf"), "-d", library]))
        subprocess.run([gcc, "-shared", "-nostdlib", "-o", str(rebuilt), str(assembly),
                        f"-Wl,-soname,{soname.group(1) if soname else library.name}"], check=True, capture_output=True)
        if dynamic_symbols(rebuilt, undefined=False) != {symbol}:
            raise CutSkipped(f"the rebuilt {library.name} does not export {symbol} alone")
        before = library.stat().st_size
        library.unlink()
        shutil.copyfile(rebuilt, library)
    return before - library.stat().st_size
