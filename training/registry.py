"""Every model the app ships, in one place: id, plain and technical name, file, framework, how its
input is made, quantisation, and the command that builds it. export.py (Keras models) and
probes.py (PyTorch-feature probes) both read it; `python -m training all` walks it in order."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ShippedModel:
    id: str
    name: str  # technical name (model card, About)
    plain_name: str  # what the window and the reports call it
    file: str
    framework: str  # "keras" (trained here, tf2onnx) or "pytorch-probe" (frozen backbone + head, torch.onnx)
    preprocess: str  # how the app makes its input (the manifest entry holds the exact values)
    quantization: str | None
    build: tuple[str, ...]  # the commands, in order, from the repository root
    seed_weight: float = 0.5  # the fusion's starting weight (the seed paper's 0.6 / 0.4)


REGISTRY: dict[str, ShippedModel] = {m.id: m for m in (
    ShippedModel("cnn", "Seed CNN (3 conv blocks)", "Small fake-pattern detector (seed CNN)", "cnn.onnx", "keras",
                 "whole image resized to 128x128", None,
                 ("python -m training train --model cnn", "python -m training export --models cnn"), 0.6),
    ShippedModel("gan", "Seed GAN discriminator (semi-supervised)",
                 "Fake-pattern critic trained against a generator (seed GAN)", "gan_discriminator.onnx", "keras",
                 "whole image resized to 128x128, [-1, 1]", None,
                 ("python -m training train --model gan", "python -m training export --models gan"), 0.4),
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
)}

# built by the recipes but not shipped (the model card says why)
NOT_SHIPPED: dict[str, ShippedModel] = {
    "mobilenet_v2": ShippedModel(  # shipped until session 6, when its NPR-residual twin beat it under LOSO
        "mobilenet_v2", "MobileNetV2 ImageNet features, five depths, logistic head (whole picture)",
        "Detector on general photo features (MobileNetV2)",
        "mobilenet_v2.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep")),
    "efficientnet_lite0": ShippedModel(
        "efficientnet_lite0", "EfficientNet-Lite0 ImageNet features, every stage, logistic head (whole picture)",
        "Detector on general photo features (EfficientNet-Lite0)",
        "efficientnet_lite0.onnx", "pytorch-probe", "whole picture, longer side <= 512 px", None,
        ("python -m training features", "python -m training probes sweep")),
    "resnet50": ShippedModel("resnet50", "ResNet-50 (from scratch, int8)", "Large fake-pattern detector (ResNet-50)",
                             "resnet50_int8.onnx", "keras",
                             "96 px crops of the 128 px-short-side image", "static int8 QDQ",
                             ("python -m training train --model resnet50", "python -m training export --models resnet50")),
}


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
