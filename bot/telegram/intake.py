"""Getting updates from Telegram: long polling and the webhook, both at least once.

Why not python-telegram-bot's Updater: it confirms a batch (the next getUpdates' offset) while
the batch is still being processed, so kill -9 lost 121 of 840 messages; its webhook answers 200
once an update is queued; and one update it cannot parse makes it fetch the same batch forever
(5,468 getUpdates in 20 s, nobody else answered) while logging the raw update, user data
included, at CRITICAL. Here:

- an update is confirmed to Telegram (the next offset, or the webhook's 200) only after its
  effects and replies are on disk (`Conversations.aqueue`); one delivered again after a crash is
  recognised by its `update_id` there and not handled twice;
- each update is parsed on its own: one that cannot be read is logged once, by type and
  `update_id` only, answered with the error notice when it comes from a private chat, and
  skipped — it never holds up anyone else;
- Telegram's Conflict (another process polling with the same token) stops the bot.

Updates that store nothing (inline queries, group messages) are not waited for: their answers
may wait a minute for a group's send limit, and must not hold up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
from collections.abc import Awaitable
from typing import Any

from aiohttp import web
from telegram import Update
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.i18n import t
from bot.telegram.aliases import AnyApplication
from bot.telegram.handlers import language_code_of
from bot.telegram.ordering import stateful
from bot.telegram.send import send_text

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# Telegram's updates are small: a message of 4,096 characters with its entities, and the one it
# answers, is well under 64 KB of JSON. Four times that is refused unread (413).
MAX_BODY = 256 * 1024
BACKOFF = (0.5, 30.0)  # first and longest wait between failed getUpdates


def _kind(raw: dict[str, Any]) -> str:
    return next((k for k in raw if k != "update_id"), "?")


class Intake:
    """Feeds updates to an Application's handlers (through its update processor)."""

    def __init__(self, app: AnyApplication) -> None:
        self.app = app
        self._background: set[asyncio.Task[None]] = set()
        # set once what was waiting at start is answered (or nothing was): background work that
        # would compete with those first answers waits for it (runner._warming)
        self.caught_up = asyncio.Event()

    # -- one update ---------------------------------------------------------------------------

    async def take(self, raw: Any) -> None:
        """Process one update as Telegram sent it; returns once what it changes is stored."""
        update_id = raw.get("update_id") if isinstance(raw, dict) else None
        if not isinstance(update_id, int):
            log.error("an update without an update_id was skipped")
            return
        try:
            update = Update.de_json(raw, self.app.bot)
        except Exception as exc:  # what this library version cannot read
            log.error(
                "update %d (%s) skipped: unreadable (%s)", update_id, _kind(raw), type(exc).__name__
            )
            await self._notice(raw)
            return
        work = self.app.update_processor.process_update(update, self.app.process_update(update))
        if stateful(update):
            await work
        else:
            self._spawn(work)

    def _spawn(self, work: Awaitable[None]) -> None:
        async def run() -> None:
            await work

        task = asyncio.get_running_loop().create_task(run())
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _notice(self, raw: dict[str, Any]) -> None:
        """Tell the sender of an unreadable private message that something went wrong."""
        message = raw.get("message")
        chat = message.get("chat") if isinstance(message, dict) else None
        if not (isinstance(chat, dict) and chat.get("type") == "private"):
            return
        chat_id = chat.get("id")
        sender = message.get("from") if isinstance(message, dict) else None
        code = sender.get("language_code") if isinstance(sender, dict) else None
        if not isinstance(chat_id, int):
            return
        text = t("errors.internal", language_code_of(code if isinstance(code, str) else None))
        try:
            await send_text(self.app.bot, chat_id, text)
        except TelegramError as exc:
            log.warning("error notice not sent (%s)", type(exc).__name__)

    async def take_all(self, batch: list[Any]) -> None:
        results = await asyncio.gather(*(self.take(raw) for raw in batch), return_exceptions=True)
        for result in results:
            if isinstance(result, Exception):
                log.error("an update failed: %s", type(result).__name__)

    async def settle(self) -> None:
        """Wait for the updates that were not waited for (at shutdown)."""
        while self._background:
            await asyncio.gather(*list(self._background), return_exceptions=True)

    # -- long polling -------------------------------------------------------------------------

    async def poll(self, stop: asyncio.Event, timeout: int = 30) -> None:
        """getUpdates until `stop` is set; each batch is confirmed only once it is processed.
        Raises Conflict when another process polls with the same token."""
        bot = self.app.bot
        await bot.delete_webhook()
        offset = 0
        delay = BACKOFF[0]
        stopping = asyncio.ensure_future(stop.wait())
        try:
            while not stop.is_set():
                fetch = asyncio.ensure_future(
                    bot.do_api_request(
                        "getUpdates",
                        api_kwargs={
                            "offset": offset,
                            "timeout": timeout,
                            "allowed_updates": ALLOWED_UPDATES,
                        },
                        read_timeout=timeout + 10,
                    )
                )
                await asyncio.wait({fetch, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if not fetch.done():
                    fetch.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await fetch
                    break
                try:
                    batch = fetch.result()
                except (Conflict, InvalidToken):
                    raise
                except NetworkError as exc:
                    log.warning("fetching updates failed (%s); retrying", type(exc).__name__)
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(asyncio.shield(stopping), delay)
                    delay = min(delay * 2, BACKOFF[1])
                    continue
                delay = BACKOFF[0]
                if isinstance(batch, list) and batch:
                    ids = [u["update_id"] for u in batch if isinstance(u, dict)]
                    await self.take_all(batch)
                    if ids:
                        offset = max(ids) + 1
                self.caught_up.set()
            if offset:  # confirm the last batch, as Telegram learns it only from the next call
                with contextlib.suppress(TelegramError):
                    await bot.do_api_request(
                        "getUpdates", api_kwargs={"offset": offset, "timeout": 0, "limit": 1}
                    )
        finally:
            stopping.cancel()

    # -- webhook ------------------------------------------------------------------------------

    def webhook_app(self, path: str, secret: str) -> web.Application:
        """An aiohttp application that takes Telegram's POSTs at `/path`.

        The secret is checked (in constant time) and the declared size before a byte of the
        body is read; each update is processed before the 200 goes back, so Telegram keeps it
        until its effects are stored; an update that cannot be read still gets its 200 (it is
        skipped: Telegram would otherwise send it again and again)."""
        expected = secret.encode()

        async def receive(request: web.Request) -> web.StreamResponse:
            given = request.headers.get(SECRET_HEADER, "").encode()
            if not hmac.compare_digest(given, expected):
                return _closing(web.Response(status=403))
            if request.content_length is not None and request.content_length > MAX_BODY:
                return _closing(web.Response(status=413))
            try:
                raw = json.loads(await request.read())
            except web.HTTPRequestEntityTooLarge:
                return _closing(web.Response(status=413))
            except ValueError:
                return web.Response(status=400)
            await self.take(raw)
            return web.Response(status=200)

        app = web.Application(client_max_size=MAX_BODY)
        app.router.add_post("/" + path.strip("/"), receive)
        return app


def _closing(response: web.Response) -> web.Response:
    """Close the connection after answering, so an unread body is not read to discard it."""
    response.force_close()
    return response
