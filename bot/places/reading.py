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

from bot.places.deciding import Decider
from bot.places.index import FUZZY_MIN_LEN, PlaceIndex
from bot.places.place import Place, within
from bot.places.scanning import ReadingRules, Scanner
from bot.places.tokens import Tokenizer


class PlaceReader:
    """Country / state lookup for free text; every method is pure and never raises."""

    def __init__(
        self, index: PlaceIndex, rules: ReadingRules, abbreviations: dict[str, str]
    ) -> None:
        self._index = index
        self._rules = rules
        self._tokenizer = Tokenizer(index, abbreviations)
        self._scanner = Scanner(index, rules)
        self._decider = Decider(index.regions, rules)

    def resolve(self, text: str) -> Place | None:
        """The place in a whole answer to "where do you live?"; None if none or ambiguous."""
        tokens = self._tokenizer.tokens(text)
        if not tokens:
            return None
        return self._decider.decide(self._scanner.scan(tokens, answer=True), tokens, answer=True)

    def find_in_text(self, text: str) -> Place | None:
        """A place mentioned inside a longer message ("im in california how do I…")."""
        tokens = self._tokenizer.tokens(text)
        if not tokens:
            return None
        return self._decider.decide(self._scanner.scan(tokens, answer=False), tokens, answer=False)

    def place_words(self, text: str) -> set[str]:
        """The words (folded, lower-case) of every place-like span in a message ("new", "york")."""
        tokens = self._tokenizer.tokens(text)
        spans = self._scanner.scan(tokens, answer=False)
        return {t.norm for m in spans for t in tokens[m.start : m.end]}

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
        for mention in self._scanner.scan(tokens, answer=True):
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
