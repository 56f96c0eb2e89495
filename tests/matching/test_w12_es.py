"""Spanish questions of the kinds the wave-12 development sets showed read wrong: the AI copying
one's style, an app deactivated in the past tense, Meta AI asked for homework, WhatsApp
Business replies to set up, a sent message deleted "para todos", a right to erasure applied to
data already used, "ya están entrenados", and "borro mi ig". Each case is a kind the Spanish
lexicon (knowledge/matching/es.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "la ia de facebook me propone comentarios con mi forma de escribir, como lo apago?",
        "meta ai contesta como yo escribo, de donde saca mi estilo?",
        "las sugerencias de la ia suenan como yo, quiero desactivar eso en mis fotos",
    ],
)
def test_the_ai_copying_ones_style_is_personalisation(spanish, question):
    assert spanish.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "desactivé mi instagram la semana pasada, ya borraron todo?",
        "desactive el facebook hace dos meses, mis datos siguen ahi?",
    ],
)
def test_an_app_deactivated_in_the_past_is_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "meta ai me puede hacer la tarea de historia?",
        "le pido a la ia de whatsapp que me haga un resumen de un libro para clase",
        "como pongo respuestas automaticas en whatsapp business para mi tienda",
        "quiero configurar un mensaje de ausencia en whatsapp business",
        "como borro para todos un mensaje que mande por error en whatsapp",
    ],
)
def test_using_the_apps_stays_declined(spanish, question):
    assert spanish.match(question).goal is None


@pytest.mark.parametrize(
    "question",
    [
        "si borro mis fotos, meta las saca tambien de la ia que ya entrenaron?",
        "puedo pedir la supresion de mis datos que ya se usaron para entrenar la ia de meta?",
        "mis fotos de facebook ya estan entrenadas, se puede hacer algo?",
        "pa que oponerme si mis publicaciones ya fueron usadas por la ia",
    ],
)
def test_data_already_used_is_trained_data(spanish, question):
    assert spanish.match(question).goal == Goal.trained_data


@pytest.mark.parametrize(
    "question",
    [
        "como elimino mi insta para siempre y que no quede nada en la ia",
        "quiero borrar mi face y todo lo que subi",
    ],
)
def test_deleting_my_app_is_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.delete_account
