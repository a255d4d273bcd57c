"""The hand-written ONNX head is valid ONNX and computes what NumPy computes."""

import numpy as np
import onnx
import onnxruntime as ort

from deepfake_desk.core.onnx_head import INPUT_NAME, OUTPUT_NAME, linear_head_onnx


def test_the_head_is_valid_onnx_and_agrees_with_numpy():
    rng = np.random.default_rng(0)
    weights, bias = rng.normal(size=300), -0.75
    data = linear_head_onnx(weights, bias, {"deepfake_desk.taught": "mine"})

    model = onnx.load_from_string(data)
    onnx.checker.check_model(model, full_check=True)
    assert {p.key: p.value for p in model.metadata_props} == {"deepfake_desk.taught": "mine"}

    session = ort.InferenceSession(data, providers=["CPUExecutionProvider"])
    assert [i.name for i in session.get_inputs()] == [INPUT_NAME]
    assert session.get_inputs()[0].shape == ["N", 300]
    x = rng.normal(size=(7, 300)).astype(np.float32)
    got = session.run([OUTPUT_NAME], {INPUT_NAME: x})[0]
    want = 1 / (1 + np.exp(-(x.astype(np.float64) @ weights + bias)))
    assert got.shape == (7, 1)
    np.testing.assert_allclose(got[:, 0], want, rtol=1e-4, atol=1e-6)
