"""Spanish questions of the kinds the wave-15 tuning found read wrong or unsure by the words:
shops and sites that pass one's data to Meta ("que las páginas donde compro no le manden mis
datos a facebook"), a rumour about what an app reads checked with "¿es cierto?" (what Meta
collects, not the overview), switching off "lo de mejorar la IA" or the suggestions (Meta AI's
personalisation), and a refusal of the training beside what Meta AI keeps ("no quiero que lo use
para entrenar"). Each case is a kind the Spanish lexicon (knowledge/matching/es.yaml) read
wrong or too unsure before; the words alone must now answer it, and so must the whole matcher."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "¿cómo hago para que las tiendas donde compro no le pasen mis datos a facebook?",
        "las webs donde compro le mandan mi info a meta, ¿se puede cortar?",
        "¿por qué las webs donde compro le envían mi información a Facebook?",
    ],
)
def test_shops_passing_ones_data_to_meta_is_off_platform_activity(spanish, question):
    assert spanish.match(question, by_meaning=False).goal == Goal.off_platform_activity
    assert spanish.match(question).goal == Goal.off_platform_activity


@pytest.mark.parametrize(
    "question",
    [
        "¿es verdad que WhatsApp lee mis chats para su IA?",
        "leí que instagram guarda mis mensajes para su ia, ¿es verdad eso?",
        "mi hija dice que messenger lee mis mensajes para la ia, ¿es verdad?",
    ],
)
def test_is_it_true_that_an_app_reads_is_what_it_collects(spanish, question):
    assert spanish.match(question, by_meaning=False).goal == Goal.what_collected
    assert spanish.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "¿dónde desactivo lo de las recomendaciones de meta ai en instagram?",
        "quiero apagar lo de la memoria de meta ai en whatsapp",
        "¿cómo apago lo de las sugerencias de meta ai en facebook?",
    ],
)
def test_switching_off_the_personalisation_is_ai_personalization(spanish, question):
    words = spanish.match(question, by_meaning=False)
    assert words.goal == Goal.ai_personalization
    assert words.confidence >= 0.9
    assert spanish.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "¿meta ai se queda con lo que le escribo? no quiero que entrenen con eso",
        "no quiero que usen lo que le escribo a meta ai para entrenar",
        "¿meta ai guarda lo que le digo? no quiero que lo usen para entrenar",
    ],
)
def test_refusing_the_training_is_stopping_it(spanish, question):
    words = spanish.match(question, by_meaning=False)
    assert words.goal == Goal.stop_training
    assert words.confidence >= 0.75
    assert spanish.match(question).goal == Goal.stop_training
