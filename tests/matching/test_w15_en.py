"""Wave 15 (English): kinds the wave-15 tune-on sets showed misread (complaints instead of
questions, people who already acted, one app's objection and the others, close negatives about
the phone), fixed in knowledge/matching/en.yaml. Each case is a new phrasing of its kind, not a
set's question."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


def _goal(kb: KnowledgeBase, text: str) -> Goal | None:
    return kb.matcher("en").match(text).goal


@pytest.mark.parametrize(
    "text",
    [
        "facebook keeps using my pictures for their ai and i hate it",
        "instagram is using my posts for ai without asking and i really hate that",
        "i hate that meta uses my photos for its ai",
    ],
)
def test_a_complaint_that_data_is_used_for_ai_is_stopping_training(kb, text):
    assert _goal(kb, text) == Goal.stop_training


@pytest.mark.parametrize(
    "text",
    [
        "meta ai knows too much about me, how do i make it forget my stuff in its answers",
        "the ai brought up my old posts when i asked it about holidays, can i stop that",
        "meta ai mentioned my birthday party pics out of nowhere, turn that off",
    ],
)
def test_meta_ai_knowing_or_bringing_up_ones_things_is_personalization(kb, text):
    assert _goal(kb, text) == Goal.ai_personalization


def test_deleting_the_app_or_is_turning_ai_off_enough_is_deleting(kb):
    text = "should i just delete instagram or is turning off the ai enough"
    assert _goal(kb, text) == Goal.delete_account


@pytest.mark.parametrize(
    "text",
    ["what do they take from my phone exactly", "what does instagram take when i scroll"],
)
def test_what_they_take_is_what_is_collected(kb, text):
    assert _goal(kb, text) == Goal.what_collected


@pytest.mark.parametrize(
    "text",
    [
        "give me the three things i should change in my settings",
        "what are the 3 things that matter for my privacy",
    ],
)
def test_a_short_numbered_list_of_things_is_quick_wins(kb, text):
    assert _goal(kb, text) == Goal.quick_wins


def test_a_refusal_then_what_now_is_still_escalating(kb):
    assert _goal(kb, "instagram refused my objection, what now") == Goal.escalate


@pytest.mark.parametrize(
    "text",
    [
        "i objected on facebook, do i have to do it again on instagram?",
        "does one objection cover whatsapp or do i send it separately",
        "is one form enough or do i have to do it twice",
    ],
)
def test_one_apps_objection_and_the_others_is_stopping_training(kb, text):
    assert _goal(kb, text) == Goal.stop_training


@pytest.mark.parametrize(
    "text",
    [
        "where are my whatsapp photos saved on my phone gallery",
        "instagram drains my battery, any fix?",
    ],
)
def test_the_apps_battery_and_gallery_are_not_ours(kb, text):
    assert _goal(kb, text) is None


@pytest.mark.parametrize(
    "text",
    [
        "what can and cant i do about meta ai",
        "honestly what can i control and what cant i with all this ai stuff",
    ],
)
def test_what_one_can_and_cannot_do_is_the_overview(kb, text):
    assert _goal(kb, text) == Goal.overview


@pytest.mark.parametrize(
    "text",
    [
        "can i send the objection for my instagram too or only for facebook",
        "i objected on fb, does it apply to instagram as well or separately",
    ],
)
def test_objecting_for_another_app_too_is_stopping_training(kb, text):
    assert _goal(kb, text) == Goal.stop_training
