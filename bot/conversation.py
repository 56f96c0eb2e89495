"""Load a user's profile, let the engine handle an event, persist the result — before replying.

The one place where the conversation meets storage, shared by the console and Telegram, so both
keep the same promise: a change the user is told about is on disk first, a user who only asks for
/help leaves nothing behind, and /forget removes everything — damaged copies and index traces
included, which /mydata therefore shows too. Telegram's replies go into the same write as the
change they belong to (`aqueue`, bot/outbox.py), so none is lost or said twice after a crash.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.dialogue import Command, Engine, Event, Outcome
from bot.feedback import REFRESH_SECONDS, Board
from bot.i18n import languages, t
from bot.outbox import OUTBOX, Outbox, join, profile_part, queued_since
from bot.profile import Profile, repair, upgrade
from bot.replies import Reply
from bot.store import FeedbackCount, Store, StoreUnavailable, UserStore

log = logging.getLogger(__name__)


def load_profile(record: dict[str, Any] | None) -> Profile | None:
    """A stored record as a Profile, repaired field by field where it does not validate; None
    for no record or one beyond repair (which the store quarantines, see `checked_upgrade`).
    (The record's outbox, see bot/outbox.py, is not part of the profile.)"""
    return _repaired(record)[0]


def _repaired(
    record: dict[str, Any] | None, reminder_kinds: Collection[str] = ()
) -> tuple[Profile | None, list[str]]:
    record = profile_part(record)
    if record is None:
        return None, []
    try:
        return repair(record, languages=languages(), reminder_kinds=reminder_kinds)
    except ValueError as exc:
        log.warning("stored profile beyond repair (%s): the user starts again", exc)
        return None, []


def checked_upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """The store's upgrade hook: raises for a record beyond repair, so the store quarantines it
    (and the user is told) instead of every message failing on it."""
    repair(record)
    return upgrade(record)


def last_seen_of(record: dict[str, Any]) -> datetime | None:
    profile = load_profile(record)
    return profile.last_seen if profile else None


def due_of(record: dict[str, Any]) -> datetime | None:
    """The next time something is due for the user: a reminder, or replies not yet sent."""
    profile = load_profile(record)
    times = [t for t in (profile and profile.next_due(), queued_since(record)) if t]
    return min(times) if times else None


def open_store(data_dir: Any, database_url: str | None = None) -> Store:
    """PostgreSQL when a database URL is configured, else the data directory.

    Raises ``StoreConfigError`` (one line) when the database cannot be used."""
    if database_url:
        from bot.store.postgres import PostgresStore

        return PostgresStore(database_url, upgrade=checked_upgrade, due_of=due_of)
    return UserStore(data_dir, upgrade=checked_upgrade, due_of=due_of)


@dataclass
class Queued:
    """What `Conversations.aqueue` did."""

    outcome: Outcome | None  # None: the update was handled before (delivered again)
    direct: list[Reply] = field(default_factory=list)  # to send now: nothing was stored


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


def _asks_for_stats(engine: Engine, user_id: int, event: Event) -> bool:
    """An operator's /stats also shows the store's own figures, read for it alone."""
    named = isinstance(event, Command) and event.name.lower().lstrip("/") == "stats"
    return named and user_id in engine.admin_ids


def _figures(store: Store, users: int, due: list[tuple[int, datetime]], now: datetime) -> Board:
    return Board(
        tuple(store.feedback_counts()),
        now,
        {
            "users": users,
            "reminders": len({uid for uid, _ in due}),
            "due": sum(1 for _, when in due if when <= now),
        },
    )


class Conversations:
    def __init__(self, engine: Engine, store: Store | None = None) -> None:
        self.engine = engine
        self.store = store
        self._memory: dict[int, dict[str, Any]] = {}  # without a store (console --no-store)

    # -- the feedback counters (bot/feedback.py): read into the engine's board, added to -----

    def _board_stale(self) -> bool:
        read = self.engine.board.read_at
        now = self.engine.clock()
        return read is None or now - read >= timedelta(seconds=REFRESH_SECONDS)

    def _read_board(self, user_id: int, event: Event) -> None:
        """Refresh the engine's snapshot of the counters when it is old (every worker sees
        the others' votes within REFRESH_SECONDS), and for an operator's /stats."""
        store, now = self.store, self.engine.clock()
        if store is None:
            return
        if _asks_for_stats(self.engine, user_id, event):
            self.engine.board = _figures(store, store.count(), store.due(), now)
        elif self._board_stale():
            self.engine.board = Board(tuple(store.feedback_counts()), now)

    async def _aread_board(self, user_id: int, event: Event) -> None:
        store, now = self.store, self.engine.clock()
        if store is None:
            return
        if _asks_for_stats(self.engine, user_id, event):
            due = await store.adue()
            self.engine.board = _figures(store, store.count(), due, now)
        elif self._board_stale():
            self.engine.board = Board(tuple(await store.afeedback_counts()), now)

    def _counted(self, outcome: Outcome | None) -> list[FeedbackCount]:
        """The votes to add to the store (after the profile holding the voter's mark is saved,
        so a crash between the two loses a vote rather than counting one twice)."""
        if outcome is None or not outcome.votes:
            return []
        self.engine.board = self.engine.board.plus(outcome.votes)
        return outcome.votes if self.store is not None else []

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
        before, repaired = _repaired(record, self.engine.kb.letters.reminders)
        material = None if before is None else _material(before)
        seen = None if before is None else before.last_seen.date()
        given = before or (self.engine.new_profile(user_id, language) if traces else None)
        outcome = self.engine.handle(given, event, user_id=user_id, language=language, owned=True)
        after = outcome.profile
        if repaired:
            log.warning("stored profile repaired: %s reset", ", ".join(repaired))  # names only
            lang = after.language if after else language
            outcome.replies.insert(0, Reply(t("errors.repaired", lang)))
        if after is None:
            return outcome, None
        if material is None:
            # e.g. /help from a stranger: nothing worth keeping
            fresh = self.engine.new_profile(user_id, after.language)
            keep = _material(after) != _material(fresh)
            return outcome, after.model_dump(mode="json") if keep else None
        if repaired:
            return outcome, after.model_dump(mode="json")  # so the user is told only once
        if _material(after) == material and after.last_seen.date() == seen:
            return outcome, record  # nothing new; last_seen is kept to the day
        return outcome, after.model_dump(mode="json")

    def _apply(
        self, user_id: int, event: Event, language: str, export: dict[str, Any] | None
    ) -> tuple[list[Outcome], Callable[[dict[str, Any] | None], dict[str, Any] | None]]:
        """The update function for the store, and where its outcome lands."""
        result: list[Outcome] = []

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            part = profile_part(record)
            outcome, new = self._step(user_id, event, language, part, export is not None)
            result.append(_with_damaged_copies(outcome, export))
            if new is part:
                return record  # unchanged, outbox and all
            return join(new, Outbox.of(record)) if record and OUTBOX in record else new

        return result, apply

    def handle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        if self.store is None:
            outcome, new = self._step(user_id, event, language, self._memory.get(user_id))
            self._counted(outcome)
            if new is None:
                self._memory.pop(user_id, None)
            else:
                self._memory[user_id] = new
            return outcome
        self._read_board(user_id, event)
        export = self.store.export(user_id) if _about_stored_data(event) else None
        result, apply = self._apply(user_id, event, language, export)
        self.store.update(user_id, apply)
        for votes in self._counted(result[0]):
            self.store.add_feedback(votes)
        if result[0].profile is None:  # /forget: also what no readable record points to
            self.store.delete(user_id)
        return self._told_if_set_aside(user_id, result[0], language)

    async def ahandle(self, user_id: int, event: Event, language: str = "en") -> Outcome:
        """As `handle`, with the engine and the disk write off the event loop."""
        if self.store is None:
            return self.handle(user_id, event, language)
        await self._aread_board(user_id, event)
        export = await self.store.aexport(user_id) if _about_stored_data(event) else None
        result, apply = self._apply(user_id, event, language, export)
        await self.store.aupdate(user_id, apply)
        await self._acount(result[0])
        if result[0].profile is None:
            await self.store.adelete(user_id)
        return self._told_if_set_aside(user_id, result[0], language)

    async def _acount(self, outcome: Outcome | None) -> None:
        """Add the turn's votes to the counters; a database gone away costs the vote, not the
        reply (the voter's mark is saved and the counters are a hint)."""
        assert self.store is not None
        for votes in self._counted(outcome):
            try:
                await self.store.aadd_feedback(votes)
            except StoreUnavailable:
                log.warning("a feedback vote was not counted: the store is unavailable")

    def _told_if_set_aside(self, user_id: int, outcome: Outcome, language: str) -> Outcome:
        """Tell the user once that their unreadable record was quarantined and they start again."""
        if self.store is not None and self.store.take_set_aside(user_id):
            lang = outcome.profile.language if outcome.profile else language
            outcome.replies.insert(0, Reply(t("errors.set_aside", lang)))
        return outcome

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
        await self._aread_board(user_id, event)
        export = await self.store.aexport(user_id) if _about_stored_data(event) else None
        result = Queued(None)
        apply = self.queueing(
            user_id, event, language, result, update_id=update_id, to=to, before=before,
            shape=shape, export=export,
        )  # fmt: skip
        await self.store.aupdate(user_id, apply)
        await self._acount(result.outcome)
        if result.outcome is not None and result.outcome.profile is None:
            await self.store.adelete(user_id)  # /forget: also what no readable record points to
        if self.store.take_set_aside(user_id):  # told once, at most: nothing to keep it for
            lang = (
                result.outcome.profile.language
                if result.outcome and result.outcome.profile
                else language
            )
            result.direct.insert(0, Reply(t("errors.set_aside", lang)))
        return result

    def queueing(
        self,
        user_id: int,
        event: Event,
        language: str,
        result: Queued,
        *,
        update_id: int | None,
        to: dict[str, Any],
        before: list[Reply] | None = None,
        shape: Callable[[list[Reply]], list[Reply]] = list,
        export: dict[str, Any] | None = None,
    ) -> Callable[[dict[str, Any] | None], dict[str, Any] | None]:
        """The store update that `aqueue` makes (`result` gets the outcome), for a caller that
        holds the record in a transaction of its own (the reminder job's claim)."""

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            box = Outbox.of(record)
            if box.seen(update_id):
                return record
            part = profile_part(record)
            outcome, profile = self._step(user_id, event, language, part, export is not None)
            outcome = _with_damaged_copies(outcome, export)
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

        return apply

    def profile(self, user_id: int) -> Profile | None:
        record = self.store.get(user_id) if self.store else self._memory.get(user_id)
        return load_profile(record)

    async def aprofile(self, user_id: int) -> Profile | None:
        if self.store is None:
            return self.profile(user_id)
        return load_profile(await self.store.aget(user_id))
