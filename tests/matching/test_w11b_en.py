"""Wave 11 (second English set, /work/wave11/c/en.yaml): kinds that set showed misread — Meta's
notice quoted or paraphrased, the "Ask Meta AI" prompt named by its label, the feed as a place
rather than data, and requests to get Meta AI to do something. Phrasings our own."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # Meta's email or notice about AI, and what to do about it
        (
            "facebook sent me an email about ai and my posts, what do i need to do",
            Goal.stop_training,
        ),
        # the "Ask Meta AI" prompt is the button, and Meta AI is named in it
        ("the ask meta ai thing in my search bar, can i hide it", Goal.remove_chatbot),
        ("can i erase the questions i asked meta ai", Goal.delete_specific_data),
        # one's own pictures kept out of Meta AI: training; the feed is where it shows up
        ("i want my pictures kept out of meta ai", Goal.stop_training),
        ("get meta ai out of my news feed", Goal.remove_chatbot),
        # what deleting does to what the AI learned
        ("if i delete instagram will meta ai forget everything about me", Goal.trained_data),
        # an action on the assistant stays ours beside a task's words
        ("make meta ai shut up in the family group", Goal.stop_ai_replies),
    ],
)
def test_a_kind_read_right(kb: KnowledgeBase, text: str, goal: Goal) -> None:
    assert kb.matcher("en").match(text).goal == goal


@pytest.mark.parametrize(
    "text",
    [
        # getting Meta AI to do a task or play a part
        "ask meta ai to write a poem for my wife",
        "can meta ai speak like shakespeare",
        "how do i make ai stickers on whatsapp",
        "can meta ai summarize the chat for me",
        # paying Meta, and an email from Meta about something other than AI
        "instagram billed me twice for a boost, can i get a refund",
        "email from facebook says my account is suspended",
    ],
)
def test_not_ours(kb: KnowledgeBase, text: str) -> None:
    assert kb.matcher("en").match(text).goal is None
