"""Wave 14 (English): kinds the wave-14 tune-on sets showed misread (people who already acted,
complaints instead of questions, close negatives), fixed in knowledge/matching/en.yaml. Each
case is a new phrasing of its kind, not a set's question."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


def _goal(kb: KnowledgeBase, text: str) -> Goal | None:
    return kb.matcher("en").match(text).goal


@pytest.mark.parametrize(
    "text",
    [
        "all my holiday photos are just food for meta's ai now, how do i stop it",
        "tired of my reels being fodder for their ai",
        "everything i upload is more food for the ai, i want out",
    ],
)
def test_a_complaint_that_posts_feed_the_ai_is_stopping_training(kb, text):
    assert _goal(kb, text) == Goal.stop_training


@pytest.mark.parametrize(
    "text",
    [
        "deactivated my instagram weeks ago and they still have all my photos?",
        "i deactivated facebook months ago, why do they still have my stuff",
    ],
)
def test_deactivated_long_ago_is_about_the_account_not_a_refusal(kb, text):
    assert _goal(kb, text) == Goal.delete_account


@pytest.mark.parametrize(
    "text",
    [
        "what does meta ai draw on when it answers, my messages too?",
        "what does instagram do with my voice notes",
        "do meta's glasses send what im seeing to their ai",
        "does whatsapp sell my data to advertisers",
        "out of whatsapp and messenger which is the worst for privacy",
        "are my only me photos used by the ai",
    ],
)
def test_what_meta_draws_on_or_does_with_data_is_what_it_collects(kb, text):
    assert _goal(kb, text) == Goal.what_collected


@pytest.mark.parametrize(
    "text",
    [
        "got a privacy policy update from instagram about ai, do i need to do anything",
        "the facebook email about ai came, how do i say no",
        "the notification says theyre updating their privacy policy for ai, do i have to act",
    ],
)
def test_metas_notice_in_its_own_words_is_the_objection(kb, text):
    assert _goal(kb, text) == Goal.stop_training


@pytest.mark.parametrize(
    "text",
    [
        "so many options in instagram, what really matters",
        "i need a 10 minute list for my mums facebook",
        "did i miss anything on whatsapp or is that all",
    ],
)
def test_what_matters_and_what_is_left_are_quick_wins(kb, text):
    assert _goal(kb, text) == Goal.quick_wins


@pytest.mark.parametrize(
    "text",
    [
        "how do i delete my chats with meta ai on instagram",
        "i wiped my conversation with meta ai, is it really gone",
    ],
)
def test_chats_with_meta_ai_are_ones_history(kb, text):
    assert _goal(kb, text) == Goal.delete_specific_data


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # an objection answered with a yes: is that it
        (
            "facebook wrote that my objection was accepted, does that cover instagram too",
            Goal.stop_training,
        ),
        ("instagram accepted my objection, am i covered on facebook too", Goal.stop_training),
        # with a yes, what was already used is the trained data
        ("my objection was granted but what about the photos they already used", Goal.trained_data),
        # "cannot honour" is a refusal
        ("instagram says it cant honour my objection, where do i complain", Goal.escalate),
    ],
)
def test_an_objection_answered(kb, text, goal):
    assert _goal(kb, text) == goal


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("how to turn off personalizashun on instagram", Goal.ai_personalization),
        ("if i remove an app from my account can it still use my data", Goal.connected_apps),
        ("instagram trains on my data by default? how do i say no", Goal.stop_training),
        ("should i use messenger.com instead of the app to see less ai", Goal.browser_vs_app),
    ],
)
def test_other_kinds_read_right(kb, text, goal):
    assert _goal(kb, text) == goal


@pytest.mark.parametrize(
    "text",
    [
        # close negatives: features of the apps that share words with a goal
        "how do i remove someone from my close friends list",
        "where do i check my screen time on facebook",
        "cancel my subscription to a creator on facebook",
        "how do i stop seeing suggested reels on instagram",
        "facebook stopped my ad for being political, how do i get it approved",
        # another body, another law, another company
        "the council refused my objection to a parking ticket, what now",
        "whats gdpr",
        "what does ccpa stand for",
        "does the ai act cover the app our startup is building",
        "linkedin uses my data for ai too, same as meta?",
    ],
)
def test_not_ours(kb, text):
    assert _goal(kb, text) is None
