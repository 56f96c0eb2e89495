"""`optout-bot run` (long polling) and `optout-bot webhook`: set up, run until a signal, exit.

Every start-up problem an operator can fix — no token, a malformed one, a webhook without a
secret, a data directory in use — is one line on stderr and exit status 2 (configuration) or 1
(anything else), never a traceback; and no line ever contains the token.
"""

from __future__ import annotations

import contextlib
import logging
import re
import sys
from collections.abc import AsyncIterator, Callable
from urllib.parse import urlparse

from pydantic import ValidationError
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import Application

from bot.settings import ConfigError, Settings
from bot.telegram.logging import configure_logging, where

log = logging.getLogger(__name__)

EXIT_OK, EXIT_FAILED, EXIT_CONFIG = 0, 1, 2
ALLOWED_UPDATES = ["message", "callback_query", "inline_query"]
POLL_TIMEOUT = 30  # seconds a getUpdates long poll waits
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


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


def webhook_config(settings: Settings) -> tuple[str, str, str]:
    """(webhook_url, url_path, secret) — or ConfigError: the webhook needs both, and a secret
    is what keeps strangers from posting forged updates to it."""
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
    return url, parsed.path.strip("/"), secret


def _prepare(webhook: bool) -> tuple[Application, Callable[[], None], dict] | int:
    """Settings, logging, knowledge, store and application — or an exit status."""
    try:
        settings = _settings()
        token = settings.token()
        hook = webhook_config(settings) if webhook else None
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    secrets = [token]
    if hook:
        secrets.append(hook[2])
    configure_logging(settings.log_level, secrets)

    from bot.conversation import open_store
    from bot.dialogue import Engine
    from bot.heap import settle
    from bot.knowledge import load_knowledge
    from bot.store import StoreConfigError, StoreLockedError
    from bot.telegram.app import build_application

    try:
        engine = Engine(load_knowledge(), retention_days=settings.optout_retention_days)
    except Exception as exc:  # KnowledgeError and friends: the knowledge base is unusable
        return _fail(
            f"the knowledge base cannot be loaded ({type(exc).__name__}); "
            "run `optout-bot kb check`",
            EXIT_FAILED,
        )
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
    app = build_application(settings, engine, store)
    settle(engine)
    options: dict = {"allowed_updates": ALLOWED_UPDATES, "close_loop": False}
    if hook:
        url, path, secret = hook
        options.update(
            listen="0.0.0.0",  # a webhook listens for Telegram, on every interface
            port=settings.port,
            url_path=path,
            webhook_url=url,
            secret_token=secret,
        )
    return app, store.close, options


def _run(webhook: bool) -> int:
    prepared = _prepare(webhook)
    if isinstance(prepared, int):
        return prepared
    app, close_store, options = prepared
    mode = "webhook" if webhook else "polling"
    log.info("starting (%s)", mode)
    try:
        if webhook:
            app.run_webhook(**options)
        else:
            app.run_polling(poll_interval=0.0, timeout=POLL_TIMEOUT, **options)
    except InvalidToken:
        return _fail("Telegram refused TELEGRAM_BOT_TOKEN (revoked or mistyped?)", EXIT_CONFIG)
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


def run_webhook() -> int:
    """`optout-bot webhook`: PTB's webhook server with a secret token, until SIGINT/SIGTERM."""
    return _run(webhook=True)


@contextlib.asynccontextmanager
async def polling(app: Application, *, timeout: int = 1) -> AsyncIterator[Application]:
    """Run an application in the current event loop, like `run_polling` does (post_init and
    JobQueue included), for tests and benchmarks."""
    await app.initialize()
    try:
        if app.post_init:
            await app.post_init(app)
        assert app.updater is not None
        await app.updater.start_polling(
            poll_interval=0.0,
            timeout=timeout,
            allowed_updates=ALLOWED_UPDATES,
            error_callback=lambda exc: app.create_task(app.process_error(None, exc)),
        )
        await app.start()
        yield app
    finally:
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop:
                await app.post_stop(app)
        await app.shutdown()
        if app.post_shutdown:
            await app.post_shutdown(app)
