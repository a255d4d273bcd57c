"""About, Help and Preferences: what the app does, how to read it, what it runs on.

About draws the pipeline from file to verdict and shows a model card per manifest
model (training data, held-out metrics, weak spots, and models/MODEL_CARD.md when
shipped). Help explains verdicts and shortcuts and offers a diagnostics block to
copy into an offline problem report.
"""

from __future__ import annotations

import html
import json
import platform
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLocale, QPointF, QRectF, QSize, Qt, qVersion
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from deepfake_desk import __version__
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.manifest import Manifest, ModelSpec
from deepfake_desk.core.user_models import TaughtDetector
from deepfake_desk.gui.actions import shortcut_list
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, translate_message
from deepfake_desk.core.report.limits import model_limits
from deepfake_desk.core.worth import verdict_worth
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.style import verdict_colour
from deepfake_desk.gui.words import verdict_headline, verdict_label

# (step, what happens there), English; translated under "Dialogs" when drawn.
PIPELINE = (
    (QT_TRANSLATE_NOOP("Dialogs", "File"), QT_TRANSLATE_NOOP("Dialogs", "image or video")),
    (QT_TRANSLATE_NOOP("Dialogs", "Decode"), QT_TRANSLATE_NOOP("Dialogs", "EXIF turned, frames sampled")),
    (QT_TRANSLATE_NOOP("Dialogs", "Crops"), QT_TRANSLATE_NOOP("Dialogs", "faces found; each model's size")),
    (QT_TRANSLATE_NOOP("Dialogs", "Models"), QT_TRANSLATE_NOOP("Dialogs", "ONNX, on this computer")),
    (QT_TRANSLATE_NOOP("Dialogs", "Calibration"), QT_TRANSLATE_NOOP("Dialogs", "scores become probabilities")),
    (QT_TRANSLATE_NOOP("Dialogs", "Fusion"), QT_TRANSLATE_NOOP("Dialogs", "weighted combination")),
    (QT_TRANSLATE_NOOP("Dialogs", "Verdict"), QT_TRANSLATE_NOOP("Dialogs", "no signs · uncertain · fake; or not assessable")),
)

class PipelineDiagram(QWidget):
    """The flow from file to verdict, drawn as boxes and arrows."""

    def __init__(self, manifest: Manifest | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.steps = [(translate("Dialogs", step), translate("Dialogs", what)) for step, what in PIPELINE]
        if manifest is not None:  # say what this installation actually runs
            n = len(manifest.listed_ids)
            self.steps[3] = (self.steps[3][0], self.tr("%n ONNX model(s), on this computer", "", n))
            self.steps[5] = (self.steps[5][0], manifest.fusion.method.replace("_", " "))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(86)
        self.setAccessibleName(self.tr("Pipeline: {steps}").format(steps=" → ".join(step for step, _ in self.steps)))

    def sizeHint(self) -> QSize:
        return QSize(7 * 100 + 6 * 26, 86)

    def minimumSizeHint(self) -> QSize:
        return QSize(7 * 92 + 6 * 14, 86)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        n = len(self.steps)
        gap = 26 if self.width() >= 7 * 90 + 6 * 26 else 16  # arrows stay visible when narrow
        box_w = (self.width() - 1 - gap * (n - 1)) / n
        box_h = self.height() - 8
        title_font = QFont(self.font())
        title_font.setBold(True)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.8))
        for i, (title, subtitle) in enumerate(self.steps):
            x = i * (box_w + gap) + 0.5
            rect = QRectF(x, 4.5, box_w, box_h)
            last = i == n - 1
            border = verdict_colour(Verdict.REAL) if last else pal.color(QPalette.ColorRole.Highlight)
            painter.setPen(QPen(border, 1.5))
            painter.setBrush(pal.color(QPalette.ColorRole.Base))
            painter.drawRoundedRect(rect, 8, 8)
            painter.setPen(pal.color(QPalette.ColorRole.Text))
            painter.setFont(title_font)
            painter.drawText(rect.adjusted(4, 8, -4, -box_h / 2), Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, title)
            painter.setFont(small)
            painter.drawText(rect.adjusted(6, box_h / 2 - 6, -6, -4),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap, subtitle)
            if not last:
                y = rect.center().y()
                x0, x1 = rect.right() + 3, rect.right() + gap - 3
                painter.setPen(QPen(pal.color(QPalette.ColorRole.WindowText), 1.5))
                painter.drawLine(QPointF(x0, y), QPointF(x1 - 4, y))
                painter.setBrush(pal.color(QPalette.ColorRole.WindowText))
                painter.drawPolygon(QPolygonF([QPointF(x1, y), QPointF(x1 - 6, y - 4), QPointF(x1 - 6, y + 4)]))
        painter.end()


# Manifest keys as a reader would say them; other keys are shown with spaces for underscores.
KEY_WORDS = {
    "n": QT_TRANSLATE_NOOP("Dialogs", "images"),
    "accuracy": QT_TRANSLATE_NOOP("Dialogs", "accuracy"),
    "roc_auc": QT_TRANSLATE_NOOP("Dialogs", "ROC AUC"),
    "average_precision": QT_TRANSLATE_NOOP("Dialogs", "average precision"),
    "ece": QT_TRANSLATE_NOOP("Dialogs", "calibration error (ECE)"),
    "test_clean": QT_TRANSLATE_NOOP("Dialogs", "test set, as is"),
    "test_jpeg70": QT_TRANSLATE_NOOP("Dialogs", "test set re-saved as JPEG 70"),
    "test_down0.5": QT_TRANSLATE_NOOP("Dialogs", "test set at half size"),
    "bands_on_test": QT_TRANSLATE_NOOP("Dialogs", "verdict bands on the test set"),
    "uncertain_share": QT_TRANSLATE_NOOP("Dialogs", "share judged uncertain"),
    "decided_accuracy": QT_TRANSLATE_NOOP("Dialogs", "accuracy when decided"),
    "fake_called_real": QT_TRANSLATE_NOOP("Dialogs", "fakes called real"),
    "real_called_fake": QT_TRANSLATE_NOOP("Dialogs", "reals called fake"),
    "measured_by": QT_TRANSLATE_NOOP("Dialogs", "measured by"),
    "train_images": QT_TRANSLATE_NOOP("Dialogs", "training images"),
    "sources": QT_TRANSLATE_NOOP("Dialogs", "sources"),
    "command": QT_TRANSLATE_NOOP("Dialogs", "command"),
    "all": QT_TRANSLATE_NOOP("Dialogs", "all sources"),
}


def _key(key: Any) -> str:
    text = str(key)
    if "/" in text:  # a data source ("faces/stylegan_ffhq"): a name to keep exactly
        return html.escape(text)
    return html.escape(translate("Dialogs", KEY_WORDS[text]) if text in KEY_WORDS else text.replace("_", " "))


def _fmt_scalar(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return translate("Dialogs", "yes") if value else translate("Dialogs", "no")
    if isinstance(value, float):
        # 0.0001 must not read as 0.000: small and large numbers keep 3 significant digits
        return f"{value:.3f}" if 0.01 <= abs(value) < 1000 or value == 0 else f"{value:.3g}"
    if isinstance(value, (list, tuple)) and all(not isinstance(v, (dict, list)) for v in value):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value))


def _is_table(value: Any) -> bool:
    """A dict of dicts of scalars (e.g. metrics per source) reads best as a table."""
    return (isinstance(value, dict) and len(value) > 1 and all(isinstance(v, dict) for v in value.values())
            and all(not isinstance(x, (dict, list)) for v in value.values() for x in v.values()))


def metrics_html(value: Any) -> str:
    """Free-form manifest JSON (metrics, training data) as readable HTML."""
    if _is_table(value):
        columns: list[str] = []
        for row in value.values():
            columns.extend(c for c in row if c not in columns)
        head = "".join(f"<th align='right'>{_key(c)}</th>" for c in columns)
        rows = "".join(
            f"<tr><td>{_key(k)}</td>"
            + "".join(f"<td align='right'>{_fmt_scalar(r.get(c, ''))}</td>" for c in columns) + "</tr>"
            for k, r in value.items()
        )
        return f"<table cellspacing='0' cellpadding='3'><tr><th></th>{head}</tr>{rows}</table>"
    if isinstance(value, dict) and value and all(not isinstance(v, (dict, list)) for v in value.values()):
        return " · ".join(f"{_key(k)} <b>{_fmt_scalar(v)}</b>" for k, v in value.items())
    if isinstance(value, dict):
        if not value:
            return translate("Dialogs", "<i>not given</i>")
        items = "".join(f"<li><b>{_key(k)}</b>: {metrics_html(v)}</li>" for k, v in value.items())
        return f"<ul style='margin-top:0'>{items}</ul>"
    if isinstance(value, list) and any(isinstance(v, (dict, list)) for v in value):
        return "<ul style='margin-top:0'>" + "".join(f"<li>{metrics_html(v)}</li>" for v in value) + "</ul>"
    return _fmt_scalar(value)


def model_card_html(model_id: str, spec: ModelSpec | None, problem: str | None) -> str:
    """One model's card, from its parsed manifest entry (None: the entry itself is broken)."""
    status = (f"<p style='color:{verdict_colour(Verdict.FAKE).name()}'>"
              + translate("Dialogs", "<b>Not in use:</b> {problem}").format(problem=html.escape(problem)) + "</p>"
              if problem else "")
    if spec is None:
        return f"<h3>{html.escape(model_id)}</h3>{status}"
    weak_html = ("<ul style='margin-top:0'>" + "".join(f"<li>{html.escape(w)}</li>" for w in spec.weak_spots)
                 + "</ul>" if spec.weak_spots
                 else translate("Dialogs", "<i>none listed for this model; see the general weak spots on the About "
                                "tab</i>"))
    facts = translate("Dialogs", "<p>Technical name: <b>{name}</b></p><p>id <code>{id}</code> · version {version} · "
                      "file <code>{file}</code> · input {width} × {height} px · fusion weight {weight}<br>sha256 "
                      "<code>{sha256}</code></p>").format(
        name=html.escape(spec.name), id=html.escape(spec.id), version=html.escape(spec.version or '–'),
        file=html.escape(spec.path.name), width=spec.width, height=spec.height,
        weight=_fmt_scalar(spec.fusion_weight), sha256=html.escape(spec.sha256))
    return (
        f"<h3>{html.escape(translate('Wording', spec.plain_name or spec.name))}</h3>{status}{facts}"
        + translate("Dialogs", "<p><b>Trained on</b></p>") + metrics_html(spec.training_data)
        + translate("Dialogs", "<p><b>Measured on held-out data</b></p>") + metrics_html(spec.metrics)
        + translate("Dialogs", "<p><b>Weak spots</b></p>") + weak_html
    )


def taught_card_html(taught: TaughtDetector, problem: str) -> str:
    """A detector the user taught: when, from what, and how it did on examples it did not see."""
    entry = taught.entry
    data = entry.get("training_data", {}) if isinstance(entry.get("training_data"), dict) else {}
    check = (entry.get("metrics") or {}).get("cross_validation", {}) if isinstance(entry.get("metrics"), dict) else {}
    backbone = (entry.get("backbone") or {}).get("id", "?") if isinstance(entry.get("backbone"), dict) else "?"
    counts = {k: (data.get(k) or {}).get("count", "?") for k in ("fake", "real")}
    status = (f"<p style='color:{verdict_colour('fake').name()}'><b>Not in use:</b> {html.escape(problem)}</p>"
              if problem else "")
    return (
        f"<h3>Your detector '{html.escape(taught.name)}'</h3>{status}"
        f"<p>Taught {html.escape(str(entry.get('version') or '?'))} from {counts['fake']} fakes and "
        f"{counts['real']} real photos, on the features of <code>{html.escape(str(backbone))}</code>.<br>"
        f"{html.escape(str(check.get('words', '')))} "
        f"(ROC AUC {_fmt_scalar(check.get('roc_auc', '–'))}, {html.escape(str(check.get('method', '')))})<br>"
        f"Stored in <code>{html.escape(str(taught.folder))}</code>; remove it with "
        f"<code>deepfake-detector learn --remove {html.escape(taught.name)}</code>.</p>"
    )


def honest_facts_html(manifest: Manifest) -> str:
    items = "".join(f"<li>{html.escape(f)}</li>" for f in verdict_worth(manifest, translate))
    return translate("Dialogs", "<p><b>What its verdicts are worth</b></p>") + f"<ul>{items}</ul>"


class AboutDialog(QDialog):
    def __init__(self, manifest: Manifest | None, problems: dict[str, str], manifest_error: str = "",
                 parent: QWidget | None = None, taught: list[TaughtDetector] | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Deepfake Detector"))
        self.resize(900, 680)
        tabs = QTabWidget()
        self.tabs = tabs

        intro = QWidget()
        intro_layout = QVBoxLayout(intro)
        text = QLabel(
            f"<h2>Deepfake Detector {__version__}</h2>"
            + self.tr("<p>Checks whether an image or a video is likely to be real, or generated or manipulated by AI "
                      "(a deepfake). Everything runs on this computer: no file ever leaves it, and no internet "
                      "connection is needed.</p>"
                      "<p>Each file goes through the steps below. Several independent models score it; their "
                      "calibrated scores are combined into one chance of fake, which falls into one of three bands: "
                      "<b>{real}</b>, <b>{uncertain}</b> or <b>{fake}</b>. Pictures the models cannot judge (charts, "
                      "screenshots, drawings) are <b>{not_assessable}</b>. Videos are scored on evenly sampled frames "
                      "and judged by their worst stretch.</p>").format(
                real=verdict_label(Verdict.REAL), uncertain=verdict_label(Verdict.UNCERTAIN),
                fake=verdict_label(Verdict.FAKE), not_assessable=verdict_label(Verdict.NOT_ASSESSABLE))
            + (honest_facts_html(manifest) if manifest is not None else "")
        )
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.RichText)
        self.intro = text
        self.pipeline = PipelineDiagram(manifest)
        weak_spots = model_limits(manifest).cannot if manifest is not None else []  # the model card's, as in reports
        weak = QLabel(self.tr("<p><b>What the models are known to get wrong</b></p>") + "<ul>"
                      + "".join(f"<li>{html.escape(translate_message(w, translate))}</li>" for w in weak_spots) + "</ul>"
                      + self.tr("<p>A verdict is evidence for your own verification, not proof.</p>"))
        weak.setWordWrap(True)
        intro_layout.addWidget(text)
        intro_layout.addSpacing(6)
        intro_layout.addWidget(self.pipeline)
        intro_layout.addSpacing(10)
        intro_layout.addWidget(weak)
        intro_layout.addStretch(1)
        tabs.addTab(intro, self.tr("About"))

        self.models_view = QTextBrowser()
        self.models_view.setOpenExternalLinks(False)
        self.model_ids: list[str] = []  # the shipped models; the taught ones have their own section
        self.taught_names = [t.name for t in taught or []]
        if manifest is None:
            body = self.tr("<p><b>No models are loaded.</b> {error}</p>").format(error=html.escape(manifest_error))
        else:
            self.model_ids = [m for m in manifest.listed_ids if m not in self.taught_names]
            fusion = manifest.fusion
            locale = QLocale()
            body = self.tr(
                "<p>Models from <code>{path}</code>. Their calibrated scores are combined by <b>{method}</b>; the "
                "verdict is <i>{real}</i> below {t_real}, <i>{fake}</i> from {t_fake}, uncertain between. In the "
                "window each model goes by a plain name, given with its technical name below.</p>").format(
                path=html.escape(str(manifest.path)), method=html.escape(fusion.method.replace('_', ' ')),
                real=verdict_label(Verdict.REAL).lower(), t_real=locale.toString(manifest.bands.t_real, "f", 2),
                fake=verdict_label(Verdict.FAKE).lower(), t_fake=locale.toString(manifest.bands.t_fake, "f", 2))
            if fusion.loso:
                body += self.tr("<h3>All models combined</h3><p><b>Measured on sources left out of training</b></p>"
                                ) + metrics_html(fusion.loso)
            if fusion.metrics:
                body += self.tr("<h3>All models combined</h3><p><b>Measured on held-out data</b></p>") + metrics_html(
                    fusion.metrics)
            body += "".join(model_card_html(mid, manifest.listed_spec(mid), problems.get(mid))
                            for mid in self.model_ids)
        if taught:
            body += self.tr("<h2>Detectors you taught</h2><p>Each knows one kind of fake from your own examples. "
                            "It can make a verdict fake or uncertain, never real (see docs/teach.md).</p>")
            body += "".join(taught_card_html(t, t.problem or problems.get(t.name, "")) for t in taught)
        self.models_view.setHtml(body)
        tabs.addTab(self.models_view, self.tr("Models"))

        if manifest is not None:
            card = Path(manifest.path).parent / "MODEL_CARD.md"
            if card.is_file():
                browser = QTextBrowser()
                try:
                    browser.setMarkdown(card.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as exc:
                    browser.setPlainText(self.tr("Cannot read {path}: {error}").format(path=card, error=exc))
                tabs.addTab(browser, self.tr("Model card"))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)


def diagnostics_text(describe: dict[str, Any] | None, manifest_error: str = "") -> str:
    """Plain text for a problem report: versions of everything, models with their hashes."""
    import numpy
    import onnxruntime

    try:
        import PySide6

        pyside = PySide6.__version__
    except (ImportError, AttributeError):
        pyside = "?"
    lines = [
        f"Deepfake Detector {__version__}",
        f"OS: {platform.platform()} ({platform.machine()})",
        f"Python: {sys.version.split()[0]}",
        f"Qt: {qVersion()}  PySide6: {pyside}",
        f"onnxruntime: {onnxruntime.__version__}  numpy: {numpy.__version__}",
    ]
    try:
        import cv2
        from PIL import __version__ as pillow

        lines.append(f"OpenCV: {cv2.__version__}  Pillow: {pillow}")
    except ImportError:
        pass
    if describe is None:
        lines.append(f"Models: none loaded ({manifest_error})")
    else:
        lines.append(f"Manifest: {describe['manifest']}")
        lines.append(f"Fusion: {describe['fusion']}  bands: {json.dumps(describe['bands'])}")
        for m in describe["models"]:
            lines.append(f"Model {m['id']} v{m['version'] or '-'} {m['file']} sha256:{m['sha256']}")
        for problem in describe["problems"]:
            lines.append(f"Problem: {problem}")
    return "\n".join(lines)


def how_to_read_html() -> str:
    """The Help dialog's guide to a verdict, in the window's language, in the verdicts' own words."""
    return translate("Dialogs", """
<h3>How to read a verdict</h3>
<p>The large verdict sums up the combined score of all models:</p>
<ul>
<li><b>{fake}</b>: strong signs of AI generation or manipulation. Verify before you use it.</li>
<li><b>{uncertain}</b>: weak or conflicting signs. The models cannot tell; rely on other checks.</li>
<li><b>{real}</b>: the models found none of the fakes they were trained to find.
This is not proof that the file is authentic: other kinds of fakes can pass unnoticed.</li>
<li><b>{not_assessable}</b>: a picture unlike what the models were trained on
(a chart, a screenshot, a drawing, a document): their scores mean nothing there, so no verdict is given. The
reason is given under the verdict.</li>
<li><b>{labelled_ai}</b>: the file says it was made by generative AI. Only content credentials (C2PA) that
validate are verified; an IPTC or XMP label is a line in the file's metadata that anyone can add or remove.
The models' scores are still shown.</li>
</ul>
<p>The <b>File metadata and error levels</b> tab shows what the file says about itself (content credentials,
camera or generator metadata, every metadata field) and, for JPEGs, an error level analysis. Metadata is easy to
strip or forge: read it as one more clue.</p>
<p>Every bar is a <b>chance of fake</b>. The combined one shows where the score falls among the three bands.
Its percentage is calibrated on the kinds of fakes the models were trained on; it is not odds you can count on
for a generator they never saw. That case was measured by leaving each training source out in turn (the model
card, in the About dialog, has the table): most of those fakes landed in <b>{uncertain}</b>, few were called
<b>{real}</b>, and the files the models did decide were mostly decided right. Read a high score as a reason
to check, not as a measured frequency.
Below it, <b>each model</b> has its own bar and says how much it counts in the combined score: a model that
counts for 5% barely moves it, and a grey bar marked "not counted" is shown for reference only. When they
disagree, treat the result with extra care.</p>
<p>For a <b>video</b>, frames are sampled evenly; the chart under the picture shows each frame's chance of fake
over time, and a video is as suspicious as its worst stretch, not its average. The strip shows the frames, the
most suspicious first. Click a frame or a point to see it.</p>
<p>Known weak spots: recompressed images from social networks, generators the models never saw, and photos
without faces. A score is evidence, not proof.</p>
<p>The <b>Language</b> menu switches the window between English and Bahasa Indonesia; the CSV and JSON exports
stay in English so that spreadsheets and scripts read them the same way.</p>
""").format(fake=verdict_label(Verdict.FAKE), uncertain=verdict_label(Verdict.UNCERTAIN),
            real=verdict_headline(Verdict.REAL), not_assessable=verdict_headline(Verdict.NOT_ASSESSABLE),
            labelled_ai=verdict_label(Verdict.LABELLED_AI))


def reporting_html() -> str:
    return translate("Dialogs", """
<h3>Reporting a problem</h3>
<p>Copy the block below into your message (it names none of your files), describe what you did and,
if you can, attach the file that caused the problem.</p>
""")


# Gestures that are not menu actions.
EXTRA_SHORTCUTS = [(QT_TRANSLATE_NOOP("Dialogs", "Double-click"),
                    QT_TRANSLATE_NOOP("Dialogs", "Open the file of a row in the system viewer")),
                   (QT_TRANSLATE_NOOP("Dialogs", "Left / Right"),
                    QT_TRANSLATE_NOOP("Dialogs", "Step through a video's frames (in the frame strip)"))]


def extra_shortcuts() -> list[tuple[str, str]]:
    return [(translate("Dialogs", keys), translate("Dialogs", what)) for keys, what in EXTRA_SHORTCUTS]


def shortcuts_html(shortcuts: list[tuple[str, str]]) -> str:
    rows = "".join(f"<tr><td><b>{html.escape(keys)}</b></td><td>{html.escape(what)}</td></tr>"
                   for keys, what in shortcuts)
    return translate("Dialogs", "<h3>Keyboard shortcuts</h3>") + f"<table cellpadding='3'>{rows}</table>"


class HelpDialog(QDialog):
    def __init__(self, diagnostics: str, parent: QWidget | None = None,
                 shortcuts: list[tuple[str, str]] | None = None):
        super().__init__(parent)
        if shortcuts is None:
            shortcuts = shortcut_list() + extra_shortcuts()
        self.setWindowTitle(self.tr("Help: reading a verdict"))
        self.resize(720, 680)
        guide = QTextBrowser()
        self.guide = guide
        guide.setHtml(how_to_read_html() + shortcuts_html(shortcuts) + reporting_html())
        self.diagnostics = QPlainTextEdit(diagnostics)
        self.diagnostics.setReadOnly(True)
        mono = QFont("monospace")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        self.diagnostics.setFont(mono)
        self.diagnostics.setMaximumHeight(170)
        self.copy_button = QPushButton(self.tr("Copy diagnostics"))
        self.copy_button.clicked.connect(self.copy_diagnostics)
        self.copied = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.copy_button)
        row.addWidget(self.copied, 1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(guide, 1)
        layout.addWidget(self.diagnostics)
        layout.addLayout(row)

    def copy_diagnostics(self) -> None:
        QGuiApplication.clipboard().setText(self.diagnostics.toPlainText())
        self.copied.setText(self.tr("Copied to the clipboard."))


class PreferencesDialog(QDialog):
    def __init__(self, recursive: bool, frames: int, manifest_frames: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.recursive = QCheckBox(self.tr("Include sub-folders when scanning a folder"))
        self.recursive.setChecked(recursive)
        self.frames = QSpinBox()
        self.frames.setRange(0, 64)
        self.frames.setSpecialValueText(self.tr("model default ({frames})").format(frames=manifest_frames))
        self.frames.setValue(frames)
        self.frames.setToolTip(self.tr("More frames: a more reliable video score, but a slower scan."))
        theme = QLabel(self.tr("The colours follow your system's light or dark theme. The language is chosen in "
                               "the Language menu."))
        theme.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        form = QFormLayout()
        form.addRow(self.recursive)
        form.addRow(self.tr("Video frames to sample:"), self.frames)
        form.addRow(theme)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
