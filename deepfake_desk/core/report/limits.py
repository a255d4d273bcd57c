"""What these models can and cannot tell, in plain words, read from the model card at run time.

Both come from MODEL_CARD.md beside the manifest: its "In plain words" (what the
models achieved on sources they never saw) and its "Known weak spots"; a card without
the first falls back on what the manifest says the fusion measured on held-out test
data. So a report never states a figure the shipped models were not measured at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP
from deepfake_desk.core.manifest import Manifest

CARD_NAME = "MODEL_CARD.md"
PLAIN_WORDS, WEAK_SPOTS = "In plain words", "Known weak spots"  # the card's sections read here
_BULLET = re.compile(r"^- (.*?)(?=^- |\Z)", re.M | re.S)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MAX_BULLET_CHARS = 240  # a long bullet is cut after the sentence that reaches this


@dataclass
class ModelLimits:
    """Plain sentences: what the scores are good for, and where they mean little."""

    can: list[str] = field(default_factory=list)
    cannot: list[str] = field(default_factory=list)
    source: str = ""  # where the sentences were read


def _plain(markdown: str) -> str:
    text = " ".join(markdown.split())
    text = re.sub(r"`([^`]*)`", r"\1", text)
    return re.sub(r"\*{1,2}([^*]+)\*{1,2}", r"\1", text)


def _short(text: str) -> str:
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        kept = f"{kept} {sentence}".strip()
        if len(kept) >= MAX_BULLET_CHARS:
            break
    return kept


def card_bullets(card_text: str, heading: str) -> list[str]:
    """The bullets of the card's "## heading" section, as plain text (markdown removed, long ones cut)."""
    section = re.search(rf"^## {re.escape(heading)}\s*$(.*?)(?=^## |\Z)", card_text, re.M | re.S)
    if not section:
        return []
    return [_short(_plain(bullet)) for bullet in _BULLET.findall(section.group(1)) if bullet.strip()]


def _pct(value: object) -> str | None:
    return f"{100 * value:.0f}%" if isinstance(value, (int, float)) else None


def measured_sentences(manifest: Manifest) -> list[str]:
    """What the fused score achieved on held-out test data, from the manifest's fusion metrics."""
    metrics = manifest.fusion.metrics or {}
    clean = (metrics.get("test_clean") or {}).get("all") or {}
    bands = metrics.get("bands_on_test") or {}
    sources = [s for s in (metrics.get("test_clean") or {}) if s != "all"]
    lines = []
    auc, n = _pct(clean.get("roc_auc")), clean.get("n")
    if auc and n:
        lines.append(f"On {n:,} held-out test images from the sources they were trained on"
                     + (f" ({', '.join(sources)})" if sources else "")
                     + f", the combined score ranks a fake above a real image {auc} of the time (ROC AUC).")
    uncertain, right = _pct(bands.get("uncertain_share")), _pct(bands.get("decided_accuracy"))
    if uncertain and right:
        lines.append(f"On those images {uncertain} got the verdict Uncertain; the real or fake verdicts "
                     f"it did give were right {right} of the time.")
    jpeg = _pct((metrics.get("test_jpeg70") or {}).get("roc_auc"))
    if jpeg:
        lines.append(f"Re-saved as JPEG at quality 70 (as social media do), the same images were ranked "
                     f"correctly {jpeg} of the time.")
    return lines


def model_limits(manifest: Manifest, card_path: str | Path | None = None) -> ModelLimits:
    """The can / cannot sentences for the models of `manifest` (card: MODEL_CARD.md beside it).

    "Can": the card's "In plain words" (its leave-one-source-out figures) when it has them,
    else what the manifest says the fusion measured. "Cannot": the card's "Known weak spots".
    """
    path = Path(card_path) if card_path else manifest.path.parent / CARD_NAME
    try:
        card = path.read_text(encoding="utf-8")
        source = path.name
    except OSError:
        card, source = "", QT_TRANSLATE_NOOP("Messages", "the manifest (no model card was found beside it)")
    limits = ModelLimits(can=card_bullets(card, PLAIN_WORDS) or measured_sentences(manifest),
                         cannot=card_bullets(card, WEAK_SPOTS), source=source)
    limits.can.append(QT_TRANSLATE_NOOP("Messages", "A score is evidence that a picture resembles the fakes the "
                                        "models were trained on; it is not proof, and no score can prove that a "
                                        "picture is real."))
    if not limits.cannot:
        limits.cannot = [QT_TRANSLATE_NOOP("Messages", "The model card lists no weak spots here: treat every score "
                                           "with care, above all on pictures unlike the training data and on "
                                           "generators the models never saw.")]
    return limits
