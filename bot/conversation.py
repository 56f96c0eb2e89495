"""Load a user's profile, let the engine handle an event, persist the result — before replying.

The one place where the conversation meets storage, shared by the console and Telegram, so both
keep the same promise: a change the user is told about is on disk first, a user who only asks for
/help leaves nothing behind, and /forget removes everything — damaged copies and index traces
included, which /mydata therefore shows too.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from bot.dialogue import Command, Engine, Event, Outcome
from bot.profile import Profile, upgrade
from bot.store import UserStore

log = logging.getLogger(__name__)


def load_profile(record: dict[str, Any] | None) -> Profile | None:
    """A stored record as a Profile; a record that no longer validates starts the user afresh."""
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
    profile = load_profile(record)
    return profile.next_due() if profile else None


def open_store(data_dir: Any) -> UserStore:
    return UserStore(data_dir, upgrade=upgrade, due_of=due_of)


def _material(profile: Profile) -> dict[str, Any]:
    return profile.model_dump(mode="json", exclude={"created", "last_seen"})


def _about_stored_data(event: Event) -> bool:
    """/mydata and /forget must see what the store holds beyond a readable record."""
    return isinstance(event, Command) and event.name.lower().lstrip("/") in ("mydata", "forget")


def _with_damaged_copies(outcome: Outcome, export: dict[str, Any] | None) -> Outcome:
    """Add the copies the store set aside as unreadable to the /mydata document."""
    copies = export.get("quarantined_files") if export else None
    indexes = export.get("quarantined_index_files") if export else None
    if not copies and not indexes:
        return outcome
    for i, reply in enumerate(outcome.replies):
        if reply.document is not None:
            data = json.loads(reply.document.content)
            data["damaged_copies"] = copies or []
            data["damaged_index_files_naming_you"] = indexes or []
            content = json.dumps(data, indent=2, ensure_ascii=False).encode()
            document = dataclasses.replace(reply.document, content=content)
            outcome.replies[i] = dataclasses.replace(reply, document=document)
    return outcome


class Conversations:
    def __init__(self, engine: Engine, store: UserStore | None = None) -> None:
        self.engine = engine
        self.store = store
        self._memory: dict[int, dict[str, Any]] = {}  # without a store (console --no-store)

    def _step(
        self,
        user_id: int,
        event: Event,
        language: str,
        record: dict[str, Any] | None,
        traces: bool = False,
    ) -> tuple[Outcome, dict[str, Any] | None]:
        """``traces``: the store holds something about the user even if ``record`` is None
        (a damaged copy), so the engine must not answer "nothing stored"."""
        before = load_profile(record)
        material = None if before is None else _material(before)
        seen = None if before is None else before.last_seen.date()
        given = before or (self.engine.new_profile(user_id, language) if traces else None)
        outcome = self.engine.handle(given, event, user_id=user_id, language=language, owned=True)
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

    def _apply(
        self, user_id: int, event: Event, language: str, export: dict[str, Any] | None
    ) -> tuple[list[Outcome], Callable[[dict[str, Any] | None], dict[str, Any] | None]]:
        """The update function for the store, and where its outcome lands."""
        result: list[Outcome] = []

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            outcome, new = self._step(user_id, event, language, record, export is not None)
            result.append(_with_damaged_copies(outcome, export))
            return new

        return result, apply

    def handle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        if self.store is None:
            outcome, new = self._step(user_id, event, language, self._memory.get(user_id))
            if new is None:
                self._memory.pop(user_id, None)
            else:
                self._memory[user_id] = new
            return outcome
        export = self.store.export(user_id) if _about_stored_data(event) else None
        result, apply = self._apply(user_id, event, language, export)
        self.store.update(user_id, apply)
        if result[0].profile is None:  # /forget: also what no readable record points to
            self.store.delete(user_id)
        return result[0]

    async def ahandle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        """As `handle`, with the engine and the disk write off the event loop."""
        if self.store is None:
            return self.handle(user_id, event, language)
        export = await self.store.aexport(user_id) if _about_stored_data(event) else None
        result, apply = self._apply(user_id, event, language, export)
        await self.store.aupdate(user_id, apply)
        if result[0].profile is None:
            await self.store.adelete(user_id)
        return result[0]

    def profile(self, user_id: int) -> Profile | None:
        record = self.store.get(user_id) if self.store else self._memory.get(user_id)
        return load_profile(record)

    async def aprofile(self, user_id: int) -> Profile | None:
        if self.store is None:
            return self.profile(user_id)
        return load_profile(await self.store.aget(user_id))
