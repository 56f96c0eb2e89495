"""A German-speaking user, end to end through the engine: onboarding by text in German, a
question in German answered with the German card, and the objection letter in German."""

from __future__ import annotations

import pytest

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


@pytest.fixture
def user(engine: Engine) -> Speaker:
    speaker = Speaker(engine, "de")
    speaker.command("start")
    speaker.say("Österreich")
    speaker.say("facebook und insta")
    speaker.say("privat")
    return speaker


def test_onboarding_by_text_ends_in_german(user):
    assert user.profile.onboarded and user.profile.language == "de"


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "wie widerspreche ich dem ki training bei insta",
            "der Nutzung deiner Daten für Metas KI zu widersprechen",
        ),
        (
            "fb konto endgültig löschen, nicht nur deaktivieren",
            "du kannst dein Facebook-Konto in der Kontenübersicht endgültig löschen",
        ),
        ("meta hat meinen widerspruch abgelehnt, was nun", "deinen Widerspruch ablehnt oder nicht"),
        (
            "wie werde ich den blauen kreis im messenger los",
            "du kannst Meta AI nicht aus Facebook oder Messenger entfernen",
        ),
    ],
)
def test_a_german_question_gets_the_german_card(user, question, title):
    answer = user.say(question)
    assert title in answer
    assert "noch auf Englisch" not in answer, "the card is shown in German, not English"
    assert user.profile.language == "de"


def test_the_objection_letter_is_german_and_formal(user):
    user.say("Widerspruch gegen KI-Training bei Facebook")
    text = user.press("l:objection")
    assert "Hiermit widerspreche ich" in text and "Ich fordere Sie auf" in text
    assert "I object" not in text
