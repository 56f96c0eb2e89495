"""Finding the place-like spans of a text ("mentions"), longest first, with the guards that
keep ordinary words ("turkey", "us", "IT", "Chad") from being read as places."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.places.index import ALIAS, BLOCK, CODES, DEMONYM, LOCAL, POSTAL, Entry, PlaceIndex
from bot.places.normalise import keys
from bot.places.tokens import Token


@dataclass(frozen=True, slots=True)
class ReadingRules:
    """Word lists from places.yaml `matching`, as sets of normalised keys."""

    code_stopwords: frozenset[str]
    answer_stopwords: frozenset[str]
    needs_capital: frozenset[str]
    needs_capital_or_the: frozenset[str]
    needs_preposition: frozenset[str]
    text_ignore: frozenset[str]
    residence_words: frozenset[str]
    residence_prepositions: frozenset[str]
    location_prepositions: frozenset[str]
    us_context: frozenset[str]
    language_before: frozenset[str]
    language_after: frozenset[str]
    fillers: frozenset[str]
    articles: frozenset[str]

    @classmethod
    def from_yaml(cls, match: dict[str, Any]) -> ReadingRules:
        lists = {name: keys(match[name]) for name in cls.__dataclass_fields__ if name != "fillers"}
        fillers = keys(w for words in match["fillers"].values() for w in words)
        return cls(fillers=fillers, **lists)


@dataclass(slots=True)
class Mention:
    start: int
    end: int  # exclusive token index
    entries: list[Entry]
    lenient: bool = False  # a lower-case code in an answer: kept only if nothing else is there
    whole_only: bool = False  # a far-away subdivision: only if it is the entire answer
    conditional: frozenset[int] = frozenset()  # entry indexes valid only with US context


class Scanner:
    def __init__(self, index: PlaceIndex, rules: ReadingRules) -> None:
        self._index = index
        self._rules = rules

    def scan(self, tokens: list[Token], answer: bool) -> list[Mention]:
        """Every place-like span of words, longest first, with the guards applied."""
        words = [t for t in tokens if t.place is None and t.raw[:1].isalpha()]
        shouting = (
            not answer and len(words) >= 3 and not any(ch.islower() for t in words for ch in t.raw)
        )
        mentions: list[Mention] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if tok.place is not None:
                mentions.append(Mention(i, i + 1, [Entry(tok.place, ALIAS)]))
                i += 1
                continue
            longest = self._index.first_words.get(tok.norm)
            if longest is None:
                i += 1
                continue
            for length in range(min(longest, n - i), 0, -1):
                span = tokens[i : i + length]
                if length > 1 and any(t.place is not None for t in span):
                    continue
                key = tok.norm if length == 1 else " ".join(t.norm for t in span)
                entries = self._index.get(key)
                if entries is None:
                    continue
                mention = self._accept(key, entries, tokens, i, i + length, answer, shouting)
                if mention is not None:
                    if mention.entries:  # a blocker consumes its words and names nothing
                        mentions.append(mention)
                    i += length
                    break
            else:
                i += 1
        return mentions

    def _accept(
        self,
        key: str,
        entries: list[Entry],
        tokens: list[Token],
        start: int,
        end: int,
        answer: bool,
        shouting: bool,
    ) -> Mention | None:
        """Apply the guards to one span; None means "not a place here", keep scanning."""
        rules = self._rules
        first = tokens[start]
        prev = self._previous_word(tokens, start)
        after = tokens[end].norm if end < len(tokens) else ""
        preposition = prev in rules.location_prepositions
        the = start > 0 and tokens[start - 1].norm == "the"
        located = preposition or first.sep_before
        capital = first.raw[:1].isupper() and not shouting
        if entries[0].kind == BLOCK:
            return Mention(start, end, [])
        if not answer and key in rules.text_ignore:
            return None
        # A name that is also a word or a first name ("turkey", "Chad") needs a capital or a
        # preposition; failing that it can still be the US state when the text points to the US.
        guarded = not answer and (
            (key in rules.needs_capital and not (capital or preposition))
            or (key in rules.needs_capital_or_the and not (capital or preposition or the))
            or (key in rules.needs_preposition and not preposition)
        )
        kept: list[Entry] = []
        conditional: set[int] = set()
        lenient = False
        whole_only = False
        for entry in entries:
            kind = entry.kind
            if kind in CODES:
                upper = first.raw.isupper() and len(first.raw) > 1
                if answer:
                    if not upper:
                        if key in rules.answer_stopwords:
                            continue
                        lenient = True
                elif not (upper and preposition) or shouting or key in rules.code_stopwords:
                    continue  # "stop KI training": two capitals are a place only "in KI"
                elif start > 0 and tokens[start - 1].raw.isupper():
                    continue  # "COMO IN AO": capitals shouted, the preposition's too
                if kind == POSTAL and not answer and not located:
                    conditional.add(len(kept))
            elif kind == LOCAL:
                if answer:
                    whole_only = True
                elif not (capital and (preposition or prev in rules.residence_prepositions)):
                    continue  # "I'm in Ontario", "je suis au Québec"
            elif not answer:
                if guarded:
                    if entry.place is None or entry.place.country != "US":
                        continue
                    conditional.add(len(kept))
                if kind == DEMONYM and (
                    prev in rules.language_before or after in rules.language_after
                ):
                    continue
            kept.append(entry)
        if not kept:
            return None
        if lenient and any(e.kind not in CODES for e in kept):
            lenient = False  # "usa", "uk": names as well as codes
        return Mention(start, end, kept, lenient, whole_only, frozenset(conditional))

    def _previous_word(self, tokens: list[Token], start: int) -> str:
        """The word before a name, skipping an article ("in the UK" → "in")."""
        j = start - 1
        if j >= 0 and tokens[j].norm in self._rules.articles:
            j -= 1
        return tokens[j].norm if j >= 0 else ""
