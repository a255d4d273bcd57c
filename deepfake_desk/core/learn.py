"""Teaching the app a new kind of fake from a newsroom's own examples (`deepfake-detector learn`).

A shipped model that supplies pooled features (its manifest entry names a
`feature_output`) turns each example into one feature vector (the mean over the
model's own crops); a logistic head is fitted on them with NumPy (core/logistic.py),
checked by grouped cross-validation (near-duplicates never straddle a fold),
calibrated on its out-of-fold scores, and saved in the user's data folder as a tiny
ONNX head plus a manifest entry (core/user_models.py), with the statistics of its real
examples' features (core/familiarity.py). Which files teach it and what each holds
(two folders, two lists, a CSV's column such as a scan export's `confirmed`, marked
rows; read as a scan reads files): core/examples.py. A detector whose own check calls it weak is
saved turned off. How its score enters a verdict: core/decision.decide and docs/teach.md.
"""

from __future__ import annotations

import dataclasses
import hashlib
import math
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import numpy as np

from deepfake_desk import __version__
from deepfake_desk.core.detector import ModelLoadError, OnnxModel
from deepfake_desk.core.examples import (LABELS, VIDEO_FRAMES, Example, LearnError, folder_files, near_duplicate_groups,
                                         read_examples)
from deepfake_desk.core.decision import TAUGHT_UNCERTAIN
from deepfake_desk.core.familiarity import FILE_SUFFIX, METHOD, face_counts_apart, fit_real_stats, mostly, stats_bytes
from deepfake_desk.core.logistic import (LinearHead, choose_l2, fit_logistic, fit_platt, out_of_fold_logits,
                                         platt_probability, roc_auc)
from deepfake_desk.core.manifest import Manifest, ModelSpec, load_manifest
from deepfake_desk.core.onnx_head import linear_head_onnx
from deepfake_desk.core.resources import default_manifest_path, user_models_dir
from deepfake_desk.core.scan import CancelCheck, is_cancelled
from deepfake_desk.core.user_models import FACE_VIEWS, list_taught, save_taught
from deepfake_desk.core.i18n import Translate, english
from deepfake_desk.core.wording import FEW_EXAMPLES, REAL_PHOTOS_ADVICE, WEAK_CHECK

MIN_PER_CLASS = 10  # examples per folder, after unreadable files and copies are left out
MIN_TO_TURN_ON = 15  # fewer examples of a class: the detector is saved, turned off
WEAK_AUC = 0.75  # below: its check "barely tells" (CrossCheck.advice); saved turned off
MIN_DISTINCT = 5  # distinct pictures (near-duplicate groups) per folder, to cross-validate at all
FOLDS = 5
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
RESERVED_NAMES = frozenset({"fake"})  # "fake_probability" is the fused score's CSV column

@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    step: str  # READING, CHECKING or SAVING
    file: str = ""  # the example being read

    @property
    def message(self) -> str:
        """The step in English, as the command line prints it."""
        words = self.words()
        return words[:1].lower() + words[1:]

    def words(self, translate: Translate = english) -> str:
        """The step in the reader's language, starting with a capital."""
        if self.step == READING:
            return translate("Learn", "Reading {file}").format(file=self.file)
        if self.step == SAVING:
            return translate("Learn", "Saving")
        return translate("Learn", "Checking on examples it did not see")


READING, CHECKING, SAVING = "reading", "checking", "saving"


def file_scores(per_row: np.ndarray, files: np.ndarray, frames: np.ndarray | None = None) -> np.ndarray:
    """Per file, its score as a scan gives it (core.detector, core.stretch): each frame by its highest scoring
    row (its most suspicious face, or the whole picture when it has none), a file by the mean of its frames (a
    still has one). `files`: per row, the file it scores or -1 (taught on, not scoring); `frames`: per row, its
    frame (None: one frame a file)."""
    files = np.asarray(files)
    scoring = files >= 0
    frames = files if frames is None else np.asarray(frames)
    ids, at = np.unique(frames[scoring], return_inverse=True)
    per_frame = np.full(len(ids), -np.inf)
    np.maximum.at(per_frame, at, np.asarray(per_row, dtype=np.float64)[scoring])
    frame_file = np.zeros(len(ids), int)
    frame_file[at] = files[scoring]
    count = np.bincount(frame_file, minlength=int(files.max()) + 1)
    return np.bincount(frame_file, weights=per_frame, minlength=len(count)) / np.maximum(count, 1)


CHECK_COUNTS = ("fakes", "reals", "fakes_caught", "fakes_called_fake", "reals_flagged", "reals_called_fake")


def check_words(counts: dict[str, Any], translate: Translate = english) -> str:
    """A taught detector's check (its entry's `metrics.cross_validation` counts) in a sentence."""
    return translate("Learn", "On examples it did not see, it caught {caught} of {fakes} fakes ({called} of them "
                     "sure enough to say fake) and wrongly flagged {flagged} of {reals} real photos "
                     "({flagged_fake} of them as fake).").format(
        caught=counts["fakes_caught"], fakes=counts["fakes"], called=counts["fakes_called_fake"],
        flagged=counts["reals_flagged"], reals=counts["reals"], flagged_fake=counts["reals_called_fake"])


@dataclass(frozen=True)
class CrossCheck:
    """How the detector did on examples it did not see (out-of-fold, calibrated)."""

    fakes: int
    reals: int
    caught: int  # fakes it would not let pass as real (>= the uncertain threshold)
    called_fake: int  # fakes at or above the fake threshold
    flagged: int  # real photos at or above the uncertain threshold
    flagged_fake: int  # real photos at or above the fake threshold
    roc_auc: float
    folds: int
    groups: int

    @classmethod
    def measure(cls, p: np.ndarray, y: np.ndarray, thresholds: dict[str, float], folds: int,
                groups: int) -> CrossCheck:
        fake, real = p[y == 1], p[y == 0]
        unsure, sure = thresholds["uncertain"], thresholds["fake"]
        return cls(len(fake), len(real), int(np.sum(fake >= unsure)), int(np.sum(fake >= sure)),
                   int(np.sum(real >= unsure)), int(np.sum(real >= sure)), round(roc_auc(p, y), 4), folds, groups)

    def words(self, translate: Translate = english) -> str:
        """The result in a sentence a journalist can repeat (English in the manifest entry and the CLI)."""
        return check_words(self.to_counts(), translate)

    def to_counts(self) -> dict[str, int]:
        return {"fakes": self.fakes, "reals": self.reals, "fakes_caught": self.caught,
                "fakes_called_fake": self.called_fake, "reals_flagged": self.flagged,
                "reals_called_fake": self.flagged_fake}

    def advice(self, translate: Translate = english) -> str:
        if self.roc_auc >= 0.9:
            return translate("Learn", "It tells this kind of fake from your real photos well.")
        if self.roc_auc >= WEAK_AUC:
            return translate("Learn", "It helps, but misses some: more and more varied examples may make it better.")
        return translate("Learn", "It barely tells this kind of fake from your real photos: do not rely on it. "
                         "More examples, or real photos closer to the fakes' subjects, may help.")

    def to_dict(self) -> dict[str, Any]:
        return {"method": f"{self.folds}-fold cross-validation, near-duplicates kept in one fold "
                          f"({self.groups} distinct pictures), penalty chosen inside each fold",
                **self.to_counts(), "roc_auc": self.roc_auc, "words": self.words()}

    def weak_reasons(self, translate: Translate = english) -> list[str]:
        """Why the detector should start turned off ([] when its check is good enough to use)."""
        reasons = []
        if math.isnan(self.roc_auc) or self.roc_auc < WEAK_AUC:
            reasons.append(translate("Wording", WEAK_CHECK))
        if min(self.fakes, self.reals) < MIN_TO_TURN_ON:
            reasons.append(translate("Wording", FEW_EXAMPLES).format(count=MIN_TO_TURN_ON))
        return reasons


@dataclass
class Taught:
    """A detector that was taught and saved."""

    name: str
    folder: Path
    check: CrossCheck
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    duplicates: int = 0  # identical files in one folder, counted once
    seconds: float = 0.0
    enabled: bool = True
    why_off: str = ""  # why it was saved turned off ("" when on)
    unlike_reals: int = 0  # taught fakes unlike the taught real photos (core/familiarity.py)
    # taught fakes it would call fake on its own at scan time: at its fake threshold on examples it did not
    # see, and not held by its guards (unlike the real photos, or a face while its reals showed none); None: unknown
    fake_alone: int | None = None
    with_face: tuple[int, int] | None = None  # (fakes, reals) that show a face; None: no face detector to tell
    faces_in_part: int | None = None  # fakes with faces read on their own (face views); None: no face detector
    videos: int = 0  # examples that are videos (each one example, taught on VIDEO_FRAMES of its frames)
    video_frames: int = 0  # the frames taught from them

    def face_warning(self, translate: Translate = english) -> str:
        """A warning when faces are in most fakes and few reals, or the reverse ('' otherwise): the head
        may then learn to tell faces, not fakes. Measured (training/guard_study.py, model card): face fakes
        taught with varied real photos turned 62-67% of real face photos of their kind fake."""
        if self.with_face is None or not self.check.fakes or not self.check.reals:
            return ""
        fakes, reals = self.with_face
        counts = (self.check.fakes, self.check.reals)
        if face_counts_apart(self.with_face, counts):  # the case core.familiarity.face_gap holds at scan time
            return translate("Learn", "{with_face} of your {fakes} fakes show a face, but only {reals_with_face} of "
                             "your {reals} real photos do: it may learn to call faces fake rather than this kind of "
                             "fake, so it will not call a picture with a face fake on its own (at most uncertain). "
                             "Add real photos of faces like those in your fakes (same kind of picture and source) and "
                             "teach it again.").format(with_face=fakes, fakes=self.check.fakes,
                                                       reals_with_face=reals, reals=self.check.reals)
        if face_counts_apart((reals, fakes), counts[::-1]):
            return translate("Learn", "{reals_with_face} of your {reals} real photos show a face, but only {with_face} "
                             "of your {fakes} fakes do: it may learn to call pictures without faces fake. Add real "
                             "photos without faces, like your fakes.").format(
                with_face=fakes, fakes=self.check.fakes, reals_with_face=reals, reals=self.check.reals)
        return ""

    def report(self, translate: Translate = english) -> list[str]:
        """What learn did and what to expect of the detector, in the reader's language (`translate`: the
        window's; the command line speaks English)."""
        fakes = self.check.fakes
        lines = [translate("Learn", "Detector '{name}' learned from {fakes} fakes and {reals} real photos in "
                           "{seconds} s.").format(name=self.name, fakes=fakes, reals=self.check.reals,
                                                  seconds=f"{self.seconds:.0f}"),
                 self.check.words(translate), self.check.advice(translate)]
        if self.fake_alone is not None:
            lines.append(translate("Learn", "With its guards, as a scan applies them, it would have called {alone} of "
                                   "your {fakes} fakes fake on its own; on the others it can make a verdict "
                                   "uncertain at most.").format(alone=self.fake_alone, fakes=fakes))
        # about a quarter of files like the reals count as unlike them (core/familiarity.PERCENTILE): say it
        # when most fakes are
        if 2 * self.unlike_reals > fakes:
            lines.append(translate("Learn", "{unlike} of your {fakes} fakes are unlike your real photos: on files like "
                                   "those it can make the verdict uncertain, never fake on its own. Real photos of "
                                   "the same subjects and sources as the fakes let it decide more of them.").format(
                unlike=self.unlike_reals, fakes=fakes))
        warning = self.face_warning(translate)
        if warning:
            lines.append(warning)
        if self.faces_in_part:
            lines.append(translate("Learn", "In {count} of your {fakes} fakes a face fills only part of the picture: "
                                   "it learned those faces on their own too, and in a scan it judges a picture with "
                                   "such faces by its most suspicious face, as the shipped models do.").format(
                count=self.faces_in_part, fakes=fakes))
        if self.videos:
            lines.append(translate("Learn", "{videos} of your examples are videos: it learned from {frames} frames "
                                   "spread over them, and each video counts as one example.").format(
                videos=self.videos, frames=self.video_frames))
        if self.skipped:
            lines.append(translate("Learn", "{count} files could not be read and were skipped.").format(
                count=len(self.skipped)))
        if self.duplicates:
            lines.append(translate("Learn", "{count} identical copies were counted once.").format(count=self.duplicates))
        lines.append(translate("Learn", "Saved in {folder}; later scans show it as '{column}'.").format(
            folder=self.folder, column=f"{self.name}_probability"))
        if not self.enabled:
            why = "; ".join(self.check.weak_reasons(translate)) or self.why_off
            lines.append(translate("Learn", "It is kept but turned off: {why}. Scans do not use it until you turn it on "
                                   "(deepfake-detector learn --enable {name}, or in the window Scan > Your "
                                   "detectors).").format(why=why, name=self.name))
        lines.append(translate("Wording", REAL_PHOTOS_ADVICE))
        return lines


def check_name(name: str, taken: Iterable[str], taught: Iterable[str]) -> None:
    """Refuse a name that is not a valid column name, or that is already used."""
    if not _NAME.match(name or ""):
        raise LearnError(f"'{name}' cannot be a detector's name: use lower-case letters, digits and _, "
                         "starting with a letter, at most 40 characters (e.g. new_face_app); "
                         "it becomes the column NAME_probability")
    if name in RESERVED_NAMES or name in set(taken):
        raise LearnError(f"'{name}' is the name of a shipped model or column: choose another name")
    if name in set(taught):
        raise LearnError(f"you already have a detector named '{name}' "
                         f"(remove it first: deepfake-detector learn --remove {name})")


def feature_model(manifest: Manifest) -> ModelSpec:
    """The shipped model whose features a head is fitted on (the first one that supplies them)."""
    spec = next((m for m in manifest.models if m.feature_output and not m.taught), None)
    if spec is None:
        raise LearnError("none of the installed models supplies the features a new detector learns from "
                         "(a model whose manifest entry names a feature_output): update the models")
    return spec


def _drop_copies(examples: list[Example]) -> tuple[list[Example], int]:
    """One example per distinct file; a file in both folders is an error (it cannot be both)."""
    first: dict[str, Example] = {}
    both = []
    for ex in examples:
        seen = first.setdefault(ex.sha256, ex)
        if seen is not ex and seen.label != ex.label:
            both.append((seen, ex))
    if both:
        pairs = "; ".join(f"{a.path} = {b.path}" for a, b in both[:5]) + (" ..." if len(both) > 5 else "")
        raise LearnError(f"{len(both)} identical files are in both the real and the fake folder ({pairs}): "
                         "a picture cannot teach both, remove each from the folder it does not belong to")
    return list(first.values()), len(examples) - len(first)


def _check_enough(examples: list[Example], groups: np.ndarray, skipped: list[tuple[str, str]]) -> None:
    for label in (0, 1):
        count = sum(ex.label == label for ex in examples)
        distinct = len({int(g) for ex, g in zip(examples, groups) if ex.label == label})
        if count < MIN_PER_CLASS:
            hint = f" ({len(skipped)} files of the two folders were skipped: see the list)" if skipped else ""
            raise LearnError(f"only {count} {LABELS[label]} examples could be used: at least {MIN_PER_CLASS} "
                             f"different pictures per folder are needed{hint}")
        if distinct < MIN_DISTINCT:
            raise LearnError(f"the {count} {LABELS[label]} examples are near-copies of only {distinct} pictures: "
                             f"at least {MIN_DISTINCT} distinct pictures per folder are needed to check the detector")


@dataclass(frozen=True)
class ExampleViews:
    """The rows a detector is taught on: each frame's whole picture (a still has one frame), then each of its face
    views, with the example's label and near-duplicate group. A file is scored as a scan scores it (core.detector):
    each frame by its highest face view when it has any, else by its whole picture, and a video by the mean of its
    frames (`file_scores`); `scores` says which example a row scores (-1: taught on, not scoring: the whole picture
    of a frame with faces), `frames` which frame it is of."""

    x: np.ndarray
    y: np.ndarray
    groups: np.ndarray
    scores: np.ndarray  # row -> index of the example it scores, or -1
    frames: np.ndarray  # row -> its frame, numbered over all examples
    shows_face: np.ndarray  # the row shows a face: a face view, or a whole picture with one

    @classmethod
    def of(cls, examples: list[Example], groups: np.ndarray) -> ExampleViews:
        rows = []  # (features, example, frame, scoring, shows a face)
        frame = 0
        for i, ex in enumerate(examples):
            for pictured in ex.frames:
                rows.append((pictured.whole, i, frame, not pictured.faces, pictured.face))
                rows.extend((f, i, frame, True, True) for f in pictured.faces)
                frame += 1
        file = np.array([r[1] for r in rows])
        return cls(np.stack([r[0] for r in rows]), np.array([examples[i].label for i in file]),
                   np.asarray(groups)[file], np.where([r[3] for r in rows], file, -1), np.array([r[2] for r in rows]),
                   np.array([r[4] for r in rows]))

    def any_per_file(self, per_row: np.ndarray) -> np.ndarray:
        """Per example: whether any of the rows that score it is True."""
        out = np.zeros(int(self.scores.max()) + 1, bool)
        np.logical_or.at(out, self.scores[self.scores >= 0], per_row[self.scores >= 0])
        return out

    def judged_familiar(self, per_row: np.ndarray, familiar: np.ndarray) -> np.ndarray:
        """Per example: whether a scan would call it like the taught reals: each frame by the familiarity of its
        highest-scoring row (core.detector._taught_scores), a video when most of its frames are
        (core.detector._familiar_over_frames)."""
        best: dict[int, int] = {}
        for row in np.flatnonzero(self.scores >= 0):
            frame = int(self.frames[row])
            if frame not in best or per_row[row] > per_row[best[frame]]:
                best[frame] = int(row)
        per_file: list[list[bool]] = [[] for _ in range(int(self.scores.max()) + 1)]
        for row in best.values():
            per_file[self.scores[row]].append(bool(familiar[row]))
        return np.array([mostly(flags) for flags in per_file])


def _entry(name: str, model: ModelSpec, head: bytes, calibration: tuple[float, float],
           thresholds: dict[str, float], check: CrossCheck, examples: list[Example], skipped: list[tuple[str, str]],
           folders: tuple[str, str], l2: float, familiarity: dict[str, Any], kind: str,
           fake_alone: int | None = None) -> dict[str, Any]:
    """The taught detector's manifest entry, in the usual schema (models/MANIFEST_SCHEMA.md)."""
    now = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    videos = {label: sum(e.video for e in examples if e.label == label) for label in (0, 1)}
    shown = {"layout": model.layout, "height": model.height, "width": model.width, "channels": model.channels}
    return {
        "id": name, "name": name, "file": f"{name}.onnx", "sha256": hashlib.sha256(head).hexdigest(),
        "version": now,
        "backbone": {"id": model.id, "sha256": model.sha256, "feature_output": model.feature_output},
        "input": shown,
        "preprocess": dataclasses.asdict(model.preprocess),  # what the features were computed on
        "output": {"meaning": "probability_fake"},
        "calibration": {"method": "platt", "a": round(calibration[0], 6), "b": round(calibration[1], 6),
                        "fitted_on": f"out-of-fold scores of the {len(examples)} examples"},
        "fusion_weight": 0.0,
        "thresholds": thresholds,
        # fakes_called_fake_alone: of its fakes, those it would call fake on its own at scan time (Taught.fake_alone)
        "metrics": {"cross_validation": {**check.to_dict(),
                                         **({} if fake_alone is None else {"fakes_called_fake_alone": fake_alone})}},
        "familiarity": familiarity,
        "kind": kind,
        "training_data": {
            "taught_at": now, "app_version": __version__,
            "head": f"logistic regression on {model.id}'s pooled features (mean over its crops), "
                    f"L2 penalty {l2:g} on standardised features, class-balanced",
            # taught on face views too: a scan judges a picture with faces by its faces. Only when it saw faces:
            # a head never taught on a face crop would score one out of its depth (user_models.reads_faces)
            **({"views": FACE_VIEWS} if any(e.face_features for e in examples) else {}),
            "face_views": sum(len(e.face_features) for e in examples),
            **{LABELS[label]: {"folder": folders[label], "count": sum(e.label == label for e in examples),
                               "with_a_face": sum(e.face for e in examples if e.label == label),  # Taught.face_warning
                               **({"videos": videos[label]} if videos[label] else {}),  # each one example
                               "sha256": sorted(e.sha256 for e in examples if e.label == label)} for label in (0, 1)},
            "skipped": [{"file": f, "reason": r} for f, r in skipped],
        },
    }


@dataclass(frozen=True)
class FittedHead:
    """A taught detector's head before it is saved: what `teach` ships and what the training
    package's few-shot yardstick (training/fewshot.py) measures, so both are one fit."""

    head: LinearHead
    calibration: tuple[float, float]
    thresholds: dict[str, float]
    check: CrossCheck
    oof_probability: np.ndarray | None = None  # each example's calibrated score from folds that never saw it
    oof_file_probability: np.ndarray | None = None  # with `files`: each file's, as a scan scores it (file_scores)

    def probability(self, x: np.ndarray) -> np.ndarray:
        return platt_probability(self.head.logits(x), *self.calibration)


BANK_MARGIN = 0.01
BANK_CAP = 0.99


def fit_taught_head(x: np.ndarray, y: np.ndarray, groups: np.ndarray, t_fake: float,
                    bank: np.ndarray | None = None, files: np.ndarray | None = None,
                    frames: np.ndarray | None = None) -> FittedHead:
    """Check by grouped cross-validation (near-duplicates in one fold), calibrate on the out-of-fold
    scores, then fit the head on every example with the penalty the inner folds chose.

    `bank`: features of real photos of other kinds (the shipped real-photo bank, `real_bank`). A head
    fitted on a few dozen examples can score photos unlike them anywhere; its `fake` threshold is raised
    above the highest score it gives any of them (at most BANK_CAP), so that none of them would turn fake.

    `files`: per row, the example (file) it scores, or -1 (ExampleViews.scores); `frames`: per row, its frame
    (ExampleViews.frames; None: one a file): the check then counts files, each scored as a scan scores it
    (`file_scores`)."""
    groups = np.asarray(groups)
    folds = min(FOLDS, int(groups.max()) + 1)
    oof = out_of_fold_logits(x, y, groups, folds)
    calibration = fit_platt(oof, y)
    head = fit_logistic(x, y, choose_l2(x, y, groups, folds))
    fake_at = t_fake
    if bank is not None and len(bank):
        highest = float(platt_probability(head.logits(np.asarray(bank, dtype=np.float64)), *calibration).max())
        fake_at = min(BANK_CAP, max(t_fake, round(highest + BANK_MARGIN, 4)))
    thresholds = {"fake": fake_at, "uncertain": TAUGHT_UNCERTAIN}
    oof_p = platt_probability(oof, *calibration)
    per_file = None
    if files is None:
        check = CrossCheck.measure(oof_p, y, thresholds, folds, int(groups.max()) + 1)
    else:
        scoring = files >= 0
        per_file = file_scores(oof_p, files, frames)
        label = np.zeros(len(per_file), int)
        label[files[scoring]] = y[scoring]
        check = CrossCheck.measure(per_file, label, thresholds, folds, int(groups.max()) + 1)
    return FittedHead(head, calibration, thresholds, check, oof_p, per_file)


BANK_FILE = "real_bank_{model}.npz"


def real_bank(spec: ModelSpec) -> np.ndarray | None:
    """The shipped real-photo bank for a feature model: features of licence-clean real photos of many
    kinds (models/real_bank_<id>.npz, `python -m training realbank`), or None when there is none or it
    was made with another version of the model (its sha256 differs)."""
    path = spec.path.parent / BANK_FILE.format(model=spec.id)
    try:
        with np.load(path) as got:
            if str(got["model_sha256"]) != spec.sha256:
                return None
            return np.asarray(got["features"], dtype=np.float64)
    except (OSError, KeyError, ValueError):
        return None


def teach(name: str, real_dir: str | Path, fake_dir: str | Path, manifest_path: str | Path | None = None,
          user_root: Path | None = None, cancel: CancelCheck = None, kind: str = "") -> Iterator[Progress | Taught]:
    """Learn detector `name` from the two folders and save it; yields progress, then the `Taught` record.

    Raises LearnError (nothing written) for bad input. When `cancel` is set it stops
    between files or steps, writing nothing.
    """
    yield from teach_files(name, lambda: folder_files(real_dir, fake_dir), (str(real_dir), str(fake_dir)),
                           manifest_path, user_root, cancel, kind)


def teach_files(name: str, gather: Callable[[], tuple[list[tuple[str, int]], list[tuple[str, str]]]],
                sources: tuple[str, str], manifest_path: str | Path | None = None, user_root: Path | None = None,
                cancel: CancelCheck = None, kind: str = "", video_frames: int = VIDEO_FRAMES
                ) -> Iterator[Progress | Taught]:
    """`teach` from any list of examples: `gather()` gives (file, label) pairs and the files left
    out with why (list_files, csv_files, marked rows); `video_frames`: frames read of a video (at most the
    scan's, spread over it as a scan spreads them); `sources` says where the reals and the
    fakes came from (kept in the entry)."""
    started = time.monotonic()
    manifest = load_manifest(manifest_path or default_manifest_path())
    root = user_root or user_models_dir()
    check_name(name, [m.id for m in manifest.models] + [p.model_id for p in manifest.problems],
               [t.name for t in list_taught(root)])
    spec = feature_model(manifest)
    try:
        model = OnnxModel(spec)
    except ModelLoadError as exc:
        raise LearnError(f"the feature model '{spec.id}' cannot be loaded: {exc}") from None
    files, skipped = gather()
    skipped = list(skipped)
    examples = []
    if files:
        yield Progress(0, len(files), READING, Path(files[0][0]).name)
    for done, path, got in read_examples(files, manifest, model, video_frames, cancel):
        if isinstance(got, Example):
            examples.append(got)
        else:
            skipped.append((path, got))
        upcoming = files[done][0] if done < len(files) else path  # the file being read now
        yield Progress(done, len(files), READING, Path(upcoming).name)
    if is_cancelled(cancel):
        return
    yield Progress(len(files), len(files), CHECKING)
    examples, copies = _drop_copies(examples)
    groups = near_duplicate_groups([ex.thumb for ex in examples])
    _check_enough(examples, groups, skipped)
    rows = ExampleViews.of(examples, groups)
    x, y = rows.x, rows.y
    fitted = fit_taught_head(x, y, rows.groups, manifest.bands.t_fake, real_bank(spec), files=rows.scores,
                             frames=rows.frames)
    if is_cancelled(cancel):
        return
    yield Progress(len(files), len(files), SAVING)
    head = fitted.head
    onnx = linear_head_onnx(head.weights, head.bias, {"deepfake_desk.taught": name, "backbone": spec.id})
    stats = fit_real_stats(x[y == 0])
    stats_file, stats_data = f"{name}{FILE_SUFFIX}", stats_bytes(stats)
    familiarity = {"file": stats_file, "sha256": hashlib.sha256(stats_data).hexdigest(), "count": stats.count,
                   "threshold": round(stats.threshold, 6), "method": METHOD}
    near = np.array([stats.familiar(f) for f in x])  # what the scan-time check will say of each view
    fake_files = np.array([ex.label == 1 for ex in examples])
    unlike = int(np.sum(fake_files & ~rows.any_per_file(near)))  # fakes none of whose views is like the reals
    with_face = tuple(sum(ex.face for ex in examples if ex.label == label) for label in (1, 0))
    if face_counts_apart(with_face, (int(fake_files.sum()), int((~fake_files).sum()))):  # the face rule (face_gap)
        near &= ~rows.shows_face
    # a file the scan would let it call fake: at the threshold, and like the reals
    alone = int(np.sum(fake_files & (fitted.oof_file_probability >= fitted.thresholds["fake"])
                       & rows.judged_familiar(fitted.oof_probability, near)))
    entry = _entry(name, spec, onnx, fitted.calibration, fitted.thresholds, fitted.check, examples, skipped, sources,
                   head.l2, familiarity, kind.strip(), alone)
    if is_cancelled(cancel):
        return
    weak = fitted.check.weak_reasons()
    why_off = "; ".join(weak)
    folder = save_taught(root, name, {entry["file"]: onnx, stats_file: stats_data}, entry, enabled=not weak,
                         why_off=why_off)
    yield Taught(name, folder, fitted.check, skipped, copies, time.monotonic() - started, not weak, why_off, unlike,
                 with_face=with_face if manifest.face_detector is not None else None, fake_alone=alone,
                 faces_in_part=sum(bool(ex.face_features) for ex in examples if ex.label == 1)
                 if manifest.face_detector is not None else None,
                 videos=sum(ex.video for ex in examples),
                 video_frames=sum(len(ex.frames) for ex in examples if ex.video))
