"""Question matching: what users notice is that typos, slang, casing, punctuation, word order
and emoji do not change the answer, that other companies are not answered from Meta's cards,
and that an unclear question gets a choice instead of a confident guess."""

from __future__ import annotations

import pytest

from bot.matching import MAX_ALTERNATIVES
from bot.vocabulary import Goal, Platform, Region

SAME_QUESTION = [
    "how do I stop instagram ai training",
    "HOW DO I STOP INSTAGRAM AI TRAINING!!!",
    "how do i stop instagarm ai trainng",
    "instagram ai training — how do I stop it?",
    "stop insta ai training pls",
    "ig: stop the ai training",
    "📸 stop ai training",
    "how do i stop instagram's ai from training",
]


@pytest.mark.parametrize("text", SAME_QUESTION)
def test_variants_of_one_question_get_one_answer(matcher, text):
    m = matcher.match(text)
    assert (m.goal, m.platform) == (Goal.stop_training, Platform.instagram), m


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("delete fb", Platform.facebook),
        ("delete my facebok account", Platform.facebook),
        ("turn off meta ai in wa", Platform.whatsapp),
        ("whatsap meta ai button remove", Platform.whatsapp),
        ("remove meta ai from messenger", Platform.messenger),
        ("the gram is training ai on my pics, stop it", Platform.instagram),
    ],
)
def test_platform_slang_and_typos(matcher, text, platform):
    assert matcher.match(text).platform == platform


def test_several_platforms_are_all_found(matcher):
    m = matcher.match("stop ai training on facebook and instagram")
    assert m.platforms == (Platform.facebook, Platform.instagram)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("im in california, how do i stop meta ai training", Region.us_ca),
        ("uk user here: how to object to meta ai training", Region.uk),
        ("I live in Germany — can I object to Meta AI training?", Region.eu),
        ("as a texan can i opt out of meta ai training", Region.us_other),
    ],
)
def test_place_in_the_question(matcher, text, region):
    m = matcher.match(text)
    assert m.place is not None and m.place.region == region
    assert m.goal == Goal.stop_training


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("how do i stop tiktok using my videos for ai", "company:tiktok"),
        ("turn off gemini in gmail", "company:google"),
        ("does chatgpt train on my chats", "company:openai"),
        ("my instagram got hacked what do i do", "topic:recovery"),
        ("forgot my facebook password", "topic:recovery"),
        ("how do i post a reel", "topic:usage"),
        ("can meta ai write my essay", "topic:usage"),
        ("what's the weather tomorrow", "topic"),
        ("asdfghjkl", ""),
    ],
)
def test_out_of_scope_is_not_answered(matcher, text, reason):
    m = matcher.match(text)
    assert m.goal is None
    assert (m.out_of_scope or "").startswith(reason)


def test_unclear_question_gets_alternatives_not_an_answer(matcher):
    m = matcher.match("meta ai")
    assert m.goal is None
    assert 1 <= len(m.alternatives) <= MAX_ALTERNATIVES


def test_alternatives_are_at_most_three_and_exclude_the_answer(matcher):
    m = matcher.match("remove meta ai from my chats")
    assert len(m.alternatives) <= MAX_ALTERNATIVES
    assert m.goal not in m.alternatives


def test_meta_named_next_to_another_company_stays_in_scope(matcher):
    m = matcher.match("like tiktok, can i stop instagram training ai on my photos")
    assert m.goal == Goal.stop_training


def test_confidence_is_between_zero_and_one(matcher):
    for text in [*SAME_QUESTION, "", "x", "meta", "delete"]:
        assert 0.0 <= matcher.match(text).confidence <= 1.0


def test_sub_topic_cards_are_ranked_by_the_question(matcher):
    assert matcher.match("what does the eu ai act require of meta").cards[0] == (
        "regulation.eu_ai_act"
    )
    assert matcher.match("did the irish dpc fine meta over gdpr").cards[0] == (
        "regulation.gdpr_enforcement"
    )
