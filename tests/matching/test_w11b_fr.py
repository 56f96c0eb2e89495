"""French questions of the kinds a second wave-11 development set (news readers, parents,
teenagers writing in SMS spelling) showed read wrong: a child chatting with Meta's AI asks to
take the assistant away, an AI "in my DMs" to be got rid of is the assistant, "la perso" is the
personalisation, deactivating an app is about the account, an audience such as "moi uniquement"
asks what the AI uses, and a notification from Meta is about its AI. Location settings, a
chatbot filling in a form and someone else's posts of me stay declined
(knowledge/matching/fr.yaml)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # talking with the AI is using it: blocking it takes the assistant away
        (
            "mon ado passe ses soirées à parler au chatbot de meta sur insta, comment je coupe ça",
            Goal.remove_chatbot,
        ),
        (
            "ma fille discute avec l'ia sur whatsapp tout le temps, on peut l'empêcher ?",
            Goal.remove_chatbot,
        ),
        # an AI that turned up in the conversations, to be got rid of
        ("jveux plus voir l'ia dans mes messages insta", Goal.remove_chatbot),
        ("y a une ia dans mes convs whatsapp, comment je l'enlève", Goal.remove_chatbot),
        # "la perso": the personalisation, not a personal account
        ("comment désactiver la perso de l'ia sur insta", Goal.ai_personalization),
        # deactivating the app itself: the account
        ("si je désactive facebook mes photos sont effacées ?", Goal.delete_account),
        # an audience setting asked about the AI
        ("mes stories en « seulement moi », l'ia les voit ?", Goal.what_collected),
        # the subjunctive "réponde" is replying
        ("je veux pas que meta ai réponde dans le groupe de la famille", Goal.stop_ai_replies),
    ],
)
def test_the_kind_reaches_its_goal(french, question, goal):
    assert french.match(question).goal == goal


def test_a_notification_from_meta_is_ours(french):
    assert (
        french.match("j'ai eu une notif de facebook sur l'ia, ça veut dire quoi").goal is not None
    )


@pytest.mark.parametrize(
    "question",
    [
        "comment couper la localisation sur instagram",
        "comment envoyer ma position sur whatsapp",
        "une ia peut me remplir un formulaire de demande de logement ?",
        "ma copine a posté une photo de moi sur facebook, comment la faire supprimer",
    ],
)
def test_app_matters_stay_declined(french, question):
    assert french.match(question).goal is None


def test_a_photo_of_me_asked_about_the_ai_stays_ours(french):
    question = (
        "une amie a posté des photos de moi sur insta, "
        "meta peut s'en servir pour entraîner son ia ?"
    )
    assert french.match(question).goal == Goal.stop_training
