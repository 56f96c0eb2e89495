"""The Application factory: wiring only — settings, engine and store in, a ready PTB app out.

    app = build_application(settings, engine, store)
    await runner.serve(app, stop)     # or runner.polling(app) in tests and benchmarks

python-telegram-bot's Updater is left out: bot/telegram/intake.py fetches and confirms updates.

The clock is injected so that tests can move time (reminders, retention) without sleeping.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime

from telegram import LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.ext import ApplicationBuilder, Defaults

from bot.conversation import Conversations
from bot.dialogue import Engine
from bot.profile import utcnow
from bot.settings import Settings
from bot.store import Store
from bot.telegram import jobs, registration
from bot.telegram.aliases import AnyApplication
from bot.telegram.courier import Courier
from bot.telegram.handlers import Handlers, Services
from bot.telegram.ordering import FloodGate, UserOrderedProcessor
from bot.telegram.ratelimit import RetryingRateLimiter
from bot.telegram.request import AiohttpRequest

TELEGRAM_GROUP_LIMIT = (20, 60.0)  # messages per seconds Telegram allows a bot in one group


def build_application(
    settings: Settings,
    engine: Engine,
    store: Store,
    *,
    clock: Callable[[], datetime] = utcnow,
    concurrency: int = 32,
    flood: FloodGate | None = None,
    overall_rate: float | None = None,
    group_limit: tuple[float, float] = TELEGRAM_GROUP_LIMIT,
    max_retries: int = 5,
    retry_backoff: float = 0.5,
    schedule_jobs: bool = True,
    read_timeout: float = 20.0,
) -> AnyApplication:
    """A python-telegram-bot Application for the OptOut bot.

    - `concurrency`: updates processed at once (and connections to the Bot API), each user's
      still in order. In bench/throughput.py 32 measured best: fewer leaves the process waiting
      for the disk and the server, more only adds work.
    - `flood`: the per-user limit (default 20 updates per 10 s).
    - `overall_rate`: the overall send limit, messages/s; default TELEGRAM_SEND_RATE (30,
      Telegram's limit; 0 lifts it, for a self-hosted or local Bot API server).
    - `group_limit`: Telegram's limit per group, (messages, seconds).
    - `max_retries`: retries after a 429 and, separately, after a 5xx or a network error,
      `retry_backoff` seconds apart at first (only where a retry cannot send twice).
    - `read_timeout`: seconds to wait for the Bot API's answer to a call. A send that times
      out is not repeated (it may have arrived), so this is generous.

    Raises `ConfigError` for a missing or malformed token.
    """
    base_url, base_file_url = settings.api_urls()
    services = _services(settings, engine, store, clock)
    handlers = Handlers(services)
    processor = UserOrderedProcessor(
        slots=concurrency,
        locks=services.locks,
        flood=flood or FloodGate(20, 10.0),
        on_flood=handlers.on_flood,
    )
    limiter = RetryingRateLimiter(
        overall_max_rate=settings.telegram_send_rate if overall_rate is None else overall_rate,
        group_limit=group_limit,
        max_retries=max_retries,
        network_retries=max_retries,
        backoff=retry_backoff,
    )
    requests = (
        AiohttpRequest(connection_pool_size=concurrency, read_timeout=read_timeout),
        AiohttpRequest(connection_pool_size=1),
    )
    app = (
        ApplicationBuilder()
        .token(settings.token())
        .base_url(base_url)
        .base_file_url(base_file_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .rate_limiter(limiter)
        .concurrent_updates(processor)
        .request(requests[0])
        .get_updates_request(requests[1])
        .updater(None)
        .post_init(functools.partial(_on_startup, handlers, services))
        .build()
    )
    app.bot_data["services"] = services
    app.bot_data["requests"] = requests
    handlers.register(app)
    if schedule_jobs:
        jobs.schedule(app, services)
    return app


async def _on_startup(handlers: Handlers, services: Services, app: AnyApplication) -> None:
    """After getMe: the username, then the command menus and descriptions in the background
    (registration.py: the bot serves meanwhile)."""
    await handlers.on_startup(app)
    registration.start(app, services)


def _services(
    settings: Settings, engine: Engine, store: Store, clock: Callable[[], datetime]
) -> Services:
    """What the handlers and jobs share: the engine, the store, the conversations on top of
    it, and the courier that sends what they queue."""
    engine.admin_ids = frozenset(settings.admin_ids)  # /stats (bot/dialogue/commands.py)
    conversations = Conversations(engine, store)
    courier = Courier(conversations, clock)
    shared = getattr(store, "sending_turns", None)
    if shared is not None:  # several workers on one database: one sender per user among them
        courier.sending = shared()
    return Services(
        settings=settings,
        engine=engine,
        store=store,
        conversations=conversations,
        clock=clock,
        courier=courier,
    )


def services_of(app: AnyApplication) -> Services:
    """The shared services of an application built here (for tests and jobs)."""
    services: Services = app.bot_data["services"]
    return services


def requests_of(app: AnyApplication) -> tuple[AiohttpRequest, ...]:
    """The HTTP clients, to close even when start-up failed half-way."""
    requests: tuple[AiohttpRequest, ...] = app.bot_data["requests"]
    return requests
