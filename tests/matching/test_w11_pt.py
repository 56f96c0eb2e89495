"""Portuguese questions of the kinds the wave-11 development set showed read wrong: an
exasperated "que diabos é" asks what Meta AI is, options set side by side ("são coisas
diferentes?", "qual é qual") ask for the overview, the Meta AI chat that keeps coming back is the
assistant to hide, a search in an online shop the app knows of is off-platform activity,
"sumir com as fotos… manter o perfil" deletes data; and clearing an app's cache stays declined.
Each case is a kind the Portuguese lexicon (knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        ("que raio é isto da meta ai?", Goal.overview),
        ("ocultar a meta ai e me opor ao treino são coisas diferentes?", Goal.overview),
        (
            "ocultei a conversa da meta ai no zap e ela voltou a aparecer, como tiro de vez?",
            Goal.remove_chatbot,
        ),
        ("como o face sabe o que eu olhei no mercado livre?", Goal.off_platform_activity),
        ("quero sumir com os meus stories antigos mas manter a conta", Goal.delete_specific_data),
    ],
)
def test_the_kind_reaches_its_goal(portuguese, question, goal):
    assert portuguese.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "o whatsapp está ocupando muito espaço no celular, o que faço?",
        "limpar o cache do facebook apaga alguma coisa?",
    ],
)
def test_not_ours_is_declined(portuguese, question):
    assert portuguese.match(question).goal is None
