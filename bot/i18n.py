"""The message catalogue: every user-facing string of the code lives in bot/locales/<lang>.yaml.

Messages are Telegram-HTML. Values filled into a message are escaped unless they are `Html`
(already-built markup), so a country name or a user's word can never break the markup.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from bot.text import escape
from bot.vocabulary import DEFAULT_LANGUAGE
from bot.yamlfile import load_yaml

LOCALES = Path(__file__).parent / "locales"


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
    path = LOCALES / f"{language}.yaml"
    if not path.exists():
        return {}
    return _flatten(load_yaml(path) or {})


def languages() -> list[str]:
    return sorted(p.stem for p in LOCALES.glob("*.yaml"))


def t(key: str, language: str = DEFAULT_LANGUAGE, /, **values: object) -> Html:
    """The message `key` in `language` (English when not translated yet), values escaped."""
    template = catalogue(language).get(key) or catalogue(DEFAULT_LANGUAGE).get(key)
    if template is None:
        raise KeyError(f"message {key!r} is missing from the catalogue")
    safe = {k: v if isinstance(v, Html) else escape(str(v)) for k, v in values.items()}
    return Html(template.format_map(safe))


def supported(language: str | None) -> str:
    """The best catalogue language for a Telegram language code such as 'de-AT'."""
    code = (language or "").split("-")[0].lower()
    return code if code in languages() else DEFAULT_LANGUAGE
