"""A local Telegram Bot API server (and a baseline echo bot) for end-to-end tests.

The names are re-exported lazily so that ``python -m tests.botapi.server`` does not import the
module twice.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = [
    "DEFAULT_TOKEN",
    "APIError",
    "BotAPIServer",
    "Call",
    "SentDocument",
    "SentText",
    "User",
    "parse_html",
    "utf16_len",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        return getattr(importlib.import_module("tests.botapi.server"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
