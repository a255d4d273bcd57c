"""What a file says about itself: content credentials, generator metadata, error levels.

A detector's score is one piece of evidence; this module gathers the others that
verification tools show beside it, without Qt and without the network:

- C2PA content credentials, read and validated with `c2pa-python` offline (remote
  manifests and OCSP are never fetched). Only a manifest whose signature and hashes
  validate is believed; an invalid one is reported with the reason.
- Generator metadata: IPTC/XMP DigitalSourceType, EXIF Software/Make/Model/DateTime/
  UserComment, and the PNG text chunks image generators write (AUTOMATIC1111
  `parameters`, ComfyUI `prompt`/`workflow`, InvokeAI `sd-metadata`/`Dream`/
  `invokeai_metadata`, NovelAI `Software`). Metadata is easy to strip and to forge,
  so it is reported as "the file says ...", never as proof either way.
- Error level analysis (ELA) for JPEGs: the difference after re-saving at a known
  quality, as an image array.

`read_evidence(path)` never raises: problems become notes in the result.
"""

from __future__ import annotations

import importlib.util
import io
import json
import mmap
import os
import re
import sys
import threading
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import cv2
import numpy as np
from PIL import Image, UnidentifiedImageError

from deepfake_desk.core import media

LABELLED_AI = "labelled-ai"  # FileResult.verdict when a trustworthy AI label is present
LABELLED_AI_TEXT = "Labelled as AI-generated"  # ... and how to say it to the user

# IPTC digital source types (https://cv.iptc.org/newscodes/digitalsourcetype/) that
# label content as made by generative AI: these, and only these, change the verdict.
AI_SOURCE_TYPES = frozenset({"trainedAlgorithmicMedia", "compositeWithTrainedAlgorithmicMedia"})
SOURCE_TYPE_WORDS = {
    "trainedAlgorithmicMedia": "made by a generative AI model",
    "compositeWithTrainedAlgorithmicMedia": "a composite that includes AI-generated elements",
    "algorithmicMedia": "made by an algorithm (not a trained model)",
    "compositeSynthetic": "a composite of synthetic elements",
    "algorithmicallyEnhanced": "a capture enhanced by an algorithm",
    "digitalCapture": "captured by a camera or a scanner",
    "computationalCapture": "captured by a camera with computational processing",
    "negativeFilm": "a scan of a film negative",
    "positiveFilm": "a scan of a film positive",
    "print": "a scan of a print",
    "minorHumanEdits": "a capture with minor human edits",
    "humanEdits": "a capture edited by a person",
    "compositeCapture": "a composite of captures",
    "composite": "a composite",
    "digitalCreation": "made by a person with digital tools",
    "dataDrivenMedia": "made from data",
    "screenCapture": "a screen capture",
    "virtualRecording": "a recording of a virtual event",
}

MAX_TEXT_CHARS = 4000  # per metadata value kept in the evidence (ComfyUI workflows run to 100 kB)
_MAX_PNG_CHUNK = 8 * 1024 * 1024  # larger text chunks are skipped rather than read
_MAX_INFLATED = 2 * 1024 * 1024  # a zTXt/iTXt zip bomb stops here

# EXIF tags read (base IFD and the Exif sub-IFD).
_EXIF_BASE = {0x010E: "ImageDescription", 0x010F: "Make", 0x0110: "Model", 0x0131: "Software",
              0x0132: "DateTime", 0x013B: "Artist"}
_EXIF_SUB = {0x9003: "DateTimeOriginal", 0x9286: "UserComment"}
_EXIF_IFD = 0x8769

# Names of AI image generators that show up in Software / CreatorTool / comments.
_AI_NAMES = [
    (re.compile(r"\bmidjourney\b", re.I), "Midjourney"),
    (re.compile(r"\bdall[\s\-·]?e\b", re.I), "DALL·E"),
    (re.compile(r"\bfirefly\b", re.I), "Adobe Firefly"),
    (re.compile(r"\bstable[\s\-]?diffusion\b|\bsdxl\b", re.I), "Stable Diffusion"),
    (re.compile(r"\bnovel\s?ai\b", re.I), "NovelAI"),
    (re.compile(r"\bimagen\b", re.I), "Google Imagen"),
    (re.compile(r"\bideogram\b", re.I), "Ideogram"),
    (re.compile(r"\bleonardo\.?ai\b", re.I), "Leonardo.Ai"),
    (re.compile(r"\bcomfyui\b", re.I), "ComfyUI"),
    (re.compile(r"\binvoke\s?ai\b", re.I), "InvokeAI"),
    (re.compile(r"\bchatgpt\b|\bgpt-?4o\b|\bgpt-image\b", re.I), "OpenAI (ChatGPT)"),
    (re.compile(r"\bbing image creator\b|\bmicrosoft designer\b", re.I), "Microsoft Designer"),
]

# Plain words for the C2PA validation codes a journalist is most likely to meet.
_C2PA_FAILURES = {
    "assertion.dataHash.mismatch": "the image data no longer matches what was signed (it was changed after signing)",
    "assertion.bmffHash.mismatch": "the media data no longer matches what was signed (it was changed after signing)",
    "assertion.boxesHash.mismatch": "the file's data no longer matches what was signed (it was changed after signing)",
    "assertion.hashedURI.mismatch": "a signed statement inside the credentials was altered",
    "claimSignature.mismatch": "the signature does not match the signed claim",
    "claimSignature.missing": "the claim has no signature",
    "signingCredential.invalid": "the signing certificate is not valid",
    "signingCredential.revoked": "the signing certificate was revoked",
    "signingCredential.expired": "the signing certificate had expired when it signed",
    "claim.missing": "the signed claim is missing",
    "manifest.missing": "the manifest is missing",
}
_UNTRUSTED = "signingCredential.untrusted"


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

    @property
    def labelled_ai(self) -> bool:
        """A valid C2PA AI label, or an IPTC/XMP AI source type: sets the verdict to labelled-ai."""
        return self.credentials.ai_label or self.source_type in AI_SOURCE_TYPES

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
        return "; ".join(parts)

    def findings(self) -> list[str]:
        """The evidence in plain sentences, most important first."""
        lines = [credentials_sentence(self.credentials)]
        if self.remote_credentials_url and not self.credentials.present:
            lines.append("The file points to content credentials stored online; this app works offline "
                         "and did not fetch them.")
        if self.source_type:
            words = SOURCE_TYPE_WORDS.get(self.source_type, "")
            lines.append(f"The file's IPTC/XMP metadata gives its digital source type as “{self.source_type}”"
                         + (f" ({words})" if words else "") + ". This label is not signed: anyone can add or remove it.")
        if self.generator:
            detail = ", ".join(f"{k}: {v}" for k, v in self.generator_details.items() if k != "prompt")
            lines.append(f"The file says it was made by {self.generator} ({self.generator_source}"
                         + (f"; {detail}" if detail else "") + "). Generator metadata is easy to strip and to forge: "
                         "it is not proof that the image is AI-generated, and its absence is not proof that it is not.")
        camera = " ".join(v for k in ("Make", "Model") if (v := self.exif.get(k)))
        when = self.exif.get("DateTimeOriginal") or self.exif.get("DateTime")
        if camera:
            lines.append(f"The file says it was taken with a {camera}" + (f" on {when}" if when else "")
                         + " (EXIF). Camera metadata is easy to copy into any file.")
        elif when:
            lines.append(f"The file carries the date {when} (EXIF).")
        if self.exif.get("Software"):
            lines.append(f"The file says it was last written by “{self.exif['Software']}” (EXIF Software).")
        if not (self.credentials.present or self.source_type or self.generator or camera or self.exif):
            lines.append("The file carries no metadata about how it was made (most shared images have had "
                         "theirs removed).")
        lines.extend(self.notes)
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
            "findings": self.findings(),
        }


def credentials_sentence(cred: ContentCredentials) -> str:
    """The content-credentials finding in one or two plain sentences."""
    if cred.status == "unavailable":
        return "Content credentials (C2PA) could not be checked: " + (cred.problems[0] if cred.problems else
                                                                       "the C2PA library is not available") + "."
    if cred.status == "absent":
        return ("No content credentials (C2PA) in this file" + (f" ({cred.problems[0]})" if cred.problems else "")
                + ". Most images have none, so their absence says nothing either way.")
    if cred.status == "invalid":
        reason = "; ".join(cred.problems) or "the signature did not validate"
        return f"The file has content credentials (C2PA) that do NOT validate: {reason}. Do not rely on what they say."
    who = cred.signer or cred.signer_name or "an unnamed signer"
    trust = ("whose certificate is on the trust list" if cred.status == "trusted" else
             "whose certificate this app cannot check against a trust list (anyone can make one)")
    text = f"The file has valid content credentials (C2PA), signed by {who}, {trust}."
    if cred.made_with:
        text += f" They say it was made with {cred.made_with}."
    for kind in cred.source_types:
        words = SOURCE_TYPE_WORDS.get(kind, "")
        text += f" They declare it “{kind}”" + (f": {words}." if words else ".")
    return text


# -- content credentials ------------------------------------------------------------
_c2pa_lock = threading.Lock()
_c2pa_module: Any = None
_c2pa_import_error = ""


def _c2pa() -> Any:
    """The c2pa module, imported once on first use (it loads a 20 MB native library)."""
    global _c2pa_module, _c2pa_import_error
    with _c2pa_lock:
        if _c2pa_module is None and not _c2pa_import_error:
            try:
                _pin_c2pa_library()
                import c2pa

                _c2pa_module = c2pa
            except Exception as exc:  # missing package or a native library that fails to load
                _c2pa_import_error = f"the C2PA library could not be loaded ({type(exc).__name__}: {exc})"
        return _c2pa_module


def _pin_c2pa_library() -> None:
    """Make c2pa load the native library inside its own package, never one from the working folder.

    c2pa-python searches the current working directory first, so a `libc2pa_c.so`
    planted in a folder the user scans from would be loaded and run. An absolute
    C2PA_LIBRARY_NAME resolves to the same file whatever folder it is joined to.
    """
    if os.environ.get("C2PA_LIBRARY_NAME"):
        return
    spec = importlib.util.find_spec("c2pa")
    if spec is None or not spec.origin:
        return
    name = {"win32": "c2pa_c.dll", "darwin": "libc2pa_c.dylib"}.get(sys.platform, "libc2pa_c.so")
    own = Path(spec.origin).resolve().parent / "libs" / name
    if own.is_file():
        os.environ["C2PA_LIBRARY_NAME"] = str(own)


def c2pa_available() -> bool:
    return _c2pa() is not None


_MIME_BY_FORMAT = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "TIFF": "image/tiff",
                   "GIF": "image/gif", "AVIF": "image/avif", "HEIF": "image/heif"}


def _has_jumbf(path: Path) -> bool:
    """True if the file contains a JUMBF box, where every embedded C2PA manifest lives.

    A byte search is far cheaper than letting the C2PA library parse a large file
    that has no manifest (about 0.2 s for a 24-megapixel JPEG).
    """
    with open(path, "rb") as f:
        try:
            with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as m:
                return m.find(b"jumb") >= 0
        except ValueError:  # empty file
            return False


def _offline_context(c2pa: Any, trust_anchors_pem: str | None = None) -> Any:
    settings: dict[str, Any] = {"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False}}
    if trust_anchors_pem:
        settings["trust"] = {"user_anchors": trust_anchors_pem}
    return c2pa.Context.from_dict(settings)


def _short_source_type(value: Any) -> str:
    return str(value).rstrip("/").rsplit("/", 1)[-1] if value else ""


def _agent_name(agent: Any) -> str:
    if isinstance(agent, dict):
        return str(agent.get("name") or "")
    return str(agent or "")


def _failure_reason(entry: dict) -> str:
    code = str(entry.get("code", ""))
    words = _C2PA_FAILURES.get(code) or str(entry.get("explanation") or "did not validate")
    return f"{words} ({code})" if code else words


def credentials_from_store(store: dict) -> ContentCredentials:
    """Interpret a c2pa manifest store (Reader.json()) as a ContentCredentials record."""
    cred = ContentCredentials()
    manifests = store.get("manifests") or {}
    cred.manifests = len(manifests)
    active = manifests.get(store.get("active_manifest") or "", {}) if isinstance(manifests, dict) else {}
    info = active.get("claim_generator_info") or []
    if isinstance(info, list) and info and isinstance(info[0], dict):
        cred.claim_generator = " ".join(str(info[0].get(k) or "") for k in ("name", "version")).strip()
    if not cred.claim_generator and active.get("claim_generator"):
        # older manifests: "Adobe_Firefly/0.1.0 c2pa-rs/0.25.0": keep the first product token
        cred.claim_generator = str(active["claim_generator"]).split()[0].replace("_", " ").split("/")[0]
    signature = active.get("signature_info") or {}
    cred.signer = str(signature.get("issuer") or "")
    cred.signer_name = str(signature.get("common_name") or "")
    cred.signed_at = str(signature.get("time") or "")
    cred.title = str(active.get("title") or "")
    for assertion in active.get("assertions") or []:
        if not str(assertion.get("label", "")).startswith("c2pa.actions"):
            continue
        for action in (assertion.get("data") or {}).get("actions") or []:
            kind = _short_source_type(action.get("digitalSourceType"))
            agent = _agent_name(action.get("softwareAgent"))
            name = str(action.get("action", "")).removeprefix("c2pa.")
            cred.actions.append(name + (f" by {agent}" if agent else "") + (f" ({kind})" if kind else ""))
            if kind and kind not in cred.source_types:
                cred.source_types.append(kind)
            if agent and not cred.software_agent and name == "created":
                cred.software_agent = agent
    state = str(store.get("validation_state") or "")
    results = (store.get("validation_results") or {}).get("activeManifest") or {}
    failures = [f for f in results.get("failure") or [] if isinstance(f, dict)]
    if not results and store.get("validation_status"):  # older stores: one flat list of problems
        failures = [f for f in store["validation_status"] if isinstance(f, dict)]
    real_failures = [f for f in failures if f.get("code") != _UNTRUSTED]
    if state == "Trusted":
        cred.status = "trusted"
    elif state == "Valid" or (not state and not real_failures):
        cred.status = "valid"
    else:
        cred.status = "invalid"
    if cred.status == "invalid":
        cred.problems = [_failure_reason(f) for f in real_failures] or ["the signature did not validate"]
    return cred


def read_content_credentials(path: str | Path, trust_anchors_pem: str | None = None) -> ContentCredentials:
    """Read and validate a file's C2PA manifest store offline. Never raises.

    `trust_anchors_pem` adds root certificates to trust (tests, or a newsroom's own list);
    without it a valid signature is reported as valid but not trusted.
    """
    path = Path(path)
    c2pa = _c2pa()
    if c2pa is None:
        return ContentCredentials(status="unavailable", problems=[_c2pa_import_error])
    try:
        if not _has_jumbf(path):
            return ContentCredentials(status="absent")
        with open(path, "rb") as head:
            mime = _mime_of(head.read(32))
        with open(path, "rb") as stream:
            reader = c2pa.Reader.try_create(mime, stream, None, _offline_context(c2pa, trust_anchors_pem))
            if reader is None:
                return ContentCredentials(status="absent")
            with reader:
                store = json.loads(reader.json())
        return credentials_from_store(store)
    except OSError as exc:
        return ContentCredentials(status="absent", problems=[f"the file could not be read: {exc.strerror or exc}"])
    except Exception as exc:  # c2pa raises C2paError subclasses; a damaged store must not end a scan
        message = str(exc).strip() or type(exc).__name__
        if "NotSupported" in type(exc).__name__ or message.startswith("NotSupported"):
            return ContentCredentials(status="absent", problems=["this file type cannot carry content "
                                                                  "credentials that this app can read"])
        return ContentCredentials(status="invalid", problems=[f"the content credentials are damaged and "
                                                               f"cannot be read ({message[:200]})"])


def _mime_of(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith((b"II*\x00", b"MM\x00*")):
        return "image/tiff"
    if head.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if head[4:8] == b"ftyp":
        brand = head[8:12]
        if brand in (b"avif", b"avis"):
            return "image/avif"
        if brand in (b"heic", b"heix", b"mif1", b"msf1"):
            return "image/heif"
        return "video/mp4"
    return None  # let the library detect it


# -- metadata --------------------------------------------------------------------
def png_text_chunks(path: str | Path) -> dict[str, str]:
    """All tEXt/zTXt/iTXt chunks of a PNG, wherever they are (Pillow only sees those
    before the pixel data without decoding the pixels). Bounded against zip bombs."""
    chunks: dict[str, str] = {}
    with open(path, "rb") as f:
        if f.read(8) != b"\x89PNG\r\n\x1a\n":
            return chunks
        for _ in range(100_000):
            header = f.read(8)
            if len(header) < 8:
                break
            length, kind = int.from_bytes(header[:4], "big"), header[4:]
            if kind == b"IEND":
                break
            if kind not in (b"tEXt", b"zTXt", b"iTXt") or length > _MAX_PNG_CHUNK:
                f.seek(length + 4, io.SEEK_CUR)  # skip data and CRC
                continue
            data = f.read(length)
            f.seek(4, io.SEEK_CUR)
            try:
                key, value = _decode_text_chunk(kind, data)
            except (ValueError, zlib.error):
                continue  # one damaged chunk: keep the others
            if key and key not in chunks:
                chunks[key] = value
    return chunks


def _inflate(data: bytes) -> bytes:
    return zlib.decompressobj().decompress(data, _MAX_INFLATED)


def _decode_text_chunk(kind: bytes, data: bytes) -> tuple[str, str]:
    key, sep, rest = data.partition(b"\x00")
    if not sep:
        raise ValueError("no keyword")
    name = key.decode("latin-1")
    if kind == b"tEXt":
        return name, rest.decode("latin-1")
    if kind == b"zTXt":
        return name, _inflate(rest[1:]).decode("latin-1")
    compressed, rest = rest[:1] == b"\x01", rest[2:]  # iTXt: flag, method, language\0, translated\0, text
    _lang, _, rest = rest.partition(b"\x00")
    _translated, _, text = rest.partition(b"\x00")
    return name, (_inflate(text) if compressed else text).decode("utf-8", "replace")


def _decode_user_comment(value: Any) -> str:
    """EXIF UserComment: an 8-byte charset code, then the text (AUTOMATIC1111 writes UTF-16)."""
    if isinstance(value, str):
        return value.strip("\x00 ")
    if not isinstance(value, bytes):
        return str(value)
    code, body = value[:8], value[8:]
    if code.startswith(b"UNICODE"):
        if body[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return body.decode("utf-16", "replace").strip("\x00 ")
        # no BOM: the byte order is the one whose even (big-endian) or odd bytes are mostly zero
        big = body[0::2].count(0) >= body[1::2].count(0)
        return body.decode("utf-16-be" if big else "utf-16-le", "replace").strip("\x00 ")
    if code.startswith(b"ASCII") or code == b"\x00" * 8:
        return body.decode("latin-1").strip("\x00 ")
    return value.decode("utf-8", "replace").strip("\x00 ")


def _clip(text: str) -> str:
    text = text.replace("\x00", "")
    return text if len(text) <= MAX_TEXT_CHARS else text[:MAX_TEXT_CHARS] + f"… ({len(text)} characters)"


def _exif_values(img: Image.Image) -> dict[str, str]:
    exif = img.getexif()
    values: dict[str, Any] = {name: exif.get(tag) for tag, name in _EXIF_BASE.items()}
    try:
        sub = exif.get_ifd(_EXIF_IFD)
    except Exception:  # a broken sub-IFD pointer: the base tags are still worth having
        sub = {}
    values.update({name: sub.get(tag) for tag, name in _EXIF_SUB.items()})
    out = {}
    for name, value in values.items():
        if value is None:
            continue
        text = _decode_user_comment(value) if name == "UserComment" else (
            value.decode("latin-1") if isinstance(value, bytes) else str(value))
        text = text.strip("\x00 ")
        if text:
            out[name] = _clip(text)
    return out


# Each alternative is linear (no nested or lazy repeats): XMP comes from untrusted files.
_XMP_VALUE = r'(?:\s*=\s*"([^"]*)"|\s*=\s*\'([^\']*)\'|\s+rdf:resource\s*=\s*"([^"]*)"|>([^<]*)<)'
_XMP_SOURCE_TYPE = re.compile(r"DigitalSourceType" + _XMP_VALUE)
_XMP_CREATOR_TOOL = re.compile(r"xmp:CreatorTool" + _XMP_VALUE)
_XMP_PROVENANCE = re.compile(r"dcterms:provenance" + _XMP_VALUE)


def _xmp_field(pattern: re.Pattern, xmp: str) -> str:
    # Regular expressions, not an XML parser: XMP from untrusted files may be malformed
    # or hostile (entity expansion), and three fields are all we need.
    m = pattern.search(xmp)
    return next((g for g in m.groups() if g is not None), "").strip() if m else ""


def estimate_jpeg_quality(img: Image.Image) -> int | None:
    """The IJG quality (1-100) whose luminance table is closest to the file's, or None."""
    tables = getattr(img, "quantization", None)
    if not tables or 0 not in tables:
        return None
    q = np.asarray(tables[0], dtype=np.float64)
    if q.size != 64:
        return None
    # The IJG luminance table at quality 50, in natural (row-major) order like Pillow's.
    standard = np.array([16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40,
                         57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35,
                         55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100,
                         103, 99], dtype=np.float64)
    best, best_err = None, float("inf")
    for quality in range(1, 101):
        scale = 5000 / quality if quality < 50 else 200 - 2 * quality
        table = np.clip(np.floor((standard * scale + 50) / 100), 1, 255)
        err = float(np.abs(table - q).sum())
        if err < best_err:
            best, best_err = quality, err
    return best


def _generator_from_text(text: dict[str, str], exif: dict[str, str]) -> tuple[str, str, dict[str, str]]:
    """(generator, where it was found, details) from generator-written metadata."""
    details: dict[str, str] = {}
    params = text.get("parameters", "")
    comment = exif.get("UserComment", "")
    a1111 = params or (comment if re.search(r"\bSteps: \d+", comment) and "Sampler:" in comment else "")
    if a1111:
        where = "PNG text chunk “parameters”" if params else "EXIF UserComment"
        if m := re.search(r"\bModel: ([^,\n]+)", a1111):
            details["model"] = m.group(1).strip()
        if m := re.search(r"\bVersion: ([^,\n]+)", a1111):
            details["version"] = m.group(1).strip()
        details["prompt"] = a1111.split("\n", 1)[0][:300]
        return "Stable Diffusion (AUTOMATIC1111)", where, details
    if "prompt" in text or "workflow" in text:
        key = "prompt" if "prompt" in text else "workflow"
        try:
            graph = json.loads(text[key]) if len(text[key]) < _MAX_INFLATED else {}
        except ValueError:
            graph = {}
        nodes = graph.values() if isinstance(graph, dict) else []
        for node in nodes:
            inputs = node.get("inputs") if isinstance(node, dict) else None
            if isinstance(inputs, dict) and isinstance(inputs.get("ckpt_name"), str):
                details["model"] = inputs["ckpt_name"]
                break
        return "ComfyUI", f"PNG text chunk “{key}”", details
    for key in ("invokeai_metadata", "sd-metadata", "Dream"):
        if key in text:
            return "InvokeAI", f"PNG text chunk “{key}”", details
    software = text.get("Software", "") or exif.get("Software", "")
    if software.strip().lower().startswith("novelai"):
        if text.get("Source"):
            details["model"] = text["Source"][:200]
        return "NovelAI", "“Software” metadata", details
    for where, value in (("EXIF Software", exif.get("Software", "")), ("XMP CreatorTool", text.get("CreatorTool", "")),
                         ("PNG text chunk “Software”", text.get("Software", "")),
                         ("EXIF ImageDescription", exif.get("ImageDescription", "")),
                         ("JPEG comment", text.get("comment", ""))):
        for pattern, name in _AI_NAMES:
            if value and pattern.search(value):
                return name, where, details
    return "", "", details


def read_metadata(path: str | Path, evidence: Evidence | None = None) -> Evidence:
    """Fill `evidence` (or a new one) from EXIF, XMP and text metadata, without decoding pixels."""
    evidence = evidence or Evidence()
    path = Path(path)
    xmp = ""
    full_text: dict[str, str] = {}  # unclipped, for detection (ComfyUI graphs are long)
    if media.sniff_kind(path) == "video":
        evidence.notes.append("Generator metadata is read from images only.")
        return evidence
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:  # lazy: reads headers and metadata, not the pixels
                evidence.image_format = img.format or ""
                try:
                    evidence.exif = _exif_values(img)
                except Exception as exc:  # Pillow raises many types on malformed EXIF
                    evidence.notes.append(f"The EXIF metadata is damaged and could not be read ({type(exc).__name__}).")
                if img.format == "JPEG":
                    evidence.jpeg_quality = estimate_jpeg_quality(img)
                    if isinstance(img.info.get("comment"), bytes) and img.info["comment"].strip():
                        full_text["comment"] = img.info["comment"].decode("utf-8", "replace")
                raw_xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
                xmp = raw_xmp.decode("utf-8", "replace") if isinstance(raw_xmp, bytes) else str(raw_xmp)
                if img.format == "PNG":
                    chunks = png_text_chunks(path)
                    xmp = chunks.pop("XML:com.adobe.xmp", xmp)
                    full_text.update(chunks)
    except Exception as exc:  # the decoder will report a bad file; metadata just says why it is missing
        evidence.notes.append(f"The file's metadata could not be read ({type(exc).__name__}).")
    if xmp:
        source_type = _short_source_type(_xmp_field(_XMP_SOURCE_TYPE, xmp))
        evidence.source_type = source_type if re.fullmatch(r"[A-Za-z][\w-]{0,79}", source_type) else ""
        if tool := _xmp_field(_XMP_CREATOR_TOOL, xmp):
            full_text["CreatorTool"] = tool
        provenance = _xmp_field(_XMP_PROVENANCE, xmp)
        if provenance.startswith(("http://", "https://")):
            evidence.remote_credentials_url = provenance
    evidence.text.update({k: _clip(v) for k, v in full_text.items()})
    evidence.generator, evidence.generator_source, evidence.generator_details = _generator_from_text(
        full_text, evidence.exif)
    return evidence


def read_evidence(path: str | Path, trust_anchors_pem: str | None = None) -> Evidence:
    """Everything the file says about its origin: C2PA credentials and metadata. Never raises."""
    evidence = read_metadata(path)
    evidence.credentials = read_content_credentials(path, trust_anchors_pem)
    return evidence


# -- error level analysis -------------------------------------------------------------
DEFAULT_ELA_QUALITY = 90
ELA_GAIN = 20.0  # JPEG errors are a few levels out of 255: amplified to be seen

ELA_HOW_TO_READ = (
    "Error level analysis re-saves the JPEG at the chosen quality and shows how much each "
    "part changed, amplified. Parts saved the same number of times at the same quality change "
    "about equally; a region pasted in from another image, or edited after the last save, "
    "can look brighter or darker than similar surroundings. Start at the file's own quality.\n"
    "Limits: edges, fine texture and saturated colours are always bright; flat areas are always "
    "dark; re-saving (social media does) evens everything out; AI-generated images usually look "
    "uniform. A bright region is a question to ask, never proof of editing."
)


def error_level_analysis(image: Image.Image | np.ndarray, quality: int = DEFAULT_ELA_QUALITY,
                         gain: float = ELA_GAIN) -> np.ndarray:
    """|image - image re-saved as JPEG at `quality`| x gain, as an HxWx3 uint8 array."""
    if isinstance(image, Image.Image):
        image = np.asarray(image if image.mode == "RGB" else image.convert("RGB"))
    pixels = image if image.ndim == 3 else np.stack([image] * 3, axis=-1)
    # OpenCV's libjpeg gives the same bytes as Pillow's here, about six times faster on
    # large images (absdiff and scaling in place of int16 NumPy arrays).
    bgr = cv2.cvtColor(np.ascontiguousarray(pixels[..., :3], dtype=np.uint8), cv2.COLOR_RGB2BGR)
    ok, encoded = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, int(min(100, max(1, quality)))])
    if not ok:
        raise ValueError("the image could not be re-encoded as JPEG")
    difference = cv2.absdiff(bgr, cv2.imdecode(encoded, cv2.IMREAD_COLOR))
    return cv2.cvtColor(cv2.convertScaleAbs(difference, alpha=gain), cv2.COLOR_BGR2RGB)


# EXIF orientation -> the transpose that turns the image upright (as ImageOps.exif_transpose).
_ORIENTATION = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
                5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
                8: Image.Transpose.ROTATE_90}


def ela_for_file(path: str | Path, quality: int = DEFAULT_ELA_QUALITY, gain: float = ELA_GAIN) -> np.ndarray:
    """ELA of an image file, computed on the pixels as stored (so the JPEG 8x8 grid lines up)
    and then turned upright like the displayed image. Raises media.MediaError."""
    path = Path(path)
    media.check_readable(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:
                if img.size[0] * img.size[1] > media.MAX_IMAGE_PIXELS:
                    raise media.MediaError(f"image too large for error level analysis: {img.size[0]} x {img.size[1]}")
                img.load()
                ela = Image.fromarray(error_level_analysis(img.convert("RGB"), quality, gain), "RGB")
                orientation = img.getexif().get(0x0112)
        if orientation in _ORIENTATION:
            ela = ela.transpose(_ORIENTATION[orientation])
        return np.asarray(ela)
    except media.MediaError:
        raise
    except UnidentifiedImageError:
        raise media.MediaError("not an image that can be read (unrecognised or corrupt data)") from None
    except Exception as exc:  # same words as the image loader for the same problems
        reason = str(exc) or type(exc).__name__
        if "truncated" in reason.lower():
            raise media.MediaError("corrupt image: the file is truncated") from None
        raise media.MediaError(f"error level analysis failed: {type(exc).__name__}: {reason}") from None
