"""Reminders: when they fall due, and keeping the stored list short.

A reminder with a `deadline` (letters.yaml) falls due when the user's jurisdiction's legal
deadline for that request ends; where the table knows none that covers the request, after the
rule's documented default (and the reminder says no legal deadline is known).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.knowledge import KnowledgeBase
from bot.knowledge.jurisdictions import Deadline
from bot.knowledge.templates import citation, locate, period
from bot.knowledge.templates import legal_deadline as deadline_in
from bot.profile import Profile, Reminder

KEEP_FINISHED = timedelta(days=180)  # answered or cancelled reminders are dropped after this
MAX_REMINDERS = 20


def add_months(moment: datetime, months: int) -> datetime:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    month0 = moment.month - 1 + months
    year, month = moment.year + month0 // 12, month0 % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def add_business_days(moment: datetime, days: int) -> datetime:
    """`days` weekdays later (public holidays differ by place and are not counted out)."""
    while days > 0:
        moment += timedelta(days=1)
        days -= moment.weekday() < 5
    return moment


@dataclass(frozen=True)
class LegalDeadline:
    deadline: Deadline
    law: str  # the law's label, e.g. "UK GDPR"

    def ends(self, start: datetime) -> datetime:
        d = self.deadline
        if d.unit == "month":
            return add_months(start, d.days)
        if d.unit == "business":
            return add_business_days(start, d.days)
        return start + timedelta(days=d.days)

    def values(self, language: str) -> dict[str, str]:
        """What a reminder message names: the period, its article and law."""
        return {
            "period": period(self.deadline, language),
            "article": citation(self.deadline.article),
            "law": self.law,
        }


def legal_deadline(kb: KnowledgeBase, profile: Profile, kind: str) -> LegalDeadline | None:
    """The user's legal deadline for the request a reminder of `kind` follows, if known."""
    rule = kb.letters.reminders.get(kind)
    found = locate(kb.jurisdictions, profile.country, profile.subdivision)
    if rule is None or rule.deadline is None or found is None:
        return None
    deadline = deadline_in(found[1], kb.letters.deadlines.get(rule.deadline))
    if deadline is None:
        return None
    law = kb.jurisdictions.laws.get(deadline.law or "")
    return LegalDeadline(deadline, law.label if law else "")


def due_at(kb: KnowledgeBase, profile: Profile, kind: str, now: datetime) -> datetime:
    legal = legal_deadline(kb, profile, kind)
    if legal is not None:
        return legal.ends(now)
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
    due = due_at(kb, profile, kind, now)
    reminder = Reminder(id=str(number), kind=kind, due=due, created=now, data=data or {})
    profile.reminders = [*keep[-(MAX_REMINDERS - 1) :], reminder]
    return reminder


def find(profile: Profile, reminder_id: str) -> Reminder | None:
    return next((r for r in profile.reminders if r.id == reminder_id), None)


def scheduled(profile: Profile) -> list[Reminder]:
    return sorted((r for r in profile.reminders if r.state == "scheduled"), key=lambda r: r.due)
