"""Outgoing calls that wait and retry instead of failing: a reply is delayed, never lost.

python-telegram-bot's `AIORateLimiter` keeps under Telegram's limits and, given `max_retries`,
waits out a 429 (all requests pause for its `retry_after`). It does not retry a 5xx answer or a
dropped connection, which Telegram's front end produces now and then; this subclass retries
those too, with exponential backoff — but only where a retry cannot do a thing twice: a request
that never left (no connection), a 5xx (Telegram answered that it did not do it), a connection
closed without an answer (almost always a kept-alive connection the server had already closed,
so the request never reached it), or a call that is harmless to repeat (an edit to the same
text, getMe…). A `sendMessage` that timed out waiting for the answer is not repeated: Telegram
may have taken it (3 of 3 were duplicated when the answer came late). The courier keeps a reply
Telegram could not take queued for later anyway. A 400
(BadRequest) or 403 (Forbidden) is an answer, not a fault, and is never retried. getUpdates is
not retried here: the polling loop has its own backoff.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram.error import BadRequest, NetworkError, TimedOut
from telegram.ext import AIORateLimiter

from bot.telegram.request import NotSent

log = logging.getLogger(__name__)

# Bot API methods whose repetition changes nothing (a second edit to the same text is "not
# modified", a second callback answer is refused as too old).
IDEMPOTENT = frozenset(
    {
        "getMe", "setMyCommands", "deleteMyCommands", "setWebhook", "deleteWebhook",
        "getWebhookInfo", "editMessageText", "answerCallbackQuery", "answerInlineQuery",
    }
)  # fmt: skip


def safe_to_retry(endpoint: str, exc: NetworkError) -> bool:
    """Whether repeating the call after `exc` cannot do it twice."""
    if endpoint == "getUpdates":
        return False
    if isinstance(exc, NotSent) or endpoint in IDEMPOTENT:
        return True
    return not isinstance(exc, TimedOut)


class RetryingRateLimiter(AIORateLimiter):
    """`AIORateLimiter` that also retries network errors and 5xx answers."""

    def __init__(
        self,
        *,
        overall_max_rate: float = 30,
        group_limit: tuple[float, float] = (20, 60.0),
        max_retries: int = 5,
        network_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 15.0,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_max_rate,
            group_max_rate=group_limit[0],
            group_time_period=group_limit[1],
            max_retries=max_retries,
        )
        self.network_retries = network_retries
        self.backoff = backoff
        self.max_backoff = max_backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        delay = self.backoff
        for attempt in range(self.network_retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except BadRequest:
                raise
            except NetworkError as exc:  # 5xx, dropped connection, timeout
                if attempt == self.network_retries or not safe_to_retry(endpoint, exc):
                    raise
                log.warning(
                    "%s failed (%s); retry %d in %.1f s",
                    endpoint,
                    type(exc).__name__,
                    attempt + 1,
                    delay,
                )
                await asyncio.sleep(delay)
                delay = min(delay * 2, self.max_backoff)
        raise AssertionError("unreachable")
