"""The case file: a verification report per file and per scan (records in `case`, HTML in `html`,
the model card's can / cannot in `limits`). The PDF is written outside the core, with Qt
(deepfake_desk.report_pdf)."""

from deepfake_desk.core.report.case import (
    FLAGGED,
    FileCase,
    Report,
    file_case,
    file_report,
    result_report,
    scan_report,
)
from deepfake_desk.core.report.html import render_html, report_sections, write_html
from deepfake_desk.core.report.limits import ModelLimits, model_limits

__all__ = ["FLAGGED", "FileCase", "ModelLimits", "Report", "file_case", "file_report", "model_limits", "render_html",
           "report_sections", "result_report", "scan_report", "write_html"]
