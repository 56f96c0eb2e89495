"""German questions of the kinds older users write (wave 11): long, polite sentences that
describe what they see, and everyday app questions that share words with ours. Each case is a
kind the German lexicon (knowledge/matching/de.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # the app put back "auf normal", as it was before the AI
        (
            "Kann ich die Suche in Instagram wieder auf normal zurückstellen, ohne diese KI?",
            Goal.remove_chatbot,
        ),
        # a "KI-Vorschlag" on screen is the assistant's widget, not personalisation
        (
            "Bei mir im Messenger ist oben ein KI-Vorschlag, wie bekomme ich den weg?",
            Goal.remove_chatbot,
        ),
        # what the AI takes into account when it answers me
        (
            "Die KI soll meine Hobbys nicht berücksichtigen, wenn sie mir antwortet",
            Goal.ai_personalization,
        ),
        # "diese KI-Geschichte" is the AI affair, not the overview's "Geschichte"
        ("Wegen dieser ganzen KI-Geschichte will ich mein Instagram löschen", Goal.delete_account),
        # out of the AI's memory again = what it has already learned
        ("Kann man meine Fotos wieder aus dem Gedächtnis der KI herausnehmen?", Goal.trained_data),
        # "zugänglich" for the AI = what it gets to see
        ("Sind meine Chats im Messenger für die KI zugänglich?", Goal.what_collected),
        # Meta's letter of refusal, and "eine Stelle" that helps
        (
            "Meta schreibt, man könne meiner Anfrage nicht nachkommen. "
            "An welche Stelle wende ich mich?",
            Goal.escalate,
        ),
        # what there is to switch off at all
        (
            "Im Turnverein reden alle von Meta AI. Was kann man da überhaupt abschalten?",
            Goal.overview,
        ),
        # separating a game or quiz from the account
        (
            "Ein Quiz hängt an meinem Facebook dran, wie trenne ich die Verbindung?",
            Goal.connected_apps,
        ),
        ("Welche Programme haben Zugriff auf mein Facebook-Konto?", Goal.connected_apps),
        # a club's page is a page like a business's
        ("Gilt mein Widerspruch auch für die Vereinsseite auf Facebook?", Goal.business),
        # the order of steps
        (
            "In welcher Reihenfolge soll ich die Einstellungen bei Instagram angehen?",
            Goal.quick_wins,
        ),
        # "etwas unternehmen" is doing something, not a company
        ("Was unternehme ich gegen die KI von Meta?", Goal.overview),
    ],
)
def test_kind_is_read(german, question, goal):
    assert german.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        # someone selling in my name: a hacked or faked account
        "Jemand verkauft unter meinem Namen Schuhe auf Facebook, was tun?",
        # reading the screen better
        "Wie mache ich die Schrift im Messenger grösser?",
        # keeping strangers out, not the AI
        "Mein Instagram soll privat sein, damit Fremde meine Fotos nicht sehen",
        # a wrong answer of the AI is its quality, not a complaint about data
        "Meta AI hat mir eine falsche Auskunft über Zugverbindungen gegeben, "
        "wo beschwere ich mich?",
        # wanting the AI back
        "Der KI-Kreis in WhatsApp ist verschwunden, wie bekomme ich ihn zurück?",
        # setting an app up on another device
        "Wie richte ich Facebook auf dem Laptop ein?",
        # founding a page
        "Wie erstelle ich eine Facebook-Seite für unseren Chor?",
        # an appeal against a blocked account is not an objection to the AI
        "Mein Konto wurde gesperrt, wie kann ich Einspruch einlegen?",
        # channels and subscriptions
        "Wie kann ich einen Kanal bei WhatsApp abbestellen?",
        # finding saved posts
        "Wo finde ich meine gespeicherten Beiträge bei Facebook?",
    ],
)
def test_not_ours(german, question):
    assert german.match(question).goal is None


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # an objection to the training stays ours beside "Einspruch"
        ("Kann ich Einspruch gegen das KI-Training einlegen?", Goal.stop_training),
        # private account and the AI: still the training
        (
            "Wie stelle ich mein Konto auf privat, damit die KI meine Fotos nicht nimmt?",
            Goal.stop_training,
        ),
    ],
)
def test_still_ours(german, question, goal):
    assert german.match(question).goal == goal
