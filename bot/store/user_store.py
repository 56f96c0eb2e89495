"""``UserStore``: the public face of the store — durable per-user records, read cache, due index.

Every user gets a small TinyDB file of their own, written atomically, so an update costs the
same at 1,000 or 100,000 users, a crash leaves at worst a stale temp file, and a corrupt file
costs one user their history instead of costing everyone theirs.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.locks import UserLocks
from bot.store.base import FeedbackCount, ThreadedStore, check_week
from bot.store.cache import RecordCache
from bot.store.counters import FeedbackFile
from bot.store.due_index import DueIndex, aware
from bot.store.files import DirLock, dumps, error_name
from bot.store.journal import Journal
from bot.store.quarantine import Quarantine
from bot.store.records import Record, UserFiles, check_user_id
from bot.store.recovery import recover, rehome

log = logging.getLogger(__name__)

Hook = Callable[[Record], Record]


class UserStore(ThreadedStore):
    """Durable per-user records with a read cache and a due-reminder index.

    Every method is thread-safe. A write has reached the disk when the call returns, so the bot
    may tell the user about a change only after awaiting it. The ``a*`` methods run the same
    code in a private thread pool and keep each user's calls in the order they were made.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        upgrade: Hook = lambda r: r,
        due_of: Callable[[Record], datetime | None] = lambda r: None,
        cache_size: int = 10_000,
        workers: int = 16,
    ) -> None:
        started = time.perf_counter()
        self._root = Path(data_dir)
        self._cache = RecordCache(cache_size)
        self._locks = [threading.Lock() for _ in range(4096)]  # one per shard = leaf directory
        self._mem_lock = threading.Lock()
        self._turns = UserLocks()  # FIFO per user for the async API
        self._closed = False
        self._set_aside: set[int] = set()  # users whose record was quarantined, not yet told
        for d in ("", "users", "index", "quarantine"):
            (self._root / d).mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self._root, 0o700)
        self._dir_lock = DirLock(self._root)
        try:
            self._quarantine = Quarantine(self._root / "quarantine")
            self._files = UserFiles(self._root, self._quarantine, upgrade)
            self._index = DueIndex(self._root / "index", due_of)
            self._feedback = FeedbackFile(self._root / "feedback.json", self._quarantine)
            if self._files.fresh_secret:
                # rename first, save after: a crash midway just repeats this with a new secret
                rehome(self._files)
                self._files.save_secret()
            next_gen = recover(self._files, self._index)
        except BaseException:
            self._dir_lock.release()
            raise
        self._index.journal = Journal(self._index.dir, next_gen)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="userstore")
        log.info(
            "store open: %d users, %d with a reminder, %.0f ms",
            self._index.count(),
            self._index.with_reminder(),
            (time.perf_counter() - started) * 1000,
        )

    # ---- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        """Finish queued work and release the directory for another process."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        self._index.close()
        self._cache.clear()
        self._dir_lock.release()

    def _lock(self, key: str) -> threading.Lock:
        return self._locks[int(key[:3], 16)]

    @contextlib.contextmanager
    def _writing(self, key: str, what: str) -> Iterator[None]:
        """Hold the user's shard lock; log a failed disk operation by its errno name (a full
        disk is ENOSPC), never with a path or data — the caller still gets the exception."""
        with self._lock(key):
            try:
                yield
            except OSError as exc:
                log.error("store could not %s user %s: %s", what, key[:12], error_name(exc))
                raise

    def _open_user(self, user_id: int) -> tuple[int, str]:
        uid = check_user_id(user_id)
        self._check_open()
        return uid, self._files.key(uid)

    # ---- records (callers hold the shard lock) --------------------------------------------

    def _load_locked(self, key: str, uid: int) -> Record | None:
        """Current record (cache first); drops the index entry if the file turned out unusable."""
        text = self._cache.get(uid)
        if text is not None:
            loaded: Record = json.loads(text)
            return loaded
        if self._index.entry(key) is None:
            return None
        found = self._files.read(key, uid)
        if found is None:
            with self._mem_lock:
                self._set_aside.add(uid)
            self._index.commit(key, None)
            return None
        return found[1]

    def _write_locked(self, key: str, uid: int, record: Record, *, durable: bool = True) -> str:
        if not isinstance(record, dict):
            raise TypeError("record must be a dict")
        text = dumps(record)  # fails on non-JSON data before anything touches the disk
        entry = self._index.entry_for(uid, record)
        journal = self._index.journal
        assert journal is not None
        gen = journal.begin([key]) if self._index.entry(key) != entry else None
        try:
            self._files.write(key, uid, record, durable=durable)
        except BaseException:
            self._cache.pop(uid)
            raise
        self._cache.put(uid, text)
        if gen is not None:
            self._index.set(key, entry)
            self._index.write_shard(key[:3])
            journal.end(gen)
        return text

    def _delete_locked(self, key: str, uid: int, *, everything: bool = True) -> bool:
        """Remove the user's file, crash leftovers, quarantined copies and index entry.

        ``everything`` (a request to forget, not retention) also removes damaged index files
        that name the user and retires the journal files that hold the key.
        """
        self._cache.pop(uid)
        indexed = self._index.entry(key) is not None
        journal = self._index.journal
        assert journal is not None
        gen = journal.begin([key]) if indexed else None
        removed = self._files.remove(key)
        if gen is not None:
            self._index.set(key, None)
            self._index.write_shard(key[:3])
            journal.end(gen)
        if everything:
            for path in self._quarantine.mentioning(key, uid):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
                    removed = True
            journal.rotate()
        return removed or indexed

    # ---- sync API -------------------------------------------------------------------------

    def get(self, user_id: int) -> Record | None:
        """The user's record (upgraded to the current schema), or None."""
        uid, key = self._open_user(user_id)
        text = self._cache.get(uid)
        if text is None:
            with self._lock(key):
                text = self._cache.get(uid)
                if text is None:
                    record = self._load_locked(key, uid)
                    if record is not None:
                        self._cache.put(uid, dumps(record))
                    return record
        cached: Record = json.loads(text)
        return cached

    def put(self, user_id: int, record: Record) -> None:
        """Store the record; it is on disk when this returns."""
        uid, key = self._open_user(user_id)
        with self._writing(key, "write"):
            self._write_locked(key, uid, record)

    def update(
        self, user_id: int, fn: Callable[[Record | None], Record | None], *, durable: bool = True
    ) -> Record | None:
        """Atomic read-modify-write: ``fn`` gets a private copy; returning None deletes
        a stored user as ``delete`` does, and returning a record equal to the stored
        one writes nothing.

        ``durable=False`` skips the fsyncs: the write is still atomic and survives the process
        being killed (the kernel has it), only not a power cut — for changes whose loss costs
        little (the note that a reply went out: lost, the reply is sent once more).

        ``fn`` runs under the user's lock (in a worker thread for ``aupdate``): keep it a quick,
        plain function that does not call the store.
        """
        uid, key = self._open_user(user_id)
        with self._writing(key, "update"):
            current = self._load_locked(key, uid)
            before = None if current is None else dumps(current)
            new = fn(current)
            if new is not None and before is not None and dumps(new) == before:
                return new  # fn changed nothing: no write
            if new is None:
                if current is not None:
                    self._delete_locked(key, uid)
                return None
            written: Record = json.loads(self._write_locked(key, uid, new, durable=durable))
            return written

    def delete(self, user_id: int) -> bool:
        """Forget the user: file, crash leftovers, quarantined copies and files that name them,
        index entry, journal files holding their key, cache. True if anything was stored."""
        uid, key = self._open_user(user_id)
        with self._writing(key, "delete"):
            return self._delete_locked(key, uid)

    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """(user id, due time) pairs from the index, soonest first; no user file is read."""
        return self._index.due(None if before is None else aware(before, "before"))

    def purge_inactive(
        self, older_than: datetime, last_seen_of: Callable[[Record], datetime | None]
    ) -> int:
        """Delete users last seen before ``older_than``; returns how many.

        When ``last_seen_of`` gives None, the file's last write time stands in. Quarantined
        files older than the cut-off go too, since their owners may never come back.
        """
        cutoff = aware(older_than, "older_than")
        self._check_open()
        purged = 0
        for key, uid in self._index.users():
            with self._lock(key):
                record = self._load_locked(key, uid)
                if record is None:
                    continue
                try:
                    seen = last_seen_of(record)
                    seen = None if seen is None else aware(seen, "last_seen_of(record)")
                except Exception as exc:
                    log.warning("last_seen_of failed (%s); user kept", type(exc).__name__)
                    continue
                if seen is None:
                    with contextlib.suppress(OSError):
                        seen = datetime.fromtimestamp(self._files.path(key).stat().st_mtime, UTC)
                if seen is not None and seen < cutoff:
                    self._delete_locked(key, uid, everything=False)
                    purged += 1
        if purged and self._index.journal is not None:
            self._index.journal.rotate()
        dropped = self._quarantine.purge_older(cutoff)
        log.info("retention: purged %d inactive user(s), %d quarantined file(s)", purged, dropped)
        return purged

    def export(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about the user, for a data-access request; None if nothing.

        Damaged copies of their file are included in full; damaged index files that name them
        only by name, since those list other users too.
        """
        uid, key = self._open_user(user_id)
        with self._lock(key):
            record = self._load_locked(key, uid)
            entry = self._index.entry(key)
            mentions = self._quarantine.mentioning(key, uid)
            quarantined = [
                {"file": p.name, "content": p.read_bytes().decode("utf-8", "replace")}
                for p in self._quarantine.named(key)
                + [m for m in mentions if not m.name.startswith("due-")]
            ]
            indexes = [m.name for m in mentions if m.name.startswith("due-")]
        if record is None and entry is None and not quarantined and not indexes:
            return None
        return {
            "user_id": uid,
            "storage_key": key,
            "record": record,
            "next_reminder": None if entry is None or entry[1] is None else entry[1].isoformat(),
            "quarantined_files": quarantined,
            "quarantined_index_files": indexes,
        }

    def user_ids(self) -> list[int]:
        """Every stored user's id, from the index (no file is read)."""
        self._check_open()
        return sorted(uid for _, uid in self._index.users())

    def count(self) -> int:
        """Number of stored users (kept in memory)."""
        return self._index.count()

    def add_feedback(self, votes: FeedbackCount) -> None:
        """Add to the anonymous counters in ``feedback.json`` (on disk when this returns)."""
        self._check_open()
        self._feedback.add(votes)

    def feedback_counts(self) -> list[FeedbackCount]:
        self._check_open()
        return self._feedback.counts()

    def prune_feedback(self, oldest_week: str) -> int:
        """Drop counters of weeks before ``oldest_week`` from ``feedback.json``."""
        self._check_open()
        dropped = self._feedback.prune(check_week(oldest_week))
        log.info("retention: dropped %d feedback counter(s) before %s", dropped, oldest_week)
        return dropped
