"""A video is as suspicious as its worst stretch: runs of sampled frames judged fake.

Averaging a video's frames hides a fake part: half real, half swapped faces comes out
"uncertain" at 50%. Instead the frames are read in time order and the longest run of
consecutive sampled frames at or above the fake band is the video's worst stretch.

Why two frames in a row (MIN_FAKE_RUN): one frame over the band can be a glitch of a
single picture (motion blur, a compression burst, an odd face crop); the bands are set
so that about 1 in 20 decided image verdicts is wrong, so a false alarm on two
neighbouring sampled frames needs that to happen twice in a row. Two frames are also
the shortest stretch a journalist can check by eye ("0:08-0:16"). A video with a
single sampled frame is judged by that frame.

A detector the user taught judges a video the same way, on its own scores and at its own
fake threshold (`taught_stretch`): its worst stretch's mean score and familiarity stand for
the video, else the video's score as the models' stretch gives it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from deepfake_desk.core.familiarity import mostly

MIN_FAKE_RUN = 2


@dataclass(frozen=True)
class Stretch:
    """Consecutive sampled frames (positions in the sample, first..last inclusive)."""

    first: int
    last: int

    def __len__(self) -> int:
        return self.last - self.first + 1

    @property
    def positions(self) -> range:
        return range(self.first, self.last + 1)


def clock(seconds: float) -> str:
    """8.4 -> '0:08', 3725 -> '1:02:05'."""
    total = int(round(max(0.0, seconds)))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def fake_stretches(probabilities: Sequence[float | None], t_fake: float,
                   usable: Sequence[bool] | None = None) -> list[Stretch]:
    """Every run of consecutive frames judged fake; frames not `usable` (not assessable) break a run."""
    runs: list[Stretch] = []
    start = None
    for i, p in enumerate(probabilities):
        fake = p is not None and p >= t_fake and (usable is None or usable[i])
        if fake and start is None:
            start = i
        if not fake and start is not None:
            runs.append(Stretch(start, i - 1))
            start = None
    if start is not None:
        runs.append(Stretch(start, len(probabilities) - 1))
    return runs


def worst_stretch(probabilities: Sequence[float | None], t_fake: float,
                  usable: Sequence[bool] | None = None) -> Stretch | None:
    """The longest fake run (the more suspicious one on a tie) if it is long enough to make the video fake."""
    runs = fake_stretches(probabilities, t_fake, usable)
    if not runs:
        return None
    best = max(runs, key=lambda r: (len(r), sum(probabilities[i] for i in r.positions) / len(r)))
    return best if len(best) >= min(MIN_FAKE_RUN, len(probabilities)) else None


def stretch_span(stretch: Stretch, times: Sequence[float]) -> str:
    """'0:08-0:16' (one time when the stretch starts and ends within a second)."""
    start, end = clock(times[stretch.first]), clock(times[stretch.last])
    return f"{start}-{end}" if start != end else start


def stretch_words(stretch: Stretch, times: Sequence[float]) -> str:
    """'frames at 0:08-0:16 look fake'."""
    return f"frames at {stretch_span(stretch, times)} look fake"


@dataclass(frozen=True)
class VideoJudgement:
    """What a video's frame scores add up to: the score its verdict is read from, and why."""

    fake_probability: float
    model_probabilities: dict[str, float]
    fake_frame_share: float  # of the frames the models could judge
    worst_frames: list[int]  # positions in the sample, most suspicious first (at most 3)
    worst_frame_time: float | None
    fake_stretch: tuple[float, float] | None  # (start, end) seconds of the stretch that decides
    notes: list[str]


def judge_video(fused: Sequence[float], model_probabilities: Sequence[dict[str, float]], t_fake: float,
                times: Sequence[float] = (), usable: Sequence[bool] | None = None) -> VideoJudgement:
    """The worst stretch of frames judged fake decides when there is one; otherwise the
    mean over the frames the models could judge (`usable`: not computer graphics)."""
    from deepfake_desk.core.wording import chance_of_fake  # wording imports nothing of ours but verdict

    n = len(fused)
    usable = list(usable) if usable is not None and len(usable) == n else [True] * n
    times = list(times) if len(times) == n else []
    judged = [i for i, ok in enumerate(usable) if ok] or list(range(n))
    share = float(sum(fused[i] >= t_fake for i in judged) / len(judged))
    worst = sorted(judged, key=lambda i: -fused[i])[:3]
    stretch = worst_stretch(fused, t_fake, usable)
    chosen = list(stretch.positions) if stretch else judged
    score = float(sum(fused[i] for i in chosen) / len(chosen))
    per_model = {m: float(sum(model_probabilities[i][m] for i in chosen) / len(chosen)) for m in model_probabilities[0]}
    notes = []
    if stretch and times:
        notes.append(f"{stretch_words(stretch, times)}: {len(stretch)} sampled frames in a row at "
                     f"{chance_of_fake(score)} on average ({share:.0%} of the sampled frames look fake)")
    elif share and times:
        notes.append(f"the frame at {clock(times[worst[0]])} looks fake, but not the frames next to it "
                     "(one frame alone does not decide)")
    return VideoJudgement(
        score, per_model, share, worst, float(times[worst[0]]) if times else None,
        (float(times[stretch.first]), float(times[stretch.last])) if stretch and times else None, notes)


@dataclass(frozen=True)
class TaughtStretch:
    """A taught detector's worst stretch of a video: its frames at or above that detector's own fake threshold."""

    score: float  # its mean score over the stretch
    familiar: bool  # most of the stretch's frames are like the real photos it was taught with
    stretch: Stretch
    note: str


def taught_stretch(name: str, probabilities: Sequence[float], fake_at: float, familiar: Sequence[bool],
                   times: Sequence[float] = (), usable: Sequence[bool] | None = None) -> TaughtStretch | None:
    """A taught detector judges a video as the models do: by its worst stretch when it has one (two sampled
    frames in a row at its fake threshold), so that a swap in part of a clip is not averaged away by the
    untouched frames around it; None when it has none (the video's score then stands)."""
    from deepfake_desk.core.wording import chance_of_fake

    usable = list(usable) if usable is not None and len(usable) == len(probabilities) else None
    stretch = worst_stretch(probabilities, fake_at, usable)
    if stretch is None:
        return None
    score = float(sum(probabilities[i] for i in stretch.positions) / len(stretch))
    near = mostly(familiar[i] for i in stretch.positions)
    where = f" at {stretch_span(stretch, times)}" if len(times) == len(probabilities) else ""
    return TaughtStretch(score, near, stretch,
                         f"your detector '{name}': frames{where} look like the fakes it was taught, {len(stretch)} "
                         f"sampled frames in a row at {chance_of_fake(score)} on average")
