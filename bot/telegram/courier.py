"""Sending what a user's outbox holds (bot/outbox.py): in order, once, and after any outage.

The engine's replies are written to the user's record with the profile change they belong to,
then sent by `flush`, one reply at a time, each removed from the record once Telegram took it;
the update is confirmed to Telegram only after that (intake.py). So a crash at any point leaves
a reply to be sent again at most once (killed between Telegram's answer and the removal), never
lost: the update comes back, is recognised, and the queue is flushed. A reply whose sending
Telegram may have taken (a timeout after the request went out) is not repeated.

A reply that cannot be sent because Telegram is unreachable stays queued and is marked for the
store's due index: the reminder job flushes every such queue each minute, however long the
outage lasts. When a reply waited longer than `DELAY_NOTICE`, the user is told once that the
answer comes late.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.error import NetworkError, TelegramError, TimedOut

from bot.conversation import Conversations
from bot.i18n import t
from bot.locks import UserLocks
from bot.outbox import Outbox, join, profile_part, unpack
from bot.replies import Reply
from bot.telegram.logging import user_ref, where
from bot.telegram.send import Delivery, deliver, send_text

log = logging.getLogger(__name__)

DELAY_NOTICE = timedelta(minutes=1)  # replies that waited longer start with an apology


def _target(entry: dict[str, Any], user_id: int) -> Delivery:
    to = entry.get("to")
    to = to if isinstance(to, dict) else {}
    chat, pressed = to.get("chat"), to.get("pressed")
    return Delivery(
        chat if isinstance(chat, int) else user_id,
        pressed=pressed if isinstance(pressed, int) else None,
    )


def _late(entry: dict[str, Any], now: datetime) -> bool:
    try:
        return now - datetime.fromisoformat(str(entry["at"])) > DELAY_NOTICE
    except (KeyError, ValueError, TypeError):
        return False


class Courier:
    """Flushes users' outboxes, one flush per user at a time."""

    def __init__(self, conversations: Conversations, clock: Callable[[], datetime]) -> None:
        self.conversations = conversations
        self.clock = clock
        self.sending = UserLocks()

    @property
    def store(self) -> Any:
        assert self.conversations.store is not None
        return self.conversations.store

    @asynccontextmanager
    async def turn(self, user_id: int) -> AsyncIterator[None]:
        """Hold the user's sending turn (e.g. to send a notice after what is queued)."""
        async with self.sending.hold(user_id):
            yield

    async def flush(self, bot: Bot, user_id: int) -> int:
        """Send the user's queued replies in order; returns how many messages went out."""
        sent = 0
        async with self.sending.hold(user_id):
            while True:
                box = Outbox.of(await self.store.aget(user_id))
                if not box.queue:
                    return sent
                entry = box.queue[0]
                replies = entry.get("replies") or []
                if not replies:
                    await self._confirm(user_id, entry["n"], told=box.told)
                    continue
                try:
                    if not box.told and _late(entry, self.clock()):
                        notice = t("errors.delayed", str(entry.get("lang") or "en"))
                        await send_text(bot, _target(entry, user_id).chat_id, notice)
                        box.told = True
                        sent += 1
                    sent += await deliver(bot, _target(entry, user_id), [unpack(replies[0])])
                except TimedOut as exc:
                    # the request went out and no answer came in time: Telegram may have
                    # taken it, and sending it again could say it twice
                    self._log_maybe(user_id, exc)
                except NetworkError as exc:  # not sent, or a 5xx: Telegram did not take it
                    self._log_kept(user_id, exc)
                    await self._confirm(user_id, None, told=box.told, stuck=True)
                    return sent
                except (TelegramError, ValueError, KeyError, TypeError) as exc:  # refused for good
                    log.error(
                        "a reply to %s was refused: %s in %s",
                        user_ref(user_id),
                        type(exc).__name__,
                        where(exc),
                    )
                except Exception as exc:  # a bug, an OS error nothing mapped: kept, as in an outage
                    self._log_failed(user_id, exc, again=box.stuck)
                    await self._confirm(user_id, None, told=box.told, stuck=True)
                    return sent
                await self._confirm(user_id, entry["n"], told=box.told)

    async def _confirm(
        self, user_id: int, n: int | None, *, told: bool, stuck: bool = False
    ) -> None:
        """Remove the first reply of entry `n` (the one just sent); remember `told`, and
        `stuck` (the due index then finds the queue for the reminder job's next round)."""

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            box = Outbox.of(record)
            for i, entry in enumerate(box.queue):
                if entry.get("n") != n:
                    continue
                done, *replies = list(entry.get("replies") or [{}])
                if replies:
                    to = dict(entry.get("to") or {})
                    if done.get("edit"):  # only one reply edits the pressed message
                        to.pop("pressed", None)
                    box.queue[i] = {**entry, "replies": replies, "to": to}
                else:
                    del box.queue[i]
                break
            box.told = told
            box.stuck = box.stuck or stuck
            return join(profile_part(record), box)

        # Not fsynced (the update's own write was): killed after it, the kernel still has it;
        # lost only to a power cut, when the reply goes out once more. That saves the second
        # fsync of every update.
        # Measured (tests/telegram/test_crashes.py, 6 kills x 30 users, times of each repeated
        # message's first copy against the kill): every repeat was a message in flight, its
        # request reaching Telegram 0.7-26 ms before the SIGKILL or just after it; ~5-8 per
        # kill because that many users are answered at once. Writing this mark on the event
        # loop instead of the store's threads changed nothing measurable (28/58 -> 40/46 of
        # 150, within run-to-run spread), so it stays here. Telegram has no idempotency key:
        # a message in flight at a kill cannot be known sent, and goes out once more.
        await self.store.aupdate(user_id, apply, durable=False)

    async def send_now(
        self, bot: Bot, user_id: int, target: Delivery, replies: list[Reply]
    ) -> None:
        """Send replies that were not queued (nothing is stored about the user); should Telegram
        be unreachable, they are queued after all, to be sent when it is back."""
        try:
            await deliver(bot, target, replies)
        except TimedOut as exc:
            self._log_maybe(user_id, exc)
        except NetworkError as exc:
            self._log_kept(user_id, exc)

            def keep(record: dict[str, Any] | None) -> dict[str, Any] | None:
                box = Outbox.of(record)
                box.add(self.clock(), "en", {"chat": target.chat_id}, replies)
                box.stuck = True
                return join(profile_part(record), box)

            await self.store.aupdate(user_id, keep)

    @staticmethod
    def _log_maybe(user_id: int, exc: Exception) -> None:
        log.warning(
            "a reply to %s may not have arrived (%s); not sent again",
            user_ref(user_id),
            type(exc).__name__,
        )

    @staticmethod
    def _log_failed(user_id: int, exc: Exception, *, again: bool) -> None:
        """Once per stuck queue (the retries each minute are quiet), by type and place only."""
        log.log(
            logging.DEBUG if again else logging.ERROR,
            "a reply to %s failed to send, kept to try again: %s in %s",
            user_ref(user_id),
            type(exc).__name__,
            where(exc),
        )

    @staticmethod
    def _log_kept(user_id: int, exc: Exception) -> None:
        log.warning(
            "replies to %s kept for later: Telegram unreachable (%s)",
            user_ref(user_id),
            type(exc).__name__,
        )
