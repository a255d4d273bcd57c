"""What the app says, in plain words: verdict headlines and explanations, model names, percentages.

One place for the words, as data: the window, the reports and the CLI read them
from here, so "real" is never claimed in one screen and hedged in another.
A detector finds signs of generation; it cannot prove a photo real (DESIGN.md
section 7), so the low band says "No signs of AI generation found" and names the
kinds of fakes the models were trained to find.

Every phrase is looked up with `translate` (deepfake_desk.core.i18n) before its values
are filled in: English by default (CLI, exports), the window's language when the window
passes Qt's translator.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from typing import TYPE_CHECKING

from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, Translate, english, translate_message
from deepfake_desk.core.verdict import Verdict

if TYPE_CHECKING:  # the evidence package imports this module's words
    from deepfake_desk.core.evidence.watermark import WatermarkFinding

CONTEXT = "Wording"  # the .ts context of every phrase in this module (lupdate needs it spelled out in each call)

# The kinds of fakes in each training source, said the way a journalist would say them.
# Matched on the source's name ("faces/stylegan2_tpdne" contains "stylegan"), first match wins.
_FAKE_KINDS = (
    ("dfdc", QT_TRANSLATE_NOOP("Wording", "face swaps in videos")),
    ("openforensics", QT_TRANSLATE_NOOP("Wording", "face manipulations")),
    ("stylegan", QT_TRANSLATE_NOOP("Wording", "GAN-generated faces (StyleGAN)")),
    ("sd15", QT_TRANSLATE_NOOP("Wording", "diffusion-generated images (Stable Diffusion)")),
    ("stable_diffusion", QT_TRANSLATE_NOOP("Wording", "diffusion-generated images (Stable Diffusion)")),
    ("modern_t2i", QT_TRANSLATE_NOOP("Wording", "recent text-to-image generators (FLUX, SDXL, Midjourney and others)")),
    ("flux", QT_TRANSLATE_NOOP("Wording", "diffusion-generated images (FLUX)")),
)

# The known kinds of fake the kind heads name (core/kinds.py, training/kinds.py), by id.
KIND_NAMES = {
    "face_swap": QT_TRANSLATE_NOOP("Wording", "face swaps and face manipulations"),
    "gan_face": QT_TRANSLATE_NOOP("Wording", "GAN-generated faces"),
    "diffusion": QT_TRANSLATE_NOOP("Wording", "diffusion text-to-image pictures"),
}

# Plain names for the shipped models until their manifest entries carry a `plain_name`
# (models/MANIFEST_SCHEMA.md); a new model without one is shown by its manifest `name`.
DEFAULT_PLAIN_NAMES = {
    "cnn": QT_TRANSLATE_NOOP("Wording", "Small fake-pattern detector (seed CNN)"),
    "gan": QT_TRANSLATE_NOOP("Wording", "Fake-pattern critic trained against a generator (seed GAN)"),
    "resnet50": QT_TRANSLATE_NOOP("Wording", "Fake-pattern detector trained from scratch (ResNet-50, seed paper)"),
    "mobilenet_v2": QT_TRANSLATE_NOOP("Wording", "Detector on general photo features (MobileNetV2)"),
    "mobilenet_v2_npr": QT_TRANSLATE_NOOP("Wording",
                                          "Detector on up-sampling traces (MobileNetV2 on pixel-neighbour differences)"),
    "efficientnet_lite0": QT_TRANSLATE_NOOP("Wording", "Detector on general photo features (EfficientNet-Lite0)"),
    "efficientnet_lite2": QT_TRANSLATE_NOOP("Wording", "Detector on general photo features (EfficientNet-Lite2)"),
}


def percent(p: float | None, translate: Translate = english) -> str:
    """0.113 -> '11%'; the one way a probability is shown to people (never 0.11)."""
    if p is None:
        return "–"
    value = 100.0 * p
    if 0 < value < 0.5:
        return translate("Wording", "<1%")
    if 99.5 <= value < 100:
        return translate("Wording", ">99%")
    return translate("Wording", "{value}%").format(value=f"{value:.0f}")


def chance_of_fake(p: float | None, translate: Translate = english) -> str:
    """'11% chance of fake': how a score is labelled wherever it appears."""
    return translate("Wording", "{percent} chance of fake").format(percent=percent(p, translate))


def taught_name(name: str, translate: Translate = english) -> str:
    """The plain name of a detector the user taught (core/learn.py)."""
    return translate("Wording", "Your detector '{name}'").format(name=name)


def taught_line(name: str, p: float | None, translate: Translate = english) -> str:
    """How a detector the user taught is said ("Your detector 'x': 92% chance of this kind of fake"):
    it knows one kind of fake, so its score is that kind's chance, not 'fake' in general."""
    return translate("Wording", "{name}: {percent} chance of this kind of fake").format(
        name=taught_name(name, translate), percent=percent(p, translate))


def join_words(items: Iterable[str], translate: Translate = english) -> str:
    """['a', 'b', 'c'] -> 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return translate("Wording", "{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


def kinds_of_fakes(sources: Iterable[str]) -> list[str]:
    """The kinds of fakes in these training sources, each once, in the order first met (English:
    `verdict_wording` translates them)."""
    kinds: list[str] = []
    for source in sources:
        name = source.lower()
        kind = next((k for key, k in _FAKE_KINDS if key in name), f"fakes like those of {source}")
        if kind not in kinds:
            kinds.append(kind)
    return kinds


def share_text(share: float, translate: Translate = english) -> str:
    """'counts for 72% of the combined score'."""
    return translate("Wording", "counts for {percent} of the combined score").format(percent=percent(share, translate))


def score_line(name: str, p: float | None, share: float, translate: Translate = english) -> str:
    """'Small fake-pattern detector (seed CNN): 36% chance of fake (counts for 11% of the combined score)'."""
    return translate("Wording", "{name}: {chance} ({share})").format(
        name=translate(CONTEXT, name), chance=chance_of_fake(p, translate), share=share_text(share, translate))


@dataclass(frozen=True)
class VerdictWording:
    """How one verdict is said: a short label (tables, filters), a headline and an explanation."""

    label: str
    headline: str
    explanation: str


# verdict -> (label, headline, explanation); {kinds}: the kinds of fakes the models know, {why}: the reason.
_VERDICT_WORDS = {
    Verdict.REAL: (
        QT_TRANSLATE_NOOP("Wording", "No signs found"), QT_TRANSLATE_NOOP("Wording", "No signs of AI generation found"),
        QT_TRANSLATE_NOOP("Wording", "The models found no signs of the fakes they were trained to find: {kinds}. "
                          "This is not proof that the file is authentic: other kinds of fakes, and generators "
                          "the models never saw, can pass unnoticed.")),
    Verdict.FAKE: (
        QT_TRANSLATE_NOOP("Wording", "Likely fake"), QT_TRANSLATE_NOOP("Wording", "Likely fake"),
        QT_TRANSLATE_NOOP("Wording", "The models found strong signs of AI generation or manipulation (they were "
                          "trained on {kinds}). Verify before you use it: a score is evidence, not proof.")),
    Verdict.UNCERTAIN: (
        QT_TRANSLATE_NOOP("Wording", "Uncertain"), QT_TRANSLATE_NOOP("Wording", "Uncertain"),
        QT_TRANSLATE_NOOP("Wording", "The signs are weak, or the models disagree. Do not rely on this result "
                          "either way; use other checks.")),
    Verdict.LABELLED_AI: (
        QT_TRANSLATE_NOOP("Wording", "Labelled as AI-generated"), QT_TRANSLATE_NOOP("Wording", "Labelled as AI-generated"),
        QT_TRANSLATE_NOOP("Wording", "The file says it was made by generative AI, or its pixels carry a known "
                          "generator's invisible watermark. Only content credentials (C2PA) that validate are "
                          "verified; an IPTC or XMP label is a line in the file's metadata that anyone can add or "
                          "remove. The models' scores are shown for reference.")),
    Verdict.NOT_ASSESSABLE: (
        QT_TRANSLATE_NOOP("Wording", "Not assessable"), QT_TRANSLATE_NOOP("Wording", "Not assessable by these models"),
        QT_TRANSLATE_NOOP("Wording", "{why}The models were trained on photographs and on {kinds}; on other pictures "
                          "their scores mean nothing, so no verdict is given. Their scores are shown for reference "
                          "only.")),
    Verdict.NOT_ANALYSED: (
        QT_TRANSLATE_NOOP("Wording", "Not analysed"), QT_TRANSLATE_NOOP("Wording", "Not analysed"),
        QT_TRANSLATE_NOOP("Wording", "This file could not be analysed: {reason}.")),
}


def verdict_wording(verdict: Verdict | str, known_fakes: Iterable[str] = (), reason: str = "",
                    translate: Translate = english) -> VerdictWording:
    """The words for `verdict`. `known_fakes`: kinds of fakes the models were trained on
    (`kinds_of_fakes` of the manifest's sources); `reason`: why a file is not assessable or failed
    (a core message: looked up under the "Messages" context)."""
    verdict = Verdict.from_value(verdict)
    kinds = join_words((translate(CONTEXT, k) for k in known_fakes), translate) or translate(
        "Wording", "the fakes in their training data")
    reason = translate_message(reason, translate)
    label, headline, explanation = (translate(CONTEXT, text) for text in _VERDICT_WORDS[verdict])
    if verdict is Verdict.NOT_ANALYSED and not reason:
        explanation = translate("Wording", "This file could not be analysed.")
    why = f"{reason[0].upper()}{reason[1:]}. " if reason else ""
    return VerdictWording(label, headline, explanation.format(kinds=kinds, why=why, reason=reason))


# --- The decision's reasons (core/decision.py), issue 32 ----------------------------------------
# Reasons are codes with values; these are their only words.


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def reason_text(reason, model_names: dict[str, str] | None = None, translate: Translate = english) -> str:
    """One reason of a decision (core.decision.Reason) as a sentence without its final full stop."""
    names = model_names or {}
    v = reason.values
    if reason.code == "dissent":
        models = [translate("Wording", "{name} says {chance}").format(
            name=translate(CONTEXT, names.get(m, m)), chance=chance_of_fake(p, translate)) for m, p in v["models"].items()]
        return translate("Wording", "Uncertain although the combined score ({chance}) says {headline}: {models} "
                         "(the models disagree strongly)").format(
            chance=chance_of_fake(v["fused"], translate),
            headline=_lower_first(verdict_wording(v["verdict"], translate=translate).headline),
            models=", ".join(models))
    if reason.code == "unfamiliar":
        return translate("Wording", "Uncertain: the picture is unlike the photos the models were trained on, so "
                         "their scores may mean little")
    if reason.code.startswith("taught_"):
        line = taught_line(v["name"], v["probability"], translate)
        if reason.code == "taught_fake":
            return translate("Wording", "{line}; it makes the verdict fake (it says fake from {percent})").format(
                line=line, percent=percent(v["fake_at"], translate))
        if reason.code == "taught_uncertain":
            return translate("Wording", "{line}; it makes the verdict uncertain (from {percent} it does not let a "
                             "file pass as real)").format(line=line, percent=percent(v["uncertain_at"], translate))
        if reason.code == "taught_unfamiliar" and v.get("face_gap"):
            return translate("Wording", "{line}; but its fakes showed faces and its real photos mostly did not, so "
                             "on a picture with a face, or one unlike those real photos, it cannot make the verdict "
                             "fake on its own").format(line=line)
        if reason.code == "taught_unfamiliar":
            return translate("Wording", "{line}; but the picture is unlike the real photos it was taught with, so "
                             "it cannot make the verdict fake on its own").format(line=line)
        return line
    if reason.code == "faces":
        return translate("Wording", "Faces found: {count}; the verdict comes from the most suspicious face (the "
                         "whole picture: {chance})").format(count=v["count"], chance=chance_of_fake(v["whole"], translate))
    if reason.code == "faces_in_frames":
        return translate("Wording", "faces found in {frames} of {of} frames: those frames are judged by their most "
                         "suspicious face").format(frames=v["frames"], of=v["of"])
    if reason.code == "resembles":
        kind = translate(CONTEXT, KIND_NAMES.get(v.get("kind", ""), v.get("kind", "")))
        if v.get("right") is None:
            return translate("Wording", "Of the {count} kinds of fake in the models' training data, it looks most "
                             "like {kind}").format(count=len(KIND_NAMES), kind=kind)
        return translate("Wording", "Of the {count} kinds of fake in the models' training data, it looks most like "
                         "{kind} (named right for {percent} of such fakes from a source left out of training)").format(
            count=len(KIND_NAMES), kind=kind, percent=percent(v["right"], translate))
    if reason.code == "not_assessable":
        return translate_message(v.get("why", ""), translate)
    if reason.code in ("label_c2pa", "label_metadata"):
        return provenance_words(v.get("provenance") or "", translate).rstrip(".")
    return reason.code  # a code this version does not know: said as it is


def decided_by_text(verdict: Verdict | str, decided_by: str, reasons=(), translate: Translate = english) -> str:
    """Who made a fake verdict, when it was a taught detector ('' otherwise): "Your detector 'X', taught
    from N examples, says this looks like that kind of fake" (name and N from its `taught_fake` reason)."""
    if Verdict.from_value(verdict) != Verdict.FAKE or not decided_by.startswith("taught:"):
        return ""
    taught_id = decided_by.removeprefix("taught:")
    values = next((r.values for r in reasons if r.code == "taught_fake" and r.values.get("id") == taught_id), {})
    return translate("Wording", "Your detector '{name}', taught from {count} examples, says this looks like that "
                     "kind of fake").format(name=values.get("name", taught_id), count=values.get("examples", 0))


def decided_by_label(decided_by: str, reasons=(), translate: Translate = english) -> str:
    """Who made the verdict, in a few words ('' when no one did: not analysed, not assessable)."""
    if decided_by == "models":
        return translate("Wording", "the models' combined score")
    if decided_by == "label":
        return translate("Wording", "an AI label in the file")
    if decided_by.startswith("taught:"):
        taught_id = decided_by.removeprefix("taught:")
        values = next((r.values for r in reasons if r.code.startswith("taught_") and r.values.get("id") == taught_id),
                      {})
        return taught_name(values.get("name", taught_id), translate)
    return ""


# the reasons said beside the verdict (a label and a not-assessable picture have their own lines)
SHOWN_REASONS = ("dissent", "unfamiliar", "taught_fake", "taught_uncertain", "taught_unfamiliar", "taught_score",
                 "faces", "faces_in_frames", "resembles")


def decision_lines(verdict: Verdict | str, decided_by: str, reasons, model_names: dict[str, str] | None = None,
                   translate: Translate = english) -> list[str]:
    """The sentences that explain a decision (without final full stops): who decided, then each reason."""
    lines = [decided_by_text(verdict, decided_by, reasons, translate)]
    lines += [reason_text(r, model_names, translate) for r in reasons if r.code in SHOWN_REASONS]
    return [line for line in lines if line]


# --- journalist (issue 30): where a label comes from, in words ----------------------------------
_AI_SOURCE_TYPES = ("trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia")


def provenance_words(provenance: str, translate: Translate = english) -> str:
    """FileResult.provenance ("c2pa-valid: Firefly (trainedAlgorithmicMedia)", "iptc: trainedAlgorithmicMedia",
    "c2pa-invalid: ...", joined by "; ") as sentences: only validated content credentials are "verified";
    an IPTC/XMP label is what the file says, which anyone can add or remove. The raw code stays in brackets."""
    sentences = []
    for part in (p.strip() for p in provenance.split("; ") if p.strip()):
        kind, _, value = part.partition(": ")
        if kind == "c2pa-valid":
            sentences.append(translate("Wording", "Verified content credentials (C2PA) say it was made by {who}.")
                             .format(who=value))
        elif kind == "c2pa-invalid":
            sentences.append(translate("Wording", "The file has content credentials (C2PA) that do not validate "
                                       "({problem}): do not rely on them.").format(problem=value))
        elif kind == "iptc" and value in _AI_SOURCE_TYPES:
            sentences.append(translate("Wording", "The file says it was made by AI (IPTC label “{code}”): a label "
                                       "anyone can add or remove.").format(code=value))
        elif kind == "watermark":
            sentences.append(translate("Wording", "The pixels carry the invisible watermark of {who}.").format(who=value))
        elif kind == "iptc":
            sentences.append(translate("Wording", "The file's IPTC label says its source is “{code}”: a label "
                                       "anyone can add or remove.").format(code=value))
        else:
            sentences.append(part)
    return " ".join(sentences)


# --- Teaching from scanned files, weak detectors, familiarity, sharing (issue 33, branch teach) ---
REAL_PHOTOS_ADVICE = QT_TRANSLATE_NOOP(
    "Wording", "Give it real photos of the same subjects and sources as the files you will check (e.g. from your "
    "own archive of the same kind of pictures): it learns what separates your fakes from those photos, and it "
    "will not call fake a file unlike them.")
WEAK_CHECK = QT_TRANSLATE_NOOP("Wording", "its own check says it barely tells this kind of fake from your real photos")
FEW_EXAMPLES = QT_TRANSLATE_NOOP("Wording", "it learned from fewer than {count} examples of a class")


# --- Evidence that needs no detector (issue 31): generators' invisible watermarks, copies within a scan ---

def watermark_sentence(finding: WatermarkFinding, translate: Translate = english) -> str:
    """What a generator's invisible watermark found in the pixels means."""
    return translate("Wording", "The picture's pixels carry the invisible watermark that {generator} embeds in "
                     "every picture it makes ({wrong} of {bits} bits read differently). Real photos do not "
                     "carry it by chance: this is strong evidence that {generator} made the picture. Anyone "
                     "with the same free tool could add it, though, and the picture may since have been "
                     "edited.").format(generator=finding.name, wrong=finding.wrong_bits, bits=finding.total_bits)


def no_watermark_sentence(translate: Translate = english) -> str:
    """What it means that no known invisible watermark was found."""
    return translate("Wording", "No known invisible generator watermark (Stable Diffusion XL, 1 or 2) is in "
                     "the pixels. This says nothing either way: most generators embed none, and saving as "
                     "JPEG, resizing or cropping removes it.")


def copies_sentence(files: int, pictures: int, translate: Translate = english) -> str:
    """'12 files are copies of 3 pictures': the copies found within a scan."""
    if pictures == 1:
        return translate("Wording", "{files} files are copies of one picture (re-encoded, resized or "
                         "slightly cropped).").format(files=files)
    return translate("Wording", "{files} files are copies of {pictures} pictures (re-encoded, resized or "
                     "slightly cropped).").format(files=files, pictures=pictures)


def copy_group_words(group: int | None, translate: Translate = english) -> str:
    """A row's copy group as a short cell: 'Copy group 2', or '' for a picture with no copy."""
    return "" if group is None else translate("Wording", "Copy group {group}").format(group=group)
