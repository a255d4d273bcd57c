"""What these models can and cannot tell, in plain words, read from the model card at run time.

What the verdicts are worth comes from the manifest's own figures (core/worth.py, as in
About and `--version`); the weak spots from MODEL_CARD.md beside the manifest ("Known weak
spots"), and its "In plain words" only for a manifest without figures on unseen sources.
So a report never states a figure the shipped models were not measured at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, Translate, english
from deepfake_desk.core.manifest import Manifest
from deepfake_desk.core.worth import measured_unseen, verdict_worth

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
    # the manifest whose figures say what the verdicts are worth (core/worth.py: worded in the report's language)
    manifest: Manifest | None = field(default=None, repr=False, compare=False)

    def worth(self, translate: Translate = english) -> list[str]:
        """What the verdicts are worth (core/worth.py), in the reader's language."""
        return verdict_worth(self.manifest, translate) if self.manifest is not None else []


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


def model_limits(manifest: Manifest, card_path: str | Path | None = None) -> ModelLimits:
    """The can / cannot sentences for the models of `manifest` (card: MODEL_CARD.md beside it).

    "Can": what the verdicts are worth (core/worth.py, from the manifest's figures), and the card's "In
    plain words" only when the manifest carries no figures on unseen sources. "Cannot": the card's
    "Known weak spots".
    """
    path = Path(card_path) if card_path else manifest.path.parent / CARD_NAME
    try:
        card = path.read_text(encoding="utf-8")
        source = path.name
    except OSError:
        card, source = "", QT_TRANSLATE_NOOP("Messages", "the manifest (no model card was found beside it)")
    limits = ModelLimits(can=[] if measured_unseen(manifest) else card_bullets(card, PLAIN_WORDS),
                         cannot=card_bullets(card, WEAK_SPOTS), source=source, manifest=manifest)
    limits.can.append(QT_TRANSLATE_NOOP("Messages", "A score is evidence that a picture resembles the fakes the "
                                        "models were trained on; it is not proof, and no score can prove that a "
                                        "picture is real."))
    if not limits.cannot:
        limits.cannot = [QT_TRANSLATE_NOOP("Messages", "The model card lists no weak spots here: treat every score "
                                           "with care, above all on pictures unlike the training data and on "
                                           "generators the models never saw.")]
    return limits
