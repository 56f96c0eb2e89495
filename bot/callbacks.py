"""Button data: one typed definition per kind, which packs and parses itself.

Telegram hands button data back verbatim, at most 64 bytes, from any message the user still
has — so it is untrusted: `parse` turns anything unknown, forged or malformed into `STALE`,
and the conversation answers that politely. Each kind declares the widest value of each of its
fields; `Kind` refuses at import time a kind whose longest packing could exceed 64 bytes.

The wire format is the one the bot has always sent (`c:DE`, `g:stop_training:instagram`,
`r:3:a` …), so buttons in messages sent before this module existed keep working.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Literal, Self, cast, get_args

from bot.vocabulary import Account, Goal, Platform

LIMIT = 64  # bytes: Telegram's limit for callback_data
CARD_ID_WIDTH = 50  # the widest card id a button may carry (the longest today: 44; a vote
# on a card's path, `v:n:instagram:<card>`, leaves 50 of the 64 bytes for it)
ID_WIDTH = 40  # the widest letter id or reminder offer a button may carry
CHECKLIST_ID_WIDTH = 12  # checklist ids are [a-z0-9]{1,12} (models.ChecklistItem)
REMINDER_ID_WIDTH = 10  # reminder ids are small decimal numbers (reminders.schedule)
LANGUAGE_WIDTH = 2  # ISO 639-1 codes, as the catalogues are named
SETTINGS = ("country", "platforms", "account")
ChecklistMark = Literal["d", "s", "u"]  # done, skipped, undo
ReminderAnswer = Literal["a", "d", "w", "l", "c"]  # accepted, declined, waiting, later, cancel
DetailPart = Literal["c", "s"]  # an answer's caveats and limits, its sources
DETAIL_LEFT = "uo"  # what a first message may leave for its caveats: summary, older path names
PLACE_WIDTH = 6  # place codes: "DE", "US-CA", "GB-SCT"
# The widest card id a details button may carry: what its other fields leave of the 64 bytes.
DETAILS_CARD_WIDTH = LIMIT - len(f"m:c{DETAIL_LEFT}::ffff:") - PLACE_WIDTH


def _widest(values: Iterable[str]) -> int:
    return max(len(str(v).encode()) for v in values)


def _is_id(value: str, width: int) -> bool:
    return 0 < len(value.encode()) <= width and value.isascii() and value.isprintable()


class Kind:
    """A kind of button data: `prefix:field:field`, each field at most `widths[i]` bytes."""

    prefix: ClassVar[str]
    longest: ClassVar[int]  # bytes of the longest value this kind can pack to

    def __init_subclass__(cls, prefix: str, widths: tuple[int, ...], **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        longest = len(prefix) + 1 + sum(widths) + max(len(widths) - 1, 0)
        if longest > LIMIT:
            raise ValueError(
                f"button data {prefix}: may be {longest} bytes, Telegram allows {LIMIT}"
            )
        if prefix in _KINDS:
            raise ValueError(f"button prefix {prefix!r} defined twice")
        cls.prefix, cls.longest = prefix, longest
        _KINDS[prefix] = cls

    def pack(self) -> str:
        raise NotImplementedError

    @classmethod
    def parse_value(cls, value: str) -> Self | None:
        """The data after `prefix:`, or None when it is not what this kind sends."""
        raise NotImplementedError


_KINDS: dict[str, type[Kind]] = {}


@dataclass(frozen=True)
class Stale:
    """Data that is unknown, forged, malformed or too old to act on."""


STALE = Stale()


@dataclass(frozen=True)
class CountryPicked(Kind, prefix="c", widths=(6,)):
    """A country or state button; `code` None is "another — I'll type it" (`c:?`)."""

    code: str | None

    def pack(self) -> str:
        return f"c:{self.code or '?'}"

    @classmethod
    def parse_value(cls, value: str) -> CountryPicked | None:
        if value == "?":
            return cls(None)
        ok = 2 <= len(value) <= 6 and value.replace("-", "").isalnum() and value.isascii()
        return cls(value) if ok else None


@dataclass(frozen=True)
class PlatformToggled(Kind, prefix="p", widths=(_widest([*Platform, "done"]),)):
    """An app switched on or off at the platforms step; None is "done"."""

    platform: Platform | None

    def pack(self) -> str:
        return f"p:{self.platform.value if self.platform else 'done'}"

    @classmethod
    def parse_value(cls, value: str) -> PlatformToggled | None:
        if value == "done":
            return cls(None)
        return cls(Platform(value)) if value in Platform.__members__ else None


@dataclass(frozen=True)
class AccountPicked(Kind, prefix="a", widths=(_widest(Account),)):
    account: Account

    def pack(self) -> str:
        return f"a:{self.account.value}"

    @classmethod
    def parse_value(cls, value: str) -> AccountPicked | None:
        return cls(Account(value)) if value in Account.__members__ else None


@dataclass(frozen=True)
class GoalAsked(Kind, prefix="g", widths=(_widest(Goal), _widest(Platform))):
    """A goal offered as a button (start menu, related goals, "did you mean")."""

    goal: Goal
    platform: Platform | None = None

    def pack(self) -> str:
        return f"g:{self.goal.value}" + (f":{self.platform.value}" if self.platform else "")

    @classmethod
    def parse_value(cls, value: str) -> GoalAsked | None:
        goal, _, platform = value.partition(":")
        if goal not in Goal.__members__ or (platform and platform not in Platform.__members__):
            return None
        return cls(Goal(goal), Platform(platform) if platform else None)


@dataclass(frozen=True)
class SettingChosen(Kind, prefix="s", widths=(_widest(SETTINGS),)):
    """Which setting /settings is to change: country, platforms or account."""

    setting: str

    def pack(self) -> str:
        return f"s:{self.setting}"

    @classmethod
    def parse_value(cls, value: str) -> SettingChosen | None:
        return cls(value) if value in SETTINGS else None


@dataclass(frozen=True)
class ForgetConfirmed(Kind, prefix="f", widths=(_widest(("yes", "no")),)):
    yes: bool

    def pack(self) -> str:
        return "f:yes" if self.yes else "f:no"

    @classmethod
    def parse_value(cls, value: str) -> ForgetConfirmed | None:
        return cls(value == "yes") if value in ("yes", "no") else None


@dataclass(frozen=True)
class CardOpened(Kind, prefix="d", widths=(CARD_ID_WIDTH,)):
    """A sub-topic card offered under an answer."""

    card_id: str

    def pack(self) -> str:
        return f"d:{self.card_id}"

    @classmethod
    def parse_value(cls, value: str) -> CardOpened | None:
        return cls(value) if _is_id(value, CARD_ID_WIDTH) else None


@dataclass(frozen=True)
class ChecklistOpened(
    Kind,
    prefix="k",
    widths=(
        CHECKLIST_ID_WIDTH,
        1,
    ),
):
    """`k:` the checklist; `k:<item>` one item; `k:<item>:<mark>` mark it."""

    item_id: str | None = None
    mark: ChecklistMark | None = None

    def pack(self) -> str:
        if self.item_id is None:
            return "k:"
        return f"k:{self.item_id}" + (f":{self.mark}" if self.mark else "")

    @classmethod
    def parse_value(cls, value: str) -> ChecklistOpened | None:
        if not value:
            return cls()
        item_id, sep, mark = value.partition(":")
        if not _is_id(item_id, CHECKLIST_ID_WIDTH):
            return None
        if not sep:
            return cls(item_id)
        return cls(item_id, cast(ChecklistMark, mark)) if mark in get_args(ChecklistMark) else None


@dataclass(frozen=True)
class LetterAsked(Kind, prefix="l", widths=(ID_WIDTH,)):
    letter_id: str

    def pack(self) -> str:
        return f"l:{self.letter_id}"

    @classmethod
    def parse_value(cls, value: str) -> LetterAsked | None:
        return cls(value) if _is_id(value, ID_WIDTH) else None


@dataclass(frozen=True)
class ReminderPressed(
    Kind,
    prefix="r",
    widths=(
        max(REMINDER_ID_WIDTH, len("new")),
        max(1, ID_WIDTH),
    ),
):
    """`r:new:<offer>` asks for a reminder; `r:<id>:<answer>` answers or cancels one."""

    reminder_id: str | None  # None: a new reminder
    value: str  # the offer (objection, deletion) or the answer (ReminderAnswer)

    def pack(self) -> str:
        return f"r:{self.reminder_id or 'new'}:{self.value}"

    @classmethod
    def new(cls, offer: str) -> ReminderPressed:
        return cls(None, offer)

    @classmethod
    def answer(cls, reminder_id: str, answer: ReminderAnswer) -> ReminderPressed:
        return cls(reminder_id, answer)

    @classmethod
    def parse_value(cls, value: str) -> ReminderPressed | None:
        first, _, second = value.partition(":")
        if first == "new":
            return cls(None, second) if _is_id(second, ID_WIDTH) else None
        if _is_id(first, REMINDER_ID_WIDTH) and second in get_args(ReminderAnswer):
            return cls(first, second)
        return None


@dataclass(frozen=True)
class LanguagePicked(Kind, prefix="lg", widths=(LANGUAGE_WIDTH,)):
    """A language button of /language; `code` None opens the choice (`lg:?`, from /settings).
    Any two-letter code parses: whether the bot has that catalogue is checked on the press."""

    code: str | None

    def pack(self) -> str:
        return f"lg:{self.code or '?'}"

    @classmethod
    def parse_value(cls, value: str) -> LanguagePicked | None:
        if value == "?":
            return cls(None)
        ok = (
            len(value) == LANGUAGE_WIDTH and value.isascii() and value.isalpha() and value.islower()
        )
        return cls(value) if ok else None


def _place_code(value: str) -> bool:
    return 2 <= len(value) <= PLACE_WIDTH and value.replace("-", "").isalnum() and value.isascii()


@dataclass(frozen=True)
class DetailsAsked(
    Kind,
    prefix="m",
    widths=(1 + len(DETAIL_LEFT), DETAILS_CARD_WIDTH, len(Platform), PLACE_WIDTH),
):
    """More of an answer, as a second message: its caveats and limits (`c`, after what the
    first message left out: `left`, letters of DETAIL_LEFT) or its sources (`s`), for the
    same card, apps (by initial) and place (None: no jurisdiction known)."""

    part: DetailPart
    card_id: str
    platforms: tuple[Platform, ...]
    place: str | None
    left: str = ""

    def pack(self) -> str:
        apps = "".join(p.value[0] for p in self.platforms) or "-"
        return f"m:{self.part}{self.left}:{self.card_id}:{apps}:{self.place or '-'}"

    @classmethod
    def parse_value(cls, value: str) -> DetailsAsked | None:
        fields = value.split(":")
        if len(fields) != 4:
            return None
        (part, *left), card_id, apps, place = list(fields[0] or "?"), *fields[1:]
        by_initial = {p.value[0]: p for p in Platform}
        if (
            part not in get_args(DetailPart)
            or (left and (part != "c" or "".join(left) not in ("u", "o", DETAIL_LEFT)))
            or not _is_id(card_id, DETAILS_CARD_WIDTH)
            or not (apps == "-" or (set(apps) <= set(by_initial) and len(apps) <= len(Platform)))
            or not (place == "-" or _place_code(place))
        ):
            return None
        platforms = tuple(p for p in Platform if apps != "-" and p.value[0] in apps)
        place_code = None if place == "-" else place
        return cls(cast(DetailPart, part), card_id, platforms, place_code, "".join(left))


@dataclass(frozen=True)
class FeedbackGiven(Kind, prefix="v", widths=(1, _widest(Platform), CARD_ID_WIDTH)):
    """A vote on the settings path an answer showed: `v:y:<platform>:<card>` "it worked",
    `v:n:…` "my app looks different" (bot/feedback.py)."""

    card_id: str
    platform: Platform
    different: bool

    def pack(self) -> str:
        return f"v:{'n' if self.different else 'y'}:{self.platform.value}:{self.card_id}"

    @classmethod
    def parse_value(cls, value: str) -> FeedbackGiven | None:
        verdict, _, rest = value.partition(":")
        platform, _, card_id = rest.partition(":")
        if verdict not in ("y", "n") or platform not in Platform.__members__:
            return None
        return (
            cls(card_id, Platform(platform), verdict == "n")
            if _is_id(card_id, CARD_ID_WIDTH)
            else None
        )


ButtonData = (
    CountryPicked
    | PlatformToggled
    | AccountPicked
    | GoalAsked
    | SettingChosen
    | ForgetConfirmed
    | CardOpened
    | ChecklistOpened
    | LetterAsked
    | ReminderPressed
    | LanguagePicked
    | DetailsAsked
    | FeedbackGiven
)


def parse(data: object) -> ButtonData | Stale:
    """What a press means, or STALE for anything this bot did not send (or no longer would)."""
    if not isinstance(data, str) or len(data.encode("utf-8", "replace")) > LIMIT:
        return STALE
    prefix, sep, value = data.partition(":")
    kind = _KINDS.get(prefix)
    found = kind.parse_value(value) if kind is not None and sep else None
    return found if isinstance(found, ButtonData) else STALE
