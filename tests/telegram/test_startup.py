"""Start-up: the bot answers before the work that no first answer needs is done, and does that
work only when something changed. Counted by Bot API calls and loaded matchers, never by time."""

from __future__ import annotations

import asyncio
import dataclasses
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.cache import BuildCache
from bot.conversation import open_store
from bot.dialogue import Engine
from bot.i18n import languages
from bot.knowledge import KnowledgeBase
from bot.telegram import registration
from bot.telegram.app import build_application
from bot.telegram.runner import serve
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, running_bot, settings_for

SETTERS = ("setMyCommands", "setMyDescription", "setMyShortDescription")
ADMIN = 777


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN) as running:
        yield running


def set_calls(server: BotAPIServer) -> int:
    return sum(len(server.calls_to(method)) for method in SETTERS)


async def test_menus_and_descriptions_are_set_once_and_again_after_a_change(
    server: BotAPIServer, tmp_path: Path, kb: KnowledgeBase
) -> None:
    data_dir = tmp_path / "data"
    async with running_bot(server, data_dir, kb):
        pass
    every_language = 3 * len(languages())
    assert set_calls(server) == every_language
    assert server.commands_for(language_code="de") != server.commands, "the German menu"
    async with running_bot(server, data_dir, kb):  # a restart, nothing changed
        pass
    assert set_calls(server) == every_language, "nothing set again"
    async with running_bot(server, data_dir, kb, admin_ids=[ADMIN]) as app:  # a new admin
        assert set_calls(server) == 2 * every_language + 1, "everything set again"
        fresh = BuildCache(tmp_path / "fresh-deployment")
        assert await registration.register(app.bot, [], fresh) == every_language
        assert await registration.register(app.bot, [], fresh) == 0


class GatedCache(BuildCache):
    """The session's build cache, except that loading any language's matcher but English's
    waits until the test opens the gate."""

    def __init__(self, source: BuildCache, gate: threading.Event) -> None:
        super().__init__(source.directory)
        self.gate = gate

    def load(self, name: str, key: str) -> object | None:
        if name.startswith("matcher-") and name != "matcher-en":
            self.gate.wait(timeout=120)
        return super().load(name, key)


async def test_the_bot_answers_before_the_other_languages_matchers_are_ready(
    server: BotAPIServer, tmp_path: Path, kb: KnowledgeBase
) -> None:
    """As `optout-bot run` serves (runner.serve), with every matcher but English's held up."""
    gate = threading.Event()
    starting = dataclasses.replace(
        kb,
        cache=GatedCache(kb.cache, gate),
        matchers={"en": kb.matcher("en")},
        _building={},
        _locks=threading.Lock(),
        _warming=threading.Lock(),
        _stopped=threading.Event(),
    )
    store = open_store(tmp_path / "data")
    stop = asyncio.Event()
    app = build_application(
        settings_for(server, tmp_path / "data"), Engine(starting), store, overall_rate=0
    )
    serving = asyncio.get_running_loop().create_task(serve(app, stop, timeout=1))
    try:
        user = server.user(31, "Ines")
        (reply,) = await server.ask(user, "/start", timeout=30)
        assert "Where do you live" in reply
        (reply,) = await server.ask(user, "germany", timeout=30)
        assert "Germany" in reply
        assert set(starting.matchers) == {"en"}, "the others are still held up"
    finally:
        gate.set()
        stop.set()
        await serving
        store.close()
