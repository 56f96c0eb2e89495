"""``feedback.json`` in the data directory: the anonymous feedback counters of ``UserStore``.

One small TinyDB file, rewritten atomically and durably on every vote like a user's file
(``files.write_table``), holding only card × platform × path × week and two numbers — no key,
no user id, nothing a /forget would have to find. It is kept in memory too (one process per data
directory), so reading the counters never touches the disk. A file that cannot be read is moved
to ``quarantine/`` and counting starts afresh: the counters are a hint, not anyone's data.
"""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path

from bot.store.base import FeedbackCount
from bot.store.files import AtomicJSONStorage, CorruptFileError, write_table
from bot.store.quarantine import Quarantine

TABLE = "feedback"
FIELDS = ("card", "platform", "path", "week")


def _count(doc: object) -> FeedbackCount | None:
    """A stored counter, or None for a document that is not one (skipped, not guessed at)."""
    if not isinstance(doc, dict):
        return None
    names, numbers = [doc.get(f) for f in FIELDS], [doc.get("worked"), doc.get("different")]
    if not all(isinstance(n, str) for n in names) or not all(
        isinstance(n, int) and n >= 0 for n in numbers
    ):
        return None
    return FeedbackCount(*names, *numbers)  # type: ignore[arg-type]  # checked just above


def read_counts(path: Path) -> list[FeedbackCount]:
    """The counters of a data directory's ``feedback.json``, read without opening the store
    (whose lock the running bot holds): every write replaces the file whole, so a read sees
    one complete version."""
    docs = AtomicJSONStorage(path).read() or {}
    return [c for c in map(_count, docs.get(TABLE, {}).values()) if c is not None]


class FeedbackFile:
    """The counters, thread-safe; ``add`` is on disk when it returns."""

    def __init__(self, path: Path, quarantine: Quarantine) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            found = read_counts(path)
        except CorruptFileError as exc:
            quarantine.move(path, "feedback counters", str(exc))
            found = []
        self._counts = {c.key: c for c in found}

    def add(self, votes: FeedbackCount) -> None:
        with self._lock:
            old = self._counts.get(votes.key, dataclasses.replace(votes, worked=0, different=0))
            new = dataclasses.replace(
                old, worked=old.worked + votes.worked, different=old.different + votes.different
            )
            docs = {**self._counts, votes.key: new}
            write_table(
                self.path,
                TABLE,
                {"|".join(k): vars(c) for k, c in docs.items()},  # asdict: 10x slower
            )
            self._counts = docs  # only once it is on disk

    def counts(self) -> list[FeedbackCount]:
        with self._lock:
            return list(self._counts.values())
