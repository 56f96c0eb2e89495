"""Spanish questions of the kinds the wave-11 development set showed read wrong: app matters that
share words with ours (a data leak in the news, an app that logs out, its cache, a WhatsApp
Business catalogue, parental supervision, a photo deleted by mistake) stay declined, and what
the AI "se tragó", the AI using one's history and how long deletion takes reach their goals.
Each case is a kind the Spanish lexicon (knowledge/matching/es.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # what the AI already swallowed
        ("lo que la ia ya se tragó de mis fotos, ¿lo pueden sacar?", Goal.trained_data),
        # the AI using one's history is the personalisation
        ("quiero que la ia de meta no use mi historial de búsquedas", Goal.ai_personalization),
        # how long an app deleted keeps the data
        ("si borro mi facebook, ¿cuánto tardan en borrar mis datos?", Goal.delete_account),
        # the account deleted a week ago is still the account's 30 days, not a lost photo
        (
            "borré mi cuenta de instagram hace una semana, ¿la puedo recuperar?",
            Goal.delete_account,
        ),
    ],
)
def test_the_kind_reaches_its_goal(spanish, question, goal):
    assert spanish.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "hubo una filtración de datos de instagram, ¿cómo sé si me afecta?",
        "mi whatsapp web se desconecta solo todo el tiempo",
        "cómo borro la caché de facebook, ocupa mucho espacio",
        "cómo creo un catálogo de productos en whatsapp business",
        "¿cómo pongo control parental en el instagram de mi hijo?",
        "eliminé un chat de whatsapp por error, lo puedo recuperar?",
    ],
)
def test_app_matters_stay_declined(spanish, question):
    assert spanish.match(question).goal is None
