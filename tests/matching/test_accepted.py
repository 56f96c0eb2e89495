"""An objection Meta accepted is no refusal: such a question is not answered with the complaint
to an authority (bot/matching.py ACCEPTED), while a refusal still is."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "meta accepted my objection on facebook, anything else i should do now?"),
        ("fr", "Instagram m'a répondu qu'ils allaient honorer mon opposition, ça couvre quoi ?"),
        ("it", "Meta ha accolto la mia opposizione su Facebook. E adesso cosa faccio?"),
        ("pt", "A Meta aceitou minha oposição no Instagram. Tem mais alguma coisa pra fazer?"),
    ],
)
def test_an_accepted_objection_is_not_answered_with_a_complaint(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    assert kb.matcher(language).match(text).goal != Goal.escalate


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "meta rejected my objection on facebook, what can i do now?"),
        ("it", "Meta ha rifiutato la mia opposizione su Facebook. E adesso cosa faccio?"),
    ],
)
def test_a_refused_objection_is_still_the_complaint(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    assert kb.matcher(language).match(text).goal == Goal.escalate
