"""Wave 13: what bench/data/conversations_dev13.yaml showed the conversation misread — an
onboarding answer corrected on the way, a question back at a step, being stuck on the steps, a
letter asked for, the app just answered (the phrasings here are others of the same kinds)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.profile import Step
from bot.vocabulary import Goal
from tests.conftest import PERSONAL


@pytest.mark.parametrize(
    ("language", "said", "country"),
    [
        ("en", "spain, no wait, portugal", "PT"),
        ("en", "france - oops, belgium", "BE"),
        ("de", "Schweiz – nein warte, Österreich", "AT"),
        ("it", "Francia... anzi no, Svizzera", "CH"),
        ("pt", "Espanha, ou melhor, Portugal", "PT"),
    ],
)
def test_a_country_corrected_in_the_same_message_is_the_one_meant(chat, language, said, country):
    chat.start(language)
    reply = chat.say(said)
    assert chat.profile.country == country and reply.kind == Kind.ask_platforms


@pytest.mark.parametrize(
    ("said", "apps"),
    [
        ("instagram – no wait, facebook", ["facebook"]),
        ("messenger and whatsapp, i don't use instagram", ["whatsapp", "messenger"]),
    ],
)
def test_apps_corrected_or_denied_in_the_same_message_are_read_as_meant(chat, said, apps):
    chat.start()
    chat.say("Ireland")
    chat.say(said)
    assert chat.profile.platforms == apps and chat.profile.step == Step.account


@pytest.mark.parametrize(
    ("language", "question"),
    [
        ("en", "why do you even need my country?"),
        ("de", "wozu brauchst du das?"),
        ("es", "¿y para qué quieres saber dónde vivo?"),
    ],
)
def test_asking_why_the_country_is_asked_is_answered_and_the_step_asked_again(
    chat, language, question
):
    chat.start(language)
    reply = chat.say(question)
    assert reply.kind == Kind.ask_country and chat.profile.country is None
    assert len(reply.replies) == 2  # why, then the question again


def test_asking_what_an_account_type_means_explains_it_and_stores_nothing(chat):
    chat.start()
    chat.say("Ireland")
    chat.say("instagram")
    reply = chat.say("what counts as a business account though?")
    assert reply.kind == Kind.ask_account and chat.profile.account is None
    assert chat.say("then personal").kind != Kind.ask_account
    assert chat.profile.account == "personal"


def test_an_answer_beside_a_question_back_still_answers_the_step(chat):
    chat.start("it")
    chat.say("Italia")
    reply = chat.say("solo facebook. ma a cosa ti serve saperlo?")
    assert chat.profile.platforms == ["facebook"] and reply.kind == Kind.ask_account


def test_a_question_about_meta_at_the_country_step_is_held_not_taken_for_why(chat):
    chat.start()
    chat.say("why is meta allowed to train its ai on my photos?")
    chat.say("Ireland")
    chat.say("instagram")
    reply = chat.say("personal")
    assert reply.answered is not None and reply.answered.goal in (
        Goal.stop_training,
        Goal.regulation,
    )


@pytest.mark.parametrize(
    ("language", "country", "question", "stuck"),
    [
        ("en", "Ireland", "turn off ai personalization on instagram", "i cant find that setting"),
        ("en", "Ireland", "turn off ai personalization on instagram", "nope, doesnt work"),
        ("de", "Österreich", "KI-Personalisierung auf Instagram abschalten", "finde ich nicht"),
        ("it", "Italia", "disattivare la personalizzazione IA su instagram", "non la trovo"),
        ("es", "España", "desactivar la personalización de IA en instagram", "no me aparece"),
    ],
)
def test_stuck_on_the_steps_gets_the_last_answer_again(chat, language, country, question, stuck):
    chat.onboard(country, "instagram", PERSONAL[language], language)
    first = chat.say(question).answered
    assert first is not None and first.goal == Goal.ai_personalization
    reply = chat.say(stuck)
    assert reply.answered is not None and reply.answered.goal == Goal.ai_personalization
    assert reply.answered.platform == "instagram"


@pytest.mark.parametrize(
    ("language", "country", "question", "goal", "letter"),
    [
        ("en", "Ireland", "how do i object to ai training", Goal.stop_training, "got a letter?"),
        ("en", "Ireland", "meta ignored my objection", Goal.escalate, "any template i can send"),
        ("fr", "France", "meta a refusé mon opposition", Goal.escalate, "t'as une lettre ?"),
        (
            "it",
            "Italia",
            "come mi oppongo all'addestramento",
            Goal.stop_training,
            "c'è un fac simile?",
        ),
    ],
)
def test_a_letter_asked_for_after_an_answer_that_offers_one_is_that_answer(
    chat, language, country, question, goal, letter
):
    chat.onboard(country, "instagram", PERSONAL[language], language)
    assert chat.say(question).answered.goal == goal
    reply = chat.say(letter)
    assert reply.answered is not None and reply.answered.goal == goal


@pytest.mark.parametrize(
    ("language", "country", "follow_up"),
    [
        ("en", "Ireland", "and if i just delete my account?"),
        ("en", "Ireland", "can i hide the meta ai button in that app"),
        ("fr", "France", "et si je supprime mon compte ?"),
        ("pt", "Portugal", "e se eu apagar a conta?"),
    ],
)
def test_a_follow_up_naming_no_app_stays_with_the_app_just_answered(
    chat, language, country, follow_up
):
    chat.onboard(country, "facebook, instagram", PERSONAL[language], language)
    first = chat.say("instagram ai training opt out").answered
    assert first is not None and first.platform == "instagram"
    reply = chat.say(follow_up)
    assert reply.answered is not None and reply.answered.platform == "instagram"


def test_a_pointing_question_with_a_verb_of_its_own_asks_that(chat):
    chat.onboard("Ireland", "facebook")
    chat.say("if i delete facebook will their ai forget what it learned from me")
    reply = chat.say("so how do i delete it then")
    assert reply.answered is not None and reply.answered.goal == Goal.delete_account


def test_stopping_that_after_what_meta_ai_uses_is_stopping_that_use(chat):
    chat.onboard("Ireland", "facebook, instagram")
    assert chat.say("is meta allowed to use my kids pictures for ai").answered is not None
    reply = chat.say("how do i stop that on instagram")
    assert reply.answered is not None and reply.answered.goal == Goal.stop_training


@pytest.mark.parametrize(
    ("language", "country", "again"),
    [
        ("de", "Deutschland", "kannst du das einfacher sagen?"),
        ("pt", "Brasil", "consegue resumir?"),
    ],
)
def test_asking_to_say_it_shorter_with_a_verb_answers_again(chat, language, country, again):
    chat.onboard(country, "whatsapp", PERSONAL[language], language)
    first = chat.say("meta ai whatsapp ausblenden" if language == "de" else "tirar meta ai do zap")
    assert first.answered is not None
    reply = chat.say(again)
    assert reply.answered is not None and reply.answered.goal == first.answered.goal


def test_a_move_told_with_an_app_added_changes_both(chat):
    chat.onboard("Francia", "facebook", PERSONAL["it"], "it")
    chat.say("come scollego le app collegate a facebook")
    reply = chat.say("mi sono trasferita a Vienna e ora uso anche whatsapp")
    assert reply.kind == Kind.profile_changed
    assert chat.profile.country == "AT" and chat.profile.platforms == ["facebook", "whatsapp"]


def test_a_reaction_made_only_of_doubt_is_the_last_answer_again(chat):
    chat.onboard("Deutschland", "whatsapp", PERSONAL["de"], "de")
    first = chat.say("wie entferne ich den meta ai kreis aus whatsapp").answered
    assert first is not None and first.goal == Goal.remove_chatbot
    reply = chat.say("Echt? Bist du sicher?")
    assert reply.answered is not None and reply.answered.goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    ("language", "country", "question", "app"),
    [
        ("en", "Ireland", "if i delete my fb account, will the ai forget me?", "facebook"),
        ("es", "España", "si borro mi cuenta de insta, ¿la IA se olvida de mí?", "instagram"),
    ],
)
def test_a_condition_naming_the_app_belongs_to_the_question(chat, language, country, question, app):
    chat.onboard(country, "facebook, instagram", PERSONAL[language], language)
    reply = chat.say(question)
    assert reply.answered is not None and reply.answered.platform == app


def test_a_follow_up_word_then_a_verb_of_its_own_asks_that(chat):
    chat.onboard("France", "instagram", PERSONAL["fr"], "fr")
    assert chat.say("si je supprime insta, l'IA oublie mes photos ?").answered is not None
    reply = chat.say("et comment je le supprime alors")
    assert reply.answered is not None and reply.answered.goal == Goal.delete_account
