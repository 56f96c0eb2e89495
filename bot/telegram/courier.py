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

A reply whose sending fails with what is no Telegram error (a bug, an OS error nothing maps) is
kept too, but such a failure may repeat for ever: it is tried at most `MAX_ATTEMPTS` times, the
due round waiting longer after each failure (`retry_delay`), then dropped, logged once by type
and counted (`Courier.dropped`), and the user gets the error notice instead of silence.
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
from bot.outbox import FAILED, RETRY, Outbox, join, profile_part, unpack
from bot.replies import Reply
from bot.telegram.logging import user_ref, where
from bot.telegram.send import Delivery, deliver, send_text

log = logging.getLogger(__name__)

DELAY_NOTICE = timedelta(minutes=1)  # replies that waited longer start with an apology
# A reply failing with no Telegram error: tried this often, the first retry with the next due
# round, then 1, 2, 4 and 8 minutes apart — about a quarter of an hour in all, long enough for
# a passing fault, and the user's later replies (queued behind it) are not held up for longer.
MAX_ATTEMPTS = 6
RETRY_BASE = timedelta(minutes=1)


def retry_delay(failures: int) -> timedelta:
    """How long the due round leaves a reply alone after its `failures`-th failed attempt."""
    return timedelta(0) if failures <= 1 else RETRY_BASE * 2 ** (failures - 2)


def _target(entry: dict[str, Any], user_id: int) -> Delivery:
    to = entry.get("to")
    to = to if isinstance(to, dict) else {}
    chat, pressed = to.get("chat"), to.get("pressed")
    return Delivery(
        chat if isinstance(chat, int) else user_id,
        pressed=pressed if isinstance(pressed, int) else None,
    )


def _failures(entry: dict[str, Any]) -> int:
    """Failed attempts at the entry's first reply so far."""
    failed = entry.get(FAILED)
    return failed if isinstance(failed, int) and failed > 0 else 0


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
        self.dropped = 0  # replies given up after MAX_ATTEMPTS failed attempts, since start

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
                    # (not for a reply held back by its own failures: Telegram was there)
                    if not box.told and not _failures(entry) and _late(entry, self.clock()):
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
                except Exception as exc:  # a bug, an OS error nothing mapped: kept for a while
                    failures = _failures(entry) + 1
                    if failures < MAX_ATTEMPTS:
                        self._log_failed(user_id, exc, again=box.stuck)
                        await self._retry_later(user_id, entry["n"], failures, told=box.told)
                        return sent
                    sent += await self._drop(bot, user_id, entry, exc)
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
                    rest = {k: v for k, v in entry.items() if k not in (FAILED, RETRY)}
                    box.queue[i] = {**rest, "replies": replies, "to": to}
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

    async def _retry_later(self, user_id: int, n: int, failures: int, *, told: bool) -> None:
        """Note the failed attempt at entry `n`'s first reply, and when the due round may try
        it again (`Outbox.since` gives the due index that time)."""
        retry = self.clock() + retry_delay(failures)

        def apply(record: dict[str, Any] | None) -> dict[str, Any] | None:
            box = Outbox.of(record)
            for i, entry in enumerate(box.queue):
                if entry.get("n") == n:
                    box.queue[i] = {**entry, FAILED: failures, RETRY: retry.isoformat()}
            box.told, box.stuck = told, True
            return join(profile_part(record), box)

        await self.store.aupdate(user_id, apply, durable=False)

    async def _drop(self, bot: Bot, user_id: int, entry: dict[str, Any], exc: Exception) -> int:
        """Give up on a reply that failed `MAX_ATTEMPTS` times: logged once, by type and place
        only, and counted; the user is told something went wrong rather than left waiting.
        Returns the messages sent (the notice, if it went out)."""
        self.dropped += 1
        log.error(
            "a reply to %s dropped after %d failed attempts: %s in %s (%d dropped since start)",
            user_ref(user_id),
            MAX_ATTEMPTS,
            type(exc).__name__,
            where(exc),
            self.dropped,
        )
        notice = t("errors.internal", str(entry.get("lang") or "en"))
        try:
            await send_text(bot, _target(entry, user_id).chat_id, notice)
        except Exception as failed:  # a courtesy: the drop itself is logged above
            log.debug("the notice of a dropped reply failed too: %s", type(failed).__name__)
            return 0
        return 1

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
