"""What goes into the engine (events) and what comes out (an outcome), free of any transport."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from bot.matching import Match
from bot.profile import Profile
from bot.replies import Reply
from bot.store.base import FeedbackCount
from bot.vocabulary import Account, Goal, Platform, Region

MAX_TEXT = 4000  # characters of a message that are read at all


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Command:
    name: str
    arg: str = ""


@dataclass(frozen=True)
class Press:
    """A button press; `data` is untrusted (it comes back from the client)."""

    data: str


@dataclass(frozen=True)
class Due:
    """A stored reminder's time has come (sent by the front-end's scheduler)."""

    reminder_id: str


Event = Text | Command | Press | Due


class Kind(StrEnum):
    """What kind of reply a turn gave, so adapters and the benchmarks need not read its text."""

    answer = "answer"  # a question answered from the cards
    ask_country = "ask_country"  # an onboarding (or settings) question asked
    ask_subdivision = "ask_subdivision"
    ask_platforms = "ask_platforms"
    ask_account = "ask_account"
    smalltalk = "smalltalk"  # hello, thanks, ok, an emoji
    profile_changed = "profile_changed"  # a detail saved (in words, a button or onboarding)
    other_account = "other_account"  # someone else's account: settings are per account
    out_of_scope = "out_of_scope"
    didyoumean = "didyoumean"  # unsure: the likeliest goals offered
    other = "other"  # commands, buttons, reminders, letters …


@dataclass(frozen=True)
class Answered:
    """The goal and slots an answer was given for (never the text that asked it)."""

    goal: Goal
    platform: Platform | None
    country: str | None
    region: Region | None
    account: Account | None


@dataclass
class Outcome:
    replies: list[Reply]
    profile: Profile | None  # None: everything about the user is to be deleted
    notice: str | None = None  # a short toast for a button press
    match: Match | None = None  # how a text was understood (for `ask --json`)
    kind: Kind = Kind.other
    answered: Answered | None = None  # the last answer given in this turn
    # why the conversation's step moved in this turn (bot.dialogue.machine.Trigger values):
    # "chatted" or "corrected" at an onboarding step also asks the step again, so `kind` is its
    # ask_* while the reply greets or confirms the change first
    moved: tuple[str, ...] = ()
    # anonymous votes on a settings path, for the store's counters once the profile is saved
    votes: list[FeedbackCount] = field(default_factory=list)

    @property
    def chatted(self) -> bool:
        """Small talk was answered."""
        return "chatted" in self.moved
