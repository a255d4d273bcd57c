"""The case file as HTML: self-contained (images inlined as data: URIs), every text escaped.

The same sections feed the PDF (`deepfake_desk.report_pdf` lays each one out with Qt's
QTextDocument, starting each on a new page), so the markup stays inside the HTML
subset Qt renders: tables for layout, simple CSS, no scripts.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from datetime import datetime

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.report.case import FLAGGED, FileCase, Picture, Report, ReportContext
from deepfake_desk.core.verdict import VERDICT_ORDER, Verdict
from deepfake_desk.core.wording import chance_of_fake, percent, verdict_wording

PAGE_BREAK = '<div class="page-break"></div>'
VERDICT_COLOURS = {Verdict.FAKE: "#b3261e", Verdict.LABELLED_AI: "#7b1fa2", Verdict.UNCERTAIN: "#a05a00",
                   Verdict.REAL: "#1b6e3a", Verdict.NOT_ASSESSABLE: "#555555", Verdict.NOT_ANALYSED: "#555555"}
_EXIF_ESSENTIALS = ("Make", "Model", "DateTimeOriginal", "DateTime", "Software", "Artist", "ImageDescription")

CSS = """
body { font-family: sans-serif; font-size: 10pt; color: #1a1a1a; max-width: 60em; margin: 1em auto; }
h1 { font-size: 16pt; margin: 0 0 4pt 0; }
h2 { font-size: 13pt; margin: 10pt 0 4pt 0; }
h3 { font-size: 11pt; margin: 8pt 0 2pt 0; }
p { margin: 2pt 0 4pt 0; }
table.facts td { padding: 1pt 6pt 1pt 0; vertical-align: top; }
table.grid { border-collapse: collapse; }
table.grid th, table.grid td { border: 1px solid #bbbbbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
table.grid th { background-color: #eeeeee; }
td.num { text-align: right; }
.verdict { font-size: 15pt; font-weight: bold; }
.small { font-size: 8pt; color: #444444; }
.mono { font-family: monospace; font-size: 8pt; }
.caption { font-size: 8pt; color: #444444; }
.page-break { page-break-before: always; }
@media print { body { max-width: none; margin: 0; } }
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def when(moment: datetime) -> str:
    """'2026-12-01 23:10:05 UTC+01:00 (CET)': local time with its offset and zone name."""
    offset = moment.strftime("%z")
    offset = f"{offset[:3]}:{offset[3:]}" if offset else ""
    zone = moment.tzname() or ""
    return f"{moment:%Y-%m-%d %H:%M:%S} UTC{offset}" + (f" ({zone})" if zone and zone != f"UTC{offset}" else "")


def size_text(n: int | None) -> str:
    if n is None:
        return "unknown"
    value, unit = float(n), "bytes"
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    return f"{n:,} bytes" if unit == "bytes" else f"{value:.1f} {unit} ({n:,} bytes)"


def _img(pic: Picture, width: int) -> str:
    shown = min(width, pic.width)
    return (f'<p><img src="{pic.data_uri}" width="{shown}" alt="{esc(pic.caption)}"><br>'
            f'<span class="caption">{esc(pic.caption)}</span></p>')


def _facts(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td><b>{esc(k)}</b></td><td>{v}</td></tr>" for k, v in rows)
    return f'<table class="facts" cellspacing="0" cellpadding="1">{body}</table>'


def _grid(headers: list[str], rows: str) -> str:
    """A bordered table (attributes as well as CSS: Qt's rich text reads the attributes)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f'<table class="grid" border="1" cellspacing="0" cellpadding="3"><tr>{head}</tr>{rows}</table>'


def _list(lines: list[str]) -> str:
    return "<ul>" + "".join(f"<li>{esc(line)}</li>" for line in lines) + "</ul>" if lines else ""


def _verdict_block(result: FileResult) -> str:
    words = result.wording
    colour = VERDICT_COLOURS.get(result.verdict, "#555555")
    score = (f"<p>Combined score: <b>{esc(chance_of_fake(result.fake_probability))}</b></p>"
             if result.fake_probability is not None else "")
    return (f'<p class="verdict" style="color: {colour}">{esc(words.headline)}</p>{score}'
            f"<p>{esc(words.explanation)}</p>")


def _models_table(result: FileResult, context: ReportContext) -> str:
    versions = {m.id: m for m in context.models}
    rows = []
    for score in result.model_scores:
        line = versions.get(score.id)
        rows.append(f"<tr><td>{esc(score.name)}</td><td class=\"mono\">{esc(score.id)}</td>"
                    f"<td>{esc(line.version if line else '')}</td>"
                    f"<td class=\"num\">{esc(chance_of_fake(score.probability))}</td>"
                    f"<td class=\"num\">{esc(percent(score.share))}</td></tr>")
    if not rows:
        return ""
    return _grid(["Model", "id", "version", "score", "counts for"], "".join(rows))


def _evidence_block(case: FileCase) -> str:
    evidence = case.result.evidence
    parts = ["<h3>What the file says about itself</h3>"]
    if evidence is None:
        parts.append("<p>Metadata and content credentials are read from images only.</p>")
    else:
        parts.append(_list(evidence.findings()))
        cred = evidence.credentials
        if cred.present:
            validity = {"trusted": "valid, signer on the trust list", "valid": "valid (signer not on a trust list)",
                        "invalid": "do NOT validate"}.get(cred.status, cred.status)
            rows = [("Content credentials", esc(validity))]
            rows += [(label, esc(value)) for label, value in (
                ("Made with", cred.made_with), ("Signed by", cred.signer), ("Certificate", cred.signer_name),
                ("Signed at", cred.signed_at)) if value]
            rows += [("Action", esc(action)) for action in cred.actions]
            parts.append(_facts(rows))
        exif = [(k, esc(evidence.exif[k])) for k in _EXIF_ESSENTIALS if evidence.exif.get(k)]
        if evidence.source_type:
            exif.insert(0, ("IPTC/XMP digital source type", esc(evidence.source_type)))
        if exif:
            parts.append(_facts(exif))
        if evidence.generator_label:
            parts.append(f"<p><b>Generator label:</b> {esc(evidence.generator_label)}. Metadata can be forged or "
                         "stripped: a label is a lead, not proof, and its absence proves nothing.</p>")
    if case.ela is not None:
        parts.append(f"<h3>Error level analysis</h3>{_img(case.ela, 300)}")
    if case.ela_note:
        parts.append(f'<p class="small">{esc(case.ela_note)}</p>')
    return "".join(parts)


def _video_facts(result: FileResult) -> list[tuple[str, str]]:
    if result.kind != "video" or not result.frames:
        return []
    share = f"; {percent(result.fake_frame_share)} of them look fake on their own" if result.fake_frame_share is not None else ""
    return [("Frames", esc(f"{result.frames} sampled evenly{share}"))]


def file_section(case: FileCase, context: ReportContext, title: str | None = None) -> str:
    """One file's page."""
    result = case.result
    folder = os.path.dirname(os.path.abspath(result.path))
    dims = f"{result.width} x {result.height} pixels" if result.width and result.height else "unknown"
    facts = [("File", esc(case.name)), ("Folder", esc(folder)), ("Size", esc(size_text(result.size_bytes))),
             ("Kind", esc(result.kind or "not recognised")), ("Dimensions", esc(dims)), *_video_facts(result),
             ("sha256", f'<span class="mono">{esc(result.sha256 or "not computed (the file could not be read)")}</span>'),
             ("Analysed at", esc(when(case.analysed_at))),
             ("With", esc(f"Deepfake Detector {context.app_version}, models listed below"))]
    parts = [f"<h1>{esc(title)}</h1>" if title else f"<h2>{esc(case.name)}</h2>", _facts(facts)]
    if result.verdict == Verdict.NOT_ANALYSED:  # unreadable (a not-assessable picture still has its page)
        parts.append(_verdict_block(result))
        parts.append("<p>Nothing else could be checked: no score, no map and no metadata are available for a file "
                     "that cannot be read.</p>")
        return "".join(parts)
    parts.append(_verdict_block(result))
    parts.append(_list(result.notes + case.notes))
    parts.append(_models_table(result, context))
    cells = [_img(p, 300 if case.fake_map or len(case.pictures) < 2 else 220) for p in case.pictures]
    if case.fake_map is not None:
        cells.append(_img(case.fake_map, 300))
    if cells:
        parts.append('<table><tr>' + "".join(f'<td style="padding-right: 8pt">{c}</td>' for c in cells)
                     + "</tr></table>")
    if case.map_note:
        parts.append(f'<p class="small">{esc(case.map_note)}</p>')
    parts.append(_evidence_block(case))
    return "".join(parts)


def about_section(context: ReportContext) -> str:
    """The models used (names, versions, hashes) and what they can and cannot tell."""
    rows = "".join(f"<tr><td>{esc(m.name)}</td><td class=\"mono\">{esc(m.id)}</td><td>{esc(m.version)}</td>"
                   f"<td class=\"num\">{esc(percent(m.share))}</td><td class=\"mono\">{esc(m.sha256)}</td></tr>"
                   for m in context.models)
    bands = context.bands
    parts = ["<h2>The models</h2>",
             _grid(["Model", "id", "version", "counts for", "sha256"], rows),
             f'<p class="small">Verdict bands: {esc(verdict_wording(Verdict.REAL).headline)} below '
             f"{esc(percent(bands.t_real))}, {esc(verdict_wording(Verdict.FAKE).headline)} from "
             f"{esc(percent(bands.t_fake))}, Uncertain between."
             + (f" Models manifest of {esc(context.manifest_created)}." if context.manifest_created else "") + "</p>"]
    if context.problems:
        parts.append("<p>Models not used:</p>" + _list(context.problems))
    limits = context.limits
    parts.append("<h2>What these models can and cannot tell</h2>")
    parts.append("<h3>What a score means</h3>" + _list(limits.can))
    parts.append("<h3>Where it means little</h3>" + _list(limits.cannot))
    parts.append(f'<p class="small">From {esc(limits.source)} and the measurements in the models\' manifest.</p>')
    return "".join(parts)


def _summary_rows(rows: list[FileResult]) -> str:
    out = []
    for i, row in enumerate(rows, 1):
        label = row.wording.label
        colour = VERDICT_COLOURS.get(row.verdict, "#555555")
        note = row.error or row.provenance or row.generator_label
        out.append(f"<tr><td class=\"num\">{i}</td><td>{esc(os.path.basename(row.path))}</td><td>{esc(row.kind)}</td>"
                   f'<td style="color: {colour}"><b>{esc(label)}</b></td>'
                   f"<td class=\"num\">{esc(percent(row.fake_probability))}</td>"
                   f'<td class="mono">{esc(row.sha256[:16])}</td><td>{esc(note)}</td></tr>')
    return "".join(out)


def summary_section(report: Report) -> str:
    """A scan's first page: what was scanned, the counts, and a row per file."""
    context = report.context
    counts = Counter(Verdict.from_value(r.verdict) for r in report.rows)
    tally = ", ".join(f"{counts[v]} {verdict_wording(v).label.lower()}" for v in VERDICT_ORDER if counts[v])
    pages = len(report.cases)
    facts = [("Scanned", esc("; ".join(report.scanned))), ("Files", esc(f"{len(report.rows)}: {tally}")),
             ("Report made at", esc(when(context.created_at))),
             ("With", esc(f"Deepfake Detector {context.app_version}"))]
    flagged = ", ".join(verdict_wording(v).label.lower() for v in FLAGGED)
    return (f"<h1>Scan report</h1>{_facts(facts)}"
            f"<p>Each file judged {esc(flagged)} has a page of its own after this summary ({pages} "
            f"page{'s' if pages != 1 else ''}). The sha256 column shows the first 16 characters; the pages give "
            "it in full.</p>"
            + _grid(["#", "File", "Kind", "Verdict", "Score", "sha256", "Error or label"], _summary_rows(report.rows)))


def report_sections(report: Report) -> list[str]:
    """The report's sections, each of which starts a new page in print."""
    if report.is_scan:
        return [summary_section(report) + about_section(report.context)] + [
            file_section(case, report.context) for case in report.cases]
    return [file_section(case, report.context, "Verification report") + about_section(report.context)
            for case in report.cases]


def render_html(report: Report) -> str:
    """The whole report as one self-contained HTML document."""
    title = "Scan report" if report.is_scan else f"Verification report: {report.cases[0].name}"
    body = PAGE_BREAK.join(f"<div class=\"section\">{s}</div>" for s in report_sections(report))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>'
            f'<meta name="generator" content="Deepfake Detector {esc(report.context.app_version)}">'
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")


def write_html(report: Report, path: str | os.PathLike) -> None:
    """Write the HTML report, complete or not at all (a temporary file renamed)."""
    target = os.fspath(path)
    temporary = f"{target}.part"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(render_html(report))
    os.replace(temporary, target)
