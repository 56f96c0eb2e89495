"""French questions of the kinds the wave 14 tuning fixed in knowledge/matching/fr.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# the objection accepted ("c'est pris en compte"), then what now: the objection, not a complaint
@pytest.mark.parametrize(
    "question",
    [
        "on m'a confirmé que mon opposition était bien enregistrée, c'est fini ?",
        "instagram a accepté mon opposition, il faut faire autre chose ?",
        "mon opposition a bien été prise en compte par insta, c'est bon pour l'IA ?",
    ],
)
def test_objection_accepted_then_what_now(french, question):
    assert french.match(question).goal == Goal.stop_training


# how long Meta takes to process the objection (even a "délai légal"): the objection
@pytest.mark.parametrize(
    "question",
    [
        "meta a combien de temps pour traiter mon opposition ?",
        "ils doivent appliquer mon opposition dans quel délai légal ?",
        "est-ce qu'il y a un délai pour que facebook applique mon opposition ?",
    ],
)
def test_delay_to_process_objection_is_stop_training(french, question):
    assert french.match(question).goal == Goal.stop_training


# fed up with AI everywhere (a complaint, no app to leave): what can be done at all
@pytest.mark.parametrize(
    "question",
    [
        "j'en ai ras le bol de l'IA de meta partout",
        "j'en ai marre de l'intelligence artificielle de meta partout",
    ],
)
def test_fed_up_with_ai_is_overview(french, question):
    assert french.match(question).goal == Goal.overview


# fed up with an app itself: leaving it
def test_fed_up_with_app_is_delete_account(french):
    assert french.match("marre de facebook, je veux partir").goal == Goal.delete_account


# the replies the AI suggests sending: an AI prompt in the interface, to hide
@pytest.mark.parametrize(
    "question",
    [
        "les réponses suggérées par l'IA dans messenger, on peut les enlever ?",
        "comment virer les suggestions de réponse de meta ai sur whatsapp",
    ],
)
def test_suggested_replies_are_remove_chatbot(french, question):
    assert french.match(question).goal == Goal.remove_chatbot


# a small business named by its trade ("ma boulangerie", "mon salon de coiffure")
@pytest.mark.parametrize(
    "question",
    [
        "je gère la page d'une boulangerie, mes pubs servent à entraîner l'IA de meta ?",
        "mon salon de coiffure a une page facebook, l'IA de meta peut utiliser nos photos ?",
        "j'ai une fleuriste et une page insta, mes publications servent à l'IA ?",
    ],
)
def test_business_named_by_trade(french, question):
    assert french.match(question).goal == Goal.business


# the objection link cited as it shows ("Your privacy rights")
def test_objection_link_named_in_english(french):
    question = "j'arrive pas à trouver your privacy rights dans instagram pour m'opposer"
    assert french.match(question).goal == Goal.stop_training


# "what I do, to suggest me things", and the "Improve AI" switch unticked: personalisation
@pytest.mark.parametrize(
    "question",
    [
        "je veux pas que l'IA utilise ce que je fais pour me proposer des reels",
        "j'ai décoché Improve AI sur messenger, ça suffit ?",
        "j'ai décoché Improve AI dans instagram, c'est bon ?",
    ],
)
def test_personalization_as_people_say_it(french, question):
    assert french.match(question).goal == Goal.ai_personalization


# what Meta's glasses film, and the AI: what is collected
@pytest.mark.parametrize(
    "question",
    [
        "ce que voient mes lunettes Meta, ça entraîne l'IA ?",
        "est-ce que les lunettes connectées de Meta envoient ce que je vois à leur IA ?",
    ],
)
def test_glasses_and_ai_is_what_collected(french, question):
    assert french.match(question).goal == Goal.what_collected


# an app going through posts or messages ("check", "fouille", "épluche"): what is collected
@pytest.mark.parametrize(
    "question",
    [
        "c'est tu vrai que facebook fouille nos photos pour l'IA ?",
        "whatsapp checke mes messages pour son IA ?",
        "est-ce que messenger épluche mes conversations pour l'IA ?",
    ],
)
def test_looking_through_is_what_collected(french, question):
    assert french.match(question).goal == Goal.what_collected


# an app's access withdrawn, as people say it: the connected apps
@pytest.mark.parametrize(
    "question",
    [
        "j'ai enlevé l'accès de Candy Crush à mon facebook, ils gardent mes données ?",
        "j'ai retiré l'accès d'une appli à mon compte insta, elle efface ce qu'elle avait ?",
    ],
)
def test_access_withdrawn_is_connected_apps(french, question):
    assert french.match(question).goal == Goal.connected_apps


# some done, what is left; a short counted list: the essentials
@pytest.mark.parametrize(
    "question",
    [
        "j'ai déjà fait l'opposition sur facebook, il me reste quoi à faire ?",
        "j'ai coupé l'historique et fait l'opposition, quoi d'autre à faire en priorité ?",
        "quelles 3 choses faire en premier contre l'IA de meta ?",
        "donne-moi 3 trucs à régler sur instagram pour l'IA",
    ],
)
def test_what_is_left_is_quick_wins(french, question):
    assert french.match(question).goal == Goal.quick_wins


# delete the app or only switch its AI off: the account weighed
@pytest.mark.parametrize(
    "question",
    [
        "je supprime facebook ou je désactive juste les trucs IA ?",
        "je supprime insta ou je désactive juste l'IA ?",
    ],
)
def test_delete_app_or_only_ai_is_delete_account(french, question):
    assert french.match(question).goal == Goal.delete_account


# close negatives: others' comments under my posts, the glasses' photos on the phone
@pytest.mark.parametrize(
    "question",
    [
        "quelqu'un a laissé un commentaire insultant sous ma story, je l'enlève comment ?",
        "comment supprimer les commentaires haineux sous mes photos facebook",
        "les vidéos de mes lunettes, elles sont pas dans ma galerie, pourquoi ?",
    ],
)
def test_close_negatives_are_not_ours(french, question):
    assert french.match(question).goal is None
