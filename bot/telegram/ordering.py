"""Concurrent processing that keeps each user's updates in order, and a per-user flood limit.

Processing one update at a time wastes the time spent waiting for the disk and for Telegram; but
a user's second message must not overtake their first. So different users run concurrently and
each user's updates queue behind a lock of their own. The lock is taken *before* a processing
slot, so a user with many queued updates holds at most one slot and never slows anyone else.
Only updates that may change what is stored about the user queue so: inline queries and group
messages do not, and group messages take no slot either (see do_process_update).

The flood limit counts updates when they arrive, not when they are processed: a user who sends
more than `limit` in `window` seconds gets one cooldown notice, and what they send during the
cooldown is dropped at once (button presses are still answered, as Telegram expects).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from enum import Enum
from typing import Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.locks import UserLocks

UNBOUNDED = 1_000_000  # PTB's own semaphore: waiting happens in our locks instead


class Verdict(Enum):
    ok = "ok"
    first_block = "first_block"  # tell the user to slow down
    block = "block"  # already told: drop quietly


class FloodGate:
    """At most `limit` updates per user in any `window` seconds (sliding window)."""

    def __init__(
        self, limit: int = 20, window: float = 10.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._told: set[int] = set()
        self._next_sweep = 0.0

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        self._sweep(now)
        times = self._seen.setdefault(user_id, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        if len(times) < self.limit:
            times.append(now)
            self._told.discard(user_id)
            return Verdict.ok
        if user_id in self._told:
            return Verdict.block
        self._told.add(user_id)
        return Verdict.first_block

    def _sweep(self, now: float) -> None:
        """Forget users quiet for a whole window, so memory stays bounded."""
        if now < self._next_sweep:
            return
        self._next_sweep = now + self.window
        for user_id in [u for u, t in self._seen.items() if not t or t[-1] <= now - self.window]:
            del self._seen[user_id]
            self._told.discard(user_id)


def user_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_user is not None:
        return update.effective_user.id
    chat = update.effective_chat  # a private message without `from`: the chat is the user
    return chat.id if chat is not None and chat.type == chat.PRIVATE else None


def stateful(update: Update) -> bool:
    """Private messages and button presses may change what is stored about the user, so they
    run in order. Inline queries and group messages only read: they never wait behind the
    user's other updates (an inline answer is dropped by Telegram after about 10 s, and a group
    reply may be held back for a minute by the group send limit)."""
    if update.callback_query is not None:
        return True
    chat = update.effective_chat
    return update.message is not None and chat is not None and chat.type == chat.PRIVATE


def _floodable(update: Update) -> bool:
    """Messages and button presses count; inline queries are cheap and sent while typing."""
    return update.message is not None or update.callback_query is not None


OnFlood = Callable[[Update, bool], Awaitable[None]]


class UserOrderedProcessor(BaseUpdateProcessor):
    """Up to `slots` updates at once, each user's strictly in arrival order."""

    def __init__(
        self,
        slots: int = 64,
        locks: UserLocks | None = None,
        flood: FloodGate | None = None,
        on_flood: OnFlood | None = None,
    ) -> None:
        super().__init__(UNBOUNDED)
        self.slots = slots
        self.locks = locks or UserLocks()
        self.flood = flood
        self.on_flood = on_flood
        self._semaphore_slots: asyncio.Semaphore | None = None

    async def initialize(self) -> None:
        self._semaphore_slots = asyncio.Semaphore(self.slots)

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        if self._semaphore_slots is None:
            self._semaphore_slots = asyncio.Semaphore(self.slots)
        user_id = user_of(update)
        if user_id is None:
            async with self._semaphore_slots:
                await coroutine
            return
        if self.flood is not None and isinstance(update, Update) and _floodable(update):
            verdict = self.flood.check(user_id)
            if verdict is not Verdict.ok:
                if asyncio.iscoroutine(coroutine):
                    coroutine.close()  # never started: the update is dropped
                if self.on_flood is not None:
                    notice = self.on_flood(update, verdict is Verdict.first_block)
                    if verdict is Verdict.first_block:
                        async with self.locks.hold(user_id):  # after the replies already due
                            await notice
                    else:
                        await notice
                return
        if isinstance(update, Update) and not stateful(update):
            if update.inline_query is not None:
                async with self._semaphore_slots:
                    await coroutine
            else:  # a group message: its reply may wait a minute for the group's send limit,
                await coroutine  # and must not hold a slot meanwhile (nor starve private chats)
            return
        async with self.locks.hold(user_id), self._semaphore_slots:
            await coroutine
