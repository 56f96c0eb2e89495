"""What the bot remembers about a user — and nothing more: never the text of a message.

A question asked before onboarding finished is remembered as its goal and platform only.
"""

from __future__ import annotations

import copy
from collections.abc import Collection
from datetime import UTC, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.vocabulary import DEFAULT_LANGUAGE, Account, Goal, Platform, Region

if TYPE_CHECKING:
    from bot.places.place import Place

SCHEMA_VERSION = 4
CONTEXT_MINUTES = 120


class Step(StrEnum):
    """Where the conversation is. Onboarding steps ask; `ready` answers questions."""

    new = "new"
    country = "country"
    subdivision = "subdivision"  # a US state (the law differs) or a German state (authority)
    platforms = "platforms"
    account = "account"
    ready = "ready"


class PendingQuestion(BaseModel):
    """A question to answer as soon as the missing profile data is known: its goal and
    platform, never its text."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["question"] = "question"
    goal: Goal
    platform: Platform | None = None


class PendingAction(BaseModel):
    """An action (`checklist`, `letter:complaint`) to carry out once the missing data is known."""

    model_config = ConfigDict(extra="ignore")

    kind: Literal["action"] = "action"
    action: str


Pending = Annotated[PendingQuestion | PendingAction, Field(discriminator="kind")]


class LastAnswer(BaseModel):
    """The goal and slots last answered, so "and on facebook?" can re-answer it — never the
    text. Kept CONTEXT_MINUTES (two hours: a follow-up comes within the same sitting; a day
    later "and whatsapp?" is more likely a new start than a follow-up)."""

    model_config = ConfigDict(extra="ignore")

    goal: Goal
    platform: Platform | None = None
    place: str | None = None  # the place code answered for when not the stored one ("GB")
    account: Account | None = None
    at: datetime

    @property
    def apps(self) -> list[Platform]:
        """The app the answer was for, as the list an answer is given for (none: every app)."""
        return [self.platform] if self.platform else []


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
    # The user picked the language (/language): never switched by the language of their texts.
    language_chosen: bool = False
    country: str | None = None  # ISO 3166-1 alpha-2
    subdivision: str | None = None  # ISO 3166-2 where it matters (US state, German state)
    region: Region | None = None
    platforms: list[Platform] = Field(default_factory=list)
    account: Account | None = None
    # Where the conversation is; changed only by bot/dialogue/machine.py (its transition table).
    step: Step = Step.new
    # "settings": the current step was asked of an onboarded user (from /settings, or because a
    # question needed it); once answered the bot confirms the settings instead of onboarding on.
    return_to: Literal["settings"] | None = None
    pending: Pending | None = None
    awaiting: Literal["forget"] | None = None  # a yes/no question the bot asked
    last: LastAnswer | None = None  # conversation context (bot/dialogue/context.py)
    checklist: dict[str, Literal["done", "skipped"]] = Field(default_factory=dict)
    reminders: list[Reminder] = Field(default_factory=list)
    # "<card id>:<platform>" → the vote given on its settings path (bot/feedback.py): only so
    # that a second press says "counted already"; the counters themselves name no one.
    feedback: dict[str, Literal["worked", "different"]] = Field(default_factory=dict)
    created: datetime = Field(default_factory=utcnow)
    last_seen: datetime = Field(default_factory=utcnow)

    @property
    def onboarded(self) -> bool:
        return self.step == Step.ready

    def live_in(self, place: Place) -> None:
        """Where the user lives now: the country, the state where the law differs, the region."""
        self.country, self.subdivision, self.region = place.country, place.subdivision, place.region

    def next_due(self) -> datetime | None:
        due = [r.due for r in self.reminders if r.state == "scheduled"]
        return min(due) if due else None


def upgrade(record: dict[str, Any]) -> dict[str, Any]:
    """Bring a stored record up to SCHEMA_VERSION.

    Version 1 (the console-only profile of the first release) had no language, checklist,
    reminders or dates, and kept platforms as a comma-separated string. Version 2 said
    `resume: "ready"` for what is now `return_to: "settings"`, and kept a pending question or
    action in one record with optional `goal`, `platform` and `action`. Version 4 added
    `last` (conversation context), empty by default.
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
    if version < 3:
        record["return_to"] = "settings" if record.pop("resume", None) == Step.ready else None
        record["pending"] = _pending_v3(record.get("pending"))
        record["schema_version"] = 3
    if version < 4:
        record["last"] = None
        record["schema_version"] = 4
    return record


def _pending_v3(old: object) -> dict[str, Any] | None:
    if not isinstance(old, dict):
        return None
    if old.get("action"):
        return {"kind": "action", "action": old["action"]}
    if old.get("goal"):
        return {"kind": "question", "goal": old["goal"], "platform": old.get("platform")}
    return None


_LIST_FIELDS = ("reminders", "platforms")  # a bad item is dropped, the rest kept
_DICT_FIELDS = ("checklist", "feedback")
_MAX_REPAIRS = 50  # each round removes at least one value, so a record converges long before


def repair(
    record: dict[str, Any],
    *,
    languages: Collection[str] = (),
    reminder_kinds: Collection[str] = (),
) -> tuple[Profile, list[str]]:
    """A stored record as a Profile, with what does not validate repaired field by field.

    A bad list item or checklist entry is dropped, any other bad field is reset to its default;
    a `language` not in `languages` and a reminder whose kind is not in `reminder_kinds` (when
    given) likewise. Returns the profile and the names of the fields repaired. Raises
    ValueError when the record is beyond repair (the store then quarantines it).
    """
    try:
        fixed = upgrade(record)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"stored profile cannot be upgraded: {type(exc).__name__}") from None
    repaired: list[str] = []
    for _ in range(_MAX_REPAIRS):
        try:
            profile = Profile.model_validate(fixed)
            break
        except ValidationError as exc:
            if not repaired:  # repair a copy: the caller's record may be the store's
                fixed = copy.deepcopy(fixed)
            # one target per bad item; the last items first, so earlier indexes stay valid
            targets = {_target(e["loc"]) for e in exc.errors()}
            for loc in sorted(targets, key=lambda t: (str(t[0]), -_index(t))):
                _drop(fixed, loc)
                repaired.append(str(loc[0]))
    else:
        raise ValueError("stored profile beyond repair")
    if languages and profile.language not in languages:
        profile.language = DEFAULT_LANGUAGE
        repaired.append("language")
    if reminder_kinds:
        known = [r for r in profile.reminders if r.kind in reminder_kinds]
        if len(known) != len(profile.reminders):
            profile.reminders = known
            repaired.append("reminders")
    return profile, sorted(set(repaired))


def _target(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """What to remove for an error at ``loc``: an item of a list or dict field, or the field."""
    if not loc:
        raise ValueError("stored profile is not an object")
    return loc[:2] if loc[0] in _LIST_FIELDS + _DICT_FIELDS and len(loc) > 1 else loc[:1]


def _index(target: tuple[int | str, ...]) -> int:
    return target[1] if len(target) > 1 and isinstance(target[1], int) else 0


def _drop(record: dict[str, Any], loc: tuple[int | str, ...]) -> None:
    field, index = str(loc[0]), loc[1] if len(loc) > 1 else None
    value = record.get(field)
    if isinstance(value, list) and isinstance(index, int) and index < len(value):
        del value[index]
    elif isinstance(value, dict) and index is not None and str(index) in value:
        del value[str(index)]
    else:
        record.pop(field, None)
