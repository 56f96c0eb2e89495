"""Free text → words, with flags, ISO 3166-2 codes ("US-CA") and abbreviations ("U.S.")
recognised on the way."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.places.index import ALIAS, CODE2, PlaceIndex
from bot.places.normalise import abbr_parts, fold
from bot.places.place import Place

MAX_CHARS = 4096  # a Telegram message; longer input is cut, not rejected

_SEPARATORS = re.compile(r"[,;/|()\[\]:.!?\n]|\s-\s")
_FLAG = r"[\U0001F1E6-\U0001F1FF]{2}|\U0001F3F4[\U000E0061-\U000E007A]{2,6}\U000E007F"
_SUBCODE = r"(?<![\w-])[A-Za-z]{2}-[A-Za-z0-9]{1,3}(?![\w-])"


@dataclass(slots=True)
class Token:
    raw: str  # folded, original case
    norm: str  # folded, lower-case
    sep_before: bool  # punctuation (",", "/", "(", ".") between this word and the previous one
    place: Place | None = None  # set for a flag emoji or an ISO 3166-2 code like "US-CA"


class Tokenizer:
    def __init__(self, index: PlaceIndex, abbreviations: dict[str, str]) -> None:
        self._index = index
        self._abbreviations = {abbr_parts(k): v for k, v in abbreviations.items()}
        alternatives = sorted(self._abbreviations, key=len, reverse=True)
        abbr = "|".join(r"\.\s?".join(map(re.escape, parts)) + r"\.?" for parts in alternatives)
        pattern = rf"(?P<flag>{_FLAG})|(?P<sub>{_SUBCODE})"
        if abbr:
            pattern += rf"|(?P<abbr>(?<![^\W_])(?:{abbr})(?![^\W_]))"
        self._token_re = re.compile(pattern + r"|(?P<word>[^\W_]+)", re.IGNORECASE)

    def tokens(self, text: object) -> list[Token]:
        """The words of `text`; empty for anything that is not text."""
        if not isinstance(text, str) or not text:
            return []
        folded = fold(text[:MAX_CHARS])
        subdivisions = self._index.subdivisions
        tokens: list[Token] = []
        last = 0
        for m in self._token_re.finditer(folded):
            sep = not tokens or bool(_SEPARATORS.search(folded, last, m.start()))
            last = m.end()
            kind = m.lastgroup
            value = m.group()
            if kind == "flag":
                place = self._flag_place(value)
                if place is not None:
                    tokens.append(Token(value, "", True, place))
                continue
            if kind == "sub":
                code = value.upper()
                if code in subdivisions:
                    tokens.append(Token(value, value.casefold(), sep, subdivisions[code]))
                    continue
                head, tail = value.split("-", 1)
                tokens.append(Token(head, head.casefold(), sep))
                tokens.append(Token(tail, tail.casefold(), False))
                continue
            if kind == "abbr":
                value = self._abbreviations.get(abbr_parts(value), value)
            tokens.append(Token(value, value.casefold(), sep))
        return tokens

    def _flag_place(self, flag: str) -> Place | None:
        if flag.startswith("\U0001f3f4"):  # 🏴 + tag letters: gbeng, gbsct, gbwls, usca…
            letters = "".join(chr(ord(c) - 0xE0000) for c in flag[1:-1]).upper()
            code = f"{letters[:2]}-{letters[2:]}"
            if code in self._index.subdivisions and letters[:2] != "GB":
                return self._index.subdivisions[code]
            letters = letters[:2]
        else:
            letters = "".join(chr(ord(c) - 0x1F1E6 + 65) for c in flag)
        entries = self._index.get(letters.lower()) or []
        for kind in (CODE2, ALIAS):  # the ISO code first: 🇲🇻 is the Maldives
            for entry in entries:
                if entry.kind == kind and entry.place is not None:
                    return entry.place
        return None
