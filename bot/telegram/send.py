"""The engine's replies as Bot API calls: sendMessage, editMessageText, sendDocument.

Telegram refuses texts over 4096 characters and malformed HTML with HTTP 400, which would lose
the reply. So long texts are split — at paragraph breaks first, then at line breaks, then between
words, and only as a last resort anywhere outside a tag or an entity — and every piece closes the
tags still open at its end and reopens them at the start of the next piece (the letters the
engine writes are one <pre> block with blank lines inside it). Should Telegram still refuse the
markup, the same text goes out again as plain text: a reply is delayed, never lost.
"""

from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass

from telegram import (
    Bot,
    InputFile,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden
from telegram.warnings import PTBUserWarning

from bot.i18n import Html
from bot.replies import Document, Reply
from bot.telegram.aliases import JsonDict
from bot.telegram.keyboards import Keyboard, to_markup
from bot.telegram.logging import user_ref
from bot.text import html_to_plain

log = logging.getLogger(__name__)

# Replies go through `Bot.do_api_request` on purpose (see send_text); its nag to use the typed
# method instead is noise here.
warnings.filterwarnings(
    "ignore",
    message=r"Please use 'Bot\.\w+' instead of 'Bot\.do_api_request",
    category=PTBUserWarning,
)

MAX_TEXT = 4096
MAX_CAPTION = 1024

_ATOM = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^<>]*>"  # a tag
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{0,31});"  # an entity
    r"|[\ud800-\udbff][\udc00-\udfff]"  # a surrogate pair (never split)
    r"|.",  # any other character
    re.DOTALL,
)
_TAG_TEXT = re.compile(r"<[^>]*>")


def utf16_len(text: str) -> int:
    """Telegram measures text in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _visible(html: str) -> bool:
    return bool(_TAG_TEXT.sub("", html).strip())


@dataclass(frozen=True)
class _Atom:
    text: str
    size: int  # UTF-16 units
    open_tag: str | None = None  # the tag name when this atom opens a tag
    close_tag: str | None = None  # the tag name when this atom closes one


def _atoms(html: str) -> list[_Atom]:
    out = []
    for match in _ATOM.finditer(html):
        text = match.group(0)
        slash, name = match.group(1), match.group(2)
        if name is None:
            out.append(_Atom(text, utf16_len(text)))
        elif slash:
            out.append(_Atom(text, utf16_len(text), close_tag=name.lower()))
        else:
            out.append(_Atom(text, utf16_len(text), open_tag=name.lower()))
    return out


def _rank(atoms: list[_Atom], j: int) -> int:
    """How good a place the boundary before atom `j` is to cut: 3 paragraph, 2 line, 1 word."""
    before = atoms[j - 1].text
    if before == "\n":
        return 3 if j >= 2 and atoms[j - 2].text == "\n" else 2
    if before == " ":
        return 1
    return 0


def _apply(stack: list[tuple[str, str]], atom: _Atom) -> list[tuple[str, str]]:
    """The tags open after `atom` (a new list when it changes anything)."""
    if atom.open_tag:
        return [*stack, (atom.open_tag, atom.text)]
    if atom.close_tag:
        names = [name for name, _ in stack]
        if atom.close_tag in names:
            k = len(names) - 1 - names[::-1].index(atom.close_tag)
            return stack[:k] + stack[k + 1 :]
    return stack


def _closing(stack: list[tuple[str, str]]) -> int:
    return sum(len(name) + 3 for name, _ in stack)  # "</name>"


def split_html(html: str, limit: int = MAX_TEXT) -> list[str]:
    """Pieces of at most `limit` UTF-16 units, each valid Telegram HTML on its own."""
    html = html.strip()
    if utf16_len(html) <= limit:
        return [html] if _visible(html) else []
    atoms = _atoms(html)
    pieces: list[str] = []
    stack: list[tuple[str, str]] = []  # (name, opening tag text) of the tags open at `i`
    i = 0
    while i < len(atoms):
        while i < len(atoms) and atoms[i].text in ("\n", " ", "\t"):
            i += 1  # Telegram trims a message's leading white space anyway
        if i >= len(atoms):
            break
        prefix = "".join(opening for _, opening in stack)
        size = utf16_len(prefix)
        open_now = stack
        best: dict[int, tuple[int, list[tuple[str, str]]]] = {}  # rank -> last cut of that rank
        j = i
        while j < len(atoms):
            new_stack = _apply(open_now, atoms[j])
            if size + atoms[j].size + _closing(new_stack) > limit:
                break
            size += atoms[j].size
            open_now = new_stack
            j += 1
            if j < len(atoms):
                best[_rank(atoms, j)] = (j, open_now)
        if j >= len(atoms):
            cut, after = len(atoms), open_now
        elif best:
            cut, after = best[max(best)]
        else:  # not even one atom fits next to the reopened tags: take it anyway
            cut, after = i + 1, _apply(stack, atoms[i])
        body = "".join(a.text for a in atoms[i:cut])
        closers = "".join(f"</{name}>" for name, _ in reversed(after))
        piece = prefix + body.rstrip() + closers
        if _visible(piece):
            pieces.append(piece)
        stack, i = after, cut
    return pieces


def plain(html: str) -> str:
    """The text without markup, for the fallback when Telegram refuses the HTML."""
    return html_to_plain(html).strip()


@dataclass
class Delivery:
    """Where the replies to one event go."""

    chat_id: int
    pressed: int | None = None  # message id whose button was pressed (Reply.edit targets it)
    quote: int | None = None  # reply to this message (group chats)
    callbacks: bool = True  # False: URL buttons only (group chats)


def _text_params(chat_id: int, html: str, markup: Keyboard | None) -> JsonDict:
    params: JsonDict = {
        "chat_id": chat_id,
        "text": html,
        "parse_mode": ParseMode.HTML,
        "link_preview_options": {"is_disabled": True},
    }
    if markup is not None:
        params["reply_markup"] = markup
    return params


async def send_text(
    bot: Bot,
    chat_id: int,
    html: str,
    markup: Keyboard | None = None,
    quote: int | None = None,
) -> JsonDict:
    """One sendMessage (≤ 4096), falling back to plain text if the HTML is refused.

    The reply Telegram returns (the whole message again, every entity of a 4 KB card) is not
    turned into python-telegram-bot objects: nothing here reads it, and parsing it cost more
    than building the answer."""
    params = _text_params(chat_id, html, markup)
    if quote:
        params["reply_parameters"] = {"message_id": quote, "allow_sending_without_reply": True}
    try:
        sent: JsonDict = await bot.do_api_request("sendMessage", api_kwargs=params)
    except BadRequest as exc:
        if "parse entities" not in exc.message.lower():
            raise
        log.error("reply HTML refused by Telegram (%s); sent as plain text", type(exc).__name__)
        params["text"] = plain(html)[:MAX_TEXT]
        del params["parse_mode"]
        sent = await bot.do_api_request("sendMessage", api_kwargs=params)
    return sent


async def send_long(
    bot: Bot,
    chat_id: int,
    html: str,
    markup: Keyboard | None = None,
    quote: int | None = None,
) -> list[JsonDict]:
    """A text of any length as as many messages as it takes; the keyboard goes on the last."""
    pieces = split_html(html)
    sent = []
    for n, piece in enumerate(pieces):
        last = n == len(pieces) - 1
        sent.append(
            await send_text(
                bot, chat_id, piece, markup if last else None, quote if n == 0 else None
            )
        )
    return sent


async def _edit(
    bot: Bot, chat_id: int, message_id: int, html: str, markup: Keyboard | None
) -> bool:
    """Edit in place; False when Telegram cannot edit that message (then the caller sends)."""
    params = _text_params(chat_id, html, markup)
    params["message_id"] = message_id
    try:
        await bot.do_api_request("editMessageText", api_kwargs=params)
    except BadRequest as exc:
        # "not modified": a double tap, the message already shows this; else send anew
        return "not modified" in exc.message.lower()
    return True


async def _send_document(
    bot: Bot, chat_id: int, document: Document, markup: Keyboard | None
) -> None:
    caption = document.caption.strip() or None
    if caption and utf16_len(caption) > MAX_CAPTION:
        await send_long(bot, chat_id, caption)
        caption = None
    params: JsonDict = {
        "chat_id": chat_id,
        "document": InputFile(document.content, filename=document.filename, attach=True),
    }
    if caption:
        params.update(caption=caption, parse_mode=ParseMode.HTML)
    if markup is not None:
        params["reply_markup"] = markup
    await bot.do_api_request("sendDocument", api_kwargs=params)


def coalesce(replies: list[Reply]) -> list[Reply]:
    """Fewer, fuller messages: a reply without buttons or a file ("Got it: Germany.") joins the
    reply after it. Telegram allows about one message per second in a chat, so every message
    saved is a second the user does not wait."""
    out: list[Reply] = []
    pending: Reply | None = None
    for reply in replies:
        if pending is not None:
            joined = Html(f"{pending.text.strip()}\n\n{reply.text.strip()}")
            if not reply.edit and reply.document is None and utf16_len(joined) <= MAX_TEXT:
                reply = Reply(joined, reply.buttons)
            else:
                out.append(pending)
            pending = None
        if not reply.buttons and not reply.edit and reply.document is None:
            pending = reply
        else:
            out.append(reply)
    if pending is not None:
        out.append(pending)
    return out


async def deliver(bot: Bot, target: Delivery, replies: list[Reply]) -> int:
    """Send the replies in order; returns how many Bot API messages were sent or edited.

    A user who blocked the bot ends the delivery quietly (there is no one to tell)."""
    count = 0
    edited = False
    try:
        for reply in coalesce(replies):
            markup = to_markup(reply.buttons, callbacks=target.callbacks)
            if reply.document is not None:
                text = reply.text.strip()
                if text and text != reply.document.caption.strip():
                    count += len(await send_long(bot, target.chat_id, text, quote=target.quote))
                await _send_document(bot, target.chat_id, reply.document, markup)
                count += 1
                continue
            if reply.edit and target.pressed is not None and not edited:
                edited = True
                pieces = split_html(reply.text)
                if len(pieces) == 1 and await _edit(
                    bot, target.chat_id, target.pressed, pieces[0], markup
                ):
                    count += 1
                    continue
            count += len(await send_long(bot, target.chat_id, reply.text, markup, target.quote))
    except Forbidden:
        log.info("cannot write to %s (blocked or left): replies dropped", user_ref(target.chat_id))
    return count
