"""Italian questions of the kinds the wave 12 tuning fixed in knowledge/matching/it.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# "training", the English word, as Italians write it about AI
@pytest.mark.parametrize(
    "question",
    [
        "come blocco il training dell'IA di Meta sui miei post di Instagram?",
        "voglio escludere le mie foto dal training dell'IA di Facebook",
        "c'è un modo per non far finire i miei dati nel training di Meta AI?",
    ],
)
def test_training_loanword(italian, question):
    assert italian.match(question).goal == Goal.stop_training


# what can and cannot be done, or what to tell someone else: the whole picture
@pytest.mark.parametrize(
    "question",
    [
        "Mia madre ha sentito dell'IA di Meta su WhatsApp e vuole sapere cosa si può fare "
        "e cosa no, come glielo spiego?",
        "Sull'intelligenza artificiale di Instagram: cosa posso fare e cosa non posso?",
    ],
)
def test_can_and_cannot_is_the_overview(italian, question):
    assert italian.match(question).goal == Goal.overview


# "come si blocca?" asks how to stop Meta AI, not about an app that freezes
@pytest.mark.parametrize(
    ("question", "goal"),
    [
        (
            "meta ai risponde nel gruppo del calcetto su whatsapp, come si blocca?",
            Goal.stop_ai_replies,
        ),
        ("l'IA di Meta si intromette nelle chat di gruppo, come si blocca?", Goal.stop_ai_replies),
        (
            "meta ai continua a rispondere nella chat di famiglia, come si blocca?",
            Goal.stop_ai_replies,
        ),
    ],
)
def test_how_to_block_it(italian, question, goal):
    assert italian.match(question).goal == goal


# an app that freezes stays an everyday question, not ours
@pytest.mark.parametrize(
    "question",
    [
        "instagram si blocca sempre quando apro le storie, come risolvo?",
        "whatsapp mi si blocca all'avvio da ieri",
    ],
)
def test_app_that_freezes_is_not_ours(italian, question):
    assert italian.match(question).goal is None


# "x" is "per" in chat writing, not the X social network
@pytest.mark.parametrize(
    "question",
    [
        "meglio facebook dal pc o dall'app x la privacy?",
        "cosa devo cambiare nell'app x la privacy di meta ai su instagram?",
    ],
)
def test_x_as_per(italian, question):
    assert italian.match(question).out_of_scope != "company:x"


def test_x_as_per_reads_the_question(italian):
    question = "meglio facebook dal pc o dall'app x la privacy?"
    assert italian.match(question).goal == Goal.browser_vs_app


# the Meta AI setting "Usa la tua attività per …", remembered as it was, and a switch gone
@pytest.mark.parametrize(
    "question",
    [
        "dov'è finito l'interruttore usa attività per meta ai su facebook? non lo trovo più",
        "su instagram c'era usa la tua attività per meta ai e ora non la vedo più",
        "come disattivo usa attività per l'IA su whatsapp?",
    ],
)
def test_use_activity_setting(italian, question):
    assert italian.match(question).goal == Goal.ai_personalization


# leaving Meta's apps for the website, the apps unnamed
@pytest.mark.parametrize(
    "question",
    [
        "se elimino le app e uso solo il browser Meta raccoglie meno dati?",
        "ha senso fare a meno delle app e usare tutto dal sito?",
        "app o browser, cosa è meglio per la privacy?",
    ],
)
def test_apps_against_the_web(italian, question):
    assert italian.match(question).goal == Goal.browser_vs_app
