"""`Gazetteer`: one object over the parts of `bot.places` and the authority lookup, built from
`knowledge/places.yaml` and `knowledge/authorities.yaml` — what the conversation calls
`kb.gazetteer`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bot.authorities import Authority, AuthorityLookup, load_authorities
from bot.places.cities import Cities, Cues
from bot.places.index import PlaceIndex
from bot.places.normalise import keys
from bot.places.place import Place
from bot.places.reading import PlaceReader
from bot.places.regions import Regions
from bot.places.scanning import ReadingRules
from bot.vocabulary import Region
from bot.yamlfile import load_yaml

PLACES_FILE = "places.yaml"


class Gazetteer:
    """Where the user lives: reading, region rules, display names and authorities in one place.
    Build once with `load`; every method is pure and never raises."""

    def __init__(
        self, reader: PlaceReader, regions: Regions, lookup: AuthorityLookup, cities: Cities
    ) -> None:
        self.reader = reader
        self.regions = regions
        self.lookup = lookup
        self.cities = cities

    @classmethod
    def load(cls, knowledge_dir: Path) -> Gazetteer:
        """Read places.yaml and authorities.yaml from `knowledge_dir` and build the indexes."""
        knowledge_dir = Path(knowledge_dir)
        data = load_yaml(knowledge_dir / PLACES_FILE)
        _check_strings(data, PLACES_FILE)
        regions = Regions(data)
        match = data["matching"]
        index = PlaceIndex(data, regions)
        reader = PlaceReader(
            index,
            ReadingRules.from_yaml(match),
            match.get("abbreviations", {}),
        )
        lookup = AuthorityLookup(
            load_authorities(knowledge_dir),
            data.get("authority_country", {}),
            regions.region_of,
        )
        fillers = keys(w for words in match["fillers"].values() for w in words)
        cues = Cues(keys(match["city_prepositions"]), keys(match["city_living"]), fillers)
        cities = Cities.build(_city_place(index), cues)
        return cls(reader, regions, lookup, cities)

    def resolve(self, text: str) -> Place | None:
        """The place in a whole answer to "where do you live?"; None if none or ambiguous."""
        return self._or_city(text, self.reader.resolve(text))

    def find_in_text(self, text: str) -> Place | None:
        """A place mentioned inside a longer message ("im in california how do I…")."""
        return self._or_city(text, self.reader.find_in_text(text))

    def _or_city(self, text: str, place: Place | None) -> Place | None:
        """A city whose name holds the place read and more ("Porto Alegre" is Brazil, not
        Porto's Portugal; "Rio de Janeiro" stays Brazil either way) is the place meant."""
        if place is None:
            return None
        found = self.cities.named(text)
        if found is None or found[1] == place:
            return place
        name = found[0].split()
        read = self.reader.place_words(text)
        return found[1] if len(name) > 1 and read and read < set(name) else place

    def place_words(self, text: str) -> set[str]:
        """The words of a message that name places or could ("paris", "new", "york")."""
        return self.reader.place_words(text) | {
            w for w in text.split() if self.cities.find(w) is not None
        }

    def city_in(self, text: str) -> Place | None:
        """A city, where a place is expected: a whole answer ("lisbon"), or after a preposition
        ("we moved to san francisco", "i'm from rome"); see `bot.places.cities`."""
        return self.cities.find(text)

    def suggest(self, text: str, limit: int = 3) -> list[Place]:
        """Did you mean…: the reading of `text` first, then alternatives and near spellings."""
        return self.reader.suggest(text, limit)

    def region_of(self, country: str, subdivision: str | None = None) -> Region | None:
        """The product region of an ISO code pair; None for the US without a state or junk."""
        return self.regions.region_of(country, subdivision)

    def name(self, place: Place, language: str = "en") -> str:
        """Display name, e.g. "California, United States" or "Bavaria, Germany"."""
        return self.regions.name(place, language)

    def authorities_for(self, place: Place) -> list[Authority]:
        """Who to complain to, most competent first (see `AuthorityLookup.for_place`)."""
        return self.lookup.for_place(place.country, place.subdivision, place.region)


def _city_place(index: PlaceIndex) -> Callable[[str, str], Place | None]:
    """A city's place: its US state (law differs by state), else its country; one object per
    place, so the cached table pickles each once."""
    memo: dict[str, Place | None] = {}

    def place_for(country: str, admin1: str) -> Place | None:
        code = f"US-{admin1}" if country == "US" else country
        if code not in memo:
            known = code in index.subdivisions or code in index.regions.countries
            memo[code] = index.place_for_code(code) if known else None
        return memo[code]

    return place_for


def _check_strings(value: object, where: str) -> None:
    """places.yaml holds only text; an unquoted NO/on/yes becomes a bool and must be caught."""
    if isinstance(value, dict):
        for k, v in value.items():
            _check_strings(k, where)
            _check_strings(v, f"{where}.{k}")
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, where)
    elif not isinstance(value, str):
        raise ValueError(f"{where}: {value!r} is not text (quote it in the YAML)")
