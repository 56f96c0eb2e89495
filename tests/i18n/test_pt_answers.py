"""End to end in Portuguese, as a Brazilian writes it: onboarding by text, a question with
Brazilian slang, the answer card and the objection letter in Portuguese (the LGPD right)."""

from __future__ import annotations

import pytest

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


@pytest.fixture
def brazilian(engine: Engine) -> Speaker:
    user = Speaker(engine, "pt-BR")
    assert "Onde você mora?" in user.command("start")
    assert "Entendido: Brasil" in user.say("moro em são paulo")
    assert "Entendido: Instagram, WhatsApp" in user.say("insta e zap")
    assert "Tudo pronto" in user.say("pessoal")
    assert user.profile.language == "pt" and user.profile.onboarded
    return user


def test_a_brazilian_question_gets_the_portuguese_card_and_letter(brazilian):
    answer = brazilian.say("como faço pra meta não usar minhas fotos na ia")
    assert "se oponha ao uso dos seus dados pela Meta para IA" in answer
    assert "LGPD" in answer, "the right is the one Brazilian law gives"
    letter = brazilian.press("l:objection")
    assert "opor-me ao uso dos meus dados pessoais" in letter and "LGPD" in letter


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("quero excluir meu insta pra sempre", "você pode excluir a sua conta do Instagram"),
        ("como tiro a meta ai do zap", "você não pode remover nem desligar a Meta AI no WhatsApp"),
        (
            "a ia responde no grupo do whatsapp, como evito",
            "A Meta AI só responde numa conversa quando alguém a chama",
        ),
    ],
)
def test_portuguese_questions_reach_the_goal_they_ask_about(brazilian, question, title):
    assert title in brazilian.say(question)


def test_a_forgotten_password_in_portuguese_is_not_answered_as_a_privacy_question(brazilian):
    answer = brazilian.say("esqueci a senha do insta, como entro")
    assert "Exclua a sua conta" not in answer and "Oponha-se" not in answer


@pytest.mark.parametrize(
    ("question", "title"),
    [
        # abbreviations written out ("vc", "q", "pra") before the question is read
        (
            "vc sabe como impedir q a meta use minhas fotos pra ia",
            "se oponha ao uso dos seus dados pela Meta para IA",
        ),
        # "face" names Facebook in Portuguese (in English it is not an app)
        ("quero excluir o face de vez", "excluir a sua conta do Facebook"),
    ],
)
def test_questions_typed_on_a_phone_reach_their_goal(brazilian, question, title):
    assert title in brazilian.say(question)


def test_a_scam_message_is_not_answered_as_a_deletion_question(brazilian):
    answer = brazilian.say(
        "recebi uma mensagem estranha da meta dizendo q minha pagina vai ser removida, é golpe?"
    )
    assert "Não posso ajudar com contas invadidas" in answer
