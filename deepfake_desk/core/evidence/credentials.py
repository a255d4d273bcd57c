"""C2PA content credentials, read and validated offline with `c2pa-python`.

Remote manifests and OCSP are never fetched. Only a manifest whose signature and
hashes validate is believed; an invalid one is reported with the reason.
"""

from __future__ import annotations

import importlib.util
import json
import mmap
import os
import sys
import threading
from pathlib import Path
from typing import Any

from deepfake_desk.core import sniff
from deepfake_desk.core.evidence.records import ContentCredentials, short_source_type

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
            kind = short_source_type(action.get("digitalSourceType"))
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
            mime = sniff.mime_from_head(head.read(sniff.HEAD_BYTES))
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
