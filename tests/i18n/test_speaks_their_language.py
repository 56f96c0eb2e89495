"""End to end through the engine: a German and a French user go through onboarding by text in
their own language and read the bot in it; parts not translated yet (answer cards, letters) come
in English with a note saying so."""

from __future__ import annotations

import json

import pytest

from bot.dialogue import Command, Engine, Outcome, Press, Text
from bot.profile import Profile
from bot.text import html_to_plain


class Speaker:
    """A Telegram user whose app sends `language_code` with every update."""

    def __init__(self, engine: Engine, language_code: str) -> None:
        self.engine = engine
        self.language_code = language_code
        self.profile: Profile | None = None
        self.last: Outcome | None = None

    def _run(self, event: object) -> str:
        self.last = self.engine.handle(self.profile, event, 7, self.language_code)
        self.profile = self.last.profile
        return "\n".join(html_to_plain(r.text) for r in self.last.replies)

    def say(self, text: str) -> str:
        return self._run(Text(text))

    def command(self, name: str, arg: str = "") -> str:
        return self._run(Command(name, arg))

    def press(self, data: str) -> str:
        return self._run(Press(data))

    def button(self, label_part: str) -> str:
        """The data of the last reply's button whose label contains `label_part`."""
        assert self.last is not None
        buttons = [b for r in self.last.replies for row in r.buttons for b in row]
        return next(b.data for b in buttons if label_part in b.label and b.data)


@pytest.fixture
def german(engine: Engine) -> Speaker:
    return Speaker(engine, "de-AT")


@pytest.fixture
def french(engine: Engine) -> Speaker:
    return Speaker(engine, "fr")


def test_a_german_user_onboards_by_text_in_german(german):
    start = german.command("start")
    assert "Wo wohnst du?" in start
    assert "/language" in start, "told once how to change the language"
    assert "Alles klar: Bayern" in german.say("ich wohne in Bayern")
    platforms = german.say("hab insta und whatsapp")
    assert "Alles klar: Instagram, WhatsApp" in platforms
    assert "Was für ein Konto hast du?" in platforms
    done = german.say("privat")
    assert "Kontoart: privat" in done and "Fertig" in done
    assert "/language" not in done, "the language hint is given once"
    assert german.profile.language == "de" and german.profile.onboarded


def test_a_french_user_onboards_by_text_in_french(french):
    assert "Où vivez-vous ?" in french.command("start")
    assert "C'est noté : France" in french.say("je vis en France")
    assert "C'est noté : Instagram, WhatsApp" in french.say("insta et whatsapp")
    done = french.say("perso")
    assert "compte personnel" in done and "C'est prêt" in done
    assert french.profile.onboarded


@pytest.mark.parametrize(
    ("speaker", "help_", "privacy", "mydata"),
    [
        (
            "german",
            "Was ich mache",
            "Was ich über dich speichere",
            "Alles, was ich über dich speichere.",
        ),
        ("french", "Ce que je fais", "Ce que je garde sur vous", "Tout ce que je garde sur vous."),
    ],
)
def test_help_privacy_and_mydata_in_their_language(request, speaker, help_, privacy, mydata):
    user = request.getfixturevalue(speaker)
    user.command("start")
    user.say("Deutschland" if speaker == "german" else "France")
    assert help_ in user.command("help")
    assert privacy in user.command("privacy") and "365" in user.command("privacy")
    user.command("mydata")
    (reply,) = user.last.replies
    assert reply.document is not None and reply.document.caption == mydata
    assert json.loads(reply.document.content)["language"] == user.profile.language


def test_an_untranslated_answer_comes_in_english_with_a_note_once(german, kb, monkeypatch):
    # every card has a German text now: take one away to see what a missing translation does
    monkeypatch.delitem(kb.by_id["stop_training.objection"].texts, "de")
    german.command("start")
    german.say("Deutschland")
    german.say("instagram")
    german.say("privat")
    answer = german.say("how do I stop instagram ai training")
    # An English question switches to English: the user wrote it
    assert german.profile.language == "en" and "I'll write in English" in answer
    german.command("language", "deutsch")
    answer = german.say("Widerspruch gegen KI-Training bei Instagram")
    assert german.profile.language == "de", "a chosen language is kept"
    assert answer.count("noch auf Englisch") == 1
    assert "Stand der Belege" in answer, "the frame of the answer is German"
    details = german.press(german.button("Details"))
    assert "Gut zu wissen" in details and details.count("noch auf Englisch") == 1


def test_a_reminder_date_reads_as_a_french_date(french):
    french.command("start")
    french.say("France")
    french.say("facebook")
    french.say("perso")
    text = french.press("r:new:objection")
    assert "29 décembre 2026" in text and "2026-12-29" not in text
