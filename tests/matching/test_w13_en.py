"""Wave 13 (English): kinds the wave-13 tune-on sets showed misread, fixed in
knowledge/matching/en.yaml. Each case is a new phrasing of its kind, not a set's question."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal

IN_SCOPE = [
    # whether Meta or its AI sees, keeps or gets to use something (beside a topic's words)
    ("does the ai see my private story", Goal.what_collected),
    ("is facebook allowed to use my private albums?", Goal.what_collected),
    ("does meta get to use the clips from my smart glasses for training", Goal.what_collected),
    ("is meta allowed to use my only me photos", Goal.what_collected),
    # "for their ai" (and its misspelling) with words between the use and the AI
    ("is instagram using my dms for their ai", Goal.what_collected),
    ("can meta take my photos for there ai", Goal.what_collected),
    ("are the voice notes i send on whatsapp saved for its ai", Goal.what_collected),
    # Meta AI tailoring its answers to what it knows of one
    ("meta ai tailors its answers with my city, how do i stop that", Goal.ai_personalization),
    ("it knows i like hiking, how do i stop meta ai figuring me out", Goal.ai_personalization),
    ("how do i stop the assistant tailoring its replies to my profile", Goal.ai_personalization),
    # keeping the account, said with another verb than "delete"
    (
        "i dont want to close my instagram, only get rid of some old reels",
        Goal.delete_specific_data,
    ),
    ("i dont want to deactivate, just delete my old comments", Goal.delete_specific_data),
    ("rather not delete my account, just some photos from 2015", Goal.delete_specific_data),
    ("delete old tagged photos but keep my facebook", Goal.delete_specific_data),
    ("i dont want to close facebook, i just want my old statuses gone", Goal.delete_specific_data),
    (
        "not closing my account, only want old stuff removed before the ai sees it",
        Goal.delete_specific_data,
    ),
    # someone above Meta to take a refused objection to
    ("meta ignored my objection, is there anyone above facebook i can go to", Goal.escalate),
    ("instagram refused my opt out, how do i take it further", Goal.escalate),
    # a refused objection: the objection named does not make it a new one
    ("meta refused my objection to ai training, i want to complain", Goal.escalate),
    ("instagram rejected my objection, what next", Goal.escalate),
    # Nigerian pidgin fillers are not another service's name
    ("abeg how i go stop meta ai from training on my pictures", Goal.stop_training),
    # "out of my business" is an idiom, not a business
    ("how do i keep zuck out of my business, whats the fastest thing", Goal.quick_wins),
    # a law one does not have is where one lives, not a question about the law
    ("we dont have gdpr here in the us, what can i do about meta ai training", Goal.stop_training),
    ("no gdpr in my country, can i still object to instagram", Goal.stop_training),
    # German "löschen" in an English question
    ("wie lösche ich mein instagram account", Goal.delete_account),
    ("how do i loschen my facebook", Goal.delete_account),
    # the browser instead of the apps, beside "log out"
    ("should i log out of facebook and use the browser instead", Goal.browser_vs_app),
    ("is it safer to delete the app and use the website instead", Goal.browser_vs_app),
    # a button for one's data and AI is the objection, not Meta AI's button
    ("where is the switch that says dont use my data for ai on facebook", Goal.stop_training),
    ("where do i find the button to stop my data being used for their ai", Goal.stop_training),
    # Meta AI sent out of a group chat
    ("how do i kick meta ai out of our family chat", Goal.stop_ai_replies),
    ("kicked meta ai out of the group but it came back", Goal.stop_ai_replies),
]


@pytest.mark.parametrize(("text", "goal"), IN_SCOPE)
def test_a_kind_read_right(kb: KnowledgeBase, text: str, goal: Goal) -> None:
    assert kb.matcher("en").match(text).goal == goal


@pytest.mark.parametrize(
    "text",
    [
        # asking Meta AI a question of the day
        "ask meta ai who won the game yesterday",
        # X (Twitter) named by its one letter
        "opt out of x training grok on my posts",
        "stop x using my tweets for ai",
        "is there a setting on x to stop ai training",
        # logging out, with no browser weighed against the app
        "how to log out of facebook on all devices",
        "instagram keeps logging me out",
    ],
)
def test_not_ours(kb: KnowledgeBase, text: str) -> None:
    assert kb.matcher("en").match(text).goal is None


@pytest.mark.parametrize(
    "question",
    ["right ok, and for my own account how do i object", "right so how do i object then"],
)
def test_agreeing_right_before_a_question_is_not_a_legal_right(kb, question):
    assert kb.matcher("en").match(question).goal != Goal.regulation


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # "my whole feed" is the news feed, not feeding the AI (chat_fresh11, after wave 13)
        (
            "my whole feed is full of imagine with meta ai buttons, how do i turn those off",
            Goal.remove_chatbot,
        ),
        # things one talked about, shown back: personalisation, not Meta AI replying
        (
            "creepy, instagram shows me stuff i only talked about in dms with the ai, "
            "how do i make it stop",
            Goal.ai_personalization,
        ),
    ],
)
def test_a_feed_and_things_talked_about_are_not_training_or_replies(kb, question, goal):
    assert kb.matcher("en").match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "what does meta ai even get from whatsapp",
        "so what does meta ai get from my messenger",
    ],
)
def test_what_the_ai_gets_from_an_app_is_what_meta_ai_uses(kb, question):
    assert kb.matcher("en").match(question).goal == Goal.what_collected
