"""`optout-bot run` (long polling) and `optout-bot webhook`: set up, run until a signal, exit.

Every start-up problem an operator can fix — no token, a malformed one, a webhook without a
secret, a data directory in use, another process with the same token — is one line on stderr and
exit status 2 (configuration) or 1 (anything else), never a traceback; and no line ever contains
the token.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import sys
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from aiohttp import web
from pydantic import ValidationError
from telegram.error import Conflict, InvalidToken, NetworkError, TelegramError

from bot.heap import starting
from bot.settings import ConfigError, Settings
from bot.telegram.aliases import AnyApplication
from bot.telegram.logging import configure_logging, where

if TYPE_CHECKING:
    from bot.knowledge import KnowledgeBase
    from bot.telegram.intake import Intake

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
POLL_TIMEOUT = 30  # seconds a getUpdates long poll waits
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
WORKER_ENV = "OPTOUT_WORKER"  # set in each of `webhook --workers N`'s processes: 0 to N-1


def _fail(message: str, code: int) -> int:
    print(f"optout-bot: {message}", file=sys.stderr)
    return code


def _settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = ".".join(str(x) for x in first.get("loc", ())).upper() or "settings"
        raise ConfigError(f"{name}: {first.get('msg', 'invalid value')}") from None


@dataclass(frozen=True)
class Hook:
    """Where Telegram posts updates, and the secret it sends with them."""

    url: str
    path: str
    secret: str
    port: int = 8443
    listen: str = "0.0.0.0"  # a webhook listens for Telegram, on every interface
    # one of several workers (bot/telegram/workers.py): the port is shared (SO_REUSEPORT), and
    # only the first worker registers the webhook with Telegram
    reuse_port: bool = False
    register: bool = True


def webhook_config(settings: Settings) -> Hook:
    """The webhook's settings — or ConfigError: the webhook needs both, and a secret is what
    keeps strangers from posting forged updates to it."""
    secret = settings.webhook_secret.get_secret_value().strip() if settings.webhook_secret else ""
    if not secret:
        raise ConfigError(
            "WEBHOOK_SECRET is not set: the webhook refuses to start without one "
            "(1-256 characters A-Z, a-z, 0-9, _ and -)."
        )
    if not _SECRET.match(secret):
        raise ConfigError(
            "WEBHOOK_SECRET may only contain A-Z, a-z, 0-9, _ and - (1-256 characters)."
        )
    url = (settings.webhook_url or "").strip()
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise ConfigError(
            "WEBHOOK_URL must be the public https:// address Telegram posts updates to."
        )
    worker = worker_number()
    return Hook(
        url,
        parsed.path.strip("/"),
        secret,
        settings.port,
        reuse_port=worker is not None,
        register=not worker,
    )


def worker_number() -> int | None:
    """This process's number among `optout-bot webhook --workers N`, None when it runs alone."""
    value = os.environ.get(WORKER_ENV, "")
    return int(value) if value.isdigit() else None


def _prepare(webhook: bool) -> tuple[AnyApplication, Callable[[], None], Hook | None] | int:
    """Settings, logging, store, knowledge and application — or an exit status."""
    try:
        settings = _settings()
        token = settings.token()
        hook = webhook_config(settings) if webhook else None
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    configure_logging(settings.log_level, [token, hook.secret if hook else ""])

    from bot.conversation import open_store
    from bot.dialogue import Engine
    from bot.heap import settle
    from bot.knowledge import load_knowledge
    from bot.store import StoreConfigError, StoreLockedError
    from bot.telegram.app import build_application

    try:
        store = open_store(settings.optout_data_dir, settings.database_url())
    except StoreConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    except StoreLockedError:
        return _fail(
            f"{settings.optout_data_dir} is in use by another optout-bot process", EXIT_FAILED
        )
    except OSError as exc:
        return _fail(
            f"cannot open OPTOUT_DATA_DIR {settings.optout_data_dir} ({exc.strerror})",
            EXIT_FAILED,
        )
    # the store first: a database that cannot be used is said before the knowledge is loaded
    settings.export_cache_dir()
    try:
        engine = Engine(load_knowledge(), retention_days=settings.optout_retention_days)
    except Exception as exc:  # KnowledgeError and friends: the knowledge base is unusable
        store.close()
        return _fail(
            f"the knowledge base cannot be loaded ({type(exc).__name__}); "
            "run `optout-bot kb check`",
            EXIT_FAILED,
        )
    app = build_application(settings, engine, store)
    settle(engine)
    return app, store.close, hook


@contextlib.asynccontextmanager
async def started(app: AnyApplication) -> AsyncIterator[Intake]:
    """The application initialised (getMe), set up (post_init) and started (jobs), then shut
    down whatever happens — the HTTP clients too, even when getMe failed. The command menus and
    descriptions are set meanwhile (registration.py)."""
    from bot.telegram import registration
    from bot.telegram.app import requests_of
    from bot.telegram.intake import Intake

    intake = Intake(app)
    try:
        await app.initialize()
        if app.post_init:
            await app.post_init(app)
        await app.start()
        yield intake
    finally:
        await registration.finish(app, cancel=True)
        await intake.settle()
        if app.running:
            await app.stop()
        await app.shutdown()
        for request in requests_of(app):  # app.shutdown skips them when initialize failed
            await request.shutdown()


async def serve(
    app: AnyApplication,
    stop: asyncio.Event,
    hook: Hook | None = None,
    *,
    timeout: int = POLL_TIMEOUT,
) -> None:
    """Poll (or listen for the webhook) until `stop` is set.

    Once the updates waiting at start are answered, the other languages' matchers are loaded in
    a worker thread (KnowledgeBase.warm) and the sentence encoder is prepared: a question in a
    language not loaded yet would otherwise wait for its matcher, 0.1 s loaded from the build
    cache, 1–2 s of CPU built. Started at once, that work held up the first answer:
    `bench coldstart` "ready" 1.8 s without it, 3.5 s with it."""
    from bot.telegram.app import services_of
    from bot.telegram.intake import ALLOWED_UPDATES

    kb = services_of(app).engine.kb
    async with started(app) as intake, _warming(kb, intake):
        if hook is None:
            await intake.poll(stop, timeout)
            return
        if hook.register:
            await app.bot.set_webhook(
                hook.url, secret_token=hook.secret, allowed_updates=ALLOWED_UPDATES
            )
        runner = web.AppRunner(
            intake.webhook_app(hook.path, hook.secret), access_log=None, handle_signals=False
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, hook.listen, hook.port, reuse_port=hook.reuse_port or None)
            await site.start()
            intake.caught_up.set()  # Telegram sends what waited as requests, one at a time
            await stop.wait()
        finally:
            await runner.cleanup()


@contextlib.asynccontextmanager
async def _warming(kb: KnowledgeBase, intake: Intake) -> AsyncIterator[None]:
    async def when_caught_up() -> None:
        await intake.caught_up.wait()
        kb.meaning.prepare_in_background()
        threading.Thread(target=kb.warm, name="warm-matchers", daemon=True).start()

    waiting = asyncio.get_running_loop().create_task(when_caught_up())
    try:
        yield
    finally:
        waiting.cancel()
        kb.stop_warming()


async def _serve_until_signal(app: AnyApplication, hook: Hook | None) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await serve(app, stop, hook)


def _run(webhook: bool) -> int:
    with starting():  # start-up (bot/heap.py)
        prepared = _prepare(webhook)
    if isinstance(prepared, int):
        return prepared
    app, close_store, hook = prepared
    mode, worker = ("webhook", worker_number()) if webhook else ("polling", None)
    if worker is not None:
        mode += f", worker {worker}, pid {os.getpid()}"
    log.info("starting (%s)", mode)
    try:
        asyncio.run(_serve_until_signal(app, hook))
    except InvalidToken:
        return _fail("Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?)", EXIT_CONFIG)
    except Conflict:
        return _fail(
            "another process is getting this bot's updates (Telegram answered Conflict); "
            "run one process per token",
            EXIT_CONFIG,
        )
    except NetworkError as exc:
        return _fail(f"cannot reach the Bot API server ({type(exc).__name__})", EXIT_FAILED)
    except TelegramError as exc:
        return _fail(f"the Bot API refused to start the bot ({type(exc).__name__})", EXIT_FAILED)
    except OSError as exc:  # e.g. the webhook port is taken
        return _fail(f"cannot start ({exc.strerror or type(exc).__name__})", EXIT_FAILED)
    except Exception as exc:
        log.error("stopped by %s in %s", type(exc).__name__, where(exc))
        return EXIT_FAILED
    finally:
        close_store()
    log.info("stopped")
    return EXIT_OK


def run_polling() -> int:
    """`optout-bot run`: long polling until SIGINT/SIGTERM."""
    return _run(webhook=False)


def run_webhook(workers: int = 1) -> int:
    """`optout-bot webhook [--workers N]`: the webhook server (bot/telegram/intake.py), until
    SIGINT/SIGTERM; with N > 1, N worker processes on one port (bot/telegram/workers.py)."""
    if workers > 1:
        from bot.telegram.workers import supervise

        return supervise(workers)
    return _run(webhook=True)


@contextlib.asynccontextmanager
async def polling(app: AnyApplication, *, timeout: int = 1) -> AsyncIterator[AnyApplication]:
    """Run an application in the current event loop, as `optout-bot run` does (post_init and
    JobQueue included, the warming of other languages left out), for tests and benchmarks; it
    yields once the command menus are set."""
    from bot.telegram import registration

    stop = asyncio.Event()
    async with started(app) as intake:
        task = asyncio.get_running_loop().create_task(intake.poll(stop, timeout))
        try:
            await registration.finish(app, cancel=False)
            yield app
        finally:
            stop.set()
            await task
