"""What goes into the engine (events) and what comes out (an outcome), free of any transport."""

from __future__ import annotations

from dataclasses import dataclass

from bot.matching import Match
from bot.profile import Profile
from bot.replies import Reply

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


@dataclass
class Outcome:
    replies: list[Reply]
    profile: Profile | None  # None: everything about the user is to be deleted
    notice: str | None = None  # a short toast for a button press
    match: Match | None = None  # how a text was understood (for `ask --json`)
