"""The webhook (bot/telegram/intake.py) in process: the secret and the size are checked before a
byte of the body is read, each update is processed before the 200, and an update the library
cannot read gets its 200 (else Telegram would post it forever)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from bot.conversation import open_store
from bot.dialogue import Engine
from bot.telegram.app import build_application
from bot.telegram.intake import MAX_BODY, SECRET_HEADER
from bot.telegram.runner import started
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, settings_for
from tests.telegram.test_delivery import poison

SECRET = "hook-secret_123"
HUGE = 90 * 1024 * 1024  # what eight concurrent strangers posted, each, to reach 1.13 GB


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, strict_html=True) as running:
        yield running


@contextlib.asynccontextmanager
async def webhook_bot(server: BotAPIServer, data_dir: Path, kb) -> AsyncIterator[str]:
    """The bot's webhook on a free port; yields its URL."""
    store = open_store(data_dir)
    try:
        engine = Engine(kb)
        engine.match("warm up")
        settings = settings_for(server, data_dir)
        app = build_application(settings, engine, store, retry_backoff=0.05, overall_rate=0)
        async with started(app) as intake:
            runner = web.AppRunner(intake.webhook_app("hook", SECRET), access_log=None)
            await runner.setup()
            try:
                await web.TCPSite(runner, "127.0.0.1", 0).start()
                yield f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
            finally:
                await runner.cleanup()
    finally:
        store.close()


async def head_only(url: str, headers: dict[str, str]) -> int:
    """POST only the head of a request, never its body; the status the server answers."""
    port = int(url.split(":")[2].split("/")[0])
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    lines = ["POST /hook HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
    await writer.drain()
    status = await asyncio.wait_for(reader.readline(), 30)  # a bound, not a measurement
    writer.close()
    return int(status.split()[1])


async def test_strangers_and_huge_bodies_are_refused_before_the_body_is_read(server, tmp_path, kb):
    async with webhook_bot(server, tmp_path / "data", kb) as url:
        assert await head_only(url, {"Content-Length": str(HUGE)}) == 403
        wrong = {SECRET_HEADER: "guess", "Content-Length": str(HUGE)}
        assert await head_only(url, wrong) == 403
        right = {SECRET_HEADER: SECRET, "Content-Length": str(HUGE)}
        assert await head_only(url, right) == 413
        async with aiohttp.ClientSession() as http:

            async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: read up to the limit
                for _ in range(MAX_BODY // 4096 + 2):
                    yield b" " * 4096

            async with http.post(url, data=chunks(), headers={SECRET_HEADER: SECRET}) as response:
                assert response.status == 413
    assert server.calls_to("sendMessage") == []


async def test_each_update_is_processed_before_its_200(server, tmp_path, kb, caplog):
    user = server.user(41, "Lee")
    update = server.private_message(user, "/help")  # the update Telegram would post
    async with webhook_bot(server, tmp_path / "data", kb) as url, aiohttp.ClientSession() as http:
        headers = {SECRET_HEADER: SECRET}
        async with http.post(url, json=update, headers=headers) as response:
            assert response.status == 200
            (help_text,) = server.messages_to(user)  # sent before the 200 came back
            assert "What I do" in help_text
        bad = {"update_id": 77, **poison(41)}
        async with http.post(url, json=bad, headers=headers) as response:
            assert response.status == 200, "skipped, or Telegram would post it again and again"
        assert "Nothing you told me was lost" in server.messages_to(user)[-1]
    assert sum("update 77 " in r.getMessage() for r in caplog.records) == 1
