"""How long a scan report of 100 files takes, and how many pages it has (issue 30: 41 files took
100 s and 56 pages).

The corpus: 100 pictures made here from the bundled samples (crops, scales and JPEG qualities,
so the shipped models give a mix of verdicts), in two sub-folders, plus the scan itself. Times the
scan, then the report (HTML and PDF) without and with the maps of where the models look.

    python benchmarks/scan_report.py                       # shipped models, 100 files
    python benchmarks/scan_report.py --files 40 --no-map   # quicker

Last run: benchmarks/scan_report.json (100 files: the summary is one page, page 2 starts the first
flagged file's section).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from PIL import Image

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def make_corpus(folder: Path, n: int, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    sources = sorted(p for p in (REPO / "resources" / "samples").rglob("*") if p.suffix in (".png", ".jpg"))
    for i in range(n):
        image = Image.open(sources[i % len(sources)]).convert("RGB")
        w, h = image.size
        side = int(min(w, h) * rng.uniform(0.6, 1.0))
        x, y = int(rng.integers(0, w - side + 1)), int(rng.integers(0, h - side + 1))
        image = image.crop((x, y, x + side, y + side)).resize((int(side * rng.uniform(0.7, 1.2)),) * 2)
        sub = folder / ("desk_a" if i % 2 else "desk_b")
        sub.mkdir(parents=True, exist_ok=True)
        image.save(sub / f"photo_{i:03d}.jpg", quality=int(rng.integers(70, 96)))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--manifest", default=str(REPO / "models" / "manifest.json"))
    parser.add_argument("--no-map", action="store_true", help="skip the run with maps")
    args = parser.parse_args()

    from deepfake_desk.core.detector import Detector
    from deepfake_desk.core.report import render_html, scan_report
    from deepfake_desk.core.scan import scan_paths
    from deepfake_desk.report_pdf import write_pdf

    detector = Detector.from_manifest(args.manifest)
    out = {"files": args.files}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "scan"
        make_corpus(folder, args.files)
        start = time.perf_counter()
        rows = list(scan_paths([folder], detector))
        out["scan_s"] = round(time.perf_counter() - start, 1)
        out["verdicts"] = dict(Counter(r.verdict or "error" for r in rows))
        for with_map in (False,) if args.no_map else (False, True):
            start = time.perf_counter()
            report = scan_report(detector, rows, [str(folder)], with_map=with_map)
            html = render_html(report)
            built = time.perf_counter() - start
            pdf = Path(tmp) / f"report_{with_map}.pdf"
            start = time.perf_counter()
            pages = write_pdf(report, pdf)
            key = "with_map" if with_map else "without_map"
            out[key] = {"sections": len(report.cases) + 2, "report_s": round(built, 1),
                        "pdf_s": round(time.perf_counter() - start, 1), "pdf_pages": pages,
                        "html_mib": round(len(html) / 2**20, 2), "pdf_mib": round(pdf.stat().st_size / 2**20, 2)}
            try:  # the summary page alone: one page, as a desk wants it
                first = subprocess.run(["pdftotext", "-f", "1", "-l", "2", str(pdf), "-"], capture_output=True,
                                       text=True, timeout=60).stdout
                out[key]["page_2_starts"] = first.split("\f")[1].strip().splitlines()[:1] if "\f" in first else []
            except (OSError, subprocess.SubprocessError):
                pass
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
