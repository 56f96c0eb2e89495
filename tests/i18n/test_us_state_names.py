"""A US state is named as the reader's language names it — "Califórnia", "Nova York" in
Portuguese, "Hawaï" in French — on the onboarding buttons, in answers and in letters."""

from __future__ import annotations

from datetime import date

import pytest

from bot.actions import letters
from bot.places.place import Place
from bot.profile import Profile
from tests.i18n.test_speaks_their_language import Speaker

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("language", "code", "name"),
    [
        ("pt", "US-CA", "Califórnia"),
        ("pt", "US-NY", "Nova York"),
        ("pt", "US-PA", "Pensilvânia"),
        ("pt", "US-NC", "Carolina do Norte"),
        ("fr", "US-HI", "Hawaï"),
        ("es", "US-MO", "Misuri"),
        ("de", "US-CA", "Kalifornien"),
        ("it", "US-TX", "Texas"),
    ],
)
def test_a_us_state_is_named_in_the_readers_language(kb, language, code, name):
    shown = kb.gazetteer.regions.name(Place("US", code, None), language)
    assert shown.split(", ")[0] == name


def test_a_portuguese_reader_picks_california_by_its_portuguese_name(engine):
    user = Speaker(engine, "pt-BR")
    user.command("start")
    user.say("moro nos estados unidos")
    labels = [b.label for r in user.last.replies for row in r.buttons for b in row]
    assert "Califórnia, Estados Unidos" in labels


def test_a_state_letter_in_portuguese_names_the_state_in_portuguese(kb):
    profile = Profile(country="US", subdivision="US-VA", language="pt")
    letter = letters.filled(kb, profile, "us_state", TODAY, "pt")
    assert letter is not None
    assert "estado: Virgínia." in letter.text and "(Virgínia)" in letter.title


def test_a_state_named_in_portuguese_is_read_and_a_country_of_the_same_name_still_wins(kb):
    g = kb.gazetteer
    assert g.resolve("Califórnia") == Place("US", "US-CA", g.region_of("US", "US-CA"))
    assert g.resolve("Pensilvânia").subdivision == "US-PA"
    # Portuguese writes the country and the state alike: the country, as in English
    assert g.resolve("Geórgia").country == "GE"
