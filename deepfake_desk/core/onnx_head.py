"""Writing a taught detector's head as a tiny ONNX file, without the `onnx` package.

The head is `probability_fake = sigmoid(features @ W + b)`: three ONNX nodes over a
backbone's pooled features. The app ships onnxruntime only (the `onnx` package is
31 MB installed with protobuf, for three nodes), so this module writes the few
protobuf messages of an ONNX model by hand. The field numbers are those of
onnx/onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto);
tests check the bytes with `onnx.checker` and compare onnxruntime's output with NumPy's.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

IR_VERSION = 8
OPSET = 17
FLOAT = 1  # TensorProto.DataType.FLOAT
INPUT_NAME = "features"
OUTPUT_NAME = "probability_fake"


def _varint(value: int) -> bytes:
    out = bytearray()
    value &= (1 << 64) - 1  # protobuf encodes negative int64 as ten-byte two's complement
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def _int_field(number: int, value: int) -> bytes:
    return _varint(number << 3) + _varint(value)


def _bytes_field(number: int, payload: bytes | str) -> bytes:
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    return _varint((number << 3) | 2) + _varint(len(payload)) + payload


def _tensor(name: str, array: np.ndarray) -> bytes:
    data = np.ascontiguousarray(array, dtype="<f4")
    dims = b"".join(_int_field(1, d) for d in data.shape)
    return dims + _int_field(2, FLOAT) + _bytes_field(8, name) + _bytes_field(9, data.tobytes())


def _value_info(name: str, dims: list[int | str]) -> bytes:
    shape = b"".join(_bytes_field(1, _int_field(1, d) if isinstance(d, int) else _bytes_field(2, d)) for d in dims)
    tensor_type = _int_field(1, FLOAT) + _bytes_field(2, shape)
    return _bytes_field(1, name) + _bytes_field(2, _bytes_field(1, tensor_type))


def _node(op: str, inputs: list[str], outputs: list[str]) -> bytes:
    return (b"".join(_bytes_field(1, i) for i in inputs) + b"".join(_bytes_field(2, o) for o in outputs)
            + _bytes_field(3, f"{op.lower()}_0") + _bytes_field(4, op))


def linear_head_onnx(weights: np.ndarray, bias: float, metadata: Mapping[str, str] | None = None) -> bytes:
    """ONNX bytes of `sigmoid(features @ weights + bias)`: input `features` float32 [N, D],
    output `probability_fake` float32 [N, 1]."""
    weights = np.asarray(weights, dtype=np.float32).reshape(-1, 1)
    dim = int(weights.shape[0])
    graph = b"".join([
        _bytes_field(1, _node("MatMul", [INPUT_NAME, "W"], ["z0"])),
        _bytes_field(1, _node("Add", ["z0", "b"], ["z"])),
        _bytes_field(1, _node("Sigmoid", ["z"], [OUTPUT_NAME])),
        _bytes_field(2, "taught_head"),
        _bytes_field(5, _tensor("W", weights)),
        _bytes_field(5, _tensor("b", np.array([bias], dtype=np.float32))),
        _bytes_field(11, _value_info(INPUT_NAME, ["N", dim])),
        _bytes_field(12, _value_info(OUTPUT_NAME, ["N", 1])),
    ])
    props = b"".join(_bytes_field(14, _bytes_field(1, k) + _bytes_field(2, v)) for k, v in (metadata or {}).items())
    return (_int_field(1, IR_VERSION) + _bytes_field(2, "deepfake-detector learn") + _bytes_field(7, graph)
            + _bytes_field(8, _bytes_field(1, "") + _int_field(2, OPSET)) + props)

