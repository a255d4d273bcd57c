"""Detectors the user taught, in their data folder: list, save, remove, and merge with the shipped models.

Each taught detector is a folder `<user models>/<name>/` holding its head (ONNX),
a `manifest.json` of the usual schema with its one entry, the statistics of its real
examples (core/familiarity.py) and `state.json`: whether it is turned on, and if not why
(a detector its own check calls weak, or one imported from a file, starts off). A new detector is written
into a hidden temporary folder and renamed into place, and a removed one is renamed
away before it is deleted, so the loader never sees half a detector.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deepfake_desk.core.manifest import Manifest, ManifestError, ModelProblem, ModelSpec, load_manifest

# training_data.views of a detector taught on the faces a scan crops as well as on whole pictures (core/learn.py)
FACE_VIEWS = "whole picture and each face a scan crops"


def reads_faces(spec: ModelSpec) -> bool:
    """Whether a taught detector was taught on the faces a scan crops as well as on whole pictures: a scan then
    gives it each face it finds too (core.detector); one taught before, the whole picture only."""
    return isinstance(spec.training_data, dict) and spec.training_data.get("views") == FACE_VIEWS

ENTRY_FILE = "manifest.json"
STATE_FILE = "state.json"  # {"enabled": bool, "why_off": str}; absent: on (taught before it existed)


class UserModelError(Exception):
    """A taught detector cannot be saved or removed; the message is meant for the user."""


@dataclass(frozen=True)
class TaughtDetector:
    """One folder of the user's models, usable or not (for `learn --list` and About)."""

    name: str
    folder: Path
    spec: ModelSpec | None
    problem: str = ""
    enabled: bool = True
    why_off: str = ""  # why it was turned off when it was saved (weak check, imported)

    @property
    def entry(self) -> dict[str, Any]:
        """The manifest entry as written (examples, cross-validation, date), or {} if unreadable."""
        try:
            return json.loads((self.folder / ENTRY_FILE).read_text(encoding="utf-8"))["models"][0]
        except (OSError, ValueError, KeyError, IndexError, TypeError):
            return {}


def _folders(root: Path) -> list[Path]:
    try:
        return sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    except OSError:  # no such folder yet: nothing taught
        return []


def read_state(folder: Path) -> tuple[bool, str]:
    """(enabled, why it is off) of a taught detector's folder; unreadable state counts as off."""
    try:
        raw = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return True, ""
    except (OSError, ValueError):
        return False, "its on/off state cannot be read"
    if not isinstance(raw, dict):
        return False, "its on/off state cannot be read"
    return raw.get("enabled") is True, str(raw.get("why_off", ""))


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def state_bytes(enabled: bool, why_off: str = "") -> bytes:
    return json.dumps({"enabled": bool(enabled), "why_off": "" if enabled else why_off}, indent=2).encode("utf-8")


def list_taught(root: Path) -> list[TaughtDetector]:
    """Every taught detector under `root`, with the reason when one cannot be used."""
    from deepfake_desk.core.familiarity import FamiliarityError, stats_of  # familiarity imports manifest only

    found = []
    for folder in _folders(root):
        enabled, why_off = read_state(folder)
        try:
            manifest = load_manifest(folder / ENTRY_FILE)
        except ManifestError as exc:
            found.append(TaughtDetector(folder.name, folder, None, str(exc), enabled, why_off))
            continue
        problem = "; ".join(p.reason for p in manifest.problems)
        spec = next((m for m in manifest.models if m.taught), None)
        if spec is None and not problem:
            problem = "its manifest lists no taught detector"
        elif spec is not None and spec.id != folder.name:
            spec, problem = None, f"its manifest names it '{spec.id}', not '{folder.name}'"
        elif spec is not None:
            try:
                stats_of(spec)
            except FamiliarityError as exc:
                spec, problem = None, str(exc)
        found.append(TaughtDetector(folder.name, folder, spec, problem, enabled, why_off))
    return found


def set_enabled(root: Path, name: str, enabled: bool) -> TaughtDetector:
    """Turn the taught detector `name` on or off (the next scan uses it or not)."""
    taught = next((t for t in list_taught(root) if t.name == name and not name.startswith(".")), None)
    if taught is None:
        known = ", ".join(t.name for t in list_taught(root)) or "none"
        raise UserModelError(f"no detector you taught is named '{name}' (yours: {known})")
    _, why_off = read_state(taught.folder)
    staging = taught.folder / f".{STATE_FILE}.part"
    try:
        _write_file(staging, state_bytes(enabled, why_off))
        os.replace(staging, taught.folder / STATE_FILE)
    except OSError as exc:
        raise UserModelError(f"could not turn '{name}' {'on' if enabled else 'off'}: {exc.strerror or exc}") from None
    return dataclasses.replace(taught, enabled=enabled, why_off="" if enabled else why_off)


def taught_problem(spec: ModelSpec, models: list[ModelSpec]) -> str:
    """Why a taught detector cannot read its backbone's features among `models` ('' if it can).

    Its head means nothing on features of another backbone, so the backbone must be the
    very file it was taught on (same sha256) and still supply features.
    """
    ref = spec.backbone
    backbone = next((m for m in models if m.id == ref.id and not m.taught), None)
    if backbone is None:
        return f"it reads the features of model '{ref.id}', which is not available"
    if backbone.sha256 != ref.sha256:
        return f"it was taught on another version of model '{ref.id}': teach it again"
    if not backbone.feature_output:
        return f"model '{ref.id}' no longer supplies the features it reads: teach it again"
    return ""


def merge_taught(manifest: Manifest, root: Path) -> Manifest:
    """The shipped manifest plus the taught detectors under `root`.

    A taught detector whose name is already a shipped model's is refused (it would
    take that model's CSV column), as is one that cannot be read.
    """
    shipped = set(manifest.listed_ids) | {m.id for m in manifest.models} | {p.model_id for p in manifest.problems}
    models, problems, listed = list(manifest.models), list(manifest.problems), list(manifest.listed_ids)
    for taught in list_taught(root):
        if taught.name in shipped:
            problems.append(ModelProblem(taught.name, "a detector you taught has the name of a shipped model"))
            continue
        listed.append(taught.name)  # its CSV column stays even when it cannot be used
        if taught.spec is None:
            problems.append(ModelProblem(taught.name, f"the detector you taught cannot be read: {taught.problem}"))
        elif not taught.enabled:
            problems.append(ModelProblem(taught.name, off_reason(taught), taught.spec))
        else:
            models.append(taught.spec)
    return dataclasses.replace(manifest, models=models, problems=problems, listed_ids=listed)


def off_reason(taught: TaughtDetector) -> str:
    """Why a detector is not used although it can be read, and how to turn it on."""
    return (f"turned off: {taught.why_off or 'by you'} (turn it on: deepfake-detector learn --enable "
            f"{taught.name}, or Scan > Your detectors)")


def save_taught(root: Path, name: str, files: dict[str, bytes], entry: dict[str, Any], enabled: bool = True,
                why_off: str = "") -> Path:
    """Write a taught detector's files, manifest and on/off state as `root/name`, all or nothing."""
    target = root / name
    if target.exists():
        raise UserModelError(f"you already have a detector named '{name}' "
                             f"(remove it first: deepfake-detector learn --remove {name})")
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".part", dir=root))
    try:
        document = {"schema_version": 1, "created": entry.get("version", ""), "models": [entry]}
        for file_name, data in {**files, ENTRY_FILE: json.dumps(document, indent=2).encode("utf-8"),
                                STATE_FILE: state_bytes(enabled, why_off)}.items():
            _write_file(staging / file_name, data)
        os.rename(staging, target)  # refuses an existing target: a detector saved meanwhile is kept
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise UserModelError(f"could not save the detector in {root}: {exc.strerror or exc}") from None
    return target


def remove_taught(root: Path, name: str) -> None:
    """Delete the taught detector `name` (renamed away first, so no half-deleted one is ever loaded)."""
    target = root / name
    if name.startswith(".") or os.sep in name or not (target / ENTRY_FILE).is_file():
        known = ", ".join(t.name for t in list_taught(root)) or "none"
        raise UserModelError(f"no detector you taught is named '{name}' (yours: {known})")
    doomed = Path(tempfile.mkdtemp(prefix=f".{name}.", suffix=".removed", dir=root))
    try:
        os.replace(target, doomed / name)
    except OSError as exc:
        shutil.rmtree(doomed, ignore_errors=True)
        raise UserModelError(f"could not remove '{name}': {exc.strerror or exc}") from None
    shutil.rmtree(doomed, ignore_errors=True)
