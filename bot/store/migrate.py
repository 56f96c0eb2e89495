"""Copy every user from one store to another: a data directory into PostgreSQL, or back.

Idempotent and resumable by construction: each user is copied with an update that writes only
when the target differs, so running it again after an interruption copies what is missing and
leaves the rest alone. The copy is then verified user by user, not just by counting rows.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.store.base import Record, Store

log = logging.getLogger(__name__)


@dataclass
class Transfer:
    """What a copy did; ``ok`` when every source user reads back the same from the target."""

    source_users: int = 0
    copied: int = 0
    unchanged: int = 0
    gone: int = 0  # deleted (or unreadable) in the source while the copy ran
    target_users: int = 0
    mismatched: list[int] = field(default_factory=list)
    counters: int = 0  # feedback counters topped up in the target

    @property
    def ok(self) -> bool:
        return not self.mismatched and self.target_users >= self.source_users - self.gone


def _copy_one(target: Store, uid: int, record: Record) -> bool:
    """Put ``record`` in ``target``; True if that changed what the target held."""
    changed: list[bool] = []

    def replace(current: Record | None) -> Record:
        changed.append(current != record)
        return record

    target.update(uid, replace)
    return bool(changed) and changed[-1]


def copy_users(
    source: Store, target: Store, progress: Callable[[int, int], None] = lambda done, total: None
) -> Transfer:
    """Copy every user of ``source`` into ``target`` (overwriting a different record there)."""
    ids = source.user_ids()
    result = Transfer(source_users=len(ids))
    for done, uid in enumerate(ids, 1):
        record = source.get(uid)
        if record is None:
            result.gone += 1
            continue
        if _copy_one(target, uid, record):
            result.copied += 1
        else:
            result.unchanged += 1
        if done % 1000 == 0:
            progress(done, len(ids))
    for uid in ids:
        record = source.get(uid)
        if record is not None and target.get(uid) != record:
            result.mismatched.append(uid)
    result.target_users = target.count()
    result.counters = copy_feedback(source, target)
    log.info(
        "migrate: %d user(s) copied, %d unchanged, %d gone, %d mismatched",
        result.copied,
        result.unchanged,
        result.gone,
        len(result.mismatched),
    )
    return result


def copy_feedback(source: Store, target: Store) -> int:
    """Bring the target's anonymous feedback counters up to the source's: adds only what the
    target lacks, so a second run adds nothing. Returns how many counters were topped up."""
    have = {c.key: c for c in target.feedback_counts()}
    topped = 0
    for count in source.feedback_counts():
        old = have.get(count.key)
        missing = dataclasses.replace(
            count,
            worked=max(0, count.worked - (old.worked if old else 0)),
            different=max(0, count.different - (old.different if old else 0)),
        )
        if missing.worked or missing.different:
            target.add_feedback(missing)
            topped += 1
    return topped
