"""How the shipped models judge real photographs they never trained on (false alarms).

    python benchmarks/real_photos.py [FOLDER]     # default: ../shared/data/photos/real

Prints the verdict counts over a folder of real photos, with and without the face
search (large photos are judged by their most suspicious face), and each photo that
is not called real. A measurement, not a test: every photo here is real, so every
"fake" is a false alarm a journalist would pay for.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from deepfake_desk.core.detector import Detector  # noqa: E402
from deepfake_desk.core.decision import band_verdict  # noqa: E402
from deepfake_desk.core.scan import scan_paths  # noqa: E402


def main() -> None:
    folder = sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "photos" / "real")
    detector = Detector.from_manifest(ROOT / "models" / "manifest.json")
    with_faces, whole_only, errors = Counter(), Counter(), 0
    for r in scan_paths([folder], detector):
        if r.error:
            errors += 1
            continue
        with_faces[r.verdict] += 1
        whole = r.whole_image_probability if r.faces else r.fake_probability
        whole_only[band_verdict(whole, detector.manifest.bands)] += 1
        if r.verdict != "real":
            scores = " ".join(f"{k}={v:.2f}" for k, v in r.model_probabilities.items())
            print(f"{r.verdict:9} {r.fake_probability:.2f} {Path(r.path).name} ({r.width}x{r.height}, "
                  f"{len(r.faces)} faces) {scores}")
    print(f"verdicts, faces searched (as the app does): {dict(with_faces)}")
    print(f"verdicts, whole picture only:               {dict(whole_only)}")
    print(f"errors: {errors}")


if __name__ == "__main__":
    main()
