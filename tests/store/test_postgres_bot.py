"""The bot on PostgreSQL, end to end: a database that goes away mid-run costs a user one
"try again in a moment" and nothing they were told was saved."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict

from bot.i18n import t
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, running_bot, services

from .helpers import once_back


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, bot_username="optout_test_bot") as running:
        yield running


async def test_a_lost_database_asks_to_try_again_and_keeps_what_was_saved(
    server: BotAPIServer, pg_server: str, pg_url: str, tmp_path: Path, kb: object
) -> None:
    name = conninfo_to_dict(pg_url)["dbname"]
    async with running_bot(server, tmp_path / "data", kb, database_url=pg_url) as app:  # type: ignore[arg-type]
        alice = server.user(1, "Alice", language_code="en")
        await server.ask(alice, "/start")
        (apps,) = await server.ask(alice, "Ireland")
        assert "Ireland" in apps
        saved = services(app).conversations.profile(1)
        assert saved is not None and saved.country == "IE"
        with psycopg.connect(pg_server, autocommit=True) as admin:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false".encode())
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                (name,),
            )
            (notice,) = await server.ask(alice, "instagram", timeout=30)
            assert notice == t("errors.unavailable", "en")
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true".encode())
        back = once_back(lambda: services(app).conversations.profile(1))
        assert back is not None and back.platforms == []  # the lost answer was never saved
        await server.ask(alice, "instagram", timeout=30)  # the same again, a moment later
        after = services(app).conversations.profile(1)
        assert after is not None and [p.value for p in after.platforms] == ["instagram"]
        assert after.country == "IE"
