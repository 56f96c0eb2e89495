"""What a user sees when the bot is unsure or is asked two things at once: an unsure or vague
message gets its three likeliest goals as buttons in one message; a message with nothing to
read gets the examples as buttons; a run-on question gets the first answer and the second
goal offered under it, each for the app it named."""

from __future__ import annotations

import pytest

from bot.callbacks import GoalAsked, parse
from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


def goal_buttons(out):
    return [
        parsed
        for reply in out.replies
        for row in reply.buttons
        for b in row
        if isinstance(parsed := parse(b.data), GoalAsked)
    ]


@pytest.mark.parametrize(
    "said", ["meta ai", "facebook ai settings", "instagram?", "meta", "privacy", "ig ai??"]
)
def test_a_vague_message_offers_three_goals_in_one_message(chat, said):
    chat.onboard("Germany", "instagram")
    out = chat.say(said)
    offered = goal_buttons(out)
    assert out.kind == Kind.didyoumean and len(out.replies) == 1
    assert len({b.goal for b in offered}) == len(offered) == 3


def test_the_guesses_keep_the_app_named(chat):
    chat.onboard("Germany", "instagram and whatsapp")
    out = chat.say("whatsapp ai")
    assert {b.platform for b in goal_buttons(out)} == {Platform.whatsapp}


@pytest.mark.parametrize("said", ["help", "what", "can u help"])
def test_a_message_with_nothing_to_read_gets_examples_to_tap(chat, said):
    chat.onboard("Germany", "instagram")
    out = chat.say(said)
    assert len(out.replies) == 1 and len(goal_buttons(out)) >= 3


def test_a_run_on_question_answers_one_and_offers_the_other(chat):
    chat.onboard("Germany", "instagram and facebook")
    out = chat.say("how do i stop ai training on insta and also delete my fb account")
    assert out.kind == Kind.answer
    answered = (out.answered.goal, out.answered.platform)
    asked = {(Goal.stop_training, Platform.instagram), (Goal.delete_account, Platform.facebook)}
    assert answered in asked
    offered = [(b.goal, b.platform) for b in goal_buttons(out)]
    assert (asked - {answered}) <= set(offered)
    last = out.replies[-1]
    assert "You asked about this too" in last.text
    assert not any("You asked about this too" in r.text for r in out.replies[:-1])


def test_two_apps_for_one_goal_are_one_question(chat):
    chat.onboard("Germany", "instagram, facebook and whatsapp")
    out = chat.say("stop ai training on fb and insta")
    assert out.kind == Kind.answer and out.answered.goal == Goal.stop_training
    assert "Facebook" in chat.text and "Instagram" in chat.text
    assert "You asked about this too" not in chat.text
