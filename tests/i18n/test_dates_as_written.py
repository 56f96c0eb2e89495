"""Dates read as each language writes them where the bot fills them into a sentence: the first
of a month is "1er" in French and "1º" in Italian and Brazilian Portuguese; a law's start in a
letter is a date, not the table's "2026-01-01"; Italian never puts "il" before a day that
needs "l'" ("l'8", "l'11")."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from bot.actions import letters
from bot.i18n import date_text, t
from bot.profile import Profile


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("fr", "1er janvier 2026"),
        ("it", "1º gennaio 2026"),
        ("pt", "1º de janeiro de 2026"),
        ("de", "1. Januar 2026"),
        ("en", "1 January 2026"),
        ("es", "1 de enero de 2026"),
    ],
)
def test_the_first_of_a_month(language, written):
    assert date_text(date(2026, 1, 1), language) == written
    assert date_text(date(2026, 1, 11), language).startswith("11")


@pytest.mark.parametrize(
    ("language", "start"),
    [
        ("fr", "à partir du 1er janvier 2026"),
        ("it", "dal 1º gennaio 2026"),
        ("pt", "a partir de 1º de janeiro de 2026"),
        ("en", "1 January 2026"),
    ],
)
def test_a_state_letter_gives_the_start_of_a_law_as_a_date(kb, language, start):
    profile = Profile(country="US", subdivision="US-IN", language=language)
    letter = letters.filled(kb, profile, "us_state", date(2025, 11, 30), language)
    assert letter is not None
    text = "\n".join((letter.title, letter.how, letter.text))
    assert start in text
    assert not re.search(r"\b20\d\d-\d\d", text)


@pytest.mark.parametrize("day", (8, 11))
def test_an_italian_reminder_never_writes_il_8(day):
    when = date_text(date(2026, 12, day), "it")
    for key in ("objection_set_no_deadline", "later_set"):
        text = unescape(t(f"reminders.{key}", "it", date=when))
        assert not re.search(rf"\b[Ii]l {day}\b", text), text
