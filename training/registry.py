"""Every model the app ships, and every one measured for it, in one place: id, plain and technical
name, file, framework, how its input is made, quantisation, and the commands that built it (those
the model card lists). The other lists are derived from it: train.py's recipes and export.py's
Keras models (`ids("keras")`), features.py's backbones (`ids("pytorch-probe", shipped=False)`),
the default backbones of `features` and `probes sweep` (`measured_backbones()`), and what
`python -m training all` runs (`build_order()`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShippedModel:
    id: str
    name: str  # technical name (model card, About)
    plain_name: str  # what the window and the reports call it
    file: str
    framework: str  # "keras" (trained here, tf2onnx), "pytorch-probe" (frozen backbone + head, torch.onnx) or
    #                 "pytorch-scratch" (trained here from scratch, torch.onnx: training/resnet50.py)
    preprocess: str  # how the app makes its input (the manifest entry holds the exact values)
    quantization: str | None
    build: tuple[str, ...]  # the commands, in order, from the repository root
    seed_weight: float = 0.5  # the fusion's starting weight (the seed paper's 0.6 / 0.4)
    measured: bool = True  # probes: measured by this round's sweep (False: lost in an earlier round)


REGISTRY: dict[str, ShippedModel] = {m.id: m for m in (
    ShippedModel("cnn", "Seed CNN (3 conv blocks)", "Small fake-pattern detector (seed CNN)", "cnn.onnx", "keras",
                 "whole image resized to 128x128", None,
                 ("python -m training train --model cnn --max-minutes 22",
                  "python -m training train --model cnn --epochs 12 --new-schedule --lr 5e-4 --max-minutes 48",
                  "python -m training export --models cnn"), 0.6),
    ShippedModel("gan", "Seed GAN discriminator (semi-supervised)",
                 "Fake-pattern critic trained against a generator (seed GAN)", "gan_discriminator.onnx", "keras",
                 "whole image resized to 128x128, [-1, 1]", None,
                 ("python -m training train --model gan --max-minutes 12", "python -m training export --models gan"), 0.4),
    ShippedModel(
        "efficientnet_lite2", "EfficientNet-Lite2 ImageNet features, every stage's mean and spread, logistic head (whole picture)",
        "Detector on general photo features (EfficientNet-Lite2)",
        "efficientnet_lite2.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep",
         "python -m training probes experiments", "python -m training probes ship")),
    ShippedModel("mobilenet_v2_npr",
                 "MobileNetV2 ImageNet features of the NPR residual (x - up(down(x))), five depths, logistic head "
                 "(whole picture)",
                 "Detector on up-sampling traces (MobileNetV2 on pixel-neighbour differences)",
                 "mobilenet_v2_npr.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
                 ("python -m training features", "python -m training probes sweep",
                  "python -m training probes experiments", "python -m training probes ship")),
    ShippedModel("resnet50",
                 "ResNet-50 cut after layer2 (SAFE-style, 1.46 M parameters), from scratch on Haar wavelet high-frequency "
                 "bands of native 224 px crops (whole picture at test)",
                 "Fake-pattern detector trained from scratch (ResNet-50, seed paper)",
                 "resnet50.onnx", "pytorch-scratch", "whole picture, longer side <= 512 px", None,
                 ("python -m training resnet50 --run all --steps 1200",
                  "python -m training resnet50 --run all --evaluate --conditions clean --clean-splits val test",
                  "python -m training resnet50 --run all --ship"), 0.0),
)}

# built by the recipes but not shipped (the model card says why)
NOT_SHIPPED: dict[str, ShippedModel] = {
    "mobilenet_v2": ShippedModel(  # shipped until session 6, when its NPR-residual twin beat it under LOSO
        "mobilenet_v2", "MobileNetV2 ImageNet features, five depths, logistic head (whole picture)",
        "Detector on general photo features (MobileNetV2)",
        "mobilenet_v2.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep")),
    # EfficientNet-Lite0 (session 3) lost to Lite2 in session 4; Lite1 and MobileNetV2 with spreads
    # lost in session 5 (their figures: the model card, and training/reports/loso_probes.json at
    # commit 782bea6). Their feature caches and the probes' experiments still read them.
    "efficientnet_lite0": ShippedModel(
        "efficientnet_lite0", "EfficientNet-Lite0 ImageNet features, every stage, logistic head (whole picture)",
        "Detector on general photo features (EfficientNet-Lite0)",
        "efficientnet_lite0.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep"), measured=False),
    "efficientnet_lite1": ShippedModel(
        "efficientnet_lite1", "EfficientNet-Lite1 ImageNet features, every stage's mean and spread, logistic head",
        "Detector on general photo features (EfficientNet-Lite1)",
        "efficientnet_lite1.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep"), measured=False),
    "mobilenet_v2_spread": ShippedModel(
        "mobilenet_v2_spread", "MobileNetV2 ImageNet features, five depths' means and four spreads, logistic head",
        "Detector on general photo features (MobileNetV2)",
        "mobilenet_v2_spread.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep"), measured=False),
}


def ids(framework: str | None = None, shipped: bool = True) -> tuple[str, ...]:
    """The ids of the shipped models (with `shipped=False`, of the measured ones too), of one framework."""
    models = [*REGISTRY.values(), *(() if shipped else NOT_SHIPPED.values())]
    return tuple(m.id for m in models if framework in (None, m.framework))


def measured_backbones() -> tuple[str, ...]:
    """The backbones this round's sweep measures: the defaults of `features` and `probes sweep`."""
    return tuple(sorted(m for m in ids("pytorch-probe", shipped=False) if known(m).measured))


def known(model_id: str) -> ShippedModel:
    return REGISTRY.get(model_id) or NOT_SHIPPED[model_id]


def build_order() -> list[str]:
    """Each distinct command once, in registry order: what `python -m training all` runs."""
    seen: list[str] = []
    for m in REGISTRY.values():
        for c in m.build:
            if c not in seen:
                seen.append(c)
    return seen
