"""French questions of the kinds the wave 15 tuning fixed in knowledge/matching/fr.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# Meta's yes to the objection ("honorer", "était validée", "m'a écrit que …", with the apostrophe
# typed: "m a"): the objection, not a complaint
@pytest.mark.parametrize(
    "question",
    [
        "Instagram m'a écrit que mon opposition serait honorée, il reste quelque chose à faire ?",
        "ils vont honorer mon opposition d'après leur mail, ça couvre quoi ?",
        "mon objection est validée par meta, ça vaut aussi pour whatsapp ?",
    ],
)
def test_objection_honoured_is_stop_training(french, question):
    assert french.match(question).goal == Goal.stop_training


# the words alone read "m'a répondu qu'ils allaient honorer" as Meta's yes (the embedding may
# still hear a complaint in "m'a répondu")
@pytest.mark.parametrize(
    "question",
    [
        "Facebook m'a répondu qu'ils allaient honorer ma demande, ça arrête quoi ?",
        "meta m'a répondu que mon opposition était prise en compte, et après ?",
    ],
)
def test_meta_answered_yes_read_by_words(french, question):
    assert french.match(question, by_meaning=False).goal == Goal.stop_training


# Meta's no, typed "m'a répondu (que) non", and whom to turn to: a complaint to take further
@pytest.mark.parametrize(
    "question",
    [
        "meta m'a répondu que non pour mon opposition, je fais quoi ?",
        "facebook m'a répondu non, et maintenant ?",
        "insta a dit non à ma demande, à qui m'adresser ?",
    ],
)
def test_meta_answered_no_is_escalate(french, question):
    assert french.match(question).goal == Goal.escalate


# Meta AI (or "l'IA", "le chatbot") that "m'a répondu": its replies in the chat, not Meta's answer
@pytest.mark.parametrize(
    "question",
    [
        "Meta AI m'a répondu alors que je lui avais rien demandé, comment je l'arrête ?",
        "le chatbot m'a répondu dans mon groupe whatsapp, je peux l'empêcher ?",
        "l'IA m'a répondu toute seule dans messenger, c'est normal ?",
    ],
)
def test_ai_answered_me_is_stop_ai_replies(french, question):
    assert french.match(question).goal == Goal.stop_ai_replies


# Meta's apps compared on what they take ("laquelle est la pire", "le plus intrusif")
@pytest.mark.parametrize(
    "question",
    [
        "laquelle est la pire pour mes données, whatsapp ou instagram ?",
        "quelle appli de meta aspire le plus de données pour l'IA ?",
        "facebook ou messenger, c'est lequel le plus intrusif côté IA ?",
    ],
)
def test_worst_meta_app_is_what_collected(french, question):
    assert french.match(question).goal == Goal.what_collected


# … but against another company's app, a comparison that is not ours
def test_meta_app_more_intrusive_than_another_company_is_not_ours(french):
    assert french.match("instagram est plus intrusif que tiktok ?").goal is None


# delete the app outright ("carrément") or only cut the AI: the account weighed
@pytest.mark.parametrize(
    "question",
    [
        "je supprime facebook carrément ou je coupe juste l'IA ?",
        "vaut mieux effacer insta carrément ou juste désactiver les trucs d'IA ?",
    ],
)
def test_delete_app_outright_or_cut_ai_is_delete_account(french, question):
    assert french.match(question).goal == Goal.delete_account


# "je suis perdu" beside what to switch off asks how to switch it off, not for the overview
@pytest.mark.parametrize(
    "question",
    [
        "je veux couper meta ai sur insta mais je suis perdue",
        "comment enlever l'IA de messenger, chui perdu",
    ],
)
def test_lost_beside_an_action_is_not_overview(french, question):
    assert french.match(question).goal not in (None, Goal.overview)


# … and alone, lost in the whole of it: the overview
def test_lost_alone_is_overview(french):
    assert french.match("l'IA de meta, les réglages, tout ça, je suis perdu").goal == Goal.overview


# websites' cookie banners in general ("tout refuser"), Meta not named: not ours
@pytest.mark.parametrize(
    "question",
    [
        "je clique sur refuser les cookies partout, ça protège vraiment ?",
        "le bandeau de cookies, tout accepter ou tout refuser, ça change quoi pour moi ?",
    ],
)
def test_cookie_banners_in_general_are_not_ours(french, question):
    assert french.match(question).goal is None


# … with Meta's app named, its tracking on other sites stays ours
def test_cookies_with_meta_app_named_stay_off_platform(french):
    question = "si je refuse les cookies sur les sites, facebook me suit quand même ?"
    assert french.match(question).goal == Goal.off_platform_activity
