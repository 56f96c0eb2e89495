"""Run the OptOut bot's real Application against a local BotAPIServer in the test's event loop.

The application is the one `optout-bot run` builds (same factory, handlers, rate limiter, jobs),
started the way `run_polling` starts it; only the clock, the retry backoff and Telegram's overall
send limit are set for speed.
"""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from telegram.ext import Application

from bot.conversation import open_store
from bot.dialogue import Engine
from bot.knowledge import KnowledgeBase
from bot.settings import Settings
from bot.telegram.app import build_application, services_of
from bot.telegram.handlers import Services
from bot.telegram.logging import configure_logging
from bot.telegram.runner import polling
from tests.botapi.server import DEFAULT_TOKEN, BotAPIServer, SentText

TOKEN = DEFAULT_TOKEN
START = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


@dataclass
class Clock:
    """A clock tests move by hand."""

    now: datetime = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


def settings_for(server: BotAPIServer, data_dir: Path, **extra: Any) -> Settings:
    return Settings(
        telegram_bot_token=TOKEN,
        telegram_base_url=server.url,
        optout_data_dir=data_dir,
        _env_file=None,  # type: ignore[call-arg]
        **extra,
    )


@contextlib.asynccontextmanager
async def running_bot(
    server: BotAPIServer,
    data_dir: Path,
    kb: KnowledgeBase,
    *,
    clock: Clock | None = None,
    admin_ids: list[int] | None = None,
    database_url: str | None = None,
    **options: Any,
) -> AsyncIterator[Application]:
    """The bot, polling the server, until the block ends (then stopped like run_polling)."""
    clock = clock or Clock()
    configure_logging("DEBUG", [TOKEN])  # as the runner does, at the most verbose level
    settings = settings_for(server, data_dir, admin_ids=admin_ids or [])
    store = open_store(data_dir, database_url)
    try:
        options.setdefault("retry_backoff", 0.05)
        options.setdefault("overall_rate", 0)
        engine = Engine(kb, clock=clock)
        engine.match("warm up")  # as the runner does: the matcher is built before the first user
        app = build_application(settings, engine, store, clock=clock, **options)
        async with polling(app):
            yield app
    finally:
        store.close()


def services(app: Application) -> Services:
    return services_of(app)


async def onboard(
    server: BotAPIServer, user: Any, country: str, platforms: str, account: str = "personal"
) -> list[SentText]:
    """Onboarding by typing, the way the console tests do it. Each step is one message: the
    acknowledgement of the last answer shares it with the next question."""
    await server.ask(user, "/start")
    await server.ask(user, country)
    await server.ask(user, platforms)
    return await server.ask(user, account)
