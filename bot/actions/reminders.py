"""Reminders: when they fall due, and keeping the stored list short."""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta

from bot.knowledge import KnowledgeBase
from bot.profile import Profile, Reminder

KEEP_FINISHED = timedelta(days=180)  # answered or cancelled reminders are dropped after this
MAX_REMINDERS = 20


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def due_at(kb: KnowledgeBase, kind: str, now: datetime) -> datetime:
    rule = kb.letters.reminders[kind]
    return add_months(now, rule.months) + timedelta(days=rule.days)


def schedule(
    kb: KnowledgeBase,
    profile: Profile,
    kind: str,
    now: datetime,
    data: dict[str, str] | None = None,
) -> Reminder:
    """Add a reminder of `kind`; an earlier scheduled one of the same kind is replaced."""
    keep = []
    for r in profile.reminders:
        if r.kind == kind and r.state == "scheduled":
            continue
        if r.state != "scheduled" and now - r.created > KEEP_FINISHED:
            continue
        keep.append(r)
    number = max((int(r.id) for r in profile.reminders if r.id.isdigit()), default=0) + 1
    reminder = Reminder(
        id=str(number), kind=kind, due=due_at(kb, kind, now), created=now, data=data or {}
    )
    profile.reminders = [*keep[-(MAX_REMINDERS - 1) :], reminder]
    return reminder


def find(profile: Profile, reminder_id: str) -> Reminder | None:
    return next((r for r in profile.reminders if r.id == reminder_id), None)


def scheduled(profile: Profile) -> list[Reminder]:
    return sorted((r for r in profile.reminders if r.state == "scheduled"), key=lambda r: r.due)
