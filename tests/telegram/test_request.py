"""The Bot API client (bot/telegram/request.py) against the local server: what goes over the wire,
and that every failure becomes the python-telegram-bot error the retry logic expects."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from telegram import InputFile
from telegram.error import BadRequest, NetworkError, RetryAfter, TimedOut
from telegram.request import RequestData
from telegram.request._requestparameter import RequestParameter

from bot.telegram.request import AiohttpRequest
from tests.botapi.server import BotAPIServer

TOKEN = "123456789:TEST-request-token-000000000000000000"


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN) as running:
        yield running


@pytest.fixture
async def request_() -> AsyncIterator[AiohttpRequest]:
    request = AiohttpRequest(connection_pool_size=4, read_timeout=0.5)
    await request.initialize()
    yield request
    await request.shutdown()


def url(server: BotAPIServer, method: str) -> str:
    return f"{server.url}/bot{TOKEN}/{method}"


def someone(server: BotAPIServer, id: int):
    """A user who wrote to the bot first, as Telegram requires before the bot may answer."""
    user = server.user(id)
    server.private_message(user, "hello")
    return user


def data(**params: object) -> RequestData:
    return RequestData([RequestParameter.from_input(k, v) for k, v in params.items()])


async def test_a_message_with_a_keyboard_arrives_whole(server, request_):
    user = someone(server, 1)
    keyboard = {"inline_keyboard": [[{"text": "Ünïcode ✅", "callback_data": "x:1"}]]}
    result = await request_.post(
        url(server, "sendMessage"),
        data(chat_id=user.id, text="<b>Grüße</b> & more", parse_mode="HTML", reply_markup=keyboard),
    )
    assert result["text"] == "Grüße & more"
    (sent,) = server.messages_to(user)
    assert sent == "Grüße & more" and sent.button_texts == ["Ünïcode ✅"]


async def test_a_file_goes_as_multipart_with_its_name_and_caption(server, request_):
    user = someone(server, 2)
    upload = InputFile(b'{"a": 1}', filename="my-data.json", attach=True)
    await request_.post(
        url(server, "sendDocument"), data(chat_id=user.id, document=upload, caption="Yours")
    )
    (document,) = server.documents
    assert (document.filename, json.loads(document.content), document.caption) == (
        "my-data.json",
        {"a": 1},
        "Yours",
    )


async def test_telegram_errors_keep_their_meaning(server, request_):
    user = someone(server, 3)
    server.fail("sendMessage", 429, retry_after=7)
    with pytest.raises(RetryAfter) as flood:
        await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text="hi"))
    assert flood.value.retry_after == 7
    with pytest.raises(BadRequest):
        await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text=""))
    server.fail("sendMessage", 502)
    with pytest.raises(NetworkError):
        await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text="hi"))


async def test_a_slow_answer_times_out(server, request_):
    user = someone(server, 4)
    server.slow("sendMessage", 2.0)
    with pytest.raises(TimedOut):
        await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text="hi"))


async def test_a_dropped_connection_is_a_network_error_without_the_token(server, request_):
    user = someone(server, 5)
    server.fail("sendMessage", drop=True)
    with pytest.raises(NetworkError) as dropped:
        await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text="hi"))
    assert TOKEN not in str(dropped.value)
    message = await request_.post(url(server, "sendMessage"), data(chat_id=user.id, text="ok"))
    assert message["text"] == "ok", "the next request gets a fresh connection"


async def test_nothing_listening_is_a_network_error_without_the_token(request_):
    with pytest.raises(NetworkError) as refused:
        await request_.post(f"http://127.0.0.1:9/bot{TOKEN}/getMe")
    assert TOKEN not in str(refused.value)


async def test_it_refuses_to_work_before_initialize_and_after_shutdown(server):
    request = AiohttpRequest()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(url(server, "getMe"))
    await request.initialize()
    assert (await request.post(url(server, "getMe")))["is_bot"] is True
    await request.shutdown()
    with pytest.raises(NetworkError, match="not initialized"):
        await request.post(url(server, "getMe"))
    await request.initialize()  # an application started again gets a working client
    assert (await request.post(url(server, "getMe")))["is_bot"] is True
    await request.shutdown()


async def test_a_proxy_from_the_environment_is_used_as_httpx_did(server, monkeypatch):
    """Deployments that reach Telegram only through HTTPS_PROXY / HTTP_PROXY keep working; the
    host below does not exist, so the answer can only have come through the proxy."""
    monkeypatch.setenv("HTTP_PROXY", server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    request = AiohttpRequest()
    await request.initialize()
    try:
        me = await request.post(f"http://api.telegram.invalid/bot{TOKEN}/getMe")
        assert me["is_bot"] is True
        monkeypatch.setenv("NO_PROXY", "api.telegram.invalid")
        await request.shutdown()
        await request.initialize()  # a restart reads the environment again
        with pytest.raises(NetworkError):
            await request.post(f"http://api.telegram.invalid/bot{TOKEN}/getMe")
    finally:
        await request.shutdown()
