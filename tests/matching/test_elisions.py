"""French and Italian drop the apostrophe on a phone as often as they type it: "l'IA" and "lia",
"droit d'opposition" and "droit dopposition" must be read alike. The lexicons list the glued
spelling; a lexicon marked `elisions: true` also finds it typed with apostrophes."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.matching import Lexicon
from bot.text import elision_spellings
from bot.vocabulary import Goal

LEXICON = """
language: fr
elisions: {elisions}
concepts:
  object: [droit dopposition]
  meta: [meta]
"""


@pytest.mark.parametrize("elisions", [True, False])
def test_a_phrase_listed_glued_is_found_typed_with_apostrophes(tmp_path: Path, elisions: bool):
    path = tmp_path / "fr.yaml"
    path.write_text(LEXICON.format(elisions=str(elisions).lower()), encoding="utf-8")
    lexicon = Lexicon.load(path)

    def concepts(text: str) -> list[str]:
        return lexicon.concepts.labels(lexicon.language.lemmas(text))

    assert concepts("mon droit dopposition a meta") == ["object", "meta"]
    typed = concepts("mon droit d'opposition à Meta")
    assert typed == (["object", "meta"] if elisions else ["meta"])


def test_a_word_that_only_looks_elided_keeps_its_own_spelling():
    # "meta" is not "m'eta": both readings are kept, so the phrase is found either way
    assert elision_spellings("lia de meta") >= {"l ia de meta"}
    assert "lia de meta" not in elision_spellings("lia de meta")
    assert elision_spellings("la cnil") == set()  # no vowel after the article: nothing elided


@pytest.mark.parametrize(
    "text",
    [
        "comment désactiver « améliorer l'IA » sur whatsapp",
        "comment desactiver ameliorer lia sur whatsapp",
    ],
)
def test_a_french_setting_is_recognised_with_or_without_apostrophe(kb, text):
    assert kb.matcher("fr").match(text).goal == Goal.ai_personalization
