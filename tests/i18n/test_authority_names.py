"""An authority is named by its own name in every language; upstream's English description of it
("Datatilsynet (Data Inspectorate of Denmark)") is shown to English readers only."""

from __future__ import annotations

from datetime import date

import pytest

from bot.actions import letters
from bot.dialogue.answering import rights_at
from bot.places.place import Place
from bot.profile import Profile
from bot.render import card_text
from bot.text import html_to_plain
from bot.vocabulary import Platform

TODAY = date(2026, 11, 30)
TRANSLATED = ("de", "fr", "es", "it", "pt")


def _authority_everywhere(kb, code: str, language: str) -> str:
    """Every text a reader gets that names the authority: the answers and the complaint page."""
    country, _, sub = code.partition("-")
    profile = Profile(country=country, subdivision=code if sub else None, language=language)
    rights = rights_at(kb, profile, None, language, TODAY)
    texts = [
        html_to_plain(card_text(kb, card, [Platform.instagram], language, rights))
        for card in kb.cards
    ]
    texts.append(html_to_plain(letters.authorities(kb, profile)))
    return "\n".join(texts)


@pytest.mark.parametrize("language", TRANSLATED)
@pytest.mark.parametrize("code", ("DK", "ES", "FR", "NO"))
def test_an_authority_is_named_without_an_english_description(kb, language, code):
    place = Place(code, None, kb.gazetteer.region_of(code, None))
    records = [a for a in kb.gazetteer.authorities_for(place) if a.english]
    assert records, code
    text = _authority_everywhere(kb, code, language)
    for record in records:
        assert record.name in text
        assert record.english not in text, (language, code, record.english)


def test_english_keeps_the_description_beside_the_name(kb):
    text = _authority_everywhere(kb, "DK", "en")
    assert "Datatilsynet (Data Inspectorate of Denmark)" in text


# The jurisdiction table's own authorities follow the same rule: a French reader in Canada reads
# the commissioner's official French name; "(South Africa)" is an English description.
@pytest.mark.parametrize(
    ("language", "code", "shown", "never"),
    [
        ("fr", "CA", "Commissariat à la protection de la vie privée du Canada", "Office of the"),
        ("de", "ZA", "Information Regulator", "(South Africa)"),
        ("es", "NZ", "Office of the Privacy Commissioner", "(New Zealand)"),
        ("en", "ZA", "Information Regulator (South Africa)", "\x00"),
    ],
)
def test_an_authority_of_the_table_is_named_for_the_reader(kb, language, code, shown, never):
    text = _authority_everywhere(kb, code, language)
    assert shown in text and never not in text
