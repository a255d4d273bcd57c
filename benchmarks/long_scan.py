"""Long-scan check: 10,000 small files, 5% of them corrupt, through the real CLI.

Checks, and prints as JSON (also written to benchmarks/long_scan.json):
- the scan ends with exactly one CSV row per file (10,000), the corrupt ones as errors;
- memory stays flat: the CLI's RSS sampled every 0.25 s over the scan;
- the CSV is never half-written: while the scan runs, the output path keeps its
  previous content (the new file appears whole, by rename, at the end);
- cancelling midway (SIGINT, as Ctrl+C) keeps every finished row, complete, and they
  are the same rows a full scan gives for those files.

    python benchmarks/long_scan.py                 # tiny test models (needs the `test` extra: onnx)
    python benchmarks/long_scan.py --manifest models/manifest.json --files 2000
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

OLD_CONTENT = "path,previous export that must stay whole until the new one is complete\n"


def make_corpus(folder: Path, n: int, corrupt_share: float, seed: int = 0) -> set[str]:
    """n small JPEG/PNG files in sub-folders of 500; returns the names of the corrupt ones."""
    rng = np.random.default_rng(seed)
    colours = [(220, 30, 30), (30, 30, 220), (128, 128, 128)]
    corrupt_at = set(rng.choice(n, int(round(n * corrupt_share)), replace=False).tolist())
    corrupt: set[str] = set()
    for i in range(n):
        sub = folder / f"batch_{i // 500:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        ext = "jpg" if i % 3 else "png"
        path = sub / f"photo_{i:05d}.{ext}"
        base = np.array(colours[i % 3], np.int16)
        arr = np.clip(base + rng.integers(-20, 21, (48, 64, 3)), 0, 255).astype(np.uint8)
        Image.fromarray(arr).save(path, quality=90) if ext == "jpg" else Image.fromarray(arr).save(path)
        if i in corrupt_at:
            kind = i % 3
            if kind == 0:
                path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # cut download
            elif kind == 1:
                path.write_bytes(b"<html>404 Not Found</html>\n")  # an error page saved as a photo
            else:
                path.write_bytes(b"")
            corrupt.add(str(path))
    return corrupt


def tiny_manifest(folder: Path) -> Path:
    from tests.conftest import model_entry, write_manifest

    folder.mkdir(parents=True, exist_ok=True)
    return write_manifest(folder, [model_entry(folder, "cnn", "NHWC", weight=0.6),
                                   model_entry(folder, "gan", "NCHW", weight=0.4)])


def rss_mb(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def read_rows(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def run_scan(corpus: Path, manifest: Path, out: Path, interrupt_after: float | None = None) -> dict:
    """Run the CLI, sampling its RSS and the output file; SIGINT it after `interrupt_after` s."""
    out.write_text(OLD_CONTENT)
    command = [sys.executable, "-m", "deepfake_desk", "scan", str(corpus), "--csv", str(out), "--manifest", str(manifest), "-q"]
    started = time.monotonic()
    # SIGINT back to its default in the child: a script started in the background inherits
    # it ignored, and the CLI would then never see the Ctrl+C this check sends.
    proc = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    samples: list[tuple[float, float]] = []
    seen: set[str] = set()  # every content the export path showed while the CLI ran
    interrupted = False
    while proc.poll() is None:
        now = time.monotonic() - started
        rss = rss_mb(proc.pid)
        if rss is not None:
            samples.append((round(now, 2), round(rss, 1)))
        seen.add(hashlib.sha256(out.read_bytes()).hexdigest())
        if interrupt_after is not None and not interrupted and now >= interrupt_after:
            proc.send_signal(signal.SIGINT)
            interrupted = True
        time.sleep(0.25)
    stdout, stderr = proc.communicate()
    # Anything but the old export or the final one would be a half-written file.
    allowed = {hashlib.sha256(OLD_CONTENT.encode()).hexdigest(), hashlib.sha256(out.read_bytes()).hexdigest()}
    torn_reads = len(seen - allowed)
    return {"returncode": proc.returncode, "seconds": round(time.monotonic() - started, 1),
            "rss_samples": samples, "changed_while_running": torn_reads, "stderr": stderr.strip()[-500:]}


def memory_summary(samples: list[tuple[float, float]]) -> dict:
    """RSS after start-up (first 10% of the scan left out) and its growth to the end."""
    values = [rss for _, rss in samples]
    if len(values) < 8:
        return {"samples": len(values)}
    steady = values[len(values) // 10:]
    quarter = max(1, len(steady) // 4)
    first, last = float(np.median(steady[:quarter])), float(np.median(steady[-quarter:]))
    return {"samples": len(values), "peak_mb": max(values), "steady_first_quarter_mb": round(first, 1),
            "steady_last_quarter_mb": round(last, 1), "growth_mb": round(last - first, 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--corrupt", type=float, default=0.05, help="share of corrupt files")
    parser.add_argument("--manifest", type=Path, help="models to use (default: tiny test models)")
    parser.add_argument("--json", type=Path, default=REPO / "benchmarks" / "long_scan.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="dfd-long-scan-") as tmp:
        tmp = Path(tmp)
        t0 = time.monotonic()
        corrupt = make_corpus(tmp / "corpus", args.files, args.corrupt)
        made_s = time.monotonic() - t0
        manifest = args.manifest.resolve() if args.manifest else tiny_manifest(tmp / "models")

        full = run_scan(tmp / "corpus", manifest, tmp / "full.csv")
        rows = read_rows(tmp / "full.csv")
        header, body = rows[0], rows[1:]
        col = {name: i for i, name in enumerate(header)}
        errors = {r[0] for r in body if r[col["error"]]}
        full_check = {
            "rows": len(body),
            "exactly_one_row_per_file": len(body) == args.files and len({r[0] for r in body}) == args.files,
            "error_rows": len(errors),
            "errors_are_the_corrupt_files": errors == corrupt,
            "every_row_complete": all(len(r) == len(header) for r in body),
            "csv_never_half_written": full["changed_while_running"] == 0,
            "files_per_s": round(args.files / full["seconds"], 1),
            "memory": memory_summary(full["rss_samples"]),
        }

        cancel = run_scan(tmp / "corpus", manifest, tmp / "cancelled.csv", interrupt_after=full["seconds"] / 2)
        kept = read_rows(tmp / "cancelled.csv")
        kept_body = kept[1:]
        summary_line = [line for line in cancel["stderr"].splitlines() if "interrupted after" in line]
        said = int(summary_line[0].split("interrupted after")[1].split()[0]) if summary_line else None
        cancel_check = {
            "returncode": cancel["returncode"],
            "rows_kept": len(kept_body),
            "cli_said": said,
            "every_kept_row_complete": all(len(r) == len(header) for r in kept_body),
            "kept_rows_equal_the_full_scan_rows": kept_body == body[: len(kept_body)],
            "csv_never_half_written": cancel["changed_while_running"] == 0,
        }

    report = {
        "command": "python benchmarks/long_scan.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "models": str(args.manifest) if args.manifest else "tiny test models (tests/conftest.py)",
        "files": args.files, "corrupt_files": len(corrupt), "corpus_seconds": round(made_s, 1),
        "full_scan": {"seconds": full["seconds"], "returncode": full["returncode"], **full_check},
        "cancelled_scan": {"seconds": cancel["seconds"], **cancel_check},
        "rss_samples_mb": full["rss_samples"][:: max(1, len(full["rss_samples"]) // 60)],
    }
    args.json.write_text(json.dumps(report, indent=2) + "\n")
    printable = {k: v for k, v in report.items() if k != "rss_samples_mb"}
    print(json.dumps(printable, indent=2))
    ok = (full["returncode"] == 0 and full_check["exactly_one_row_per_file"] and full_check["errors_are_the_corrupt_files"]
          and full_check["csv_never_half_written"] and cancel["returncode"] == 130
          and 0 < len(kept_body) < args.files and said == len(kept_body)
          and cancel_check["kept_rows_equal_the_full_scan_rows"] and cancel_check["every_kept_row_complete"])
    print("long scan:", "all checks passed" if ok else "SOME CHECKS FAILED", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
