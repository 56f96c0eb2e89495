"""Write-ahead list of user keys whose due-index entry is about to change.

A user's file and its index shard are two renames; a crash between them would leave a reminder
missing from the index. Appending the key first (one fdatasync) lets start-up re-derive exactly
those entries. Files rotate once large and are deleted when every operation that wrote to them
has finished.
"""

from __future__ import annotations

import contextlib
import os
import re
import threading
from collections.abc import Iterable
from pathlib import Path

from bot.store.files import fsync_dir, write_all

ROTATE_BYTES = 256 * 1024
FILE_RE = re.compile(r"journal-(\d+)\.log")


def journal_path(directory: Path, gen: int) -> Path:
    return directory / f"journal-{gen:08d}.log"


class Journal:
    def __init__(self, directory: Path, next_gen: int) -> None:
        self._dir = directory
        self._gen = next_gen - 1
        self._fds: dict[int, int] = {}
        self._inflight: dict[int, int] = {}
        self._size = 0
        self._lock = threading.Lock()

    def _rotate(self) -> None:
        old = self._gen
        self._gen += 1
        self._fds[self._gen] = os.open(
            journal_path(self._dir, self._gen),
            os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC,
            0o600,
        )
        fsync_dir(self._dir)
        self._inflight[self._gen] = 0
        self._size = 0
        if old in self._fds and self._inflight[old] == 0:
            self._retire(old)

    def _retire(self, gen: int) -> None:
        os.close(self._fds.pop(gen))
        del self._inflight[gen]
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal_path(self._dir, gen))

    def begin(self, keys: Iterable[str], *, durable: bool = True) -> int:
        """Record the keys durably; pair with ``end`` only once the index write succeeded."""
        data = "".join(f"{k}\n" for k in keys).encode()
        with self._lock:
            if self._gen not in self._fds or self._size >= ROTATE_BYTES:
                self._rotate()
            gen = self._gen
            fd = self._fds[gen]
            write_all(fd, data)
            self._size += len(data)
            self._inflight[gen] += 1
        if durable:
            os.fdatasync(fd)
        return gen

    def end(self, gen: int) -> None:
        with self._lock:
            self._inflight[gen] -= 1
            if gen != self._gen and self._inflight[gen] == 0:
                self._retire(gen)

    def rotate(self) -> None:
        """Start a new file, so the keys written so far leave the disk as soon as the
        operations still using the old file have ended (at once, when none are)."""
        with self._lock:
            self._rotate()

    def close(self) -> None:
        """Close files; delete them too when nothing is left to repair."""
        with self._lock:
            clean = not any(self._inflight.values())
            for gen in list(self._fds):
                os.close(self._fds.pop(gen))
                if clean:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(journal_path(self._dir, gen))
            self._inflight.clear()
