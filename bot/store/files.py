"""Atomic files and the TinyDB plumbing every stored file goes through.

TinyDB's JSONStorage truncates and rewrites in place and treats an empty file as a new
database; a torn write there silently loses data. Here every file is replaced atomically (temp
file, fsync, rename, fsync of the directory), so anything unparsable is damage, reported as
``CorruptFileError`` and never guessed at.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

Docs = dict[str, dict[str, Any]]


class CorruptFileError(ValueError):
    """A stored file cannot be parsed; the message names the cause, never the contents."""


class StoreLockedError(RuntimeError):
    """Another process has this data directory open; two caches would disagree."""


class DirLock:
    """flock on ``<root>/.lock``: one process per data directory (the read cache is per process)."""

    def __init__(self, root: Path) -> None:
        fd = os.open(root / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreLockedError(f"{root} is in use by another process") from None
        self._fd: int | None = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing drops the flock
            self._fd = None


def error_name(exc: BaseException) -> str:
    """``ENOSPC`` for a full disk and so on: what an operator needs, without a path or data."""
    if isinstance(exc, OSError) and exc.errno:
        return errno.errorcode.get(exc.errno, f"errno {exc.errno}")
    return type(exc).__name__


def fsync_dir(path: Path) -> None:
    """Make a rename or unlink in ``path`` survive a power cut."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    except OSError as exc:  # some filesystems refuse fsync on directories
        if exc.errno != errno.EINVAL:
            raise
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def atomic_write(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` so that readers and crashes see the old or the new bytes, never a mix.

    The temp file lives next to the target (same filesystem, so the rename is atomic) and is
    named after it, so a crash leftover can be attributed to its user and swept at start.
    """
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o600)
    try:
        try:
            write_all(fd, data)
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
        fsync_dir(path.parent)


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)


class AtomicJSONStorage(Storage):
    """TinyDB storage that writes by atomic replacement and reports damage instead of guessing."""

    def __init__(self, path: str | os.PathLike[str], *, durable: bool = True) -> None:
        super().__init__()
        self.path = Path(path)
        self.durable = durable
        self.missing = False  # set by read(): lets callers tell "no file" from "empty file"

    def read(self) -> Docs | None:
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

    def write(self, data: Docs) -> None:
        atomic_write(self.path, dumps(data).encode(), durable=self.durable)


class _Table(Table):
    """Table with string document ids and a single-write replace.

    TinyDB's own mutations read the file before writing it and ``upsert`` of a new document
    writes twice; each of our files holds exactly one table that we always know in full.
    """

    document_id_class = str  # type: ignore[assignment]  # TinyDB declares int ids

    def replace(self, docs: Docs) -> None:
        self.storage.write({self.name: docs})
        self.clear_cache()


class _DB(TinyDB):
    table_class = _Table


def open_db(path: Path, *, durable: bool = True) -> TinyDB:
    return _DB(path, storage=AtomicJSONStorage, durable=durable)


def write_table(path: Path, table: str, docs: Docs, *, durable: bool = True) -> None:
    """Replace the whole file with one table holding ``docs``: one write, no read."""
    with open_db(path, durable=durable) as db:
        db.table(table).replace(docs)
