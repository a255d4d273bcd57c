"""What the app says, in plain words: verdict headlines and explanations, model names, percentages.

One place for the words, as data: the window, the reports and the CLI read them
from here, so "real" is never claimed in one screen and hedged in another.
A detector finds signs of generation; it cannot prove a photo real (DESIGN.md
section 7), so the low band says "No signs of AI generation found" and names the
kinds of fakes the models were trained to find.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from deepfake_desk.core.verdict import Verdict

# The kinds of fakes in each training source, said the way a journalist would say them.
# Matched on the source's name ("faces/stylegan2_tpdne" contains "stylegan"), first match wins.
_FAKE_KINDS = (
    ("dfdc", "face swaps in videos"),
    ("openforensics", "face manipulations"),
    ("stylegan", "GAN-generated faces (StyleGAN)"),
    ("sd15", "diffusion-generated images (Stable Diffusion)"),
    ("stable_diffusion", "diffusion-generated images (Stable Diffusion)"),
    ("modern_t2i", "recent text-to-image generators (FLUX, SDXL, Midjourney and others)"),
    ("flux", "diffusion-generated images (FLUX)"),
)

# Plain names for the shipped models until their manifest entries carry a `plain_name`
# (models/MANIFEST_SCHEMA.md); a new model without one is shown by its manifest `name`.
DEFAULT_PLAIN_NAMES = {
    "cnn": "Small fake-pattern detector (seed CNN)",
    "gan": "Fake-pattern critic trained against a generator (seed GAN)",
    "resnet50": "Large fake-pattern detector (ResNet-50)",
    "mobilenet_v2": "Detector on general photo features (MobileNetV2)",
    "efficientnet_lite0": "Detector on general photo features (EfficientNet-Lite0)",
}


def percent(p: float | None) -> str:
    """0.113 -> '11%'; the one way a probability is shown to people (never 0.11)."""
    if p is None:
        return "–"
    value = 100.0 * p
    if 0 < value < 0.5:
        return "<1%"
    if 99.5 <= value < 100:
        return ">99%"
    return f"{value:.0f}%"


def chance_of_fake(p: float | None) -> str:
    """'11% chance of fake': how a score is labelled wherever it appears."""
    return f"{percent(p)} chance of fake"


def taught_name(name: str) -> str:
    """The plain name of a detector the user taught (core/learn.py)."""
    return f"Your detector '{name}'"


def taught_line(name: str, p: float | None) -> str:
    """How a detector the user taught is said ("Your detector 'x': 92% chance of this kind of fake"):
    it knows one kind of fake, so its score is that kind's chance, not 'fake' in general."""
    return f"{taught_name(name)}: {percent(p)} chance of this kind of fake"


def join_words(items: Iterable[str]) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def kinds_of_fakes(sources: Iterable[str]) -> list[str]:
    """The kinds of fakes in these training sources, each once, in the order first met."""
    kinds: list[str] = []
    for source in sources:
        name = source.lower()
        kind = next((k for key, k in _FAKE_KINDS if key in name), f"fakes like those of {source}")
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def share_text(share: float) -> str:
    """'counts for 72% of the combined score'."""
    return f"counts for {percent(share)} of the combined score"


@dataclass(frozen=True)
class VerdictWording:
    """How one verdict is said: a short label (tables, filters), a headline and an explanation."""

    label: str
    headline: str
    explanation: str


def verdict_wording(verdict: Verdict | str, known_fakes: Iterable[str] = (), reason: str = "") -> VerdictWording:
    """The words for `verdict`. `known_fakes`: kinds of fakes the models were trained on
    (`kinds_of_fakes` of the manifest's sources); `reason`: why a file is not assessable or failed."""
    verdict = Verdict.from_value(verdict)
    kinds = join_words(known_fakes) or "the fakes in their training data"
    if verdict is Verdict.REAL:
        return VerdictWording(
            "No signs found", "No signs of AI generation found",
            f"The models found no signs of the fakes they were trained to find: {kinds}. "
            "This is not proof that the file is authentic: other kinds of fakes, and generators "
            "the models never saw, can pass unnoticed.")
    if verdict is Verdict.FAKE:
        return VerdictWording(
            "Likely fake", "Likely fake",
            f"The models found strong signs of AI generation or manipulation (they were trained on {kinds}). "
            "Verify before you use it: a score is evidence, not proof.")
    if verdict is Verdict.UNCERTAIN:
        return VerdictWording(
            "Uncertain", "Uncertain",
            "The signs are weak, or the models disagree. Do not rely on this result either way; "
            "use other checks.")
    if verdict is Verdict.LABELLED_AI:
        return VerdictWording(
            "Labelled as AI-generated", "Labelled as AI-generated",
            "The file carries a trustworthy label saying it was made by generative AI "
            "(content credentials or IPTC metadata). The models' scores are shown for reference.")
    if verdict is Verdict.NOT_ASSESSABLE:
        why = f"{reason[0].upper()}{reason[1:]}. " if reason else ""
        return VerdictWording(
            "Not assessable", "Not assessable by these models",
            f"{why}The models were trained on photographs and on {kinds}; on other pictures their "
            "scores mean nothing, so no verdict is given. Their scores are shown for reference only.")
    return VerdictWording(
        "Not analysed", "Not analysed",
        f"This file could not be analysed: {reason}." if reason else "This file could not be analysed.")
