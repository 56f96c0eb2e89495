"""What the store tests need to see of its insides: where a user's file is, who is indexed."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.store import UserStore


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
