"""User files: one small TinyDB file per user, named by a keyed hash of the user id.

``users/ab/c/<key>.json`` holds ``{"user": {"1": {"fmt": 1, "uid": <id>, "record": {...}}}}``;
``key`` is HMAC-SHA256(secret, user id), so a user id never appears in a file or directory name.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bot.store.files import (
    CorruptFileError,
    atomic_write,
    error_name,
    fsync_dir,
    open_db,
    write_table,
)
from bot.store.quarantine import Quarantine

log = logging.getLogger(__name__)

Record = dict[str, Any]
FORMAT = 1  # version of the envelope around each record (the record has its own schema_version)
USER_TABLE = "user"
USER_DOC = "1"
KEY_CHARS = 32  # 128 bits of HMAC-SHA256: no collisions in practice, shorter names
SECRET_BYTES = 32


def check_user_id(user_id: Any) -> int:
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        raise TypeError("user_id must be an int")
    return user_id


def storage_key(secret: bytes, user_id: int) -> str:
    """The name a user is stored under: a keyed hash, so the user id never names anything."""
    return hmac.new(secret, str(user_id).encode(), hashlib.sha256).hexdigest()[:KEY_CHARS]


class UserFiles:
    """Naming, reading and writing of user files; callers hold the user's shard lock."""

    def __init__(
        self, root: Path, quarantine: Quarantine, upgrade: Callable[[Record], Record]
    ) -> None:
        self.root = root
        self.dir = root / "users"
        self.quarantine = quarantine
        self._upgrade = upgrade
        self.leaves: set[str] = set()  # shards whose leaf directory exists
        self.secret, self.fresh_secret = self._load_secret()

    def _load_secret(self) -> tuple[bytes, bool]:
        """Return the naming key and whether it is new (and not yet saved)."""
        path = self.root / "secret"
        try:
            secret = path.read_bytes()
            if len(secret) == SECRET_BYTES:
                return secret, False
            self.quarantine.move(path, "secret", f"{len(secret)} bytes")
        except FileNotFoundError:
            pass
        except OSError as exc:
            self.quarantine.move(path, "secret", error_name(exc))
        return secrets.token_bytes(SECRET_BYTES), True

    def save_secret(self) -> None:
        atomic_write(self.root / "secret", self.secret)
        self.fresh_secret = False

    def key(self, user_id: int) -> str:
        return storage_key(self.secret, user_id)

    def leaf(self, key: str) -> Path:
        return self.dir / key[:2] / key[2]

    def path(self, key: str) -> Path:
        return self.leaf(key) / f"{key}.json"

    def ensure_leaf(self, key: str) -> None:
        shard = key[:3]
        if shard in self.leaves:
            return
        top = self.dir / key[:2]
        for d in (top, top / key[2]):
            if not d.is_dir():
                d.mkdir(mode=0o700, exist_ok=True)
                fsync_dir(d.parent)
        self.leaves.add(shard)

    def read(self, key: str, expect: int | None) -> tuple[int, Record] | None:
        """Load and upgrade one user's file; quarantine it and return None if unusable."""
        path = self.path(key)
        label = f"user file {key[:12]}"
        try:
            with open_db(path) as db:
                doc = db.table(USER_TABLE).get(doc_id=USER_DOC)
                missing = db.storage.missing
        except CorruptFileError as exc:
            self.quarantine.move(path, label, str(exc))
            return None
        except (TypeError, ValueError):  # valid JSON, but a document that is not an object
            self.quarantine.move(path, label, "not a document")
            return None
        except OSError as exc:
            self.quarantine.move(path, label, error_name(exc))
            return None
        if doc is None:
            if not missing:
                self.quarantine.move(path, label, "no record")
            return None
        assert not isinstance(doc, list)  # get(doc_id=...) returns one document
        uid, record = doc.get("uid"), doc.get("record")
        if doc.get("fmt") != FORMAT or not isinstance(record, dict) or type(uid) is not int:
            self.quarantine.move(path, label, "unexpected layout")
            return None
        if (expect is not None and uid != expect) or self.key(uid) != key:
            self.quarantine.move(path, label, "belongs to another id")
            return None
        try:
            upgraded = self._upgrade(record)
            if not isinstance(upgraded, dict):
                raise TypeError("upgrade returned a non-dict")
        except Exception as exc:  # a record the hook cannot read is bad data, not a crash
            self.quarantine.move(path, label, f"upgrade failed: {type(exc).__name__}")
            return None
        return uid, upgraded

    def write(self, key: str, uid: int, record: Record, *, durable: bool = True) -> None:
        self.ensure_leaf(key)
        envelope = {"fmt": FORMAT, "uid": uid, "record": record}
        write_table(self.path(key), USER_TABLE, {USER_DOC: envelope}, durable=durable)

    def remove(self, key: str) -> bool:
        """Delete the user's file, a crash leftover and quarantined copies; True if any."""
        removed = False
        leaf = self.leaf(key)
        for path in (self.path(key), leaf / f"{key}.tmp"):
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                os.unlink(path)
                removed = True
        if removed:
            fsync_dir(leaf)
        for path in self.quarantine.named(key):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                removed = True
        return removed

    def uid_in(self, path: Path) -> int | None:
        """The user id inside a user file, or None if it cannot be read (for re-keying)."""
        try:
            with open_db(path) as db:
                doc = db.table(USER_TABLE).get(doc_id=USER_DOC)
            uid = doc.get("uid") if isinstance(doc, dict) else None
        except (OSError, TypeError, ValueError):  # CorruptFileError is a ValueError
            return None
        return uid if type(uid) is int else None
