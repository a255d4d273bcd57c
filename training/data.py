"""Labelled image sets -> saved seeded splits -> uint8 cache -> augmented tf.data pipelines.

A set is a folder `<set>/{real,fake}/` (label 0 = real, 1 = fake) or a CSV list of
`path,label` rows (the seed's format). Splits are drawn once per set with a fixed seed
and saved as small text files under `training/splits/`, so every later run (and the
evaluation) uses the same held-out images. DFDC is split by source video: a fake and
the real video it was made from always fall in the same split.

Every image, whatever its class, goes through the same pipeline: the app's loader
(`deepfake_desk.core.media.load_image`), a Pillow resize of the shorter side to `CACHE_SIDE`, a
centre square crop (the cache), then the same augmentation switches and a random
crop of the model's input size.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from deepfake_desk.core.media import load_image
from deepfake_desk.core.preprocess import resize_short_side
from PIL import Image

LABELS = {"real": 0, "fake": 1}
SPLITS = ("train", "val", "test")
SPLIT_FRACTIONS = (0.70, 0.15, 0.15)
SPLIT_SEED = 20261122
CACHE_SIDE = 256
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".bmp"}

TRAINING_DIR = Path(__file__).resolve().parent
SPLITS_DIR = TRAINING_DIR / "splits"
CACHE_DIR = TRAINING_DIR / "cache"
DEFAULT_DATA_ROOT = TRAINING_DIR.parent.parent / "shared" / "data"
# manipulated real footage (a face swapped in), not generated whole: reported and pooled apart
FACE_SWAP_SOURCES = ("faces/openforensics", "faces/dfdc")

DEFAULT_SETS = (
    "faces/openforensics",
    "faces/dfdc",
    "faces/stylegan_ffhq",
    "faces/stylegan2_tpdne",
    "generic/imagenet_sd15",
    "generic/modern_t2i",
)


@dataclass(frozen=True)
class Sample:
    path: str  # absolute path of the image file
    label: int  # 0 = real, 1 = fake
    source: str  # the set it came from, e.g. "faces/dfdc"
    group: str  # images of one group always share a split (DFDC: the source video)


# --------------------------------------------------------------------------- discovery


def list_folder_set(root: Path, set_name: str) -> list[Sample]:
    """All images of `<root>/<set_name>/{real,fake}/`, grouped where the set needs it."""
    base = Path(root) / set_name
    groups = _dfdc_groups(base / "metadata.csv") if (base / "metadata.csv").exists() else {}
    samples = []
    for class_name, label in LABELS.items():
        folder = base / class_name
        if not folder.is_dir():
            continue
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() not in IMAGE_SUFFIXES:
                continue
            group = groups.get(path.stem, f"{class_name}/{path.name}")
            samples.append(Sample(str(path), label, set_name, group))
    if not samples:
        raise FileNotFoundError(f"no images under {base}/real or {base}/fake")
    return samples


def list_csv_set(csv_path: Path, set_name: str | None = None) -> list[Sample]:
    """Images listed in a `path,label` CSV (the seed's format); paths relative to the CSV."""
    csv_path = Path(csv_path)
    set_name = set_name or csv_path.stem
    samples = []
    with open(csv_path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            raw = str(row["label"]).strip().lower()
            label = LABELS[raw] if raw in LABELS else int(float(raw))
            path = Path(row["path"])
            if not path.is_absolute():
                path = csv_path.parent / path
            samples.append(Sample(str(path), label, set_name, f"{label}/{path.name}"))
    return samples


def _dfdc_groups(metadata_csv: Path) -> dict[str, str]:
    """Image stem -> source video: a fake's group is its original, a real's is itself."""
    groups = {}
    with open(metadata_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            stem = Path(row["videoname"]).stem
            original = (row.get("original") or "").strip()
            groups[stem] = "video/" + (Path(original).stem if original else stem)
    return groups


# --------------------------------------------------------------------------- splits


def assign_splits(
    samples: list[Sample], seed: int = SPLIT_SEED, fractions=SPLIT_FRACTIONS
) -> dict[str, str]:
    """Group-wise seeded split: relative key -> 'train' | 'val' | 'test', stratified by label."""
    by_label_groups: dict[int, dict[str, list[Sample]]] = defaultdict(lambda: defaultdict(list))
    group_label = {}
    for s in samples:
        # A group's label for stratification: fake if it holds any fake (DFDC: video + its fakes).
        group_label[s.group] = max(group_label.get(s.group, 0), s.label)
    for s in samples:
        by_label_groups[group_label[s.group]][s.group].append(s)
    rng = random.Random(seed)
    assignment = {}
    for label in sorted(by_label_groups):
        groups = sorted(by_label_groups[label])
        rng.shuffle(groups)
        n = len(groups)
        n_train = round(n * fractions[0])
        n_val = round(n * fractions[1])
        for i, g in enumerate(groups):
            split = "train" if i < n_train else "val" if i < n_train + n_val else "test"
            for s in by_label_groups[label][g]:
                assignment[_split_key(s)] = split
    return assignment


def _split_key(s: Sample) -> str:
    """A sample's name in a split file: `<class>/<file name>`, independent of the data root."""
    p = Path(s.path)
    return f"{p.parent.name}/{p.name}"


def split_file(set_name: str, splits_dir: Path = SPLITS_DIR) -> Path:
    return Path(splits_dir) / (set_name.replace("/", "__") + ".txt")


def load_splits(
    set_name: str,
    samples: list[Sample],
    splits_dir: Path = SPLITS_DIR,
    seed: int = SPLIT_SEED,
) -> dict[str, list[Sample]]:
    """The set's saved split, made (and saved) on first use; new images are refused loudly."""
    path = split_file(set_name, splits_dir)
    if path.exists():
        assignment = {}
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                split, key = line.split("\t", 1)
                assignment[key] = split
    else:
        assignment = assign_splits(samples, seed)
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = [f"# {set_name}: seeded split (seed {seed}, {SPLIT_FRACTIONS}), split<TAB>class/file"]
        lines += [f"{assignment[k]}\t{k}" for k in sorted(assignment)]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out: dict[str, list[Sample]] = {k: [] for k in SPLITS}
    missing = [s for s in samples if _split_key(s) not in assignment]
    if missing:
        raise ValueError(f"{len(missing)} images of {set_name} are not in {path}; delete it to re-split")
    for s in samples:
        out[assignment[_split_key(s)]].append(s)
    return out


def load_sets(
    set_names=DEFAULT_SETS, data_root: Path = DEFAULT_DATA_ROOT, splits_dir: Path = SPLITS_DIR
) -> dict[str, list[Sample]]:
    """Several sets at once (folders, or CSV files ending in .csv): split -> samples."""
    out: dict[str, list[Sample]] = {k: [] for k in SPLITS}
    for name in set_names:
        if name.endswith(".csv"):
            csv_path = Path(name) if Path(name).is_absolute() else Path(data_root) / name
            set_name = Path(name).stem
            samples = list_csv_set(csv_path, set_name)
        else:
            set_name = name
            samples = list_folder_set(Path(data_root), name)
        for split, items in load_splits(set_name, samples, splits_dir).items():
            out[split].extend(items)
    return out


def describe(samples: list[Sample]) -> str:
    counts = Counter((s.source, s.label) for s in samples)
    sources = sorted({s.source for s in samples})
    return ", ".join(f"{src}: {counts[(src, 0)]} real / {counts[(src, 1)]} fake" for src in sources)


def describe_counts(sources: list[str], labels) -> dict[str, dict[str, int]]:
    counts = Counter(zip(sources, [int(x) for x in labels]))
    return {src: {"real": counts[(src, 0)], "fake": counts[(src, 1)]} for src in sorted(set(sources))}


# --------------------------------------------------------------------------- decoding and cache


def center_square(rgb: np.ndarray, side: int) -> np.ndarray:
    h, w = rgb.shape[:2]
    top, left = (h - side) // 2, (w - side) // 2
    return rgb[top : top + side, left : left + side]


def decode_for_cache(path: str, side: int = CACHE_SIDE, whole: bool = False) -> np.ndarray:
    """The shorter side resized to `side` and the centre square kept; or (`whole`) the whole
    image resized to side x side, as the app's "resize" crop mode does."""
    rgb = load_image(path)
    if whole:
        return np.asarray(Image.fromarray(rgb).resize((side, side), Image.BILINEAR))
    return center_square(resize_short_side(rgb, side), side)


def cached_images(samples: list[Sample], side: int = CACHE_SIDE, cache_dir: Path = CACHE_DIR,
                  whole: bool = False) -> np.ndarray:
    """uint8 [N, side, side, 3] for `samples`, decoded once and kept as an .npy memmap."""
    key = hashlib.sha256(("\n".join(s.path for s in samples) + f"|{side}|{whole}").encode()).hexdigest()[:16]
    path = Path(cache_dir) / f"images_{side}{'w' if whole else ''}_{len(samples)}_{key}.npy"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp.npy")
        out = np.lib.format.open_memmap(tmp, mode="w+", dtype=np.uint8, shape=(len(samples), side, side, 3))
        for i, s in enumerate(samples):
            out[i] = decode_for_cache(s.path, side, whole)
            if (i + 1) % 2000 == 0:
                print(f"  cached {i + 1}/{len(samples)} images", flush=True)
        out.flush()
        del out
        os.replace(tmp, path)
    return np.load(path, mmap_mode="r")


# --------------------------------------------------------------------------- augmentation


@dataclass(frozen=True)
class Augment:
    """Named augmentation switches, applied identically to real and fake images.

    The seed's geometry (rotation 20, shifts .2, shear .2, zoom .2) plus its 128 px
    resize kept the seed CNN at chance here (DESIGN.md 2), so geometry is mild by
    default; the robustness switches model what social media does to an image.
    """

    flip: bool = True
    rotate_deg: float = 5.0  # seed: 20
    shift: float = 0.03  # fraction of the side; seed: 0.2
    zoom: float = 0.05  # seed: 0.2
    geometry_p: float = 0.2  # share of images that get rotation/shift/zoom
    jpeg_p: float = 0.3  # re-encode as JPEG with quality in [jpeg_min, jpeg_max]
    jpeg_min: int = 30
    jpeg_max: int = 100
    blur_p: float = 0.1  # Gaussian blur, sigma in [0.2, blur_sigma]
    blur_sigma: float = 1.5
    rescale_p: float = 0.1  # down-scale by [rescale_min, 1) then back up
    rescale_min: float = 0.5

    @classmethod
    def none(cls) -> "Augment":
        return cls(flip=False, geometry_p=0.0, jpeg_p=0.0, blur_p=0.0, rescale_p=0.0)

    @classmethod
    def seed(cls) -> "Augment":
        """The seed paper's geometric augmentation, kept for comparison runs."""
        return cls(rotate_deg=20, shift=0.2, zoom=0.2, geometry_p=1.0, jpeg_p=0.0, blur_p=0.0, rescale_p=0.0)


def _tf():
    import tensorflow as tf  # imported lazily: the split/cache helpers need no TensorFlow

    return tf


def augment_image(image, aug: Augment, rng_seed=None):
    """One uint8 HxWx3 tf image -> augmented uint8 image of the same size (graph-safe)."""
    tf = _tf()
    h, w = tf.shape(image)[0], tf.shape(image)[1]
    x = tf.cast(image, tf.float32)
    if aug.flip:
        x = tf.image.random_flip_left_right(x)
    if aug.geometry_p > 0:
        x = tf.cond(tf.random.uniform([]) < aug.geometry_p, lambda: _affine(x, aug), lambda: x)
    if aug.rescale_p > 0:
        x = tf.cond(tf.random.uniform([]) < aug.rescale_p, lambda: _rescale(x, aug.rescale_min), lambda: x)
    if aug.blur_p > 0:
        x = tf.cond(tf.random.uniform([]) < aug.blur_p, lambda: _blur(x, aug.blur_sigma), lambda: x)
    x = tf.cast(tf.clip_by_value(tf.round(x), 0, 255), tf.uint8)
    if aug.jpeg_p > 0:
        def jpeg():
            q = tf.random.uniform([], aug.jpeg_min, aug.jpeg_max + 1, dtype=tf.int32)
            return tf.image.adjust_jpeg_quality(x, q)

        x = tf.cond(tf.random.uniform([]) < aug.jpeg_p, jpeg, lambda: x)
    return tf.reshape(x, [h, w, 3])


def _affine(x, aug: Augment):
    tf = _tf()
    h = tf.cast(tf.shape(x)[0], tf.float32)
    w = tf.cast(tf.shape(x)[1], tf.float32)
    angle = tf.random.uniform([], -aug.rotate_deg, aug.rotate_deg) * math.pi / 180
    zoom = tf.random.uniform([], 1 - aug.zoom, 1 + aug.zoom)
    dx = tf.random.uniform([], -aug.shift, aug.shift) * w
    dy = tf.random.uniform([], -aug.shift, aug.shift) * h
    # Output pixel (x, y) samples input at A @ (x - c) + c + d: rotation about the centre, then zoom.
    c, s = tf.cos(angle) / zoom, tf.sin(angle) / zoom
    cx, cy = (w - 1) / 2, (h - 1) / 2
    a0, a1, a2 = c, -s, cx - c * cx + s * cy + dx
    b0, b1, b2 = s, c, cy - s * cx - c * cy + dy
    transform = tf.stack([a0, a1, a2, b0, b1, b2, 0.0, 0.0])[None]
    out = tf.raw_ops.ImageProjectiveTransformV3(
        images=x[None], transforms=transform, output_shape=tf.shape(x)[:2],
        interpolation="BILINEAR", fill_mode="REFLECT", fill_value=0.0,
    )
    return out[0]


def _rescale(x, min_factor: float):
    tf = _tf()
    size = tf.shape(x)[:2]
    f = tf.random.uniform([], min_factor, 1.0)
    small = tf.cast(tf.round(tf.cast(size, tf.float32) * f), tf.int32)
    down = tf.image.resize(x, small, method="area")
    return tf.image.resize(down, size, method="bilinear")


def _blur(x, max_sigma: float):
    tf = _tf()
    sigma = tf.random.uniform([], 0.2, max_sigma)
    r = tf.range(-4.0, 5.0)
    k = tf.exp(-(r**2) / (2 * sigma**2))
    k = k / tf.reduce_sum(k)
    kx = tf.tile(tf.reshape(k, [1, 9, 1, 1]), [1, 1, 3, 1])
    ky = tf.tile(tf.reshape(k, [9, 1, 1, 1]), [1, 1, 3, 1])
    y = tf.pad(x[None], [[0, 0], [4, 4], [4, 4], [0, 0]], mode="REFLECT")
    y = tf.nn.depthwise_conv2d(y, kx, [1, 1, 1, 1], "VALID")
    y = tf.nn.depthwise_conv2d(y, ky, [1, 1, 1, 1], "VALID")
    return y[0]


# --------------------------------------------------------------------------- pipelines


@dataclass
class Stream:
    """A split's cached images with their labels and sources."""

    images: np.ndarray  # uint8 [N, S, S, 3]
    labels: np.ndarray  # int [N]
    sources: list[str] = field(default_factory=list)


def make_stream(samples: list[Sample], side: int = CACHE_SIDE, cache_dir: Path = CACHE_DIR,
                whole: bool = False) -> Stream:
    return Stream(
        cached_images(samples, side, cache_dir, whole),
        np.array([s.label for s in samples], np.int64),
        [s.source for s in samples],
    )


def balanced_weights(labels: np.ndarray, sources: list[str], source_power: float = 0.5) -> np.ndarray:
    """Sampling weights: classes equal within a source; a source's share grows as size**power.

    power 1 = as the data comes; 0 = every source equally; 0.5 keeps the small sets
    (300 generic images) from being seen 20 times an epoch while still being seen.
    """
    counts = Counter(zip(sources, labels.tolist()))
    per_source = Counter(sources)
    w = np.empty(len(labels), np.float64)
    for i, (src, lab) in enumerate(zip(sources, labels.tolist())):
        n_classes = sum(1 for (s, _l) in counts if s == src)
        w[i] = per_source[src] ** source_power / n_classes / counts[(src, lab)]
    return w / w.sum()


def train_dataset(
    stream: Stream,
    crop: int,
    batch: int,
    steps: int,
    aug: Augment,
    scale: float,
    offset: float,
    seed: int = 0,
    source_power: float = 0.5,
    jitter: int | None = None,
):
    """Endless balanced, augmented random crops: (x float32 [B,crop,crop,3], y float32 [B,1]).

    With `jitter`, crops stay within `jitter` pixels of the centre crop.
    """
    tf = _tf()
    weights = balanced_weights(stream.labels, stream.sources, source_power)
    images, labels = stream.images, stream.labels

    passes = iter(range(1 << 30))

    def indices():
        # A new stream each time Keras re-creates the iterator (each fit call / epoch).
        rng = np.random.default_rng([seed, next(passes)])
        while True:
            yield from rng.choice(len(labels), size=steps * batch, p=weights)

    def fetch(i):
        return np.ascontiguousarray(images[i]), np.float32(labels[i])

    side = images.shape[1]
    ds = tf.data.Dataset.from_generator(indices, output_signature=tf.TensorSpec([], tf.int64))

    def load(i):
        img, y = tf.numpy_function(fetch, [i], (tf.uint8, tf.float32))
        img = tf.reshape(img, [side, side, 3])
        img = augment_image(img, aug)
        if jitter is not None and crop + 2 * jitter < side:
            region = crop + 2 * jitter
            top = (side - region) // 2
            img = img[top : top + region, top : top + region]
        img = tf.image.random_crop(img, [crop, crop, 3])
        x = tf.cast(img, tf.float32) * scale + offset
        return x, tf.reshape(y, [1])

    return ds.map(load, num_parallel_calls=2, deterministic=False).batch(batch).prefetch(4)


def center_crops(stream: Stream, crop: int, scale: float, offset: float) -> tuple[np.ndarray, np.ndarray]:
    """One centre crop per image (fast validation during training): x float32, y float32 [N,1]."""
    side = stream.images.shape[1]
    top = (side - crop) // 2
    x = np.asarray(stream.images[:, top : top + crop, top : top + crop], np.float32) * scale + offset
    return x.astype(np.float32), stream.labels.astype(np.float32)[:, None]
