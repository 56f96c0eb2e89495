"""Load a user's profile, let the engine handle an event, persist the result — before replying.

The one place where the conversation meets storage, shared by the console and Telegram, so both
keep the same promise: a change the user is told about is on disk first, a user who only asks for
/help leaves nothing behind, and /forget removes everything.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from bot.dialogue import Engine, Event, Outcome
from bot.outbox import Outbox, join, profile_part, queued_since
from bot.profile import Profile, upgrade
from bot.replies import Reply
from bot.store import UserStore

log = logging.getLogger(__name__)


def load_profile(record: dict[str, Any] | None) -> Profile | None:
    """A stored record as a Profile; a record that no longer validates starts the user afresh.
    (The record's outbox, see bot/outbox.py, is not part of the profile.)"""
    record = profile_part(record)
    if record is None:
        return None
    try:
        return Profile.model_validate(upgrade(record))
    except (ValidationError, ValueError, TypeError) as exc:
        log.warning("stored profile unreadable (%s): the user starts again", type(exc).__name__)
        return None


def last_seen_of(record: dict[str, Any]) -> datetime | None:
    profile = load_profile(record)
    return profile.last_seen if profile else None


def due_of(record: dict[str, Any]) -> datetime | None:
    """The next time something is due for the user: a reminder, or replies not yet sent."""
    profile = load_profile(record)
    times = [t for t in (profile and profile.next_due(), queued_since(record)) if t]
    return min(times) if times else None


def open_store(data_dir: Any) -> UserStore:
    return UserStore(data_dir, upgrade=upgrade, due_of=due_of)


@dataclass
class Queued:
    """What `Conversations.aqueue` did."""

    outcome: Outcome | None  # None: the update was handled before (delivered again)
    direct: list[Reply] = field(default_factory=list)  # to send now: nothing was stored


def _material(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json", exclude={"created", "last_seen"})


class Conversations:
    def __init__(self, engine: Engine, store: UserStore | None = None) -> None:
        self.engine = engine
        self.store = store
        self._memory: dict[int, dict[str, Any]] = {}  # without a store (console --no-store)

    def step(
        self, user_id: int, event: Event, language: str, record: dict[str, Any] | None
    ) -> tuple[Outcome, dict[str, Any] | None]:
        before = load_profile(record)
        material = None if before is None else _material(before)
        seen = None if before is None else before.last_seen.date()
        outcome = self.engine.handle(before, event, user_id=user_id, language=language, owned=True)
        after = outcome.profile
        if after is None:
            return outcome, None
        if material is None:
            # e.g. /help from a stranger: nothing worth keeping
            fresh = self.engine.new_profile(user_id, after.language)
            keep = _material(after) != _material(fresh)
            return outcome, after.model_dump(mode="json") if keep else None
        if _material(after) == material and after.last_seen.date() == seen:
            return outcome, record  # nothing new; last_seen is kept to the day
        return outcome, after.model_dump(mode="json")

    def handle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        result: list[Outcome] = []

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            outcome, new = self.step(user_id, event, language, record)
            result.append(outcome)
            return new

        if self.store is None:
            new = apply(self._memory.get(user_id))
            if new is None:
                self._memory.pop(user_id, None)
            else:
                self._memory[user_id] = new
        else:
            self.store.update(user_id, apply)
        return result[0]

    async def ahandle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        """As `handle`, with the engine and the disk write off the event loop."""
        if self.store is None:
            return self.handle(user_id, event, language)
        result: list[Outcome] = []

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            outcome, new = self.step(user_id, event, language, record)
            result.append(outcome)
            return new

        await self.store.aupdate(user_id, apply)
        return result[0]

    async def aqueue(
        self,
        user_id: int,
        event: Event,
        language: str,
        *,
        update_id: int | None,
        to: dict[str, Any],
        before: list[Reply] | None = None,
        shape: Callable[[list[Reply]], list[Reply]] = list,
    ) -> Queued:
        """As `ahandle`, and the replies (after `before`; `shape` may join or split them) go
        into the record's outbox in the same write — unless nothing is kept about the user
        (a stranger's /help, /forget), who then leaves no trace and gets them directly."""
        assert self.store is not None, "queued replies need a store"
        result = Queued(None)

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            box = Outbox.of(record)
            if box.seen(update_id):
                return record
            outcome, profile = self.step(user_id, event, language, profile_part(record))
            result.outcome = outcome
            replies = shape([*(before or []), *outcome.replies])
            if profile is None and not box.queue:
                result.direct = replies
                return None
            if update_id is not None:
                box.last = update_id
            else:  # nothing brings it back after a crash but the due index
                box.stuck = True
            lang = outcome.profile.language if outcome.profile else language
            box.add(self.engine.clock(), lang, to, replies)
            return join(profile, box)

        await self.store.aupdate(user_id, apply)
        return result

    def profile(self, user_id: int) -> Profile | None:
        record = self.store.get(user_id) if self.store else self._memory.get(user_id)
        return load_profile(record)

    async def aprofile(self, user_id: int) -> Profile | None:
        if self.store is None:
            return self.profile(user_id)
        return load_profile(await self.store.aget(user_id))
