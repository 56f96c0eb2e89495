"""German questions as people type them: what the German lexicon (knowledge/matching/de.yaml)
must read right. Each case is a way of asking that once went unanswered or to the wrong goal."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


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
        # "klauen" for taking data, and a separable verb split round its object ("mach … aus")
        ("die ki klaut meine urlaubsbilder, wie mach ich das aus", Goal.stop_training),
        # a passive "verwendet werden" is about what comes, not what was already used
        ("möchte nicht, dass meine reels für meta ki verwendet werden", Goal.stop_training),
        # a compound of Personalisierung + Einstellungen, written as one word
        (
            "bei insta personalisierungseinstellungen für die ki ausschalten",
            Goal.ai_personalization,
        ),
        # the app's English label of the WhatsApp switch
        ("wo schalte ich improve ai in whatsapp aus", Goal.ai_personalization),
        # Bavarian "zuamacha" (zumachen): closing the account
        ("mei frau mog ihr instagram zuamacha, für immer", Goal.delete_account),
        # where it sits on screen names the button
        ("wie krieg ich das runde ki ding oben rechts im whatsapp weg", Goal.remove_chatbot),
        # out of our chats = its replies there
        ("meta ai soll sich aus unserem klassenchat raushalten, geht das", Goal.stop_ai_replies),
        # what it may see or know of me = what it collects
        ("was kann die ki eigentlich alles von mir sehen", Goal.what_collected),
        # a compound complaint word
        ("datenschutzbeschwerde wegen meta ki, wie reiche ich die ein", Goal.escalate),
        # a list of what to change
        ("gib mir ne liste was ich bei facebook umstellen muss wegen ki", Goal.quick_wins),
        # "worum geht es" asks what the subject is
        ("worum geht es bei diesem meta ai opt out eigentlich", Goal.overview),
        # Austrian "ned" and "nimmer" are "nicht" / "nicht mehr", also before "fürs Training"
        ("meine fotos solln ned fürs training von meta hergenommen werden", Goal.stop_training),
        # "was ist mit den Daten, die schon …" asks about them, it is no "was ist"
        ("was ist mit den bildern die meta schon für die ki genommen hat", Goal.trained_data),
        # the browser weighed against "the apps" with no app named, a browser's name in it
        ("apps runter und nur noch mit firefox am laptop, hilft das?", Goal.browser_vs_app),
        # "nicht nur den Verlauf, sondern die KI selbst": the assistant, not the history
        (
            "nicht nur den verlauf löschen, ich will die ki selbst aus whatsapp weg haben",
            Goal.remove_chatbot,
        ),
        # a child chatting with the AI all day, to be taken away
        (
            "mein sohn schreibt nur noch mit der ki im insta, kann ich ihm die wegnehmen",
            Goal.remove_chatbot,
        ),
        # one objection for accounts linked in the Accounts Center
        ("zählt mein widerspruch für alle konten in der kontenübersicht?", Goal.stop_training),
        # waiting with digits, and "nix" for "nichts"
        ("seit 4 wochen nix von meta zu meinem widerspruch, was jetzt", Goal.escalate),
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
        # an objection to another body's decision, and an own website's privacy notice
        "Widerspruch gegen den Bußgeldbescheid einlegen, welche Frist?",
        "Datenschutzerklärung für meine Homepage schreiben",
        # having Meta AI make something is using the app
        "mit meta ai ein logo für unser sommerfest erstellen",
        # "merkt" = notices; money spent in an app; a job lost over a post; a browser alone
        "wie schalte ich jemanden in whatsapp stumm ohne dass er es merkt",
        "meine tochter hat 20 euro in einem facebook spiel ausgegeben, krieg ich das geld zurück",
        "darf mich meine chefin wegen einem insta foto entlassen",
        "wie sorg ich dafür dass firefox weniger speichert",
    ],
)
def test_a_german_question_about_something_else_is_out_of_scope(german, question):
    assert german.match(question).goal is None
