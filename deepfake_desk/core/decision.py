"""The one rule from scores to a verdict, shared by the app and training.

`decide` is pure: calibrated probabilities and what the evidence says go in, a verdict
and its reasons come out. Reasons are codes with values; core/wording.py turns them
into words (`reason_text`), so nothing here is a sentence and nothing is matched by string.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from deepfake_desk.core.familiarity import face_gap
from deepfake_desk.core.manifest import Bands, Manifest, ModelSpec
from deepfake_desk.core.verdict import Verdict

TAUGHT_FAKE = 0.86  # a taught detector's defaults when its entry sets no thresholds
TAUGHT_UNCERTAIN = 0.5


@dataclass(frozen=True)
class Reason:
    """Why a verdict is what it is: a code (core/wording.py words it) and the values it needs."""

    code: str  # dissent, unfamiliar, taught_fake, taught_uncertain, taught_unfamiliar, taught_score,
    #            label_c2pa, label_metadata, not_assessable, resembles
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Scores:
    """What `decide` weighs for one file (or one frame)."""

    fused: float | None  # combined calibrated probability of the counted shipped models
    models: Mapping[str, float]  # calibrated probability per shipped model id (counted or not)
    taught: Mapping[str, float] = field(default_factory=dict)  # per enabled taught detector id
    taught_familiar: Mapping[str, bool] = field(default_factory=dict)  # near the real photos it was taught with
    familiar: bool | None = None  # the shipped models' familiarity check (None: not measured)
    provenance: str = ""  # what the evidence says (C2PA / IPTC / XMP label / watermark), "" if nothing
    # Added to the contract: which trustworthy AI label the evidence carries ("c2pa", "metadata"; "" none),
    # and why the models cannot judge the picture ("" when they can).
    label: str = ""
    not_assessable: str = ""
    # which known kind of fake the file looks most like (core/kinds.py): {"kind", "probability", "right"};
    # said beside a fake or uncertain verdict, never part of it
    resembles: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reasons: tuple[Reason, ...] = ()
    decided_by: str = ""  # "models" | "taught:<id>" | "label" | "" (not decided / not analysed)

    @property
    def taught_id(self) -> str:
        """The taught detector that decided the verdict ('' when none did)."""
        return self.decided_by.removeprefix("taught:") if self.decided_by.startswith("taught:") else ""


@dataclass(frozen=True)
class Rule:
    """What `decide` reads from a manifest: the bands, which models count, which checks are on.
    Training builds one from the bands it measures; the app's comes from `Rule.of(manifest)`."""

    bands: Bands
    counted: frozenset[str] | None = None  # models whose dissent counts (fusion weight > 0); None: every model
    check_familiar: bool = False  # models.familiarity.enabled: an unfamiliar picture gets no decided verdict

    @classmethod
    def of(cls, manifest: Manifest | Rule) -> Rule:
        if isinstance(manifest, Rule):
            return manifest
        return cls(manifest.bands, counted_models(manifest), manifest.check_familiar)


def counted_models(manifest: Manifest) -> frozenset[str]:
    """The shipped models that count in the combined score (fusion weight above 0): the same set
    for the app and for training."""
    return frozenset(m.id for m in manifest.models if not m.taught and m.fusion_weight > 0)


def band_verdict(probability: float | None, bands: Bands) -> Verdict:
    """FAKE at or above t_fake, REAL below t_real, UNCERTAIN between; NOT_ANALYSED without a score."""
    if probability is None or math.isnan(probability):
        return Verdict.NOT_ANALYSED
    return (Verdict.FAKE if probability >= bands.t_fake
            else Verdict.REAL if probability < bands.t_real else Verdict.UNCERTAIN)


def dissenters(verdict: Verdict, model_probabilities: Mapping[str, float], bands: Bands) -> list[str]:
    """The models that contradict a decided verdict at least as strongly as `bands.dissent`."""
    if bands.dissent is None or not Verdict.from_value(verdict).decided:
        return []
    if verdict == Verdict.REAL:
        return [m for m, p in model_probabilities.items() if p >= bands.dissent]
    return [m for m, p in model_probabilities.items() if p <= 1.0 - bands.dissent]


def taught_examples(spec: ModelSpec) -> int:
    """How many examples a taught detector was taught from (its manifest entry's counts; 0 if unknown)."""
    total = 0
    for key in ("real", "fake"):
        block = spec.training_data.get(key)
        if isinstance(block, dict) and isinstance(block.get("count"), int):
            total += block["count"]
    return total


def decide(scores: Scores, manifest: Manifest | Rule, taught: Sequence[ModelSpec] = ()) -> Decision:
    """The verdict of one file or frame, with its reasons.

    1. The bands on the fused score (no score: not analysed).
    2. A decided verdict that a counted model contradicts at least `bands.dissent` is uncertain.
    3. With the manifest's familiarity check on, a decided verdict on an unfamiliar picture is uncertain.
    4. Taught detectors may raise suspicion, never lower it: at their `fake` threshold the verdict
       becomes fake (only when the file is near the real photos they were taught with: otherwise at
       most uncertain), at `uncertain` a 'real' verdict becomes uncertain.
    5. Pictures the models cannot judge get no verdict; a trustworthy AI label outranks every score.
    6. Beside a fake or uncertain verdict: the known kind of fake the file looks most like (a reason
       only: it never changes the verdict).
    """
    rule = Rule.of(manifest)
    reasons: list[Reason] = []
    verdict = band_verdict(scores.fused, rule.bands)
    decided_by = "models" if verdict else ""
    counted = {m: p for m, p in scores.models.items()
               if p is not None and (rule.counted is None or m in rule.counted)}
    against = dissenters(verdict, counted, rule.bands)
    if against:
        reasons.append(Reason("dissent", {"fused": scores.fused, "verdict": str(verdict), "threshold": rule.bands.dissent,
                                          "models": {m: counted[m] for m in against}}))
        verdict = Verdict.UNCERTAIN
    if rule.check_familiar and scores.familiar is False and verdict.decided:
        reasons.append(Reason("unfamiliar", {"verdict": str(verdict)}))
        verdict = Verdict.UNCERTAIN
    if verdict:
        for spec in taught:
            p = scores.taught.get(spec.id)
            if p is None:
                continue
            fake_at = float(spec.thresholds.get("fake", TAUGHT_FAKE))
            uncertain_at = float(spec.thresholds.get("uncertain", TAUGHT_UNCERTAIN))
            values = {"id": spec.id, "name": spec.name, "probability": p, "examples": taught_examples(spec),
                      "fake_at": fake_at, "uncertain_at": uncertain_at,
                      # its fakes showed faces and its reals mostly did not: a face alone makes a file unlike them
                      "face_gap": face_gap(spec)}
            familiar = scores.taught_familiar.get(spec.id, True)
            if p >= fake_at and verdict != Verdict.FAKE and familiar:
                verdict, decided_by, code = Verdict.FAKE, f"taught:{spec.id}", "taught_fake"
            elif p >= fake_at and verdict != Verdict.FAKE:
                code = "taught_unfamiliar"
                if verdict == Verdict.REAL:
                    verdict, decided_by = Verdict.UNCERTAIN, f"taught:{spec.id}"
            elif p >= uncertain_at and verdict == Verdict.REAL:
                verdict, decided_by, code = Verdict.UNCERTAIN, f"taught:{spec.id}", "taught_uncertain"
            else:
                code = "taught_score"
            reasons.append(Reason(code, values))
    if scores.not_assessable:
        reasons.append(Reason("not_assessable", {"why": scores.not_assessable}))
        verdict, decided_by = Verdict.NOT_ASSESSABLE, ""  # the scores stay in the row, for reference only
    if scores.label:
        reasons.append(Reason(f"label_{scores.label}", {"provenance": scores.provenance}))
        verdict, decided_by = Verdict.LABELLED_AI, "label"  # a valid C2PA or IPTC AI label outranks any score
    if scores.resembles.get("kind") and verdict in (Verdict.FAKE, Verdict.UNCERTAIN):
        reasons.append(Reason("resembles", dict(scores.resembles)))
    return Decision(verdict, tuple(reasons), decided_by)
