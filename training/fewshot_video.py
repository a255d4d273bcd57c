"""Teaching from videos, measured end to end with the shipped app (issue 33).

A desk's confirmed fakes are often videos: a swapped or generated face that moves through a
clip. `learn` reads a video as a scan reads it (the frames a scan samples, each as a still,
faces on their own) and counts it as one example. Our data has no videos, so this makes them
from one source that teaches well as crops (StyleGAN2 faces against Unsplash portraits, as
training/fewshot_embedded.py): each face, real or fake alike, drifts and breathes (its size
changes a little) across a licence-clean photo for two seconds, a fifth to a third of the
frame's shorter side, encoded as MPEG-4 (OpenCV's mp4v, lossy as a shared clip is). Then,
per draw of the yardstick (k fakes and k reals of the train split), two detectors are taught
with the app's own `learn` (core.learn.teach_files) and the shipped models:

- from the videos themselves, reading the 16 frames a scan samples of each, or 4 (what learn
  reads: core.examples.VIDEO_FRAMES);
- from one still of each (its middle frame, decoded and saved as PNG: what a desk had to do
  before videos could be taught);

and the app scans the same held-out videos of the test split (core.detector), once, with
every taught detector on: each detector's AUC, and how many fakes it would call fake on its
own (its fake threshold, and like its real photos) and how many reals it would turn fake. Then it
scans real clips whose face is swapped for a fake one from the middle on, twice: as shipped (each
taught detector judges a video by its own worst stretch, core.stretch.taught_stretch) and by the
mean of the frames (the rule before).

    python -m training fewshot_video    # -> training/reports/fewshot_video.json (about 15 min)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import tempfile
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

from training import data
from training.fewshot import REPORTS_DIR, Rows, draw_examples
from training.fewshot_embedded import FACE_SHARE, SOURCE, backgrounds
from training.metrics import roc_auc

FRAME_LONG_SIDE = 1280
SECONDS, FPS = 2.0, 12.0
KS = (10, 20)
DRAWS = 2
TEST_PER_CLASS = 40
SEED = 20261207
VIDEOS = data.CACHE_DIR / "fewshot_video"  # made from the images: delete to remake
REPORT = REPORTS_DIR / "fewshot_video.json"
# how each detector is taught: frames read of each video (None: one still of each, its middle frame)
TAUGHT_FROM = {"videos, 16 frames each (what a scan samples)": 16, "videos, 4 frames each (what learn reads)": 4,
               "one still a video": None}


def make_video(face: np.ndarray, background: np.ndarray, seed: int, path: Path,
               swapped: np.ndarray | None = None) -> Path:
    """The face drifting across the photo (a tenth of its side over the clip) while its size changes by
    up to 6%, encoded as MPEG-4; with `swapped`, that face replaces it from the middle of the clip on."""
    if path.exists():
        return path
    rng = np.random.default_rng(seed)
    h, w = (d - d % 2 for d in background.shape[:2])
    background = background[:h, :w]
    side = int(min(h, w) * rng.uniform(*FACE_SHARE))
    x0, y0 = int(rng.integers(0, w - 1.2 * side)), int(rng.integers(0, h - 1.2 * side))
    dx, dy = rng.uniform(-0.1, 0.1, 2) * side
    frames = int(SECONDS * FPS)
    path.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"mp4v"), FPS, (w, h))
    if not writer.isOpened():
        raise SystemExit("OpenCV cannot write MPEG-4 (mp4v) here")
    try:
        for t in np.linspace(0.0, 1.0, frames):
            s = int(side * (1 + 0.03 * np.sin(2 * np.pi * t)))
            x, y = int(np.clip(x0 + dx * t, 0, w - s)), int(np.clip(y0 + dy * t, 0, h - s))
            frame = background.copy()
            shown = face if swapped is None or t < 0.5 else swapped
            frame[y : y + s, x : x + s] = np.asarray(Image.fromarray(shown).resize((s, s), Image.LANCZOS))
            writer.write(cv2.cvtColor(frame, cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
    return path


class Clips:
    """Each row's video, made once (seeded by the image's path)."""

    def __init__(self, rows: Rows):
        self.rows, self.bgs = rows, None

    def __call__(self, i: int, swapped: int | None = None) -> Path:
        """Row i's clip; with `swapped` (a fake row), its face is swapped for that row's from the middle on."""
        path = self.rows.path[i]
        seed = int(hashlib.sha256(path.encode()).hexdigest()[:8], 16)
        kind = "fake" if self.rows.y[i] else "real"
        if swapped is not None:
            kind = f"half_{Path(self.rows.path[swapped]).stem}"
        out = VIDEOS / f"{kind}_{Path(path).stem}_{seed:08x}.mp4"
        if out.exists():
            return out
        if self.bgs is None:
            self.bgs = [_scaled(b) for b in backgrounds()]
        from deepfake_desk.core.media import load_image

        second = None if swapped is None else load_image(self.rows.path[swapped])
        return make_video(load_image(path), self.bgs[seed % len(self.bgs)], seed, out, second)


def _scaled(rgb: np.ndarray) -> np.ndarray:
    s = FRAME_LONG_SIDE / max(rgb.shape[:2])
    img = Image.fromarray(rgb)
    return np.asarray(img.resize((round(img.size[0] * s), round(img.size[1] * s)), Image.LANCZOS))


def still(video: Path, folder: Path) -> Path:
    """The video's middle frame as a PNG (a still a desk grabs from a clip)."""
    from deepfake_desk.core.media import read_video_frames

    out = folder / f"{video.stem}.png"
    if not out.exists():
        Image.fromarray(read_video_frames(video, 1).frames[0]).save(out)
    return out


def run(ks=KS, draws=DRAWS, log=print) -> dict:
    from deepfake_desk.core.detector import Detector
    from deepfake_desk.core.learn import Taught, teach_files
    from deepfake_desk.core.manifest import load_manifest
    from deepfake_desk.core.resources import default_manifest_path
    from deepfake_desk.core.user_models import merge_taught, set_enabled

    rows = Rows.load()
    clips = Clips(rows)
    rng = np.random.default_rng(SEED)
    test = np.concatenate([rng.choice(rows.where(source=SOURCE, split="test", label=c), TEST_PER_CLASS, replace=False)
                           for c in (1, 0)])
    started = time.time()
    test_videos = [clips(int(i)) for i in test]
    fakes, reals = test[:TEST_PER_CLASS], test[TEST_PER_CLASS:]
    half_videos = [clips(int(r), int(f)) for r, f in zip(reals, fakes)]  # a real clip swapped from its middle on
    log(f"{len(test_videos)} test videos ({time.time() - started:.0f} s)")
    root = Path(tempfile.mkdtemp(prefix="fewshot_video_"))
    stills = root / "stills"
    stills.mkdir()
    taught: dict[str, dict] = {}
    try:
        for k in ks:
            for d in range(draws):
                drawn = draw_examples(rows, SOURCE, k, d)
                idx = np.concatenate([drawn.fakes, dict(drawn.kinds)["same_kind"]])
                videos = [(str(clips(int(i))), int(rows.y[i])) for i in idx]
                for how, frames in TAUGHT_FROM.items():
                    files = videos if frames else [(str(still(Path(p), stills)), y) for p, y in videos]
                    name = f"{f'video{frames}' if frames else 'still'}_k{k}_d{d}"
                    done = [r for r in teach_files(name, lambda f=files: (f, []), ("", ""), user_root=root,
                                                   video_frames=frames or 1) if isinstance(r, Taught)][0]
                    taught[name] = {"k": k, "draw": d, "taught_from": how, "seconds": round(done.seconds, 1),
                                    "check_auc": done.check.roc_auc, "fake_alone": done.fake_alone,
                                    "enabled": done.enabled}
                    if not done.enabled:  # fewer than 15 a class is saved off: measured all the same
                        set_enabled(root, name, True)
                    log(f"{name}: check AUC {done.check.roc_auc}, {done.seconds:.0f} s")
        manifest = merge_taught(load_manifest(default_manifest_path()), root)
        detector = Detector(manifest)
        assert sorted(h.spec.id for h in detector.heads) == sorted(taught), "a taught detector is not scoring"
        specs = {h.spec.id: h.spec for h in detector.heads}
        results = []
        for n, path in enumerate(test_videos):
            results.append(detector.analyze_file(path))
            if n % 20 == 0:
                log(f"scanned {n}/{len(test_videos)} ({time.time() - started:.0f} s)")
        half = [detector.analyze_file(path) for path in half_videos]  # each taught detector by its worst stretch
        detector._taught_stretches = lambda result, frames: None  # the rule before: the mean of the frames
        half_mean = [detector.analyze_file(path) for path in half_videos]
        log(f"scanned the {len(half_videos)} half-swapped clips twice ({time.time() - started:.0f} s)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    y = rows.y[test]

    def called_fake(name: str, scanned: list) -> np.ndarray:
        """The taught detector alone makes each file fake: at its fake threshold, and like its real photos."""
        p = np.array([r.model_probabilities.get(name, np.nan) for r in scanned])
        return (p >= specs[name].thresholds["fake"]) & np.array([r.taught_familiar.get(name, False) for r in scanned])

    for name, entry in taught.items():
        p = np.array([r.model_probabilities.get(name, np.nan) for r in results])
        fake = called_fake(name, results)
        entry.update(auc=round(roc_auc(y, p), 4), fakes_called_fake=round(float(fake[y == 1].mean()), 4),
                     reals_turned_fake=round(float(fake[y == 0].mean()), 4),
                     half_swapped_called_fake=round(float(called_fake(name, half).mean()), 4),
                     half_swapped_called_fake_by_the_mean=round(float(called_fake(name, half_mean).mean()), 4))
    summary = {}
    for k in ks:
        for how in TAUGHT_FROM:
            got = [e for e in taught.values() if e["k"] == k and e["taught_from"] == how]
            summary[f"k={k}, {how}"] = {key: round(float(np.mean([e[key] for e in got])), 4)
                                        for key in ("auc", "check_auc", "fakes_called_fake", "reals_turned_fake",
                                                    "half_swapped_called_fake", "half_swapped_called_fake_by_the_mean",
                                                    "seconds")}
    report = {"method": __doc__.split("\n\n")[1], "source": SOURCE, "face_share": list(FACE_SHARE),
              "frame_long_side": FRAME_LONG_SIDE, "seconds": SECONDS, "fps": FPS, "draws": draws,
              "test_videos": {"fake": TEST_PER_CLASS, "real": TEST_PER_CLASS, "half_swapped": len(half_videos)},
              "frames_sampled": manifest.video_frames, "summary": summary, "taught": taught}
    REPORT.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    log(json.dumps(summary, indent=1))
    log(f"wrote {REPORT} ({time.time() - started:.0f} s)")
    return report


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m training fewshot_video", description=__doc__.split("\n\n")[0])
    p.add_argument("--draws", type=int, default=DRAWS)
    a = p.parse_args(argv)
    run(draws=a.draws)


if __name__ == "__main__":
    main()
