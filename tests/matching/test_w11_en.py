"""Wave 11, English: kinds the new development questions (/work/wave11, written by helpers the
way older, dictating and non-native writers message) showed misread; phrasings our own."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # the assistant described by how it looks, and taken away
        ("that rainbow circle in my whatsapp, can you take it away please", Goal.remove_chatbot),
        ("i dont want to see the purple ring on messenger ever again", Goal.remove_chatbot),
        ("facebook search just says ask meta ai, i want to search normally", Goal.remove_chatbot),
        # what one searched for is history, not the search bar
        ("how do i clear the things i searched for on instagram", Goal.delete_specific_data),
        # a typo is not a service's name
        ("my grandaughter wants me to delete my old facebook posts", Goal.delete_specific_data),
        # someone who told us about the browser is not the subject of the question
        (
            "my neighbour says the browser has less ai than the app, is that true",
            Goal.browser_vs_app,
        ),
        # a lawsuit over the training is the legal context
        ("is there a class action against meta over ai training", Goal.regulation),
    ],
)
def test_a_kind_read_right(kb: KnowledgeBase, text: str, goal: Goal) -> None:
    assert kb.matcher("en").match(text).goal == goal


def test_hearsay_about_the_browser_is_ours_in_german_too(kb: KnowledgeBase) -> None:
    text = "Mein Schwager meint, im Browser hat man weniger KI als in der App. Ist das so?"
    assert kb.matcher("de").match(text).goal == Goal.browser_vs_app


@pytest.mark.parametrize(
    "text",
    [
        "can clearview ai take my face off its search engine",
        "does letterboxd sell my watch history",  # a name one letter from a word stays a name
    ],
)
def test_another_company_stays_declined(kb: KnowledgeBase, text: str) -> None:
    match = kb.matcher("en").match(text)
    assert match.goal is None and (match.out_of_scope or "").startswith("company:")


SUBJECTS = ["meta", "facebook", "instagram", "insta", "whatsapp", "messenger", "fb"]
OBJECTS = ["chats", "photos", "dms", "messages", "voice notes"]
FORMS = [
    "how do i stop {s} training on my {o}",
    "can i opt out of {s} training on my {o}",
    "i dont want {s} to train ai with my {o}",
]


@pytest.mark.parametrize("form", FORMS)
def test_meta_training_on_ones_things_is_not_declined_for_another_companys_twin(
    kb: KnowledgeBase, form: str
) -> None:
    """Asked of Meta or its apps, a question is not declined for being close to the same
    question asked of another company ("how do i stop chatgpt training on my chats"), which
    the sentence embedding cannot tell apart by the name."""
    matcher = kb.matcher("en")
    declined = [
        text
        for text in (form.format(s=s, o=o) for s in SUBJECTS for o in OBJECTS)
        if matcher.match(text).goal is None
    ]
    assert not declined


def test_the_same_question_of_another_company_stays_declined(kb: KnowledgeBase) -> None:
    for text in ("how do i stop chatgpt training on my chats", "is signal safer than whatsapp"):
        assert kb.matcher("en").match(text).goal is None, text
