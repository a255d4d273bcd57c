"""Passing a taught detector to another desk: one file out, checked and shown before it is used.

The file is a zip holding the detector's head (ONNX), its manifest entry, the statistics
of its real examples (core/familiarity.py), its card (what it detects, from how many
examples, its check in numbers, when, with which app and base model) and
`contents.json`: the sha256 of every other member and one sha256 over that list. An
import refuses a damaged or altered file (the zip's own checksums, then the sha256s),
a detector made for another base model (its head means nothing on other features),
and a name already taken; it saves the detector turned off unless asked to turn it on.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from deepfake_desk import __version__
from deepfake_desk.core.i18n import Translate, english
from deepfake_desk.core.learn import CHECK_COUNTS, check_words
from deepfake_desk.core.manifest import Manifest
from deepfake_desk.core.user_models import (ENTRY_FILE, TaughtDetector, UserModelError, list_taught, save_taught)

FORMAT = "deepfake-detector taught detector"
FORMAT_VERSION = 1
CONTENTS = "contents.json"
CARD = "card.json"
SUFFIX = ".dfdetector"
MAX_MEMBER_BYTES = 64 * 1024 * 1024  # a head of a few thousand weights is kilobytes: refuse zip bombs early
_MEMBER = re.compile(r"^[A-Za-z0-9_.-]{1,80}$")
IMPORTED_OFF = "imported from a file: read its card, then turn it on"


class ShareError(Exception):
    """A detector cannot be exported or imported; the message says why in plain words."""


@dataclass(frozen=True)
class Card:
    """What a receiving desk needs to know before it turns a detector on."""

    name: str
    kind: str
    fakes: int
    reals: int
    check: dict[str, Any]
    taught_at: str
    app_version: str
    backbone_id: str
    backbone_sha256: str
    familiar_reals: int

    @classmethod
    def of(cls, entry: dict[str, Any]) -> Card:
        data, check = entry.get("training_data", {}) or {}, (entry.get("metrics", {}) or {}).get("cross_validation", {})
        backbone = entry.get("backbone", {}) or {}
        return cls(str(entry.get("id", "")), str(entry.get("kind", "") or ""),
                   int((data.get("fake") or {}).get("count", 0)), int((data.get("real") or {}).get("count", 0)),
                   dict(check or {}), str(data.get("taught_at", entry.get("version", ""))),
                   str(data.get("app_version", "")), str(backbone.get("id", "")), str(backbone.get("sha256", "")),
                   int((entry.get("familiarity") or {}).get("count", 0)))

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "fakes": self.fakes, "reals": self.reals,
                "check": self.check, "taught_at": self.taught_at, "app_version": self.app_version,
                "base_model": {"id": self.backbone_id, "sha256": self.backbone_sha256},
                "familiar_reals": self.familiar_reals}

    def lines(self, translate: Translate = english) -> list[str]:
        """The card in the reader's language (the command line's is English)."""
        auc = self.check.get("roc_auc")
        words = (check_words(self.check, translate) if all(isinstance(self.check.get(k), int) for k in CHECK_COUNTS)
                 else self.check.get("words") or translate("Learn", "not recorded"))
        count = self.check.get("fakes_called_fake_alone")  # recorded by learn since 2026-12-06
        lines = [translate("Learn", "Detector '{name}'").format(name=self.name) + (f": {self.kind}" if self.kind else ""),
                 translate("Learn", "Taught from {fakes} fakes and {reals} real photos on {date} with Deepfake "
                           "Detector {version}.").format(fakes=self.fakes, reals=self.reals,
                                                         date=self.taught_at[:10] or "?", version=self.app_version or "?"),
                 translate("Learn", "Its check: {words}").format(words=words)
                 + (f" (ROC AUC {float(auc):.2f})" if isinstance(auc, (int, float)) else "")]
        if isinstance(count, int):
            lines.append(translate("Learn", "With its guards, as a scan applies them, it would have called {alone} of "
                                   "its {fakes} fakes fake on its own.").format(alone=count, fakes=self.fakes))
        return lines + [translate("Learn", "Base model: {model} (sha256 {sha}…).").format(
                            model=self.backbone_id, sha=self.backbone_sha256[:12]),
                        translate("Learn", "It calls a file fake only when the file is like the real photos it was "
                                  "taught with.")]


@dataclass(frozen=True)
class Package:
    entry: dict[str, Any]
    files: dict[str, bytes]  # the detector's own files (head, statistics), by name
    card: Card


def _digest(files: dict[str, str]) -> str:
    return hashlib.sha256("".join(f"{sha}  {name}\n" for name, sha in sorted(files.items())).encode()).hexdigest()


def export_taught(root: Path, name: str, target: str | os.PathLike) -> Path:
    """Write the taught detector `name` (under `root`) as one file at `target`."""
    taught = next((t for t in list_taught(root) if t.name == name), None)
    if taught is None:
        known = ", ".join(t.name for t in list_taught(root)) or "none"
        raise ShareError(f"no detector you taught is named '{name}' (yours: {known})")
    if taught.spec is None:
        raise ShareError(f"the detector '{name}' cannot be read, so it cannot be shared: {taught.problem}")
    entry = taught.entry
    members = {ENTRY_FILE: (taught.folder / ENTRY_FILE).read_bytes()}
    for file_name in (entry["file"], (entry.get("familiarity") or {}).get("file")):
        if file_name:
            members[file_name] = (taught.folder / file_name).read_bytes()
    members[CARD] = json.dumps({"format": FORMAT, **Card.of(entry).to_dict(), "exported_with": __version__},
                               indent=2).encode("utf-8")
    hashes = {n: hashlib.sha256(data).hexdigest() for n, data in members.items()}
    contents = {"format": FORMAT, "format_version": FORMAT_VERSION, "files": hashes, "sha256": _digest(hashes)}
    target = Path(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(CONTENTS, json.dumps(contents, indent=2))
            for member, data in members.items():
                zf.writestr(member, data)
        os.replace(tmp, target)
    except OSError as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise ShareError(f"could not write {target}: {exc.strerror or exc}") from None
    return target


def _damaged(path: Path, why: str) -> ShareError:
    return ShareError(f"{path.name} is damaged or was altered ({why}): it is not imported; ask for a new copy")


def read_package(path: str | os.PathLike) -> Package:
    """The detector in a shared file, after checking that nothing in it is damaged or altered."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ShareError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = {i.filename: i for i in zf.infolist()}
            if CONTENTS not in infos:
                raise ShareError(f"{path.name} is not a detector shared by Deepfake Detector")
            if any(i.file_size > MAX_MEMBER_BYTES for i in infos.values()):
                raise _damaged(path, "a part is far too large")
            contents = json.loads(zf.read(CONTENTS))
            hashes = contents.get("files") if isinstance(contents, dict) else None
            if not isinstance(hashes, dict) or contents.get("format") != FORMAT:
                raise ShareError(f"{path.name} is not a detector shared by Deepfake Detector")
            if int(contents.get("format_version", 0)) > FORMAT_VERSION:
                raise ShareError(f"{path.name} was made by a newer Deepfake Detector: update the app to import it")
            if set(hashes) != set(infos) - {CONTENTS} or not all(_MEMBER.match(n) for n in hashes):
                raise _damaged(path, "its list of contents does not match what it holds")
            if _digest({n: str(h) for n, h in hashes.items()}) != contents.get("sha256"):
                raise _damaged(path, "its list of contents does not match its sha256")
            members = {n: zf.read(n) for n in hashes}  # the zip's CRC-32 is checked as each is read
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, KeyError, TypeError,
            NotImplementedError) as exc:
        raise _damaged(path, f"{exc}" or "not a readable zip") from None
    for name, blob in members.items():
        if hashlib.sha256(blob).hexdigest() != hashes[name]:
            raise _damaged(path, f"{name} does not match its sha256")
    try:
        entry = json.loads(members[ENTRY_FILE])["models"][0]
        head, stats = entry["file"], entry["familiarity"]["file"]
    except (KeyError, IndexError, TypeError, ValueError):
        raise _damaged(path, "its manifest entry cannot be read") from None
    for name, want in ((head, entry.get("sha256")), (stats, entry["familiarity"].get("sha256"))):
        if name not in members or hashlib.sha256(members[name]).hexdigest() != want:
            raise _damaged(path, f"{name} does not match its manifest entry")
    return Package(entry, {head: members[head], stats: members[stats]}, Card.of(entry))


def check_base_model(package: Package, manifest: Manifest) -> None:
    """Refuse a detector whose base model is not the very one installed here (same sha256)."""
    card = package.card
    installed = next((m for m in manifest.models if m.id == card.backbone_id and not m.taught), None)
    if installed is None:
        raise ShareError(f"'{card.name}' was made for the base model '{card.backbone_id}', which this app does not "
                         f"have: it cannot be used here (update the app's models, or teach it again here)")
    if installed.sha256 != card.backbone_sha256:
        raise ShareError(f"'{card.name}' was made for another version of the base model '{card.backbone_id}' "
                         f"(sha256 {card.backbone_sha256[:12]}…; this app has {installed.sha256[:12]}…): its head "
                         "means nothing on this model's features, so it is not imported. Both desks need the same "
                         f"app models (it was taught with Deepfake Detector {card.app_version or '?'}), or teach it "
                         "again here")


def import_taught(path: str | os.PathLike, manifest: Manifest, root: Path, enable: bool = False) -> TaughtDetector:
    """Check and save a shared detector under `root` (turned off unless `enable`); returns it as listed."""
    from deepfake_desk.core.examples import LearnError  # learn imports the detector; keep this module light
    from deepfake_desk.core.learn import check_name

    package = read_package(path)
    check_base_model(package, manifest)
    name = package.card.name
    try:
        check_name(name, [m.id for m in manifest.models] + [p.model_id for p in manifest.problems],
                   [t.name for t in list_taught(root)])
    except LearnError as exc:
        raise ShareError(str(exc).replace("(remove it first", "(remove yours first")) from None
    if package.entry.get("file") != f"{name}.onnx":
        raise _damaged(Path(path), "its head is not named after the detector")
    try:
        folder = save_taught(root, name, package.files, package.entry, enabled=enable, why_off=IMPORTED_OFF)
    except UserModelError as exc:
        raise ShareError(str(exc)) from None
    taught = next(t for t in list_taught(root) if t.name == name)
    if taught.spec is None:  # cannot happen after the checks above; never leave an unusable copy behind
        shutil.rmtree(folder, ignore_errors=True)
        raise _damaged(Path(path), taught.problem)
    return taught
