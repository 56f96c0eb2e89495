"""What the conversation sends back, independent of any transport."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.i18n import Html


@dataclass(frozen=True)
class Button:
    label: str
    data: str | None = None  # comes back as a Press; at most 64 bytes
    url: str | None = None


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes
    caption: str = ""


@dataclass
class Reply:
    text: Html
    buttons: list[list[Button]] = field(default_factory=list)
    edit: bool = False  # replace the message whose button was pressed
    document: Document | None = None


@dataclass(frozen=True)
class InlineCard:
    """One inline-mode result: an answer card ready to send into any chat."""

    id: str
    title: str
    description: str
    text: Html
