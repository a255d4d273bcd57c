"""Test-only Dask worker plugins and probes for tests/core/test_cluster.py (imports Dask: only
import it after `pytest.importorskip("distributed")`). The workers import it by name."""

from __future__ import annotations

import os
import time

from distributed.diagnostics.plugin import WorkerPlugin


class MisbehaveOnMarkedFiles(WorkerPlugin):
    """Applied to every worker that joins (restarted ones too): the worker process exits
    abruptly when it starts reading a file named crash-always*, or a crash-once* file for
    the first time, and sleeps on slow* files (so that a scan still has work pending)."""

    name = "misbehave-on-marked-files"

    def __init__(self, marks: str):
        self.marks = marks  # a folder where crash-once files leave a trace of their first attempt

    def setup(self, worker) -> None:
        from deepfake_desk.core import detector

        original, marks = detector.Detector.prepare_file, self.marks

        def prepare_file(self, path, *args, **kwargs):
            name = os.path.basename(path)
            trace = os.path.join(marks, name + ".tried")
            if name.startswith("crash-always") or (name.startswith("crash-once") and not os.path.exists(trace)):
                open(trace, "w").close()
                os._exit(70)  # as a segfaulting decoder would: no exception, no clean-up
            if name.startswith("slow"):
                time.sleep(1.5)
            return original(self, path, *args, **kwargs)

        detector.Detector.prepare_file = prepare_file


def loaded_manifests() -> list[str]:
    """Run on a worker: the manifests whose models this worker process holds."""
    from deepfake_desk.core import cluster

    return sorted(str(m) for m in cluster._detectors)
