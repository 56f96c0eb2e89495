"""The due index: every stored user and their next reminder time, in memory and on disk.

It lists every user (so ``count()`` is free and membership needs no disk access) and their next
reminder time (so start-up can reschedule reminders from 4,096 small files rather than 100,000).
``index/due-abc.json`` holds the entries of the users in ``users/ab/c/``: key -> {"u": user id,
"d": due time or null}. A shard is written only when a user appears, disappears or their due
time changes, behind a journal record (see ``journal``).
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.store.files import CorruptFileError, fsync_dir, open_db, write_table
from bot.store.journal import Journal
from bot.store.records import KEY_CHARS, Record

log = logging.getLogger(__name__)

INDEX_TABLE = "due"
KEY_RE = re.compile(f"[0-9a-f]{{{KEY_CHARS}}}")
SHARD_FILE_RE = re.compile(r"due-([0-9a-f]{3})\.json")

Entry = tuple[int, datetime | None]  # user id, next reminder


def aware(value: Any, what: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")
    return value.astimezone(UTC)


class DueIndex:
    """Thread-safe; a shard's file is written by the holder of that shard's lock."""

    def __init__(self, directory: Path, due_of: Callable[[Record], datetime | None]) -> None:
        self.dir = directory
        self._due_of = due_of
        self._lock = threading.Lock()  # guards the dicts and the count
        self._shards: dict[str, dict[str, Entry]] = {}
        self._count = 0
        self.journal: Journal | None = None  # set once start-up recovery is done

    def entry_for(self, uid: int, record: Record) -> Entry:
        due = self._due_of(record)
        return uid, None if due is None else aware(due, "due_of(record)")

    def safe_entry(self, uid: int, record: Record) -> Entry:
        """Like entry_for, but start-up must not crash on a record the hook rejects."""
        try:
            return self.entry_for(uid, record)
        except Exception as exc:
            log.warning("due_of failed for a stored record (%s); no reminder", type(exc).__name__)
            return uid, None

    # ---- memory ---------------------------------------------------------------------------

    def entry(self, key: str) -> Entry | None:
        with self._lock:
            return self._shards.get(key[:3], {}).get(key)

    def keys_in(self, shard: str) -> set[str]:
        with self._lock:
            return set(self._shards.get(shard, {}))

    def shards(self) -> set[str]:
        with self._lock:
            return set(self._shards)

    def set(self, key: str, entry: Entry | None) -> bool:
        """Update the in-memory index; True if it changed."""
        shard = key[:3]
        with self._lock:
            entries = self._shards.get(shard)
            current = entries.get(key) if entries else None
            if current == entry:
                return False
            if entry is None:
                assert entries is not None
                del entries[key]
                self._count -= 1
                if not entries:
                    del self._shards[shard]
            else:
                if entries is None:
                    entries = self._shards[shard] = {}
                if current is None:
                    self._count += 1
                entries[key] = entry
            return True

    def replace_shard(self, shard: str, entries: dict[str, Entry]) -> None:
        with self._lock:
            self._count += len(entries) - len(self._shards.pop(shard, {}))
            if entries:
                self._shards[shard] = entries

    def count(self) -> int:
        return self._count

    def with_reminder(self) -> int:
        with self._lock:
            return sum(1 for s in self._shards.values() for _, d in s.values() if d)

    def users(self) -> list[tuple[str, int]]:
        """(key, user id) of every stored user."""
        with self._lock:
            return [(k, uid) for s in self._shards.values() for k, (uid, _) in s.items()]

    def due(self, limit: datetime | None) -> list[tuple[int, datetime]]:
        with self._lock:
            pairs = [
                (uid, due)
                for entries in self._shards.values()
                for uid, due in entries.values()
                if due is not None and (limit is None or due <= limit)
            ]
        pairs.sort(key=lambda p: (p[1], p[0]))
        return pairs

    # ---- disk -----------------------------------------------------------------------------

    def shard_path(self, shard: str) -> Path:
        return self.dir / f"due-{shard}.json"

    def commit(self, key: str, entry: Entry | None) -> None:
        """Persist one entry's change behind a journal record; nothing if it is unchanged."""
        if self.entry(key) == entry:
            return
        assert self.journal is not None
        gen = self.journal.begin([key])
        self.set(key, entry)
        self.write_shard(key[:3])
        self.journal.end(gen)  # skipped on error: the key stays journalled for the next start

    def write_shard(self, shard: str, *, durable: bool = True) -> None:
        with self._lock:
            docs = {
                k: {"u": uid, "d": None if due is None else due.isoformat()}
                for k, (uid, due) in self._shards.get(shard, {}).items()
            }
        path = self.shard_path(shard)
        if docs:
            write_table(path, INDEX_TABLE, docs, durable=durable)
            return
        try:
            os.unlink(path)
        except FileNotFoundError:
            return
        if durable:
            fsync_dir(self.dir)

    def read_shard(self, path: Path, shard: str) -> dict[str, Entry]:
        try:
            with open_db(path) as db:
                docs = db.table(INDEX_TABLE).all()
        except (TypeError, ValueError) as exc:
            raise CorruptFileError(type(exc).__name__) from None
        entries: dict[str, Entry] = {}
        for doc in docs:
            key, uid, due = doc.doc_id, doc.get("u"), doc.get("d")
            if not (
                isinstance(key, str)
                and KEY_RE.fullmatch(key)
                and key.startswith(shard)
                and type(uid) is int
            ):
                raise CorruptFileError("bad index entry")
            try:
                entries[key] = (
                    uid,
                    None if due is None else aware(datetime.fromisoformat(due), "d"),
                )
            except (TypeError, ValueError):
                raise CorruptFileError("bad due time") from None
        return entries

    def close(self) -> None:
        if self.journal is not None:
            self.journal.close()
