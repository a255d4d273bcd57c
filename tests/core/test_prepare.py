"""The per-file step of a scan: what it decodes, how small, and where faces land."""

from dataclasses import fields, replace
from pathlib import Path

import numpy as np
from PIL import Image

from deepfake_desk.core import media, prepare
from deepfake_desk.core.prepare import FileFacts, FileJob, decode_size, prepare_file, prepare_image
from tests.conftest import RED, solid

ASTRONAUT = Path(__file__).resolve().parents[2] / "resources" / "samples" / "real" / "astronaut.png"


def _plan_with(plan, **pre):
    first = plan.models[0]
    return replace(plan, models=(replace(first, preprocess=replace(first.preprocess, **pre)),) + plan.models[1:])


def test_the_decode_size_is_what_the_largest_model_needs(detector):
    plan = replace(detector.plan, face_detector=None)
    assert decode_size(plan) == media.MinSize(short=int(prepare.DECODE_GAP * 48), long=0)  # test models: 48 px
    assert decode_size(plan, preview=True).short == prepare.PREVIEW_SHORT_SIDE
    assert decode_size(detector.plan).long == detector.plan.face_detector.search_long_side


def test_a_model_on_native_crops_needs_the_full_resolution(detector):
    assert decode_size(_plan_with(detector.plan, resize_short_side=None, crop="center")) is None
    limited = decode_size(_plan_with(detector.plan, resize_short_side=None, crop="center", max_side=512))
    assert limited is not None and limited.long == prepare.DECODE_GAP * 512


def test_model_inputs_from_a_reduced_decode_match_a_full_one(detector, tmp_path):
    Image.open(ASTRONAUT).convert("RGB").resize((2048, 2048)).save(tmp_path / "big.jpg", quality=95)
    reduced, _ = media.open_image(tmp_path / "big.jpg", decode_size(detector.plan))
    assert max(reduced.shape[:2]) <= 1024
    full = media.load_image(tmp_path / "big.jpg")
    a, b = prepare_image(detector.plan, reduced), prepare_image(detector.plan, full)
    for model_id in a:
        assert a[model_id].shape == b[model_id].shape
        assert np.abs(a[model_id] - b[model_id]).mean() < 0.01, model_id


def test_faces_found_in_a_reduced_decode_are_boxed_in_the_files_pixels(detector, tmp_path):
    Image.open(ASTRONAUT).convert("RGB").resize((3000, 3000)).save(tmp_path / "big.jpg", quality=92)
    decodes = []
    real_open = media.open_image

    def counting(path, min_size=None, full_size=None):
        rgb, info = real_open(path, min_size, full_size)
        decodes.append(rgb.shape[0])
        return rgb, info

    media.open_image = counting
    try:
        prepared = prepare_file(detector.plan, FileJob(str(tmp_path / "big.jpg")))
    finally:
        media.open_image = real_open
    assert not prepared.error
    faces = [v.face for v in prepared.views if v.face is not None]
    assert len(faces) == 1
    x, y, w, h = faces[0].as_tuple()
    f = 3000 / 512  # the astronaut's face is at about (177, 66), 95 px, in the 512 px original
    assert abs(x - 177 * f) < 40 * f and abs(y - 66 * f) < 40 * f and abs(w - 95 * f) < 35 * f
    assert decodes[0] < 3000  # the first decode was reduced ...
    assert len(decodes) <= 2 and max(decodes) <= 3000  # ... and at most one finer one for the face crop


def test_a_missing_file_is_an_error_not_an_exception(detector, tmp_path):
    prepared = prepare_file(detector.plan, FileJob(str(tmp_path / "gone.jpg")))
    assert prepared.error == "file not found" and prepared.views == []


def test_shared_resizes_give_exactly_each_models_own_inputs(detector):
    from deepfake_desk.core.preprocess import model_inputs

    cnn, gan = detector.plan.models
    squash = replace(cnn.preprocess, crop="resize", resize_short_side=None)
    plan = replace(detector.plan, models=(replace(cnn, preprocess=squash), replace(gan, id="gan", preprocess=squash),
                                          replace(cnn, id="five")))
    rgb = np.asarray(Image.open(ASTRONAUT).convert("RGB").resize((700, 500)))
    inputs = prepare_image(plan, rgb)
    for spec in plan.models:
        assert np.array_equal(inputs[spec.id], model_inputs(rgb, spec)), spec.id


def test_every_fact_of_a_prepared_file_reaches_its_row(detector, tmp_path):
    """A row is built from the prepared file's FileFacts as a whole: a fact added there cannot be lost."""
    solid(RED, (300, 200)).save(tmp_path / "red.jpg")
    prepared = detector.prepare_file(tmp_path / "red.jpg", preview=True)
    prepared.notes.append("a note")
    prepared.frame_assessable = [True]
    row = detector.result_of(prepared)
    for f in fields(FileFacts):
        assert getattr(row, f.name) is getattr(prepared, f.name) or getattr(row, f.name) == getattr(prepared, f.name)
    assert row.notes is not prepared.notes  # the row's notes grow with the verdict's; the prepared file's do not


def test_whole_picture_models_with_one_size_share_one_resize(detector, monkeypatch):
    """Three models that shrink the picture to the same longest side resize it once, and each still gets
    exactly its own inputs (a model with another size gets its own resize)."""
    from deepfake_desk.core import prepare as prepare_module
    from deepfake_desk.core.preprocess import model_inputs

    cnn = detector.plan.models[0]
    whole = replace(cnn.preprocess, crop="whole", max_side=256, resize_short_side=None)
    specs = [replace(cnn, id=f"w{i}", preprocess=whole, layout="NCHW") for i in range(3)]
    specs.append(replace(cnn, id="small", preprocess=replace(whole, max_side=160), layout="NCHW"))
    plan = replace(detector.plan, models=tuple(specs))
    rgb = np.asarray(Image.open(ASTRONAUT).convert("RGB").resize((700, 500)))
    calls = []
    real = prepare_module.sized_image
    monkeypatch.setattr(prepare_module, "sized_image", lambda *a: calls.append(a[1].max_side) or real(*a))
    inputs = prepare_image(plan, rgb)
    assert sorted(calls) == [160, 256]
    for spec in plan.models:
        assert np.array_equal(inputs[spec.id], model_inputs(rgb, spec)), spec.id
    assert inputs["w0"].shape[2:] == (160, 256) and inputs["small"].shape[2:] == (96, 160)


def test_models_that_prepare_alike_share_one_tensor_and_it_crosses_processes_once(detector):
    """The three whole-picture models of the shipped kind get one tensor (built once, pickled once from a
    decoding process); a model scaled or laid out otherwise gets its own."""
    import pickle

    cnn = detector.plan.models[0]
    whole = replace(cnn.preprocess, crop="whole", max_side=256, resize_short_side=None)
    specs = [replace(cnn, id=f"w{i}", preprocess=whole, layout="NCHW") for i in range(3)]
    specs.append(replace(cnn, id="nhwc", preprocess=whole, layout="NHWC"))
    specs.append(replace(cnn, id="signed", preprocess=replace(whole, scale=2 / 255, offset=-1.0), layout="NCHW"))
    plan = replace(detector.plan, models=tuple(specs))
    rgb = np.asarray(Image.open(ASTRONAUT).convert("RGB").resize((700, 500)))
    inputs = prepare_image(plan, rgb)
    assert inputs["w0"] is inputs["w1"] is inputs["w2"]
    assert inputs["nhwc"] is not inputs["w0"] and inputs["signed"] is not inputs["w0"]
    assert inputs["nhwc"].shape[1:3] == (160, 256) and inputs["signed"].min() < 0 <= inputs["w0"].min()
    once = len(pickle.dumps(inputs))
    assert once < 3.2 * inputs["w0"].nbytes  # w0 (sent once), nhwc and signed: three tensors, not five


def test_a_picture_needing_its_faces_and_whether_it_shows_one_is_searched_once(detector, monkeypatch):
    """With a face-gap detector on (PreparePlan.face_presence), a large picture gets both answers from one
    YuNet pass: the faces to score on their own, and shows_face on the whole picture."""
    from deepfake_desk.core import faces

    plan = replace(detector.plan, face_presence=True, face_min_image_side=300)
    big = np.asarray(Image.open(ASTRONAUT).convert("RGB").resize((1024, 1024)))
    calls = []
    real = faces.detect
    monkeypatch.setattr(faces, "detect", lambda *a: calls.append(1) or real(*a))
    views = prepare.prepare_views(plan, big)
    assert len(calls) == 1
    assert views[0].shows_face is True and len(views) == 2 and views[1].face is not None
    assert prepare.prepare_views(replace(plan, face_presence=False), big)[0].shows_face is None
