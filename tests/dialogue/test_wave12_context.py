"""Wave 12: what bench/data/conversations_dev12.yaml showed the conversation misread — a place
inside another question taken for "and there?", and more (the phrasings here are others of
the same kinds)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal
from tests.conftest import PERSONAL


@pytest.mark.parametrize(
    "off",
    ["whats the weather in lisbon tomorrow", "cheap flights to madrid", "is it sunny in rome"],
)
def test_a_place_inside_another_question_is_not_the_last_answer_asked_there(chat, off):
    chat.onboard("France", "instagram")
    chat.say("how do i stop instagram training ai on my photos")
    reply = chat.say(off)
    assert reply.answered is None and reply.kind == Kind.out_of_scope


@pytest.mark.parametrize(
    ("follow_up", "country"),
    [
        ("and in the UK?", "GB"),
        ("is it different in brazil", "BR"),
        ("new york?", "US-NY"),
        ("does this apply in ireland too", "IE"),
        ("und in österreich?", "AT"),
    ],
)
def test_a_place_named_after_an_answer_asks_it_there(chat, follow_up, country):
    chat.onboard("France", "instagram")
    chat.say("how do i stop instagram training ai on my photos")
    reply = chat.say(follow_up)
    assert reply.answered is not None and reply.answered.goal == Goal.stop_training
    assert reply.answered.country == country
    assert chat.profile.country == "FR"  # asked about, not moved


@pytest.mark.parametrize(
    ("language", "country", "question", "again"),
    [
        ("en", "Ireland", "how do i hide the meta ai button in whatsapp", "tldr pls"),
        ("en", "Ireland", "how do i hide the meta ai button in whatsapp", "explain that"),
        ("de", "Deutschland", "wie blende ich meta ai in whatsapp aus", "kürzer bitte"),
        ("fr", "France", "comment masquer meta ai dans whatsapp", "en bref ?"),
        ("es", "España", "cómo quito meta ai de whatsapp", "explícame eso"),
        ("it", "Italia", "come tolgo meta ai da whatsapp", "spiegami in parole semplici"),
        ("pt", "Portugal", "como tiro a meta ai do whatsapp", "o que isso quer dizer?"),
    ],
)
def test_asking_the_last_answer_again_in_plainer_words_answers_it_again(
    chat, language, country, question, again
):
    chat.onboard(country, "whatsapp", PERSONAL[language], language)
    first = chat.say(question).answered
    assert first is not None and first.goal == Goal.remove_chatbot
    reply = chat.say(again)
    assert reply.answered is not None and reply.answered.goal == Goal.remove_chatbot


def test_a_question_on_the_same_topic_naming_no_app_stays_with_the_last_answers_app(chat):
    chat.onboard("Canada", "facebook, instagram")
    assert chat.say("if i deactivate fb is my data gone?").answered.platform == "facebook"
    again = chat.say("how long until its actually deleted for real")
    assert again.answered is not None and again.answered.goal == Goal.delete_account
    assert again.answered.platform == "facebook"
    other = chat.say("how do i stop meta ai training on my stuff")
    assert other.answered is not None and other.answered.platform is None  # both apps


def test_a_move_and_a_dropped_app_told_in_one_message_change_both(chat):
    chat.onboard("France", "instagram, facebook")
    chat.say("how do i object to facebook using my data for ai")
    reply = chat.say("i moved to berlin and i stopped using facebook")
    assert reply.kind == Kind.profile_changed
    assert chat.profile.country == "DE" and chat.profile.platforms == ["instagram"]


@pytest.mark.parametrize("again", ["what does that even mean, improve ai?", "explain improve ai"])
def test_asking_what_a_word_of_the_last_answer_means_answers_it_again(chat, again):
    chat.onboard("Spain", "whatsapp")
    chat.say("how to turn off improve ai in whatsapp")
    reply = chat.say(again)
    assert reply.answered is not None and reply.answered.goal == Goal.ai_personalization


def test_in_short_before_a_question_of_its_own_is_that_question(chat):
    chat.onboard("Spain", "instagram")
    chat.say("how do i stop instagram training ai on my photos")
    reply = chat.say("in short, does deactivating instagram delete my data or not")
    assert reply.answered is not None and reply.answered.goal == Goal.delete_account


@pytest.mark.parametrize(
    ("language", "country", "apps", "said"),
    [
        ("es", "España", "instagram", "mi madre quiere que meta no use sus fotos, cómo lo hace?"),
        ("fr", "France", "instagram", "ma fille veut supprimer le sien aussi"),
        ("en", "Ireland", "facebook", "my dad wants meta to stop using his posts for ai"),
        ("pt", "Brasil", "instagram", "minha mãe quer que a meta não use as fotos dela"),
    ],
)
def test_a_relatives_wish_about_their_things_is_about_their_account(
    chat, language, country, apps, said
):
    chat.onboard(country, apps, PERSONAL[language], language)
    assert chat.say(said).kind == Kind.other_account


def test_meta_s_ai_called_theirs_beside_a_relative_is_still_ones_own_question(chat):
    chat.onboard("France", "instagram", PERSONAL["fr"], "fr")
    reply = chat.say("ma fille dit que meta utilise mes photos pour son IA, comment je refuse ?")
    assert reply.kind == Kind.answer and reply.answered.goal == Goal.stop_training
