"""Kinds of French, Spanish and Italian phrasing the bot misread in wave 8: an action on Meta AI
"for good" is not closing the account, removing connected apps is not either, "never answered"
is a refused objection, and app matters (read receipts, the age to open an account, refunds,
a password lost) stay declined while a password named in passing does not."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "text", "goal"),
    [
        # Meta AI removed for good: the assistant, not the account
        ("it", "togliere per sempre il chatbot di meta da messenger", Goal.remove_chatbot),
        ("fr", "enlever pour de bon le chatbot de meta de whatsapp", Goal.remove_chatbot),
        # connected apps removed: their access
        ("es", "quiero sacarle el acceso a un juego conectado a mi facebook", Goal.connected_apps),
        ("fr", "retirer les applis connectées à mon compte facebook", Goal.connected_apps),
        # the objection never answered ("m'a jamais répondu", an elision before one letter)
        ("fr", "instagram m'a jamais répondu pour mon opposition, je fais quoi", Goal.escalate),
        # how an app knows what was looked at on another site
        (
            "fr",
            "comment facebook sait que j'ai regardé des vélos sur un autre site",
            Goal.off_platform_activity,
        ),
        # a relative's account closed with their password: the account, not a password reset
        (
            "es",
            "mi tía me dio su contraseña de facebook, cómo cierro su cuenta",
            Goal.delete_account,
        ),
    ],
)
def test_the_kind_reaches_its_goal(kb, language, text, goal):
    assert kb.matcher(language).match(text).goal == goal


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("fr", "comment désactiver le vu sur messenger"),
        ("fr", "à quel âge on peut ouvrir un compte instagram"),
        ("fr", "j'ai oublié mon mot de passe facebook"),
        ("fr", "facebook m'a débité deux fois, comment me faire rembourser"),
        ("es", "a qué edad mínima se puede abrir una cuenta de instagram"),
        ("es", "olvidé la contraseña de instagram"),
        ("es", "me cobraron dos veces en facebook, quiero un reembolso"),
        ("it", "a che età si può aprire un profilo instagram"),
        ("it", "mi hanno hackerato instagram, come lo riprendo"),
        ("it", "come nascondo le storie a certe persone su instagram"),
    ],
)
def test_app_matters_stay_declined(kb, language, text):
    assert kb.matcher(language).match(text).goal is None
