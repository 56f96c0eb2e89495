"""The apps step answered in one breath with a correction, "only", a denial or "except" (the
way people answer: "facebook e instagram, anzi solo instagram, facebook non lo apro da anni"):
the apps stored are the ones finally meant (every one of these stored an app denied)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Platform

FB, IG, WA, M = Platform.facebook, Platform.instagram, Platform.whatsapp, Platform.messenger


@pytest.mark.parametrize(
    ("language", "home", "said", "apps"),
    [
        ("en", "india", "whatsapp, instagram... no wait i removed insta last month, only whatsapp",
         [WA]),
        ("fr", "Montréal",
         "facebook et whatsapp, ah non pas whatsapp, j'ai juste facebook et instagram", [FB, IG]),
        ("it", "Torino", "facebook e instagram, anzi solo instagram, facebook non lo apro da anni",
         [IG]),
        ("de", "Wien", "insta und whatsapp, fb hab ich nicht", [IG, WA]),
        ("es", "Madrid", "face y whats, bueno no, solo whatsapp", [WA]),
        ("pt", "Recife", "insta e whats, mas o face eu não uso", [IG, WA]),
        ("en", "uk", "all except messenger", [FB, IG, WA]),
        ("de", "Berlin", "alle außer Messenger", [FB, IG, WA]),
    ],
)  # fmt: skip
def test_the_apps_finally_meant_are_stored(chat, language, home, said, apps):
    if language != "en":
        chat.command("language", language)
    chat.command("start")
    chat.say(home)
    chat.say(said)
    assert chat.profile.platforms == apps
    assert M not in chat.profile.platforms or M in apps
