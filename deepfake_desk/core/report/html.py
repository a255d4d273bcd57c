"""The case file as HTML: self-contained (images inlined as data: URIs), every text escaped.

The same sections feed the PDF (`deepfake_desk.report_pdf` lays each one out with Qt's
QTextDocument, starting each on a new page), so the markup stays inside the HTML
subset Qt renders: tables for layout, simple CSS, no scripts.

Every phrase goes through `translate` (deepfake_desk.core.i18n): English for the CLI,
the window's language when the window saves a report.
"""

from __future__ import annotations

import html
import os
from collections import Counter
from datetime import datetime

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.i18n import Translate, english, translate_message
from deepfake_desk.core.report.case import FLAGGED, FileCase, Picture, Report, ReportContext
from deepfake_desk.core.verdict import VERDICT_ORDER, Verdict
from deepfake_desk.core.copies import copy_groups
from deepfake_desk.core.wording import chance_of_fake, copies_sentence, decided_by_label, percent, verdict_wording

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


def size_text(n: int | None, translate: Translate = english) -> str:
    if n is None:
        return translate("Report", "unknown")
    value, unit = float(n), "bytes"
    for unit in ("bytes", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            break
        value /= 1024
    exact = translate("Report", "{count} bytes").format(count=f"{n:,}")
    return exact if unit == "bytes" else f"{value:.1f} {unit} ({exact})"


def _img(pic: Picture, width: int, translate: Translate = english) -> str:
    shown = min(width, pic.width)
    caption = translate_message(pic.caption, translate)
    return (f'<p><img src="{pic.data_uri}" width="{shown}" alt="{esc(caption)}"><br>'
            f'<span class="caption">{esc(caption)}</span></p>')


def _facts(rows: list[tuple[str, str]]) -> str:
    # Qt's rich text (the PDF) ignores the CSS padding of the cells: a spacer column keeps
    # "Analysed at" from running into its value, in a browser too.
    body = "".join(f'<tr><td><b>{esc(k)}</b></td><td width="12">&nbsp;</td><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="facts" cellspacing="0" cellpadding="1">{body}</table>'


def _grid(headers: list[str], rows: str) -> str:
    """A bordered table (attributes as well as CSS: Qt's rich text reads the attributes)."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    return f'<table class="grid" border="1" cellspacing="0" cellpadding="3"><tr>{head}</tr>{rows}</table>'


def _list(lines: list[str], translate: Translate = english) -> str:
    """A bulleted list of core messages, each in the reader's language when it is a marked one."""
    if not lines:
        return ""
    return "<ul>" + "".join(f"<li>{esc(translate_message(line, translate))}</li>" for line in lines) + "</ul>"


def _verdict_block(result: FileResult, translate: Translate) -> str:
    words = verdict_wording(result.verdict, result.known_fakes, result.not_assessable_reason or result.error,
                            translate)
    colour = VERDICT_COLOURS.get(result.verdict, "#555555")
    score = (translate("Report", "<p>Combined score: <b>{score}</b></p>").format(
        score=esc(chance_of_fake(result.fake_probability, translate))) if result.fake_probability is not None else "")
    return (f'<p class="verdict" style="color: {colour}">{esc(words.headline)}</p>{score}'
            f"<p>{esc(words.explanation)}</p>")


def _models_table(result: FileResult, context: ReportContext, translate: Translate) -> str:
    versions = {m.id: m for m in context.models}
    rows = []
    for score in result.model_scores:
        line = versions.get(score.id)
        rows.append(f"<tr><td>{esc(translate('Wording', score.name))}</td><td class=\"mono\">{esc(score.id)}</td>"
                    f"<td>{esc(line.version if line else '')}</td>"
                    f"<td class=\"num\">{esc(chance_of_fake(score.probability, translate))}</td>"
                    f"<td class=\"num\">{esc(percent(score.share, translate))}</td></tr>")
    if not rows:
        return ""
    return _grid([translate("Report", "Model"), "id", translate("Report", "version"), translate("Report", "score"),
                  translate("Report", "counts for")], "".join(rows))


def _credentials_rows(cred, translate: Translate) -> list[tuple[str, str]]:
    validity = {"trusted": translate("Report", "valid, signer on the trust list"),
                "valid": translate("Report", "valid (signer not on a trust list)"),
                "invalid": translate("Report", "do NOT validate")}.get(cred.status, cred.status)
    rows = [(translate("Report", "Content credentials"), esc(validity))]
    rows += [(label, esc(value)) for label, value in (
        (translate("Report", "Made with"), cred.made_with), (translate("Report", "Signed by"), cred.signer),
        (translate("Report", "Certificate"), cred.signer_name), (translate("Report", "Signed at"), cred.signed_at))
        if value]
    rows += [(translate("Report", "Action"), esc(action)) for action in cred.actions]
    return rows


def _evidence_block(case: FileCase, translate: Translate) -> str:
    evidence = case.result.evidence
    parts = [translate("Report", "<h3>What the file says about itself</h3>")]
    if evidence is None:
        parts.append(translate("Report", "<p>Metadata and content credentials are read from images only.</p>"))
    else:
        parts.append(_list(evidence.findings(translate), translate))
        if evidence.credentials.present:
            parts.append(_facts(_credentials_rows(evidence.credentials, translate)))
        exif = [(k, esc(evidence.exif[k])) for k in _EXIF_ESSENTIALS if evidence.exif.get(k)]
        if evidence.source_type:
            exif.insert(0, (translate("Report", "IPTC/XMP digital source type"), esc(evidence.source_type)))
        if exif:
            parts.append(_facts(exif))
        if evidence.generator_label:
            parts.append(translate("Report", "<p><b>Generator label:</b> {label}. Metadata can be forged or stripped: "
                                   "a label is a lead, not proof, and its absence proves nothing.</p>").format(
                label=esc(evidence.generator_label)))
    if case.ela is not None:
        parts.append(translate("Report", "<h3>Error level analysis</h3>") + _img(case.ela, 300, translate))
    if case.ela_note:
        parts.append(f'<p class="small">{esc(translate_message(case.ela_note, translate).replace(chr(10), " "))}</p>')
    return "".join(parts)


def _video_facts(result: FileResult, translate: Translate) -> list[tuple[str, str]]:
    if result.kind != "video" or not result.frames:
        return []
    if result.fake_frame_share is None:
        text = translate("Report", "{frames} sampled evenly").format(frames=result.frames)
    else:
        text = translate("Report", "{frames} sampled evenly; {share} of them look fake on their own").format(
            frames=result.frames, share=percent(result.fake_frame_share, translate))
    return [(translate("Report", "Frames"), esc(text))]


def _file_facts(case: FileCase, context: ReportContext, translate: Translate) -> list[tuple[str, str]]:
    result = case.result
    folder = os.path.dirname(os.path.abspath(result.path))
    dims = (translate("Report", "{width} x {height} pixels").format(width=result.width, height=result.height)
            if result.width and result.height else translate("Report", "unknown"))
    kind = translate("ResultsModel", result.kind.capitalize()).lower() if result.kind else translate(
        "Report", "not recognised")
    sha = result.sha256 or translate("Report", "not computed (the file could not be read)")
    return [(translate("Report", "File"), esc(case.name)), (translate("Report", "Folder"), esc(folder)),
            (translate("Report", "Size"), esc(size_text(result.size_bytes, translate))),
            (translate("Report", "Kind"), esc(kind)), (translate("Report", "Dimensions"), esc(dims)),
            *_video_facts(result, translate), ("sha256", f'<span class="mono">{esc(sha)}</span>'),
            *([(translate("Report", "Decided by"), esc(decided_by_label(result.decided_by, result.reasons, translate)))]
              if result.decided_by else []),
            (translate("Report", "Analysed at"), esc(when(case.analysed_at))),
            (translate("Report", "With"), esc(translate("Report", "Deepfake Detector {version}, models listed below")
                                              .format(version=context.app_version))),
            *_mark_facts(result, translate)]


def _mark_facts(result: FileResult, translate: Translate) -> list[tuple[str, str]]:
    """The user's own mark on the file (results table), when there is one."""
    marks = {"fake": translate("Report", "confirmed fake"), "real": translate("Report", "confirmed real")}
    return [(translate("Report", "Marked by you"), esc(marks[result.confirmed]))] if result.confirmed in marks else []


def file_section(case: FileCase, context: ReportContext, title: str | None = None,
                 translate: Translate = english) -> str:
    """One file's page."""
    result = case.result
    parts = [f"<h1>{esc(title)}</h1>" if title else f"<h2>{esc(case.name)}</h2>",
             _facts(_file_facts(case, context, translate))]
    if result.verdict == Verdict.NOT_ANALYSED:  # unreadable (a not-assessable picture still has its page)
        parts.append(_verdict_block(result, translate))
        parts.append(translate("Report", "<p>Nothing else could be checked: no score, no map and no metadata are "
                               "available for a file that cannot be read.</p>"))
        return "".join(parts)
    parts.append(_verdict_block(result, translate))
    parts.append(_list(result.decision_lines(translate) + result.notes + case.notes, translate))
    parts.append(_models_table(result, context, translate))
    cells = [_img(p, 300 if case.fake_map or len(case.pictures) < 2 else 220, translate) for p in case.pictures]
    if case.fake_map is not None:
        cells.append(_img(case.fake_map, 300, translate))
    if cells:
        parts.append('<table><tr>' + "".join(f'<td style="padding-right: 8pt">{c}</td>' for c in cells)
                     + "</tr></table>")
    if case.map_note:
        parts.append(f'<p class="small">{esc(translate_message(case.map_note, translate))}</p>')
    parts.append(_evidence_block(case, translate))
    return "".join(parts)


def about_section(context: ReportContext, translate: Translate = english) -> str:
    """The models used (names, versions, hashes) and what they can and cannot tell (the model card's own
    sentences, in its language)."""
    rows = "".join(f"<tr><td>{esc(translate('Wording', m.name))}</td><td class=\"mono\">{esc(m.id)}</td>"
                   f"<td>{esc(m.version)}</td><td class=\"num\">{esc(percent(m.share, translate))}</td>"
                   f"<td class=\"mono\">{esc(m.sha256)}</td></tr>" for m in context.models)
    bands = context.bands
    band_words = translate("Report", "Verdict bands: {real} below {t_real}, {fake} from {t_fake}, {uncertain} "
                           "between.").format(
        real=esc(verdict_wording(Verdict.REAL, translate=translate).headline), t_real=esc(percent(bands.t_real, translate)),
        fake=esc(verdict_wording(Verdict.FAKE, translate=translate).headline), t_fake=esc(percent(bands.t_fake, translate)),
        uncertain=esc(verdict_wording(Verdict.UNCERTAIN, translate=translate).label))
    if context.manifest_created:
        band_words += " " + translate("Report", "Models manifest of {date}.").format(date=esc(context.manifest_created))
    parts = [translate("Report", "<h2>The models</h2>"),
             _grid([translate("Report", "Model"), "id", translate("Report", "version"),
                    translate("Report", "counts for"), "sha256"], rows),
             f'<p class="small">{band_words}</p>']
    if context.problems:
        parts.append(translate("Report", "<p>Models not used:</p>") + _list(context.problems, translate))
    limits = context.limits
    parts.append(translate("Report", "<h2>What these models can and cannot tell</h2>"))
    worth = "".join(f"<li>{esc(line)}</li>" for line in limits.worth(translate))
    parts.append(translate("Report", "<h3>What a score means</h3>") + (f"<ul>{worth}</ul>" if worth else "")
                 + _list(limits.can, translate))
    parts.append(translate("Report", "<h3>Where it means little</h3>") + _list(limits.cannot, translate))
    parts.append('<p class="small">' + translate("Report", "From {source} and the measurements in the models' "
                                                 "manifest.").format(source=esc(translate_message(limits.source, translate)))
                 + "</p>")
    return "".join(parts)


def _summary_rows(rows: list[FileResult], translate: Translate, numbers: dict[int, int] | None = None) -> str:
    """One table row per file: its number in the scan, name, folder, kind, verdict, score, sha256 and note."""
    out = []
    for i, row in enumerate(rows, 1):
        label = (verdict_wording(row.verdict, translate=translate).label if row.ok
                 else translate("Report", "Could not analyse"))
        colour = VERDICT_COLOURS.get(row.verdict, "#555555")
        note = translate_message(row.error or row.provenance, translate) if row.error or row.provenance else row.generator_label
        kind = translate("ResultsModel", row.kind.capitalize()).lower() if row.kind else ""
        number = (numbers or {}).get(id(row), i)
        out.append(f"<tr><td class=\"num\">{number}</td><td>{esc(os.path.basename(row.path))}</td>"
                   f"<td>{esc(os.path.dirname(row.path))}</td><td>{esc(kind)}</td>"
                   f'<td style="color: {colour}"><b>{esc(label)}</b></td>'
                   f"<td class=\"num\">{esc(percent(row.fake_probability, translate))}</td>"
                   f'<td class="mono">{esc(row.sha256[:16])}</td><td>{esc(note)}</td></tr>')
    return "".join(out)


def _rows_headers(translate: Translate) -> list[str]:
    return ["#", translate("Report", "File"), translate("Report", "Folder"), translate("Report", "Kind"),
            translate("Report", "Verdict"), translate("Report", "Score"), "sha256",
            translate("Report", "Error or label")]


def needs_attention(report: Report) -> list[FileResult]:
    """The rows a desk must look at: every file judged fake, uncertain or labelled AI (each has a
    section of its own), and every file that could not be analysed."""
    return [r for r in report.rows if r.verdict in FLAGGED or not r.ok]


def summary_section(report: Report, translate: Translate = english) -> str:
    """A scan's first page: what was scanned, when, with what, the counts per verdict, and the files
    that need attention (the others are rows of one table at the end)."""
    context = report.context
    counts = Counter(Verdict.from_value(r.verdict) for r in report.rows)
    tally = ", ".join(f"{counts[v]} {verdict_wording(v, translate=translate).label.lower()}" for v in VERDICT_ORDER
                      if counts[v])
    analysed = sorted(r.analysed_at for r in report.rows if r.analysed_at)
    when_analysed = (analysed[0] if len(set(analysed)) <= 1 else f"{analysed[0]} – {analysed[-1]}") if analysed else ""
    models = sorted({r.models for r in report.rows if r.models})
    facts = [(translate("Report", "Scanned"), esc("; ".join(report.scanned))),
             (translate("Report", "Files"), esc(f"{len(report.rows)}: {tally}")),
             (translate("Report", "Analysed at"), esc(when_analysed)),
             (translate("Report", "Report made at"), esc(when(context.created_at))),
             (translate("Report", "With"), esc(f"Deepfake Detector {context.app_version}")
              + (f' <span class="mono">{esc("; ".join(models))}</span>' if models else ""))]
    numbers = {id(r): i for i, r in enumerate(report.rows, 1)}
    attention = needs_attention(report)
    flagged = ", ".join(verdict_wording(v, translate=translate).label.lower() for v in FLAGGED)
    parts = [translate("Report", "<h1>Scan report</h1>"), _facts(facts),
             translate("Report", "<h2>Files that need attention: {count}</h2>").format(count=len(attention))]
    if attention:
        parts.append(translate("Report", "<p>Each file judged {flagged} has a section of its own after this page; "
                               "files that could not be analysed need checking by hand. The other files are rows of "
                               "one table at the end.</p>").format(flagged=esc(flagged)))
        parts.append(_grid(_rows_headers(translate), _summary_rows(attention, translate, numbers)))
    else:
        parts.append(translate("Report", "<p>None: no file was judged {flagged}, and every file could be analysed. "
                               "The files are listed at the end.</p>").format(flagged=esc(flagged)))
    return "".join(parts)


def other_files_section(report: Report, translate: Translate = english) -> str:
    """Every file that needs no attention ("No signs found", not assessable), as rows of one table."""
    attention = {id(r) for r in needs_attention(report)}
    others = [r for r in report.rows if id(r) not in attention]
    if not others:
        return ""
    numbers = {id(r): i for i, r in enumerate(report.rows, 1)}
    return (translate("Report", "<h2>The other files: {count}</h2>").format(count=len(others))
            + translate("Report", "<p>The sha256 column shows the first 16 characters of each file's hash.</p>")
            + _grid(_rows_headers(translate), _summary_rows(others, translate, numbers)))


def copies_section(report: Report, translate: Translate = english) -> str:
    """A scan's copies of one picture (core/copies.py): how many, and which files, by their summary
    number; '' when no picture has a copy."""
    groups = copy_groups([r.picture_hash for r in report.rows])
    if not groups:
        return ""
    members: dict[int, list[int]] = {}
    for row, group in sorted(groups.items()):
        members.setdefault(group, []).append(row)
    rows = "".join(
        f'<tr><td class="num">{esc(group)}</td><td>'
        + esc(", ".join(f"#{row + 1} {os.path.basename(report.rows[row].path)}" for row in files)) + "</td></tr>"
        for group, files in sorted(members.items()))
    return (translate("Report", "<h2>Copies of one picture</h2>")
            + f"<p>{esc(copies_sentence(len(groups), len(members), translate))}</p>"
            + _grid([translate("Report", "Copy group"), translate("Report", "Files (# as in the table above)")], rows))


def report_sections(report: Report, translate: Translate = english) -> list[str]:
    """The report's sections, each of which starts a new page in print. A scan: one summary page, a
    section per file that needs attention, the other files in one table, then the models."""
    if report.is_scan:
        tail = other_files_section(report, translate)
        return ([summary_section(report, translate) + copies_section(report, translate)]
                + [file_section(case, report.context, translate=translate) for case in report.cases]
                + [tail + about_section(report.context, translate)])
    return [file_section(case, report.context, translate("Report", "Verification report"), translate)
            + about_section(report.context, translate) for case in report.cases]


def report_title(report: Report, translate: Translate = english) -> str:
    """The document's title (HTML <title>, PDF metadata)."""
    if report.is_scan:
        return translate("Report", "Scan report")
    return translate("Report", "Verification report: {name}").format(name=report.cases[0].name)


def render_html(report: Report, translate: Translate = english) -> str:
    """The whole report as one self-contained HTML document, in the language of `translate`."""
    body = PAGE_BREAK.join(f"<div class=\"section\">{s}</div>" for s in report_sections(report, translate))
    language = translate("Report", "en")  # the catalog's own language code: lang="id" in Indonesian
    return (f'<!DOCTYPE html>\n<html lang="{esc(language)}"><head><meta charset="utf-8">'
            f'<title>{esc(report_title(report, translate))}</title>'
            f'<meta name="generator" content="Deepfake Detector {esc(report.context.app_version)}">'
            f"<style>{CSS}</style></head><body>{body}</body></html>\n")


def write_html(report: Report, path: str | os.PathLike, translate: Translate = english) -> None:
    """Write the HTML report, complete or not at all (a temporary file renamed)."""
    target = os.fspath(path)
    temporary = f"{target}.part"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(render_html(report, translate))
    os.replace(temporary, target)

