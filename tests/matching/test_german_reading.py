"""German questions as people type them: what the German lexicon (knowledge/matching/de.yaml)
must read right. Each case is a way of asking that once went unanswered or to the wrong goal."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.fixture(scope="module")
def german(kb):
    return kb.matcher("de")


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # Meta's own menu named on its own is a question for the bot
        ("Aktivitätenprotokoll – wo ist das?", Goal.delete_specific_data),
        # the browser compared with the app, without naming an app
        ("lieber nur noch über die Webseite statt der App?", Goal.browser_vs_app),
        # the AI in a group chat is about its replies there
        ("die KI in unserer Vereinsgruppe soll still sein", Goal.stop_ai_replies),
        # "schreibe ich" is not "schreib mir ein Gedicht"
        ("wie schreibe ich eine Beschwerde an die Datenschutzbehörde", Goal.escalate),
        # a dialect "nicht"
        ("des will i ned, dass facebook meine bilder für d ki hernimmt", Goal.stop_training),
        # "Frag Meta AI" is the prompt in the app
        ("überall steht frag meta ai, kann man das wegmachen", Goal.remove_chatbot),
        # an idiom of not knowing where to start with the whole subject
        ("keine ahnung was meta mit der ki vorhat, was kann ich da machen", Goal.overview),
        # "tl;dr" asks for the short list
        ("tl;dr welche sachen sollte ich gegen die meta ki einstellen", Goal.quick_wins),
        # "bereits" beside training, and "fürs" = "für das"
        ("wurden meine alten fotos bereits fürs ki-training verwendet?", Goal.trained_data),
        # "nich" typed for "nicht", and "zuschneiden" inflected
        ("ich will nich dass die ki sich alles auf mich zuschneidet", Goal.ai_personalization),
    ],
)
def test_a_german_question_reaches_its_goal(german, question, goal):
    assert german.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "wie lösche ich einen Kontakt in WhatsApp",
        "was ist ein LLM",
        "wie werde ich Instagram-Influencer",
        "welches Handy hat die beste Kamera",
        "wie kann ich bei der Telekom widersprechen",
    ],
)
def test_a_german_question_about_something_else_is_out_of_scope(german, question):
    assert german.match(question).goal is None
