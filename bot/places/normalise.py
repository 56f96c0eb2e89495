"""Normalisation: the same functions build the index keys and read the user's text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TRANSLIT = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i", "ð": "d", "Ð": "D"}
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
BRACKETS = re.compile(r"\s*[\[(].*?[\])]")


def fold(text: str) -> str:
    """Accents off, special letters spelled out; case kept (the matcher needs it)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).translate(_TRANSLIT)


def key(text: str) -> str:
    """The index key of a name: folded, lower-case, words joined by one space."""
    return " ".join(w.casefold() for w in _WORD.findall(fold(text)))


def keys(words: Iterable[str]) -> frozenset[str]:
    """A word list from places.yaml as a set of index keys (empty keys dropped)."""
    return frozenset(k for k in (key(w) for w in words) if k)


def unbracketed(name: str) -> str:
    """An ISO name without its bracketed part: "Bolivia (Plurinational State of)" → "Bolivia"."""
    return BRACKETS.sub("", name).strip()


def abbr_parts(text: str) -> tuple[str, ...]:
    """ "U.S." and "u. s." as the same parts: ("u", "s")."""
    return tuple(p for p in re.split(r"[.\s]+", text.casefold()) if p)
