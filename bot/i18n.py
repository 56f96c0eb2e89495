"""The message catalogue: every user-facing string of the code lives in bot/locales/<lang>.yaml.

Messages are Telegram-HTML. Values filled into a message are escaped unless they are `Html`
(already-built markup), so a country name or a user's word can never break the markup.

English is the fallback for anything a catalogue (or a card, or a letter) lacks; inside
`fallbacks()` every fallback is noted, so the conversation can tell the user once per reply that
a part is shown in English. Dates and plural forms go through Babel, in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date, format_skeleton

from bot.text import escape
from bot.vocabulary import DEFAULT_LANGUAGE
from bot.yamlfile import load_yaml

LOCALES = Path(__file__).parent / "locales"
# Babel locale per catalogue: the bot writes British English; Portuguese dates read the same
# in Portugal and Brazil ("30 de dezembro de 2026").
BABEL_LOCALES = {"en": "en_GB", "pt": "pt_PT"}


class Html(str):
    """A string that is already valid Telegram HTML and must not be escaped again."""

    __slots__ = ()


def _flatten(data: dict[str, Any], prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flatten(value, f"{name}."))
        else:
            out[name] = str(value).rstrip("\n")
    return out


@cache
def catalogue(language: str) -> dict[str, str]:
    """The messages of `language` by dotted key, {} when it has no catalogue.

    Kept in the build cache (bot/cache.py) under a hash of the file: parsing one took 20-30 ms
    of CPU (the duplicate-key check runs in Python), loading it back ~1 ms, and a bot start
    reads all six (its command menus and descriptions)."""
    from bot.cache import BuildCache, build_key

    path = LOCALES / f"{language}.yaml"
    if not path.exists():
        return {}
    key = build_key("catalogue", path.read_bytes())
    found, _ = BuildCache.default().fetch(
        f"catalogue-{language}", key, dict, lambda: _flatten(load_yaml(path) or {})
    )
    return found


@cache
def languages() -> tuple[str, ...]:
    """The catalogue languages, English first."""
    found = sorted(p.stem for p in LOCALES.glob("*.yaml"))
    return (DEFAULT_LANGUAGE, *[x for x in found if x != DEFAULT_LANGUAGE])


# -- English fallbacks, noted per reply ---------------------------------------------------------

_fallbacks: ContextVar[set[str] | None] = ContextVar("fallbacks", default=None)


def fell_back(what: str) -> None:
    """Note that `what` (a message key, a card or letter id) was shown in English."""
    noted = _fallbacks.get()
    if noted is not None:
        noted.add(what)


@contextmanager
def fallbacks() -> Iterator[set[str]]:
    """Collect what is shown in English while handling one event (each thread or task has its
    own context, so concurrent replies never mix)."""
    noted: set[str] = set()
    token = _fallbacks.set(noted)
    try:
        yield noted
    finally:
        _fallbacks.reset(token)


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> Html:
    """The message `key` in `language` (English when not translated yet), values escaped."""
    template = catalogue(language).get(key)
    if template is None:
        template = catalogue(DEFAULT_LANGUAGE).get(key)
        if template is None:
            raise KeyError(f"message {key!r} is missing from the catalogue")
        if language != DEFAULT_LANGUAGE:
            fell_back(key)
    safe = {k: v if isinstance(v, Html) else escape(str(v)) for k, v in values.items()}
    return Html(template.format_map(safe))


def supported(language: str | None) -> str:
    """The best catalogue language for a Telegram language code such as 'de-AT'."""
    code = (language or "").split("-")[0].lower()
    return code if code in languages() else DEFAULT_LANGUAGE


# -- dates ---------------------------------------------------------------------------------------


def _locale(language: str) -> str:
    return BABEL_LOCALES.get(language, language)


def date_text(day: date, language: str) -> str:
    """A date as the reader writes it: "30 December 2026", "30. Dezember 2026", and the first
    of a month as the language writes that day (catalogue `dates.first_day`: French "1er",
    Italian and Brazilian "1º"), which CLDR's long format leaves as "1"."""
    text = format_date(day, format="long", locale=_locale(language))
    first = catalogue(language).get("dates.first_day")
    if day.day == 1 and first and text.startswith("1 "):
        return first + text[1:]
    return text


def partial_date_text(value: str, language: str) -> str:
    """An evidence date that may be partial: "2025" stays, "2025-06" → "June 2025"."""
    parts = value.split("-")
    try:
        if len(parts) == 3:
            return date_text(date.fromisoformat(value), language)
        if len(parts) == 2:
            month = date(int(parts[0]), int(parts[1]), 1)
            return format_skeleton("yMMMM", month, locale=_locale(language))
    except ValueError:
        pass
    return value


def language_name(code: str, language: str) -> str:
    """A language's name as a reader of `language` writes it ("German", "allemand")."""
    name = Locale.parse(_locale(language)).languages.get(code, code)
    return str(name)


# -- plural forms --------------------------------------------------------------------------------


def plural(key: str, count: int, language: str = DEFAULT_LANGUAGE, /, **values: object) -> Html:
    """`key.<CLDR plural category of count>` (one, few, many, other…), else `key.other`:
    languages differ in how many forms a count takes, so the catalogue says, not the code."""
    category = Locale.parse(_locale(language)).plural_form(count)
    found = f"{key}.{category}"
    if found not in catalogue(language) and found not in catalogue(DEFAULT_LANGUAGE):
        found = f"{key}.other"
    return t(found, language, count=count, **values)
