"""The evidence records (what a file says about its origin) and their plain-words wording.

Nothing here reads a file: `credentials`, `metadata` and `ela` fill these records.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from deepfake_desk.core.evidence.watermark import WatermarkFinding
from deepfake_desk.core.i18n import QT_TRANSLATE_NOOP, Translate, english, translate_message
from deepfake_desk.core.wording import no_watermark_sentence, watermark_sentence

LABELLED_AI = "labelled-ai"  # FileResult.verdict when a trustworthy AI label is present
LABELLED_AI_TEXT = QT_TRANSLATE_NOOP("Evidence", "Labelled as AI-generated")  # ... and how to say it to the user

# IPTC digital source types (https://cv.iptc.org/newscodes/digitalsourcetype/) that
# label content as made by generative AI: these, and only these, change the verdict.
AI_SOURCE_TYPES = frozenset({"trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia"})
SOURCE_TYPE_WORDS = {
    "trainedAlgorithmicMedia": QT_TRANSLATE_NOOP("Evidence", "made by a generative AI model"),
    "compositeWithTrainedAlgorithmicMedia": QT_TRANSLATE_NOOP("Evidence",
                                                              "a composite that includes AI-generated elements"),
    "algorithmicMedia": QT_TRANSLATE_NOOP("Evidence", "made by an algorithm (not a trained model)"),
    "compositeSynthetic": QT_TRANSLATE_NOOP("Evidence", "a composite of synthetic elements"),
    "algorithmicallyEnhanced": QT_TRANSLATE_NOOP("Evidence", "a capture enhanced by an algorithm"),
    "digitalCapture": QT_TRANSLATE_NOOP("Evidence", "captured by a camera or a scanner"),
    "computationalCapture": QT_TRANSLATE_NOOP("Evidence", "captured by a camera with computational processing"),
    "negativeFilm": QT_TRANSLATE_NOOP("Evidence", "a scan of a film negative"),
    "positiveFilm": QT_TRANSLATE_NOOP("Evidence", "a scan of a film positive"),
    "print": QT_TRANSLATE_NOOP("Evidence", "a scan of a print"),
    "minorHumanEdits": QT_TRANSLATE_NOOP("Evidence", "a capture with minor human edits"),
    "humanEdits": QT_TRANSLATE_NOOP("Evidence", "a capture edited by a person"),
    "compositeCapture": QT_TRANSLATE_NOOP("Evidence", "a composite of captures"),
    "composite": QT_TRANSLATE_NOOP("Evidence", "a composite"),
    "digitalCreation": QT_TRANSLATE_NOOP("Evidence", "made by a person with digital tools"),
    "dataDrivenMedia": QT_TRANSLATE_NOOP("Evidence", "made from data"),
    "screenCapture": QT_TRANSLATE_NOOP("Evidence", "a screen capture"),
    "virtualRecording": QT_TRANSLATE_NOOP("Evidence", "a recording of a virtual event"),
}


def short_source_type(value: Any) -> str:
    """The IPTC short name of a digital source type given as a URI ("trainedAlgorithmicMedia")."""
    return str(value).rstrip("/").rsplit("/", 1)[-1] if value else ""



@dataclass(frozen=True)
class MetadataTag:
    """One metadata field as the file stores it, for the full table: group, name, value in words."""

    group: str  # "EXIF", "EXIF camera settings", "GPS", "XMP", "IPTC", "PNG text", "JPEG comment"
    name: str
    value: str


def clean_date(value: str) -> str:
    """EXIF's "2024:05:01 10:22:33" as "2024-05-01 10:22:33"; anything else unchanged."""
    text = value.strip()
    if len(text) >= 10 and text[4] == ":" and text[7] == ":" and text[:4].isdigit() and text[5:7].isdigit():
        return f"{text[:4]}-{text[5:7]}-{text[8:]}"
    return text


def camera_name(make: str, model: str) -> str:
    """"Canon EOS 5D Mark IV" from Make "Canon" and Model "Canon EOS 5D Mark IV" (not the make twice);
    "NIKON D750" from "NIKON CORPORATION" and "NIKON D750"; "Apple iPhone 12" from "Apple" and "iPhone 12"."""
    make, model = make.strip(), model.strip()
    if not make or not model:
        return make or model
    brand = make.split()[0].lower()
    return model if model.lower().startswith(brand) else f"{make} {model}"


def format_degrees(latitude: float, longitude: float) -> str:
    """Decimal degrees as a map search box takes them: "48.858370, 2.294481"."""
    return f"{latitude:.6f}, {longitude:.6f}"


@dataclass
class ContentCredentials:
    """The C2PA manifest store of a file, as validated offline."""

    # absent | valid | trusted | invalid | unavailable (no c2pa library)
    status: str = "absent"
    claim_generator: str = ""  # the app that wrote the credentials ("Adobe Firefly", "ChatGPT")
    software_agent: str = ""  # the tool named by the creating action, if any ("GPT-4o")
    signer: str = ""  # the signing certificate's organisation
    signer_name: str = ""  # ... and its common name
    signed_at: str = ""  # trusted time stamp, when there is one
    title: str = ""
    actions: list[str] = field(default_factory=list)  # plain lines: "created by X (trainedAlgorithmicMedia)"
    source_types: list[str] = field(default_factory=list)  # IPTC short names declared by the actions
    problems: list[str] = field(default_factory=list)  # why it is invalid, or what could not be checked
    manifests: int = 0

    @property
    def present(self) -> bool:
        return self.status in ("valid", "trusted", "invalid")

    @property
    def valid(self) -> bool:
        """Signature and hashes check out (the signer may still be unknown to us)."""
        return self.status in ("valid", "trusted")

    @property
    def ai_label(self) -> bool:
        return self.valid and any(s in AI_SOURCE_TYPES for s in self.source_types)

    @property
    def made_with(self) -> str:
        return self.software_agent or self.claim_generator

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": self.status, "claim_generator": self.claim_generator, "software_agent": self.software_agent,
            "signer": self.signer, "signer_name": self.signer_name, "signed_at": self.signed_at, "title": self.title,
            "actions": self.actions, "source_types": self.source_types, "problems": self.problems,
            "manifests": self.manifests,
        }


@dataclass
class Evidence:
    """Everything a file says about its origin. Nothing here is proof either way."""

    credentials: ContentCredentials = field(default_factory=ContentCredentials)
    source_type: str = ""  # IPTC/XMP DigitalSourceType (short name), unsigned metadata
    generator: str = ""  # generator named by the metadata: "the file says it was made by X"
    generator_source: str = ""  # where that name was found, in plain words
    generator_details: dict[str, str] = field(default_factory=dict)  # e.g. model, prompt excerpt
    exif: dict[str, str] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)  # PNG text chunks, JPEG comment, XMP creator tool
    remote_credentials_url: str = ""  # credentials stored online (never fetched)
    image_format: str = ""
    jpeg_quality: int | None = None  # estimated from the quantisation tables
    notes: list[str] = field(default_factory=list)  # metadata that could not be read
    tags: list[MetadataTag] = field(default_factory=list)  # every EXIF/GPS/XMP/IPTC/text field, for the full table
    gps: tuple[float, float] | None = None  # (latitude, longitude) in decimal degrees, from EXIF GPS
    generator_text: str = ""  # the full text of the metadata the generator was found in (its prompt and settings)
    # an invisible watermark a generator embeds, read from the full-resolution pixels (evidence/watermark.py)
    watermark: WatermarkFinding | None = None
    watermark_checked: bool = False  # the pixels were read for one (a JPEG decoded smaller is not)

    @property
    def labelled_ai(self) -> bool:
        """A valid C2PA AI label, an IPTC/XMP AI source type, or a generator's invisible watermark:
        sets the verdict to labelled-ai."""
        return self.credentials.ai_label or self.source_type in AI_SOURCE_TYPES or self.watermark is not None

    @property
    def generator_label(self) -> str:
        if self.credentials.ai_label and self.credentials.made_with:
            return self.credentials.made_with
        return self.generator

    @property
    def provenance(self) -> str:
        """One short cell: "c2pa-valid: Adobe Firefly (trainedAlgorithmicMedia)", "iptc: ...", or ""."""
        parts = []
        cred = self.credentials
        if cred.valid:
            who = cred.made_with or cred.signer or "unknown generator"
            kinds = ", ".join(cred.source_types)
            parts.append(f"c2pa-valid: {who}" + (f" ({kinds})" if kinds else ""))
        elif cred.status == "invalid":
            parts.append(f"c2pa-invalid: {cred.problems[0] if cred.problems else 'did not validate'}")
        if self.source_type:
            parts.append(f"iptc: {self.source_type}")
        if self.watermark is not None:
            parts.append(f"watermark: {self.watermark.name}")
        return "; ".join(parts)

    def findings(self, translate: Translate = english) -> list[str]:
        """The evidence in plain sentences, most important first (English unless `translate` says otherwise)."""
        lines = [credentials_sentence(self.credentials, translate)]
        if self.watermark is not None:
            lines.insert(0, watermark_sentence(self.watermark, translate))  # the strongest evidence here
        if self.remote_credentials_url and not self.credentials.present:
            lines.append(translate("Evidence", "The file points to content credentials stored online; this app works "
                                   "offline and did not fetch them."))
        if self.source_type:
            words = SOURCE_TYPE_WORDS.get(self.source_type, "")
            template = (translate("Evidence", "The file's IPTC/XMP metadata gives its digital source type as “{type}” "
                                  "({words}). This label is not signed: anyone can add or remove it.") if words else
                        translate("Evidence", "The file's IPTC/XMP metadata gives its digital source type as “{type}”. "
                                  "This label is not signed: anyone can add or remove it."))
            lines.append(template.format(type=self.source_type, words=translate("Evidence", words) if words else ""))
        if self.generator:
            detail = ", ".join(f"{k}: {v}" for k, v in self.generator_details.items() if k != "prompt")
            lines.append(translate("Evidence", "The file says it was made by {generator} ({where}). Generator "
                                   "metadata is easy to strip and to forge: it is not proof that the image is "
                                   "AI-generated, and its absence is not proof that it is not.").format(
                generator=self.generator, where=self.generator_source + (f"; {detail}" if detail else "")))
        camera = camera_name(self.exif.get("Make", ""), self.exif.get("Model", ""))
        when = clean_date(self.exif.get("DateTimeOriginal") or self.exif.get("DateTime") or "")
        if camera and when:
            lines.append(translate("Evidence", "The file says it was taken with a {camera} on {date} (EXIF). Camera "
                                   "metadata is easy to copy into any file.").format(camera=camera, date=when))
        elif camera:
            lines.append(translate("Evidence", "The file says it was taken with a {camera} (EXIF). Camera metadata is "
                                   "easy to copy into any file.").format(camera=camera))
        elif when:
            lines.append(translate("Evidence", "The file carries the date {date} (EXIF).").format(date=when))
        if self.gps is not None:
            lines.append(translate("Evidence", "The file gives GPS coordinates {where} (latitude, longitude; EXIF). "
                                   "Like all metadata, they can be edited.").format(where=format_degrees(*self.gps)))
        if self.exif.get("Software"):
            lines.append(translate("Evidence", "The file says it was last written by “{software}” (EXIF Software).")
                         .format(software=self.exif["Software"]))
        if not (self.credentials.present or self.source_type or self.generator or camera or self.exif):
            lines.append(translate("Evidence", "The file carries no metadata about how it was made (most shared "
                                   "images have had theirs removed)."))
        if self.watermark_checked and self.watermark is None:
            lines.append(no_watermark_sentence(translate))
        lines.extend(translate_message(note, translate) for note in self.notes)
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "provenance": self.provenance,
            "generator_label": self.generator_label,
            "labelled_ai": self.labelled_ai,
            "content_credentials": self.credentials.to_dict(),
            "iptc_digital_source_type": self.source_type,
            "generator": self.generator,
            "generator_source": self.generator_source,
            "generator_details": self.generator_details,
            "exif": self.exif,
            "text": self.text,
            "remote_credentials_url": self.remote_credentials_url,
            "format": self.image_format,
            "jpeg_quality_estimate": self.jpeg_quality,
            "gps": None if self.gps is None else {"latitude": self.gps[0], "longitude": self.gps[1]},
            "watermark": None if self.watermark is None else {
                "generator": self.watermark.name, "wrong_bits": self.watermark.wrong_bits,
                "bits": self.watermark.total_bits, "float_encoding": self.watermark.encoding.floating,
                "rgb_read_as_bgr": self.watermark.encoding.swapped},
            "watermark_checked": self.watermark_checked,
            "findings": self.findings(),
        }


def credentials_sentence(cred: ContentCredentials, translate: Translate = english) -> str:
    """The content-credentials finding in one or two plain sentences."""
    if cred.status == "unavailable":
        reason = cred.problems[0] if cred.problems else translate("Evidence", "the C2PA library is not available")
        return translate("Evidence", "Content credentials (C2PA) could not be checked: {reason}.").format(reason=reason)
    if cred.status == "absent":
        if cred.problems:
            return translate("Evidence", "No content credentials (C2PA) in this file ({reason}). Most images have "
                             "none, so their absence says nothing either way.").format(
                reason=translate_message(cred.problems[0], translate))
        return translate("Evidence", "No content credentials (C2PA) in this file. Most images have none, so their "
                         "absence says nothing either way.")
    if cred.status == "invalid":
        reason = "; ".join(cred.problems) or translate("Evidence", "the signature did not validate")
        return translate("Evidence", "The file has content credentials (C2PA) that do NOT validate: {reason}. Do not "
                         "rely on what they say.").format(reason=reason)
    who = cred.signer or cred.signer_name or translate("Evidence", "an unnamed signer")
    if cred.status == "trusted":
        text = translate("Evidence", "The file has valid content credentials (C2PA), signed by {who}, whose "
                         "certificate is on the trust list.").format(who=who)
    else:
        text = translate("Evidence", "The file has valid content credentials (C2PA), signed by {who}, whose "
                         "certificate this app cannot check against a trust list (anyone can make one).").format(who=who)
    if cred.made_with:
        text += " " + translate("Evidence", "They say it was made with {tool}.").format(tool=cred.made_with)
    for kind in cred.source_types:
        words = SOURCE_TYPE_WORDS.get(kind, "")
        text += " " + (translate("Evidence", "They declare it “{type}”: {words}.").format(
            type=kind, words=translate("Evidence", words)) if words else
            translate("Evidence", "They declare it “{type}”.").format(type=kind))
    return text


