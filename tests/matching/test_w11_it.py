"""Italian questions of the kinds the wave-11 development set showed read wrong: "usare le mie
foto per l'IA" is training, "ho già disattivato" is the action (not data already used), "cos'è"
with its apostrophe asks what Meta AI is, an inquiry of the antitrust is the law, "ho parlato
di…" and the ads that follow are what is collected; and phone storage, unsending a message, a
deleted chat to recover, a leak, a wrong answer to report, the news of the day and another
company's AI used on Meta's apps stay declined. Each case is a kind the Italian lexicon
(knowledge/matching/it.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # using something "per l'IA" is feeding it to the AI
        ("non voglio che instagram usi i miei post per l'ia", Goal.stop_training),
        (
            "e se non voglio che i miei dati vengano usati per l'intelligenza artificiale?",
            Goal.stop_training,
        ),
        # "già disattivato" is what was done, not the data already used
        ("ho già spento l'ia su facebook, così non ci allenano più i modelli?", Goal.stop_training),
        # "cos'è" folds to "cos e"
        ("cos'è questa meta ai che mi è comparsa?", Goal.overview),
        # an investigation by an authority is the law
        ("l'antitrust indaga davvero su meta per l'ia nelle chat?", Goal.regulation),
    ],
)
def test_the_kind_reaches_its_goal(italian, question, goal):
    assert italian.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "instagram occupa troppo spazio sul telefono, come libero memoria?",
        "posso annullare l'invio di una foto su whatsapp?",
        "ho eliminato un gruppo whatsapp per sbaglio, come lo recupero?",
        "c'è stato un data breach di instagram? i miei dati sono trapelati?",
        "meta ai mi dà informazioni sbagliate sul meteo, è normale?",
        "dimmi le ultime notizie sulla politica",
        "siri può leggere le chat di whatsapp ad alta voce?",
        "posso collegare chatgpt alla mia pagina instagram per rispondere ai commenti?",
    ],
)
def test_not_ours_is_declined(italian, question):
    assert italian.match(question).goal is None
