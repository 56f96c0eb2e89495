"""German questions of the kinds the wave 13 tuning fixed in knowledge/matching/de.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# "das ganze KI-Zeug" is AI in general (not "die ganze KI weg"), "i kenn mi nimmer aus" is not
# knowing one's way around (not "nicht mehr" = stop), "dasselbe oder verschiedene Sachen?" asks
# how the things hang together: the overview
@pytest.mark.parametrize(
    "question",
    [
        "Ehrlich, i kenn mi bei dem ganzen KI Kram nimmer aus. Training, Werbung, Chatbot – "
        "ist das alles dasselbe oder sind das verschiedene Dinge?",
        "Bei dem ganzen KI Zeug blick ich nicht mehr durch. Personalisierung und Training, "
        "ist das das gleiche oder zwei verschiedene Sachen?",
        "Ich kenn mich nicht mehr aus: Meta AI, KI-Training, der Kreis im WhatsApp – "
        "alles dasselbe oder unterschiedliche Sachen?",
    ],
)
def test_same_or_different_things_is_the_overview(german, question):
    assert german.match(question).goal == Goal.overview


# "die Bilder runterbekommen / runternehmen": taking one's posts down, however quickly
# ("schnell" beside an action is how, not the quick wins)
@pytest.mark.parametrize(
    "question",
    [
        "Ich hab vor Jahren Partyfotos auf Facebook gestellt. Wie krieg ich die schnell runter?",
        "Wie nehme ich meine alten Instagram Beiträge runter, bevor die KI sie bekommt?",
        "Kann ich meine ganzen Urlaubsbilder auf Facebook auf einmal runternehmen?",
    ],
)
def test_taking_posts_down_is_deleting_them(german, question):
    assert german.match(question).goal == Goal.delete_specific_data


# "wird das für KI verwendet/genutzt?": whether something is taken for the AI
@pytest.mark.parametrize(
    "question",
    [
        "Werden die Videos, die ich mit der Meta Brille aufnehme, für KI genutzt?",
        "Meine Instagram Storys, werden die eigentlich von der KI verwendet?",
        "Landen meine Sprachbefehle bei Meta AI eigentlich in der KI?",
    ],
)
def test_used_for_ai_is_what_is_collected(german, question):
    assert german.match(question).goal == Goal.what_collected


# stopping it ("verhindern, dass …") stays stopping the training, with a word of collecting
# ("privates Profil", "für KI genutzt") beside it
@pytest.mark.parametrize(
    "question",
    [
        "Und mein privates Profil? Wie verhindere ich, dass die Fotos dort fürs Training "
        "verwendet werden?",
        "Wie verhindere ich, dass meine Reels für KI genutzt werden?",
        "Ich hab ein privates Konto. Wie stoppe ich, dass meine Posts ins KI-Training gehen?",
    ],
)
def test_stopping_with_a_collecting_word_is_stopping_the_training(german, question):
    assert german.match(question).goal == Goal.stop_training


# "löschen, was ich der KI erzählt habe", "den Chatverlauf mit der KI löschen": the chats
@pytest.mark.parametrize(
    "question",
    [
        "Kann ich löschen, was ich Meta AI über meine Krankheit erzählt habe?",
        "Wie lösch ich den Chatverlauf mit der KI im Messenger?",
        "Ich hab der Meta KI zu viel anvertraut, wie lösche ich das wieder?",
    ],
)
def test_deleting_what_was_told_to_the_ai_is_the_chats(german, question):
    assert german.match(question).goal == Goal.delete_specific_data


# "wie mach ich mit Meta AI ein Logo / Sticker": using the assistant, not our topic
@pytest.mark.parametrize(
    "question",
    [
        "Wie mach ich mit Meta AI ein Logo für meinen Fußballverein?",
        "Wie mache ich in WhatsApp mit der KI Sticker von meinen Kindern?",
        "Kann Meta AI mir helfen, wie mach ich damit ein Meme?",
    ],
)
def test_making_things_with_meta_ai_is_not_ours(german, question):
    assert german.match(question).goal is None


# "kann man es dort wegmachen?": something in the app (the AI), not the app (the account)
@pytest.mark.parametrize(
    "question",
    [
        "Und im Messenger, kann man es dort auch wegmachen?",
        "Und bei Facebook, geht das da auch weg?",
        "Bei Instagram, krieg ich es dort weg?",
    ],
)
def test_removing_it_there_is_not_the_account(german, question):
    assert german.match(question).goal == Goal.remove_chatbot


# legal adjectives ("rechtens", "datenschutzkonform"): the law
@pytest.mark.parametrize(
    "question",
    [
        "Ist das KI-Training von Meta mit unseren Fotos überhaupt rechtens?",
        "Ist das datenschutzkonform, was Meta da mit der KI macht?",
        "Ist Metas KI-Training DSGVO-konform?",
    ],
)
def test_legal_adjectives_are_regulation(german, question):
    assert german.match(question).goal == Goal.regulation


# "mitkriegen", "mitbekommen": whether the AI gets to see it
@pytest.mark.parametrize(
    "question",
    [
        "Bekommt Meta AI mit, was ich in meinen WhatsApp Chats schreibe?",
        "Kriegt die KI im Messenger mit, mit wem ich schreibe?",
        "Kann Meta mitbekommen, was ich der KI schreibe?",
    ],
)
def test_getting_to_know_is_what_is_collected(german, question):
    assert german.match(question).goal == Goal.what_collected
