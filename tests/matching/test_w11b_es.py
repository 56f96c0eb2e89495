"""Spanish questions of the kinds a second wave-11 development set (news readers, parents,
teenagers writing "q onda", "wey", "xq") showed read wrong: a child chatting with Meta's AI asks
to take the assistant away, "la lista de cosas que hacer" is the quick wins, and a notification
from Meta is about its AI. Archiving a chat, sharing one's location, a chatbot filling in a form
and someone else's posts of me stay declined (knowledge/matching/es.yaml)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # talking with the AI is using it: blocking it takes the assistant away
        (
            "mi hijo se pasa horas chateando con la ia de whatsapp, cómo se la quito",
            Goal.remove_chatbot,
        ),
        (
            "wey mi hermanito habla con meta ai todo el día en insta, como se lo quito",
            Goal.remove_chatbot,
        ),
        # a list of what to do, in order
        ("dame una lista de cosas por hacer para proteger mis datos de la ia", Goal.quick_wins),
    ],
)
def test_the_kind_reaches_its_goal(spanish, question, goal):
    assert spanish.match(question).goal == goal


def test_a_notification_from_meta_is_ours(spanish):
    assert spanish.match("recibí un aviso de meta sobre la ia, qué hago").goal is not None


def test_talking_with_the_ai_still_asks_what_it_sees(spanish):
    question = "cuando chateo con la ia de meta, lee también mis otros chats?"
    assert spanish.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "cómo archivo el chat de mi grupo de whatsapp",
        "cómo mando mi ubicación en tiempo real por whatsapp",
        "un chatbot me puede rellenar un formulario de la universidad?",
        "un desconocido publicó fotos mías en instagram, cómo las denuncio para que las quiten",
    ],
)
def test_app_matters_stay_declined(spanish, question):
    assert spanish.match(question).goal is None


def test_a_photo_of_me_asked_about_the_ai_stays_ours(spanish):
    question = "mi amiga subió fotos mías a insta, meta las puede usar para entrenar su ia?"
    assert spanish.match(question).goal == Goal.stop_training
