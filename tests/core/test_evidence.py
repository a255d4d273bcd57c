"""Evidence beyond the models: C2PA credentials, generator metadata, ELA, and their place in results.

Every file is built here: metadata written with Pillow, C2PA manifests signed offline
with a throwaway certificate chain made with `cryptography`.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from deepfake_desk.core import evidence as ev
from deepfake_desk.core.evidence import credentials as ev_credentials
from deepfake_desk.core.evidence import metadata as ev_metadata
from deepfake_desk.core.detector import FileResult
from deepfake_desk.core.evidence import (
    LABELLED_AI,
    ela_for_file,
    error_level_analysis,
    estimate_jpeg_quality,
    png_text_chunks,
    read_content_credentials,
    read_evidence,
)
from deepfake_desk.core.export import csv_columns, write_csv, write_json
from deepfake_desk.core.media import MediaError
from tests.conftest import BLUE, RED, solid

IPTC = "http://cv.iptc.org/newscodes/digitalsourcetype/"


# -- building files ------------------------------------------------------------------
def xmp_packet(source_type: str = "trainedAlgorithmicMedia", style: str = "attribute", extra: str = "") -> str:
    """An XMP packet declaring an IPTC digital source type, in one of the forms writers use."""
    value = IPTC + source_type
    if style == "attribute":
        body = f'<rdf:Description rdf:about="" Iptc4xmpExt:DigitalSourceType="{value}" {extra}/>'
    elif style == "element":
        body = f'<rdf:Description rdf:about=""><Iptc4xmpExt:DigitalSourceType>{value}</Iptc4xmpExt:DigitalSourceType></rdf:Description>'
    else:  # rdf:resource
        body = f'<rdf:Description rdf:about=""><Iptc4xmpExt:DigitalSourceType rdf:resource="{value}"/></rdf:Description>'
    return ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            'xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
            f'xmlns:dcterms="http://purl.org/dc/terms/">{body}</rdf:RDF></x:xmpmeta>')


def save_png(path: Path, text: dict[str, str] | None = None, colour=BLUE, compressed: tuple[str, ...] = (),
             itxt: dict[str, str] | None = None, exif: Image.Exif | None = None) -> Path:
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_text(key, value, zip=key in compressed)
    for key, value in (itxt or {}).items():
        info.add_itxt(key, value, zip=True)
    solid(colour).save(path, "PNG", pnginfo=info, **({"exif": exif} if exif is not None else {}))
    return path


def append_png_chunk_before_iend(path: Path, kind: bytes, data: bytes) -> None:
    """Put a chunk after the pixel data, where Pillow does not look without decoding."""
    raw = path.read_bytes()
    iend = raw.rindex(b"IEND") - 4
    chunk = struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    path.write_bytes(raw[:iend] + chunk + raw[iend:])


def user_comment(text: str, encoding: str = "utf-16-be") -> bytes:
    return b"UNICODE\x00" + text.encode(encoding)


def exif_with(**tags) -> Image.Exif:
    exif = Image.Exif()
    names = {"Software": 0x0131, "Make": 0x010F, "Model": 0x0110, "DateTime": 0x0132, "Orientation": 0x0112}
    for name, value in tags.items():
        if name == "UserComment":
            exif.get_ifd(0x8769)[0x9286] = value
        elif name == "DateTimeOriginal":
            exif.get_ifd(0x8769)[0x9003] = value
        else:
            exif[names[name]] = value
    return exif


A1111 = ("a photo of a cat wearing a hat\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, CFG scale: 7, "
         "Seed: 1, Size: 512x512, Model: sd_xl_base_1.0, Version: v1.9.0")


# -- C2PA signing with a throwaway certificate chain -----------------------------------------------
class TestSigner:
    """A root CA and an end-entity ES256 certificate, made fresh (never shipped)."""

    __test__ = False  # not a test class

    def __init__(self, organisation: str = "Test AI Lab"):
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

        now = datetime.datetime.now(datetime.timezone.utc)
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Root CA"),
                             x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Test Root")])
        usage = dict(content_commitment=False, key_encipherment=False, data_encipherment=False, key_agreement=False,
                     encipher_only=False, decipher_only=False)
        ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
              .serial_number(x509.random_serial_number())
              .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
              .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
              .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True, **usage), critical=True)
              .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
              .sign(ca_key, hashes.SHA256()))
        key = ec.generate_private_key(ec.SECP256R1())
        name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test Signer"),
                          x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation)])
        cert = (x509.CertificateBuilder().subject_name(name).issuer_name(ca_name).public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=False, crl_sign=False, **usage),
                               critical=True)
                .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
                .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
                .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
                .sign(ca_key, hashes.SHA256()))
        pem = serialization.Encoding.PEM
        self.chain = cert.public_bytes(pem) + ca.public_bytes(pem)
        self.key = key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
        self.root_pem = ca.public_bytes(pem).decode()

    def sign(self, source: bytes, mime: str, source_type: str | None = "trainedAlgorithmicMedia",
             agent: str = "Test Diffusion 2", generator: str = "TestGen") -> bytes:
        import c2pa

        action: dict = {"action": "c2pa.created", "softwareAgent": {"name": agent}}
        if source_type:
            action["digitalSourceType"] = IPTC + source_type
        manifest = {"claim_generator_info": [{"name": generator, "version": "1.0"}], "title": "test",
                    "assertions": [{"label": "c2pa.actions", "data": {"actions": [action]}}]}
        context = c2pa.Context.from_dict({"verify": {"remote_manifest_fetch": False, "ocsp_fetch": False},
                                          "builder": {"thumbnail": {"enabled": False}}})
        signer = c2pa.Signer.from_info(c2pa.C2paSignerInfo(c2pa.C2paSigningAlg.ES256, self.chain, self.key, None))
        out = io.BytesIO()
        c2pa.Builder(manifest, context=context).sign(signer, mime, io.BytesIO(source), out)
        return out.getvalue()


def jpeg_bytes(colour=BLUE, quality: int = 90, **save) -> bytes:
    buffer = io.BytesIO()
    solid(colour, (96, 64)).save(buffer, "JPEG", quality=quality, **save)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def signer() -> TestSigner:
    pytest.importorskip("c2pa", reason="c2pa-python is a pinned dependency: install it")
    return TestSigner()


# -- content credentials -----------------------------------------------------------------------
def test_a_signed_ai_label_validates_offline(signer, tmp_path):
    path = tmp_path / "signed.jpg"
    path.write_bytes(signer.sign(jpeg_bytes(), "image/jpeg"))
    cred = read_content_credentials(path)
    assert cred.status == "valid"  # signature and hashes check out; the test root is on no trust list
    assert cred.signer == "Test AI Lab" and cred.signer_name == "Test Signer"
    assert cred.claim_generator.startswith("TestGen") and cred.software_agent == "Test Diffusion 2"
    assert cred.source_types == ["trainedAlgorithmicMedia"] and cred.ai_label
    assert any("created by Test Diffusion 2" in a for a in cred.actions)
    e = read_evidence(path)
    assert e.labelled_ai and e.provenance == "c2pa-valid: Test Diffusion 2 (trainedAlgorithmicMedia)"
    assert e.generator_label == "Test Diffusion 2"
    sentence = ev.credentials_sentence(cred)
    assert "valid content credentials" in sentence and "cannot check against a trust list" in sentence


def test_trust_anchors_make_the_signer_trusted(signer, tmp_path):
    path = tmp_path / "signed.jpg"
    path.write_bytes(signer.sign(jpeg_bytes(), "image/jpeg"))
    assert read_content_credentials(path, trust_anchors_pem=signer.root_pem).status == "trusted"
    assert read_content_credentials(path, trust_anchors_pem=TestSigner().root_pem).status == "valid"


def test_signed_png_with_composite_label(signer, tmp_path):
    buffer = io.BytesIO()
    solid(BLUE).save(buffer, "PNG")
    path = tmp_path / "signed.png"
    path.write_bytes(signer.sign(buffer.getvalue(), "image/png", "compositeWithTrainedAlgorithmicMedia"))
    e = read_evidence(path)
    assert e.credentials.valid and e.labelled_ai
    assert "compositeWithTrainedAlgorithmicMedia" in e.provenance


def test_a_valid_manifest_without_an_ai_source_type_is_no_ai_label(signer, tmp_path):
    path = tmp_path / "camera.jpg"
    path.write_bytes(signer.sign(jpeg_bytes(), "image/jpeg", "digitalCapture", agent="Test Camera"))
    e = read_evidence(path)
    assert e.credentials.valid and not e.labelled_ai
    assert e.provenance == "c2pa-valid: Test Camera (digitalCapture)" and e.generator_label == ""
    assert "captured by a camera" in ev.credentials_sentence(e.credentials)


def test_changed_pixels_invalidate_the_credentials_and_say_why(signer, tmp_path):
    signed = bytearray(signer.sign(jpeg_bytes(), "image/jpeg"))
    signed[-100] ^= 0xFF  # inside the compressed image data, after the manifest
    path = tmp_path / "edited.jpg"
    path.write_bytes(bytes(signed))
    e = read_evidence(path)
    assert e.credentials.status == "invalid" and not e.credentials.valid
    assert not e.labelled_ai  # an invalid signature is never trusted, whatever it claims
    assert e.provenance.startswith("c2pa-invalid: ") and "changed after signing" in e.provenance
    assert "do NOT validate" in ev.credentials_sentence(e.credentials)


def test_damaged_manifest_is_invalid_not_a_crash(signer, tmp_path):
    signed = signer.sign(jpeg_bytes(), "image/jpeg")
    start = signed.index(b"jumb")
    path = tmp_path / "damaged.jpg"
    path.write_bytes(signed[: start + 40] + b"\x00" * 64 + signed[start + 104:])
    cred = read_content_credentials(path)
    assert cred.status == "invalid" and cred.problems


def test_no_credentials_is_said_plainly(tmp_path):
    path = tmp_path / "plain.jpg"
    path.write_bytes(jpeg_bytes())
    cred = read_content_credentials(path)
    assert cred.status == "absent" and not cred.present
    assert ev.credentials_sentence(cred).startswith("No content credentials (C2PA) in this file")
    assert read_evidence(path).provenance == ""


def test_jumbf_bytes_in_a_file_without_a_manifest(tmp_path):
    path = tmp_path / "odd.jpg"
    path.write_bytes(jpeg_bytes(), )
    Image.open(path).save(path, "JPEG", comment=b"jumb c2pa not really")  # the byte pre-check matches
    assert read_content_credentials(path).status == "absent"


def test_missing_c2pa_library_is_reported_not_fatal(tmp_path, monkeypatch):
    path = tmp_path / "plain.jpg"
    path.write_bytes(jpeg_bytes())
    monkeypatch.setattr(ev_credentials, "_c2pa", lambda: None)
    monkeypatch.setattr(ev_credentials, "_c2pa_import_error", "the C2PA library could not be loaded (test)")
    e = read_evidence(path)
    assert e.credentials.status == "unavailable" and e.provenance == ""
    assert e.findings()[0].startswith("Content credentials (C2PA) could not be checked")


# -- generator metadata -----------------------------------------------------------------------
def test_automatic1111_parameters(tmp_path):
    e = read_evidence(save_png(tmp_path / "a.png", {"parameters": A1111}))
    assert e.generator_label == "Stable Diffusion (AUTOMATIC1111)"
    assert e.generator_details["model"] == "sd_xl_base_1.0" and e.generator_details["version"] == "v1.9.0"
    assert not e.labelled_ai and e.provenance == ""  # a text chunk alone never changes the verdict
    finding = next(f for f in e.findings() if f.startswith("The file says it was made by"))
    assert "easy to strip and to forge" in finding and "parameters" in finding


def test_comfyui_prompt_and_workflow(tmp_path):
    graph = {"4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "flux1-dev.safetensors"}},
             "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "x" * 5000}}}  # longer than kept
    e = read_evidence(save_png(tmp_path / "c.png", {"prompt": json.dumps(graph), "workflow": "{}"},
                               compressed=("prompt",)))
    assert e.generator == "ComfyUI" and e.generator_details["model"] == "flux1-dev.safetensors"
    assert len(e.text["prompt"]) < 5000  # clipped in the record
    e = read_evidence(save_png(tmp_path / "w.png", {"workflow": '{"nodes": []}'}))
    assert e.generator == "ComfyUI"


@pytest.mark.parametrize("key", ["sd-metadata", "Dream", "invokeai_metadata"])
def test_invokeai(tmp_path, key):
    assert read_evidence(save_png(tmp_path / "i.png", {key: '{"model": "sd-1.5"}'})).generator == "InvokeAI"


def test_novelai(tmp_path):
    e = read_evidence(save_png(tmp_path / "n.png", {"Software": "NovelAI", "Source": "NovelAI Diffusion V4"}))
    assert e.generator == "NovelAI" and e.generator_details["model"] == "NovelAI Diffusion V4"


def test_text_chunk_after_the_pixels_is_found(tmp_path):
    path = solid(BLUE).save(tmp_path / "late.png") or tmp_path / "late.png"
    append_png_chunk_before_iend(path, b"tEXt", b"parameters\x00" + A1111.encode("latin-1"))
    assert "parameters" not in Image.open(path).info  # Pillow needs a decode for this one
    assert read_evidence(path).generator == "Stable Diffusion (AUTOMATIC1111)"


def test_png_text_bomb_is_bounded(tmp_path):
    path = solid(BLUE).save(tmp_path / "bomb.png") or tmp_path / "bomb.png"
    bomb = zlib.compress(b"a" * (50 * 1024 * 1024), 9)  # 50 MB of text in about 50 kB
    append_png_chunk_before_iend(path, b"zTXt", b"parameters\x00\x00" + bomb)
    text = png_text_chunks(path)["parameters"]
    assert len(text) <= ev_metadata._MAX_INFLATED


def test_damaged_text_chunk_keeps_the_others(tmp_path):
    path = save_png(tmp_path / "d.png", {"Software": "NovelAI"})
    append_png_chunk_before_iend(path, b"zTXt", b"parameters\x00\x00not zlib at all")
    assert png_text_chunks(path) == {"Software": "NovelAI"}


@pytest.mark.parametrize("encoding", ["utf-16-be", "utf-16-le"])
def test_jpeg_user_comment_from_automatic1111(tmp_path, encoding):
    path = tmp_path / "a.jpg"
    solid(BLUE).save(path, "JPEG", exif=exif_with(UserComment=user_comment(A1111, encoding)))
    e = read_evidence(path)
    assert e.exif["UserComment"].startswith("a photo of a cat")
    assert e.generator == "Stable Diffusion (AUTOMATIC1111)" and e.generator_source == "EXIF UserComment"


def test_webp_user_comment(tmp_path):
    path = tmp_path / "a.webp"
    solid(BLUE).save(path, "WEBP", exif=exif_with(UserComment=user_comment(A1111)))
    assert read_evidence(path).generator == "Stable Diffusion (AUTOMATIC1111)"


def test_camera_exif_is_reported_as_what_the_file_says(tmp_path):
    path = tmp_path / "cam.jpg"
    exif = exif_with(Make="Canon", Model="EOS R5", DateTime="2024:05:01 10:00:00", Software="Adobe Photoshop 25.0",
                     DateTimeOriginal="2024:05:01 09:59:58")
    solid(BLUE).save(path, "JPEG", exif=exif)
    e = read_evidence(path)
    assert e.exif["Make"] == "Canon" and e.exif["Model"] == "EOS R5"
    assert e.generator == "" and not e.labelled_ai  # editing software is not a generator
    text = " ".join(e.findings())
    assert "taken with a Canon EOS R5 on 2024-05-01 09:59:58" in text and "Adobe Photoshop 25.0" in text


def test_ai_name_in_exif_software(tmp_path):
    path = tmp_path / "mj.jpg"
    solid(BLUE).save(path, "JPEG", exif=exif_with(Software="Midjourney v6"))
    e = read_evidence(path)
    assert e.generator == "Midjourney" and e.generator_source == "EXIF Software"


@pytest.mark.parametrize("style", ["attribute", "element", "resource"])
def test_iptc_digital_source_type_in_jpeg_xmp(tmp_path, style):
    path = tmp_path / "x.jpg"
    solid(BLUE).save(path, "JPEG", xmp=xmp_packet("trainedAlgorithmicMedia", style).encode())
    e = read_evidence(path)
    assert e.source_type == "trainedAlgorithmicMedia" and e.labelled_ai
    assert e.provenance == "iptc: trainedAlgorithmicMedia"
    assert any("not signed" in f for f in e.findings())


def test_iptc_in_png_itxt_and_non_ai_types(tmp_path):
    e = read_evidence(save_png(tmp_path / "x.png", itxt={"XML:com.adobe.xmp": xmp_packet("compositeWithTrainedAlgorithmicMedia")}))
    assert e.labelled_ai and e.provenance == "iptc: compositeWithTrainedAlgorithmicMedia"
    path = tmp_path / "cap.jpg"
    solid(BLUE).save(path, "JPEG", xmp=xmp_packet("digitalCapture").encode())
    e = read_evidence(path)
    assert e.source_type == "digitalCapture" and not e.labelled_ai and e.provenance == "iptc: digitalCapture"


def test_xmp_creator_tool_and_remote_credentials(tmp_path):
    extra = 'xmp:CreatorTool="Adobe Firefly" dcterms:provenance="https://cai-manifests.example/abc.c2pa"'
    path = tmp_path / "ff.jpg"
    solid(BLUE).save(path, "JPEG", xmp=xmp_packet("digitalCapture", extra=extra).encode())
    e = read_evidence(path)
    assert e.generator == "Adobe Firefly" and e.generator_source == "XMP CreatorTool"
    assert e.remote_credentials_url.startswith("https://") and any("did not fetch" in f for f in e.findings())


def test_plain_file_says_nothing_and_bad_files_do_not_raise(tmp_path):
    path = tmp_path / "plain.png"
    solid(BLUE).save(path)
    e = read_evidence(path)
    assert e.generator_label == "" and e.provenance == "" and not e.labelled_ai
    assert any("no metadata about how it was made" in f for f in e.findings())
    for name, data in [("text.jpg", b"hello, not an image"), ("empty.png", b""), ("trunc.png", path.read_bytes()[:30])]:
        (tmp_path / name).write_bytes(data)
        e = read_evidence(tmp_path / name)
        assert e.provenance == "" and e.credentials.status == "absent"
    assert read_evidence(tmp_path / "missing.jpg").notes  # no file: a note, not an exception


def test_jpeg_quality_estimate(tmp_path):
    for quality in (30, 75, 92):
        path = tmp_path / f"q{quality}.jpg"
        solid(BLUE).save(path, "JPEG", quality=quality)
        assert estimate_jpeg_quality(Image.open(path)) == quality
        assert read_evidence(path).jpeg_quality == quality
    assert estimate_jpeg_quality(solid(BLUE)) is None


# -- error level analysis ---------------------------------------------------------------------
def _texture(seed: int, size: int = 256) -> np.ndarray:
    rng = np.random.default_rng(seed)
    coarse = Image.fromarray(rng.integers(0, 255, (size // 8, size // 8, 3), dtype=np.uint8)).resize(
        (size, size), Image.Resampling.BILINEAR)
    return np.clip(np.asarray(coarse, np.int16) + rng.integers(-20, 21, (size, size, 3)), 0, 255).astype(np.uint8)


def _jpeg_roundtrip(pixels: np.ndarray, quality: int) -> np.ndarray:
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, "JPEG", quality=quality)
    return np.array(Image.open(buffer).convert("RGB"))


def spliced_jpeg(path: Path, quality: int = 70) -> tuple[slice, slice]:
    """A JPEG saved at `quality` whose one block came from a JPEG saved at 98."""
    background = _jpeg_roundtrip(_texture(1), quality)
    donor = _jpeg_roundtrip(_texture(2), 98)
    region = (slice(64, 128), slice(96, 160))
    background[region] = donor[region]
    Image.fromarray(background).save(path, "JPEG", quality=quality)
    return region


def test_ela_makes_a_pasted_region_stand_out(tmp_path):
    path = tmp_path / "spliced.jpg"
    region = spliced_jpeg(path)
    ela = ela_for_file(path, quality=70).max(axis=2).astype(np.float64)
    inside = np.zeros(ela.shape, bool)
    inside[region] = True
    assert ela.shape == (256, 256)
    assert ela[inside].mean() > 1.4 * ela[~inside].mean()


def test_ela_of_an_untouched_jpeg_is_even(tmp_path):
    path = tmp_path / "clean.jpg"
    Image.fromarray(_jpeg_roundtrip(_texture(1), 70)).save(path, "JPEG", quality=70)
    ela = ela_for_file(path, quality=70).max(axis=2).astype(np.float64)
    block = ela[64:128, 96:160].mean()
    assert 0.7 < block / ela.mean() < 1.3


def test_ela_gain_and_inputs():
    pixels = _texture(3, 64)
    raw = error_level_analysis(pixels, 90, gain=1.0)
    amplified = error_level_analysis(Image.fromarray(pixels), 90, gain=10.0)
    assert raw.shape == pixels.shape and raw.dtype == np.uint8 and raw.max() > 0
    assert np.array_equal(amplified, np.clip(raw.astype(np.int32) * 10, 0, 255).astype(np.uint8))
    assert error_level_analysis(pixels[..., 0], 90).shape == (64, 64, 3)  # greyscale in, RGB out
    assert error_level_analysis(pixels, 100, gain=1.0).mean() < raw.mean()  # less loss at higher quality


def test_ela_follows_exif_orientation_and_refuses_non_images(tmp_path):
    path = tmp_path / "rotated.jpg"
    Image.fromarray(_texture(4, 64)[:, :48]).save(path, "JPEG", exif=exif_with(Orientation=6))  # 48 wide, 64 tall
    assert ela_for_file(path).shape == (48, 64, 3)  # shown upright, like the image
    (tmp_path / "no.jpg").write_bytes(b"not a jpeg")
    with pytest.raises(MediaError):
        ela_for_file(tmp_path / "no.jpg")


# -- in the detector, the CSV and the JSON ------------------------------------------------------
def test_iptc_ai_label_sets_the_verdict_and_keeps_the_scores(detector, tmp_path):
    path = tmp_path / "labelled.jpg"
    solid(BLUE).save(path, "JPEG", xmp=xmp_packet().encode())
    result = detector.analyze_file(path)
    assert result.verdict == LABELLED_AI
    assert result.fake_probability is not None and result.fake_probability < 0.3  # the models still say real
    assert set(result.model_probabilities) == {"cnn", "gan"}
    assert result.provenance == "iptc: trainedAlgorithmicMedia"


def test_generator_text_is_reported_but_does_not_change_the_verdict(detector, tmp_path):
    result = detector.analyze_file(save_png(tmp_path / "sd.png", {"parameters": A1111}, colour=BLUE))
    assert result.verdict == "real" and result.generator_label == "Stable Diffusion (AUTOMATIC1111)"
    assert result.provenance == ""


def test_signed_and_tampered_credentials_in_the_detector(detector, signer, tmp_path):
    signed = signer.sign(jpeg_bytes(BLUE), "image/jpeg")
    (tmp_path / "signed.jpg").write_bytes(signed)
    tampered = bytearray(signed)
    tampered[-100] ^= 0xFF
    (tmp_path / "tampered.jpg").write_bytes(bytes(tampered))
    good = detector.analyze_file(tmp_path / "signed.jpg")
    assert good.verdict == LABELLED_AI and good.provenance.startswith("c2pa-valid: Test Diffusion 2")
    bad = detector.analyze_file(tmp_path / "tampered.jpg")  # one flipped byte: still decodes
    assert bad.ok and bad.verdict == "real"  # the invalid AI label is not believed: the models decide
    assert bad.provenance.startswith("c2pa-invalid: the image data no longer matches")


def test_csv_and_json_carry_the_evidence(detector, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    save_png(folder / "a_sd.png", {"parameters": A1111}, colour=RED)
    solid(BLUE).save(folder / "b_labelled.jpg", "JPEG", xmp=xmp_packet().encode())
    (folder / "c_bad.jpg").write_bytes(b"")
    from deepfake_desk.core.scan import scan_paths

    results = list(scan_paths([folder], detector))
    out = tmp_path / "out.csv"
    write_csv(results, out, detector.model_ids)
    with open(out, newline="", encoding="utf-8") as f:
        header, *rows = list(csv.reader(f))
    at = header.index("error")
    assert header == csv_columns(detector.model_ids) and header[at : at + 3] == ["error", "provenance", "generator_label"]
    cells = {Path(r[0]).name: dict(zip(header, r)) for r in rows}
    assert cells["a_sd.png"]["verdict"] == "fake" and cells["a_sd.png"]["generator_label"].startswith("Stable Diffusion")
    assert cells["b_labelled.jpg"]["verdict"] == LABELLED_AI
    assert cells["b_labelled.jpg"]["provenance"] == "iptc: trainedAlgorithmicMedia"
    assert float(cells["b_labelled.jpg"]["fake_probability"]) < 0.3
    assert cells["c_bad.jpg"]["provenance"] == "" and cells["c_bad.jpg"]["error"]
    write_json(results, tmp_path / "out.json")
    records = {Path(r["path"]).name: r for r in json.loads((tmp_path / "out.json").read_text())["results"]}
    assert records["a_sd.png"]["evidence"]["generator_details"]["model"] == "sd_xl_base_1.0"
    assert records["b_labelled.jpg"]["evidence"]["labelled_ai"] is True
    assert records["b_labelled.jpg"]["evidence"]["content_credentials"]["status"] == "absent"
    assert records["c_bad.jpg"]["evidence"] is None


def test_evidence_cells_are_neutralised(tmp_path):
    out = tmp_path / "o.csv"
    write_csv([FileResult(path="a.jpg", provenance="=cmd|' /C calc'!A0", generator_label="@SUM(A1)")], out, ["cnn"])
    with open(out, newline="", encoding="utf-8") as f:
        header, row = list(csv.reader(f))
    at = header.index("provenance")
    assert row[at : at + 2] == ["'=cmd|' /C calc'!A0", "'@SUM(A1)"]


def test_credentials_read_in_parallel_scan_workers(signer, tmp_path):
    """Folder scans read files on two or more threads: the native library must cope."""
    from concurrent.futures import ThreadPoolExecutor

    signed, plain = tmp_path / "signed.jpg", tmp_path / "plain.jpg"
    signed.write_bytes(signer.sign(jpeg_bytes(), "image/jpeg"))
    plain.write_bytes(jpeg_bytes())
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(lambda p: read_content_credentials(p).status, [signed, plain] * 40))
    assert statuses == ["valid", "absent"] * 40


def test_a_file_type_without_credentials_support_says_so(tmp_path):
    path = tmp_path / "a.bmp"
    solid(BLUE).save(path, "BMP")
    with open(path, "ab") as f:
        f.write(b"jumb")  # passes the byte pre-check, so the library itself is asked
    cred = read_content_credentials(path)
    assert cred.status == "absent" and "cannot carry content credentials" in ev.credentials_sentence(cred)


def test_hostile_xmp_is_read_in_linear_time(tmp_path):
    import time

    # A backtracking pattern spends seconds here (about 6 s with lazy repeats on this input).
    hostile = '<x:xmpmeta xmlns:x="adobe:ns:meta/">' + "Iptc4xmpExt:DigitalSourceType>a" + " " * 60_000 + "</x:xmpmeta>"
    path = tmp_path / "hostile.jpg"
    solid(BLUE).save(path, "JPEG", xmp=hostile.encode())
    started = time.monotonic()
    e = read_evidence(path)
    assert time.monotonic() - started < 1.5
    assert not e.labelled_ai


def test_junk_source_type_is_ignored(tmp_path):
    path = tmp_path / "junk.jpg"
    junk = xmp_packet("x" * 10).replace("xxxxxxxxxx", "not a type; =cmd|calc")
    solid(BLUE).save(path, "JPEG", xmp=junk.encode())
    e = read_evidence(path)
    assert e.source_type == "" and e.provenance == ""


def test_c2pa_never_loads_a_library_planted_in_the_working_folder(tmp_path):
    # c2pa-python looks in the current directory first; a scanned folder must not be able to inject code
    import subprocess
    import sys

    (tmp_path / "libc2pa_c.so").write_bytes(b"not a library")
    env = {k: v for k, v in __import__("os").environ.items() if k != "C2PA_LIBRARY_NAME"}
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    code = "from deepfake_desk.core.evidence import c2pa_available; import os; print(c2pa_available(), os.environ['C2PA_LIBRARY_NAME'])"
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    available, library = proc.stdout.split()
    assert available == "True" and library.endswith("c2pa/libs/libc2pa_c.so")
