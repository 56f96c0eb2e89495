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
