"""Damaged files moved aside, so a user can start again and the bytes can still be studied.

A quarantined file keeps its stem (a user file's is the user's key) followed by the UTC time:
``quarantine/<stem>.<time>.json``. Files older than the retention period are purged with the
inactive users, and with their user on request (``/forget``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from datetime import UTC, datetime
from pathlib import Path

from bot.store.files import error_name

log = logging.getLogger(__name__)


class Quarantine:
    def __init__(self, directory: Path) -> None:
        self.dir = directory

    def move(self, path: Path, label: str, reason: str) -> None:
        """Move ``path`` aside; ``label`` and ``reason`` are logged and must hold no user data."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
        dest = self.dir / f"{path.stem}.{stamp}{path.suffix or '.bin'}"
        try:
            os.replace(path, dest)
        except FileNotFoundError:
            return
        except OSError as exc:
            log.error("could not quarantine %s (%s): %s", label, reason, error_name(exc))
            return
        log.warning("quarantined unreadable %s (%s) as quarantine/%s", label, reason, dest.name)

    def named(self, stem: str) -> list[Path]:
        """Quarantined copies of the file whose stem is ``stem`` (a user file: the user's key)."""
        prefix = f"{stem}."
        with os.scandir(self.dir) as it:
            return sorted(Path(e.path) for e in it if e.name.startswith(prefix))

    def mentioning(self, key: str, uid: int) -> list[Path]:
        """Other quarantined files that name the user: a damaged index shard (it lists key and
        id of every user in the shard), or a user file set aside while re-keying (old name)."""
        pattern = re.compile(
            re.escape(key.encode()) + rb'|"(?:uid|u|user_id)":\s*' + str(uid).encode() + rb"(?!\d)"
        )
        found = []
        with os.scandir(self.dir) as it:
            for e in it:
                if e.name.startswith(f"{key}."):
                    continue
                with contextlib.suppress(OSError):
                    if pattern.search(Path(e.path).read_bytes()):
                        found.append(Path(e.path))
        return sorted(found)

    def purge_older(self, cutoff: datetime) -> int:
        """Delete quarantined files last changed before ``cutoff``; returns how many."""
        with os.scandir(self.dir) as it:
            old = [e.path for e in it if e.stat().st_mtime < cutoff.timestamp()]
        dropped = 0
        for path in old:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(path)
                dropped += 1
        return dropped
