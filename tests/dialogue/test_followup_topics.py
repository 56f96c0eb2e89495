"""Wave 11: what a short follow-up means after an answer, greetings that name the language, an
action said alone, apps named in another language at the apps step (bench/data/
conversations_dev3.yaml showed each; the phrasings here are others of the same kinds)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    "follow_up",
    ["and what if they ignore it?", "what if they dont even answer", "and if they refuse?"],
)
def test_a_refusal_supposed_after_the_objection_is_the_complaint(chat, follow_up):
    chat.onboard("Germany", "instagram")
    assert chat.say("how do i object to meta training ai on my posts").answered.goal == (
        Goal.stop_training
    )
    assert chat.say(follow_up).answered.goal == Goal.escalate


def test_it_means_what_the_last_answer_was_about(chat):
    """ "it" after an answer on AI training is the training, not Meta in general."""
    chat.onboard("Spain", "instagram")
    chat.say("will meta train its ai on my instagram photos")
    assert chat.say("no no, i mean how can i stop it").answered.goal == Goal.stop_training


def test_a_long_pointing_question_about_the_last_answer_is_answered(chat):
    chat.onboard("Netherlands", "facebook")
    chat.say("should i use facebook in a browser rather than the app")
    again = chat.say("no i mean does it really make any difference or is it the same thing")
    assert again.answered is not None and again.answered.goal == Goal.browser_vs_app


def test_a_question_unrelated_to_the_last_answer_still_is_not_a_follow_up(chat):
    chat.onboard("UK", "facebook")
    chat.say("how do i delete my facebook for good")
    off = chat.say("is it going to snow at the weekend")
    assert off.answered is None and off.kind == Kind.out_of_scope


@pytest.mark.parametrize(
    ("language", "word", "offered"),
    [
        ("en", "delete", {Goal.delete_account, Goal.delete_specific_data}),
        ("de", "löschen", {Goal.delete_account, Goal.delete_specific_data}),
        ("en", "stop", {Goal.stop_training, Goal.stop_ai_replies}),
    ],
)
def test_an_action_said_alone_offers_the_goals_it_acts_in(chat, language, word, offered):
    chat.onboard("France", "facebook", language=language)
    out = chat.say(word)
    assert out.kind == Kind.didyoumean
    assert out.match is not None and offered <= set(out.match.alternatives)


@pytest.mark.parametrize(
    ("greeting", "language"),
    [("hola", "es"), ("Hallo!", "de"), ("bonjour", "fr"), ("ciao", "it"), ("olá", "pt")],
)
def test_a_first_greeting_of_one_language_switches_to_it(chat, greeting, language):
    out = chat.say(greeting)
    assert out.kind == Kind.ask_country
    assert chat.profile is not None and chat.profile.language == language


@pytest.mark.parametrize("greeting", ["hey", "hello", "hi!"])
def test_a_greeting_many_languages_share_keeps_english(chat, greeting):
    chat.say(greeting)
    assert chat.profile is not None and chat.profile.language == "en"


def test_after_onboarding_a_foreign_greeting_does_not_switch(chat):
    chat.onboard("UK", "facebook")
    chat.say("ciao")
    assert chat.profile is not None and chat.profile.language == "en"


def test_apps_named_the_way_another_language_does_are_read_at_the_apps_step(chat):
    """ "face y whats" before the conversation's language is known: Spanish and Portuguese
    names for Facebook and WhatsApp, which English reads as words."""
    chat.command("start")
    chat.say("Mexico")
    out = chat.say("face y whats")
    assert out.kind == Kind.ask_account
    assert chat.profile is not None
    assert set(chat.profile.platforms) == {Platform.facebook, Platform.whatsapp}


def test_a_refusal_supposed_in_german_is_the_complaint(chat):
    chat.onboard("Deutschland", "instagram", "privat", language="de")
    chat.say("wie widerspreche ich dem KI-Training bei Instagram")
    assert chat.say("und was, wenn sie es ablehnen?").answered.goal == Goal.escalate


@pytest.mark.parametrize(
    ("language", "country", "correction"),
    [
        ("es", "Colombia", "perdona, la cuenta es personal, no de empresa"),
        ("pt", "Brasil", "desculpa, a conta é pessoal, não de empresa"),
        ("en", "Ireland", "sorry, the account is a personal one, not a business"),
    ],
)
def test_the_account_type_corrected_in_words(chat, language, country, correction):
    chat.onboard(country, "facebook", "business", language=language)
    out = chat.say(correction)
    assert out.kind == Kind.profile_changed
    assert chat.profile is not None and chat.profile.account == "personal"


def test_a_boyfriends_account_is_someone_elses(chat):
    chat.onboard("Italia", "facebook", "personale", language="it")
    chat.say("come tolgo meta ai da facebook")
    assert chat.say("il mio ragazzo vorrebbe farlo anche sul suo profilo").kind == (
        Kind.other_account
    )


def test_another_company_asked_about_briefly_is_not_small_talk(chat):
    chat.onboard("France", "instagram", language="fr")
    chat.say("comment je m'oppose à l'entraînement de l'IA sur insta")
    out = chat.say("et pour tiktok pareil ?")
    assert out.kind == Kind.out_of_scope


@pytest.mark.parametrize(
    ("language", "country", "question", "doubt"),
    [
        ("en", "UK", "can i remove meta ai from whatsapp", "why not?? that's silly"),
        ("en", "UK", "can i remove meta ai from whatsapp", "hm, are you sure about that?"),
        ("fr", "France", "je peux enlever meta ai de whatsapp ?", "mais pourquoi ?"),
        ("es", "España", "¿puedo quitar meta ai de whatsapp?", "¿en serio? ¿no hay otra forma?"),
        ("pt", "Portugal", "posso tirar a meta ai do whatsapp?", "é verdade isso?"),
    ],
)
def test_doubting_the_last_answer_gets_it_again(chat, language, country, question, doubt):
    chat.onboard(country, "whatsapp", language=language)
    goal = chat.say(question).answered.goal
    again = chat.say(doubt)
    assert again.kind == Kind.answer and again.answered.goal == goal


@pytest.mark.parametrize(
    ("reply", "account"),
    [
        ("it's for my flower shop, we have a page", "business"),
        ("Das ist für unsere Bäckerei", "business"),
        ("c'est pour mon restaurant", "business"),
        ("just a normal one, not a business", "personal"),
        ("not personal, it's the company one", "business"),
    ],
)
def test_the_account_step_reads_a_sentence(chat, reply, account):
    chat.command("start")
    chat.say("Ireland")
    chat.say("facebook")
    chat.say(reply)
    assert chat.profile is not None and chat.profile.account == account


def test_the_app_meant_is_the_one_before_not(chat):
    chat.onboard("Ireland", "facebook and whatsapp")
    chat.say("turn off the ai personalisation on facebook")
    again = chat.say("sorry i meant whatsapp not facebook")
    assert again.answered is not None and again.answered.platform == Platform.whatsapp


def test_a_long_goodbye_is_small_talk(chat):
    chat.onboard("Ireland", "facebook")
    chat.say("can meta ai read my messages")
    assert chat.say("ok good to know, thats all, bye").kind == Kind.smalltalk


def test_apps_then_a_question_at_the_apps_step_keep_both(chat):
    chat.command("start")
    chat.say("Dublin")
    out = chat.say("whatsapp and messenger. oh and can meta ai read my group chats?")
    assert out.kind == Kind.ask_account
    assert chat.profile is not None
    assert set(chat.profile.platforms) == {Platform.whatsapp, Platform.messenger}
    assert "Noted" in chat.text  # the question is kept, and said so
    answered = chat.say("personal")
    assert answered.answered is not None and answered.answered.goal == Goal.what_collected
