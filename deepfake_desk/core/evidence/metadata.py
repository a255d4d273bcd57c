"""Generator and camera metadata: IPTC/XMP DigitalSourceType, EXIF, and generator text chunks.

EXIF Software/Make/Model/DateTime/UserComment, and the PNG text chunks image
generators write (AUTOMATIC1111 `parameters`, ComfyUI `prompt`/`workflow`, InvokeAI
`sd-metadata`/`Dream`/`invokeai_metadata`, NovelAI `Software`). Metadata is easy to
strip and to forge, so it is reported as "the file says ...", never as proof either way.
"""

from __future__ import annotations

import io
import json
import re
import warnings
import zlib
from pathlib import Path
from typing import Any

import math

import numpy as np
from PIL import ExifTags, Image, IptcImagePlugin

from deepfake_desk.core import media, sniff  # noqa: F401  (media registers the HEIF reader with Pillow)
from deepfake_desk.core.evidence.records import Evidence, MetadataTag, clean_date, short_source_type

MAX_TEXT_CHARS = 4000  # per metadata value kept in the evidence (ComfyUI workflows run to 100 kB)
_MAX_PNG_CHUNK = 8 * 1024 * 1024  # larger text chunks are skipped rather than read
_MAX_INFLATED = 2 * 1024 * 1024  # a zTXt/iTXt zip bomb stops here

# EXIF tags read (base IFD and the Exif sub-IFD).
_EXIF_BASE = {0x010E: "ImageDescription", 0x010F: "Make", 0x0110: "Model", 0x0131: "Software",
              0x0132: "DateTime", 0x013B: "Artist"}
_EXIF_SUB = {0x9003: "DateTimeOriginal", 0x9286: "UserComment"}
_EXIF_IFD = 0x8769

MAX_TAGS = 1000  # rows of the full metadata table kept per file (a crafted file may hold thousands)
_MAX_XMP_TABLE = 512 * 1024  # XMP larger than this is not tabulated (the fields above are still read)
_GPS_IFD = 0x8825
_SKIPPED_EXIF = {0x8769, 0x8825, 0xA005, 0x927C, 0x02BC, 0x83BB, 0x8649}  # IFD pointers, MakerNote, XMP/IPTC blobs
_DATE_TAGS = {"DateTime", "DateTimeOriginal", "DateTimeDigitized", "GPSDateStamp"}
# IPTC IIM record 2 (application record) datasets a newsroom reads.
_IPTC_NAMES = {5: "Object name", 15: "Category", 25: "Keywords", 40: "Special instructions", 55: "Date created",
               60: "Time created", 62: "Digital creation date", 65: "Originating program", 80: "By-line (creator)",
               85: "By-line title", 90: "City", 92: "Sub-location", 95: "Province/State", 100: "Country code",
               101: "Country", 103: "Transmission reference", 105: "Headline", 110: "Credit", 115: "Source",
               116: "Copyright notice", 120: "Caption/Abstract", 122: "Caption writer"}

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


def _generator_from_text(text: dict[str, str], exif: dict[str, str]) -> tuple[str, str, dict[str, str], str]:
    """(generator, where it was found, details, the full text it was found in) from generator-written metadata."""
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
        return "Stable Diffusion (AUTOMATIC1111)", where, details, _clip(a1111)
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
        return "ComfyUI", f"PNG text chunk “{key}”", details, _clip(text[key])
    for key in ("invokeai_metadata", "sd-metadata", "Dream"):
        if key in text:
            return "InvokeAI", f"PNG text chunk “{key}”", details, _clip(text[key])
    software = text.get("Software", "") or exif.get("Software", "")
    if software.strip().lower().startswith("novelai"):
        if text.get("Source"):
            details["model"] = text["Source"][:200]
        return "NovelAI", "“Software” metadata", details, _clip(text.get("Description", "") or text.get("Comment", ""))
    for where, value in (("EXIF Software", exif.get("Software", "")), ("XMP CreatorTool", text.get("CreatorTool", "")),
                         ("PNG text chunk “Software”", text.get("Software", "")),
                         ("EXIF ImageDescription", exif.get("ImageDescription", "")),
                         ("JPEG comment", text.get("comment", ""))):
        for pattern, name in _AI_NAMES:
            if value and pattern.search(value):
                return name, where, details, ""
    return "", "", details, ""


def _value_text(value: Any) -> str:
    """An EXIF value in words: text as text, rationals as decimals, binary as its length."""
    if isinstance(value, bytes):
        text = value.rstrip(b"\x00")
        if text and all(32 <= b < 127 or b in (9, 10, 13) for b in text):
            return _clip(text.decode("ascii"))
        return f"({len(value)} bytes of binary data)"
    if isinstance(value, tuple):
        return ", ".join(_value_text(v) for v in value)
    if isinstance(value, float) or type(value).__name__ == "IFDRational":
        number = float(value)
        return f"{number:g}" if math.isfinite(number) else "–"
    return _clip(str(value).strip("\x00 "))


def _exif_tags(img: Image.Image) -> tuple[list[MetadataTag], tuple[float, float] | None]:
    """Every EXIF, Exif sub-IFD and GPS field, and the GPS position in decimal degrees."""
    exif = img.getexif()
    tags: list[MetadataTag] = []
    ifds: list[tuple[str, dict, dict]] = [("EXIF", dict(exif), ExifTags.TAGS)]
    for pointer, group, names in ((_EXIF_IFD, "EXIF camera settings", ExifTags.TAGS), (_GPS_IFD, "GPS", ExifTags.GPSTAGS)):
        try:
            ifds.append((group, dict(exif.get_ifd(pointer)), names))
        except Exception:  # a broken pointer: keep the other groups
            continue
    for group, values, names in ifds:
        for tag, value in values.items():
            if tag in _SKIPPED_EXIF and group != "GPS":
                continue
            name = names.get(tag, f"Tag 0x{tag:04X}")
            text = _decode_user_comment(value) if name == "UserComment" else _value_text(value)
            if name in _DATE_TAGS:
                text = clean_date(text)
            if text:
                tags.append(MetadataTag(group, name, _clip(text)))
    gps = None
    if ifds[-1][0] == "GPS":
        gps = gps_degrees(ifds[-1][1])
    return tags, gps


def gps_degrees(gps: dict) -> tuple[float, float] | None:
    """(latitude, longitude) in decimal degrees from an EXIF GPS IFD, or None if absent or nonsense."""

    def degrees(value: Any, ref: Any, limit: float) -> float | None:
        try:
            parts = [float(v) for v in value]
        except (TypeError, ValueError, ZeroDivisionError):
            return None
        if not 1 <= len(parts) <= 3 or not all(math.isfinite(v) for v in parts):
            return None
        d = parts[0] + (parts[1] / 60 if len(parts) > 1 else 0) + (parts[2] / 3600 if len(parts) > 2 else 0)
        ref = ref.decode("latin-1") if isinstance(ref, bytes) else str(ref or "")
        d = -d if ref.strip().upper() in ("S", "W") else d
        return d if abs(d) <= limit else None

    lat, lon = degrees(gps.get(2), gps.get(1), 90.0), degrees(gps.get(4), gps.get(3), 180.0)
    return None if lat is None or lon is None else (round(lat, 7), round(lon, 7))


# One token of XMP: an element tag (name, attributes) or the text between tags. Linear: no nesting.
_XMP_TOKEN = re.compile(r"<(/?)([A-Za-z][\w.-]*:[\w.-]+)([^<>]*)>|([^<]+)")
_XMP_ATTRIBUTE = re.compile(r"([A-Za-z][\w.-]*:[\w.-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_XMP_STRUCTURE = ("x:", "rdf:", "xmlns:", "xml:")


def xmp_tags(xmp: str) -> list[MetadataTag]:
    """Each XMP property ("dc:title", "photoshop:City") with its value; list items joined by "; "."""
    if len(xmp) > _MAX_XMP_TABLE:
        return [MetadataTag("XMP", "(packet)", f"too large to list ({len(xmp)} characters)")]
    values: dict[str, list[str]] = {}
    stack: list[str] = []
    for closing, name, attributes, text in _XMP_TOKEN.findall(xmp):
        if name:
            if closing:
                if name in stack:
                    del stack[len(stack) - 1 - stack[::-1].index(name):]
                continue
            for attr, dq, sq in _XMP_ATTRIBUTE.findall(attributes):
                if not attr.startswith(_XMP_STRUCTURE) and (dq or sq).strip():
                    values.setdefault(attr, []).append((dq or sq).strip())
            if not attributes.rstrip().endswith("/"):
                stack.append(name)
        elif text.strip():
            owner = next((n for n in reversed(stack) if not n.startswith(_XMP_STRUCTURE)), None)
            if owner is not None:
                values.setdefault(owner, []).append(text.strip())
        if len(values) >= MAX_TAGS:
            break
    return [MetadataTag("XMP", name, _clip("; ".join(items))) for name, items in values.items()]


def _iptc_tags(img: Image.Image) -> list[MetadataTag]:
    try:
        info = IptcImagePlugin.getiptcinfo(img) or {}
    except Exception:  # malformed Photoshop/IPTC blocks: the rest of the metadata still counts
        return []
    tags = []
    for (record, dataset), value in sorted(info.items()):
        if record != 2 or dataset == 0:
            continue
        items = value if isinstance(value, list) else [value]
        text = "; ".join(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in items).strip()
        if text:
            tags.append(MetadataTag("IPTC", _IPTC_NAMES.get(dataset, f"Dataset 2:{dataset}"), _clip(text)))
    return tags


def read_metadata(path: str | Path, evidence: Evidence | None = None) -> Evidence:
    """Fill `evidence` (or a new one) from EXIF, XMP and text metadata, without decoding pixels."""
    evidence = evidence or Evidence()
    path = Path(path)
    xmp = ""
    full_text: dict[str, str] = {}  # unclipped, for detection (ComfyUI graphs are long)
    if sniff.sniff_kind(path) == "video":
        evidence.notes.append("Generator metadata is read from images only.")
        return evidence
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(path) as img:  # lazy: reads headers and metadata, not the pixels
                evidence.image_format = img.format or ""
                try:
                    evidence.exif = _exif_values(img)
                    exif_tags, evidence.gps = _exif_tags(img)
                    evidence.tags.extend(exif_tags)
                except Exception as exc:  # Pillow raises many types on malformed EXIF
                    evidence.notes.append(f"The EXIF metadata is damaged and could not be read ({type(exc).__name__}).")
                if img.format in ("JPEG", "TIFF"):
                    evidence.tags.extend(_iptc_tags(img))
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
        evidence.tags.extend(xmp_tags(xmp))
        source_type = short_source_type(_xmp_field(_XMP_SOURCE_TYPE, xmp))
        evidence.source_type = source_type if re.fullmatch(r"[A-Za-z][\w-]{0,79}", source_type) else ""
        if tool := _xmp_field(_XMP_CREATOR_TOOL, xmp):
            full_text["CreatorTool"] = tool
        provenance = _xmp_field(_XMP_PROVENANCE, xmp)
        if provenance.startswith(("http://", "https://")):
            evidence.remote_credentials_url = provenance
    evidence.text.update({k: _clip(v) for k, v in full_text.items()})
    group = "PNG text" if evidence.image_format == "PNG" else "Text"
    evidence.tags.extend(MetadataTag("JPEG comment" if k == "comment" else group, k, v)
                         for k, v in evidence.text.items() if k != "CreatorTool")
    del evidence.tags[MAX_TAGS:]
    evidence.generator, evidence.generator_source, evidence.generator_details, evidence.generator_text = (
        _generator_from_text(full_text, evidence.exif))
    return evidence


