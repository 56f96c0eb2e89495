"""German questions of the kinds the wave 14 tuning fixed in knowledge/matching/de.yaml: each
parametrised test is one kind, with phrasings written for the test (not taken from a set)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


# Meta's English menu labels typed into a German question ("Object to", "Settings")
@pytest.mark.parametrize(
    "question",
    [
        "Im Privacy Center steht nirgends 'Object to', wo find ich den Widerspruch?",
        "Wo ist bei Insta der Punkt 'Right to object' in den Settings hin?",
        "Ich find 'Object to Data Processing' nicht mehr, hat Meta das versteckt?",
    ],
)
def test_english_menu_labels_of_the_objection(german, question):
    assert german.match(question).goal == Goal.stop_training


# a text or template for the objection: objecting, not what is sent to Meta
@pytest.mark.parametrize(
    "question",
    [
        "Gibt es einen Mustertext für den Widerspruch gegen Metas KI?",
        "Hast du eine Vorlage für den Widerspruch, die ich an Facebook schicken kann?",
    ],
)
def test_objection_letter_template(german, question):
    assert german.match(question).goal == Goal.stop_training


# "KI verbessern" switched off: the personalisation toggle
@pytest.mark.parametrize(
    "question",
    [
        "Gilt 'KI verbessern' bei WhatsApp für alle Geräte oder muss ich das auf dem Tablet "
        "extra ausschalten?",
        "Wie schalte ich bei WhatsApp 'KI verbessern' aus?",
    ],
)
def test_improve_ai_toggle_switched_off(german, question):
    assert german.match(question).goal == Goal.ai_personalization


# the Meta AI app uninstalled, and AI comment/reply suggestions: the assistant, not the browser
@pytest.mark.parametrize(
    "question",
    [
        "Wenn ich die Meta AI App lösche, ist die KI dann auch aus Instagram weg?",
        "Bringt es was, die Meta-AI-App zu deinstallieren, oder bleibt die KI im Messenger?",
        "Wie werde ich die KI-Kommentarvorschläge bei Instagram los?",
        "Die KI-Antwortvorschläge unter meinen Posts nerven, wie mach ich die weg?",
    ],
)
def test_meta_ai_app_and_comment_suggestions(german, question):
    assert german.match(question).goal == Goal.remove_chatbot


# changed one's mind after deleting the account, or the whole app against the AI settings
@pytest.mark.parametrize(
    "question",
    [
        "Hab mein Insta-Konto gestern gelöscht und es mir anders überlegt, geht das noch "
        "rückgängig?",
        "Wenn ich mich in den 30 Tagen wieder einlogge, ist die Löschung dann weg?",
        "Soll ich Instagram ganz löschen oder reicht es, die KI abzuschalten?",
        "Lieber Facebook ganz löschen oder nur die KI-Einstellungen ändern?",
    ],
)
def test_changed_mind_or_whole_app_is_the_account(german, question):
    assert german.match(question).goal == Goal.delete_account


# "längst verwurstet": what Meta has long since used
@pytest.mark.parametrize(
    "question",
    [
        "Meta hat meine alten Posts doch längst verwurstet, oder?",
        "Die haben meine Fotos doch schon längst für ihre KI verbraten, was nun?",
    ],
)
def test_long_since_used(german, question):
    assert german.match(question).goal == Goal.trained_data


# removing connected apps and websites: the connections, not the account
@pytest.mark.parametrize(
    "question",
    [
        "Apps und Websites bei Instagram entfernen, was passiert dann mit meinen Daten dort?",
        "Ich will die verknüpften Apps bei Facebook entfernen, wie geht das?",
        "Verbundene Apps aus meinem Facebook entfernen – geht das einzeln?",
    ],
)
def test_removing_connected_apps(german, question):
    assert german.match(question).goal == Goal.connected_apps


# a private profile "out of the training?", and "what do they have on me": what is taken
@pytest.mark.parametrize(
    "question",
    [
        "Mein Facebook ist jetzt privat. Bin ich damit aus dem Training raus?",
        "Ist man mit einem privaten Profil vom KI-Training ausgenommen?",
        "Ich will sehen, was die alles über mich haben, geht das bei Instagram?",
    ],
)
def test_private_profile_and_what_they_have(german, question):
    assert german.match(question).goal == Goal.what_collected


# a complaint to the data protection authority, with cost or a lawyer beside it
@pytest.mark.parametrize(
    "question",
    [
        "Ist eine Beschwerde bei der Datenschutzbehörde kostenlos?",
        "Was kostet es, sich bei der Aufsichtsbehörde über Meta zu beschweren?",
        "Brauche ich einen Anwalt für eine Beschwerde bei der Datenschutzbehörde?",
    ],
)
def test_complaint_to_the_authority_with_cost(german, question):
    assert german.match(question).goal == Goal.escalate


# already acted (objected, switched off): what is left to do
@pytest.mark.parametrize(
    "question",
    [
        "Widerspruch ist raus, was muss ich sonst noch umstellen?",
        "Hab bei Insta widersprochen und KI verbessern aus. Fehlt noch was?",
        "Alles abgeschaltet bei WhatsApp – was bleibt noch zu tun?",
        "Für meinen Opa, bitte ganz einfach erklärt: was muss er bei Facebook tun?",
    ],
)
def test_next_step_after_acting(german, question):
    assert german.match(question).goal == Goal.quick_wins


# "damit Meta nichts für KI nimmt": stop the training
@pytest.mark.parametrize(
    "question",
    [
        "Was muss meine Oma bei Instagram einstellen, damit Meta nichts für KI nimmt?",
        "Wie sorge ich dafür, dass Facebook nichts mehr für die KI nimmt?",
    ],
)
def test_nothing_for_the_ai(german, question):
    assert german.match(question).goal == Goal.stop_training


# noyb's complaint or lawsuit: the legal side, not the user's own complaint
@pytest.mark.parametrize(
    "question",
    [
        "Hat die Beschwerde von noyb gegen Meta was gebracht?",
        "Wie steht es um die noyb Klage gegen Metas KI-Training?",
    ],
)
def test_noyb_complaint_is_regulation(german, question):
    assert german.match(question).goal == Goal.regulation


# hard negatives sharing words with goals: deleting for everyone, ad payments, the glasses'
# photos in the gallery, archiving, parents' consent, the WhatsApp business API
@pytest.mark.parametrize(
    "question",
    [
        "Wie kann ich bei WhatsApp eine Nachricht für alle löschen?",
        "Meine Zahlungsmethode für Werbung wird bei Facebook abgelehnt, warum?",
        "Die Fotos von der Meta Brille sind nicht in meiner Galerie, wo sind die?",
        "Wie archiviere ich eine Gruppe bei WhatsApp?",
        "Braucht der Verein die Zustimmung der Eltern, um Kinderfotos auf Instagram zu posten?",
        "Wie verbinde ich meinen Shop mit der WhatsApp Cloud API?",
    ],
)
def test_hard_negatives_are_not_ours(german, question):
    assert german.match(question).goal is None
