"""Which language the bot writes in: the user's choice, else the profile (from Telegram's
language_code at first), else a text clearly in another language; English when nothing is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.callbacks import LanguagePicked
from bot.dialogue import Engine
from bot.language import identify
from bot.yamlfile import load_yaml
from tests.i18n.test_speaks_their_language import Speaker

BENCH = Path(__file__).parents[2] / "bench" / "data"


@pytest.fixture
def user(engine: Engine) -> Speaker:
    return Speaker(engine, "en")


def buttons(user: Speaker) -> dict[str, str]:
    assert user.last is not None
    return {b.label: b.data or "" for r in user.last.replies for row in r.buttons for b in row}


def test_language_offers_every_language_in_its_own_name(user):
    user.command("start")
    assert "Which language" in user.command("language")
    labels = buttons(user)
    assert {"✓ English", "Deutsch", "Français", "Español", "Italiano", "Português"} == set(labels)
    assert "je vous écris désormais en français" in user.press(labels["Français"])
    assert (user.profile.language, user.profile.language_chosen) == ("fr", True)
    assert "Que voulez-vous modifier ?" in user.command("settings")


def test_settings_has_a_language_button_that_opens_the_choice(user):
    user.command("start")
    user.command("settings")
    data = buttons(user)["🌐 Language"]
    assert data == LanguagePicked(None).pack()
    assert "Which language" in user.press(data)
    assert "Italiano" in buttons(user)


def test_a_language_the_bot_does_not_have_is_a_stale_button(user):
    user.command("start")
    user.press("lg:nl")
    assert user.last.notice is not None and "expired" in user.last.notice
    assert user.profile.language == "en"


def test_language_by_name_as_argument(user):
    user.command("start")
    assert "escribo en español" in user.command("language", "Español")
    assert "ti scrivo in italiano" in user.command("language", "it")
    assert "In che lingua" in user.command("language", "klingon"), "unknown: the choice, in Italian"


def test_telegram_language_code_sets_a_new_users_language(engine):
    assert "Onde você mora?" in Speaker(engine, "pt-BR").command("start")
    assert "Where do you live?" in Speaker(engine, "nl").command("start"), "unsupported: English"


def test_a_clear_text_switches_once_and_single_words_never(user):
    user.command("start")
    assert "Got it: Germany" in user.say("Deutschland")
    assert user.profile.language == "en", "one word (a country name) does not switch"
    switched = user.say("ich wohne in Bayern")
    assert user.profile.language == "de" and switched.count("/language") == 1
    again = user.say("nur instagram und whatsapp")
    assert "/language" not in again, "said once"


def test_a_chosen_language_is_not_switched_by_texts(user):
    user.command("start")
    user.command("language", "fr")
    user.say("ich wohne in Bayern")
    assert user.profile.language == "fr"


def test_wrong_switches_are_rare_on_the_evaluation_texts():
    """The bench texts (written natively, independently of the detector): a switch to a wrong
    language would change every later reply, so it must be rare (measured: 1 in 790)."""
    texts = [(x["text"], "en") for x in load_yaml(BENCH / "chat.yaml")]
    for code in ("de", "fr", "es", "it", "pt"):
        texts += [(x["text"], code) for x in load_yaml(BENCH / "lang" / f"{code}.yaml")]
    decided = [(identify(text), code) for text, code in texts]
    decided = [(found, code) for found, code in decided if found is not None]
    wrong = [1 for found, code in decided if found != code]
    assert len(decided) >= 0.85 * len(texts)
    assert len(wrong) <= 0.005 * len(decided)
