"""Button data: every kind fits Telegram's 64 bytes, packs and parses back, and anything
else — unknown, forged, truncated, oversized — parses to the one STALE result."""

from __future__ import annotations

import pytest

from bot import callbacks
from bot.callbacks import (
    LIMIT,
    STALE,
    AccountPicked,
    CardOpened,
    ChecklistOpened,
    CountryPicked,
    DetailsAsked,
    FeedbackGiven,
    ForgetConfirmed,
    GoalAsked,
    Kind,
    LanguagePicked,
    LetterAsked,
    PlatformToggled,
    ReminderPressed,
    SettingChosen,
)
from bot.vocabulary import Account, Goal, Platform


def widest(values) -> str:
    return max((v.value for v in values), key=lambda v: len(v.encode()))


# The longest value each kind can carry, built from the same domains the bot uses.
LONGEST = [
    CountryPicked("US-CA"),
    PlatformToggled(Platform(widest(Platform))),
    AccountPicked(Account(widest(Account))),
    GoalAsked(Goal(widest(Goal)), Platform(widest(Platform))),
    SettingChosen("platforms"),
    ForgetConfirmed(True),
    CardOpened("c" * callbacks.CARD_ID_WIDTH),
    ChecklistOpened("i" * callbacks.CHECKLIST_ID_WIDTH, "d"),
    LetterAsked("l" * callbacks.ID_WIDTH),
    ReminderPressed.new("k" * callbacks.ID_WIDTH),
    ReminderPressed.answer("9" * callbacks.REMINDER_ID_WIDTH, "a"),
    LanguagePicked("pt"),
    DetailsAsked("c", "c" * callbacks.DETAILS_CARD_WIDTH, tuple(Platform), "GB-SCT", "uo"),
    FeedbackGiven("c" * callbacks.CARD_ID_WIDTH, Platform(widest(Platform)), True),
]


def test_every_kind_is_covered():
    assert {type(x) for x in LONGEST} == set(callbacks.ButtonData.__args__)


@pytest.mark.parametrize("data", LONGEST, ids=lambda d: type(d).__name__)
def test_longest_value_fits_and_round_trips(data):
    packed = data.pack()
    assert len(packed.encode()) <= type(data).longest <= LIMIT
    assert callbacks.parse(packed) == data


def test_a_kind_that_could_overflow_is_refused_at_definition():
    with pytest.raises(ValueError, match="64"):

        class TooWide(Kind, prefix="z", widths=(40, 30)):
            pass


def test_a_prefix_defined_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):

        class Again(Kind, prefix="g", widths=(1,)):
            pass


@pytest.mark.parametrize(
    "data",
    [
        "c:DE",
        "c:US-CA",
        "c:?",
        "lg:de",
        "lg:?",
        "p:instagram",
        "p:done",
        "a:business",
        "g:stop_training",
        "g:stop_training:instagram",
        "s:country",
        "f:yes",
        "f:no",
        "d:stop_training.objection",
        "k:",
        "k:object",
        "k:object:d",
        "k:object:u",
        "l:complaint",
        "r:new:objection",
        "r:3:a",
        "r:12:c",
        "v:y:instagram:stop_training.objection",
        "v:n:whatsapp:delete_account.whatsapp",
    ],
)
def test_buttons_already_sent_still_parse_to_the_same_data(data):
    parsed = callbacks.parse(data)
    assert parsed is not STALE and parsed.pack() == data


@pytest.mark.parametrize(
    "data",
    [
        "",
        "zzz",
        "z:1",
        "g",
        "g:",
        "g:not_a_goal",
        "g:stop_training:myspace",
        "p:",
        "a:",
        "s:nothing",
        "f:maybe",
        "k:object:x",
        "k:object:d:d",
        "r:3:ad",
        "r:3:",
        "r:new:",
        "d:",
        "c:",
        "c:D",
        "c:ABCDEFG",
        "lg:",
        "lg:DE",
        "lg:deu",
        "lg:d1",
        "l:" + "x" * 70,
        "v:",
        "v:n:instagram:",
        "v:m:instagram:stop_training.objection",
        "v:n:myspace:stop_training.objection",
        "v:n:instagram:" + "c" * 51,
        "v:y:instagram:\x00",
        "\x00\x01",
        "d:\x00",
        None,
        42,
    ],
)
def test_anything_else_is_stale(data):
    assert callbacks.parse(data) is STALE
