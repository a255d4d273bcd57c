"""The verdict card: what a journalist reads first about one file.

`VerdictCard` shows the plain-language verdict, the fused probability on a bar with
the verdict bands drawn on it, one bar per manifest model and the "evidence, not
proof" line. It only ever reads a FileResult.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.verdict import Verdict
from deepfake_desk.core.wording import chance_of_fake, provenance_words, share_text
from deepfake_desk.gui.i18n import translate
from deepfake_desk.gui.style import EVIDENCE_LINE, percent, verdict_colour, verdict_pixmap
from deepfake_desk.gui.widgets import clock, human_size
from deepfake_desk.gui.words import message, model_name, shown_wording, verdict_label


@dataclass(frozen=True)
class CardModel:
    """One model as the card shows it: its plain name and how much it counts."""

    id: str
    name: str  # plain ("Detector on general photo features (MobileNetV2)")
    technical_name: str  # the manifest's, for the tooltip ("MobileNetV2 probe (ImageNet features)")
    usable: bool
    share: float  # of the combined score, 0..1 (0 when not usable)


UNCOUNTED_COLOUR = "#a3a3a3"  # a neutral grey, none of the verdicts' colours (style.VERDICT_COLOURS)


class ProbabilityBar(QWidget):
    """A 0-100% bar. With bands, the real/uncertain/fake zones are drawn under the value."""

    def __init__(self, bands: tuple[float, float] | None = None, compact: bool = False, parent: QWidget | None = None,
                 counted: bool = True):
        super().__init__(parent)
        self._value: float | None = None
        self.bands = bands
        self.compact = compact
        # A model that does not count towards the verdict (fusion weight 0) is drawn grey: its
        # score in a verdict's colour would read as a verdict of its own.
        self.counted = counted
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumWidth(120)

    def sizeHint(self) -> QSize:
        return QSize(240, 12 if self.compact else 48)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def value(self) -> float | None:
        return self._value

    def set_value(self, value: float | None) -> None:
        self._value = value
        self.setAccessibleDescription(self.tr("no score") if value is None
                                      else self.tr("{percent} percent fake").format(percent=f"{value * 100:.0f}"))
        self.update()

    def set_bands(self, bands: tuple[float, float] | None) -> None:
        self.bands = bands
        self.update()

    def _colour_for(self, p: float) -> QColor:
        if not self.counted:
            return QColor(UNCOUNTED_COLOUR)
        t_real, t_fake = self.bands or (0.3, 0.7)
        return verdict_colour(Verdict.FAKE if p >= t_fake else Verdict.REAL if p < t_real else Verdict.UNCERTAIN)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        track_h = 10 if self.compact else 16
        track = QRectF(0.5, 0.5 if self.compact else 5.5, self.width() - 1, track_h)
        radius = track_h / 2
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(pal.color(QPalette.ColorRole.Mid).lighter(115) if self.compact else pal.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(track, radius, radius)
        w = track.width()
        value = None if self._value is None else min(1.0, max(0.0, self._value))
        if self.bands and not self.compact:
            # The scale: three tinted zones, the one holding the score tinted strongest,
            # and a knob at the score (a fill would hide the zones it covers).
            t_real, t_fake = self.bands
            painter.save()
            path = QPainterPath()
            path.addRoundedRect(track, radius, radius)
            painter.setClipPath(path)
            for lo, hi, verdict in ((0.0, t_real, Verdict.REAL), (t_real, t_fake, Verdict.UNCERTAIN),
                                    (t_fake, 1.0, Verdict.FAKE)):
                tint = verdict_colour(verdict)
                inside = value is not None and (lo <= value < hi or (hi == 1.0 and value == 1.0))
                tint.setAlpha(150 if inside else 55)
                painter.setBrush(tint)
                painter.drawRect(QRectF(track.left() + lo * w, track.top(), (hi - lo) * w, track.height()))
            painter.restore()
        elif value is not None:
            painter.setBrush(self._colour_for(value))
            painter.drawRoundedRect(QRectF(track.left(), track.top(), max(track_h, value * w), track_h), radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        painter.drawRoundedRect(track, radius, radius)
        if self.bands and not self.compact:
            t_real, t_fake = self.bands
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            for t in (t_real, t_fake):
                x = track.left() + t * w
                painter.drawLine(QPointF(x, track.top()), QPointF(x, track.bottom()))
            if value is not None:
                knob_w = 10.0
                x = min(max(track.left() + value * w, track.left() + knob_w / 2), track.right() - knob_w / 2)
                knob = QRectF(x - knob_w / 2, track.top() - 4, knob_w, track.height() + 8)
                painter.setPen(QPen(pal.color(QPalette.ColorRole.Base), 2))
                painter.setBrush(self._colour_for(value))
                painter.drawRoundedRect(knob, 3, 3)
            font = QFont(self.font())
            font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
            painter.setFont(font)
            painter.setPen(pal.color(QPalette.ColorRole.WindowText))
            # Labels centred under their zone, but kept inside the bar and apart from each
            # other: a manifest's bands can make a zone 1% wide (t_real = 0.01).
            metrics = painter.fontMetrics()
            label_top = track.bottom() + 6
            height = self.height() - label_top
            low, mid, high = (verdict_label(v).lower() for v in (Verdict.REAL, Verdict.UNCERTAIN, Verdict.FAKE))
            real_w, fake_w = metrics.horizontalAdvance(low), metrics.horizontalAdvance(high)
            real_x = min(max(track.left(), track.left() + t_real * w / 2 - real_w / 2), track.right() - real_w)
            fake_x = max(min(track.right() - fake_w, track.left() + (1 + t_fake) * w / 2 - fake_w / 2), track.left())
            mid_w = metrics.horizontalAdvance(mid)
            mid_x = track.left() + (t_real + t_fake) * w / 2 - mid_w / 2
            mid_x = min(max(mid_x, real_x + real_w + 6), fake_x - mid_w - 6)
            for x, text in ((real_x, low), (mid_x, mid), (fake_x, high)):
                painter.drawText(QRectF(x, label_top, metrics.horizontalAdvance(text) + 1, height),
                                 Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
        painter.end()


class VerdictCard(QFrame):
    """The verdict for one file, in plain words, with the scores behind it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("verdictCard")
        # palette(...) keeps the card readable in dark mode: no hard-coded backgrounds.
        self.setStyleSheet(
            "#verdictCard { background: palette(base); border: 1px solid palette(mid); border-radius: 8px; }"
        )
        self.title = QLabel()
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.badge = QFrame()
        self.badge.setObjectName("verdictBadge")
        self.badge_icon = QLabel()
        self.verdict_label = QLabel()
        big = self.verdict_label.font()
        big.setBold(True)
        big.setPointSizeF(big.pointSizeF() * 1.9)
        self.verdict_label.setFont(big)
        badge_layout = QHBoxLayout(self.badge)
        badge_layout.setContentsMargins(12, 6, 16, 6)
        badge_layout.setSpacing(10)
        badge_layout.addWidget(self.badge_icon)
        badge_layout.addWidget(self.verdict_label)
        badge_row = QHBoxLayout()
        badge_row.addWidget(self.badge)
        badge_row.addStretch(1)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        # Both are given escaped text: as AutoText, a line without a tag would show "&#x27;" for "'".
        self.explanation.setTextFormat(Qt.TextFormat.RichText)

        self.fused_caption = QLabel()
        self.fused_value = QLabel()
        self.fused_value.setFont(self._bold())
        self.fused_bar = ProbabilityBar(bands=(0.3, 0.7))

        self.models_caption = QLabel()
        self.models_caption.setFont(self._bold())
        self.models_grid = QGridLayout()
        self.models_grid.setHorizontalSpacing(10)
        self.models_grid.setVerticalSpacing(6)
        self.model_bars: dict[str, ProbabilityBar] = {}
        self.model_values: dict[str, QLabel] = {}
        self._models: list[CardModel] = []
        self._scores_visible = False

        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence = QLabel()
        self.evidence.setWordWrap(True)
        italic = self.evidence.font()
        italic.setItalic(True)
        self.evidence.setFont(italic)
        self.evidence.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        fused_row = QHBoxLayout()
        fused_row.addWidget(self.fused_caption, 1)
        fused_row.addWidget(self.fused_value)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(self.title)
        layout.addWidget(self.meta)
        layout.addLayout(badge_row)
        layout.addWidget(self.explanation)
        layout.addSpacing(4)
        layout.addLayout(fused_row)
        layout.addWidget(self.fused_bar)
        layout.addWidget(self.models_caption)
        layout.addLayout(self.models_grid)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(self.evidence)
        self.retranslate()
        self.show_empty()

    def fused_caption_text(self) -> str:
        return self.tr("Chance of fake, all models combined")

    def retranslate(self) -> None:
        """The fixed texts and the model rows in the current language (the window then shows the file again)."""
        self.fused_bar.setAccessibleName(self.fused_caption_text())
        self.fused_caption.setText(self.fused_caption_text())
        self.models_caption.setText(self.tr("Each model's chance of fake, the one that counts most first"))
        self.evidence.setText(translate("Style", EVIDENCE_LINE))
        if self._models:
            self.set_models(self._models, self.fused_bar.bands or (0.3, 0.7))

    def _bold(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def set_models(self, models: list[CardModel], bands: tuple[float, float]) -> None:
        """One bar per manifest model, in the order given (the window puts the heaviest first)."""
        while self.models_grid.count():
            item = self.models_grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.model_bars.clear()
        self.model_values.clear()
        self.model_labels: dict[str, QLabel] = {}
        self._models = list(models)
        self.fused_bar.set_bands(bands)
        for row, model in enumerate(models):
            name = model_name(model.name)
            counted = model.usable and model.share > 0
            weight = (share_text(model.share, translate) if counted
                      else self.tr("not counted: shown for reference, not part of the verdict") if model.usable
                      else self.tr("not used: see the message above"))
            label = QLabel(f"{html.escape(name)}<br><small>{html.escape(weight)}</small>")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setToolTip(self.tr("{name} (model id {id}); the About dialog has its model card").format(
                name=model.technical_name, id=model.id))
            bar = ProbabilityBar(bands=bands, compact=True, counted=counted)
            bar.setAccessibleName(self.tr("{name}: chance of fake").format(name=name))
            value = QLabel("" if model.usable else self.tr("not available"))
            value.setMinimumWidth(value.fontMetrics().horizontalAdvance(chance_of_fake(1.0, translate)))
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if not model.usable:
                label.setEnabled(False)
                bar.setEnabled(False)
            self.models_grid.addWidget(label, row, 0)
            self.models_grid.addWidget(bar, row, 1, Qt.AlignmentFlag.AlignVCenter)
            self.models_grid.addWidget(value, row, 2)
            self.model_bars[model.id] = bar
            self.model_values[model.id] = value
            self.model_labels[model.id] = label
        self.models_grid.setColumnStretch(0, 3)
        self.models_grid.setColumnStretch(1, 2)
        self._show_scores(self._scores_visible)

    def verdict_text(self) -> str:
        return self.verdict_label.text()

    def _set_badge(self, verdict: str, text: str) -> None:
        self.badge.show()
        self.verdict_label.setText(text)
        self.badge_icon.setPixmap(verdict_pixmap(verdict, 34, self.devicePixelRatioF()))
        colour = verdict_colour(verdict).name()
        self.badge.setStyleSheet(
            f"#verdictBadge {{ background: {colour}; border-radius: 8px; }} #verdictBadge QLabel {{ color: white; }}"
        )

    def _show_scores(self, visible: bool) -> None:
        """Scores are hidden, not shown empty, when there are none (no file, or it failed)."""
        self._scores_visible = visible
        for w in (self.fused_caption, self.fused_value, self.fused_bar, self.models_caption):
            w.setVisible(visible)
        for i in range(self.models_grid.count()):
            widget = self.models_grid.itemAt(i).widget()
            if widget is not None:
                widget.setVisible(visible)
        self.models_caption.setVisible(visible and bool(self.model_bars))

    def _reset_scores(self) -> None:
        self.fused_bar.set_value(None)
        self.fused_value.setText("–")
        for model_id, bar in self.model_bars.items():
            bar.set_value(None)
            if bar.isEnabled():
                self.model_values[model_id].setText("–")

    def show_empty(self) -> None:
        self.title.setText(self.tr("No file selected"))
        self.meta.setText(self.tr("Open a file or scan a folder; select a row to see its verdict here."))
        self._set_badge(Verdict.NOT_ANALYSED, "")
        self.badge.hide()
        self.explanation.setText("")
        self.details.setText("")
        self._reset_scores()
        self._show_scores(False)

    def show_result(self, result: FileResult) -> None:
        self.title.setText(os.path.basename(result.path) or result.path)
        self.title.setToolTip(result.path)
        meta = [translate("ResultsModel", result.kind.capitalize()) if result.kind else self.tr("Unknown type")]
        if result.width and result.height:
            meta.append(self.tr("{width} × {height} px").format(width=result.width, height=result.height))
        if result.size_bytes is not None:
            meta.append(human_size(result.size_bytes))
        if result.frames:
            meta.append(self.tr("%n frame(s) analysed", "", result.frames))
        self.meta.setText("  ·  ".join(meta))
        self._reset_scores()
        self._show_scores(result.ok)
        if not result.ok:
            self._set_badge(Verdict.NOT_ANALYSED, self.tr("Could not analyse"))
            self.explanation.setText(self.tr("<b>Problem:</b> {error}").format(error=html.escape(message(result.error))))
            self.details.setText("")
            return
        wording = shown_wording(result)
        self._set_badge(result.verdict, wording.headline)
        self.explanation.setText(html.escape(wording.explanation))  # rich text: the escapes are read, not shown
        self.fused_caption.setText(self.tr("{caption} (for reference only: no verdict)").format(
            caption=self.fused_caption_text()) if result.verdict == Verdict.NOT_ASSESSABLE
            else self.fused_caption_text())
        self.fused_bar.set_value(result.fake_probability)
        self.fused_value.setText(percent(result.fake_probability))
        for model_id, bar in self.model_bars.items():
            p = result.model_probabilities.get(model_id)
            if bar.isEnabled():
                bar.set_value(p)
                self.model_values[model_id].setText(chance_of_fake(p, translate))
        lines = []
        if result.kind == "video" and result.frames:
            lines.append(self._video_line(result))
        lines.extend(n[0].upper() + n[1:] + "." for n in result.decision_lines(translate))
        lines.extend((lambda n: n[0].upper() + n[1:] + ".")(message(n)) for n in result.notes if n)
        if result.generator_label:
            lines.append(self.tr("The file says it was made by {generator} (see “File metadata”).").format(
                generator=result.generator_label))
        elif result.provenance:
            lines.append(self.tr("{provenance} (See “File metadata”.)").format(
                provenance=provenance_words(result.provenance, translate)))
        self.details.setText("<br>".join(html.escape(line) for line in lines))

    def _video_line(self, result: FileResult) -> str:
        """How many sampled frames look fake, the worst one, and a warning when part of the video does."""
        share = result.fake_frame_share or 0.0
        judged = round(share * result.frames)
        line = self.tr("{judged} of %n sampled frame(s) look fake.", "", result.frames).format(judged=judged)
        if result.worst_frames and result.frame_times:
            worst = result.worst_frames[0]
            time = clock(result.frame_times[worst])
            chance = chance_of_fake(result.frame_probabilities[worst], translate)
            if result.verdict == Verdict.FAKE or judged:
                line += " " + self.tr("The most suspicious frame is at {time} ({chance}).").format(
                    time=time, chance=chance)
            else:  # nothing was judged fake: the top score is not a finding, do not point at it as one
                line += " " + self.tr("No frame is in the fake band; the highest score ({chance}, at {time}) is "
                                      "not a finding.").format(time=time, chance=chance)
        if result.verdict != Verdict.FAKE and share >= 0.25:
            # A mean hides a partly manipulated video: say so where it cannot be missed.
            line += " " + self.tr("Part of this video looks manipulated: check the outlined frames.")
        return line
