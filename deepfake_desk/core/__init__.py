"""The detection core: media loading, models, fusion, folder scans and export.

Imports neither Qt nor TensorFlow, so the GUI, the CLI, the tests and the training
package can all use it.
"""
