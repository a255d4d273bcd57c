"""Writing scan results to CSV and JSON: one writer each, used by the CLI and the GUI.

The CSV columns are a contract other tools rely on; keep them stable (README's table):
path, kind, verdict, fake_probability, <model>_probability..., frames, sha256, error,
then provenance, generator_label (what the file says about its origin), then the
record's provenance and the video columns: analysed_at, app_version, models,
fake_frame_share, worst_frame_time, folder, decided_by, duplicate_group (copies among the rows
of the file: core/copies.py), scan (which scan the row came from: when it started), then
confirmed (the user's mark: fake, real or empty), resembles (beside a fake or uncertain verdict,
the known kind of fake the file looks most like: face_swap, gan_face, diffusion; core/kinds.py), then
notes (the sentences that explain the row, as the JSON's `notes` says them, joined by " | ": why a verdict
is uncertain although a taught detector scored the file high, which kind it resembles, what the decoder met).
New columns only ever go at the end.
Files are written to a temporary name and renamed when complete, so a reader never
sees half a file; they get the user's normal permissions (umask), and cells a
spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import IO, Any

from deepfake_desk import __version__
from deepfake_desk.core.copies import CopyFinder, copy_groups
from deepfake_desk.core.detector import FileResult

BASE_COLUMNS_BEFORE = ("path", "kind", "verdict", "fake_probability")
BASE_COLUMNS_AFTER = ("frames", "sha256", "error")
EVIDENCE_COLUMNS = ("provenance", "generator_label")  # appended after the contract's columns
RECORD_COLUMNS = ("analysed_at", "app_version", "models", "fake_frame_share", "worst_frame_time", "folder")
DECISION_COLUMNS = ("decided_by",)  # who made the verdict: models, taught:<id>, label, or empty
# Copies of one picture among the file's rows: the same number for every copy, empty for a picture
# with none. Known only when every row is in, so CsvWriter adds it when it closes.
COPY_COLUMNS = ("duplicate_group",)
SCAN_COLUMNS = ("scan",)  # which scan a row came from (a table can hold several): when that scan started
MARK_COLUMNS = ("confirmed",)  # the user's mark on a row (results table): `learn --from-csv` reads it
KIND_COLUMNS = ("resembles",)  # the known kind of fake it looks most like (fake or uncertain verdicts)
NOTE_COLUMNS = ("notes",)  # the row's explanations in words (JSON `notes`), joined by NOTE_SEPARATOR
NOTE_SEPARATOR = " | "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_columns(model_ids: Sequence[str]) -> list[str]:
    return [*BASE_COLUMNS_BEFORE, *(f"{m}_probability" for m in model_ids), *BASE_COLUMNS_AFTER, *EVIDENCE_COLUMNS,
            *RECORD_COLUMNS, *DECISION_COLUMNS, *COPY_COLUMNS, *SCAN_COLUMNS, *MARK_COLUMNS,
            *KIND_COLUMNS, *NOTE_COLUMNS]


def printable_path(path: str) -> str:
    """A file name as valid text: bytes that are not UTF-8 (kept by os.walk as surrogate
    escapes, which no UTF-8 writer accepts) are shown as \\xNN instead of crashing the export."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def neutralise_cell(value: str) -> str:
    """Prefix text a spreadsheet would evaluate (=, +, -, @ ...) with a quote (OWASP's advice)."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def csv_row(result: FileResult, model_ids: Sequence[str]) -> list[str]:
    cells = [
        neutralise_cell(printable_path(result.path)),
        result.kind,
        result.verdict,
        _number(result.fake_probability),
        *(_number(result.model_probabilities.get(m)) for m in model_ids),
        "" if result.frames is None else str(result.frames),
        result.sha256,
        neutralise_cell(result.error),
        neutralise_cell(result.provenance),
        neutralise_cell(result.generator_label),
        result.analysed_at,
        result.app_version,
        result.models,
        _number(result.fake_frame_share),
        "" if result.worst_frame_time is None else f"{result.worst_frame_time:.2f}",
        neutralise_cell(printable_path(result.folder)),
        result.decided_by,
        result.scan,
        result.confirmed,
        result.resembles,
        neutralise_cell(NOTE_SEPARATOR.join(result_notes(result))),
    ]
    return cells


def result_notes(result: FileResult) -> list[str]:
    """The sentences that explain a row (English): the file's notes, then the decision's (CSV and JSON)."""
    return result.notes + result.decision_lines()


def _umask() -> int:
    """The process's umask, read without changing it where the system allows (Linux)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # elsewhere: the classic read-by-setting, restored at once
    os.umask(mask)
    return mask


class _AtomicFile:
    """A text file that appears at `path` only when closed without error.

    mkstemp creates its file 0600; the export is a document the user shares, so it
    gets the mode a plain `open()` would give (0666 minus the umask) before the rename.
    """

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        fd, self.tmp = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".part", dir=self.path.parent or ".")
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o666 & ~_umask())
        self.file: IO[str] = os.fdopen(fd, "w", encoding="utf-8", newline="")

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.tmp, self.path)

    def abort(self) -> None:
        self.file.close()
        try:
            os.unlink(self.tmp)
        except OSError:
            pass


class CsvWriter:
    """Streams rows as a scan yields them; the file appears complete on `close()`.

    Use as a context manager: on an exception the rows written so far are still
    committed (a cancelled or interrupted scan keeps its finished rows). The rows wait
    in a temporary file (not in memory) until `close()` adds their `duplicate_group`.
    """

    def __init__(self, path: str | os.PathLike, model_ids: Sequence[str]):
        self.model_ids = list(model_ids)
        self._out = _AtomicFile(path)
        self._writer = csv.writer(self._out.file)
        self._writer.writerow(csv_columns(self.model_ids))
        self._body = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
        self._body_writer = csv.writer(self._body)
        self._copies = CopyFinder()
        self.rows = 0

    def write(self, result: FileResult) -> None:
        self._body_writer.writerow(csv_row(result, self.model_ids))
        self._copies.add(result.picture_hash)
        self.rows += 1

    def close(self) -> None:
        groups = self._copies.groups
        at = csv_columns(self.model_ids).index(COPY_COLUMNS[0])  # columns appended later follow it
        self._body.seek(0)
        for row, cells in enumerate(csv.reader(self._body)):
            self._writer.writerow([*cells[:at], str(groups.get(row, "")), *cells[at:]])
        self._body.close()
        self._out.commit()

    def __enter__(self) -> CsvWriter:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def write_csv(results: Iterable[FileResult], path: str | os.PathLike, model_ids: Sequence[str]) -> int:
    with CsvWriter(path, model_ids) as writer:
        for result in results:
            writer.write(result)
        return writer.rows


def result_record(result: FileResult) -> dict[str, Any]:
    """Everything known about a file, for JSON (no pixels)."""
    record: dict[str, Any] = {
        "path": printable_path(result.path),
        "kind": result.kind,
        "verdict": result.verdict,
        "fake_probability": result.fake_probability,
        "model_probabilities": result.model_probabilities,
        "frames": result.frames,
        "sha256": result.sha256,
        "error": result.error,
        "size_bytes": result.size_bytes,
        "width": result.width,
        "height": result.height,
        "notes": result_notes(result),
        "provenance": result.provenance,
        "generator_label": result.generator_label,
        "analysed_at": result.analysed_at,
        "app_version": result.app_version,
        "models": result.models,
        "fake_frame_share": result.fake_frame_share,
        "worst_frame_time": result.worst_frame_time,
        "folder": printable_path(result.folder),
        "scan": result.scan,
        "not_assessable_reason": result.not_assessable_reason,
        "headline": result.wording.headline,
        "explanation": result.wording.explanation,
        "evidence": result.evidence.to_dict() if result.evidence is not None else None,
        "decided_by": result.decided_by,
        "reasons": [{"code": r.code, "values": dict(r.values)} for r in result.reasons],
        "confirmed": result.confirmed,
        "resembles": result.resembles,
        "taught_familiar": result.taught_familiar,
    }
    if result.kind == "video" and result.ok:
        record["video"] = {
            "frame_indices": result.frame_indices,
            "frame_times": result.frame_times,
            "frame_probabilities": result.frame_probabilities,
            "fake_frame_share": result.fake_frame_share,
            "worst_frames": [result.frame_indices[i] for i in result.worst_frames],
            "worst_frame_time": result.worst_frame_time,
            "fake_stretch_seconds": list(result.fake_stretch) if result.fake_stretch else None,
            "frame_assessable": result.frame_assessable,
        }
    return record


def verdict_words() -> dict[str, str]:
    """Each `verdict` value -> the words the window and reports use for it ("real" -> "No signs of AI
    generation found"): the values are a contract, the words are what a reader saw."""
    from deepfake_desk.core.verdict import Verdict
    from deepfake_desk.core.wording import verdict_wording

    words = {v.value: verdict_wording(v).headline for v in Verdict if v is not Verdict.NOT_ANALYSED}
    words[""] = verdict_wording(Verdict.NOT_ANALYSED).headline + " (see error)"
    return words


def write_json(
    results: Iterable[FileResult], path: str | os.PathLike, models: dict[str, Any] | None = None
) -> int:
    results = list(results)
    records = [result_record(r) for r in results]
    groups = copy_groups([r.picture_hash for r in results])
    for row, record in enumerate(records):
        record["duplicate_group"] = groups.get(row)  # copies among these records (core/copies.py)
    document = {"app": "deepfake-detector", "version": __version__, "models": models or {},
                "verdict_words": verdict_words(), "results": records}
    out = _AtomicFile(path)
    try:
        json.dump(document, out.file, indent=2, ensure_ascii=False)
        out.file.write("\n")
    except BaseException:
        out.abort()
        raise
    out.commit()
    return len(records)
