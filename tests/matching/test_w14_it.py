"""Italian questions of the kinds the wave 14 tuning fixed in knowledge/matching/it.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# the objection accepted (a confirmation), then "and now?": checking it is done, not a complaint
@pytest.mark.parametrize(
    "question",
    [
        "facebook mi ha confermato che l'opposizione è stata accolta, devo fare altro?",
        "mi è arrivata la conferma che l'opposizione è stata accolta: e adesso?",
        "ho ricevuto la conferma dell'opposizione, che altro devo fare?",
    ],
)
def test_objection_accepted_then_what_now(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# objected again and again and nothing happened: a refusal in fact, taken further
@pytest.mark.parametrize(
    "question",
    [
        "ho fatto l'opposizione già tre volte e niente, continuano uguale",
        "mandata l'opposizione mille volte ma nulla, a chi mi rivolgo?",
        "instagram mi dice di no all'opposizione, chi li ferma?",
    ],
)
def test_repeated_objection_without_effect_is_escalation(italian, question):
    assert italian.match(question).goal == Goal.escalate


# the regulator as the one acting (what it did to someone else, why not to Meta): the law
@pytest.mark.parametrize(
    "question",
    [
        "perché il garante non interviene su meta ai come ha fatto con chatgpt?",
        "il garante ha bloccato chatgpt, può fare lo stesso con l'ia di meta?",
        "cosa ha fatto il garante sull'intelligenza artificiale di meta?",
    ],
)
def test_regulator_acting_is_regulation(italian, question):
    assert italian.match(question).goal == Goal.regulation


# which app gathers more data (a comparison of how much): what is collected
@pytest.mark.parametrize(
    "question",
    [
        "instagram o facebook, quale prende più dati per la loro ia?",
        "chi raccoglie più dati tra whatsapp e messenger?",
        "messenger raccoglie meno dati di whatsapp?",
    ],
)
def test_which_app_collects_more_is_what_collected(italian, question):
    assert italian.match(question).goal == Goal.what_collected


# what one loses by objecting: the objection, not removing the assistant
@pytest.mark.parametrize(
    "question",
    [
        "se faccio opposizione perdo qualche funzione di whatsapp?",
        "opponendomi all'ia di meta ci rimetto qualcosa su instagram?",
        "ci sono conseguenze se mando il modulo di opposizione?",
    ],
)
def test_downside_of_objecting_is_stop_training(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# what one can and cannot do, or what it means in plain words: the overview
@pytest.mark.parametrize(
    "question",
    [
        "cosa posso disattivare e cosa no dell'intelligenza artificiale di meta?",
        "in parole povere, cosa fa meta con l'ia e i miei dati?",
        "facebook dice che userà i miei post per l'ia: in soldoni cosa significa?",
    ],
)
def test_can_and_cannot_in_short_is_overview(italian, question):
    assert italian.match(question).goal == Goal.overview


# shopping elsewhere, then its ads on an app (and unhooking it): the activity off Meta
@pytest.mark.parametrize(
    "question",
    [
        "faccio shopping online e poi vedo le stesse pubblicità su instagram, come lo scollego?",
        "ho fatto shopping su un sito e ora facebook mi mostra annunci di quei prodotti",
    ],
)
def test_shopping_then_ads_is_off_platform(italian, question):
    assert italian.match(question).goal == Goal.off_platform_activity


# only one of several settings named: the priorities
@pytest.mark.parametrize(
    "question",
    [
        "opposizione o app collegate: se ne posso fare una sola, quale?",
        "tra attività fuori da facebook e opposizione quale conta di più?",
        "ho poco tempo, una sola cosa tra opposizione e app collegate: quale scelgo?",
    ],
)
def test_only_one_of_several_is_quick_wins(italian, question):
    assert italian.match(question).goal == Goal.quick_wins


# the AI suggestions for the texts of one's ads: the advertisers' tools
@pytest.mark.parametrize(
    "question",
    [
        "si possono disattivare i suggerimenti dell'ia per i testi degli annunci?",
        "come tolgo i suggerimenti ia quando scrivo le mie inserzioni",
    ],
)
def test_ai_suggestions_for_ads_are_business(italian, question):
    assert italian.match(question).goal == Goal.business


# close negatives: Threads, the devices an account is open on, where the glasses' photos are
# saved, a law's definition with nothing of Meta's
@pytest.mark.parametrize(
    "question",
    [
        "come elimino il profilo threads?",
        "come vedo i dispositivi collegati al mio whatsapp?",
        "whatsapp è aperto su altri dispositivi? come controllo le sessioni attive",
        "i video fatti con gli occhiali ray-ban meta non li trovo in galleria",
        "che cos'è il gdpr?",
    ],
)
def test_close_negatives_are_declined(italian, question):
    assert italian.match(question).goal is None
