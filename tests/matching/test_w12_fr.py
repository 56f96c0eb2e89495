"""French questions of the kinds the wave-12 development sets showed read wrong: "ne" dropped
before "pas se servir", an app's AI using one's activity, chats with Meta AI to erase, posts to
archive, the time spent watching as data, "Meta" cut in two by voice typing, "l'IA insta" as
Meta AI, and a school or town hall posting children's photos. Each case is a kind the French
lexicon (knowledge/matching/fr.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "je veux que facebook ait pas le droit de se servir de mes photos pour son ia",
        "comment dire à instagram de pas se servir de mes posts pour entraîner son ia",
        "on peut obliger meta à plus se servir de nos messages pour l'ia ?",
    ],
)
def test_not_using_without_ne_is_stopping(french, question):
    assert french.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "l'ia de facebook se sert de mon activité pour me répondre, je peux couper ça ?",
        "les réponses de meta ai imitent mon style, elle se base sur quoi ?",
        "je veux pas que l'assistant se serve de mon activité pour ses suggestions",
    ],
)
def test_the_ai_using_ones_activity_is_personalisation(french, question):
    assert french.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "j'ai raconté des trucs à meta ai sur whatsapp, comment je supprime ces échanges ?",
        "effacer les questions que j'ai posées à meta ai dans messenger",
        "je regrette ce que j'ai confié à l'IA, je peux supprimer mes conversations avec l'IA ?",
    ],
)
def test_erasing_chats_with_meta_ai_is_specific_data(french, question):
    assert french.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "comment archiver tous mes vieux posts facebook en une fois",
        "je peux archiver mes anciennes photos insta au lieu de les supprimer ?",
    ],
)
def test_archiving_posts_is_specific_data(french, question):
    assert french.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "la durée de visionnage de mes vidéos, meta la collecte aussi ?",
        "mes clics sur facebook, ils les gardent pour leur ia ?",
        "le temps que je passe sur les stories, meta l'enregistre ?",
    ],
)
def test_watch_time_and_clicks_are_collected_data(french, question):
    assert french.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "comment empêcher mes ta d'utiliser mes photos pour son ia",
        "mes ta a le droit d'entraîner son intelligence artificielle avec mes posts point "
        "d'interrogation",
    ],
)
def test_meta_cut_by_voice_typing(french, question):
    assert french.match(question).goal in (Goal.stop_training, Goal.regulation)


@pytest.mark.parametrize(
    "question",
    [
        "comment je désactive l'ia whatsapp",
        "je veux plus de l'ia insta, on l'enlève comment",
    ],
)
def test_an_apps_ai_named_like_a_brand_is_meta_ai(french, question):
    assert french.match(question).goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    "question",
    [
        "l'école de mon fils publie des photos de la classe sur facebook, c'est légal ?",
        "le club de judo poste des vidéos des enfants sur instagram, c'est autorisé ?",
        "la crèche partage des photos des bébés sur sa page facebook, ils ont le droit ?",
    ],
)
def test_an_institution_posting_childrens_photos_is_not_ours(french, question):
    assert french.match(question).goal is None
