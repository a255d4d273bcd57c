"""Files per second of a cluster scan (Dask LocalCluster, 1 and 2 workers) against the local scan.

    python benchmarks/cluster.py [--files 24] [--manifest models/manifest.json] [--out benchmarks/cluster.md]

The same files each way, read in place from ../shared/data (face crops and generic
pictures, never copied), scored by the shipped models. The local scan is
`scan_paths` (decode threads overlapping onnxruntime on both cores); the cluster scan
is `ClusterScan("local:N")`, N single-thread worker processes. Start-up (the local
cluster's processes, each worker loading its models) is timed apart from the scan,
which is timed from the first file submitted to the last row received. Keep it short:
one run each, about 2-3 minutes on this 2-core machine when it is not loaded (the
first attempt, 60 files at a load average of 20, did not finish in 10 minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deepfake_desk.core.cluster import ClusterScan  # noqa: E402
from deepfake_desk.core.detector import Detector  # noqa: E402
from deepfake_desk.core.resources import default_manifest_path  # noqa: E402
from deepfake_desk.core.scan import scan_paths  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SOURCES = ("faces/openforensics/real", "faces/openforensics/fake", "generic/modern_t2i/real",
           "generic/modern_t2i/fake")


def sample_files(count: int) -> list[str]:
    """`count` pictures, taken in turn from each source (sorted names: the same files every run)."""
    pools = [sorted(str(p) for p in (DATA / s).iterdir() if p.is_file()) for s in SOURCES]
    files: list[str] = []
    while len(files) < count and any(pools):
        for pool in pools:
            if pool and len(files) < count:
                files.append(pool.pop(0))
    return files


def load() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def time_local(files: list[str], manifest: str) -> dict:
    started = time.monotonic()
    detector = Detector.from_manifest(manifest)
    ready = time.monotonic()
    rows = list(scan_paths(files, detector))
    done = time.monotonic()
    return {"how": "local scan (scan_paths: 2 decoding processes, onnxruntime on 2 threads)", "startup_s": ready - started,
            "scan_s": done - ready, "rows": len(rows), "errors": sum(bool(r.error) for r in rows)}


def time_cluster(files: list[str], manifest: str, workers: int) -> dict:
    started = time.monotonic()
    detector = Detector.from_manifest(manifest)  # the client's models: the columns and the fingerprint
    scan = ClusterScan(f"local:{workers}", detector, manifest)
    ready = time.monotonic()
    rows = list(scan.results(files))
    done = time.monotonic()
    return {"how": f"cluster, local:{workers} ({workers} single-thread worker process(es))",
            "startup_s": ready - started, "scan_s": done - ready, "rows": len(rows),
            "errors": sum(bool(r.error) for r in rows)}


def render(report: dict) -> str:
    lines = [
        "# Cluster scan throughput",
        "",
        f"Command: `{report['command']}` ({report['date']}, commit {report['commit']}, {report['total_s']:.0f} s).",
        "",
        f"Machine: {report['machine']}. **Shared**: other sessions' tests, builds and training run on its 2 cores too (see the load);",
        f"`uptime` before: `{report['load_before']}`; after: `{report['load_after']}`.",
        "Absolute figures are pessimistic and vary from run to run; one run each.",
        "",
        f"Files: {report['files']} pictures read in place from ../shared/data ({', '.join(SOURCES)}, taken in turn),",
        f"models: {report['models']}.",
        "",
        "| scan | start-up (s) | scan (s) | files/s | rows | error rows |",
        "|---|---|---|---|---|---|",
    ]
    for r in report["runs"]:
        lines.append(f"| {r['how']} | {r['startup_s']:.1f} | {r['scan_s']:.1f} | {r['rows'] / r['scan_s']:.2f} "
                     f"| {r['rows']} | {r['errors']} |")
    lines += [
        "",
        "Start-up: loading the models (local), or starting the local cluster's worker processes and each",
        "worker loading its models (cluster). Scan: first file listed to last row received.",
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=24)
    parser.add_argument("--manifest", default=str(default_manifest_path()))
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "cluster.md"))
    args = parser.parse_args()
    files = sample_files(args.files)
    started, before = time.monotonic(), load()
    runs = []
    for run in (lambda: time_local(files, args.manifest), lambda: time_cluster(files, args.manifest, 1),
                lambda: time_cluster(files, args.manifest, 2)):
        runs.append(run())
        print(runs[-1], flush=True)  # a run cut short by the 3-minute rule still leaves the earlier figures
    models = json.loads(Path(args.manifest).read_text())["models"]
    report = {
        "command": "python benchmarks/cluster.py" + (f" --files {args.files}" if args.files != 24 else ""),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip(),
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "load_before": before, "load_after": load(), "total_s": time.monotonic() - started,
        "files": len(files), "models": ", ".join(m["id"] for m in models), "runs": runs,
    }
    Path(args.out).write_text(render(report), encoding="utf-8")
    print(render(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
