"""A relative's app named before the relative, as German and the Romance languages say it
("l'instagram de ma femme", "dem Instagram meiner Frau"): someone else's account, and "and on
mine?" then answers the same question for the user (it was answered as the user's own)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    ("language", "home", "theirs", "mine"),
    [
        ("de", "Deutschland", "wie stoppe ich das KI-Training auf dem Instagram meiner Frau",
         "und bei meinem?"),
        ("fr", "France", "comment empêcher l'entraînement de l'IA sur l'instagram de ma femme",
         "et sur le mien ?"),
        ("es", "España", "cómo evito que meta entrene su IA con el instagram de mi mujer",
         "¿y en el mío?"),
        ("it", "Italia", "come blocco l'addestramento dell'IA sull'instagram di mia moglie",
         "e sul mio?"),
        ("pt", "Brasil", "como impedir que a meta treine a IA com o instagram da minha esposa",
         "e no meu?"),
        ("en", "Ireland", "how do i stop ai training on the instagram of my wife", "and on mine?"),
    ],
)  # fmt: skip
def test_an_app_before_the_relative_is_theirs(chat, language, home, theirs, mine):
    chat.onboard(home, "instagram, whatsapp", "personal", language)
    assert chat.say(theirs).kind == Kind.other_account
    reply = chat.say(mine)
    assert reply.kind == Kind.answer
    assert reply.answered.goal == Goal.stop_training
    assert reply.answered.platform == Platform.instagram


@pytest.mark.parametrize(
    ("language", "home", "said"),
    [
        ("fr", "France", "sur mon instagram, ma femme a vu le bouton meta ai, comment l'enlever ?"),
        ("pt", "Brasil", "posto no instagram fotos dos meus filhos, a meta usa pra ia?"),
        ("de", "Deutschland",
         "ich poste auf instagram fotos meiner kinder, nutzt meta die für ki?"),
    ],
)  # fmt: skip
def test_the_users_own_app_beside_a_relative_stays_theirs_to_ask_about(chat, language, home, said):
    chat.onboard(home, "instagram, whatsapp", "personal", language)
    assert chat.say(said).kind == Kind.answer
