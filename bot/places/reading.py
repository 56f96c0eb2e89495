"""Reading free text: the place in an answer to "where do you live?" or inside a question.

Two ways to read text:
- `resolve` — the whole answer: lenient (lower-case codes count when the answer is nothing but
  the code: "de", "us").
- `find_in_text` — a place mentioned inside a question: strict (codes only in capitals and
  never when they are also words — "IT", "IN", "ME", "us"; short or ambiguous names need a
  capital or a preposition before them).

Ambiguity, decided once here: a bare "CA" (and any two-letter code that is both a country and a
US state: "GA", "PA", "DE"…) is the ISO country — Canada — unless the text also points to the US
("CA, USA", "the state of Georgia"); `suggest` then offers the US state as the alternative.
"Georgia" alone is the country, likewise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.places.index import (
    ALIAS,
    BLOCK,
    CODES,
    DEMONYM,
    FUZZY_MIN_LEN,
    LOCAL,
    POSTAL,
    Entry,
    PlaceIndex,
)
from bot.places.normalise import keys
from bot.places.place import Place, within
from bot.places.tokens import Token, Tokenizer


@dataclass(frozen=True, slots=True)
class ReadingRules:
    """Word lists from places.yaml `matching`, as sets of normalised keys."""

    code_stopwords: frozenset[str]
    answer_stopwords: frozenset[str]
    needs_capital: frozenset[str]
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
class _Mention:
    start: int
    end: int  # exclusive token index
    entries: list[Entry]
    lenient: bool = False  # a lower-case code in an answer: kept only if nothing else is there
    whole_only: bool = False  # a far-away subdivision: only if it is the entire answer
    conditional: frozenset[int] = frozenset()  # entry indexes valid only with US context


_Reading = tuple[Place, _Mention]


class PlaceReader:
    """Country / state lookup for free text; every method is pure and never raises."""

    def __init__(
        self, index: PlaceIndex, rules: ReadingRules, abbreviations: dict[str, str]
    ) -> None:
        self._index = index
        self._regions = index.regions
        self._rules = rules
        self._tokenizer = Tokenizer(index, abbreviations)

    def resolve(self, text: str) -> Place | None:
        """The place in a whole answer to "where do you live?"; None if none or ambiguous."""
        tokens = self._tokenizer.tokens(text)
        if not tokens:
            return None
        return self._decide(self._scan(tokens, answer=True), tokens, answer=True)

    def find_in_text(self, text: str) -> Place | None:
        """A place mentioned inside a longer message ("im in california how do I…")."""
        tokens = self._tokenizer.tokens(text)
        if not tokens:
            return None
        return self._decide(self._scan(tokens, answer=False), tokens, answer=False)

    def suggest(self, text: str, limit: int = 3) -> list[Place]:
        """Did you mean…: the reading of `text`, its alternatives ("CA" → Canada, California)
        and near spellings ("germny" → Germany). Empty for text that resembles no place.

        When `resolve(text)` finds a place it comes first, and anything after it is a genuine
        alternative reading: more than one result means the answer was ambiguous."""
        if not isinstance(limit, int) or limit <= 0:
            return []
        tokens = self._tokenizer.tokens(text)
        if not tokens:
            return []
        out: list[Place] = []

        def add(place: Place | None) -> None:
            if place is not None and place not in out:
                out.append(place)

        resolved = self.resolve(text)
        add(resolved)
        for mention in self._scan(tokens, answer=True):
            for entry in mention.entries:
                p = entry.place
                if resolved is None or not (p is None or within(resolved, p)):
                    add(p)
        if out:  # a real reading beats a near spelling ("ireland" is not "iceland")
            return out[:limit]
        words = [
            t.norm
            for t in tokens
            if t.place is None and t.norm not in self._rules.fillers and not t.norm.isdigit()
        ]
        queries = [" ".join(words)] if len(words) > 1 else []
        queries += [w for w in words if len(w) >= FUZZY_MIN_LEN]
        scored: dict[Place, float] = {}
        for query in dict.fromkeys(queries):
            for place, score in self._index.near(query, limit * 4):
                scored[place] = max(scored.get(place, 0.0), score)
        for place, _ in sorted(scored.items(), key=lambda kv: -kv[1]):
            add(place)
        return out[:limit]

    # A scan pass: every place-like span of words, longest first, with the guards applied.
    def _scan(self, tokens: list[Token], answer: bool) -> list[_Mention]:
        words = [t for t in tokens if t.place is None and t.raw[:1].isalpha()]
        shouting = (
            not answer and len(words) >= 3 and not any(ch.islower() for t in words for ch in t.raw)
        )
        mentions: list[_Mention] = []
        n = len(tokens)
        i = 0
        while i < n:
            tok = tokens[i]
            if tok.place is not None:
                mentions.append(_Mention(i, i + 1, [Entry(tok.place, ALIAS)]))
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
    ) -> _Mention | None:
        """Apply the guards to one span; None means "not a place here", keep scanning."""
        rules = self._rules
        first = tokens[start]
        prev = self._previous_word(tokens, start)
        after = tokens[end].norm if end < len(tokens) else ""
        preposition = prev in rules.location_prepositions
        located = preposition or first.sep_before
        capital = first.raw[:1].isupper() and not shouting
        if entries[0].kind == BLOCK:
            return _Mention(start, end, [])
        if not answer and key in rules.text_ignore:
            return None
        # A name that is also a word or a first name ("turkey", "Chad") needs a capital or a
        # preposition; failing that it can still be the US state when the text points to the US.
        guarded = not answer and (
            (key in rules.needs_capital and not (capital or preposition))
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
                elif not upper or shouting or key in rules.code_stopwords:
                    continue
                if kind == POSTAL and not answer and not located:
                    conditional.add(len(kept))
            elif kind == LOCAL:
                if answer:
                    whole_only = True
                elif not (capital and preposition):  # "I'm in Ontario"
                    continue
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
        return _Mention(start, end, kept, lenient, whole_only, frozenset(conditional))

    # Combining the mentions of one text into one place (or None when they disagree).
    def _decide(self, mentions: list[_Mention], tokens: list[Token], answer: bool) -> Place | None:
        if not mentions:
            return None
        rules = self._rules
        covered = {i for m in mentions for i in range(m.start, m.end)}
        all_covered = all(
            i in covered or t.norm in rules.fillers or not t.raw[:1].isalpha()
            for i, t in enumerate(tokens)
        )
        strict = [m for m in mentions if not m.lenient and not m.whole_only]
        kept: list[_Mention] = list(strict)
        for m in mentions:
            # a lower-case code or a far-away subdivision counts only when nothing else is said
            only_thing = not strict and all_covered
            if (m.lenient and (only_thing or self._alone(tokens, m))) or (
                m.whole_only and only_thing
            ):
                kept.append(m)
        if not kept:
            return None
        kept.sort(key=lambda m: m.start)
        chosen = self._choose(kept, tokens, answer)
        if not chosen:
            return None
        with_country = [(p, m) for p, m in chosen if p.country is not None]
        if not with_country:
            regions = {p for p, _ in chosen}
            if len(regions) == 1:
                return regions.pop()
            return self._by_residence(chosen, tokens)
        return self._one_country(with_country, tokens, strict)

    def _choose(self, kept: list[_Mention], tokens: list[Token], answer: bool) -> list[_Reading]:
        """One place per mention: the US reading when the text points to the US, else one in a
        country named elsewhere in the text, else the index's first."""
        rules = self._rules
        us_context = any(
            t.norm in rules.us_context and (answer or len(t.norm) > 2 or t.raw.isupper())
            for t in tokens
        ) or any(
            not m.conditional
            and all(e.place is not None and e.place.country == "US" for e in m.entries)
            for m in kept
        )
        fixed = {
            m.entries[0].place.country for m in kept if len(m.entries) == 1 and m.entries[0].place
        }
        chosen: list[_Reading] = []
        for m in kept:
            alts = [
                e.place
                for j, e in enumerate(m.entries)
                if e.place is not None and (j not in m.conditional or us_context)
            ]
            if not alts:
                continue
            pick = alts[0]
            if len(alts) > 1:
                us = [p for p in alts if p.country == "US"]
                same = [p for p in alts if p.country in fixed]
                if us_context and us:
                    pick = us[0]
                elif same:
                    pick = same[0]
            chosen.append((pick, m))
        return chosen

    def _one_country(
        self, with_country: list[_Reading], tokens: list[Token], strict: list[_Mention]
    ) -> Place | None:
        """Places in several countries: a territory named with its sovereign state ("Guernsey,
        UK") is the territory; otherwise only the one the person says they live in counts."""
        parents = self._regions.parents
        countries = {p.country for p, _ in with_country if p.country}
        for child in list(countries):
            if parents.get(child) in countries:
                countries.discard(parents[child])
        groups: dict[str, list[_Reading]] = {}
        for p, m in with_country:
            country = p.country or ""
            if country in countries:
                groups.setdefault(country, []).append((p, m))
        places = [self._merge(country, items, tokens) for country, items in groups.items()]
        if len(places) == 1:
            return places[0]
        cued = [
            place
            for place, items in zip(places, groups.values(), strict=True)
            if any(self._residence_cue(tokens, m.start) for _, m in items)
        ]
        return cued[0] if len(cued) == 1 else None

    def _merge(self, country: str, items: list[_Reading], tokens: list[Token]) -> Place:
        subs = list(dict.fromkeys(p for p, _ in items if p.subdivision is not None))
        if len(subs) == 1:
            return subs[0]
        if len(subs) > 1:
            picked = self._by_residence([(p, m) for p, m in items if p.subdivision], tokens)
            if picked is not None:
                return picked
        if country in self._regions.countries:
            return self._regions.country_place(country)
        return items[0][0]

    def _by_residence(self, items: list[_Reading], tokens: list[Token]) -> Place | None:
        cued = list(dict.fromkeys(p for p, m in items if self._residence_cue(tokens, m.start)))
        return cued[0] if len(cued) == 1 else None

    def _residence_cue(self, tokens: list[Token], start: int) -> bool:
        """ "live in X", "I'm in X", "moved to X", "ich wohne in X": X is where they live."""
        rules = self._rules
        j = start - 1
        if j >= 0 and tokens[j].norm in rules.articles:
            j -= 1
        if j < 0 or tokens[j].norm not in rules.residence_prepositions:
            return False
        return any(k >= 0 and tokens[k].norm in rules.residence_words for k in (j - 1, j - 2))

    def _previous_word(self, tokens: list[Token], start: int) -> str:
        """The word before a name, skipping an article ("in the UK" → "in")."""
        j = start - 1
        if j >= 0 and tokens[j].norm in self._rules.articles:
            j -= 1
        return tokens[j].norm if j >= 0 else ""

    @staticmethod
    def _alone(tokens: list[Token], m: _Mention) -> bool:
        """The mention is a whole comma-separated part of the answer ("Austin, tx")."""
        after_ok = m.end >= len(tokens) or tokens[m.end].sep_before
        return tokens[m.start].sep_before and after_ok
