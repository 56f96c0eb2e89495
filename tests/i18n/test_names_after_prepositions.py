"""A name filled into a card never stands bare after a preposition: an authority's proper name
("Bayerisches Landesamt für Datenschutzaufsicht (BayLDA)") or the words for an unknown one take
no article or case of the sentence around them, so "bei {authority}" read "bei Bayerisches
Landesamt …" and "auprès de {authority}" "auprès de Commission Nationale …". Texts name a
generic noun that carries the grammar ("bei der zuständigen Behörde: {authority}"); the same holds
for a law cited bare ("vous vous fondez sur art. 21.1 RGPD" lacks "l'"), in the languages whose
citations need an article after a preposition (English and German cite without one)."""

from __future__ import annotations

import re
from datetime import date
from html import unescape

import pytest

from bot.actions import letters
from bot.dialogue.answering import rights_at
from bot.i18n import t
from bot.profile import Profile
from bot.render import card_text
from bot.rights import RightsText
from bot.text import html_to_plain
from bot.vocabulary import Platform

# Places whose authority is on record, and places with none (Chile is in the jurisdiction
# table without one; Peru is not in the table at all).
KNOWN = ("DE-BY", "FR", "IT", "ES", "AT")
UNKNOWN = ("CL", "PE")

# Prepositions after which a bare name is ungrammatical, per language.
PREPOSITIONS = {
    "en": {"to", "with", "at", "before", "from", "of"},
    "de": {"bei", "an", "zu", "von", "vor", "gegenüber", "mit", "für", "gegen"},
    "fr": {"de", "d", "à", "auprès", "devant", "contre", "sur", "par", "selon", "pour"},
    "es": {"ante", "a", "de", "en", "con", "contra", "según", "sobre", "para"},
    "it": {"a", "presso", "di", "da", "con", "su", "in", "contro", "secondo", "per"},
    "pt": {"a", "à", "de", "em", "junto", "para", "com", "contra", "perante", "segundo"},
}
# The languages in which a law citation after a preposition needs an article.
CITATION_NEEDS_ARTICLE = ("fr", "es", "it", "pt")
# Each language's cards fill {authority} this often (complaint sentences of four cards).
AUTHORITY_USES = 8
START, END = "\u2063", "\u2064"  # invisible separator and plus: mark where a value was filled in


def _profile(code: str) -> Profile:
    country, _, subdivision = code.partition("-")
    return Profile(country=country, subdivision=code if subdivision else None)


def _filled(kb, code: str, language: str, name: str) -> tuple[str, list[str]]:
    """The value of placeholder `name` and the plain text of every card as the bot fills it,
    each filled-in value between markers (the same words also occur as plain card text)."""
    rights = rights_at(kb, _profile(code), None, language, date(2026, 11, 30))
    value = rights.values[name]
    marked = RightsText({**rights.values, name: f"{START}{value}{END}"})
    texts = [
        html_to_plain(card_text(kb, card, [Platform.instagram], language, marked))
        for card in kb.cards
    ]
    return value, texts


def _words_before(texts: list[str]) -> list[str]:
    """The word right before each filled-in value ("" after punctuation or a bracket)."""
    found = []
    for text in texts:
        for match in re.finditer(re.escape(START), text):
            before = re.search(r"(\w+)(?:\s+|['’])$", text[: match.start()])
            found.append(before.group(1).lower() if before else "")
    return found


@pytest.mark.parametrize("language", sorted(PREPOSITIONS))
@pytest.mark.parametrize("code", KNOWN + UNKNOWN)
def test_the_authority_never_follows_a_bare_preposition(kb, language, code):
    authority, texts = _filled(kb, code, language, "authority")
    # the place's own authority, or the words for one not on record
    assert (authority == unescape(t("rights.authority_unknown", language))) == (code in UNKNOWN)
    words = _words_before(texts)
    assert len(words) >= AUTHORITY_USES, (code, language, authority)
    wrong = [w for w in words if w in PREPOSITIONS[language]]
    assert not wrong, f"{language} {code}: {authority!r} after {wrong}"


@pytest.mark.parametrize("language", CITATION_NEEDS_ARTICLE)
@pytest.mark.parametrize("code", ("FR", "BR", "US-CA", "PE"))
def test_the_law_cited_never_follows_a_bare_preposition(kb, language, code):
    law, texts = _filled(kb, code, language, "objection_law")
    words = _words_before(texts)
    assert words, (code, language, law)
    wrong = [w for w in words if w in PREPOSITIONS[language]]
    assert not wrong, f"{language} {code}: {law!r} after {wrong}"


# In letters: country and state names need an article in some languages ("in der Schweiz",
# "no Brasil", "na Califórnia", "in the United Kingdom"); Spanish and Italian take them bare
# after "en"/"in" ("resido en Suiza"). A law's acronym has a gender of its own ("la LGPD"),
# so "conforme al / ai sensi del / nos termos do {law}" guessed it wrong.
PLACE_PREPOSITIONS = {"en": {"in"}, "de": {"in"}, "fr": {"en", "au", "aux"}, "pt": {"em"}}
LAW_PREPOSITIONS = {
    "es": {"al", "del", "a", "de"},
    "it": {"del", "della", "di", "a"},
    "pt": {"do", "da", "de", "em"},
}
# US states: English, German and Spanish name them bare ("in Kalifornien"); French and Italian
# letters name the state after a noun ("cet État (Oregon)": "de l'Oregon" needs elision);
# Brazilian Portuguese needs "na Califórnia", "do Texas".
STATE_PREPOSITIONS = {"fr": {"en", "au"}, "pt": {"em", "de"}}


def _word_before_each(value: str, text: str) -> list[str]:
    found = []
    for match in re.finditer(rf"(?<!\w){re.escape(value)}(?!\w)", text):
        before = re.search(r"(\w+)\s+$", text[: match.start()])
        found.append(before.group(1).lower() if before else "")
    return found


@pytest.mark.parametrize("language", sorted(PREPOSITIONS))
@pytest.mark.parametrize("code", ("CH", "GB", "NL", "BR"))
def test_the_complaint_letter_names_country_and_law_without_a_bare_preposition(kb, language, code):
    profile = Profile(country=code, language=language)
    letter = letters.filled(kb, profile, "complaint", date(2026, 11, 30), language)
    assert letter is not None
    text = f"{letter.title}\n{letter.text}"
    country, law = letter.values["country"], letter.values["law"]
    assert country and law
    wrong = [
        w for w in _word_before_each(country, text) if w in PLACE_PREPOSITIONS.get(language, ())
    ]
    wrong += [w for w in _word_before_each(law, text) if w in LAW_PREPOSITIONS.get(language, ())]
    assert not wrong, f"{language} {code}: {country!r} / {law!r} after {wrong}"


@pytest.mark.parametrize("language", sorted(STATE_PREPOSITIONS))
@pytest.mark.parametrize("code", ("US-CA", "US-TX", "US-VA"))
def test_the_state_letter_names_the_state_without_a_bare_preposition(kb, language, code):
    profile = Profile(country="US", subdivision=code, language=language)
    letter = letters.filled(kb, profile, "us_state", date(2026, 11, 30), language)
    assert letter is not None
    state = letter.values["state"]
    text = "\n".join([letter.title, letter.how, letter.text])
    wrong = [w for w in _word_before_each(state, text) if w in STATE_PREPOSITIONS.get(language, ())]
    assert not wrong, f"{language} {code}: {state!r} after {wrong}"
