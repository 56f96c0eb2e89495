"""Logs that a privacy bot can keep: no token, no message text, no readable user ids.

The first line of defence is levels: `httpx` (python-telegram-bot's default client; this bot
uses aiohttp, which logs no URLs, but a floor costs nothing) logs every request URL — which
contains the bot token — at INFO, and python-telegram-bot logs whole updates (message text
included) at DEBUG, so both are held above those levels whatever LOG_LEVEL says. The second line
is a filter on every handler that replaces the token and the webhook secret wherever they
appear, tracebacks included.
User ids are logged only as a keyed hash that changes with every start.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import sys
from collections.abc import Iterable

REDACTED = "[redacted]"

# loggers that print secrets or user content below these levels
_FLOORS = {
    "httpx": logging.WARNING,  # request URLs contain the token
    "httpcore": logging.WARNING,
    "telegram": logging.INFO,  # DEBUG dumps updates, message text included
    # a traceback of the HTML page Telegram's front end sends with every 5xx; the retrying
    # rate limiter already logs each failure in one line
    "telegram.request.BaseRequest": logging.CRITICAL,
    "apscheduler": logging.WARNING,  # "Running job …" every minute
    "tornado.access": logging.WARNING,  # one line per webhook request
    "aiohttp.access": logging.WARNING,
}

_KEY = secrets.token_bytes(16)


def user_ref(user_id: int | None) -> str:
    """A user id as logs may show it: a per-process keyed hash, useless outside this run."""
    if user_id is None:
        return "-"
    return "u" + hmac.new(_KEY, str(user_id).encode(), hashlib.sha256).hexdigest()[:10]


class RedactingFilter(logging.Filter):
    """Replaces secrets in the rendered message and in the traceback of every record."""

    def __init__(self, secrets_: Iterable[str]) -> None:
        super().__init__()
        self.secrets = sorted({s for s in secrets_ if s and len(s) >= 6}, key=len, reverse=True)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not hide the record
            message = str(record.msg)
        record.msg, record.args = self.redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
            record.exc_info = None  # the formatter would render it again, unredacted
        if record.stack_info:
            record.stack_info = self.redact(record.stack_info)
        return True


def configure_logging(level: str = "INFO", secrets_: Iterable[str] = ()) -> RedactingFilter:
    """Log to stderr at `level`, with the floors above and the redacting filter on every
    handler of the root logger (so records from any library pass through it)."""
    numeric = logging.getLevelName(str(level).upper())
    if not isinstance(numeric, int):
        numeric = logging.INFO
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(numeric)
    for name, floor in _FLOORS.items():
        logging.getLogger(name).setLevel(max(floor, numeric))
    redactor = RedactingFilter(secrets_)
    for each in root.handlers:
        for old in [f for f in each.filters if isinstance(f, RedactingFilter)]:
            each.removeFilter(old)
        each.addFilter(redactor)
    return redactor


def where(exc: BaseException) -> str:
    """`module:function:line` of the innermost frame in the bot's own code (else the innermost)."""
    tb = exc.__traceback__
    ours = last = None
    while tb is not None:
        code = tb.tb_frame.f_code
        last = (tb.tb_frame.f_globals.get("__name__", "?"), code.co_name, tb.tb_lineno)
        if "/bot/" in code.co_filename:
            ours = last
        tb = tb.tb_next
    found = ours or last
    return "?" if found is None else f"{found[0]}:{found[1]}:{found[2]}"
