"""What the store tests need to see of its insides: where a user's file is, who is indexed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from bot.store import StoreUnavailable, UserStore

T = TypeVar("T")


def due_of(record: dict) -> datetime | None:
    return datetime.fromisoformat(record["due"]) if record.get("due") else None


def open_store(path: Path, **kw) -> UserStore:
    kw.setdefault("due_of", due_of)
    return UserStore(path, **kw)


def storage_key(store: UserStore, uid: int) -> str:
    """The keyed hash that names the user's files."""
    return store._files.key(uid)


def user_file(store: UserStore, uid: int) -> Path:
    """Where the store keeps ``uid`` (layout: users/ab/c/<key>.json)."""
    return store._files.path(storage_key(store, uid))


def user_ids(store: UserStore) -> list[int]:
    """Every user id in the due index."""
    return [uid for _, uid in store._index.users()]


def all_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def once_back(read: Callable[[], T], attempts: int = 60) -> T:
    """``read()`` as soon as the store's pool has reconnected after an outage (psycopg_pool
    retries with a growing backoff, so the first calls after it may still fail fast)."""
    for _ in range(attempts):
        try:
            return read()
        except StoreUnavailable:
            continue
    raise AssertionError(f"the store did not come back within {attempts} attempts")
