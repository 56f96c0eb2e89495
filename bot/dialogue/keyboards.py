"""The buttons the conversation offers, built from typed button data (bot/callbacks.py)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.actions import letters
from bot.callbacks import (
    AccountPicked,
    ChecklistOpened,
    CountryPicked,
    DetailPart,
    DetailsAsked,
    GoalAsked,
    LetterAsked,
    PlatformToggled,
    ReminderPressed,
)
from bot.dialogue.turn import Turn
from bot.knowledge.models import Card
from bot.places import Place
from bot.replies import Button
from bot.vocabulary import Account, Goal, Platform, Region

Rows = list[list[Button]]


def goals(turn: Turn, goals: Sequence[Goal], platform: Platform | None = None) -> Rows:
    """Goals two to a row, each asking its question (for `platform` when given)."""
    buttons = [
        Button(turn.kb.goal_name(g, turn.lang, short=True), GoalAsked(g, platform).pack())
        for g in goals
    ]
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def start(turn: Turn) -> Rows:
    """Where to begin: the start menu's goals (checklist.yaml `start`)."""
    return goals(turn, turn.kb.checklist.start)


def flag(country: str | None) -> str:
    if not country or len(country) != 2 or not country.isalpha():
        return "🌍"
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in country.upper())


def countries(turn: Turn) -> Rows:
    """The catalogue's common countries, two to a row, and "another"."""
    buttons = []
    for code in str(turn.msg("onboarding.common_countries")).split():
        place = turn.places.resolve(code)
        if place is not None:
            label = f"{flag(place.country)} {turn.places.name(place, turn.lang)}"
            buttons.append(Button(label, CountryPicked(place.code).pack()))
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([Button(turn.msg("onboarding.country_other_button"), CountryPicked(None).pack())])
    return rows


def places(turn: Turn, found: Sequence[Place]) -> Rows:
    return [[Button(turn.places.name(p, turn.lang), CountryPicked(p.code).pack())] for p in found]


def us_states(turn: Turn) -> Rows:
    """California (whose law differs) or "another state"."""
    california = Place("US", "US-CA", Region.us_ca)
    return [
        [
            Button(turn.places.name(california, turn.lang), CountryPicked(california.code).pack()),
            Button(turn.msg("onboarding.us_state_other_button"), CountryPicked(None).pack()),
        ]
    ]


def platforms(turn: Turn) -> Rows:
    """A toggle per app (✅ when chosen) and "done"."""
    chosen = turn.profile.platforms
    buttons = [
        Button(
            ("✅ " if p in chosen else "") + turn.kb.platform_name(p, turn.lang),
            PlatformToggled(p).pack(),
        )
        for p in Platform
    ]
    done = Button(turn.msg("onboarding.platforms_done_button"), PlatformToggled(None).pack())
    return [buttons[:2], buttons[2:], [done]]


def accounts(turn: Turn) -> Rows:
    return [
        [
            Button(
                turn.msg(f"onboarding.account_{account.value}_button"),
                AccountPicked(account).pack(),
            )
            for account in (Account.personal, Account.business)
        ]
    ]


def actions(turn: Turn, names: Sequence[str]) -> Rows:
    """A button per action (`letter:<id>`, `remind:<offer>`, `checklist`)."""
    rows = []
    for action in names:
        kind, _, name = action.partition(":")
        letter = turn.kb.letters.letters.get(name) if kind == "letter" else None
        if letter is not None:
            rows.append([Button(letter.text(turn.lang).button, LetterAsked(name).pack())])
        elif kind == "remind":
            data = ReminderPressed.new(name).pack()
            rows.append([Button(turn.msg(f"reminders.button_{name}"), data)])
        elif kind == "checklist":
            rows.append([Button(turn.msg("checklist.open_button"), ChecklistOpened().pack())])
    return rows


def offers(turn: Turn, goal: Goal, region: Region | None) -> Rows:
    """The actions the knowledge base offers under an answer of `goal` in `region`."""
    names: list[str] = []
    for offer in turn.kb.letters.offers:
        if offer.goal == goal and (offer.regions is None or region in offer.regions):
            names.extend(
                a
                for a in offer.actions
                if a not in names and letters.offered(turn.kb, turn.profile, a)
            )
    return actions(turn, names)


def details(
    turn: Turn,
    card: Card,
    platforms: Sequence[Platform],
    place: str | None,
    left: str,
    named: bool = False,
) -> Rows:
    """One row under an answer: its caveats and limits, its sources, each sent on request
    (`named`: the answer holds several cards, so each row names the apps its card is for)."""
    apps = tuple(p for p in platforms if card.covers_platform(p))
    text = card.text(turn.lang)
    kinds: list[tuple[DetailPart, str]] = [("s", "answer_first.sources_button")]
    if left or text.caveats or text.does_not:
        kinds.insert(0, ("c", "answer_first.limits_button"))
    names = ", ".join(turn.kb.platform_name(p, turn.lang) for p in apps) if named else ""
    return [
        [
            Button(
                turn.msg(key.replace("_button", "_for_button"), apps=names)
                if names
                else turn.msg(key),
                DetailsAsked(part, card.id, apps, place, left if part == "c" else "").pack(),
            )
            for part, key in kinds
        ]
    ]
