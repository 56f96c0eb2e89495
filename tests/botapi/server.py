"""A local, in-process Telegram Bot API server for end-to-end tests and benchmarks.

Why: the bot must be tested over real HTTP with python-telegram-bot itself, without the internet
and without a real token, and it must meet the errors Telegram really returns (malformed HTML,
over-long text, 64-byte callback data, 429 flood waits, 5xx, webhook conflicts). This module is
that server: aiohttp on 127.0.0.1, one bot token, and a Python control API to play users, inspect
everything the bot sent and inject faults.

    async with BotAPIServer(token=TOKEN) as server:
        app = (ApplicationBuilder().token(TOKEN).base_url(server.base_url)
               .base_file_url(server.base_file_url).build())
        ...
        alice = server.user(1, first_name="Alice")
        replies = await server.ask(alice, "/start")

Run it by hand with ``python -m tests.botapi.server --port 8081 --chat``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import copy
import itertools
import json
import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import aiohttp
from aiohttp import web

__all__ = [
    "DEFAULT_TOKEN",
    "APIError",
    "BotAPIServer",
    "Call",
    "SentDocument",
    "SentText",
    "User",
    "main",
    "parse_html",
    "utf16_len",
]

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:TEST-local-bot-api-token-0000000000"
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_ANSWER = 200
MAX_CALLBACK_DATA = 64
MAX_INLINE_RESULTS = 50
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
# How long a wait gives up: a safety net, never a measurement — a wait returns at the event.
# 5 s was too short for a bot in a child process on 2 cores at a load average of 8.
PATIENCE = 30.0

# Update types Telegram leaves out when allowed_updates is empty or not given.
_NOT_DEFAULT_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
POLL_CONFLICT = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


class APIError(Exception):
    """A Bot API error answer; raised inside method handlers, sent as Telegram's JSON body."""

    def __init__(self, status: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> dict[str, Any]:
        """The JSON body Telegram sends for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.status,
            "description": self.description,
        }
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(detail: str) -> APIError:
    """Shorthand for Telegram's 400 answers, which all start with "Bad Request: "."""
    return APIError(400, f"Bad Request: {detail}")


# --------------------------------------------------------------------------------------------
# Text: UTF-16 lengths and Telegram's HTML parser
# --------------------------------------------------------------------------------------------


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units: Telegram's unit for limits and entity offsets."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The part of ``text`` an entity (UTF-16 offset and length) covers."""
    data = text.encode("utf-16-le")
    return data[2 * offset : 2 * (offset + length)].decode("utf-16-le", errors="replace")


_HTML_TAGS = frozenset(
    {
        "a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler",
        "tg-emoji", "span", "pre", "code", "blockquote",
    }
)  # fmt: skip
_SIMPLE_TAG_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_HTML_SPACES = frozenset(" \t\r\n\v\0")
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TRIM = " \t\r\n\v\f"


def _decode_entity(text: str, pos: int) -> tuple[str, int]:
    """Decode an HTML entity at ``pos`` like Telegram: returns ("", pos) when it is not one."""
    n = len(text)
    end = pos + 1
    if end < n and text[end] == "#":
        end += 1
        value = 0
        if end < n and text[end] == "x":
            end += 1
            digits = "0123456789abcdefABCDEF"
            base = 16
        else:
            digits = "0123456789"
            base = 10
        while end < n and text[end] in digits:
            value = value * base + int(text[end], 16)
            end += 1
            if value >= 0x10FFFF:
                return "", pos
        if value == 0 or 0xD800 <= value <= 0xDFFF:
            return "", pos
        char = chr(value)
    else:
        while end < n and text[end].isascii() and text[end].isalpha():
            end += 1
        char = _NAMED_ENTITIES.get(text[pos + 1 : end], "")
        if not char:
            return "", pos
    if end < n and text[end] == ";":
        end += 1
    return char, end


def _url_for_link(url: str) -> str | None:
    """The URL a text_link gets, or None when Telegram would silently drop the link."""
    url = url.strip()
    if not url or any(ch.isspace() for ch in url):
        return None
    match = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://", url)
    if match:
        return url if match.group(1).lower() in ("http", "https", "tg", "ton") else None
    if re.match(r"^[\w.-]+\.[a-zA-Z]{2,}(?:[:/?#].*)?$", url):
        return f"http://{url}"
    return None


def parse_html(text: str, *, strict: bool = False) -> tuple[str, list[dict[str, Any]]]:
    """Parse ``parse_mode=HTML`` text like Telegram's server (TDLib's ``parse_html``).

    Returns the plain text and its entities (UTF-16 offsets). Raises :class:`APIError` 400
    "Bad Request: can't parse entities: ..." with Telegram's wording. Like Telegram, a bare
    ``&`` or ``>`` and unknown ``&entities;`` are kept literally; ``strict=True`` rejects them
    too, to catch unescaped user text that Telegram would only garble.
    """
    n = len(text)

    def at(i: int) -> str:
        return text[i] if i < n else "\0"

    def byte_offset(i: int) -> int:
        return len(text[:i].encode("utf-8"))

    def fail(message: str) -> APIError:
        return bad_request(f"can't parse entities: {message}")

    out: list[str] = []
    u16 = 0
    stack: list[tuple[str, str, int, int]] = []  # tag, argument, utf16 offset, len(out)
    entities: list[dict[str, Any]] = []
    i = 0
    while i < n:
        c = text[i]
        if c == "&":
            char, end = _decode_entity(text, i)
            if char:
                out.append(char)
                u16 += 2 if ord(char) > 0xFFFF else 1
                i = end
                continue
            if strict:
                raise fail(f'Unescaped "&" at byte offset {byte_offset(i)} (strict_html)')
        if c != "<":
            if strict and c == ">":
                raise fail(f'Unescaped ">" at byte offset {byte_offset(i)} (strict_html)')
            out.append(c)
            u16 += 2 if ord(c) > 0xFFFF else 1
            i += 1
            continue

        begin = i
        i += 1
        if at(i) != "/":
            while at(i) not in _HTML_SPACES and at(i) != ">":
                i += 1
            if i >= n:
                raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
            tag = text[begin + 1 : i].lower()
            if tag not in _HTML_TAGS:
                raise fail(f'Unsupported start tag "{tag}" at byte offset {byte_offset(begin)}')
            argument = ""
            while at(i) != ">":
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if at(i) == ">":
                    break
                attr_begin = i
                while at(i) not in _HTML_SPACES and at(i) not in "=>":
                    i += 1
                attr = text[attr_begin:i]
                if not attr:
                    raise fail(
                        f'Empty attribute name in the tag "{tag}" at byte offset '
                        f"{byte_offset(begin)}"
                    )
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if at(i) != "=":
                    if tag == "blockquote" and attr == "expandable":
                        argument = "1"
                        continue
                    raise fail(
                        f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                        f"at byte offset {byte_offset(begin)}"
                    )
                i += 1
                while i < n and text[i] in _HTML_SPACES:
                    i += 1
                if i >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {byte_offset(begin)}')
                if text[i] not in "'\"":
                    token_begin = i
                    while at(i).isascii() and (at(i).isalnum() or at(i) in ".-"):
                        i += 1
                    value = text[token_begin:i].lower()
                    if at(i) not in _HTML_SPACES and at(i) != ">":
                        raise fail(
                            "Unexpected end of name token at byte offset "
                            f"{byte_offset(token_begin)}"
                        )
                else:
                    quote = text[i]
                    i += 1
                    chars: list[str] = []
                    while i < n and text[i] != quote:
                        if text[i] == "&":
                            char, end = _decode_entity(text, i)
                            if char:
                                chars.append(char)
                                i = end
                                continue
                        chars.append(text[i])
                        i += 1
                    if i < n:
                        i += 1
                    value = "".join(chars)
                if i >= n:
                    raise fail(f"Unclosed start tag at byte offset {byte_offset(begin)}")
                if (
                    (tag == "a" and attr == "href")
                    or (tag == "tg-emoji" and attr == "emoji-id")
                    or (tag == "blockquote" and attr == "expandable")
                ):
                    argument = value if tag != "blockquote" else "1"
                elif tag == "code" and attr == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and attr == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
            if tag == "span" and argument != "spoiler":
                raise fail(
                    f'Tag "span" must have class "tg-spoiler" at byte offset {byte_offset(begin)}'
                )
            stack.append((tag, argument, u16, len(out)))
            i += 1  # past '>'
            continue

        # an end tag
        if not stack:
            raise fail(f"Unexpected end tag at byte offset {byte_offset(begin)}")
        while at(i) not in _HTML_SPACES and at(i) != ">":
            i += 1
        end_name = text[begin + 2 : i].lower()
        while i < n and text[i] in _HTML_SPACES:
            i += 1
        if at(i) != ">":
            raise fail(f"Unclosed end tag at byte offset {byte_offset(begin)}")
        tag, argument, offset, out_pos = stack.pop()
        if end_name and end_name != tag:
            raise fail(
                f'Unmatched end tag at byte offset {byte_offset(begin)}, expected "</{tag}>", '
                f'found "</{end_name}>"'
            )
        length = u16 - offset
        if length > 0:
            entity: dict[str, Any] = {"offset": offset, "length": length}
            keep = True
            last = entities[-1] if entities else None
            same_span = last is not None and (last["offset"], last["length"]) == (offset, length)
            if tag in _SIMPLE_TAG_TYPES:
                entity["type"] = _SIMPLE_TAG_TYPES[tag]
            elif tag == "a":
                url = _url_for_link(argument or "".join(out[out_pos:]))
                entity.update(type="text_link", url=url)
                keep = url is not None
            elif tag == "tg-emoji":
                if not (argument.isdigit() and int(argument) > 0):
                    raise fail("Invalid custom emoji identifier specified")
                entity.update(type="custom_emoji", custom_emoji_id=argument)
            elif tag == "blockquote":
                entity["type"] = "expandable_blockquote" if argument else "blockquote"
            elif tag == "pre":
                if same_span and last and last["type"] == "code" and last.get("_language"):
                    last.update(type="pre", language=last.pop("_language"))
                    keep = False
                else:
                    entity["type"] = "pre"
            elif tag == "code":
                if same_span and last and last["type"] == "pre" and argument:
                    last["language"] = argument
                    keep = False
                else:
                    entity["type"] = "code"
                    if argument:
                        entity["_language"] = argument
            if keep:
                entities.append(entity)
        i += 1  # past '>'

    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    for entity in entities:
        entity.pop("_language", None)
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities


def trim_text(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading/trailing whitespace like Telegram and move the entities with the text."""
    stripped = text.strip(_TRIM)
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip(_TRIM))])
    size = utf16_len(stripped)
    kept = []
    for entity in entities:
        start = max(0, entity["offset"] - shift)
        end = min(size, entity["offset"] + entity["length"] - shift)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    return stripped, kept


_COMMAND_RE = re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w@])")
_MENTION_RE = re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?![\w])")
_URL_RE = re.compile(r"\bhttps?://[^\s<>\"]+")
_HASHTAG_RE = re.compile(r"(?<![\w#])#\w*[^\W\d]\w*")


def detect_entities(text: str) -> list[dict[str, Any]]:
    """Entities Telegram's clients attach to what a user types (commands, mentions, URLs...)."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for regex, kind in (
        (_URL_RE, "url"),
        (_COMMAND_RE, "bot_command"),
        (_MENTION_RE, "mention"),
        (_HASHTAG_RE, "hashtag"),
    ):
        for match in regex.finditer(text):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append((start, end, kind))
    found.sort()
    return [
        {"type": kind, "offset": utf16_len(text[:start]), "length": utf16_len(text[start:end])}
        for start, end, kind in found
    ]


# --------------------------------------------------------------------------------------------
# Parameters as Telegram reads them
# --------------------------------------------------------------------------------------------

_INT_PARAMS = frozenset(
    {
        "message_id", "offset", "limit", "timeout", "user_id", "cache_time", "max_connections",
        "message_thread_id", "reply_to_message_id", "from_chat_id",
    }
)  # fmt: skip
_BOOL_PARAMS = frozenset(
    {
        "disable_notification", "protect_content", "show_alert", "is_personal",
        "drop_pending_updates", "disable_web_page_preview", "allow_sending_without_reply",
        "disable_content_type_detection", "allow_paid_broadcast", "for_channels",
    }
)  # fmt: skip
_JSON_PARAMS = {
    "reply_markup": "reply keyboard markup",
    "entities": "entities",
    "caption_entities": "caption entities",
    "results": "inline query results",
    "commands": "commands",
    "scope": "bot command scope",
    "menu_button": "menu button",
    "allowed_updates": "allowed updates",
    "link_preview_options": "link preview options",
    "reply_parameters": "reply parameters",
    "button": "inline query results button",
    "media": "media",
}


def coerce_params(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn form/query strings into typed values per parameter, as the Bot API does.

    PTB sends form data: plain strings as-is, numbers and booleans as JSON text, nested objects
    (reply_markup, entities, results...) JSON-encoded. JSON bodies may carry either form.
    """
    params: dict[str, Any] = {}
    for name, value in raw.items():
        if name == "chat_id" and isinstance(value, str):
            value = int(value) if re.fullmatch(r"-?\d+", value.strip()) else value
        elif name in _INT_PARAMS and isinstance(value, str):
            try:
                value = int(value)
            except ValueError:
                raise bad_request(f"wrong parameter {name} specified") from None
        elif name in _BOOL_PARAMS and isinstance(value, str):
            value = value.strip().lower() in ("true", "1")
        elif name in _JSON_PARAMS and isinstance(value, str):
            if value == "" and name != "allowed_updates":
                continue
            try:
                value = json.loads(value) if value else []
            except ValueError:
                raise bad_request(f"can't parse {_JSON_PARAMS[name]} JSON object") from None
        params[name] = value
    return params


# --------------------------------------------------------------------------------------------
# Records and helper objects
# --------------------------------------------------------------------------------------------


@dataclass
class User:
    """A test user; pass it to the server's message/callback/inline helpers."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "en"
    is_bot: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The Telegram ``User`` object."""
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        for name in ("last_name", "username", "language_code"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        return data

    def private_chat(self) -> dict[str, Any]:
        """The Telegram ``Chat`` object of the user's private chat with the bot."""
        chat: dict[str, Any] = {"id": self.id, "type": "private", "first_name": self.first_name}
        if self.last_name:
            chat["last_name"] = self.last_name
        if self.username:
            chat["username"] = self.username
        return chat


@dataclass
class UploadedFile:
    """A file part of a multipart request, kept whole so tests can inspect it."""

    filename: str | None
    content: bytes
    content_type: str | None


@dataclass
class Call:
    """One Bot API request the bot made; ``time`` is :func:`time.monotonic`."""

    method: str
    params: dict[str, Any]
    time: float
    files: dict[str, UploadedFile] = field(default_factory=dict)
    status: int = 0
    result: Any = None
    error: str | None = None
    via: str = "http"

    @property
    def ok(self) -> bool:
        """Whether the server answered with success."""
        return self.status == 200


class SentText(str):
    """A text the bot sent or edited in a chat: compares as the plain text the user sees.

    Why a ``str``: tests mostly assert on text (``"Which country" in msg``), but sometimes
    need the message id, the keyboard or the raw HTML; this gives both without wrappers.
    """

    kind: str
    chat_id: int
    message_id: int
    raw_text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    message: dict[str, Any]
    time: float

    def __new__(
        cls,
        text: str,
        *,
        kind: str,
        chat_id: int,
        message_id: int,
        raw_text: str,
        parse_mode: str | None,
        reply_markup: dict[str, Any] | None,
        message: dict[str, Any],
    ) -> SentText:
        obj = super().__new__(cls, text)
        obj.kind = kind
        obj.chat_id = chat_id
        obj.message_id = message_id
        obj.raw_text = raw_text
        obj.parse_mode = parse_mode
        obj.reply_markup = reply_markup
        obj.message = message
        obj.time = time.monotonic()
        return obj

    def __repr__(self) -> str:
        return f"SentText({self.kind} #{self.message_id} in {self.chat_id}: {str(self)!r})"

    @property
    def text(self) -> str:
        """The plain text (same as ``str(self)``)."""
        return str(self)

    @property
    def buttons(self) -> list[list[dict[str, Any]]]:
        """The inline keyboard rows (button dicts), empty when there is none."""
        if not self.reply_markup:
            return []
        return self.reply_markup.get("inline_keyboard") or []

    @property
    def button_texts(self) -> list[str]:
        """Every inline button's label, row by row."""
        return [button.get("text", "") for row in self.buttons for button in row]

    @property
    def callback_data(self) -> list[str]:
        """Every inline button's callback_data, row by row."""
        return [b["callback_data"] for row in self.buttons for b in row if "callback_data" in b]

    def data_for(self, label: str) -> str:
        """The callback_data of the button whose text equals (else contains) ``label``."""
        buttons = [b for row in self.buttons for b in row if "callback_data" in b]
        for button in buttons:
            if button.get("text") == label:
                return button["callback_data"]
        for button in buttons:
            if label.lower() in button.get("text", "").lower():
                return button["callback_data"]
        raise KeyError(f"no button {label!r} in {self.button_texts}")


@dataclass
class SentDocument:
    """A document the bot uploaded (or re-sent by file_id)."""

    chat_id: int
    message_id: int
    filename: str | None
    content: bytes
    mime_type: str | None
    caption: str | None
    file_id: str
    message: dict[str, Any]


@dataclass
class StoredFile:
    """A file the server knows by file_id, downloadable under /file/bot<token>/<path>."""

    file_id: str
    file_unique_id: str
    content: bytes
    filename: str | None
    mime_type: str | None
    path: str


@dataclass
class WebhookDelivery:
    """One POST of an update to the webhook and how it went."""

    update_id: int
    url: str
    status: int | None
    error: str | None
    time: float


@dataclass
class Fault:
    """An injected failure for the next call(s) of one method."""

    status: int | None
    retry_after: int | None = None
    description: str | None = None
    delay: float = 0.0
    drop: bool = False
    late: float = 0.0  # do it, then answer only after this many seconds


class Ok:
    """A handler result that also carries Telegram's optional ``description``."""

    def __init__(self, result: Any, description: str) -> None:
        self.result = result
        self.description = description


_GATEWAY_HTML = (
    "<html>\r\n<head><title>{code} {phrase}</title></head>\r\n<body>\r\n"
    "<center><h1>{code} {phrase}</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n"
    "</body>\r\n</html>\r\n"
)
_FAULT_DESCRIPTIONS = {
    400: "Bad Request: injected failure",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: POLL_CONFLICT,
    420: "Flood: injected failure",
    500: "Internal Server Error",
}
_CHAT_ACTIONS = frozenset(
    {
        "typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
        "upload_document", "choose_sticker", "find_location", "record_video_note",
        "upload_video_note",
    }
)  # fmt: skip
_BUTTON_ACTIONS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query",
    "switch_inline_query_current_chat", "switch_inline_query_chosen_chat", "copy_text",
    "callback_game", "pay",
)  # fmt: skip
_COMMAND_SCOPES = frozenset(
    {
        "default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
        "chat_administrators", "chat_member",
    }
)  # fmt: skip


def _telegram_method_names() -> list[str]:
    """All Bot API method names (from PTB's camelCase aliases), to tell "not implemented here"
    from "no such method"."""
    try:
        import telegram
    except ImportError:  # pragma: no cover - PTB is a dependency of the project
        return []
    return [n for n in dir(telegram.Bot) if re.match(r"^[a-z]+[A-Z]\w*$", n)]


# --------------------------------------------------------------------------------------------
# The server
# --------------------------------------------------------------------------------------------


def _chat_of(update: dict[str, Any]) -> Any:
    """The chat (or, for inline queries, the user) an update belongs to."""
    for key, payload in update.items():
        if key == "update_id" or not isinstance(payload, dict):
            continue
        chat = payload.get("chat") or (payload.get("message") or {}).get("chat")
        if isinstance(chat, dict):
            return chat.get("id")
        sender = payload.get("from")
        return sender.get("id") if isinstance(sender, dict) else key
    return None


class BotAPIServer:
    """A Telegram Bot API server on 127.0.0.1 for one bot token, with a test control API.

    State lives in the event loop that started the server; the control methods are plain
    (synchronous) calls to make from that loop, the ``wait_*`` helpers are awaited.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        bot_username: str = "optout_test_bot",
        bot_name: str = "OptOut Test Bot",
        host: str = "127.0.0.1",
        port: int = 0,
        group_privacy: bool = True,
        strict_html: bool = False,
        webhook_retry_delay: float = 0.1,
        webhook_timeout: float = 10.0,
        webhook_connections: int = 1,
    ) -> None:
        if host not in LOOPBACK_HOSTS:
            raise ValueError("the test Bot API server only listens on loopback")
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 123456789
        self.bot_username = bot_username
        self.bot_name = bot_name
        self.host = host
        self.port = port
        self.group_privacy = group_privacy
        self.strict_html = strict_html
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        self.webhook_connections = webhook_connections

        # recordings
        self.calls: list[Call] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.inline_answers: list[dict[str, Any]] = []
        self.documents: list[SentDocument] = []
        self.chat_actions: list[tuple[int | str, str]] = []
        self.deleted_messages: list[tuple[int | str, int]] = []
        self.webhook_deliveries: list[WebhookDelivery] = []
        self.updates: list[dict[str, Any]] = []  # every update created, queued or not
        self.filtered_updates: list[dict[str, Any]] = []  # created but not for the bot
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.bot_texts: dict[str, dict[str, str]] = {}  # e.g. {"description": {"": "..."}}

        # world state
        self.users: dict[int, User] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._blocked: set[int] = set()
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._next_message_id: dict[int, int] = {}
        self._outbox: dict[int, list[SentText]] = {}
        self._all_texts: list[SentText] = []
        self._files: dict[str, StoredFile] = {}
        self._files_by_path: dict[str, StoredFile] = {}
        self._file_counter = itertools.count(1)
        self._commands: dict[tuple[str, str], list[dict[str, str]]] = {}
        self._open_callbacks: set[str] = set()
        self._open_inline: set[str] = set()
        self._query_counter = itertools.count(int(time.time()) * 1000)

        # updates and delivery
        self._pending: list[dict[str, Any]] = []
        self._next_update_id = 1
        self.update_times: dict[int, float] = {}  # update_id -> monotonic time it was created
        self.confirmed_offset = 0
        self._allowed_updates: list[str] | None = None
        self._poll_generation = 0
        self._webhook: dict[str, Any] | None = None
        self._webhook_error: tuple[int, str] | None = None
        self._webhook_task: asyncio.Task[None] | None = None

        # faults
        self._faults: dict[str, deque[Fault]] = {}

        # plumbing
        self._changed = asyncio.Event()
        self._closing = False
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._listeners: list[Callable[[Call], None]] = []
        real = _telegram_method_names()
        self._handlers: dict[str, Callable[..., Any]] = {
            "getMe": self._get_me,
            "getUpdates": self._get_updates,
            "setWebhook": self._set_webhook,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "sendMessage": self._send_message,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "answerCallbackQuery": self._answer_callback_query,
            "answerInlineQuery": self._answer_inline_query,
            "setMyCommands": self._set_my_commands,
            "getMyCommands": self._get_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "sendDocument": self._send_document,
            "getFile": self._get_file,
            "sendChatAction": self._send_chat_action,
            "setChatMenuButton": self._set_chat_menu_button,
            "getChatMenuButton": self._get_chat_menu_button,
            "setMyDescription": self._bot_text_setter("description"),
            "getMyDescription": self._bot_text_getter("description"),
            "setMyShortDescription": self._bot_text_setter("short_description"),
            "getMyShortDescription": self._bot_text_getter("short_description"),
            "setMyName": self._bot_text_setter("name"),
            "getMyName": self._bot_text_getter("name"),
            "close": self._ok_true,
            "logOut": self._ok_true,
        }
        self._method_names = {name.lower(): name for name in real}
        self._method_names.update({name.lower(): name for name in self._handlers})

    # ----------------------------------------------------------------------------- lifecycle

    async def __aenter__(self) -> BotAPIServer:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    async def start(self) -> None:
        """Listen on ``host:port`` (port 0 picks a free one); ``url`` is valid afterwards."""
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._handle_api)
        app.router.add_route("GET", "/file/bot{token}/{path:.+}", self._handle_file)
        self._runner = web.AppRunner(
            app,
            handle_signals=False,
            handler_cancellation=True,  # a long poll the client gave up on ends with it
            shutdown_timeout=1.0,
            access_log=None,
        )
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        self._session = aiohttp.ClientSession()
        self._closing = False

    async def stop(self) -> None:
        """Stop listening; pending long polls return at once, webhook delivery stops."""
        self._closing = True
        self._notify()
        if self._webhook_task:
            self._webhook_task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._webhook_task
            self._webhook_task = None
        if self._session:
            await self._session.close()
            self._session = None
        if self._runner:
            await self._runner.cleanup()
            self._runner = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` of the running server."""
        if self._runner is None:
            raise RuntimeError("the server is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def base_url(self) -> str:
        """What to give ``ApplicationBuilder().base_url()`` (PTB appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """What to give ``ApplicationBuilder().base_file_url()``."""
        return f"{self.url}/file/bot"

    # ----------------------------------------------------------------------------- HTTP

    async def _handle_api(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._json(APIError(401, "Unauthorized").body(), 401)
        requested = request.match_info["method"]
        method = self._method_names.get(requested.lower(), requested)
        call = Call(method=method, params={}, time=time.monotonic())
        self.calls.append(call)
        self._notify()  # a call in progress is visible to wait_for at once
        try:
            raw, call.files = await self._read_params(request)
            call.params = raw  # kept as sent when coercion fails
            call.params = coerce_params(raw)
        except APIError as error:
            return self._finish(call, error)

        fault = self._take_fault(method)
        if fault is not None:
            if fault.delay:
                await asyncio.sleep(fault.delay)
            if fault.drop:
                call.status, call.error = -1, "connection dropped (injected)"
                self._after_call(call)
                if request.transport is not None:
                    request.transport.abort()
                return web.Response()
            if fault.status is not None:
                return self._fault_response(call, fault)

        handler = self._handlers.get(method)
        if handler is None:
            detail = (
                f"Not Found: method {method} is not implemented by the local test server"
                if method.lower() in self._method_names
                else "Not Found"
            )
            return self._finish(call, APIError(404, detail))
        try:
            result = handler(call.params, call.files)
            if asyncio.iscoroutine(result):
                result = await result
        except APIError as error:
            return self._finish(call, error)
        except Exception as exc:  # a bug in this server: say so instead of hanging a test
            log.exception("local Bot API server failed on %s", method)
            return self._finish(call, APIError(500, f"Internal Server Error: {exc!r}"))
        response = self._finish(call, result)
        if fault is not None and fault.late:
            await asyncio.sleep(fault.late)  # done, recorded, and answered too late
        return response

    def _finish(self, call: Call, outcome: Any) -> web.Response:
        if isinstance(outcome, APIError):
            call.status, call.error = outcome.status, outcome.description
            body = outcome.body()
        else:
            body = {"ok": True, "result": outcome}
            if isinstance(outcome, Ok):
                body = {"ok": True, "result": outcome.result, "description": outcome.description}
            call.status, call.result = 200, body["result"]
        self._after_call(call)
        return self._json(body, call.status)

    def _fault_response(self, call: Call, fault: Fault) -> web.Response:
        status = fault.status or 500
        if status == 429:
            retry = fault.retry_after if fault.retry_after is not None else 1
            error = APIError(
                429,
                fault.description or f"Too Many Requests: retry after {retry}",
                {"retry_after": retry},
            )
        elif status in (502, 503, 504) and fault.description is None:
            phrase = {502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Time-out"}
            call.status, call.error = status, f"{status} {phrase[status]} (injected)"
            self._after_call(call)
            html = _GATEWAY_HTML.format(code=status, phrase=phrase[status])
            return web.Response(status=status, text=html, content_type="text/html")
        else:
            description = fault.description or _FAULT_DESCRIPTIONS.get(status, "injected failure")
            error = APIError(status, description)
        call.status, call.error = error.status, f"{error.description} (injected)"
        self._after_call(call)
        return self._json(error.body(), status)

    def _after_call(self, call: Call) -> None:
        for listener in list(self._listeners):
            try:
                listener(call)
            except Exception:  # a listener must never break the server
                log.exception("call listener failed")
        self._notify()

    @staticmethod
    def _json(body: dict[str, Any], status: int) -> web.Response:
        return web.Response(
            status=status,
            text=json.dumps(body, ensure_ascii=False, separators=(",", ":")),
            content_type="application/json",
        )

    async def _read_params(
        self, request: web.Request
    ) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
        params: dict[str, Any] = dict(request.query)
        files: dict[str, UploadedFile] = {}
        if request.method != "POST" or not request.can_read_body:
            return params, files
        ctype = request.content_type
        if ctype == "application/json":
            try:
                body = json.loads(await request.read() or b"{}")
            except ValueError:
                raise bad_request("can't parse JSON encoded request body") from None
            if not isinstance(body, dict):
                raise bad_request("JSON encoded request body must be an object")
            params.update(body)
        elif ctype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    files[name] = UploadedFile(
                        value.filename, value.file.read(), value.content_type
                    )
                else:
                    params[name] = value
        return params, files

    async def _handle_file(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return self._json(APIError(401, "Unauthorized").body(), 401)
        stored = self._files_by_path.get(request.match_info["path"])
        if stored is None:
            return self._json(APIError(404, "Not Found").body(), 404)
        return web.Response(
            body=stored.content, content_type=stored.mime_type or "application/octet-stream"
        )

    # ----------------------------------------------------------------------------- helpers

    def _notify(self) -> None:
        """Wake long polls, the webhook sender and ``wait_for`` callers."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait_change(self, timeout: float | None) -> None:
        event = self._changed
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(event.wait(), timeout)

    def _take_fault(self, method: str) -> Fault | None:
        for key in (method.lower(), "*"):
            queue = self._faults.get(key)
            if queue:
                fault = queue.popleft()
                if not queue:
                    del self._faults[key]
                return fault
        return None

    @property
    def bot_user(self) -> dict[str, Any]:
        """The bot as a Telegram ``User`` (the ``from`` of its messages)."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_name,
            "username": self.bot_username,
        }

    def _message_id(self, chat_id: int) -> int:
        next_id = self._next_message_id.get(chat_id, 1)
        self._next_message_id[chat_id] = next_id + 1
        return next_id

    def _chat_for(self, params: dict[str, Any], *, sending: bool = True) -> dict[str, Any]:
        """Resolve ``chat_id`` the way Telegram answers bots about chats."""
        chat_id = params.get("chat_id")
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = self._chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            if isinstance(chat_id, int) and chat_id in self.users:
                raise APIError(403, "Forbidden: bot can't initiate conversation with a user")
            raise bad_request("chat not found")
        if sending and chat_id in self._blocked:
            raise APIError(403, "Forbidden: bot was blocked by the user")
        return chat

    def _stored_message(self, params: dict[str, Any], missing: str) -> dict[str, Any]:
        chat = self._chat_for(params, sending=False)
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        message = self._messages.get((chat["id"], message_id))
        if message is None:
            raise bad_request(missing)
        return message

    def _format(
        self,
        text: Any,
        parse_mode: Any,
        entities: Any,
        *,
        limit: int,
        caption: bool = False,
    ) -> tuple[str, list[dict[str, Any]]]:
        """Apply parse_mode/entities, trim and check the length, with Telegram's errors."""
        if text is None:
            text = ""
        if not isinstance(text, str):
            text = str(text)
        if entities:
            if not isinstance(entities, list) or not all(
                isinstance(e, dict) and {"type", "offset", "length"} <= e.keys() for e in entities
            ):
                raise bad_request("can't parse entities JSON object")
            parsed, found = text, [dict(e) for e in entities]
        elif parse_mode:
            mode = str(parse_mode).lower()
            if mode == "html":
                parsed, found = parse_html(text, strict=self.strict_html)
            elif mode in ("markdown", "markdownv2"):
                parsed, found = text, []  # accepted but not parsed by this test server
            else:
                raise bad_request("unsupported parse_mode")
        else:
            parsed, found = text, []
        parsed, found = trim_text(parsed, found)
        if not parsed and not caption:
            raise bad_request("message text is empty")
        if utf16_len(parsed) > limit:
            raise bad_request("message caption is too long" if caption else "message is too long")
        return parsed, found

    @staticmethod
    def _check_markup(markup: Any) -> dict[str, Any] | None:
        """Validate reply_markup like Telegram; returns it (or None when absent)."""
        if markup is None:
            return None
        if not isinstance(markup, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in markup:
            rows = markup["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request(
                    'field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of '
                    "Arrays"
                )
            for row in rows:
                for button in row:
                    if not isinstance(button, dict):
                        raise bad_request("can't parse inline keyboard button: Object expected")
                    if "text" not in button:
                        raise bad_request(
                            "can't parse inline keyboard button: Can't find field \"text\""
                        )
                    if not str(button["text"]).strip():
                        raise bad_request(
                            "can't parse inline keyboard button: Text must be non-empty"
                        )
                    actions = [name for name in _BUTTON_ACTIONS if name in button]
                    if not actions:
                        raise bad_request(
                            "can't parse inline keyboard button: Text buttons are unallowed in "
                            "the inline keyboard"
                        )
                    if "callback_data" in button:
                        data = button["callback_data"]
                        size = len(data.encode("utf-8")) if isinstance(data, str) else 0
                        if not 1 <= size <= MAX_CALLBACK_DATA:
                            raise bad_request("BUTTON_DATA_INVALID")
                    if "url" in button:
                        url = button["url"]
                        if not isinstance(url, str) or not re.match(
                            r"^(https?|tg)://\S+$|^[\w.-]+\.[A-Za-z]{2,}\S*$", url
                        ):
                            raise bad_request("BUTTON_URL_INVALID")
            return markup
        if "keyboard" in markup:
            rows = markup["keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request(
                    'field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays'
                )
            for row in rows:
                for button in row:
                    label = button.get("text") if isinstance(button, dict) else button
                    if not isinstance(label, str) or not label.strip():
                        raise bad_request("can't parse keyboard button: Text must be non-empty")
            return markup
        if markup.get("remove_keyboard") or markup.get("force_reply"):
            return markup
        raise bad_request("can't parse reply keyboard markup JSON object")

    def _reply_to(self, chat: dict[str, Any], params: dict[str, Any]) -> dict[str, Any] | None:
        reply = params.get("reply_parameters")
        if isinstance(reply, dict):
            message_id = reply.get("message_id")
            allow = bool(reply.get("allow_sending_without_reply"))
        else:
            message_id = params.get("reply_to_message_id")
            allow = bool(params.get("allow_sending_without_reply"))
        if message_id is None:
            return None
        original = self._messages.get((chat["id"], int(message_id)))
        if original is None:
            if allow:
                return None
            raise bad_request("message to be replied not found")
        shallow = dict(original)
        shallow.pop("reply_to_message", None)
        return shallow

    def _record_text(
        self, message: dict[str, Any], kind: str, raw: str, parse_mode: str | None
    ) -> SentText:
        sent = SentText(
            message.get("text", ""),
            kind=kind,
            chat_id=message["chat"]["id"],
            message_id=message["message_id"],
            raw_text=raw,
            parse_mode=parse_mode,
            reply_markup=copy.deepcopy(message.get("reply_markup")),
            message=copy.deepcopy(message),
        )
        self._outbox.setdefault(sent.chat_id, []).append(sent)
        self._all_texts.append(sent)
        return sent

    def _new_file(
        self,
        content: bytes,
        *,
        kind: str,
        filename: str | None = None,
        mime_type: str | None = None,
    ) -> StoredFile:
        number = next(self._file_counter)
        suffix = ""
        if filename and "." in filename:
            suffix = "." + filename.rsplit(".", 1)[1]
        folder = {"photo": "photos", "document": "documents", "voice": "voice"}.get(kind, kind)
        stored = StoredFile(
            file_id=f"BQACAgI{kind.upper()}{number:08d}AAQ",
            file_unique_id=f"AgAD{number:06d}",
            content=content,
            filename=filename,
            mime_type=mime_type,
            path=f"{folder}/file_{number}{suffix}",
        )
        self._files[stored.file_id] = stored
        self._files_by_path[stored.path] = stored
        return stored

    # ----------------------------------------------------------------------------- methods

    def _get_me(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        return {
            **self.bot_user,
            "can_join_groups": True,
            "can_read_all_group_messages": not self.group_privacy,
            "supports_inline_queries": True,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _ok_true(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        return True

    async def _get_updates(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> list[dict[str, Any]]:
        if self._webhook:
            raise APIError(409, WEBHOOK_CONFLICT)
        limit = min(max(int(params.get("limit") or 100), 1), 100)
        timeout = max(float(params.get("timeout") or 0), 0.0)
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = list(allowed) or None
        offset = params.get("offset")
        if offset:
            self._confirm(int(offset))
        self._poll_generation += 1
        generation = self._poll_generation
        self._notify()  # an older long poll now ends with 409, as on Telegram
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if self._pending or self._closing:
                return copy.deepcopy(self._pending[:limit])
            remaining = deadline - loop.time()
            if remaining <= 0:
                return []
            await self._wait_change(remaining)
            if self._poll_generation != generation:
                raise APIError(409, POLL_CONFLICT)
            if self._webhook:
                raise APIError(409, WEBHOOK_CONFLICT)

    def _confirm(self, offset: int) -> None:
        """Forget updates below ``offset`` (negative: keep only the last -offset ones)."""
        if offset < 0:
            self._pending = self._pending[offset:]
        else:
            self._pending = [u for u in self._pending if u["update_id"] >= offset]
            self.confirmed_offset = max(self.confirmed_offset, offset)

    def _set_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Ok:
        url = str(params.get("url") or "")
        if not url:
            return self._delete_webhook(params, files)
        if not re.match(r"^https?://[^\s/]+", url):
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("secret token contains unallowed characters")
        max_connections = int(params.get("max_connections") or 40)
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: invalid max_connections specified")
        allowed = params.get("allowed_updates")
        if allowed is not None:
            self._allowed_updates = list(allowed) or None
        if params.get("drop_pending_updates"):
            self._pending.clear()
        new = {
            "url": url,
            "secret_token": secret,
            "max_connections": max_connections,
            "ip_address": params.get("ip_address"),
            "has_custom_certificate": "certificate" in files or "certificate" in params,
        }
        already = self._webhook == new
        self._webhook = new
        self._webhook_error = None
        if self._webhook_task is None or self._webhook_task.done():
            self._webhook_task = asyncio.get_running_loop().create_task(self._webhook_loop())
        self._notify()
        return Ok(True, "Webhook is already set" if already else "Webhook was set")

    def _delete_webhook(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> Ok:
        if params.get("drop_pending_updates"):
            self._pending.clear()
        had = self._webhook is not None
        self._webhook = None
        self._notify()
        return Ok(True, "Webhook was deleted" if had else "Webhook is already deleted")

    def _get_webhook_info(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        info: dict[str, Any] = {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._pending),
        }
        if self._webhook:
            info.update(
                url=self._webhook["url"],
                has_custom_certificate=self._webhook["has_custom_certificate"],
                max_connections=self._webhook["max_connections"],
            )
            if self._webhook["ip_address"]:
                info["ip_address"] = self._webhook["ip_address"]
            if self._allowed_updates:
                info["allowed_updates"] = list(self._allowed_updates)
            if self._webhook_error:
                info["last_error_date"], info["last_error_message"] = self._webhook_error
        return info

    async def _webhook_loop(self) -> None:
        """POST pending updates to the webhook, retrying failures: one at a time, in order,
        or (``webhook_connections`` > 1) up to that many at once, as Telegram does with its
        ``max_connections``, one update per chat at a time so each chat's stay in order."""
        busy: set[Any] = set()  # chats with an update in flight
        flying: set[asyncio.Task[None]] = set()
        while not self._closing and self._webhook:
            started = False
            for update in list(self._pending):
                if len(busy) >= self.webhook_connections:
                    break
                chat = _chat_of(update)
                if chat in busy:
                    continue
                busy.add(chat)
                task = asyncio.get_running_loop().create_task(self._deliver(update, busy, chat))
                flying.add(task)
                task.add_done_callback(flying.discard)
                started = True
            if not started:
                await self._wait_change(None)
        if flying:
            await asyncio.gather(*flying, return_exceptions=True)

    async def _deliver(self, update: dict[str, Any], busy: set[Any], chat: Any) -> None:
        """One POST of ``update``; taken off the queue on a 2xx, else retried after a pause."""
        hook = self._webhook
        try:
            if hook is None:
                return
            headers = {"Content-Type": "application/json"}
            if hook["secret_token"]:
                headers["X-Telegram-Bot-Api-Secret-Token"] = str(hook["secret_token"])
            status: int | None = None
            error: str | None = None
            reply: bytes = b""
            try:
                assert self._session is not None
                async with self._session.post(
                    hook["url"],
                    data=json.dumps(update, ensure_ascii=False).encode("utf-8"),
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
                ) as response:
                    status = response.status
                    reply = await response.read()
                    if not 200 <= status < 300:
                        error = f"Wrong response from the webhook: {status} {response.reason}"
            except (aiohttp.ClientError, OSError, TimeoutError) as exc:
                error = f"Connection failed: {exc or type(exc).__name__}"
            self.webhook_deliveries.append(
                WebhookDelivery(update["update_id"], hook["url"], status, error, time.monotonic())
            )
            if error is None:
                for i, pending in enumerate(self._pending):
                    if pending is update:
                        del self._pending[i]
                        break
                self._webhook_reply(reply)
            else:
                self._webhook_error = (int(time.time()), error)
                await asyncio.sleep(self.webhook_retry_delay)
        finally:
            busy.discard(chat)
            self._notify()

    def _webhook_reply(self, body: bytes) -> None:
        """Run a method the bot answered the webhook with (Telegram allows one per reply)."""
        try:
            data = json.loads(body) if body else None
        except ValueError:
            return
        if not isinstance(data, dict) or "method" not in data:
            return
        method = self._method_names.get(str(data.pop("method")).lower(), "")
        call = Call(method=method, params={}, time=time.monotonic(), via="webhook_reply")
        self.calls.append(call)
        handler = self._handlers.get(method)
        try:
            call.params = coerce_params(data)
            if handler is None or asyncio.iscoroutinefunction(handler):
                raise APIError(400, "Bad Request: method not supported in a webhook reply")
            call.result, call.status = handler(call.params, {}), 200
        except APIError as error:
            call.status, call.error = error.status, error.description
        self._after_call(call)

    def _send_message(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        chat = self._chat_for(params)
        raw = params.get("text")
        parse_mode = params.get("parse_mode")
        text, entities = self._format(raw, parse_mode, params.get("entities"), limit=MAX_TEXT)
        markup = self._check_markup(params.get("reply_markup"))
        reply_to = self._reply_to(chat, params)
        message = self._bot_message(chat, {"text": text}, entities, "entities", reply_to, markup)
        self._record_text(message, "sent", str(raw or ""), parse_mode)
        return message

    def _edit_message_text(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any] | bool:
        raw = params.get("text")
        parse_mode = params.get("parse_mode")
        if params.get("inline_message_id"):
            self._format(raw, parse_mode, params.get("entities"), limit=MAX_TEXT)
            self._check_markup(params.get("reply_markup"))
            return True
        message = self._stored_message(params, "message to edit not found")
        if message["from"].get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        if "text" not in message:
            raise bad_request("there is no text in the message to edit")
        text, entities = self._format(raw, parse_mode, params.get("entities"), limit=MAX_TEXT)
        markup = self._check_markup(params.get("reply_markup"))
        markup = markup if markup and "inline_keyboard" in markup else None
        if (
            text == message["text"]
            and entities == message.get("entities", [])
            and markup == message.get("reply_markup")
        ):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        message["text"] = text
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        self._record_text(message, "edited", str(raw or ""), parse_mode)
        return message

    def _edit_message_reply_markup(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any] | bool:
        markup = self._check_markup(params.get("reply_markup"))
        if params.get("inline_message_id"):
            return True
        message = self._stored_message(params, "message to edit not found")
        if message["from"].get("id") != self.bot_id:
            raise bad_request("message can't be edited")
        markup = markup if markup and "inline_keyboard" in markup else None
        if markup == message.get("reply_markup"):
            raise bad_request(NOT_MODIFIED[len("Bad Request: ") :])
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        message["edit_date"] = int(time.time())
        return message

    def _delete_message(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        message = self._stored_message(params, "message to delete not found")
        key = (message["chat"]["id"], message["message_id"])
        del self._messages[key]
        self.deleted_messages.append(key)
        return True

    def _answer_callback_query(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> bool:
        query_id = str(params.get("callback_query_id") or "")
        if query_id not in self._open_callbacks:
            raise bad_request(QUERY_TOO_OLD[len("Bad Request: ") :])
        text = params.get("text")
        if text is not None and len(str(text)) > MAX_CALLBACK_ANSWER:
            raise bad_request("MESSAGE_TOO_LONG")
        self._open_callbacks.discard(query_id)
        self.callback_answers.append(
            {
                "callback_query_id": query_id,
                "text": text,
                "show_alert": bool(params.get("show_alert")),
                "url": params.get("url"),
                "cache_time": params.get("cache_time"),
            }
        )
        return True

    def _answer_inline_query(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        query_id = str(params.get("inline_query_id") or "")
        if query_id not in self._open_inline:
            raise bad_request(QUERY_TOO_OLD[len("Bad Request: ") :])
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > MAX_INLINE_RESULTS:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or "type" not in result:
                raise bad_request("can't parse inline query result: Can't find field \"type\"")
            result_id = str(result.get("id", ""))
            if not 1 <= len(result_id.encode("utf-8")) <= 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
        self._open_inline.discard(query_id)
        self.inline_answers.append(
            {
                "inline_query_id": query_id,
                "results": results,
                "cache_time": params.get("cache_time"),
                "is_personal": bool(params.get("is_personal")),
                "next_offset": params.get("next_offset"),
                "button": params.get("button"),
            }
        )
        return True

    @staticmethod
    def _scope_key(params: dict[str, Any]) -> tuple[str, str]:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _COMMAND_SCOPES:
            raise bad_request("can't parse bot command scope JSON object")
        language = str(params.get("language_code") or "")
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        return json.dumps(scope, sort_keys=True), language

    def _set_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        cleaned = []
        for command in commands:
            if not isinstance(command, dict):
                raise bad_request("can't parse BotCommand JSON object")
            name = str(command.get("command", ""))
            description = str(command.get("description", ""))
            if not re.fullmatch(r"[a-z0-9_]{1,32}", name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
            cleaned.append({"command": name, "description": description})
        key = self._scope_key(params)
        if cleaned:
            self._commands[key] = cleaned
        else:
            self._commands.pop(key, None)
        return True

    def _get_my_commands(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> list[dict[str, str]]:
        return copy.deepcopy(self._commands.get(self._scope_key(params), []))

    def _delete_my_commands(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        self._commands.pop(self._scope_key(params), None)
        return True

    def _send_document(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        chat = self._chat_for(params)
        document = params.get("document")
        upload = files.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            upload = files.get(document[len("attach://") :])
            if upload is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        if upload is not None:
            if not upload.content:
                raise bad_request("file must be non-empty")
            if len(upload.content) > 50 * 1024 * 1024:
                raise APIError(413, "Request Entity Too Large")
            stored = self._new_file(
                upload.content,
                kind="document",
                filename=upload.filename,
                mime_type=upload.content_type,
            )
        elif isinstance(document, str) and document in self._files:
            stored = self._files[document]
        elif isinstance(document, str) and re.match(r"^https?://", document):
            raise bad_request("failed to get HTTP URL content")
        elif document:
            raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            raise bad_request("there is no document in the request")
        caption_raw = params.get("caption")
        parse_mode = params.get("parse_mode")
        caption, entities = self._format(
            caption_raw,
            parse_mode,
            params.get("caption_entities"),
            limit=MAX_CAPTION,
            caption=True,
        )
        markup = self._check_markup(params.get("reply_markup"))
        reply_to = self._reply_to(chat, params)
        doc: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
        }
        if stored.filename:
            doc["file_name"] = stored.filename
        if stored.mime_type:
            doc["mime_type"] = stored.mime_type
        content: dict[str, Any] = {"document": doc}
        if caption:
            content["caption"] = caption
        message = self._bot_message(chat, content, entities, "caption_entities", reply_to, markup)
        self.documents.append(
            SentDocument(
                chat_id=chat["id"],
                message_id=message["message_id"],
                filename=stored.filename,
                content=stored.content,
                mime_type=stored.mime_type,
                caption=caption or None,
                file_id=stored.file_id,
                message=copy.deepcopy(message),
            )
        )
        return message

    def _get_file(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
        stored = self._files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }

    def _send_chat_action(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat = self._chat_for(params)
        action = params.get("action")
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.chat_actions.append((chat["id"], str(action)))
        return True

    def _set_chat_menu_button(self, params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
        chat_id = None
        if params.get("chat_id") not in (None, ""):
            chat_id = self._chat_for(params, sending=False)["id"]
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in (
            "default",
            "commands",
            "web_app",
        ):
            raise bad_request("can't parse menu button JSON object")
        if button["type"] == "web_app" and not (button.get("text") and button.get("web_app")):
            raise bad_request("can't parse menu button JSON object")
        self.menu_buttons[chat_id] = button
        return True

    def _get_chat_menu_button(
        self, params: dict[str, Any], files: dict[str, UploadedFile]
    ) -> dict[str, Any]:
        chat_id = None
        if params.get("chat_id") not in (None, ""):
            chat_id = self._chat_for(params, sending=False)["id"]
        return self.menu_buttons.get(chat_id) or self.menu_buttons.get(None) or {"type": "default"}

    def _bot_text_setter(self, name: str) -> Callable[..., bool]:
        limits = {"description": 512, "short_description": 120, "name": 64}

        def setter(params: dict[str, Any], files: dict[str, UploadedFile]) -> bool:
            value = str(params.get(name) or "")
            if len(value) > limits[name]:
                raise bad_request(f"bot {name.replace('_', ' ')} is too long")
            language = str(params.get("language_code") or "")
            self.bot_texts.setdefault(name, {})[language] = value
            return True

        return setter

    def _bot_text_getter(self, name: str) -> Callable[..., dict[str, str]]:
        def getter(params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, str]:
            texts = self.bot_texts.get(name, {})
            language = str(params.get("language_code") or "")
            value = texts.get(language, texts.get("", ""))
            if name == "name" and not value:
                value = self.bot_name
            return {name: value}

        return getter

    # ----------------------------------------------------------------------------- control API:
    # users, chats and the updates they produce

    def user(
        self,
        id: int,
        first_name: str | None = None,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
    ) -> User:
        """Create (or redefine) a test user. The bot can write to them after they wrote first."""
        user = User(
            id=id,
            first_name=first_name or f"User{id}",
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.users[id] = user
        return user

    def _as_user(self, user: User | int) -> User:
        if isinstance(user, User):
            self.users.setdefault(user.id, user)
            return user
        return self.users.get(user) or self.user(user)

    def _bot_message(
        self,
        chat: dict[str, Any],
        content: dict[str, Any],
        entities: list[dict[str, Any]] | None,
        entities_key: str,
        reply_to: dict[str, Any] | None,
        markup: dict[str, Any] | None,
    ) -> dict[str, Any]:
        """A message from the bot, as Telegram returns it, kept for later edits and taps."""
        message: dict[str, Any] = {
            "message_id": self._message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        if entities:
            message[entities_key] = entities
        if reply_to:
            message["reply_to_message"] = reply_to
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _user_message(
        self,
        user: User,
        chat: dict[str, Any],
        fields: dict[str, Any],
        reply_to: SentText | dict[str, Any] | int | None = None,
    ) -> dict[str, Any]:
        self._chats[chat["id"]] = chat
        message: dict[str, Any] = {
            "message_id": self._message_id(chat["id"]),
            "from": user.to_dict(),
            "chat": chat,
            "date": int(time.time()),
            **fields,
        }
        if reply_to is not None:
            original = self._resolve_message(chat["id"], reply_to)
            shallow = dict(original)
            shallow.pop("reply_to_message", None)
            message["reply_to_message"] = shallow
        self._messages[(chat["id"], message["message_id"])] = message
        return message

    def _resolve_message(
        self, chat_id: int, message: SentText | dict[str, Any] | int
    ) -> dict[str, Any]:
        if isinstance(message, SentText):
            key = (message.chat_id, message.message_id)
        elif isinstance(message, dict):
            key = (message["chat"]["id"], message["message_id"])
        else:
            key = (chat_id, int(message))
        stored = self._messages.get(key)
        if stored is None:
            raise ValueError(f"no message {key[1]} in chat {key[0]} (deleted or never sent)")
        return stored

    def queue_update(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (``{"message": {...}}`` etc.); the server assigns update_id."""
        update = {"update_id": self._next_update_id, **copy.deepcopy(payload)}
        self._next_update_id += 1
        self.updates.append(update)
        self.update_times[update["update_id"]] = time.monotonic()
        kind = next((key for key in update if key != "update_id"), "")
        allowed = self._allowed_updates
        if (kind in allowed) if allowed else (kind not in _NOT_DEFAULT_UPDATES):
            self._pending.append(update)
        else:
            self.filtered_updates.append(update)
        self._notify()
        return update

    def open_chat(self, user: User | int) -> None:
        """The user opened a private chat with the bot before this server started (so the bot
        may write first, e.g. a reminder)."""
        user = self._as_user(user)
        self._chats.setdefault(user.id, user.private_chat())

    def redeliver(self, update: dict[str, Any]) -> None:
        """Deliver an update again, same update_id, as Telegram does when a bot that fetched it
        died before confirming it."""
        self._pending.append(copy.deepcopy(update))
        self._pending.sort(key=lambda u: u["update_id"])
        self._notify()

    def private_message(
        self,
        user: User | int,
        text: str,
        *,
        reply_to: SentText | dict[str, Any] | int | None = None,
        entities: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The user writes ``text`` to the bot in private; commands/mentions/URLs get entities."""
        user = self._as_user(user)
        if user.id in self._blocked:  # to write again they unblock the bot, as on Telegram
            self.unblock(user)
        fields: dict[str, Any] = {"text": text}
        found = detect_entities(text) if entities is None else entities
        if found:
            fields["entities"] = found
        message = self._user_message(user, user.private_chat(), fields, reply_to)
        return self.queue_update({"message": message})

    def command(
        self,
        user: User | int,
        command: str,
        payload: str | None = None,
        *,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """The user sends ``/command [payload]`` (a deep link ``/start payload`` too)."""
        text = "/" + command.lstrip("/")
        if payload:
            text += f" {payload}"
        if chat_id is not None:
            return self.group_message(user, chat_id, text)
        return self.private_message(user, text)

    def group_message(
        self,
        user: User | int,
        chat_id: int,
        text: str,
        *,
        title: str = "Test group",
        chat_type: str = "group",
        reply_to: SentText | dict[str, Any] | int | None = None,
    ) -> dict[str, Any]:
        """The user writes in a group. With ``group_privacy`` (Telegram's default) the bot only
        gets commands, @mentions of it and replies to it; other messages are created but land in
        ``filtered_updates`` instead of the queue, as on Telegram."""
        user = self._as_user(user)
        chat = {"id": chat_id, "type": chat_type, "title": title}
        fields: dict[str, Any] = {"text": text}
        found = detect_entities(text)
        if found:
            fields["entities"] = found
        message = self._user_message(user, chat, fields, reply_to)
        return self._queue_message(message)

    def _queue_message(self, message: dict[str, Any]) -> dict[str, Any]:
        """Queue a user's message, unless group privacy hides it from the bot."""
        if (
            message["chat"]["type"] != "private"
            and self.group_privacy
            and not self._addressed_to_bot(message)
        ):
            update = {"update_id": self._next_update_id, "message": message}
            self._next_update_id += 1
            self.updates.append(update)
            self.update_times[update["update_id"]] = time.monotonic()
            self.filtered_updates.append(update)
            return update
        return self.queue_update({"message": message})

    def _addressed_to_bot(self, message: dict[str, Any]) -> bool:
        text = message.get("text") or ""
        me = self.bot_username.lower()
        for entity in message.get("entities", []):
            part = utf16_slice(text, entity["offset"], entity["length"])
            if entity["type"] == "bot_command" and (
                "@" not in part or part.split("@", 1)[1].lower() == me
            ):
                return True
            if entity["type"] == "mention" and part[1:].lower() == me:
                return True
        replied = message.get("reply_to_message") or {}
        return replied.get("from", {}).get("id") == self.bot_id

    def non_text(
        self,
        user: User | int,
        kind: str,
        *,
        chat_id: int | None = None,
        caption: str | None = None,
        **fields: Any,
    ) -> dict[str, Any]:
        """The user sends a sticker/photo/voice/audio/video/video_note/animation/document/
        location/contact/dice; ``fields`` override the generated object's fields."""
        user = self._as_user(user)
        content: dict[str, Any]
        if kind in ("location", "contact", "dice"):
            content = {
                "location": {"latitude": 52.52, "longitude": 13.405},
                "contact": {
                    "phone_number": "+15555550123",
                    "first_name": user.first_name,
                    "user_id": user.id,
                },
                "dice": {"emoji": "🎲", "value": 4},
            }[kind]
        else:
            defaults: dict[str, tuple[str | None, str | None, dict[str, Any]]] = {
                "sticker": (None, "image/webp", {
                    "type": "regular", "width": 512, "height": 512, "is_animated": False,
                    "is_video": False, "emoji": "👍",
                }),
                "photo": (None, "image/jpeg", {"width": 800, "height": 600}),
                "voice": (None, "audio/ogg", {"duration": 3, "mime_type": "audio/ogg"}),
                "audio": ("song.mp3", "audio/mpeg", {"duration": 120, "mime_type": "audio/mpeg"}),
                "video": ("clip.mp4", "video/mp4", {
                    "width": 640, "height": 360, "duration": 5, "mime_type": "video/mp4",
                }),
                "video_note": (None, "video/mp4", {"length": 240, "duration": 5}),
                "animation": ("anim.mp4", "video/mp4", {
                    "width": 320, "height": 240, "duration": 2, "file_name": "anim.mp4",
                    "mime_type": "video/mp4",
                }),
                "document": ("report.pdf", "application/pdf", {
                    "file_name": "report.pdf", "mime_type": "application/pdf",
                }),
            }  # fmt: skip
            if kind not in defaults:
                raise ValueError(f"unknown message kind {kind!r}")
            filename, mime, extra = defaults[kind]
            data = f"fake {kind} from user {user.id}".encode()
            stored = self._new_file(data, kind=kind, filename=filename, mime_type=mime)
            content = {
                "file_id": stored.file_id,
                "file_unique_id": stored.file_unique_id,
                "file_size": len(data),
                **extra,
            }
        content = {**content, **fields}
        if kind == "photo":
            small = {**content, "width": 90, "height": 68}
            small["file_unique_id"] = "s" + content["file_unique_id"]
            value: Any = [small, content]
        else:
            value = content
        message_fields: dict[str, Any] = {kind: value}
        if caption:
            message_fields["caption"] = caption
        chat = user.private_chat() if chat_id is None else self._chats.get(chat_id)
        if chat is None:
            chat = {"id": chat_id, "type": "group", "title": "Test group"}
        message = self._user_message(user, chat, message_fields)
        return self._queue_message(message)

    def callback(
        self,
        user: User | int,
        message: SentText | dict[str, Any] | int,
        data: str,
        *,
        force: bool = False,
    ) -> dict[str, Any]:
        """The user taps the inline button with ``data`` under a message the bot sent.

        ``message`` is a :class:`SentText`, a message dict or a message_id in the user's private
        chat. A button that is not on the message (now) raises ``ValueError`` unless ``force``:
        a user cannot tap a button that is not there.
        """
        user = self._as_user(user)
        stored = self._resolve_message(user.id, message)
        if stored.get("from", {}).get("id") != self.bot_id and not force:
            raise ValueError("callback queries only come from buttons on the bot's messages")
        datas = [
            button.get("callback_data")
            for row in (stored.get("reply_markup") or {}).get("inline_keyboard", [])
            for button in row
        ]
        if data not in datas and not force:
            raise ValueError(f"no button with callback_data {data!r} on the message: {datas}")
        self._chats.setdefault(user.id, user.private_chat())
        query_id = str(next(self._query_counter))
        self._open_callbacks.add(query_id)
        return self.queue_update(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user.to_dict(),
                    "message": copy.deepcopy(stored),
                    "chat_instance": str(abs(hash((self.bot_id, stored["chat"]["id"])))),
                    "data": data,
                }
            }
        )

    def inline_query(
        self, user: User | int, query: str, *, offset: str = "", chat_type: str = "sender"
    ) -> dict[str, Any]:
        """The user types ``@bot query`` in some chat."""
        user = self._as_user(user)
        query_id = str(next(self._query_counter))
        self._open_inline.add(query_id)
        return self.queue_update(
            {
                "inline_query": {
                    "id": query_id,
                    "from": user.to_dict(),
                    "query": query,
                    "offset": offset,
                    "chat_type": chat_type,
                }
            }
        )

    def block(self, user: User | int) -> dict[str, Any]:
        """The user blocks the bot: sends then fail with 403, a my_chat_member update is queued."""
        user = self._as_user(user)
        self._blocked.add(user.id)
        return self._member_update(user, "member", "kicked")

    def unblock(self, user: User | int) -> dict[str, Any]:
        """The user unblocks the bot (a my_chat_member update is queued)."""
        user = self._as_user(user)
        self._blocked.discard(user.id)
        self._chats[user.id] = user.private_chat()
        return self._member_update(user, "kicked", "member")

    def _member_update(self, user: User, old: str, new: str) -> dict[str, Any]:
        def member(status: str) -> dict[str, Any]:
            data: dict[str, Any] = {"status": status, "user": self.bot_user}
            if status == "kicked":
                data["until_date"] = 0
            return data

        return self.queue_update(
            {
                "my_chat_member": {
                    "chat": user.private_chat(),
                    "from": user.to_dict(),
                    "date": int(time.time()),
                    "old_chat_member": member(old),
                    "new_chat_member": member(new),
                }
            }
        )

    # ----------------------------------------------------------------------------- control API:
    # faults

    def fail(
        self,
        method: str,
        status: int | None = 429,
        *,
        retry_after: int | None = None,
        times: int = 1,
        description: str | None = None,
        delay: float = 0.0,
        drop: bool = False,
        late: float = 0.0,
    ) -> None:
        """Make the next ``times`` calls of ``method`` ("*" = any method) fail.

        429 answers carry ``parameters.retry_after`` (default 1) like Telegram's flood wait;
        502/503/504 answer nginx's HTML page like Telegram's front end; ``drop=True`` closes the
        connection without an answer; ``delay`` waits first (``status=None``: just slow). The
        failed call has no effect — except with ``late``: then the call is carried out (and
        recorded) and only its answer comes ``late`` seconds later, as when Telegram took a
        message but the answer was slow.
        """
        fault = Fault(status, retry_after, description, delay, drop, late)
        self._faults.setdefault(method.lower(), deque()).extend(fault for _ in range(times))

    def fail_updates(
        self,
        status: int | None = 502,
        *,
        times: int = 1,
        drop: bool = False,
        retry_after: int | None = None,
        delay: float = 0.0,
    ) -> None:
        """Network faults for getUpdates: 5xx answers, or ``drop=True`` to cut the connection."""
        self.fail(
            "getUpdates", status, times=times, drop=drop, retry_after=retry_after, delay=delay
        )

    def slow(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` only after ``seconds``."""
        self.fail(method, None, delay=seconds, times=times)

    def answer_late(self, method: str, seconds: float, *, times: int = 1) -> None:
        """Carry out the next ``times`` calls of ``method`` at once, answer after ``seconds``."""
        self.fail(method, None, late=seconds, times=times)

    def clear_faults(self) -> None:
        """Drop every fault not yet used."""
        self._faults.clear()

    # ----------------------------------------------------------------------------- control API:
    # what the bot did

    def calls_to(self, method: str) -> list[Call]:
        """The calls of one method (any case), in order."""
        method = method.lower()
        return [call for call in self.calls if call.method.lower() == method]

    def messages_to(self, chat_id: int | User) -> list[SentText]:
        """Texts the bot sent or edited in a chat, in order (edits are new entries)."""
        if isinstance(chat_id, User):
            chat_id = chat_id.id
        return list(self._outbox.get(chat_id, ()))

    @property
    def sent_texts(self) -> list[SentText]:
        """Every text sent or edited, across chats, in order."""
        return list(self._all_texts)

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """The current state of a message (after edits), None when deleted/unknown."""
        stored = self._messages.get((chat_id, message_id))
        return copy.deepcopy(stored) if stored is not None else None

    def last_message(self, chat_id: int | User) -> SentText:
        """The bot's most recent text in a chat (IndexError when none)."""
        return self.messages_to(chat_id)[-1]

    @property
    def unanswered_callbacks(self) -> list[str]:
        """Callback query ids the bot has not answered (every one should be)."""
        return sorted(self._open_callbacks)

    @property
    def commands(self) -> list[dict[str, str]]:
        """Commands set for the default scope and no language."""
        return self.commands_for()

    def commands_for(
        self, scope: dict[str, Any] | None = None, language_code: str = ""
    ) -> list[dict[str, str]]:
        """Commands set for a scope and language, as getMyCommands would return them."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True), language_code
        return copy.deepcopy(self._commands.get(key, []))

    @property
    def webhook(self) -> dict[str, Any] | None:
        """The webhook settings in force (url, secret_token, max_connections...), or None."""
        return dict(self._webhook) if self._webhook else None

    @property
    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates queued and not yet confirmed (by offset or webhook delivery)."""
        return list(self._pending)

    @property
    def allowed_updates(self) -> list[str] | None:
        """The last allowed_updates the bot set (None: Telegram's default set)."""
        return list(self._allowed_updates) if self._allowed_updates else None

    def add_listener(self, listener: Callable[[Call], None]) -> None:
        """Call ``listener(call)`` after every answered Bot API call (for logs and benches)."""
        self._listeners.append(listener)

    def clear_records(self) -> None:
        """Forget recorded calls, texts, answers and documents (not users, chats or messages)."""
        self.calls.clear()
        self.callback_answers.clear()
        self.inline_answers.clear()
        self.documents.clear()
        self.chat_actions.clear()
        self.deleted_messages.clear()
        self.webhook_deliveries.clear()
        self._outbox.clear()
        self._all_texts.clear()

    # ----------------------------------------------------------------------------- waiting

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = PATIENCE) -> Any:
        """Wait until ``predicate()`` is truthy and return its value; re-checked after every
        Bot API call and update, so tests never sleep. Raises ``TimeoutError`` with the last
        calls to explain what happened instead."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                recent = "\n".join(
                    f"  {c.method} {c.status} {c.error or ''} {_short(c.params)}"
                    for c in self.calls[-10:]
                )
                raise TimeoutError(
                    f"condition not met within {timeout}s; "
                    f"last Bot API calls:\n{recent or '  none'}"
                )
            await self._wait_change(min(remaining, 0.5))

    async def wait_for_messages(
        self, chat_id: int | User, n: int = 1, timeout: float = PATIENCE, *, since: int = 0
    ) -> list[SentText]:
        """Wait until the chat has at least ``n`` texts after the first ``since`` ones; returns
        ``messages_to(chat_id)[since:]``."""
        if isinstance(chat_id, User):
            chat_id = chat_id.id

        def enough() -> list[SentText] | None:
            texts = self._outbox.get(chat_id, [])
            return list(texts[since:]) if len(texts) - since >= n else None

        return await self.wait_for(enough, timeout)

    async def wait_for_call(self, method: str, n: int = 1, timeout: float = PATIENCE) -> list[Call]:
        """Wait until ``method`` was called at least ``n`` times; returns those calls."""

        def called() -> list[Call] | None:
            calls = self.calls_to(method)
            return calls if len(calls) >= n else None

        return await self.wait_for(called, timeout)

    async def ask(
        self, user: User | int, text: str, n: int = 1, timeout: float = PATIENCE
    ) -> list[SentText]:
        """Send a private message and return the bot's next ``n`` (or more) texts to the user."""
        user = self._as_user(user)
        since = len(self._outbox.get(user.id, []))
        self.private_message(user, text)
        return await self.wait_for_messages(user.id, n, timeout, since=since)

    async def tap(
        self,
        user: User | int,
        message: SentText | dict[str, Any] | int,
        data: str,
        n: int = 1,
        timeout: float = PATIENCE,
    ) -> list[SentText]:
        """Tap a button and return the next ``n`` (or more) texts sent or edited in that chat."""
        user = self._as_user(user)
        stored = self._resolve_message(user.id, message)
        chat_id = stored["chat"]["id"]
        since = len(self._outbox.get(chat_id, []))
        self.callback(user, message, data)
        return await self.wait_for_messages(chat_id, n, timeout, since=since)


def _short(params: dict[str, Any], size: int = 80) -> str:
    text = json.dumps(params, ensure_ascii=False, default=str)
    return text if len(text) <= size else text[: size - 1] + "…"


# --------------------------------------------------------------------------------------------
# Running it as a process
# --------------------------------------------------------------------------------------------


async def _serve(args: argparse.Namespace) -> None:
    server = BotAPIServer(token=args.token, bot_username=args.username, port=args.port)
    await server.start()
    print(f"Bot API test server on {server.url}", flush=True)
    print(f"  TELEGRAM_BOT_TOKEN={server.token}", flush=True)
    print(f"  TELEGRAM_BASE_URL={server.base_url}", flush=True)
    stop = asyncio.Event()
    try:
        if args.chat:
            await _console_chat(server, stop)
        else:
            await stop.wait()
    finally:
        await server.stop()


async def _console_chat(server: BotAPIServer, stop: asyncio.Event) -> None:
    """Play user 1 from the terminal: lines are messages, ``#N`` taps button N of the last
    message with buttons; the bot's texts are printed as they arrive."""
    user = server.user(1, "Console", username="console_user")
    last_with_buttons: list[SentText] = []

    def show(call: Call) -> None:
        if call.method in ("sendMessage", "editMessageText") and call.ok:
            sent = server.messages_to(user.id)[-1] if server.messages_to(user.id) else None
            if sent is None:
                return
            mark = "✎" if sent.kind == "edited" else "←"
            print(f"{mark} {sent}", flush=True)
            if sent.buttons:
                last_with_buttons[:] = [sent]
                for number, label in enumerate(sent.button_texts, 1):
                    print(f"    [{number}] {label}", flush=True)
        elif call.status not in (0, 200):
            print(f"! {call.method} -> {call.status} {call.error}", flush=True)

    server.add_listener(show)
    print("Type messages as user 1; '#N' taps button N; Ctrl-D quits.", flush=True)
    loop = asyncio.get_running_loop()
    while True:
        line = await loop.run_in_executor(None, sys.stdin.readline)
        if not line:
            return
        line = line.rstrip("\n")
        if line.startswith("#") and line[1:].isdigit() and last_with_buttons:
            buttons = [b for row in last_with_buttons[0].buttons for b in row]
            index = int(line[1:]) - 1
            if 0 <= index < len(buttons) and "callback_data" in buttons[index]:
                server.callback(user, last_with_buttons[0], buttons[index]["callback_data"])
            else:
                print("! no such button", flush=True)
        elif line:
            server.private_message(user, line)


def main(argv: Iterable[str] | None = None) -> None:
    """``python -m tests.botapi.server [--port N] [--token T] [--username U] [--chat]``."""
    parser = argparse.ArgumentParser(description="Local Telegram Bot API server for tests.")
    parser.add_argument("--port", type=int, default=8081, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="optout_test_bot")
    parser.add_argument("--chat", action="store_true", help="play a user from the terminal")
    args = parser.parse_args(list(argv) if argv is not None else None)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(_serve(args))


if __name__ == "__main__":
    main()
