"""French questions of the kinds the wave-13 development sets showed read wrong: comments the AI
offers to write, "désactiver = supprimer ?", a model's weights, Meta AI answering a relative,
the off-Meta activity setting quoted by name, what a law obliges Meta to do, "ça recouvre quoi",
and questions that share words with a goal but are not the bot's (an advertiser's troubles,
ordinary app settings, getting Meta AI, moderation, Meta the company, using Llama, other
services). Each case is a kind the French lexicon (knowledge/matching/fr.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "insta me propose des commentaires générés par l'ia sous les reels, je peux arrêter ça ?",
        "c'est quoi ces suggestions de commentaires de l'IA sur facebook, on les enlève comment",
        "messenger m'affiche des phrases toutes faites de l'ia quand j'écris, ça se coupe ?",
    ],
)
def test_comments_the_ai_offers_are_the_button(french, question):
    assert french.match(question).goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    "question",
    [
        "si je désactive, c'est pareil que supprimer ?",
        "désactiver ou effacer, mon copain dit que c'est kif-kif",
        "désactiver ça suffit pas ? faut vraiment tout supprimer ?",
    ],
)
def test_deactivating_weighed_against_deleting_is_the_account(french, question):
    assert french.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "mes photos sont déjà dans les poids de leur IA, Meta peut les enlever ?",
        "une fois mes posts intégrés au modèle de Meta, c'est fichu ?",
        "est-ce que Meta peut sortir mes données des poids des modèles Llama ?",
    ],
)
def test_data_in_a_models_weights_is_already_trained(french, question):
    assert french.match(question).goal == Goal.trained_data


@pytest.mark.parametrize(
    "question",
    [
        "mon grand-père dit que Meta AI lui répond sur whatsapp, comment on arrête ça ?",
        "Meta AI répond à mes potes à ma place dans messenger, je peux l'empêcher ?",
    ],
)
def test_meta_ai_answering_is_its_replies(french, question):
    assert french.match(question).goal == Goal.stop_ai_replies


@pytest.mark.parametrize(
    "question",
    [
        "je suis tombée sur « votre activité en dehors des technologies Meta », je la désactive ?",
        "à quoi sert le réglage activité en dehors des technologies meta sur insta",
    ],
)
def test_the_off_meta_setting_named_is_off_platform(french, question):
    assert french.match(question).goal == Goal.off_platform_activity


@pytest.mark.parametrize(
    "question",
    [
        "le RGPD oblige-t-il Meta à me demander mon accord avant d'utiliser mes posts pour l'IA ?",
        "est-ce que le DSA impose à Meta de demander le consentement pour entraîner son IA ?",
        "la loi suisse oblige Meta à quoi pour son IA ?",
    ],
)
def test_what_a_law_obliges_meta_to_do_is_regulation(french, question):
    assert french.match(question).goal == Goal.regulation


@pytest.mark.parametrize(
    "question",
    [
        "refuser Meta AI, ça consiste en quoi exactement ?",
        "l'opposition à l'IA de Meta, concrètement ça implique quoi ?",
    ],
)
def test_what_opting_out_covers_is_the_overview(french, question):
    assert french.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "mon compte publicitaire facebook est suspendu, comment le débloquer ?",
        "ma pub insta a été refusée deux fois, je comprends pas pourquoi",
        "comment cibler les jeunes parents dans mes pubs facebook ?",
    ],
)
def test_an_advertisers_troubles_are_not_ours(french, question):
    assert french.match(question).goal is None


@pytest.mark.parametrize(
    "question",
    [
        "comment couper la lecture automatique des vidéos sur instagram",
        "je veux empêcher les inconnus de m'ajouter dans des groupes whatsapp",
        "comment avoir meta ai sur mon whatsapp ? il est pas encore chez moi",
        "instagram a supprimé mon post sans me prévenir, c'est de la censure ?",
        "comment désactiver les suggestions d'amis sur facebook",
    ],
)
def test_ordinary_app_matters_are_not_ours(french, question):
    assert french.match(question).goal is None


@pytest.mark.parametrize(
    "question",
    [
        "Meta a fait combien d'acquisitions dans l'IA cette année ?",
        "je peux utiliser llama gratuitement dans mon appli ?",
        "comment retirer un appareil connecté de mon compte insta",
    ],
)
def test_meta_the_company_llama_and_devices_are_not_ours(french, question):
    assert french.match(question).goal is None


@pytest.mark.parametrize(
    "question",
    [
        "la SNCF garde quoi comme données sur moi ?",
        "comment m'opposer à ce que Decathlon utilise mes données ?",
        "Desjardins se sert de l'IA avec mes infos, je peux refuser ?",
        "les montres connectées collectent quoi sur nous ?",
    ],
)
def test_other_services_are_not_ours(french, question):
    assert french.match(question).goal is None
