"""A deadline's law after a preposition takes the article's noun and "of the law" as the
reader's language writes it ("selon l'art. 12.3 du RGPD", "nos termos do art. 19, II, da LGPD"),
never a bare citation after "selon"/"según"/"secondo"/"segundo", nor the table's English notes
on extensions ("two further months"); letters join article and law the same way."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.actions import letters
from bot.dialogue.answering import rights_at
from bot.profile import Profile

TODAY = date(2026, 11, 30)
TRANSLATED = ("de", "fr", "es", "it", "pt")


def _values(kb, code: str, language: str) -> dict[str, str]:
    country, _, sub = code.partition("-")
    profile = Profile(country=country, subdivision=code if sub else None)
    return rights_at(kb, profile, None, language, TODAY).values


@pytest.mark.parametrize(
    ("language", "code", "cited"),
    [
        ("fr", "DK", "selon l'art. 12.3 du RGPD"),
        ("es", "IE", "según el art. 12.3 del RGPD"),
        ("it", "AT", "ai sensi dell'art. 12, par. 3 del GDPR"),
        ("pt", "PT", "nos termos do art. 12.º, n.º 3, do RGPD"),
        ("pt", "BR", "nos termos do art. 19, II, da LGPD"),
        ("fr", "BR", "selon l'art. 19, II de la LGPD"),
        ("it", "CH", "ai sensi dell'art. 18, par. 1 dell'OPDa"),
        ("de", "SE", "nach Art. 12 Abs. 3 DSGVO"),
        ("en", "SE", "under Art. 12(3) of the GDPR"),
    ],
)
def test_a_deadline_cites_its_article_with_the_grammar_of_the_sentence(kb, language, code, cited):
    assert cited in _values(kb, code, language)["respond_deadline"]


# A preposition, then straight away a citation ("selon art.", "según § 1798"): an article missing.
BARE = re.compile(r"\b(?:selon|según|secondo|segundo|sous|conforme|di)\s+(?:art\.|Art\.|§)")
# The table's notes on extensions are English; a translated answer never shows one.
ENGLISH = re.compile(r"\b(?:further|once|days|months|with notice|reasonabl\w*)\b")


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_deadline_anywhere_has_a_bare_citation_or_english_words(kb, language):
    wrong = []
    for code in kb.jurisdictions.by_code:
        values = _values(kb, code, language)
        for name in ("respond_deadline", "opt_out_deadline"):
            if BARE.search(values[name]) or ENGLISH.search(values[name]):
                wrong.append((code, values[name]))
    assert not wrong


def test_an_extension_the_table_states_as_a_period_is_said_in_the_readers_words(kb):
    assert "(prolongation : 2 mois de plus)" in _values(kb, "FR", "fr")["respond_deadline"]
    assert "(prórroga: 45 días más)" in _values(kb, "US-TX", "es")["respond_deadline"]
    # English keeps the table's own words
    assert "once by a further 45 days" in _values(kb, "US-TX", "en")["respond_deadline"]


@pytest.mark.parametrize(
    ("language", "code", "phrase"),
    [
        ("es", "ES", "al amparo del art. 21.1 del RGPD,"),
        ("it", "IT", "ai sensi dell'art. 21, par. 1 del GDPR,"),
        ("pt", "PT", "nos termos do art. 21.º, n.º 1, do RGPD,"),
        ("pt", "PT", "conforme exige o art. 12.º, n.º 3, do RGPD."),
        ("es", "ES", "como exige el art. 12.3 del RGPD."),
    ],
)
def test_the_objection_letter_joins_article_and_law(kb, language, code, phrase):
    profile = Profile(country=code, language=language)
    letter = letters.filled(kb, profile, "objection", TODAY, language)
    assert letter is not None
    assert phrase in letter.text


@pytest.mark.parametrize(
    ("language", "code", "cited"),
    [
        ("fr", "CA", "base légale : art. 8(3) LPRPDE"),
        ("es", "CA-QC", "base legal: sección 32 Loi 25"),
        ("pt", "NZ", "base legal: seção 44, Privacy Act 2020"),
        ("en", "CA", "under PIPEDA s. 8(3)"),
    ],
)
def test_a_section_of_a_common_law_statute_is_named_in_the_readers_words(kb, language, code, cited):
    value = _values(kb, code, language)["respond_deadline"]
    assert cited in value
    assert "(Quebec private-sector act)" not in value
