"""Finding the files to analyse: one walk of the folders given, counted as it goes.

`iter_media_files` lists them lazily; `Listing` runs that walk once in its own thread,
ahead of the analysis, so the window can show how many files a scan holds while the
first ones are already being decoded (no second walk just to count them).
"""

from __future__ import annotations

import os
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from deepfake_desk.core import THREAD_PREFIX, media

MAX_WAITING = 100_000  # files found but not yet analysed that a listing keeps; past that the walk waits


@dataclass(frozen=True)
class MediaFile:
    path: str
    kind: str | None  # from the extension; None when only the content says media (or nothing)
    folder: str = ""  # relative to the scanned folder ("." directly in it); a named file: its absolute folder


def iter_media_files(paths: Iterable[str | os.PathLike], recursive: bool = True) -> Iterator[MediaFile]:
    """Every file to scan under `paths`, in a stable order.

    In folders: each file with a media extension (even an unreadable one, which then
    gets an error row), and other files only if their content is an image or video.
    A path named explicitly is always listed. Symlinked folders are not followed, so
    a link loop cannot trap the scan.
    """
    for root in paths:
        root = os.fspath(root)
        if not os.path.isdir(root):
            yield MediaFile(root, media.kind_from_extension(root), os.path.dirname(os.path.abspath(root)))
            continue
        for folder, dirs, files in os.walk(root, followlinks=False, onerror=None):
            dirs.sort()
            if not recursive:
                dirs.clear()
            for name in sorted(files):
                path = os.path.join(folder, name)
                kind = media.kind_from_extension(name)
                if kind is None:
                    kind = media.sniff_kind(path)
                    if kind is None:
                        continue
                yield MediaFile(path, kind, os.path.relpath(folder, root))


class Listing:
    """The media files under `paths`, walked once in a thread of its own from `start()`.

    Iterating yields each file once, in `iter_media_files` order, as soon as the walk finds
    it; `found` counts the files found so far and `complete` says the walk is over, so a
    progress bar can show the total before the analysis reaches the last file. `close()`
    stops the walk. One reader only.
    """

    def __init__(self, paths: Iterable[str | os.PathLike], recursive: bool = True, max_waiting: int = MAX_WAITING):
        self.found = 0
        self.complete = False
        self._paths, self._recursive, self._max_waiting = [os.fspath(p) for p in paths], recursive, max_waiting
        self._waiting: deque[MediaFile] = deque()
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stop = False
        self._error: BaseException | None = None

    def start(self) -> Listing:
        if self._thread is None:
            self._thread = threading.Thread(target=self._walk, name=f"{THREAD_PREFIX}walk", daemon=True)
            self._thread.start()
        return self

    def close(self) -> None:
        with self._changed:
            self._stop = True
            self._changed.notify_all()

    def _walk(self) -> None:
        try:
            for item in iter_media_files(self._paths, self._recursive):
                with self._changed:
                    while len(self._waiting) >= self._max_waiting and not self._stop:
                        self._changed.wait()
                    if self._stop:
                        return
                    self._waiting.append(item)
                    self.found += 1
                    self._changed.notify_all()
        except BaseException as exc:  # handed to the reader: a walk's failure must not pass silently
            self._error = exc
        finally:
            with self._changed:
                self.complete = True
                self._changed.notify_all()

    def __iter__(self) -> Iterator[MediaFile]:
        self.start()
        while True:
            with self._changed:
                while not self._waiting and not self.complete and not self._stop:
                    self._changed.wait()
                if not self._waiting:
                    if self._error is not None:
                        raise self._error
                    return
                item = self._waiting.popleft()
                self._changed.notify_all()
            yield item
