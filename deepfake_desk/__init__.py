"""Deepfake Detector: an offline detector of deepfake and AI-generated images and videos."""

__version__ = "0.1.0"
