"""The engine's buttons as Telegram inline keyboards.

A button Telegram would refuse (callback data over 64 bytes, an empty label) would make the whole
message fail with 400, so it is dropped — and logged, since it means an engine bug — instead.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.replies import Button

log = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64
MAX_LABEL = 64  # Telegram shows far less; longer labels only waste bytes


def fits(data: str) -> bool:
    """Whether callback data is within Telegram's 1–64 bytes."""
    return 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES


Keyboard = dict[str, list[list[dict[str, str]]]]


def to_markup(rows: list[list[Button]], *, callbacks: bool = True) -> Keyboard | None:
    """The keyboard for `rows` as the Bot API's JSON (`reply_markup`); None when nothing is
    left. `callbacks=False` keeps only URL buttons (for group chats, where a press must not
    reach anyone's profile). Plain JSON: it is sent with every answer, and building
    python-telegram-bot objects only to serialise them again cost more than the rest."""
    out: list[list[dict[str, str]]] = []
    for row in rows:
        buttons = []
        for button in row:
            label = (button.label or "").strip()[:MAX_LABEL]
            if not label:
                continue
            if button.url:
                buttons.append({"text": label, "url": button.url})
            elif button.data is not None and callbacks:
                if fits(button.data):
                    buttons.append({"text": label, "callback_data": button.data})
                else:
                    log.warning("button dropped: callback data is %d bytes", len(button.data))
        if buttons:
            out.append(buttons)
    return {"inline_keyboard": out} if out else None


def link_markup(label: str, url: str) -> InlineKeyboardMarkup:
    """A single URL button (the deep link to the private chat)."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(label, url=url)]])
