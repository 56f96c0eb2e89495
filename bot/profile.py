"""What the bot remembers about a user — and nothing more: never the text of a message.

A question asked before onboarding finished is remembered as its goal and platform only.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.vocabulary import DEFAULT_LANGUAGE, Account, Goal, Platform, Region

SCHEMA_VERSION = 2


class Step(StrEnum):
    """Where the conversation is. Onboarding steps ask; `ready` answers questions."""

    new = "new"
    country = "country"
    subdivision = "subdivision"  # a US state (the law differs) or a German state (authority)
    platforms = "platforms"
    account = "account"
    ready = "ready"


class Pending(BaseModel):
    """A question (its goal, never its text) or an action (`checklist`, `letter:complaint`)
    to carry out as soon as the missing profile data is known."""

    model_config = ConfigDict(extra="ignore")

    goal: Goal | None = None
    platform: Platform | None = None
    action: str | None = None


class Reminder(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    kind: str
    due: datetime
    created: datetime
    state: Literal["scheduled", "sent", "answered", "cancelled"] = "scheduled"
    data: dict[str, str] = Field(default_factory=dict)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Profile(BaseModel):
    model_config = ConfigDict(extra="ignore", validate_assignment=True)

    schema_version: int = SCHEMA_VERSION
    user_id: int | None = None
    language: str = DEFAULT_LANGUAGE
    country: str | None = None  # ISO 3166-1 alpha-2
    subdivision: str | None = None  # ISO 3166-2 where it matters (US state, German state)
    region: Region | None = None
    platforms: list[Platform] = Field(default_factory=list)
    account: Account | None = None
    step: Step = Step.new
    # The next step once the current sub-question (e.g. a German state) is answered.
    resume: Step | None = None
    pending: Pending | None = None
    awaiting: Literal["forget"] | None = None  # a yes/no question the bot asked
    checklist: dict[str, Literal["done", "skipped"]] = Field(default_factory=dict)
    reminders: list[Reminder] = Field(default_factory=list)
    created: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)

    @property
    def onboarded(self) -> bool:
        return self.step == Step.ready

    def next_due(self) -> datetime | None:
        due = [r.due for r in self.reminders if r.state == "scheduled"]
        return min(due) if due else None


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored record up to SCHEMA_VERSION.

    Version 1 (the console-only profile of the first release) had no language, checklist,
    reminders or dates, and kept platforms as a comma-separated string.
    """
    record = dict(record)
    version = int(record.get("schema_version", 1))
    if version < 2:
        platforms = record.get("platforms") or []
        if isinstance(platforms, str):
            platforms = [p.strip() for p in platforms.split(",") if p.strip()]
        record["platforms"] = [p for p in platforms if p in Platform.__members__]
        record.setdefault("language", DEFAULT_LANGUAGE)
        record.setdefault("checklist", {})
        record.setdefault("reminders", [])
        seen = record.pop("updated", None)
        if seen:
            record.setdefault("created", seen)
            record.setdefault("last_seen", seen)
        record["schema_version"] = 2
    return record
