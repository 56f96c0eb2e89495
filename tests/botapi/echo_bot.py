"""A minimal python-telegram-bot echo bot: the throughput benchmark's baseline.

Why: to know what the OptOut bot's own work costs, the benchmark compares it with the cheapest
possible PTB bot, which answers every text message with the same text, over the same local
Bot API server.

    app = build_echo_app(TOKEN, server.url)      # or server.base_url, or any ".../bot" URL
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        ...
        await app.updater.stop()
        await app.stop()

Run it by hand: ``python -m tests.botapi.echo_bot --base-url http://127.0.0.1:8081``.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters
from telegram.request import BaseRequest


def api_urls(base_url: str) -> tuple[str, str]:
    """(base_url, base_file_url) for PTB from a server root or a ``.../bot`` Bot API base."""
    base = base_url.rstrip("/")
    if base.endswith("/bot"):
        base = base[: -len("/bot")]
    return f"{base}/bot", f"{base}/file/bot"


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Send the text straight back to the chat it came from."""
    message = update.effective_message
    if message is not None and message.text is not None:
        await context.bot.send_message(chat_id=message.chat_id, text=message.text)


def build_echo_app(
    token: str,
    base_url: str,
    *,
    concurrent_updates: bool | int = False,
    connection_pool_size: int = 64,
    request: Callable[[int], BaseRequest] | None = None,
) -> Application:
    """An Application that echoes every text message; ``base_url`` is the server's root
    (``http://127.0.0.1:PORT``) or its Bot API base (``.../bot``). ``request(pool_size)``
    replaces PTB's own HTTP client (the benchmark compares clients with it)."""
    api, files = api_urls(base_url)
    builder = ApplicationBuilder().token(token).base_url(api).base_file_url(files)
    if request is None:
        builder.connection_pool_size(connection_pool_size)
    else:
        builder.request(request(connection_pool_size)).get_updates_request(request(1))
    app = builder.concurrent_updates(concurrent_updates).build()
    app.add_handler(MessageHandler(filters.TEXT, echo))
    return app


def main(argv: Iterable[str] | None = None) -> None:
    """``python -m tests.botapi.echo_bot --base-url URL [--token T]``: poll until Ctrl-C."""
    from tests.botapi.server import DEFAULT_TOKEN

    parser = argparse.ArgumentParser(description="Echo bot for the local Bot API server.")
    parser.add_argument("--base-url", default="http://127.0.0.1:8081")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    args = parser.parse_args(list(argv) if argv is not None else None)
    build_echo_app(args.token, args.base_url).run_polling(poll_interval=0.0, timeout=10)


if __name__ == "__main__":
    main()
