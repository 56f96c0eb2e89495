"""Italian questions of the kinds the wave 15 tuning fixed in knowledge/matching/it.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# a confirmation mail told in full ("mi è arrivata una mail di conferma"), then "am I done or is
# there more to do?": checking the objection, not Meta's notice and not a complaint
@pytest.mark.parametrize(
    "question",
    [
        "ho fatto opposizione su facebook e mi è arrivata una email di conferma, basta così?",
        "compilato il modulo di opposizione, mi hanno mandato la conferma. serve altro?",
        "opposizione inviata, mi è arrivata la mail di conferma: sono apposto o c'è altro da fare?",
        "ho ricevuto una mail di conferma dopo l'opposizione, devo fare ancora altro?",
    ],
)
def test_confirmation_then_anything_else(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# "Meta keeps using my photos for its AI" said as a complaint, with no objection made: using
# the data for AI, not a refused objection
@pytest.mark.parametrize(
    "question",
    [
        "meta continua a usare i miei post per addestrare la sua ia e non lo sopporto",
        "instagram continua a prendere le mie foto per l'intelligenza artificiale, che schifo",
        "facebook usa comunque i miei contenuti per la sua IA, non voglio",
    ],
)
def test_keeps_using_as_complaint_is_stop_training(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# which of Meta's apps is the worst or most invasive for data and AI: what each one collects
@pytest.mark.parametrize(
    "question",
    [
        "quale app di meta è la più invasiva con i miei dati?",
        "fra messenger e instagram chi è peggio per i dati e l'ia?",
        "whatsapp o facebook, qual è la peggiore per la privacy con l'intelligenza artificiale?",
    ],
)
def test_worst_app_for_data_is_what_collected(italian, question):
    assert italian.match(question).goal == Goal.what_collected
