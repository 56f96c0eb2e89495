"""Spanish questions of the kinds the wave-13 development sets showed read wrong: complaining
("me quejo", "reclamo", "denuncio") when Meta does not listen ("no me hacen caso"), the AI told
not to use one's activity in the subjunctive ("que no use mi actividad"), what one can and
cannot turn off ("qué se puede y qué no"), checking that an objection worked ("cómo sé si
funcionó"), old messages still stored on Meta's servers, one's things "going to" the AI to
train it, and which websites log in with one's account; and, as hard negatives, complaining
about another user (reported in the app) and "which apps" alone. Each case is a kind the
Spanish lexicon (knowledge/matching/es.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "Meta pasa de mi oposición, ¿ante quién me quejo?",
        "me opuse hace un mes y no me hacen caso, ¿a quién reclamo?",
        "si Meta ignora mi objeción, ¿puedo denunciarlos en algún sitio?",
        "ya mandé la objeción y no me dan bola, ¿a quién recurro?",
    ],
)
def test_complaining_when_meta_does_not_listen_is_escalating(spanish, question):
    assert spanish.match(question).goal == Goal.escalate


@pytest.mark.parametrize(
    "question",
    [
        "¿cómo hago para que Meta AI no use mi actividad de Instagram?",
        "no quiero que la IA de Meta utilice mi actividad para responderme",
        "la IA de Facebook sabe cosas de mí que nunca le conté, ¿cómo lo evito?",
    ],
)
def test_the_ai_not_using_ones_activity_is_personalisation(spanish, question):
    assert spanish.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "sobre la IA de Meta, ¿qué se puede desactivar y qué no?",
        "¿qué puedo apagar y qué no de Meta AI en WhatsApp?",
        "de la ia de instagram, que puedo quitar y que no?",
    ],
)
def test_what_can_and_cannot_be_turned_off_is_the_overview(spanish, question):
    assert spanish.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "ya envié el formulario de oposición, ¿cómo sé si funcionó?",
        "hice la objeción en Instagram, ¿dónde veo si me la aceptaron?",
        "¿cómo compruebo que mi oposición a la IA se aplicó?",
    ],
)
def test_checking_that_the_objection_worked_is_objecting(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "¿mis fotos viejas de Facebook siguen guardadas en los servidores de Meta?",
        "¿los chats antiguos de Messenger están guardados todavía en sus servidores?",
        "¿las conversaciones viejas de whatsapp están guardadas en algún servidor de meta?",
    ],
)
def test_old_things_still_stored_are_what_is_collected(spanish, question):
    assert spanish.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "¿las fotos que subo a Instagram van para entrenar su IA?",
        "¿mis audios de WhatsApp se usan para entrenar la IA de Meta?",
        "si subo fotos de mis hijos a instagram, ¿se usan para entrenar la ia de meta?",
    ],
)
def test_things_going_to_the_ai_is_what_is_collected(spanish, question):
    assert spanish.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "quiero ver qué apps entran con mi cuenta de Facebook",
        "¿dónde reviso qué sitios web usan mi login de Instagram?",
        "quiero saber qué páginas se conectan con mi instagram",
    ],
)
def test_which_websites_log_in_with_the_account_is_connected_apps(spanish, question):
    assert spanish.match(question).goal == Goal.connected_apps


@pytest.mark.parametrize(
    "question",
    [
        "¿qué apps de meta tienen ia?",
        "¿qué webs visito que le cuentan a facebook?",
    ],
)
def test_which_apps_alone_is_not_connected_apps(spanish, question):
    assert spanish.match(question).goal != Goal.connected_apps


@pytest.mark.parametrize(
    "question",
    [
        "¿cómo denuncio una publicación en facebook?",
        "me quiero quejar de un usuario que me acosa en instagram",
        "quiero quejarme de una cuenta falsa en facebook",
    ],
)
def test_complaining_about_another_user_stays_declined(spanish, question):
    assert spanish.match(question).goal is None
