"""A first message sent without /start (the console chat, a profile deleted and a new message):
the welcome answers it — a greeting is small talk at the country step, and a place it names is
the answer to "where do you live?", not asked again."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.profile import Step
from bot.vocabulary import Platform


@pytest.mark.parametrize("said", ["hi", "hey there 👋", "Grüezi", "salut", "buongiorno", "oi"])
def test_a_greeting_as_the_first_message_is_small_talk_and_the_country_is_asked(chat, said):
    reply = chat.say(said)
    assert reply.kind == Kind.ask_country and reply.chatted
    assert chat.profile.step == Step.country and chat.profile.country is None


@pytest.mark.parametrize(
    ("said", "country"),
    [("germany", "DE"), ("hi, i'm in lyon", "FR"), ("Hallo, ich wohne in Wien", "AT")],
)
def test_a_place_in_the_first_message_answers_where_the_user_lives(chat, said, country):
    reply = chat.say(said)
    assert reply.kind == Kind.ask_platforms and chat.profile.country == country


def test_a_first_message_naming_a_place_and_apps_saves_both(chat):
    reply = chat.say("i live in rome and only use instagram")
    assert reply.kind == Kind.ask_account
    assert chat.profile.country == "IT" and chat.profile.platforms == [Platform.instagram]


def test_a_first_message_that_is_neither_asks_the_country_without_guessing(chat):
    reply = chat.say("blah blah")
    assert reply.kind == Kind.ask_country and not reply.chatted and chat.profile.country is None
