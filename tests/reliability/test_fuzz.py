"""Property-based fuzzing of the loaders over mutated valid files (hypothesis).

Whatever bytes a file holds, `open_image` / `read_video_frames` either decode it or
raise `MediaError` with a plain message, and `Detector.prepare_file` never reports an
"unexpected error" (our name for an exception we did not foresee).

Bounded for the suite (DFD_FUZZ_EXAMPLES, default 120 per format family, a few
seconds). The long mode, by hand:

    DFD_FUZZ_EXAMPLES=5000 DFD_FUZZ_REPORT=fuzz.json pytest tests/reliability/test_fuzz.py

writes how many inputs ran and what they gave to fuzz.json.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from deepfake_desk.core import media
from tests.conftest import BLUE, RED, solid
from tests.reliability.hostile import video, with_exif_orientation

EXAMPLES = int(os.environ.get("DFD_FUZZ_EXAMPLES", "120"))
REPORT = os.environ.get("DFD_FUZZ_REPORT")
# A mutated header can claim a large image whose (failed) decode takes a moment; far
# above this means a decoder is looping.
SLOW_S = 10.0

_stats: dict[str, Counter] = {}
_slowest: dict[str, float] = {}


def _bytes(img: Image.Image, fmt: str, **kw) -> bytes:
    out = io.BytesIO()
    img.save(out, fmt, **kw)
    return out.getvalue()


def _image_seeds() -> dict[str, bytes]:
    red, blue = solid(RED, (40, 32)), solid(BLUE, (40, 32))
    return {
        "jpg": with_exif_orientation(red, 6),
        "progressive.jpg": _bytes(red, "JPEG", quality=80, progressive=True),
        "png": _bytes(red, "PNG"),
        "palette.png": _bytes(red.quantize(8), "PNG", transparency=0),
        "webp": _bytes(red, "WEBP", quality=80),
        "lossless.webp": _bytes(red, "WEBP", lossless=True),
        "gif": _bytes(red.quantize(8), "GIF", save_all=True, append_images=[blue.quantize(8)], duration=50),
        "tiff": _bytes(red, "TIFF", compression="tiff_lzw"),
        "bmp": _bytes(red, "BMP"),
    }


def _video_seeds(folder: Path) -> dict[str, bytes]:
    seeds = {}
    for name, fourcc in (("mp4", "mp4v"), ("avi", "MJPG")):
        path = folder / f"seed.{name}"
        video(path, RED, frames=6, fourcc=fourcc, size=(48, 32))
        seeds[name] = path.read_bytes()
    return seeds


IMAGE_SEEDS = _image_seeds()

mutation = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(0, 7)),
    st.tuples(st.just("set"), st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
    st.tuples(st.just("truncate"), st.floats(0, 1, exclude_max=True), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=64)),
    st.tuples(st.just("delete"), st.floats(0, 1, exclude_max=True), st.integers(1, 64)),
    st.tuples(st.just("repeat"), st.floats(0, 1, exclude_max=True), st.integers(1, 256)),
    # numbers that break size fields: 0, -1, huge
    st.tuples(st.just("magic"), st.floats(0, 1, exclude_max=True),
              st.sampled_from([b"\x00\x00\x00\x00", b"\xff\xff\xff\xff", b"\x7f\xff\xff\xff", b"\x00\x01\x00\x00"])),
)


def mutate(data: bytes, ops: list[tuple]) -> bytes:
    out = bytearray(data)
    for op, where, arg in ops:
        if not out:
            break
        # Past the first 8 bytes (the format's signature) so the decoders, not the
        # format sniffing, get the damage; the hostile corpus covers broken signatures.
        skip = min(8, len(out) - 1)
        pos = skip + int(where * (len(out) - skip))
        if op == "flip":
            out[pos] ^= 1 << arg
        elif op == "set":
            out[pos] = arg
        elif op == "truncate":
            del out[max(pos, 1):]
        elif op == "insert":
            out[pos:pos] = arg
        elif op == "delete":
            del out[pos : pos + arg]
        elif op == "repeat":
            out[pos:pos] = out[pos : pos + arg]
        elif op == "magic":
            out[pos : pos + len(arg)] = arg
    return bytes(out)


@pytest.fixture(scope="module")
def fuzz_dir():
    with tempfile.TemporaryDirectory(prefix="dfd-fuzz-") as folder:
        yield Path(folder)


def _record(family: str, outcome: str, seconds: float) -> None:
    _stats.setdefault(family, Counter())[outcome] += 1
    _slowest[family] = max(_slowest.get(family, 0.0), seconds)


def _outcome(error: str) -> str:
    """Group error messages by their first words (numbers and names vary)."""
    return "decoded" if not error else " ".join(error.split(":")[0].split()[:6])


def _check(family: str, path: Path, detector) -> None:
    started = time.monotonic()
    try:
        if family == "video":
            media.read_video_frames(path, 4)
        else:
            rgb = media.load_image(path)
            assert rgb.ndim == 3 and rgb.shape[2] == 3 and rgb.dtype == np.uint8
    except media.MediaError as exc:
        assert str(exc) and "\n" not in str(exc)
    prepared = detector.prepare_file(path)
    seconds = time.monotonic() - started
    error = prepared.error
    _record(family, _outcome(error), seconds)
    assert "unexpected error" not in error, error
    if not error:
        result = detector.score_prepared(prepared)
        assert result.verdict in ("real", "uncertain", "fake") or result.error, "neither a verdict nor an error"
        assert "unexpected error" not in result.error, result.error
    assert seconds < SLOW_S, f"{seconds:.1f} s for one {family} file"


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(sorted(IMAGE_SEEDS)), ops=st.lists(mutation, min_size=1, max_size=6))
def test_mutated_images_never_crash_the_loader(fuzz_dir, session_detector, seed, ops):
    path = fuzz_dir / f"case.{seed.rsplit('.', 1)[-1]}"
    path.write_bytes(mutate(IMAGE_SEEDS[seed], ops))
    _check("image", path, session_detector)


@settings(max_examples=max(10, EXAMPLES // 4), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(["mp4", "avi"]), ops=st.lists(mutation, min_size=1, max_size=4), data=st.data())
def test_mutated_videos_never_crash_the_loader(fuzz_dir, session_detector, seed, ops, data):
    seeds = _VIDEO_SEEDS or _VIDEO_SEEDS.update(_video_seeds(fuzz_dir)) or _VIDEO_SEEDS
    path = fuzz_dir / f"case.{seed}"
    path.write_bytes(mutate(seeds[seed], ops))
    _check("video", path, session_detector)


_VIDEO_SEEDS: dict[str, bytes] = {}


def teardown_module() -> None:
    summary = {family: {"inputs": sum(c.values()), "outcomes": dict(c.most_common()),
                        "slowest_s": round(_slowest[family], 3)} for family, c in _stats.items()}
    print("\nfuzz:", json.dumps(summary))
    if REPORT:
        Path(REPORT).write_text(json.dumps({"examples_setting": EXAMPLES, "families": summary}, indent=2))
