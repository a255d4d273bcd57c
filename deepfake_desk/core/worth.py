"""What the verdicts are worth, in plain sentences, from the figures the manifest carries.

One function for Help > About, the reports, the model card (training/card.py) and
`deepfake-detector --version`: the leave-one-source-out figures of the combined verdict
(`fusion.loso`, written by `python -m training probes ship`) lead; figures measured on
held-out test files of the training sources (`fusion.metrics`) follow, labelled as such;
figures on the split the bands were fitted on are never shown.
"""

from __future__ import annotations

from typing import Any

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, Translate, english
from deepfake_desk.core.manifest import Manifest
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import percent, verdict_wording

UNSEEN = QT_TRANSLATE_NOOP("Dialogs", "pictures from sources left out of training")
# fusion.loso's conditions, in words (those not listed here are not shown)
LOSO_CONDITIONS = {
    "clean": UNSEEN,
    "social": QT_TRANSLATE_NOOP("Dialogs", "the same pictures re-encoded like social media (at most 512 px, JPEG 90)"),
}


def _label(verdict: Verdict, translate: Translate) -> str:
    return verdict_wording(verdict, translate=translate).label


def _where_measured(path: tuple[str, ...]) -> str | None:
    """Which data a bands block in the fusion metrics was measured on, in words (None: not shown)."""
    words = " ".join(path).lower()
    if any(k in words for k in ("loso", "leave_one", "left_out", "unseen")):
        return UNSEEN
    if "validation" in words:
        return None  # the bands were fitted there: flattering, not shown to users
    if "test" in words:
        return QT_TRANSLATE_NOOP("Dialogs", "held-out test files (from the same sources as the training data)")
    return None


def _bands_blocks(value: Any, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], dict]]:
    """Every dict that measures the verdict bands (uncertain share, decided accuracy)."""
    if not isinstance(value, dict):
        return []
    found = [(path, value)] if "uncertain_share" in value and "decided_accuracy" in value else []
    for key, inner in value.items():
        found.extend(_bands_blocks(inner, (*path, str(key))))
    return found


def _number(value: Any) -> float | None:
    """A measure's value: a number, or the mean of a {"mean", "worst"} pair."""
    if isinstance(value, dict):
        value = value.get("mean")
    return float(value) if isinstance(value, (int, float)) else None


def _worst(value: Any) -> float | None:
    return float(value["worst"]) if isinstance(value, dict) and isinstance(value.get("worst"), (int, float)) else None


def _bands_fact(where: str, block: dict, translate: Translate) -> str | None:
    uncertain, right = _number(block.get("uncertain_share")), _number(block.get("decided_accuracy"))
    if uncertain is None or right is None:
        return None
    return translate("Dialogs", "On {where}, it said “{uncertain}” for {share} of them; when it did decide, "
                     "it was right {right} of the time.").format(
        where=translate("Dialogs", where), uncertain=_label(Verdict.UNCERTAIN, translate),
        share=percent(uncertain, translate), right=percent(right, translate))


def verdict_worth(manifest: Manifest, translate: Translate = english) -> list[str]:
    """What the verdicts are worth, one sentence each (in the reader's language with `translate`)."""
    bands = manifest.bands
    facts = [translate("Dialogs", "It says “{fake}” from {t_fake} chance of fake and “{real}” below {t_real}; in "
                       "between it says “{uncertain}”.").format(
        fake=_label(Verdict.FAKE, translate), t_fake=percent(bands.t_fake, translate),
        real=_label(Verdict.REAL, translate), t_real=percent(bands.t_real, translate),
        uncertain=_label(Verdict.UNCERTAIN, translate))]
    loso = manifest.fusion.loso or {}
    clean = loso.get("clean") or {}
    if _number(clean.get("auc")) is not None:
        facts.append(translate("Dialogs", "On pictures from sources left out of training, the combined score ranks a "
                               "fake above a real picture {auc} of the time on average (worst source: {worst}; 50% "
                               "is a coin toss).").format(
            auc=percent(_number(clean["auc"]), translate), worst=percent(_worst(clean["auc"]), translate)))
    for condition, where in LOSO_CONDITIONS.items():
        fact = _bands_fact(where, loso.get(condition) or {}, translate)
        if fact:
            facts.append(fact)
    worst_right = _worst(clean.get("decided_accuracy"))
    if worst_right is not None:
        facts.append(translate("Dialogs", "Those figures are averages over the sources left out in turn; on the "
                               "hardest one, its decided verdicts were right {right} of the time.").format(
            right=percent(worst_right, translate)))
    for path, block in _bands_blocks(manifest.fusion.metrics):
        where = _where_measured(path)
        fact = _bands_fact(where, block, translate) if where else None
        if fact:
            facts.append(fact)
    if not measured_unseen(manifest):
        facts.append(translate("Dialogs", "How often it is right on pictures from sources left out of training has "
                               "not been measured for these models: expect it to be wrong more often on generators "
                               "it never saw."))
    return facts


def measured_unseen(manifest: Manifest) -> bool:
    """Whether the manifest carries verdict figures on sources left out of training."""
    loso = manifest.fusion.loso or {}
    return (any(_bands_fact(UNSEEN, loso.get(c) or {}, english) for c in LOSO_CONDITIONS)
            or any(_where_measured(path) == UNSEEN and _bands_fact(UNSEEN, block, english)
                   for path, block in _bands_blocks(manifest.fusion.metrics)))
