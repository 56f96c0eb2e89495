"""End to end in Spanish: onboarding by text, a question written the way people message, the
answer card and the objection letter in Spanish, and a question the bot does not cover."""

from __future__ import annotations

import pytest

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


@pytest.fixture
def spaniard(engine: Engine) -> Speaker:
    user = Speaker(engine, "es-ES")
    assert "¿Dónde vives?" in user.command("start")
    assert "Entendido: España" in user.say("vivo en españa")
    assert "Entendido: Instagram, WhatsApp" in user.say("insta y guasap")
    assert "Todo listo" in user.say("personal")
    assert user.profile.language == "es" and user.profile.onboarded
    return user


def test_a_question_in_spanish_gets_the_spanish_card_and_letter(spaniard):
    answer = spaniard.say("como hago q meta no entrene la ia con mis fotos de insta")
    assert "oponerte a que Meta use tus datos para IA" in answer
    assert "en inglés" not in answer, "no part of the card falls back to English"
    letter = spaniard.press("l:objection")
    assert "Me opongo, al amparo del" in letter and "[corchetes]" in letter


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("quiero borrar mi insta para siempre", "puedes eliminar tu cuenta de Instagram"),
        ("como quito meta ai del whatsapp", "La entrada de Meta AI en WhatsApp no se puede quitar"),
        (
            "meta rechazo mi oposicion, donde reclamo",
            "si Meta rechaza tu oposición o no responde en un mes",
        ),
    ],
)
def test_spanish_questions_reach_the_goal_they_ask_about(spaniard, question, title):
    assert title in spaniard.say(question)


def test_account_recovery_in_spanish_is_not_answered_as_a_privacy_question(spaniard):
    answer = spaniard.say("me hackearon el instagram, como recupero mi cuenta")
    assert "Elimina tu cuenta" not in answer and "Oponte" not in answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # abbreviations written out ("q", "pa", "xfa") before the question is read
        (
            "q no usen las fotos de mi hija pa la ia xfa",
            "oponerte a que Meta use tus datos para IA",
        ),
        # "feis"/"face" name Facebook in Spanish (in English "face" is not an app)
        ("quiero borrar el feis para siempre", "puedes eliminar tu cuenta de Facebook"),
    ],
)
def test_questions_typed_on_a_phone_reach_their_goal(spaniard, question, title):
    assert title in spaniard.say(question)


def test_asking_meta_ai_for_a_picture_is_not_answered_as_a_privacy_question(spaniard):
    # "pido" and "haga" are Spanish verbs, not typos of words the bot knows ("sido", "vaga")
    answer = spaniard.say("como le pido a meta ai q me haga una imagen de un gato")
    assert "De eso no me ocupo" in answer
