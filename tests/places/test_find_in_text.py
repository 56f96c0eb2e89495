"""find_in_text: a place mentioned inside a longer question."""

from __future__ import annotations

import pytest

from bot.places import Gazetteer
from tests.places import code

# --------------------------------------------------------------------------------------------
# find_in_text: a place inside a longer question

IN_TEXT = [
    ("how do i stop ai training im in california", "US-CA"),
    ("as a german user", "DE"),
    ("uk user here", "GB"),
    ("UK user here, how do I object?", "GB"),
    ("I'm in the EU", "region:eu"),
    ("europe", "region:eu"),
    ("is this legal in europe?", "region:eu"),
    ("living in texas", "US-TX"),
    ("in the states", "US"),
    ("I'm in the US", "US"),
    ("can i object from the US", "US"),
    ("Does this work in Germany?", "DE"),
    ("what about the UK?", "GB"),
    ("GDPR in the U.K.", "GB"),
    ("I'm in DE", "DE"),
    ("how do I object from FR", "FR"),
    ("I live in TX", "US-TX"),
    ("im from NY", "US-NY"),
    ("I'm in Georgia, US", "US-GA"),
    ("georgia state resident", "US-GA"),
    ("im in georgia", "GE"),
    ("I live in Turkey", "TR"),
    ("I'm in Ontario", "CA-ON"),
    ("British Columbia here", "CA-BC"),
    ("I'm in New South Wales", "AU-NSW"),
    ("Ja ich wohne in Bayern", "DE-BY"),
    ("brazilian user", "BR"),
    ("what does Meta do with my data in Brasil", "BR"),
    ("🇫🇷 user, how do I stop this", "FR"),
    ("I'm american living in germany", "DE"),
    ("I live in the Netherlands, the EU", "NL"),
    ("i'm in california, usa", "US-CA"),
    ("does instagram train on my photos in Österreich", "AT"),
    ("I'm in CA", "CA"),  # documented: ISO first, like a bare answer
]


@pytest.mark.parametrize(("text", "expected"), IN_TEXT)
def test_find_in_text(g: Gazetteer, text: str, expected: str) -> None:
    assert code(g.find_in_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "can you help me",
        "tell us how to stop it",
        "what is it",
        "I use de app",
        "is it on in my app",
        "How do I stop Meta AI",  # "AI" is Anguilla's code
        "AI",
        "IN the app settings",
        "my IT guy set it up",
        "OK thanks",
        "DM me the steps",
        "what is my ID",
        "NO",
        "HOW DO I STOP META AI TRAINING CAN YOU HELP US",
        "COMO IN AO instagram ai",  # capitals shouted, the preposition's too: not "in Angola"
        "WHAT ABOUT IN DE app",
        "can you answer in German",  # a language, not a place
        "translate to french please",
        "french fries are great",
        "is my turkey recipe used for training",
        "Chad told me about this",
        "Jordan said it's fine",
        "new york times article about meta",
        "washington post says",
        "the island of misfit toys",
        "a b c d e f g",
        "i moved from Germany to France",  # two places, neither clearly home
        "germany or france?",
        "north america",
        "virginia told me",
        "whatsapp",
        "can i delete my account",
        "es de la app",
        "",
    ],
)
def test_find_in_text_ignores_ordinary_words(g: Gazetteer, text: str) -> None:
    assert g.find_in_text(text) is None


def test_find_in_text_is_stricter_than_resolve(g: Gazetteer) -> None:
    """The same short word is an answer on its own but not inside a question."""
    assert code(g.resolve("de")) == "DE"
    assert g.find_in_text("is de setting gone") is None
    assert code(g.resolve("us")) == "US"
    assert g.find_in_text("help us") is None
    assert code(g.resolve("Ontario")) == "CA-ON"
    assert g.find_in_text("ontario") is None
