"""The detection core: media loading, models, fusion, folder scans and export.

Imports neither Qt nor TensorFlow, so the GUI, the CLI, the tests and the training
package can all use it.
"""

# The core's own background threads (the decoding pool's, the folder walk) are named with this prefix:
# what the window waits for on exit, and nothing else (a library's threads, such as Dask's offload pool,
# live as long as the process and would hold every exit for the whole wait).
THREAD_PREFIX = "deepfake-desk-"
