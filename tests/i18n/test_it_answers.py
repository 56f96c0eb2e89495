"""End to end through the engine in Italian: onboarding by text, a question typed the way
Italians message answered with the Italian card, and the letters (the objection to Meta and the
complaint, a formal Italian "reclamo") in Italian."""

from __future__ import annotations

import pytest

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


@pytest.fixture
def italian(engine: Engine) -> Speaker:
    return Speaker(engine, "it")


def onboard(user: Speaker, apps: str = "insta e whatsapp") -> None:
    user.command("start")
    user.say("vivo in italia")
    user.say(apps)
    user.say("personale")


def test_an_italian_user_onboards_by_text_in_italian(italian):
    start = italian.command("start")
    assert "Dove vivi?" in start and "/language" in start
    assert "Perfetto: Italia" in italian.say("vivo in italia")
    platforms = italian.say("insta e whatsapp")
    assert "Perfetto: Instagram, WhatsApp" in platforms
    assert "Che tipo di account hai?" in platforms
    done = italian.say("personale")
    assert "account personale" in done and "Tutto pronto" in done
    assert italian.profile.language == "it" and italian.profile.onboarded


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "come faccio a impedire a instagram di usare le mie foto per l'ia",
            "di opporti all'uso dei tuoi dati per l'IA di Meta",
        ),
        ("voglio cancellare insta per sempre", "puoi eliminare il tuo account Instagram"),
        (
            "quel cerchio blu su whatsapp si puo togliere?",
            "non puoi togliere né spegnere Meta AI su WhatsApp",
        ),
        (
            "meta ha respinto la mia opposizione, cosa faccio",
            "se Meta respinge la tua opposizione o non risponde entro un mese",
        ),
        (
            "meta ai risponde da sola nel gruppo whatsapp, come la blocco",
            "Meta AI risponde in una chat solo quando qualcuno la chiama in causa",
        ),
    ],
)
def test_a_question_in_italian_gets_the_italian_card(italian, question, title):
    onboard(italian)
    answer = italian.say(question)
    assert title in answer
    assert "in inglese" not in answer, "no part of this answer falls back to English"
    details = italian.press(italian.button("Dettagli"))
    assert "Da sapere" in details, "the frame of the answer is Italian"
    assert "in inglese" not in details


def test_the_objection_letter_is_in_italian(italian):
    onboard(italian, "instagram")
    italian.say("come mi oppongo all'addestramento dell'ia di meta")
    letter = italian.press("l:objection")
    assert "La tua opposizione all'addestramento dell'IA di Meta" in letter
    # cited as Italian law texts do (art. 21, par. 1), where English writes Art. 21(1)
    assert "Con la presente mi oppongo, ai sensi dell'art. 21, par. 1 del GDPR" in letter
    assert "Vi chiedo di rispondere entro un mese" in letter
    assert "I object" not in letter


def test_the_complaint_is_an_italian_reclamo_to_the_garante(italian):
    onboard(italian, "facebook")
    italian.say("meta non mi ha mai risposto all'opposizione, voglio fare reclamo")
    complaint = italian.press("l:complaint")
    assert "Garante per la protezione dei dati personali" in complaint
    assert "Reclamo ai sensi della normativa sulla protezione dei dati (GDPR)" in complaint
    assert "Chiedo a codesta Autorità di verificare" in complaint
    assert "Meta non ha risposto entro il termine di un mese" in complaint
