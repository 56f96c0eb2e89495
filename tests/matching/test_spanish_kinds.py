"""Kinds of Spanish wording that went unanswered or to the wrong goal on a set written blind
(bench/data/lang/blind/es.yaml, 67 % top-1): work and bosses inside an in-scope question, how
in-scope questions are put that read like using the apps ("qué puedo hacer", "alguien que usa Meta
AI"), asking the bot for advice, the app against the browser without naming the app, data already
inside the AI, still being in time to object, and the legal or account words of other matters.
Written for these tests; none is a question of the evaluation or development sets."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goals"),
    [
        # work and bosses: the AI someone calls into a group chat is Meta AI
        (
            "en el chat de la oficina mi jefa arroba a la ia y se pone a contestar, "
            "se puede evitar?",
            {Goal.stop_ai_replies},
        ),
        # "qué puedo hacer" is how people ask what to do, not what Meta AI can do
        (
            "no me entero de nada, qué puedo hacer yo con lo de la ia de meta",
            {Goal.overview, Goal.quick_wins},
        ),
        # someone who uses Meta AI is not a question about using it
        (
            "mi amiga usa meta ai, la ia puede leer y responder lo que le mando?",
            {Goal.stop_ai_replies, Goal.what_collected},
        ),
        # asking the bot for advice ("¿qué me recomiendas?") is not the AI recommending things
        (
            "si tuviera que elegir una sola cosa para proteger mis datos, cual me recomiendas",
            {Goal.quick_wins},
        ),
        ("qué es lo más importante que debería apagar hoy", {Goal.quick_wins}),
        # the app against the browser, without naming the app
        ("me conviene borrar la app y entrar desde el navegador?", {Goal.browser_vs_app}),
        # data already inside the AI; still in time to object
        (
            "subo fotos desde hace una década, todo eso ya está metido en su ia?",
            {Goal.trained_data},
        ),
        (
            "aun estoy a tiempo de oponerme o ya entrenaron con todo?",
            {Goal.stop_training},
        ),
        # talking with the AI is using it, not it replying in one's chats
        (
            "mi sobrino se pasa horas chateando con la ia de meta en whatsapp, se la puedo quitar?",
            {Goal.remove_chatbot},
        ),
        # fed up with a button is not leaving the account
        (
            "el botón de meta ai en messenger me tiene harta, lo puedo borrar?",
            {Goal.remove_chatbot},
        ),
        (
            "me ha salido un circulito de colores en whatsapp, se puede quitar?",
            {Goal.remove_chatbot},
        ),
        ("quiero desvincular tiktok de mi cuenta de instagram", {Goal.connected_apps}),
        ("los reguladores europeos han dicho algo de la ia de meta?", {Goal.regulation}),
        # whether Meta may read messages for its AI is still ours
        ("es legal que meta lea mis whatsapps para su ia?", {Goal.regulation, Goal.what_collected}),
        # "y ahora" in a story is not "what now?" after a refusal
        (
            "miré zapatillas en una tienda online y ahora facebook me llena de anuncios, "
            "cómo se enteran?",
            {Goal.off_platform_activity},
        ),
    ],
)
def test_a_spanish_question_reaches_its_goal(
    kb: KnowledgeBase, question: str, goals: set[Goal]
) -> None:
    assert kb.matcher("es").match(question).goal in goals


@pytest.mark.parametrize(
    "question",
    [
        "quiero presentar oposición a una multa de la dgt",
        "estoy preparando oposiciones, algún consejo para el temario?",
        "alguien inició sesión en mi insta desde otro país, cómo la cierro",
        "¿me recomiendas una peli para esta noche?",
        "como uso meta ai para traducir un texto al inglés",
        # a person close to the user reading their messages, however legal the words
        "mi mujer revisa mis mensajes de whatsapp, es legal?",
    ],
)
def test_other_matters_in_the_same_words_are_not_answered(kb: KnowledgeBase, question: str) -> None:
    assert kb.matcher("es").match(question).goal is None
