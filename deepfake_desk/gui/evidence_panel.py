"""The evidence panel: what a file says about itself, and its error level analysis (ELA).

Shown inside the verdict card under the models' scores. It reports content
credentials and generator metadata in plain words ("the file says it was made by X",
never proof either way) and, for JPEGs, the ELA image beside the picture with a
quality slider. ELA runs on a worker thread at full resolution (re-saving a
24-megapixel JPEG takes about a second) and only the latest request is shown.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, QRunnable, QSize, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk.core import sniff
from deepfake_desk.core.decode_pool import DecodePool
from deepfake_desk.core.evidence import (
    DEFAULT_ELA_QUALITY,
    ELA_HOW_TO_READ,
    LABELLED_AI_TEXT,
    SOURCE_TYPE_WORDS,
    Evidence,
    read_evidence,
)
from deepfake_desk.core.evidence.ela import ElaJob, error_levels
from deepfake_desk.core.i18n import translate_message
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.metadata_table import MetadataTable

ELA_DISPLAY_SIDE = 420  # longest side of the images shown; ELA itself is computed at full size
ELA_DEBOUNCE_MS = 200  # slider moves within this time make one computation
_ELA_QUALITY_RANGE = (50, 100)


def _pixmap(rgb: np.ndarray) -> QPixmap:
    rgb = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
    h, w = rgb.shape[:2]
    image = QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888)
    return QPixmap.fromImage(image.copy())  # copy: the array may be freed before the pixmap


def _is_jpeg(path: str, evidence: Evidence) -> bool:
    """By format, or by the first bytes when the metadata could not be read (a damaged JPEG
    still gets an ELA attempt, whose error then says what is wrong)."""
    if evidence.image_format:
        return evidence.image_format == "JPEG"
    return sniff.sniff_mime(path) == "image/jpeg"


class _ImageView(QLabel):
    """A picture that fits its width, keeps its aspect ratio, and never grows past its own size."""

    def __init__(self, tip: str):
        super().__init__(alignment=Qt.AlignmentFlag.AlignCenter)
        self._source = QPixmap()
        self.setToolTip(tip)
        self.setAccessibleName(tip)
        self.setMinimumSize(80, 60)
        # Expanding both ways: the images take whatever room the card leaves and scale into it.
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def image(self) -> QPixmap:
        """The full thumbnail (what is drawn may be scaled down to fit)."""
        return self._source

    def set_image(self, pixmap: QPixmap) -> None:
        self._source = pixmap
        self._fit()
        self.updateGeometry()

    def clear_image(self) -> None:
        self._source = QPixmap()
        self.clear()
        self.updateGeometry()

    def sizeHint(self) -> QSize:
        return self._source.size() if not self._source.isNull() else QSize(160, 120)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._source.isNull():
            return
        if self._source.width() <= self.width() and self._source.height() <= self.height():
            self.setPixmap(self._source)
        else:  # nearest neighbour: averaging would dim ELA's bright specks
            self.setPixmap(self._source.scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                               Qt.TransformationMode.FastTransformation))


class _ElaSignals(QObject):
    done = Signal(int, int, object, object)  # request id, quality, ELA thumbnail, picture thumbnail
    failed = Signal(int, str)


class _ElaJob(QRunnable):
    """Waits off the GUI thread for one ELA image, computed in the app's decoding processes
    (here when there are none); never touches a widget."""

    def __init__(self, request: int, job: ElaJob, signals: _ElaSignals, pool: DecodePool | None):
        super().__init__()
        self.request, self.job, self.signals, self.pool = request, job, signals, pool

    def run(self) -> None:
        try:
            outcome = error_levels(self.job, self.pool)
            if outcome.error:
                self.signals.failed.emit(self.request, outcome.error)
            else:
                self.signals.done.emit(self.request, self.job.quality, outcome.ela, outcome.picture)
        except Exception as exc:  # a worker must report, never die silently
            self.signals.failed.emit(self.request, f"{type(exc).__name__}: {exc}")


class EvidencePanel(QWidget):
    """What a file says about its origin, and its error level analysis.

    Embedding (in the verdict card, or anywhere)::

        panel = EvidencePanel(parent)           # no other argument
        layout.addWidget(panel)
        panel.show_evidence(result.path, result.evidence)   # a FileResult's evidence, or None to read it here
        panel.clear()                            # when the card shows nothing

    The panel is self-contained: it owns a one-thread pool for ELA, ignores results
    that arrive for a file no longer shown, and emits `ela_ready(quality)` when an
    ELA image is on screen (or `ela_failed(message)`). Videos and non-JPEG images get
    the metadata part only, with a line saying why there is no ELA.
    """

    ela_ready = Signal(int)
    ela_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._path: str | None = None
        self._evidence: Evidence | None = None
        self._request = 0
        self.decoding: Callable[[], DecodePool | None] = lambda: None  # the app's decoding processes, if any
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _ElaSignals(self)
        self._signals.done.connect(self._on_ela_done)
        self._signals.failed.connect(self._on_ela_failed)
        self._debounce = QTimer(self, singleShot=True, interval=ELA_DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_ela)

        self.headline = QLabel(objectName="evidenceHeadline")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.RichText)
        self.findings = QLabel(objectName="evidenceFindings")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        self.ela_box = QGroupBox()
        self.picture = _ImageView("")
        self.ela_image = _ImageView("")
        images = QHBoxLayout()
        images.addWidget(self.picture)
        images.addWidget(self.ela_image)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(*_ELA_QUALITY_RANGE)
        self.slider.setValue(DEFAULT_ELA_QUALITY)
        self.slider.setAccessibleName(self.tr("JPEG quality for error level analysis"))
        self.slider.valueChanged.connect(self._on_quality_changed)
        self.quality_label = QLabel()
        self.status = QLabel(objectName="elaStatus")
        self.status.setWordWrap(True)
        slider_row = QHBoxLayout()
        self.quality_caption = QLabel()
        slider_row.addWidget(self.quality_caption)
        slider_row.addWidget(self.slider, 1)
        slider_row.addWidget(self.quality_label)
        self.how_to_read = QLabel()
        self.how_to_read.setWordWrap(True)
        self.how_to_read.setObjectName("elaHowToRead")
        ela_layout = QVBoxLayout(self.ela_box)
        ela_layout.addLayout(images, 1)
        ela_layout.addLayout(slider_row)
        ela_layout.addWidget(self.status)
        ela_layout.addWidget(self.how_to_read)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        layout.addWidget(self.title)
        layout.addWidget(self.headline)
        layout.addWidget(self.findings)
        # What a generator wrote, in full: the prompt and settings are what a reporter quotes.
        self.generator_box = QGroupBox()
        self.generator_text = QPlainTextEdit(objectName="generatorText")
        self.generator_text.setReadOnly(True)
        self.generator_text.setMaximumHeight(140)
        QVBoxLayout(self.generator_box).addWidget(self.generator_text)
        layout.addWidget(self.generator_box)
        self.metadata_box = QGroupBox()
        self.metadata = MetadataTable()
        QVBoxLayout(self.metadata_box).addWidget(self.metadata)
        layout.addWidget(self.metadata_box, 1)
        layout.addWidget(self.ela_box, 1)
        self.retranslate()
        self.clear()

    def retranslate(self) -> None:
        """The panel's fixed texts in the current language, and the file shown again in it."""
        self.ela_box.setTitle(self.tr("Error level analysis (JPEG)"))
        for view, tip in ((self.picture, self.tr("The picture")),
                          (self.ela_image, self.tr("Error levels at the chosen quality"))):
            view.setToolTip(tip)
            view.setAccessibleName(tip)
        self.quality_caption.setText(self.tr("Re-save quality:"))
        self.how_to_read.setText(translate_message(ELA_HOW_TO_READ, translate).replace("\n", "\n\n"))
        self.title.setText(self.tr("<b>What the file says about itself</b>"))
        self.generator_box.setTitle(self.tr("What the generator wrote into the file (prompt and settings)"))
        self.metadata_box.setTitle(self.tr("All metadata"))
        if self._path is not None and self._evidence is not None:
            self.headline.setText(self._headline_html(self._evidence))
            self.findings.setText(self._findings_html(self._evidence))

    # -- public ------------------------------------------------------------------
    @property
    def path(self) -> str | None:
        return self._path

    @property
    def quality(self) -> int:
        return self.slider.value()

    def show_evidence(self, path: str | Path, evidence: Evidence | None = None) -> None:
        """Show a file's evidence; `None` reads it here (metadata only, a few milliseconds)."""
        self._path = str(path)
        self._evidence = evidence if evidence is not None else read_evidence(path)
        self._request += 1  # results still on their way are for the previous file
        self._debounce.stop()
        self.headline.setText(self._headline_html(self._evidence))
        self.findings.setText(self._findings_html(self._evidence))
        self.generator_text.setPlainText(self._evidence.generator_text)
        self.generator_box.setVisible(bool(self._evidence.generator_text))
        self.metadata.show_tags(self._evidence)
        self.metadata_box.show()
        self.picture.clear_image()
        self.ela_image.clear_image()
        is_jpeg = _is_jpeg(self._path, self._evidence)
        self.ela_box.setEnabled(is_jpeg)
        self.slider.setVisible(is_jpeg)
        self.quality_label.setVisible(is_jpeg)
        self.how_to_read.setVisible(is_jpeg)
        if not is_jpeg:
            self.status.setText(self.tr("Error level analysis is shown for JPEG files only: other formats do not "
                                        "carry the JPEG compression it measures."))
            return
        quality = self._evidence.jpeg_quality or DEFAULT_ELA_QUALITY
        quality = min(max(quality, _ELA_QUALITY_RANGE[0]), _ELA_QUALITY_RANGE[1])
        self.slider.blockSignals(True)  # one computation for the new file, not one per signal
        self.slider.setValue(quality)
        self.slider.blockSignals(False)
        self._show_quality()
        self._start_ela()

    def clear(self) -> None:
        self._path = None
        self._evidence = None
        self._request += 1
        self._debounce.stop()
        self.headline.setText("")
        self.findings.setText("")
        self.generator_text.clear()
        self.generator_box.hide()
        self.metadata.show_tags(None)
        self.metadata_box.hide()
        self.picture.clear_image()
        self.ela_image.clear_image()
        self.status.setText("")
        self.ela_box.setEnabled(False)
        self._show_quality()

    # -- text ----------------------------------------------------------------------
    def _headline_html(self, evidence: Evidence) -> str:
        if evidence.labelled_ai:
            why = (self.tr("valid content credentials") if evidence.credentials.ai_label
                   else self.tr("its IPTC/XMP metadata, a label anyone can add or remove"))
            kind = evidence.credentials.source_types[0] if evidence.credentials.ai_label else evidence.source_type
            words = translate("Evidence", SOURCE_TYPE_WORDS[kind]) if kind in SOURCE_TYPE_WORDS else kind
            return (f'<span style="font-size:large; font-weight:bold">'
                    f'{html.escape(translate("Evidence", LABELLED_AI_TEXT))}</span><br>'
                    + self.tr("The file is labelled as {kind} by {why}. The models' scores are still shown above.")
                    .format(kind=html.escape(words), why=why))
        if evidence.credentials.status == "invalid":
            return self.tr("<b>The file's content credentials do not validate.</b>")
        if evidence.generator_label:
            return self.tr("<b>The file says it was made by {generator}.</b>").format(
                generator=html.escape(evidence.generator_label))
        return ""

    def _findings_html(self, evidence: Evidence) -> str:
        items = "".join(f"<li>{html.escape(line)}</li>" for line in evidence.findings(translate))
        cred = evidence.credentials
        details = []
        if cred.present:
            for name, value in ((self.tr("Made with"), cred.made_with), (self.tr("Signed by"), cred.signer),
                                (self.tr("Certificate"), cred.signer_name), (self.tr("Signed at"), cred.signed_at)):
                if value:
                    details.append(f"<li>{name}: {html.escape(value)}</li>")
            action = self.tr("Action")
            details.extend(f"<li>{action}: {html.escape(a)}</li>" for a in cred.actions)
        extra = self.tr("<p>Content credentials:</p>") + f"<ul>{''.join(details)}</ul>" if details else ""
        return f"<ul>{items}</ul>{extra}"

    # -- ELA -------------------------------------------------------------------------
    def _show_quality(self) -> None:
        self.quality_label.setText(f"{self.slider.value()}")

    @Slot(int)
    def _on_quality_changed(self, _value: int) -> None:
        self._show_quality()
        if self._path and self._evidence is not None and self.ela_box.isEnabled():
            self._debounce.start()

    def _start_ela(self) -> None:
        if not self._path:
            return
        self._request += 1
        self.status.setText(self.tr("Computing error levels at quality {quality}…").format(quality=self.quality))
        with_picture = self.picture.image().isNull()  # the picture is read once per file, not per quality
        job = ElaJob(self._path, self.quality, ELA_DISPLAY_SIDE, with_picture)
        self._pool.start(_ElaJob(self._request, job, self._signals, self.decoding()))

    @Slot(int, int, object, object)
    def _on_ela_done(self, request: int, quality: int, ela: np.ndarray, picture: np.ndarray) -> None:
        if request != self._request:
            return  # the user moved on (another file or another quality)
        if picture is not None:
            self.picture.set_image(_pixmap(picture))
        self.ela_image.set_image(_pixmap(ela))
        status = self.tr("Error levels after re-saving at quality {quality} (amplified; brighter = changed more)."
                         ).format(quality=quality)
        if self._evidence is not None and self._evidence.jpeg_quality:
            status += " " + self.tr("The file itself looks saved at about quality {quality}.").format(
                quality=self._evidence.jpeg_quality)
        self.status.setText(status)
        self.ela_ready.emit(quality)

    @Slot(int, str)
    def _on_ela_failed(self, request: int, message: str) -> None:
        if request != self._request:
            return
        self.status.setText(self.tr("Error level analysis failed: {error}").format(error=message))
        self.ela_failed.emit(message)
