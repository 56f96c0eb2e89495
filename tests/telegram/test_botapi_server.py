"""The local Bot API server behaves like Telegram where the bot can tell: proven with a real
python-telegram-bot ``Bot`` and the echo ``Application`` talking to it over HTTP."""

from __future__ import annotations

import asyncio
import datetime as dtm
import socket
import warnings
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    MenuButtonCommands,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Conflict, Forbidden, InvalidToken, NetworkError, RetryAfter

from tests.botapi.echo_bot import build_echo_app
from tests.botapi.server import DEFAULT_TOKEN, BotAPIServer, parse_html

TOKEN = DEFAULT_TOKEN


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, bot_username="optout_test_bot") as running:
        yield running


@pytest.fixture
async def bot(server: BotAPIServer) -> AsyncIterator[Bot]:
    async with Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url) as bot:
        yield bot


def seconds(exc: RetryAfter) -> float:
    """retry_after in seconds, whichever type this PTB version returns."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


# ------------------------------------------------------------------------------- basics


async def test_get_me_describes_the_configured_bot(server: BotAPIServer, bot: Bot) -> None:
    me = await bot.get_me()
    assert me.username == "optout_test_bot"
    assert me.is_bot and me.id == int(TOKEN.split(":")[0])
    assert server.calls_to("getMe")


async def test_raw_http_token_method_case_and_body_formats(server: BotAPIServer) -> None:
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{server.url}/botWRONG:token/getMe") as response:
            assert response.status == 401
            assert await response.json() == {
                "ok": False,
                "error_code": 401,
                "description": "Unauthorized",
            }
        async with http.post(f"{server.url}/bot{TOKEN}/noSuchMethod") as response:
            assert response.status == 404
        async with http.get(f"{server.url}/bot{TOKEN}/GETME") as response:
            assert (await response.json())["result"]["username"] == "optout_test_bot"
        server.private_message(server.user(7), "hello")
        async with http.post(f"{server.url}/bot{TOKEN}/getupdates", json={"timeout": 0}) as r:
            assert [u["message"]["text"] for u in (await r.json())["result"]] == ["hello"]
        body = {"chat_id": 7, "text": "<b>x</b>", "parse_mode": "HTML"}
        async with http.post(f"{server.url}/bot{TOKEN}/sendMessage", json=body) as response:
            result = (await response.json())["result"]
            assert result["entities"] == [{"offset": 0, "length": 1, "type": "bold"}]
    assert server.messages_to(7) == ["x"]


async def test_wrong_token_is_invalid_token_for_ptb(server: BotAPIServer) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("42:nope", base_url=server.base_url):  # initialize() calls getMe
            pass


# ------------------------------------------------------------------------------- updates


async def test_polling_delivers_in_order_and_confirms_offsets(
    server: BotAPIServer, bot: Bot
) -> None:
    alice = server.user(1, "Alice")
    sent = [server.private_message(alice, f"m{i}") for i in range(3)]
    ids = [u["update_id"] for u in sent]
    assert ids == sorted(ids)

    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == ids
    assert [u.message.text for u in updates] == ["m0", "m1", "m2"]
    assert len(await bot.get_updates(timeout=0)) == 3  # not confirmed yet: delivered again

    assert await bot.get_updates(offset=ids[-1] + 1, timeout=0) == ()
    assert server.pending_updates == [] and server.confirmed_offset == ids[-1] + 1


async def test_long_poll_returns_as_soon_as_an_update_arrives(
    server: BotAPIServer, bot: Bot
) -> None:
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await server.wait_for_call("getUpdates")
    update = server.command(server.user(2), "/start", "instagram")
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].update_id == update["update_id"]
    message = updates[0].message
    assert message.text == "/start instagram"
    assert message.entities[0].type == "bot_command" and message.entities[0].length == 6


async def test_second_poller_terminates_the_first_with_conflict(
    server: BotAPIServer, bot: Bot
) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=10))
    await server.wait_for_call("getUpdates")
    async with Bot(TOKEN, base_url=server.base_url) as second_instance:
        await second_instance.get_updates(timeout=0)
    with pytest.raises(Conflict, match=r"(?i)terminated by other getUpdates"):
        await asyncio.wait_for(first, 2)


async def test_group_privacy_only_delivers_what_is_addressed_to_the_bot(
    server: BotAPIServer, bot: Bot
) -> None:
    bob = server.user(3, "Bob")
    server.group_message(bob, -100, "just chatting")
    mention = server.group_message(bob, -100, "hey @optout_test_bot what now?")
    command = server.group_message(bob, -100, "/help@optout_test_bot")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [mention["update_id"], command["update_id"]]
    assert updates[0].message.entities[0].type == "mention"
    assert updates[0].message.chat.type == "group"
    assert len(server.filtered_updates) == 1


async def test_non_text_callback_and_inline_updates_de_json(server: BotAPIServer, bot: Bot) -> None:
    carol = server.user(4, "Carol")
    for kind in ("sticker", "photo", "voice", "location", "contact", "document"):
        server.non_text(carol, kind)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("EU", callback_data="region:eu")]])
    sent = await bot.send_message(4, "Where?", reply_markup=markup)
    server.callback(carol, sent.message_id, "region:eu")
    server.inline_query(carol, "instagram")
    updates = await bot.get_updates(timeout=0)
    messages = [u.message for u in updates[:6]]
    assert messages[0].sticker and messages[1].photo and messages[2].voice
    assert messages[3].location and messages[4].contact and messages[5].document
    query = updates[6].callback_query
    assert query.data == "region:eu" and query.message.message_id == sent.message_id
    assert updates[7].inline_query.query == "instagram"
    with pytest.raises(ValueError, match=r"(?i)no button"):
        server.callback(carol, sent.message_id, "region:us")

    assert await bot.answer_callback_query(query.id, text="Saved")
    assert server.callback_answers[-1]["text"] == "Saved"
    assert server.unanswered_callbacks == []
    with pytest.raises(BadRequest, match=r"(?i)query is too old"):
        await bot.answer_callback_query(query.id)


# ------------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>bold</i>", "Unmatched end tag"),
        ("<b>never closed", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", 'Unsupported start tag ""'),
        ("<div>x</div>", 'Unsupported start tag "div"'),
        ("<span>x</span>", 'Tag "span" must have class "tg-spoiler"'),
        ("x</b>", "Unexpected end tag"),
    ],
)
async def test_bad_html_is_bad_request(
    server: BotAPIServer, bot: Bot, html: str, error: str
) -> None:
    server.private_message(server.user(5), "hi")
    with pytest.raises(BadRequest, match=r"(?i)can't parse entities") as caught:
        await bot.send_message(5, html, parse_mode=ParseMode.HTML)
    assert error.lower() in caught.value.message.lower()
    assert server.messages_to(5) == []


def test_html_parser_follows_telegram() -> None:
    text, entities = parse_html(
        "<b>Bold <i>both</i></b> &lt;tag&gt; &amp; a > b &unknown; &#128512;\n"
        '<a href="https://example.org/?a=1&amp;b=2">link</a> '
        '<pre><code class="language-python">x = 1</code></pre> '
        "<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>"
    )
    assert text.startswith("Bold both <tag> & a > b &unknown; 😀\nlink x = 1 qs")
    kinds = [(e["type"], e["offset"], e["length"]) for e in entities]
    assert kinds[:2] == [("bold", 0, 9), ("italic", 5, 4)]
    link = next(e for e in entities if e["type"] == "text_link")
    assert link["url"] == "https://example.org/?a=1&b=2"
    assert link["offset"] == 37  # the emoji counts as two UTF-16 code units
    assert {"type": "pre", "offset": 42, "length": 5, "language": "python"} in entities
    assert ("expandable_blockquote", 48, 1) in kinds and ("spoiler", 49, 1) in kinds


async def test_text_limits_count_utf16_after_parsing(server: BotAPIServer, bot: Bot) -> None:
    server.private_message(server.user(6), "hi")
    await bot.send_message(6, "😀" * 2048)  # 4096 UTF-16 code units: the maximum
    await bot.send_message(6, "<b>" + "a" * 4096 + "</b>", parse_mode=ParseMode.HTML)
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(6, "😀" * 2048 + "a")
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(6, "  \n ")
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(6, "<b> </b>", parse_mode=ParseMode.HTML)
    assert len(server.messages_to(6)) == 2


async def test_callback_data_over_64_bytes_is_rejected(server: BotAPIServer, bot: Bot) -> None:
    server.private_message(server.user(8), "hi")
    ok = InlineKeyboardMarkup([[InlineKeyboardButton("ok", callback_data="é" * 32)]])
    await bot.send_message(8, "fits", reply_markup=ok)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("no", callback_data="é" * 32 + "x")]])
    with pytest.raises(BadRequest, match=r"(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(8, "too long", reply_markup=too_long)


async def test_unknown_chats_edits_and_callback_answers(server: BotAPIServer, bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(999, "hello?")
    dave = server.user(9, "Dave")
    with pytest.raises(Forbidden, match=r"(?i)can't initiate conversation"):
        await bot.send_message(9, "hello?")
    server.private_message(dave, "/start")
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("A", callback_data="a")]])
    sent = await bot.send_message(9, "Pick", reply_markup=markup)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("Pick", 9, sent.message_id, reply_markup=markup)
    edited = await bot.edit_message_text("Picked", 9, sent.message_id)
    assert edited.text == "Picked" and edited.reply_markup is None  # no markup: keyboard gone
    assert server.messages_to(9) == ["Pick", "Picked"]
    assert [m.kind for m in server.messages_to(9)] == ["sent", "edited"]
    await bot.delete_message(9, sent.message_id)
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("again", 9, sent.message_id)

    sent = await bot.send_message(9, "Pick", reply_markup=markup)
    server.callback(dave, sent.message_id, "a")
    (update,) = await bot.get_updates(offset=-1, timeout=0)
    with pytest.raises(BadRequest):
        await bot.answer_callback_query(update.callback_query.id, text="x" * 201)

    server.block(dave)
    with pytest.raises(Forbidden, match=r"(?i)blocked"):
        await bot.send_message(9, "reminder")


async def test_commands_inline_answers_and_menu_button(server: BotAPIServer, bot: Bot) -> None:
    await bot.set_my_commands([BotCommand("start", "Begin"), BotCommand("help", "Help")])
    assert [c["command"] for c in server.commands] == ["start", "help"]
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    with pytest.raises(BadRequest, match=r"(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([BotCommand("Start", "Begin")])
    await bot.delete_my_commands()
    assert server.commands == []
    await bot.set_chat_menu_button(menu_button=MenuButtonCommands())
    assert server.menu_buttons[None] == {"type": "commands"}

    def article(i: int) -> InlineQueryResultArticle:
        return InlineQueryResultArticle(str(i), f"t{i}", InputTextMessageContent("x"))

    query_id = server.inline_query(server.user(10), "q")["inline_query"]["id"]
    with pytest.raises(BadRequest, match=r"(?i)RESULTS_TOO_MUCH"):
        await bot.answer_inline_query(query_id, [article(i) for i in range(51)])
    with pytest.raises(BadRequest, match=r"(?i)RESULT_ID_DUPLICATE"):
        await bot.answer_inline_query(query_id, [article(1), article(1)])
    await bot.answer_inline_query(query_id, [article(1), article(2)])
    assert [r["id"] for r in server.inline_answers[-1]["results"]] == ["1", "2"]


# ------------------------------------------------------------------------------- faults


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_is_retry_after_and_502_a_network_error(server: BotAPIServer, bot: Bot) -> None:
    server.private_message(server.user(11), "hi")
    server.fail("sendMessage", status=429, retry_after=7)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(11, "flood")
    assert seconds(caught.value) == 7

    server.fail("sendmessage", status=502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError) as failed:
            await bot.send_message(11, "gateway")
        assert not isinstance(failed.value, BadRequest)
    await bot.send_message(11, "through")
    assert server.messages_to(11) == ["through"]  # failed calls had no effect
    assert [c.status for c in server.calls_to("sendMessage")] == [429, 502, 502, 200]

    server.fail_updates(drop=True)
    with pytest.raises(NetworkError):
        await bot.get_updates(timeout=0)
    assert len(await bot.get_updates(timeout=0)) == 1


async def test_echo_app_over_polling_survives_a_dropped_poll(server: BotAPIServer) -> None:
    users = [server.user(100 + i, f"U{i}") for i in range(3)]
    server.fail_updates(drop=True)
    app = build_echo_app(TOKEN, server.url)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        for round_ in range(3):
            for user in users:
                server.private_message(user, f"{user.first_name} says {round_}")
        for user in users:
            texts = await server.wait_for_messages(user, 3, timeout=8)
            assert texts == [f"{user.first_name} says {r}" for r in range(3)]
        await app.updater.stop()
        await app.stop()
    assert server.pending_updates == []


# ------------------------------------------------------------------------------- files, webhook


async def test_send_document_keeps_filename_and_bytes(server: BotAPIServer, bot: Bot) -> None:
    server.private_message(server.user(12), "/mydata")
    payload = b'{"chat_id": 12, "profile": {"country": "DE"}}'
    message = await bot.send_document(
        12, payload, filename="mydata.json", caption="<b>Data</b>", parse_mode=ParseMode.HTML
    )
    assert message.document.file_name == "mydata.json" and message.caption == "Data"
    (doc,) = server.documents
    assert (doc.chat_id, doc.filename, doc.content) == (12, "mydata.json", payload)
    downloaded = await (await bot.get_file(message.document.file_id)).download_as_bytearray()
    assert bytes(downloaded) == payload


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_gets_posts_with_secret_and_blocks_polling(
    server: BotAPIServer, bot: Bot
) -> None:
    received: list[tuple[str | None, dict]] = []

    async def hook(request: web.Request) -> web.Response:
        received.append(
            (request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json())
        )
        return web.Response(status=500 if len(received) == 1 else 200)  # first delivery fails

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = f"http://127.0.0.1:{runner.addresses[0][1]}/hook"
    try:
        assert await bot.set_webhook(url, secret_token="s3cret-token")
        update = server.private_message(server.user(13), "via webhook")
        await server.wait_for(lambda: len(received) == 2)
        assert received == [("s3cret-token", update), ("s3cret-token", update)]
        info = await bot.get_webhook_info()
        assert info.url == url and info.pending_update_count == 0
        assert "Wrong response from the webhook: 500" in info.last_error_message
        with pytest.raises(Conflict, match=r"(?i)webhook is active"):
            await bot.get_updates(timeout=0)
        assert await bot.delete_webhook()
        assert server.webhook is None and await bot.get_updates(timeout=0) == ()
    finally:
        await runner.cleanup()


async def test_echo_app_in_webhook_mode(server: BotAPIServer) -> None:
    port = free_port()
    app = build_echo_app(TOKEN, server.base_url)
    async with app:
        await app.start()
        await app.updater.start_webhook(
            listen="127.0.0.1",
            port=port,
            url_path="tg",
            webhook_url=f"http://127.0.0.1:{port}/tg",
            secret_token="hook-secret",
        )
        assert server.webhook and server.webhook["secret_token"] == "hook-secret"
        replies = await server.ask(server.user(14), "echo me")
        assert replies == ["echo me"]
        await app.updater.stop()
        await app.stop()
