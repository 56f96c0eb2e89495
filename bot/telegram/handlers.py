"""One small callback per kind of update: turn it into an engine event, send what comes back.

Identity is the sender's Telegram id and nothing else — callback data never names a user, and a
press is checked by the engine against the presser's own profile. Private chats hold the
conversation; group chats get general answers and a link to a private chat, and nothing about
anyone in a group is stored. The text of a message is passed to the engine and never logged.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from telegram import (
    BotCommand,
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Message,
    MessageEntity,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError
from telegram.ext import (
    CallbackQueryHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from bot.conversation import Conversations
from bot.dialogue import MAX_TEXT, Command, Engine, Event, Outcome, Press, Text
from bot.i18n import Html, catalogue, supported, t
from bot.locks import UserLocks
from bot.replies import Button, Reply
from bot.settings import Settings
from bot.store import Store, StoreUnavailable
from bot.telegram.aliases import AnyApplication
from bot.telegram.courier import Courier
from bot.telegram.logging import user_ref, where
from bot.telegram.send import Delivery, coalesce, deliver, send_text, split_html
from bot.vocabulary import DEFAULT_LANGUAGE

log = logging.getLogger(__name__)

MAX_NOTICE = 200  # answerCallbackQuery text limit
INLINE_RESULTS = 5
_PAYLOAD = re.compile(r"^[A-Za-z0-9_-]{1,64}$")

PRIVATE = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
GROUPS = filters.ChatType.GROUPS & filters.UpdateType.MESSAGE


@dataclass
class Services:
    """What the callbacks share; built once by the application factory."""

    settings: Settings
    engine: Engine
    store: Store
    conversations: Conversations
    clock: Callable[[], datetime]
    courier: Courier
    locks: UserLocks = field(default_factory=UserLocks)
    bot_username: str = ""


@functools.lru_cache(maxsize=256)
def language_code_of(code: str | None) -> str:
    """Telegram's language_code ('de-AT') → a catalogue language."""
    return supported(code)  # lists the locales directory: worth remembering


def language_of(update: Update) -> str:
    user = update.effective_user
    return language_code_of(user.language_code if user else None)


def sender_of(update: Update) -> int | None:
    """Who sent the update: the user, or — for a private message without `from`, which Telegram
    should never send but a Bot API server may — the private chat, which is the same id."""
    if update.effective_user is not None:
        return update.effective_user.id
    chat = update.effective_chat
    return chat.id if chat is not None and chat.type == ChatType.PRIVATE else None


def command_list(language: str = DEFAULT_LANGUAGE, section: str = "commands") -> list[BotCommand]:
    """The commands to register, from the catalogue (so a new command is one line there)."""
    prefix = f"telegram.{section}."
    names = [k[len(prefix) :] for k in catalogue(DEFAULT_LANGUAGE) if k.startswith(prefix)]
    return [BotCommand(name, str(t(prefix + name, language))[:256]) for name in names]


def parse_command(message: Message, bot_username: str) -> tuple[str, str] | None:
    """(name, argument) of a message that starts with a command for this bot, else None.
    `/help@otherbot` is for another bot: None."""
    text = message.text or ""
    entities = message.entities or ()
    first = entities[0] if entities else None
    if first is None or first.type != MessageEntity.BOT_COMMAND or first.offset != 0:
        return None
    try:
        whole = message.parse_entity(first)
    except (UnicodeDecodeError, ValueError, IndexError):  # an entity ending inside a character
        return None
    name, _, addressee = whole[1:].partition("@")
    if addressee and bot_username and addressee.lower() != bot_username.lower():
        return None
    argument = text[len(whole) :].strip()
    return name.lower(), argument


def deep_link(bot_username: str, payload: str | None = None) -> str:
    """The t.me link that opens a private chat with the bot (with a /start payload)."""
    base = f"https://t.me/{bot_username}"
    return f"{base}?start={payload}" if payload and _PAYLOAD.match(payload) else base


class Handlers:
    """The callbacks; `register` adds them to an Application."""

    def __init__(self, services: Services) -> None:
        self.s = services

    # -- wiring -------------------------------------------------------------------------------

    def register(self, app: AnyApplication) -> None:
        app.add_handler(MessageHandler(PRIVATE & filters.COMMAND, self.on_command))
        app.add_handler(MessageHandler(PRIVATE & filters.TEXT, self.on_text))
        app.add_handler(MessageHandler(PRIVATE & filters.ATTACHMENT, self.on_not_text))
        app.add_handler(MessageHandler(GROUPS & filters.TEXT, self.on_group))
        app.add_handler(CallbackQueryHandler(self.on_press))
        app.add_handler(InlineQueryHandler(self.on_inline))
        app.add_error_handler(self.on_error)

    async def on_startup(self, app: AnyApplication) -> None:
        """After getMe: remember the username. (The commands and descriptions are registered
        in the background: bot/telegram/registration.py.)"""
        self.s.bot_username = app.bot.username or ""
        if self.s.bot_username:  # "share this bot" buttons link here (bot/dialogue/context.py)
            self.s.engine.share_url = f"https://t.me/{self.s.bot_username}"

    # -- private chats ------------------------------------------------------------------------

    async def converse(
        self,
        update: Update,
        context: ContextTypes.DEFAULT_TYPE,
        event: Event,
        target: Delivery,
        before: list[Reply] | None = None,
    ) -> Outcome | None:
        """Load, run the engine, store the new profile and the replies in one write, then send
        them (see courier.py). None when the update was already handled (it came again after a
        crash): what it left queued is sent, nothing is run twice."""
        user_id = sender_of(update)
        if user_id is None:
            return None
        queued = await self.s.conversations.aqueue(
            user_id,
            event,
            language_of(update),
            update_id=update.update_id,
            to={"chat": target.chat_id, "pressed": target.pressed},
            before=before,
            shape=coalesce,
        )
        await self.s.courier.flush(context.bot, user_id)
        if queued.direct:
            await self.s.courier.send_now(context.bot, user_id, target, queued.direct)
        return queued.outcome

    async def on_command(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None
        parsed = parse_command(message, "")
        if parsed is None:  # a command not at the start: read it as text
            await self.on_text(update, context)
            return
        name, argument = parsed
        await self.converse(update, context, Command(name, argument), Delivery(message.chat_id))

    async def on_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        assert message is not None and message.text is not None
        before = []
        if len(message.text) > MAX_TEXT:
            before = [Reply(t("errors.too_long", language_of(update)))]
        await self.converse(update, context, Text(message.text), Delivery(message.chat_id), before)

    async def on_not_text(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Stickers, photos, voice, locations, contacts…: nothing is read, kept or logged."""
        message = update.effective_message
        assert message is not None
        await deliver(
            context.bot,
            Delivery(message.chat_id),
            [Reply(t("oos.not_text", language_of(update)))],
        )

    async def on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button: answered in every case; only a press in the presser's own private chat
        reaches the engine, which checks the data against the presser's own profile."""
        query = update.callback_query
        assert query is not None
        language = language_of(update)
        message = query.message
        own_chat = (
            message is not None
            and message.chat.type == ChatType.PRIVATE
            and message.chat.id == query.from_user.id
        )
        if not own_chat or not isinstance(query.data, str) or not query.data:
            await self._answer(query, t("errors.stale_button", language))
            return
        assert message is not None
        target = Delivery(message.chat.id, pressed=message.message_id)
        outcome = await self.converse(update, context, Press(query.data), target)
        await self._answer(query, outcome.notice if outcome else None)

    @staticmethod
    async def _answer(query: Any, notice: str | None) -> None:
        # too old (e.g. pressed while the bot was down): there is nothing left to answer
        with contextlib.suppress(BadRequest):
            await query.answer(notice[:MAX_NOTICE] if notice else None)

    # -- inline mode --------------------------------------------------------------------------

    async def on_inline(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """`@bot instagram training`: answer cards, fitted to the stored profile if any."""
        query = update.inline_query
        assert query is not None
        language = language_of(update)
        profile = await self.s.conversations.aprofile(query.from_user.id)
        loop = asyncio.get_running_loop()
        cards = await loop.run_in_executor(
            None, self.s.engine.inline, profile, query.query, language, INLINE_RESULTS
        )
        results = []
        for card in cards[:INLINE_RESULTS]:
            pieces = split_html(card.text)
            if not pieces:
                continue
            results.append(
                InlineQueryResultArticle(
                    id=card.id[:64],
                    title=card.title[:128] or card.id,
                    description=card.description,
                    input_message_content=InputTextMessageContent(
                        pieces[0], parse_mode=ParseMode.HTML
                    ),
                )
            )
        button = InlineQueryResultsButton(
            text=str(t("telegram.inline.button", language)), start_parameter="inline"
        )
        await query.answer(
            results,
            cache_time=0 if profile is not None else 60,
            is_personal=profile is not None,
            button=button,
        )

    # -- group chats --------------------------------------------------------------------------

    async def on_group(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Commands for this bot and mentions of it get a general answer and a link to a private
        chat; everything else is none of the bot's business. Nothing is stored."""
        message = update.effective_message
        assert message is not None and message.text is not None
        language = language_of(update)
        me = self.s.bot_username or context.bot.username or ""
        parsed = parse_command(message, me)
        if parsed is not None:
            name, argument = parsed
            if name == "help":
                text = Html(t("help.text", language) + "\n\n" + t("telegram.group.intro", language))
            else:
                text = t("telegram.group.intro", language)
            await self._group_reply(context, message, text, argument or None, language)
            return
        question = self._addressed(message, me, context.bot.id)
        if question is None:
            return
        loop = asyncio.get_running_loop()
        engine = self.s.engine
        match = await loop.run_in_executor(None, engine.match, question, language)
        cards = []
        if match.understood:
            cards = await loop.run_in_executor(None, engine.inline, None, question, language, 3)
        if not cards:
            await self._group_reply(
                context, message, t("telegram.group.intro", language), None, language
            )
            return
        topics = Html(
            "\n".join(
                t("telegram.group.topic", language, title=c.title, description=c.description)
                for c in cards
            )
        )
        payload = "-".join(
            x
            for x in (match.platform and match.platform.value, match.goal and match.goal.value)
            if x
        )
        text = t("telegram.group.answer", language, topics=topics)
        await self._group_reply(context, message, text, payload, language)

    @staticmethod
    def _addressed(message: Message, me: str, bot_id: int) -> str | None:
        """The question when the message mentions or answers the bot, else None."""
        text = message.text or ""
        mentioned = False
        for entity, value in message.parse_entities(
            [MessageEntity.MENTION, MessageEntity.TEXT_MENTION]
        ).items():
            if (entity.type == MessageEntity.MENTION and value[1:].lower() == me.lower()) or (
                entity.user is not None and entity.user.id == bot_id
            ):
                mentioned = True
                text = text.replace(value, " ")
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None:
            mentioned = mentioned or replied.from_user.id == bot_id
        return text.strip() if mentioned else None

    async def _group_reply(
        self,
        context: ContextTypes.DEFAULT_TYPE,
        message: Message,
        text: str,
        payload: str | None,
        language: str,
    ) -> None:
        me = self.s.bot_username or context.bot.username or ""
        button = Button(str(t("telegram.group.open_button", language)), url=deep_link(me, payload))
        reply = Reply(Html(text), [[button]])
        target = Delivery(message.chat_id, quote=message.message_id, callbacks=False)
        await deliver(context.bot, target, [reply])

    # -- flood and errors ---------------------------------------------------------------------

    async def on_flood(self, update: Update, first: bool) -> None:
        """One cooldown notice; presses during the cooldown are answered, messages dropped."""
        language = language_of(update)
        notice = t("errors.flood", language)
        try:
            if update.callback_query is not None:
                await self._answer(update.callback_query, notice)
            elif first and update.effective_chat is not None:
                async with self.s.courier.turn(sender_of(update) or 0):  # after the queued
                    await send_text(update.get_bot(), update.effective_chat.id, notice)
        except TelegramError as exc:
            log.warning("flood notice not sent (%s)", type(exc).__name__)
        if first:
            user = update.effective_user
            log.info("flood limit reached by %s", user_ref(user.id if user else None))

    async def on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log the type and place (never the text), tell the user that nothing was lost."""
        exc = context.error
        user = update.effective_user if isinstance(update, Update) else None
        if update is None and isinstance(exc, NetworkError):
            # fetching updates failed (Telegram's 5xx, a dropped connection): polling retries
            log.warning("fetching updates failed (%s); retrying", type(exc).__name__)
            return
        log.error(
            "%s in %s (user %s)",
            type(exc).__name__,
            where(exc) if exc else "?",
            user_ref(user.id if user else None),
        )
        if not isinstance(update, Update) or isinstance(exc, Forbidden):
            return
        language = language_of(update)
        # the database went away: nothing was written, so a retry in a moment loses nothing
        unavailable = isinstance(exc, StoreUnavailable)
        notice = t("errors.unavailable" if unavailable else "errors.internal", language)
        try:
            if update.callback_query is not None:
                await self._answer(update.callback_query, notice)
            chat = update.effective_chat
            if chat is not None and chat.type == ChatType.PRIVATE:
                await send_text(context.bot, chat.id, notice)
        except TelegramError as again:
            log.warning("error notice not sent (%s)", type(again).__name__)
