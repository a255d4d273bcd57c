"""The core's English words in the window's language.

The core keeps producing English (CSV and JSON values are a contract, and the CLI speaks
English); the window shows each phrase through Qt's translator. Wording is composed in
deepfake_desk.core.wording only: these helpers pass it `translate`, never rephrase it.
Core messages (errors, reasons, notes) are looked up under the "Messages" context, whole or
part by part (core.i18n.translate_message): a marked one is shown translated, the rest as the
core said it.
"""

from __future__ import annotations

from deepfake_desk.core.detector import FileResult, ModelScore
from deepfake_desk.core.i18n import translate_message
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import VerdictWording, score_line, verdict_wording
from deepfake_desk.gui.i18n import translate


def verdict_label(verdict: str) -> str:
    """The short label of a verdict (tables, filters): "No signs found", "Likely fake"..."""
    try:
        return verdict_wording(verdict, translate=translate).label
    except ValueError:  # not a verdict: shown as it is
        return verdict


def verdict_headline(verdict: str) -> str:
    return verdict_wording(verdict, translate=translate).headline


def shown_wording(result: FileResult) -> VerdictWording:
    """`result.wording` in the window's language."""
    return verdict_wording(result.verdict, result.known_fakes, result.not_assessable_reason or result.error,
                           translate)


def message(text: str) -> str:
    """A core message (an error, a reason, a note) in the window's language when it is a marked one."""
    return translate_message(text, translate)


def model_name(name: str) -> str:
    """A model's plain name in the window's language (the shipped ones are marked in core.wording)."""
    return translate("Wording", name)


def score_text(score: ModelScore) -> str:
    return score_line(score.name, score.probability, score.share, translate)


__all__ = ["Verdict", "message", "model_name", "score_text", "shown_wording", "verdict_headline", "verdict_label"]
