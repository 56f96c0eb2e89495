"""The index of place names: every normalised name, code, alias and demonym → the places it
names, built once from pycountry's ISO 3166 codes and names (with their German, French, Spanish
and Italian translations) and `knowledge/places.yaml`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.places.normalise import BRACKETS, key, keys, unbracketed
from bot.places.place import Place
from bot.places.regions import TRANSLATED, Regions
from bot.vocabulary import Region

FUZZY_CUTOFF = 79.0  # fuzz.ratio: "itlay"→"italy" is 80, "germny"→"germany" 92
FUZZY_MIN_LEN = 4

# Kinds, in order of preference when one key names several places. A city's short form ("LA",
# "SF") is read as a code is (in capitals, after "in"/"to" inside a question) and is preferred
# to the country whose ISO code it also is: people in Los Angeles say "LA", people in Laos "Laos".
ALIAS, NAME, SUBNAME, DEMONYM, CITY_CODE, CODE2, CODE3, POSTAL, PREFIX, LOCAL, BLOCK = range(11)
CODES = (CITY_CODE, CODE2, CODE3, POSTAL)
_NAMED_STATES = ("US", "DE")  # the countries whose states the bot needs by name


@dataclass(frozen=True, slots=True)
class Entry:
    place: Place | None  # None for a blocker
    kind: int

    def __reduce__(self) -> tuple[type[Entry], tuple[Place | None, int]]:
        """Pickled as its two fields: the dataclass default for slots looks up the fields of
        each of the ~6,400 entries (a quarter of loading the cached place reader)."""
        return Entry, (self.place, self.kind)


class PlaceIndex:
    """Normalised key → entries, best kind first. Build once; lookups are dictionary probes."""

    def __init__(self, data: dict[str, Any], regions: Regions) -> None:
        self.regions = regions
        self.entries: dict[str, list[Entry]] = {}
        self.first_words: dict[str, int] = {}  # first word → words in its longest name
        self.subdivisions: dict[str, Place] = {}  # ISO 3166-2 code → place
        self._fuzzy_keys: list[str] = []
        self._fuzzy_places: list[Place] = []
        match = data["matching"]
        self._add_countries(data)
        self._add_subdivisions()
        for code, target in data.get("codes", {}).items():
            self._add(code, self.place_for_code(target), CODE2)
        self._add_yaml_names(data)
        self._add_local_subdivisions(keys(match["not_places"]))
        for blocker in match.get("blockers", []):
            self._add(blocker, None, BLOCK)
        self._finish()

    def get(self, key: str) -> list[Entry] | None:
        return self.entries.get(key)

    def place_for_code(self, code: str) -> Place:
        code = code.upper()
        if code in self.subdivisions:
            return self.subdivisions[code]
        if code in self.regions.countries:
            return self.regions.country_place(code)
        raise ValueError(f"places.yaml: unknown code {code!r}")

    def near(self, query: str, limit: int) -> Iterator[tuple[Place, float]]:
        """Places whose name is spelled like `query` ("germny" → Germany), with their score."""
        q = default_process(query)
        if len(q) < FUZZY_MIN_LEN or len(q) > 60:
            return
        for _, score, i in process.extract(
            q,
            self._fuzzy_keys,
            scorer=fuzz.ratio,
            processor=None,
            score_cutoff=FUZZY_CUTOFF,
            limit=limit,
        ):
            yield self._fuzzy_places[i], score

    # ---------------------------------------------------------------------------------------
    # Building

    def _add(self, text: str, place: Place | None, kind: int) -> None:
        k = key(text)
        if len(k) < 2:
            return
        self.entries.setdefault(k, []).append(Entry(place, kind))

    @staticmethod
    def _names_with_variants(name: str) -> Iterator[tuple[str, int]]:
        """An ISO name, its bracket-free form, and its part before a comma ("Korea, …")."""
        yield name, NAME
        bare = unbracketed(name)
        if bare != name:
            yield bare, NAME
        if ", " in bare:
            yield bare.split(", ")[0], PREFIX

    def _add_countries(self, data: dict[str, Any]) -> None:
        catalogues = self.regions.catalogues
        for c in pycountry.countries:
            place = self.regions.country_place(c.alpha_2)
            self._add(c.alpha_2, place, CODE2)
            self._add(c.alpha_3, place, CODE3)
            names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
            for name in filter(None, names):
                for variant, kind in self._names_with_variants(name):
                    self._add(variant, place, kind)
                for lang in TRANSLATED:
                    translated = catalogues[lang].countries.gettext(name)
                    if translated != name:
                        for variant, kind in self._names_with_variants(translated):
                            self._add(variant, place, kind)
        for code, langs in data.get("extra_countries", {}).items():
            place = self.regions.country_place(code)
            self._add(code, place, CODE2)
            for names in langs.values():
                for name in names:
                    self._add(name, place, ALIAS)

    def _add_subdivisions(self) -> None:
        """All ISO 3166-2 codes; names of US and German states (the ones the bot needs)."""
        for s in pycountry.subdivisions:
            self.subdivisions[s.code] = self.regions.subdivision_place(s.country_code, s.code)
        catalogues = self.regions.catalogues
        for s in pycountry.subdivisions:
            if s.country_code not in _NAMED_STATES:
                continue
            place = self.subdivisions[s.code]
            self._add(unbracketed(s.name), place, SUBNAME)
            for lang in TRANSLATED:
                translated = catalogues[lang].subdivisions.gettext(s.name)
                if translated != s.name:
                    self._add(translated, place, SUBNAME)
            if s.country_code == "US":
                self._add(s.code.split("-")[1], place, POSTAL)

    def _add_yaml_names(self, data: dict[str, Any]) -> None:
        for region, langs in data.get("regions", {}).items():
            place = Place(None, None, Region(region))
            for lang, value in langs.items():
                if lang != "display":
                    for name in value:
                        self._add(name, place, ALIAS)
        for code, langs in data.get("names", {}).items():
            place = self.place_for_code(code)
            for lang, value in langs.items():
                if lang == "display":
                    # a US state's shown name ranks as pycountry's state names do, so
                    # Portuguese "Geórgia" still reads as the country, as "Georgia" does
                    kind = SUBNAME if place.country == "US" and place.subdivision else ALIAS
                    for name in value.values():
                        self._add(name, place, kind)
                    continue
                for name in value:
                    self._add(name, place, ALIAS)
        for code, cities in data.get("cities", {}).items():
            place = self.place_for_code(code)
            for city in cities:
                self._add(city, place, ALIAS)
        for code, short in data.get("city_codes", {}).items():
            for city in short:
                self._add(city, self.place_for_code(code), CITY_CODE)
        for langs in data.get("demonyms", {}).values():
            for code, words in langs.items():
                place = (
                    Place(None, None, Region(code))
                    if code in Region.__members__
                    else self.place_for_code(code)
                )
                for word in words:
                    self._add(word, place, DEMONYM)

    def _add_local_subdivisions(self, not_places: frozenset[str]) -> None:
        """First-level subdivisions elsewhere ("Ontario"): whole answers only, if unambiguous."""
        found: dict[str, set[str]] = {}
        for s in pycountry.subdivisions:
            if s.parent_code is not None or s.country_code in _NAMED_STATES:
                continue
            k = key(BRACKETS.sub("", s.name))
            if len(k) < 4 or k in not_places or k in self.entries:
                continue
            found.setdefault(k, set()).add(s.code)
        for k, codes in found.items():
            places = {self.subdivisions[c] for c in codes}
            if len({p.country for p in places}) != 1:
                continue  # "Limburg" (BE, NL), "Punjab" (IN, PK): no guess
            place = (
                places.pop() if len(places) == 1 else self.regions.country_place(codes.pop()[:2])
            )
            self.entries[k] = [Entry(place, LOCAL)]

    def _finish(self) -> None:
        for k, entries in self.entries.items():
            entries.sort(key=lambda e: e.kind)
            seen: set[Place | None] = set()
            unique = []
            for e in entries:
                if e.place not in seen:
                    seen.add(e.place)
                    unique.append(e)
            self.entries[k] = unique
            words = k.split(" ")
            self.first_words[words[0]] = max(self.first_words.get(words[0], 1), len(words))
        fuzzy: dict[str, Place] = {}
        for k, entries in self.entries.items():
            best = entries[0]
            if len(k) >= FUZZY_MIN_LEN and best.place and best.kind in (ALIAS, NAME, SUBNAME):
                fuzzy.setdefault(k, best.place)
        self._fuzzy_keys = list(fuzzy)
        self._fuzzy_places = list(fuzzy.values())
