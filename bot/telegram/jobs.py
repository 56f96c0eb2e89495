"""Scheduled work: reminders that fell due, and the retention purge.

JobQueue jobs are not persisted, and they need not be: reminders live in the store, whose index
knows every user's next due time — and, as due now, every user with replies not yet sent (see
courier.py). One job reads that index at start (so a reminder that fell due, or a reply that was
left unsent, while the bot was down goes out at once) and every minute after; another deletes the
profiles of users inactive for longer than the retention period, once a day.

A reminder is sent exactly once as the user sees it: marking it sent and queueing its message
are one write (claim), the message is sent (send), and only then removed from the queue
(record). Killed before the write, the reminder is still due; after it, the message is still
queued; between Telegram's answer and the removal, it goes out once more — never lost.

With several workers on PostgreSQL every worker runs both jobs: due users are claimed with
`FOR UPDATE SKIP LOCKED` and their reminders marked sent and queued in the claiming transaction
(each reminder goes to one worker), one worker at a time sends a user's queue, and the purge runs
only where PostgreSQL's advisory lock is free (bot/store/postgres.py).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from telegram import Bot
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from bot import feedback
from bot.conversation import Queued, last_seen_of, load_profile
from bot.dialogue import Due
from bot.telegram.aliases import AnyApplication
from bot.telegram.handlers import Services
from bot.telegram.logging import user_ref, where
from bot.telegram.send import coalesce

log = logging.getLogger(__name__)

REMINDERS = "reminders"
RETENTION = "retention"
REMINDER_INTERVAL = 60  # seconds
RETENTION_INTERVAL = 24 * 3600
RETENTION_FIRST = 300  # a bot restarted more often than daily still purges


async def send_due_reminders(services: Services, bot: Bot) -> int:
    """Send every reminder due now, and every reply left unsent; returns how many messages
    went out.

    Each user's reminders are queued under the same per-user lock as their updates, and sent
    after whatever is queued already, so a reminder never lands in the middle of the replies to
    something they just sent.
    """
    now = services.clock()
    claim = getattr(services.store, "aclaim_due", None)
    if claim is not None:  # PostgreSQL: several workers may run this job at once
        return await _claimed_reminders(services, bot, claim, now)
    sent = 0
    due = await services.store.adue(now)
    for user_id, _ in due:
        try:
            async with services.locks.hold(user_id):
                profile = await services.conversations.aprofile(user_id)
                ids = services.engine.due_ids(profile, now) if profile else []
                language = profile.language if profile else "en"
                for reminder_id in ids:
                    await services.conversations.aqueue(
                        user_id,
                        Due(reminder_id),
                        language,
                        update_id=None,
                        to={"chat": user_id},
                        shape=coalesce,
                    )
        except (TelegramError, OSError, ValueError) as exc:
            _failed(user_id, exc)
            continue
        sent += await _flush(services, bot, user_id)
    return _done(sent, len(due))


async def _claimed_reminders(
    services: Services, bot: Bot, claim: Callable[..., Awaitable[list[int]]], now: datetime
) -> int:
    """Due reminders taken with the store's claim (bot/store/postgres.py ``claim_due``): marked
    sent and queued in the transaction that took them, so each goes to one worker; then the
    queues are sent, one worker at a time per user (the courier's sending turns)."""

    def remind(user_id: int, record: dict[str, Any]) -> dict[str, Any]:
        profile = load_profile(record)
        for reminder_id in services.engine.due_ids(profile, now) if profile else []:
            assert profile is not None
            step = services.conversations.queueing(
                user_id,
                Due(reminder_id),
                profile.language,
                Queued(None),
                update_id=None,
                to={"chat": user_id},
                shape=coalesce,
            )
            record = step(record) or record
        return record

    sent = 0
    taken: list[int] = []
    while True:
        batch = await claim(now, remind, taken)
        if not batch:
            break
        taken += batch
        for user_id in batch:
            sent += await _flush(services, bot, user_id)
    return _done(sent, len(taken))


async def _flush(services: Services, bot: Bot, user_id: int) -> int:
    """Send a user's queued replies; a failure is logged and left for the next round."""
    try:
        return await services.courier.flush(bot, user_id)
    except (TelegramError, OSError, ValueError) as exc:
        _failed(user_id, exc)
        return 0


def _failed(user_id: int, exc: BaseException) -> None:
    log.error("reminder for %s failed: %s in %s", user_ref(user_id), type(exc).__name__, where(exc))


def _done(sent: int, due: int) -> int:
    if sent:
        log.info("reminders: %d message(s) sent", sent)
    log.debug("due check done: %d user(s) due", due)
    return sent


async def purge_inactive(services: Services) -> int:
    """Delete users not seen for OPTOUT_RETENTION_DAYS (returns how many), and the feedback
    counters of weeks no notice reads any more (kept forever, they would only grow)."""
    now = services.clock()
    cutoff = now - timedelta(days=services.settings.optout_retention_days)
    purged = await services.store.apurge_inactive(cutoff, last_seen_of)
    await services.store.aprune_feedback(feedback.oldest_week(now))
    return purged


def schedule(app: AnyApplication, services: Services) -> None:
    """Add both jobs to the application's JobQueue (they start with the application)."""
    queue = app.job_queue
    if queue is None:  # pragma: no cover - the job-queue extra is a dependency
        raise RuntimeError("python-telegram-bot[job-queue] is needed for reminders")

    async def reminders(context: ContextTypes.DEFAULT_TYPE) -> None:
        await send_due_reminders(services, context.bot)

    async def retention(context: ContextTypes.DEFAULT_TYPE) -> None:
        await purge_inactive(services)

    # A repeating job added before the scheduler starts skips a first run that is already in
    # the past by the time it starts; a one-off without a misfire limit always runs.
    queue.run_once(reminders, when=0, name=REMINDERS, job_kwargs={"misfire_grace_time": None})
    queue.run_repeating(
        reminders, interval=REMINDER_INTERVAL, first=REMINDER_INTERVAL, name=REMINDERS
    )
    queue.run_repeating(
        retention, interval=RETENTION_INTERVAL, first=RETENTION_FIRST, name=RETENTION
    )
