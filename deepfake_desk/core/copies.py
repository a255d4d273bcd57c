"""Copies of one picture within a scan: the same photo re-encoded, resized or slightly cropped.

Each decoded picture gets two 64-bit perceptual hashes (`picture_hash`), computed on
the pixels the scan decodes anyway (never a second decode): the field's pHash (signs
of the 8 x 8 lowest frequencies of a 32 x 32 DCT against their median) and dHash
(signs of neighbour differences on a 9 x 8 thumbnail), as the `imagehash` library
computes them, here with OpenCV so the app needs neither scipy nor PyWavelets.
Two pictures are copies when both hashes are close (`COPY_BITS`, measured in
benchmarks/copies.md); `CopyFinder` groups the pictures of a scan as they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

# At most this many of the 64 bits may differ, in each hash, for two pictures to be copies.
# Measured on our real photos (benchmarks/copies.md): a resize to 0.5x, JPEG 70 or a 5% crop
# of a photo stays within these; no two distinct photos come within both.
PHASH_BITS = 12
DHASH_BITS = 14
# ... and their 4 x 4 colour thumbnails may differ by at most this much on average (0-255 scale).
COLOUR_LEVELS = 8.0
_BIT_WEIGHTS = (1 << np.arange(63, -1, -1, dtype=np.uint64)).astype(np.uint64)


@dataclass(frozen=True)
class PictureHash:
    """A picture's two perceptual hashes (64-bit integers) and its 4 x 4 colour thumbnail.

    The hashes see only brightness patterns, and tight face crops share theirs: two
    different people framed alike can come within the thresholds. The thumbnail's
    colours keep them apart (a copy keeps its colours; another shot rarely does).
    """

    phash: int
    dhash: int
    colours: bytes = bytes(48)  # 4 x 4 x RGB means, row by row

    def __str__(self) -> str:
        return f"{self.phash:016x}{self.dhash:016x}"


def _pack(bits: np.ndarray) -> int:
    return int(np.sum(bits.reshape(64).astype(np.uint64) * _BIT_WEIGHTS, dtype=np.uint64))


def _shrunk(image: np.ndarray) -> np.ndarray:
    """The image halved with OpenCV's Gaussian pyramid until its shorter side is under 128 px:
    antialiased like INTER_AREA, at a quarter of its cost on a large picture."""
    while min(image.shape[:2]) >= 128:
        image = cv2.pyrDown(image)
    return image


def picture_hash(rgb: np.ndarray) -> PictureHash:
    """The perceptual hashes of an HxWx3 uint8 RGB picture (any size)."""
    gray = _shrunk(cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY))
    small = cv2.resize(gray, (32, 32), interpolation=cv2.INTER_AREA).astype(np.float32)
    low = cv2.dct(small)[:8, :8]
    thumb = cv2.resize(gray, (9, 8), interpolation=cv2.INTER_AREA).astype(np.int16)
    # 256 samples per cell of the 4 x 4 thumbnail: a plain bilinear sample is mean enough
    sampled = cv2.resize(rgb, (64, 64), interpolation=cv2.INTER_LINEAR)
    colours = cv2.resize(sampled, (4, 4), interpolation=cv2.INTER_AREA)
    return PictureHash(_pack(low > np.median(low)), _pack(thumb[:, 1:] > thumb[:, :-1]), colours.tobytes())


def colour_distance(a: PictureHash, b: PictureHash) -> float:
    """The mean difference of the two colour thumbnails, in 0-255 levels."""
    return float(np.mean(np.abs(np.frombuffer(a.colours, np.uint8).astype(np.int16)
                                - np.frombuffer(b.colours, np.uint8))))


def hash_distance(a: PictureHash, b: PictureHash) -> tuple[int, int]:
    """How many bits differ in the pHash and in the dHash."""
    return (a.phash ^ b.phash).bit_count(), (a.dhash ^ b.dhash).bit_count()


def are_copies(a: PictureHash, b: PictureHash) -> bool:
    dp, dd = hash_distance(a, b)
    return dp <= PHASH_BITS and dd <= DHASH_BITS and colour_distance(a, b) <= COLOUR_LEVELS


class CopyFinder:
    """Groups the pictures of one scan that are copies of one another, as the rows arrive.

    `add(hash)` takes the next row's hash (None for a row with no picture: a video, an
    error) and returns {row: group} for every row whose group was just set or changed:
    the new row, an earlier one that just got its first copy, or the rows of a group
    merged into an older one. Groups are numbered 1, 2, ... in the order they form; a row
    with no copy has none. Every pair is compared (a vectorised pass over the hashes
    so far: about a millisecond per 100,000 rows).
    """

    def __init__(self) -> None:
        # per hashed picture, in arrival order (arrays grown by doubling): its row, hashes, colours, group (0: none)
        self._n = 0
        self._rows = np.zeros(0, dtype=np.int64)
        self._phash = np.zeros(0, dtype=np.uint64)
        self._dhash = np.zeros(0, dtype=np.uint64)
        self._colours = np.zeros((0, 48), dtype=np.int16)
        self._group_of = np.zeros(0, dtype=np.int64)
        self._members: dict[int, list[int]] = {}  # group -> hashed-picture indices, in order
        self._next_row = 0
        self._next_group = 1

    @property
    def groups(self) -> dict[int, int]:
        """row -> group, for every row that has a copy."""
        n = self._n
        return {int(row): int(group) for row, group in zip(self._rows[:n], self._group_of[:n]) if group}

    def _grow(self) -> None:
        extra = max(16, self._n)
        self._rows = np.concatenate([self._rows, np.zeros(extra, np.int64)])
        self._phash = np.concatenate([self._phash, np.zeros(extra, np.uint64)])
        self._dhash = np.concatenate([self._dhash, np.zeros(extra, np.uint64)])
        self._colours = np.concatenate([self._colours, np.zeros((extra, 48), np.int16)])
        self._group_of = np.concatenate([self._group_of, np.zeros(extra, np.int64)])

    def add(self, key: PictureHash | None) -> dict[int, int]:
        row = self._next_row
        self._next_row += 1
        if key is None:
            return {}
        if self._n == len(self._rows):
            self._grow()
        n = self._n
        colours = np.frombuffer(key.colours, np.uint8).astype(np.int16)
        close = np.flatnonzero((np.bitwise_count(self._phash[:n] ^ np.uint64(key.phash)) <= PHASH_BITS)
                               & (np.bitwise_count(self._dhash[:n] ^ np.uint64(key.dhash)) <= DHASH_BITS))
        # the colour check on the close ones only, vectorised: a scan of many copies of one picture
        # (a viral image's re-posts) must not cost a Python loop over every earlier copy per row
        matches = close[np.abs(self._colours[close] - colours).mean(axis=1) <= COLOUR_LEVELS]
        self._rows[n], self._phash[n], self._dhash[n], self._colours[n] = row, key.phash, key.dhash, colours
        self._n += 1
        if not len(matches):
            return {}
        groups = sorted(set(self._group_of[matches].tolist()) - {0})
        target = groups[0] if groups else self._new_group()
        moved = [i for other in groups[1:] for i in self._members.pop(other)]  # joins two groups: one group
        joining = [*matches[self._group_of[matches] == 0].tolist(), *moved, n]
        for i in joining:
            self._group_of[i] = target
            self._members[target].append(i)
        return {int(self._rows[i]): target for i in joining}

    def _new_group(self) -> int:
        group = self._next_group
        self._next_group += 1
        self._members[group] = []
        return group


def copy_groups(hashes: list[PictureHash | None]) -> dict[int, int]:
    """row -> group for every row with a copy among `hashes` (one per row, None: no picture)."""
    finder = CopyFinder()
    for key in hashes:
        finder.add(key)
    return finder.groups
