"""What Telegram shows about the bot: its command menu and descriptions in every catalogue
language (English for every other language_code), and the admins' command menu.

That is 3 calls per language plus one per admin — 18 Bot API calls with six languages, which
took 0.3–1 s before the bot answered anyone when made one after another at start. Now they are
made at once, in the background once the bot serves, and only when what would be set differs
from what this machine last set for this bot on this Bot API server: a hash of all of it is
kept in the build cache directory (bot/cache.py) once every call succeeded. A changed command
or description, another bot, another server, an empty cache (a fresh deployment) or a call that
failed last time: everything is set again.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any

from telegram import Bot, BotCommandScopeChat
from telegram.error import TelegramError

from bot.cache import BuildCache
from bot.i18n import languages, t
from bot.telegram.aliases import AnyApplication
from bot.telegram.handlers import Services, command_list
from bot.telegram.logging import user_ref
from bot.vocabulary import DEFAULT_LANGUAGE

log = logging.getLogger(__name__)

TASK = "registration"  # the background task's key in app.bot_data

Call = tuple[dict[str, Any], Callable[[], Awaitable[Any]]]  # (what it sets, how)


def calls(bot: Bot, admin_ids: list[int]) -> list[Call]:
    """Every call that makes Telegram show the bot as the catalogues say."""
    made: list[Call] = []
    for language in languages():
        code = None if language == DEFAULT_LANGUAGE else language
        commands = command_list(language)
        menu = [c.to_dict() for c in commands]
        description = str(t("telegram.description", language))
        short = str(t("telegram.short_description", language))
        made.append(
            (
                {"method": "setMyCommands", "commands": menu, "language_code": code},
                partial(bot.set_my_commands, commands, language_code=code),
            )
        )
        made.append(
            (
                {"method": "setMyDescription", "description": description, "language_code": code},
                partial(bot.set_my_description, description, language_code=code),
            )
        )
        made.append(
            (
                {"method": "setMyShortDescription", "short": short, "language_code": code},
                partial(bot.set_my_short_description, short, language_code=code),
            )
        )
    admin = command_list() + command_list(section="admin_commands")
    for admin_id in admin_ids:
        scope = BotCommandScopeChat(admin_id)
        made.append(
            (
                {
                    "method": "setMyCommands",
                    "commands": [c.to_dict() for c in admin],
                    "scope": scope.to_dict(),
                },
                partial(bot.set_my_commands, admin, scope=scope),
            )
        )
    return made


def _fingerprint(bot: Bot, made: list[Call]) -> tuple[str, str]:
    """(cache name, key): which bot on which server, and a hash of what is set."""
    wanted = [params for params, _ in made]
    data = json.dumps([bot.base_url, wanted], sort_keys=True, ensure_ascii=False)
    return f"telegram-bot-{bot.id}", hashlib.sha256(data.encode()).hexdigest()


async def register(bot: Bot, admin_ids: list[int], cache: BuildCache) -> int:
    """Set the commands and descriptions unless this machine set exactly these last time;
    returns how many calls were made (0: unchanged)."""
    made = calls(bot, admin_ids)
    name, key = _fingerprint(bot, made)
    if cache.load(name, key) is True:
        log.debug("commands and descriptions unchanged: not set again")
        return 0
    results = await asyncio.gather(*(call() for _, call in made), return_exceptions=True)
    failed = 0
    for (params, _), result in zip(made, results, strict=True):
        if not isinstance(result, Exception):
            continue
        failed += 1  # set again at the next start
        scope = params.get("scope")
        if scope and isinstance(result, TelegramError):  # the admin has not opened a chat yet
            log.info("admin commands not registered for %s", user_ref(scope["chat_id"]))
        else:
            log.warning("%s failed (%s)", params["method"], type(result).__name__)
    if not failed:
        cache.save(name, key, True)
    return len(made)


def start(app: AnyApplication, services: Services) -> None:
    """Register in the background: the bot serves meanwhile (`finish` ends it)."""
    cache = services.engine.kb.cache
    task = asyncio.get_running_loop().create_task(
        register(app.bot, list(services.settings.admin_ids), cache), name=TASK
    )
    app.bot_data[TASK] = task


async def finish(app: AnyApplication, *, cancel: bool) -> None:
    """Wait for the registration (or cancel it: stopping; the next start sets it again)."""
    task: asyncio.Task[int] | None = app.bot_data.pop(TASK, None)
    if task is None:
        return
    if cancel:
        task.cancel()
    await asyncio.wait([task])
    if not task.cancelled() and task.exception() is not None:
        log.error("registration stopped by %s", type(task.exception()).__name__)
