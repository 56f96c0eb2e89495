"""Telegram shows each user the command menu and the bot's descriptions in their app's language,
and a German user reads the bot in German from the first message."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.i18n import languages, t
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, running_bot


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(
        token=TOKEN, bot_username="optout_test_bot", strict_html=True
    ) as running:
        yield running


async def test_command_menu_per_language(server: BotAPIServer, tmp_path: Path, kb) -> None:
    async with running_bot(server, tmp_path / "data", kb):
        for language in languages():
            code = "" if language == "en" else language
            menu = {c["command"]: c["description"] for c in server.commands_for(language_code=code)}
            assert menu["language"] == t("telegram.commands.language", language)
        assert (
            server.commands_for(language_code="de")[0]["description"]
            == "Einrichten oder neu anfangen"
        )


async def test_bot_descriptions_per_language(server: BotAPIServer, tmp_path: Path, kb) -> None:
    async with running_bot(server, tmp_path / "data", kb):
        for language in languages():
            code = "" if language == "en" else language
            assert server.bot_texts["description"][code] == t("telegram.description", language)
            short = server.bot_texts["short_description"][code]
            assert short == t("telegram.short_description", language)


async def test_a_german_app_gets_german_from_the_first_message(
    server: BotAPIServer, tmp_path: Path, kb
) -> None:
    async with running_bot(server, tmp_path / "data", kb):
        hans = server.user(5, "Hans", language_code="de")
        (welcome,) = await server.ask(hans, "/start")
        assert "Wo wohnst du?" in welcome and "/language" in welcome
        (apps,) = await server.ask(hans, "ich wohne in Bayern")
        assert "Welche Apps von Meta nutzt du?" in apps
