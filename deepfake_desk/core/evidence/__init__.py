"""What a file says about itself: content credentials, generator metadata, error levels.

A detector's score is one piece of evidence; this package gathers the others that
verification tools show beside it, without Qt and without the network:

- `records`: the Evidence and ContentCredentials records and their plain-words findings;
- `credentials`: C2PA content credentials, validated offline with `c2pa-python`;
- `metadata`: IPTC/XMP DigitalSourceType, EXIF, and the text chunks generators write
  (reported as "the file says ...", never as proof either way);
- `ela`: error level analysis for JPEGs.

`read_evidence(path)` never raises: problems become notes in the result.
"""

from __future__ import annotations

from pathlib import Path

from deepfake_desk.core.evidence.credentials import c2pa_available, credentials_from_store, read_content_credentials
from deepfake_desk.core.evidence.ela import (
    DEFAULT_ELA_QUALITY,
    ELA_GAIN,
    ELA_HOW_TO_READ,
    ela_for_file,
    error_level_analysis,
)
from deepfake_desk.core.evidence.metadata import (
    MAX_TEXT_CHARS,
    estimate_jpeg_quality,
    png_text_chunks,
    read_metadata,
)
from deepfake_desk.core.evidence.records import (
    AI_SOURCE_TYPES,
    LABELLED_AI,
    LABELLED_AI_TEXT,
    SOURCE_TYPE_WORDS,
    ContentCredentials,
    Evidence,
    credentials_sentence,
    short_source_type,
)

__all__ = [
    "AI_SOURCE_TYPES", "DEFAULT_ELA_QUALITY", "ELA_GAIN", "ELA_HOW_TO_READ", "LABELLED_AI", "LABELLED_AI_TEXT",
    "MAX_TEXT_CHARS", "SOURCE_TYPE_WORDS", "ContentCredentials", "Evidence", "c2pa_available", "credentials_from_store",
    "credentials_sentence", "ela_for_file", "error_level_analysis", "estimate_jpeg_quality", "png_text_chunks",
    "read_content_credentials", "read_evidence", "read_metadata", "short_source_type",
]


def read_evidence(path: str | Path, trust_anchors_pem: str | None = None) -> Evidence:
    """Everything the file says about its origin: C2PA credentials and metadata. Never raises."""
    evidence = read_metadata(path)
    evidence.credentials = read_content_credentials(path, trust_anchors_pem)
    return evidence
