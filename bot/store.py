"""Per-user persistence on TinyDB that stays fast and crash-safe at 100,000 users.

TinyDB's default JSONStorage keeps everyone in one file and rewrites it in place on every write:
the cost grows with the number of users, it blocks the event loop, and a crash mid-write corrupts
everybody's data. Here TinyDB stays the engine, but every user gets a small TinyDB file of their
own, written atomically (temp file, fsync, rename, fsync of the directory). An update therefore
costs the same at 1,000 or 100,000 users, a crash leaves at worst a stale temp file, and a corrupt
file costs one user their history instead of costing everyone theirs.

Layout of ``data_dir`` (directories 0700, files 0600)::

    secret                  32 random bytes; file names are HMAC-SHA256(secret, user id)
    .lock                   flock: one process per data dir (the read cache is per process)
    users/ab/c/<key>.json   one TinyDB file per user: {"user": {"1": {"fmt", "uid", "record"}}}
    index/due-abc.json      index shard for users/ab/c/: key -> {"u": user id, "d": due | null}
    index/journal-N.log     keys whose index entry is changing; replayed after a crash
    quarantine/             unreadable files moved aside as <key>.<UTC time>.json

A user id never appears in a file or directory name. It does appear inside the user's own file and
in the index, because the bot needs the chat id to send reminders.

The index lists every user (so ``count()`` is free and membership needs no disk access) and their
next reminder time (so start-up can reschedule reminders from 4,096 small files rather than
100,000). It is written only when a user appears, disappears or their due time changes. Because a
user file and its index shard cannot be renamed together, the key is first appended to a small
journal; start-up re-derives just the journalled entries, and cross-checks each shard against the
names in its directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import fcntl
import functools
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from bot.locks import UserLocks

__all__ = [
    "AtomicJSONStorage",
    "CorruptFileError",
    "StoreLockedError",
    "UserStore",
]

log = logging.getLogger(__name__)

T = TypeVar("T")
Record = dict[str, Any]
Entry = tuple[int, datetime | None]

FORMAT = 1  # version of the envelope around each record (the record has its own schema_version)
USER_TABLE = "user"
USER_DOC = "1"
INDEX_TABLE = "due"
KEY_CHARS = 32  # 128 bits of HMAC-SHA256: no collisions in practice, shorter names
SECRET_BYTES = 32
JOURNAL_ROTATE_BYTES = 256 * 1024

_KEY_RE = re.compile(f"[0-9a-f]{{{KEY_CHARS}}}")
_SHARD_FILE_RE = re.compile(r"due-([0-9a-f]{3})\.json")
_JOURNAL_RE = re.compile(r"journal-(\d+)\.log")
_HEX2_RE = re.compile(r"[0-9a-f]{2}")
_HEX1_RE = re.compile(r"[0-9a-f]")


class CorruptFileError(ValueError):
    """A stored file cannot be parsed; the message names the cause, never the contents."""


class StoreLockedError(RuntimeError):
    """Another process has this data directory open; two caches would disagree."""


# --------------------------------------------------------------------------------------------
# TinyDB plumbing


def _fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` survive a power cut."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on directories
        if exc.errno != errno.EINVAL:
            raise
    finally:
        os.close(fd)


def _atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` so that readers and crashes see the old or the new bytes, never a mix.

    The temp file lives next to the target (same filesystem, so the rename is atomic) and is
    named after it, so a crash leftover can be attributed to its user and swept at start.
    """
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            if durable:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes by atomic replacement and reports damage instead of guessing.

    TinyDB's JSONStorage truncates and rewrites in place and treats an empty file as a new
    database; a torn write there silently loses data. Atomic writes never produce an empty or
    partial file, so anything unparsable here is reported as ``CorruptFileError``.
    """

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.durable = durable
        self.missing = False  # set by read(): lets callers tell "no file" from "empty file"

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            self.missing = True
            return None
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError) as exc:  # JSONDecodeError, UnicodeDecodeError
            raise CorruptFileError(type(exc).__name__) from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise CorruptFileError("not a TinyDB database")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        _atomic_write(self.path, _dumps(data).encode(), durable=self.durable)


class _Table(Table):
    """Table with string document ids and a single-write replace.

    TinyDB's own mutations read the file before writing it and ``upsert`` of a new document
    writes twice; each of our files holds exactly one table that we always know in full.
    """

    document_id_class = str  # type: ignore[assignment]

    def replace(self, docs: dict[str, dict[str, Any]]) -> None:
        self.storage.write({self.name: docs})
        self.clear_cache()


class _DB(TinyDB):
    table_class = _Table


def _open_db(path: Path, *, durable: bool = True) -> _DB:
    return _DB(path, storage=AtomicJSONStorage, durable=durable)


# --------------------------------------------------------------------------------------------
# helpers


class _LRU:
    """Thread-safe LRU of JSON text; text keeps cached copies immune to callers' mutations."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: int) -> str | None:
        with self._lock:
            text = self._items.get(key)
            if text is not None:
                self._items.move_to_end(key)
            return text

    def put(self, key: int, text: str) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[key] = text
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def pop(self, key: int) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


class _Journal:
    """Write-ahead list of keys whose index entry is about to change.

    A user's file and its index shard are two renames; a crash between them would leave a
    reminder missing from the index. Appending the key first (one fdatasync) lets start-up
    re-derive exactly those entries. Files rotate once large and are deleted when every
    operation that wrote to them has finished.
    """

    def __init__(self, directory: Path, next_gen: int) -> None:
        self._dir = directory
        self._gen = next_gen - 1
        self._fds: dict[int, int] = {}
        self._inflight: dict[int, int] = {}
        self._size = 0
        self._lock = threading.Lock()

    def _path(self, gen: int) -> Path:
        return self._dir / f"journal-{gen:08d}.log"

    def _rotate(self) -> None:
        old = self._gen
        self._gen += 1
        self._fds[self._gen] = os.open(
            self._path(self._gen), os.O_WRONLY | os.O_CREAT | os.O_APPEND | os.O_CLOEXEC, 0o600
        )
        _fsync_dir(self._dir)
        self._inflight[self._gen] = 0
        self._size = 0
        if old in self._fds and self._inflight[old] == 0:
            self._retire(old)

    def _retire(self, gen: int) -> None:
        os.close(self._fds.pop(gen))
        del self._inflight[gen]
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self._path(gen))

    def begin(self, keys: Iterable[str], *, durable: bool = True) -> int:
        """Record the keys durably; pair with ``end`` only once the index write succeeded."""
        data = "".join(f"{k}\n" for k in keys).encode()
        with self._lock:
            if self._gen not in self._fds or self._size >= JOURNAL_ROTATE_BYTES:
                self._rotate()
            gen = self._gen
            fd = self._fds[gen]
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
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

    def close(self) -> None:
        """Close files; delete them too when nothing is left to repair."""
        with self._lock:
            clean = not any(self._inflight.values())
            for gen in list(self._fds):
                os.close(self._fds.pop(gen))
                if clean:
                    with contextlib.suppress(FileNotFoundError):
                        os.unlink(self._path(gen))
            self._inflight.clear()


def _aware(value: Any, what: str) -> datetime:
    if not isinstance(value, datetime) or value.utcoffset() is None:
        raise ValueError(f"{what} must be a timezone-aware datetime")
    return value.astimezone(UTC)


def _check_user_id(user_id: Any) -> int:
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise TypeError("user_id must be an int")
    return user_id


# --------------------------------------------------------------------------------------------
# the store


class UserStore:
    """Durable per-user records with a read cache and a due-reminder index.

    Every method is thread-safe. A write has reached the disk when the call returns, so the bot
    may tell the user about a change only after awaiting it. The ``a*`` methods run the same
    code in a private thread pool and keep each user's calls in the order they were made.
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        upgrade: Callable[[dict], dict] = lambda r: r,
        due_of: Callable[[dict], datetime | None] = lambda r: None,
        cache_size: int = 10_000,
        workers: int = 16,
    ) -> None:
        started = time.perf_counter()
        self._root = Path(data_dir)
        self._users = self._root / "users"
        self._index_dir = self._root / "index"
        self._qdir = self._root / "quarantine"
        self._upgrade = upgrade
        self._due_of = due_of
        self._cache = _LRU(cache_size)
        self._locks = [threading.Lock() for _ in range(4096)]  # one per shard = leaf directory
        self._mem_lock = threading.Lock()  # guards the in-memory index dicts and count
        self._shards: dict[str, dict[str, Entry]] = {}
        self._count = 0
        self._leaves: set[str] = set()
        self._turns = UserLocks()  # FIFO per user for the async API
        self._closed = False
        self._lock_fd: int | None = None

        for d in (self._root, self._users, self._index_dir, self._qdir):
            d.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self._root, 0o700)
        self._take_dir_lock()
        try:
            self._secret, fresh = self._load_secret()
            if fresh:
                # rename first, save after: a crash midway just repeats this with a new secret
                self._rehome()
                _atomic_write(self._root / "secret", self._secret)
            next_gen = self._recover()
        except BaseException:
            self._release_dir_lock()
            raise
        self._journal = _Journal(self._index_dir, next_gen)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="userstore")
        log.info(
            "store open: %d users, %d with a reminder, %.0f ms",
            self._count,
            sum(1 for s in self._shards.values() for _, d in s.values() if d),
            (time.perf_counter() - started) * 1000,
        )

    # ---- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        """Finish queued work and release the directory for another process."""
        if self._closed:
            return
        self._closed = True
        self._executor.shutdown(wait=True)
        self._journal.close()
        self._cache.clear()
        self._release_dir_lock()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _take_dir_lock(self) -> None:
        fd = os.open(self._root / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(f"{self._root} is in use by another process") from None
        self._lock_fd = fd

    def _release_dir_lock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)  # closing drops the flock
            self._lock_fd = None

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("store is closed")

    # ---- naming ---------------------------------------------------------------------------

    def _load_secret(self) -> tuple[bytes, bool]:
        """Return the naming key and whether it is new (and not yet saved)."""
        path = self._root / "secret"
        try:
            secret = path.read_bytes()
            if len(secret) == SECRET_BYTES:
                return secret, False
            self._quarantine(path, "secret", f"{len(secret)} bytes")
        except FileNotFoundError:
            pass
        except OSError as exc:
            self._quarantine(path, "secret", type(exc).__name__)
        return secrets.token_bytes(SECRET_BYTES), True

    def _key(self, user_id: int) -> str:
        return hmac.new(self._secret, str(user_id).encode(), hashlib.sha256).hexdigest()[:KEY_CHARS]

    def _leaf(self, key: str) -> Path:
        return self._users / key[:2] / key[2]

    def _user_path(self, key: str) -> Path:
        return self._leaf(key) / f"{key}.json"

    def _shard_path(self, shard: str) -> Path:
        return self._index_dir / f"due-{shard}.json"

    def _lock(self, key: str) -> threading.Lock:
        return self._locks[int(key[:3], 16)]

    def _ensure_leaf(self, key: str) -> None:
        shard = key[:3]
        if shard in self._leaves:
            return
        top = self._users / key[:2]
        for d in (top, top / key[2]):
            if not d.is_dir():
                d.mkdir(mode=0o700, exist_ok=True)
                _fsync_dir(d.parent)
        self._leaves.add(shard)

    # ---- low-level file access (callers hold the shard lock, or are in start-up) ------------

    def _quarantine(self, path: Path, label: str, reason: str) -> None:
        """Move a damaged file aside so the user can start again and the bytes can be studied."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        dest = self._qdir / f"{path.stem}.{stamp}{path.suffix or '.bin'}"
        try:
            os.replace(path, dest)
        except FileNotFoundError:
            return
        except OSError as exc:
            log.error("could not quarantine %s (%s): %s", label, reason, type(exc).__name__)
            return
        log.warning("quarantined unreadable %s (%s) as quarantine/%s", label, reason, dest.name)

    def _read(self, key: str, expect: int | None) -> tuple[int, Record] | None:
        """Load and upgrade one user's file; quarantine it and return None if unusable."""
        path = self._user_path(key)
        label = f"user file {key[:12]}"
        try:
            with _open_db(path) as db:
                doc = db.table(USER_TABLE).get(doc_id=USER_DOC)
                missing = db.storage.missing  # type: ignore[attr-defined]
        except CorruptFileError as exc:
            self._quarantine(path, label, str(exc))
            return None
        except (TypeError, ValueError):  # valid JSON, but a document that is not an object
            self._quarantine(path, label, "not a document")
            return None
        except OSError as exc:
            self._quarantine(path, label, type(exc).__name__)
            return None
        if doc is None:
            if not missing:
                self._quarantine(path, label, "no record")
            return None
        uid, record = doc.get("uid"), doc.get("record")
        if doc.get("fmt") != FORMAT or not isinstance(record, dict) or type(uid) is not int:
            self._quarantine(path, label, "unexpected layout")
            return None
        if (expect is not None and uid != expect) or self._key(uid) != key:
            self._quarantine(path, label, "belongs to another id")
            return None
        try:
            upgraded = self._upgrade(record)
            if not isinstance(upgraded, dict):
                raise TypeError("upgrade returned a non-dict")
        except Exception as exc:  # a record the hook cannot read is bad data, not a crash
            self._quarantine(path, label, f"upgrade failed: {type(exc).__name__}")
            return None
        return uid, upgraded

    def _entry_for(self, uid: int, record: Record) -> Entry:
        due = self._due_of(record)
        return uid, None if due is None else _aware(due, "due_of(record)")

    def _safe_entry(self, uid: int, record: Record) -> Entry:
        """Like _entry_for, but start-up must not crash on a record the hook rejects."""
        try:
            return self._entry_for(uid, record)
        except Exception as exc:
            log.warning("due_of failed for a stored record (%s); no reminder", type(exc).__name__)
            return uid, None

    def _set_entry(self, key: str, entry: Entry | None) -> bool:
        """Update the in-memory index; True if it changed."""
        shard = key[:3]
        with self._mem_lock:
            entries = self._shards.get(shard)
            current = entries.get(key) if entries else None
            if current == entry:
                return False
            if entry is None:
                del entries[key]  # type: ignore[union-attr]
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

    def _write_shard(self, shard: str, *, durable: bool = True) -> None:
        with self._mem_lock:
            docs = {
                k: {"u": uid, "d": None if due is None else due.isoformat()}
                for k, (uid, due) in self._shards.get(shard, {}).items()
            }
        path = self._shard_path(shard)
        if docs:
            with _open_db(path, durable=durable) as db:
                db.table(INDEX_TABLE).replace(docs)  # type: ignore[attr-defined]
        else:
            try:
                os.unlink(path)
            except FileNotFoundError:
                return
            if durable:
                _fsync_dir(self._index_dir)

    def _read_shard(self, path: Path, shard: str) -> dict[str, Entry]:
        try:
            with _open_db(path) as db:
                docs = db.table(INDEX_TABLE).all()
        except (TypeError, ValueError) as exc:
            raise CorruptFileError(type(exc).__name__) from None
        entries: dict[str, Entry] = {}
        for doc in docs:
            key, uid, due = doc.doc_id, doc.get("u"), doc.get("d")
            if not (_KEY_RE.fullmatch(key) and key.startswith(shard) and type(uid) is int):
                raise CorruptFileError("bad index entry")
            try:
                entries[key] = (
                    uid,
                    None if due is None else _aware(datetime.fromisoformat(due), "d"),
                )
            except (TypeError, ValueError):
                raise CorruptFileError("bad due time") from None
        return entries

    def _load_locked(self, key: str, uid: int) -> Record | None:
        """Current record (cache first); drops the index entry if the file turned out unusable."""
        text = self._cache.get(uid)
        if text is not None:
            return json.loads(text)
        with self._mem_lock:
            known = key in self._shards.get(key[:3], {})
        if not known:
            return None
        loaded = self._read(key, uid)
        if loaded is None:
            self._commit_index(key, None)
            return None
        return loaded[1]

    def _commit_index(self, key: str, entry: Entry | None) -> None:
        """Persist one index change behind a journal record (see _Journal)."""
        with self._mem_lock:
            current = self._shards.get(key[:3], {}).get(key)
        if current == entry:
            return
        gen = self._journal.begin([key])
        self._set_entry(key, entry)
        self._write_shard(key[:3])
        self._journal.end(gen)  # skipped on error: the key stays journalled for the next start

    def _write_locked(self, key: str, uid: int, record: Record, *, durable: bool = True) -> str:
        if not isinstance(record, dict):
            raise TypeError("record must be a dict")
        text = _dumps(record)  # fails on non-JSON data before anything touches the disk
        entry = self._entry_for(uid, record)
        with self._mem_lock:
            changes_index = self._shards.get(key[:3], {}).get(key) != entry
        gen = self._journal.begin([key]) if changes_index else None
        self._ensure_leaf(key)
        try:
            with _open_db(self._user_path(key), durable=durable) as db:
                db.table(USER_TABLE).replace(  # type: ignore[attr-defined]
                    {USER_DOC: {"fmt": FORMAT, "uid": uid, "record": record}}
                )
        except BaseException:
            self._cache.pop(uid)
            raise
        self._cache.put(uid, text)
        if gen is not None:
            self._set_entry(key, entry)
            self._write_shard(key[:3])
            self._journal.end(gen)
        return text

    def _delete_locked(self, key: str, uid: int) -> bool:
        self._cache.pop(uid)
        with self._mem_lock:
            indexed = key in self._shards.get(key[:3], {})
        gen = self._journal.begin([key]) if indexed else None
        removed = False
        leaf = self._leaf(key)
        for path in (self._user_path(key), leaf / f"{key}.tmp"):
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(path)
                removed = True
        if removed:
            _fsync_dir(leaf)
        for path in self._quarantined(key):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                removed = True
        if gen is not None:
            self._set_entry(key, None)
            self._write_shard(key[:3])
            self._journal.end(gen)
        return removed or indexed

    def _quarantined(self, key: str) -> list[Path]:
        prefix = f"{key}."
        with os.scandir(self._qdir) as it:
            return [Path(e.path) for e in it if e.name.startswith(prefix)]

    # ---- start-up -------------------------------------------------------------------------

    def _recover(self) -> int:
        """Load the index, repair it where files disagree, and sweep crash leftovers.

        Reads 4,096 index shards and lists the leaf directories; user files are read only for
        shards that are missing, corrupt or disagree with the directory, and for keys left in
        the journal. Returns the next journal generation.
        """
        bad: set[str] = set()
        journals: list[tuple[int, Path]] = []
        with os.scandir(self._index_dir) as it:
            for e in it:
                if m := _SHARD_FILE_RE.fullmatch(e.name):
                    try:
                        entries = self._read_shard(Path(e.path), m[1])
                    except (CorruptFileError, OSError) as exc:
                        reason = str(exc) if isinstance(exc, CorruptFileError) else "unreadable"
                        self._quarantine(Path(e.path), f"index shard {m[1]}", reason)
                        bad.add(m[1])
                        continue
                    if entries:
                        self._shards[m[1]] = entries
                        self._count += len(entries)
                elif m := _JOURNAL_RE.fullmatch(e.name):
                    journals.append((int(m[1]), Path(e.path)))
                elif e.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        os.unlink(e.path)

        for leftover in self._root.glob("*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
        on_disk, swept = self._scan_users()
        stale = {
            s
            for s in set(on_disk) | set(self._shards)
            if set(self._shards.get(s, {})) != on_disk.get(s, set())
        }
        rebuild = stale | bad
        for shard in sorted(rebuild):
            self._rebuild_shard(shard, on_disk.get(shard, set()))
        if rebuild:
            log.warning(
                "rebuilt %d due-index shard(s) from user files (%d corrupt, %d out of step)",
                len(rebuild),
                len(bad),
                len(rebuild - bad),
            )

        pending: set[str] = set()
        for _, path in journals:
            with contextlib.suppress(OSError):
                raw = path.read_bytes().decode("ascii", "replace")
                pending.update(k for k in raw.split("\n") if _KEY_RE.fullmatch(k))
        dirty: set[str] = set()
        for key in pending:
            if key[:3] in rebuild:
                continue
            loaded = self._read(key, None)
            if self._set_entry(key, None if loaded is None else self._safe_entry(*loaded)):
                dirty.add(key[:3])
        for shard in dirty:
            self._write_shard(shard)
        for _, path in journals:
            os.unlink(path)
        if journals:
            _fsync_dir(self._index_dir)
        if swept or dirty:
            log.info(
                "crash recovery: removed %d temp file(s), repaired %d index entr(ies)",
                swept,
                len(dirty),
            )
        return max((g for g, _ in journals), default=-1) + 1

    def _scan_users(self) -> tuple[dict[str, set[str]], int]:
        """List user keys per shard from directory names alone; delete crash temp files."""
        found: dict[str, set[str]] = {}
        swept = 0
        with os.scandir(self._users) as tops:
            top_dirs = [
                t for t in tops if _HEX2_RE.fullmatch(t.name) and t.is_dir(follow_symlinks=False)
            ]
        for top in top_dirs:
            with os.scandir(top.path) as leaves:
                leaf_dirs = [
                    d
                    for d in leaves
                    if _HEX1_RE.fullmatch(d.name) and d.is_dir(follow_symlinks=False)
                ]
            for leaf in leaf_dirs:
                shard = top.name + leaf.name
                self._leaves.add(shard)
                keys: set[str] = set()
                with os.scandir(leaf.path) as files:
                    for f in files:
                        stem, _, ext = f.name.partition(".")
                        if ext == "tmp":
                            with contextlib.suppress(OSError):
                                os.unlink(f.path)
                                swept += 1
                        elif ext == "json" and _KEY_RE.fullmatch(stem) and stem.startswith(shard):
                            keys.add(stem)
                if keys:
                    found[shard] = keys
        return found, swept

    def _rebuild_shard(self, shard: str, keys: set[str]) -> None:
        entries: dict[str, Entry] = {}
        for key in sorted(keys):
            loaded = self._read(key, None)
            if loaded is not None:
                entries[key] = self._safe_entry(*loaded)
        with self._mem_lock:
            self._count += len(entries) - len(self._shards.pop(shard, {}))
            if entries:
                self._shards[shard] = entries
        self._write_shard(shard)

    def _rehome(self) -> None:
        """After the secret was lost, rename every user file to its name under the new secret."""
        paths = sorted(self._users.glob("*/*/*.json"))
        if not paths:
            return
        moved = 0
        for path in paths:
            try:
                with _open_db(path) as db:
                    doc = db.table(USER_TABLE).get(doc_id=USER_DOC)
                uid = doc.get("uid") if doc else None
            except (OSError, TypeError, ValueError):  # CorruptFileError is a ValueError
                uid = None
            if type(uid) is not int:
                self._quarantine(path, f"user file {path.stem[:12]}", "unreadable while renaming")
                continue
            key = self._key(uid)
            target = self._user_path(key)
            if target == path:
                continue
            self._ensure_leaf(key)
            if target.exists():
                self._quarantine(path, f"user file {path.stem[:12]}", "duplicate while renaming")
                continue
            os.replace(path, target)
            moved += 1
        log.error(
            "store secret was missing or damaged: created a new one, renamed %d user files", moved
        )

    # ---- sync API -------------------------------------------------------------------------

    def get(self, user_id: int) -> dict | None:
        """The user's record (upgraded to the current schema), or None."""
        uid = _check_user_id(user_id)
        self._check_open()
        text = self._cache.get(uid)
        if text is not None:
            return json.loads(text)
        key = self._key(uid)
        with self._lock(key):
            text = self._cache.get(uid)
            if text is not None:
                return json.loads(text)
            record = self._load_locked(key, uid)
            if record is not None:
                self._cache.put(uid, _dumps(record))
            return record

    def put(self, user_id: int, record: dict) -> None:
        """Store the record; it is on disk when this returns."""
        uid = _check_user_id(user_id)
        self._check_open()
        key = self._key(uid)
        with self._lock(key):
            self._write_locked(key, uid, record)

    def update(
        self, user_id: int, fn: Callable[[dict | None], dict | None], *, durable: bool = True
    ) -> dict | None:
        """Atomic read-modify-write: ``fn`` gets a private copy; returning None deletes, and
        returning a record equal to the stored one writes nothing.

        ``durable=False`` skips the fsyncs: the write is still atomic and survives the process
        being killed (the kernel has it), only not a power cut — for changes whose loss costs
        little (the bot's note that a reply went out: lost, the reply is sent once more).

        ``fn`` runs under the user's lock (in a worker thread for ``aupdate``): keep it a quick,
        plain function that does not call the store.
        """
        uid = _check_user_id(user_id)
        self._check_open()
        key = self._key(uid)
        with self._lock(key):
            current = self._load_locked(key, uid)
            before = None if current is None else _dumps(current)
            new = fn(current)
            if new is not None and before is not None and _dumps(new) == before:
                return new  # fn changed nothing: no write
            if new is None:
                if current is not None:
                    self._delete_locked(key, uid)
                return None
            return json.loads(self._write_locked(key, uid, new, durable=durable))

    def delete(self, user_id: int) -> bool:
        """Forget the user: file, crash leftovers, quarantined copies, index entry and cache."""
        uid = _check_user_id(user_id)
        self._check_open()
        key = self._key(uid)
        with self._lock(key):
            return self._delete_locked(key, uid)

    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """(user id, due time) pairs from the index, soonest first; no user file is read."""
        limit = None if before is None else _aware(before, "before")
        with self._mem_lock:
            pairs = [
                (uid, due)
                for entries in self._shards.values()
                for uid, due in entries.values()
                if due is not None and (limit is None or due <= limit)
            ]
        pairs.sort(key=lambda p: (p[1], p[0]))
        return pairs

    def user_ids(self) -> list[int]:
        """Every stored user id, from the index."""
        with self._mem_lock:
            return [uid for entries in self._shards.values() for uid, _ in entries.values()]

    def purge_inactive(
        self, older_than: datetime, last_seen_of: Callable[[dict], datetime | None]
    ) -> int:
        """Delete users last seen before ``older_than``; returns how many.

        When ``last_seen_of`` gives None, the file's last write time stands in. Quarantined
        files older than the cut-off go too, since their owners may never come back.
        """
        cutoff = _aware(older_than, "older_than")
        self._check_open()
        with self._mem_lock:
            users = [(k, uid) for s in self._shards.values() for k, (uid, _) in s.items()]
        purged = 0
        for key, uid in users:
            with self._lock(key):
                record = self._load_locked(key, uid)
                if record is None:
                    continue
                try:
                    seen = last_seen_of(record)
                    seen = None if seen is None else _aware(seen, "last_seen_of(record)")
                except Exception as exc:
                    log.warning("last_seen_of failed (%s); user kept", type(exc).__name__)
                    continue
                if seen is None:
                    with contextlib.suppress(OSError):
                        mtime = self._user_path(key).stat().st_mtime
                        seen = datetime.fromtimestamp(mtime, UTC)
                if seen is not None and seen < cutoff:
                    self._delete_locked(key, uid)
                    purged += 1
        dropped = 0
        with os.scandir(self._qdir) as it:
            old = [e.path for e in it if e.stat().st_mtime < cutoff.timestamp()]
        for path in old:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                dropped += 1
        log.info("retention: purged %d inactive user(s), %d quarantined file(s)", purged, dropped)
        return purged

    def export(self, user_id: int) -> dict | None:
        """Everything stored about the user, for a data-access request; None if nothing."""
        uid = _check_user_id(user_id)
        self._check_open()
        key = self._key(uid)
        with self._lock(key):
            record = self._load_locked(key, uid)
            with self._mem_lock:
                entry = self._shards.get(key[:3], {}).get(key)
            quarantined = [
                {"file": p.name, "content": p.read_bytes().decode("utf-8", "replace")}
                for p in sorted(self._quarantined(key))
            ]
        if record is None and entry is None and not quarantined:
            return None
        return {
            "user_id": uid,
            "storage_key": key,
            "record": record,
            "next_reminder": None if entry is None or entry[1] is None else entry[1].isoformat(),
            "quarantined_files": quarantined,
        }

    def bulk_put(self, items: Iterable[tuple[int, dict]]) -> int:
        """Import many records: atomic per file, but one ``os.sync()`` at the end.

        For migrations and benchmarks, not for replies to users: nothing is durable until it
        returns. The keys are journalled first, so a crash midway leaves a consistent index.
        """
        self._check_open()
        by_shard: dict[str, list[tuple[str, int, Record]]] = {}
        for user_id, record in items:
            uid = _check_user_id(user_id)
            key = self._key(uid)
            by_shard.setdefault(key[:3], []).append((key, uid, record))
        keys = [k for rows in by_shard.values() for k, _, _ in rows]
        gen = self._journal.begin(keys)
        for shard, rows in by_shard.items():
            with self._locks[int(shard, 16)]:
                for key, uid, record in rows:
                    if not isinstance(record, dict):
                        raise TypeError("record must be a dict")
                    entry = self._entry_for(uid, record)
                    self._ensure_leaf(key)
                    self._cache.pop(uid)
                    with _open_db(self._user_path(key), durable=False) as db:
                        db.table(USER_TABLE).replace(  # type: ignore[attr-defined]
                            {USER_DOC: {"fmt": FORMAT, "uid": uid, "record": record}}
                        )
                    self._set_entry(key, entry)
                self._write_shard(shard, durable=False)
        os.sync()
        self._journal.end(gen)
        return len(keys)

    def count(self) -> int:
        """Number of stored users (kept in memory)."""
        return self._count

    def __len__(self) -> int:
        return self._count

    # ---- async API ------------------------------------------------------------------------

    async def _in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        self._check_open()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    async def _for_user(self, user_id: int, fn: Callable[..., T], *args: Any) -> T:
        async with self._turns.hold(user_id):
            return await self._in_thread(fn, user_id, *args)

    async def aget(self, user_id: int) -> dict | None:
        """``get`` without blocking the event loop."""
        return await self._for_user(user_id, self.get)

    async def aput(self, user_id: int, record: dict) -> None:
        """``put`` without blocking the event loop."""
        await self._for_user(user_id, self.put, record)

    async def aupdate(
        self, user_id: int, fn: Callable[[dict | None], dict | None], *, durable: bool = True
    ) -> dict | None:
        """``update`` without blocking the event loop; ``fn`` runs in a worker thread."""
        return await self._for_user(user_id, functools.partial(self.update, durable=durable), fn)

    async def adelete(self, user_id: int) -> bool:
        """``delete`` without blocking the event loop."""
        return await self._for_user(user_id, self.delete)

    async def aexport(self, user_id: int) -> dict | None:
        """``export`` without blocking the event loop."""
        return await self._for_user(user_id, self.export)

    async def adue(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """``due`` without blocking the event loop (it walks the whole index)."""
        return await self._in_thread(self.due, before)

    async def apurge_inactive(
        self, older_than: datetime, last_seen_of: Callable[[dict], datetime | None]
    ) -> int:
        """``purge_inactive`` without blocking the event loop (it reads every user's file)."""
        return await self._in_thread(self.purge_inactive, older_than, last_seen_of)
