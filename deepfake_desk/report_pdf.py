"""The case file as PDF, with Qt's own text layout and PDF writer (no other dependency).

Each report section is laid out by its own QTextDocument and starts a new page, so a
scan report has its summary and then one page (or more, if it runs long) per file.
Works without a display: with no QGuiApplication yet, one is made on Qt's offscreen
platform. Lives outside deepfake_desk.core, which must not import Qt.
"""

from __future__ import annotations

import base64
import os
import re
import sys
import tempfile

from deepfake_desk.core.report.case import Report
from deepfake_desk.core.i18n import Translate, english
from deepfake_desk.core.report.html import CSS, report_sections, report_title

PDF_DPI = 96  # the layout's pixels are CSS pixels: 96 per inch, as in a browser
MARGIN_MM = 15
_DATA_URI = re.compile(r'src="data:(image/[a-z]+);base64,([A-Za-z0-9+/=]+)"')


def ensure_gui_application():
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["deepfake-detector"])
    return app


def _document(section: str, width: float):
    """A QTextDocument of one section, its inlined images registered as resources (Qt's
    rich text does not read data: URIs)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    doc = QTextDocument()
    doc.setDefaultStyleSheet(CSS)
    doc.setDocumentMargin(0)
    images = []

    def register(match: re.Match) -> str:
        name = f"image{len(images)}"
        image = QImage.fromData(base64.b64decode(match.group(2)))
        images.append(image)  # the document keeps a copy; keep ours until it has one
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name), image)
        return f'src="{name}"'

    doc.setHtml(_DATA_URI.sub(register, section))
    doc.setTextWidth(width)
    return doc


def write_pdf(report: Report, path: str | os.PathLike, translate: Translate = english) -> int:
    """Write the report as a PDF in the language of `translate`; returns the number of pages. The file
    appears only when complete."""
    ensure_gui_application()
    from PySide6.QtCore import QMarginsF, QRectF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    target = os.fspath(path)
    fd, temporary = tempfile.mkstemp(prefix=".report.", suffix=".pdf.part", dir=os.path.dirname(os.path.abspath(target)))
    os.close(fd)
    writer = QPdfWriter(temporary)
    writer.setResolution(PDF_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM), QPageLayout.Unit.Millimeter)
    writer.setTitle(report_title(report, translate))
    writer.setCreator(f"Deepfake Detector {report.context.app_version}")
    area = writer.pageLayout().paintRectPixels(PDF_DPI)
    width, height = float(area.width()), float(area.height())
    painter = QPainter()
    pages = 0
    try:
        if not painter.begin(writer):
            raise OSError(f"cannot write a PDF at {target}")
        for section in report_sections(report, translate):
            doc = _document(section, width)
            doc.setPageSize(QSizeF(width, height))
            for page in range(doc.pageCount()):
                if pages:
                    writer.newPage()
                painter.save()
                painter.translate(0, -page * height)
                doc.drawContents(painter, QRectF(0, page * height, width, height))
                painter.restore()
                pages += 1
        painter.end()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 would hide the report from colleagues
        os.replace(temporary, target)
    finally:
        if painter.isActive():
            painter.end()
        if os.path.exists(temporary):
            os.unlink(temporary)
    return pages
