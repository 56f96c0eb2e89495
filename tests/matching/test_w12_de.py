"""German questions of the kinds the wave 12 tuning fixed in knowledge/matching/de.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# "ab jetzt" / "ab sofort" tell what Meta does from now on (news), not that the user wants it
# stopped; "was geht und was nicht" asks for the whole picture
@pytest.mark.parametrize(
    "question",
    [
        "Im Radio hieß es, Meta nimmt ab sofort unsere Beiträge für KI. Was geht da und was nicht?",
        "Meta verwendet ab jetzt alles für seine KI, hab ich gelesen. "
        "Was kann ich tun und was nicht?",
        "Laut Zeitung nutzt Facebook ab sofort unsere Fotos für KI. Welche Möglichkeiten hab ich, "
        "was geht und was nicht?",
    ],
)
def test_news_from_now_on_is_the_overview(german, question):
    assert german.match(question).goal == Goal.overview


# the Meta AI circle by its dialect diminutive (Austria, Bavaria, Switzerland)
@pytest.mark.parametrize(
    "question",
    [
        "Des blaue Kreiserl im Messenger mag i ned, wie kriag i des weg?",
        "Wie mach ich das bunte Ringli bei WhatsApp weg?",
        "Im Instagram is jetzt so a Knopferl mit da KI, kann man des entfernen?",
    ],
)
def test_dialect_diminutive_of_the_button(german, question):
    assert german.match(question).goal == Goal.remove_chatbot


# "man muss widersprechen, stimmt das, und wie geht das?": how to object, not the overview
@pytest.mark.parametrize(
    "question",
    [
        "Eine Freundin sagt, man muss bei Instagram widersprechen, sonst nimmt Meta die Fotos "
        "für die KI. Stimmt das und wie macht man das?",
        "Angeblich soll man dem KI-Training widersprechen, stimmt das, wie gehe ich da vor?",
        "Auf Facebook heißt es, man muss Einspruch gegen die KI einlegen, "
        "ist das wahr und wie geht das?",
    ],
)
def test_hearsay_then_how_to_object(german, question):
    assert german.match(question).goal == Goal.stop_training


# switching off the personalisation of Meta AI is not removing the assistant
@pytest.mark.parametrize(
    "question",
    [
        "Personalisierung von Meta AI bei Facebook abstellen, ist das möglich?",
        "Kann ich bei Insta die Personalisierung der Meta AI ausschalten?",
        "personalisirung meta ai auf whatsapp deaktivieren, geht das?",
    ],
)
def test_turning_off_personalisation(german, question):
    assert german.match(question).goal == Goal.ai_personalization


# whether a kind of data (voice commands, messages) ends up in the training: what is taken
@pytest.mark.parametrize(
    "question",
    [
        "Kommen meine Sprachaufnahmen von der Meta-Brille ins KI-Training?",
        "Landen meine Sprachnachrichten bei WhatsApp im Training von Meta?",
        "Werden die Sprachbefehle, die ich Meta AI gebe, fürs Training benutzt?",
    ],
)
def test_whether_data_lands_in_training(german, question):
    assert german.match(question).goal == Goal.what_collected


# the same data with a wish to stop it stays the training objection
@pytest.mark.parametrize(
    "question",
    [
        "Wie verhindere ich, dass meine Sprachnachrichten fürs KI-Training genutzt werden?",
        "Ab sofort will ich nicht, dass Meta meine Fotos für die KI nimmt, wie stelle ich das ab?",
    ],
)
def test_stopping_it_stays_the_objection(german, question):
    assert german.match(question).goal == Goal.stop_training
