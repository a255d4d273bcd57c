"""Deepfake Detector: an offline detector of deepfake and AI-generated images and videos."""

import os

__version__ = "0.1.0"

# onnxruntime 1.29 and later send usage telemetry (Microsoft's 1DS collector, DNS lookups of
# mobile.events.data.microsoft.com) from Linux and macOS too, unless this variable is set
# before onnxruntime starts; the app promises that nothing leaves the machine. Every process
# of the app (the CLI, the window, the decoding processes, the frozen bundle) imports this
# package before onnxruntime, and the processes it starts inherit the variable.
os.environ["ORT_DISABLE_TELEMETRY"] = "1"
