"""Type names shared by the Telegram front-end.

python-telegram-bot's `Application` is generic in six types (bot, context, user/chat/bot data,
job queue); the bot uses the defaults everywhere and never reads those stores, so one alias
stands for it.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from telegram.ext import Application

AnyApplication: TypeAlias = Application[Any, Any, Any, Any, Any, Any]
JsonDict: TypeAlias = dict[str, Any]  # a Bot API result as received, not turned into objects
