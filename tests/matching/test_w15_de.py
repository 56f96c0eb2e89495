"""German questions of the kinds the wave 15 tuning fixed in knowledge/matching/de.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# a confirmation after objecting ("sie kommen ihm nach", "hat es geklappt?"): what objecting does
@pytest.mark.parametrize(
    "question",
    [
        "Meta hat geschrieben, dass meinem Widerspruch stattgegeben wurde. "
        "Ist jetzt alles erledigt?",
        "Widerspruch bei Facebook gemacht und eine Bestätigung bekommen – werden meine Fotos "
        "jetzt wirklich nicht mehr genommen?",
        "Ich hab dem KI-Training widersprochen. Hat das geklappt, wie kann ich das prüfen?",
    ],
)
def test_confirmation_after_the_objection(german, question):
    assert german.match(question).goal == Goal.stop_training


# "soll ich lieber die App löschen oder die ganzen KI-Sachen ausschalten?": a choice of ways
@pytest.mark.parametrize(
    "question",
    [
        "Sollte ich Instagram lieber ganz löschen oder reicht es, "
        "die ganzen KI-Sachen abzustellen?",
    ],
)
def test_choice_between_deleting_and_switching_off(german, question):
    assert german.match(question).goal == Goal.overview


# the assistant back after it was swiped or clicked away
@pytest.mark.parametrize(
    "question",
    [
        "Hab das Meta AI Symbol in WhatsApp weggeklickt, jetzt ist es wieder da. Was soll das?",
        "Die Meta-AI-Suche bei Facebook ist schon wieder da, obwohl ich sie weggeklickt habe",
        "hab den meta ai kreis in whatsapp weggewischt aber der taucht wieder auf",
    ],
)
def test_assistant_back_after_removing_it(german, question):
    assert german.match(question).goal == Goal.remove_chatbot


# deleting one's chats with Meta AI: those data, not the assistant
@pytest.mark.parametrize(
    "question",
    [
        "Wie lösche ich meine Chats mit Meta AI, sind die dann auch auf den Servern weg?",
        "Kann ich den Chatverlauf mit Meta AI komplett löschen?",
        "wenn ich die unterhaltung mit der ki lösch, hat meta die dann trotzdem noch?",
    ],
)
def test_deleting_chats_with_the_assistant(german, question):
    assert german.match(question).goal == Goal.delete_specific_data


# "Aktivitäten außerhalb … getrennt": that setting, not a connected app
@pytest.mark.parametrize(
    "question",
    [
        "Ich habe die Aktivitäten außerhalb von Meta getrennt. "
        "Sammeln Online-Shops trotzdem weiter?",
        "hab bei insta die aktivitäten außerhalb getrennt, gilt das auch für facebook?",
    ],
)
def test_off_meta_activity_disconnected(german, question):
    assert german.match(question).goal == Goal.off_platform_activity


# "darf Meta … für die KI verwenden?": whether it is taken, not the law
@pytest.mark.parametrize(
    "question",
    [
        "Mein Profil ist privat. Darf Instagram meine Fotos trotzdem für die KI nutzen?",
        "Darf Meta meine Fotos aus dem privaten Profil für die KI nutzen?",
    ],
)
def test_may_meta_use_it_for_ai(german, question):
    assert german.match(question).goal == Goal.what_collected


# "welche App ist am schlimmsten": which takes most
@pytest.mark.parametrize(
    "question",
    [
        "Welche von den Meta-Apps sammelt am meisten Daten für die KI?",
        "Was ist am gefährlichsten für meine Daten, Facebook oder Instagram?",
        "Welche Meta-App ist am schlimmsten beim Datensammeln für die KI?",
    ],
)
def test_which_app_is_worst(german, question):
    assert german.match(question).goal == Goal.what_collected


# "ehrliche Antwort bitte, kein Marketing-Blabla": how to answer, not the AI's replies
@pytest.mark.parametrize(
    "question",
    [
        "Liest die Meta KI meine Nachrichten in WhatsApp mit? Ehrliche Antwort bitte",
        "Sieht Meta AI meine Chats im Messenger? Kein Marketing-Blabla bitte",
    ],
)
def test_how_to_answer_is_no_question_of_replies(german, question):
    assert german.match(question).goal == Goal.what_collected
