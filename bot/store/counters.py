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
            self._write({**self._counts, votes.key: new})

    def _write(self, counts: dict[tuple[str, str, str, str], FeedbackCount]) -> None:
        """Replace the file with ``counts`` (the caller holds the lock)."""
        write_table(self.path, TABLE, {"|".join(k): vars(c) for k, c in counts.items()})
        self._counts = counts  # only once it is on disk (vars, not asdict: 10x faster)

    def prune(self, oldest_week: str) -> int:
        """Drop the weeks before ``oldest_week``; the file is rewritten only if any go."""
        with self._lock:
            kept = {k: c for k, c in self._counts.items() if c.week >= oldest_week}
            dropped = len(self._counts) - len(kept)
            if dropped:
                self._write(kept)
            return dropped

    def counts(self) -> list[FeedbackCount]:
        with self._lock:
            return list(self._counts.values())
