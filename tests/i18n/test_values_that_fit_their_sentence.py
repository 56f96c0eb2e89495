"""A value filled into a sentence fits whatever it is: a deadline ("no legal deadline known",
"ein Monat") stands after a colon rather than after "within"/"innerhalb von"; a period in a
German letter is named where its case does not matter; a state or country whose article depends
on the name ("de l'Oregon", "en el Reino Unido", "für die Schweiz") follows a noun of the sentence
("cet État (Oregon)", "país de residencia: Reino Unido", "dieses Land (Schweiz)")."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.actions import letters
from bot.dialogue.answering import rights_at
from bot.profile import Profile
from bot.render import card_text
from bot.text import html_to_plain
from bot.vocabulary import Platform

TODAY = date(2026, 11, 30)
TRANSLATED = ("de", "fr", "es", "it", "pt")


@pytest.mark.parametrize("letter_id", ("objection", "complaint"))
def test_a_german_letter_states_its_period_in_the_case_the_sentence_needs(kb, letter_id):
    # "innerhalb von einen Monat" / "mehr als einen Monat vergangen": the period stands alone
    profile = Profile(country="DE", language="de")
    letter = letters.filled(kb, profile, letter_id, TODAY, "de")
    assert letter is not None
    text = f"{letter.text}\n{letter.values['deadline']}"
    assert "gesetzlichen Frist (ein Monat)" in text
    assert not re.search(r"\b(?:von|als) einen\b", text)


# A deadline value may be "no legal deadline known": after "within"/"innerhalb von"/"sous"/"en"/
# "entro"/"em" it read "innerhalb von keine uns bekannte gesetzliche Frist", and German needs the
# dative ("innerhalb von einem Monat") that a value in the nominative lacks. Cards name it after
# a colon, where any value fits.
AFTER_PREPOSITION = re.compile(
    r"\b(?:within|innerhalb von|sous|dispose de|en|entro|em|hat)\s+"
    r"(?:no fixed|keine uns|ein Monat|aucun délai|ningún plazo|nessun termine|nenhum prazo"
    r"|\d+ Tage\b)"
)


@pytest.mark.parametrize("language", ("en", *TRANSLATED))
@pytest.mark.parametrize("code", ("US-TX", "US-CA", "FR", "BR"))
def test_a_deadline_in_an_answer_stands_where_any_value_fits(kb, language, code):
    country, _, sub = code.partition("-")
    profile = Profile(country=country, subdivision=code if sub else None)
    rights = rights_at(kb, profile, None, language, TODAY)
    for card in kb.cards:
        text = html_to_plain(card_text(kb, card, [Platform.facebook], language, rights))
        assert not AFTER_PREPOSITION.search(text), (card.id, AFTER_PREPOSITION.search(text))


# Names filled into letters and messages whose article depends on the name: French "de
# l'Oregon", "la loi" vs English-named acts ("du Oregon Consumer Privacy Act"), Spanish "en el
# Reino Unido", German "für die Schweiz". The sentence names the noun itself.
@pytest.mark.parametrize("code", ("US-OR", "US-IN", "US-IA"))
def test_a_french_or_italian_state_letter_never_glues_an_article_to_a_vowel(kb, code):
    for language in ("fr", "it"):
        profile = Profile(country="US", subdivision=code, language=language)
        letter = letters.filled(kb, profile, "us_state", TODAY, language)
        assert letter is not None
        text = f"{letter.title}\n{letter.text}\n{letter.how}"
        assert not re.search(r"\b(?:de|du|Le|Il|del|dello stato) (?:Oregon|Indiana|Iowa)\b", text)


def test_a_country_after_a_preposition_is_named_by_the_noun_of_the_sentence(kb):
    profile = Profile(country="GB", language="es")
    letter = letters.filled(kb, profile, "complaint", TODAY, "es")
    assert letter is not None
    assert "en Reino Unido" not in letter.text and "Reino Unido" in letter.text
    for language, bare in (("de", "Für Peru"), ("es", "para Perú"), ("pt", "para Peru")):
        text = html_to_plain(letters.authorities(kb, Profile(country="PE", language=language)))
        assert bare not in text and "(Per" in text, text
