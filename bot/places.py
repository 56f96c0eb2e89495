"""Where the user lives: free text → country / US state / German state → region and authorities.

The bot's first question is "where do you live?", and people answer it every way there is:
"Deutschland", "🇩🇪", "im in california", "U.S.", "Bayern", "CA". Everything the bot says next
(which objection has legal force, which authority to write to) depends on the answer, so this
module reads it carefully and fast, and never raises.

`Gazetteer.load` builds one dictionary of normalised names once (pycountry's ISO 3166 codes and
names with their German, French, Spanish and Italian translations, plus `knowledge/places.yaml`);
a lookup is then a handful of dictionary probes over the words of the text.

Two ways to read text:
- `resolve` — the whole answer to "where do you live?": lenient (lower-case codes count when the
  answer is nothing but the code: "de", "us").
- `find_in_text` — a place mentioned inside a question: strict (codes only in capitals and
  never when they are also words — "IT", "IN", "ME", "us"; short or ambiguous names need a
  capital or a preposition before them).

Ambiguity, decided once here: a bare "CA" (and any two-letter code that is both a country and a
US state: "GA", "PA", "DE"…) is the ISO country — Canada — unless the text also points to the US
("CA, USA", "the state of Georgia"); `suggest` then offers the US state as the alternative.
"Georgia" alone is the country, likewise.
"""

from __future__ import annotations

import gettext
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

from bot.authorities import Authority, MetaEntity, load_authorities
from bot.vocabulary import Region
from bot.yamlfile import load_yaml

__all__ = ["Authority", "Gazetteer", "Place"]

PLACES_FILE = "places.yaml"
TRANSLATED = ("de", "fr", "es", "it")  # pycountry ships these catalogues; English is the source
LANGUAGES = ("en", *TRANSLATED)
MAX_CHARS = 4096  # a Telegram message; longer input is cut, not rejected
FUZZY_CUTOFF = 79.0  # fuzz.ratio: "itlay"→"italy" is 80, "germny"→"germany" 92
FUZZY_MIN_LEN = 4


@dataclass(frozen=True)
class Place:
    """A resolved answer. `region` is None only when it cannot be decided yet (US, no state)."""

    country: str | None  # ISO 3166-1 alpha-2; None for a bare region ("the EU")
    subdivision: str | None  # ISO 3166-2 ("US-CA", "DE-BY") when known
    region: Region | None

    @property
    def code(self) -> str | None:
        """The most precise code: "US-CA", "DE", or None for a bare region."""
        return self.subdivision or self.country


# --------------------------------------------------------------------------------------------
# Normalisation: the same function builds the index keys and reads the user's text.

_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_TRANSLIT = str.maketrans(
    {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ẞ": "SS",
     "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "þ": "th", "Þ": "TH", "ı": "i", "ð": "d", "Ð": "D"}
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")


def _fold(text: str) -> str:
    """Accents off, special letters spelled out; case kept (the matcher needs it)."""
    return _MARKS.sub("", unicodedata.normalize("NFKD", text)).translate(_TRANSLIT)


def _key(text: str) -> str:
    """The index key of a name: folded, lower-case, words joined by one space."""
    return " ".join(w.casefold() for w in _WORD.findall(_fold(text)))


# --------------------------------------------------------------------------------------------
# Index entries and tokens.

# Kinds, in order of preference when one key names several places.
ALIAS, NAME, SUBNAME, DEMONYM, CODE2, CODE3, POSTAL, PREFIX, LOCAL, BLOCK = range(10)
_CODES = (CODE2, CODE3, POSTAL)


@dataclass(frozen=True, slots=True)
class _Entry:
    place: Place | None  # None for a blocker
    kind: int


@dataclass(slots=True)
class _Token:
    raw: str  # folded, original case
    norm: str  # folded, lower-case
    sep_before: bool  # punctuation (",", "/", "(", ".") between this word and the previous one
    place: Place | None = None  # set for a flag emoji or an ISO 3166-2 code like "US-CA"


@dataclass(slots=True)
class _Mention:
    start: int
    end: int  # exclusive token index
    entries: list[_Entry]
    lenient: bool = False  # a lower-case code in an answer: kept only if nothing else is there
    whole_only: bool = False  # a far-away subdivision: only if it is the entire answer
    conditional: frozenset[int] = frozenset()  # entry indexes valid only with US context


@dataclass(slots=True)
class _Rules:
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


_SEPARATORS = re.compile(r"[,;/|()\[\]:.!?\n]|\s-\s")
_FLAG = r"[\U0001F1E6-\U0001F1FF]{2}|\U0001F3F4[\U000E0061-\U000E007A]{2,6}\U000E007F"
_SUBCODE = r"(?<![\w-])[A-Za-z]{2}-[A-Za-z0-9]{1,3}(?![\w-])"


class Gazetteer:
    """Country / state lookup for free text. Build once with `load`; every method is pure."""

    def __init__(self) -> None:  # use Gazetteer.load
        self._index: dict[str, list[_Entry]] = {}
        self._first_words: dict[str, int] = {}  # first word → words in its longest name
        self._subdivisions: dict[str, Place] = {}  # ISO 3166-2 code → place
        self._subdivision_codes: frozenset[str] = frozenset()
        self._countries: set[str] = set()
        self._eu: frozenset[str] = frozenset()
        self._uk: frozenset[str] = frozenset()
        self._us_territories: frozenset[str] = frozenset()
        self._overseas: dict[str, str] = {}
        self._parents: dict[str, str] = {}  # territory → sovereign state
        self._authority_country: dict[str, str] = {}
        self._display: dict[str, dict[str, str]] = {}  # lang → code/region → name
        self._display_format: dict[str, str] = {}
        self._translations: dict[str, tuple[Any, Any]] = {}
        self._rules: _Rules
        self._token_re: re.Pattern[str]
        self._abbreviations: dict[str, str] = {}
        self._fuzzy_keys: list[str] = []
        self._fuzzy_places: list[Place] = []
        self._authorities: list[Authority] = []
        self._meta_entities: list[MetaEntity] = []
        self._lead: Authority | None = None

    # ---------------------------------------------------------------------------------------
    # Building

    @classmethod
    def load(cls, knowledge_dir: Path) -> Gazetteer:
        """Read places.yaml and authorities.yaml from `knowledge_dir` and build the indexes."""
        knowledge_dir = Path(knowledge_dir)
        data = load_yaml(knowledge_dir / PLACES_FILE)
        _check_strings(data, PLACES_FILE)
        self = cls()
        self._setup(data)
        records = load_authorities(knowledge_dir)
        self._authorities = records.authorities
        self._meta_entities = records.meta_entities
        self._lead = next(a for a in records.authorities if a.lead_for_meta)
        return self

    def _setup(self, data: dict[str, Any]) -> None:
        member = data["membership"]
        self._eu = frozenset(member["eu"] + member["eea"] + member["eu_outermost"])
        self._uk = frozenset(member["uk"])
        self._us_territories = frozenset(member["us_territories"])
        self._overseas = dict(data.get("overseas", {}))
        self._authority_country = dict(data.get("authority_country", {}))
        self._parents = {
            child: parent for parent, kids in data.get("parents", {}).items() for child in kids
        }
        self._display_format = dict(data.get("display_format", {}))
        for lang in TRANSLATED:
            self._translations[lang] = (
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]),
                gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang]),
            )
        match = data["matching"]

        def keys(words: Iterable[str]) -> frozenset[str]:
            return frozenset(k for k in (_key(w) for w in words) if k)

        self._rules = _Rules(
            code_stopwords=keys(match["code_stopwords"]),
            answer_stopwords=keys(match["answer_stopwords"]),
            needs_capital=keys(match["needs_capital"]),
            needs_preposition=keys(match["needs_preposition"]),
            text_ignore=keys(match["text_ignore"]),
            residence_words=keys(match["residence_words"]),
            residence_prepositions=keys(match["residence_prepositions"]),
            location_prepositions=keys(match["location_prepositions"]),
            us_context=keys(match["us_context"]),
            language_before=keys(match["language_before"]),
            language_after=keys(match["language_after"]),
            fillers=keys(w for words in match["fillers"].values() for w in words),
            articles=keys(match["articles"]),
        )
        self._abbreviations = {_abbr_parts(k): v for k, v in match.get("abbreviations", {}).items()}
        alternatives = sorted(self._abbreviations, key=len, reverse=True)
        abbr = "|".join(r"\.\s?".join(map(re.escape, parts)) + r"\.?" for parts in alternatives)
        pattern = rf"(?P<flag>{_FLAG})|(?P<sub>{_SUBCODE})"
        if abbr:
            pattern += rf"|(?P<abbr>(?<![^\W_])(?:{abbr})(?![^\W_]))"
        self._token_re = re.compile(pattern + r"|(?P<word>[^\W_]+)", re.IGNORECASE)

        self._add_countries(data)
        self._add_subdivisions()
        for code, target in data.get("codes", {}).items():
            self._add(code, self._place_for_code(target), CODE2)
        self._add_yaml_names(data)
        self._add_local_subdivisions(set(keys(match["not_places"])))
        for blocker in match.get("blockers", []):
            self._add(blocker, None, BLOCK)
        self._finish_index()

    def _add(self, text: str, place: Place | None, kind: int) -> None:
        key = _key(text)
        if len(key) < 2:
            return
        self._index.setdefault(key, []).append(_Entry(place, kind))

    def _names_with_variants(self, name: str) -> Iterator[tuple[str, int]]:
        """An ISO name, its bracket-free form, and its part before a comma ("Korea, …")."""
        yield name, NAME
        bare = _BRACKETS.sub("", name).strip()
        if bare != name:
            yield bare, NAME
        if ", " in bare:
            yield bare.split(", ")[0], PREFIX

    def _country_place(self, alpha2: str) -> Place:
        return Place(alpha2, None, self.region_of(alpha2))

    def _add_countries(self, data: dict[str, Any]) -> None:
        for c in pycountry.countries:
            self._countries.add(c.alpha_2)
        for code in data.get("extra_countries", {}):
            self._countries.add(code)
        for c in pycountry.countries:
            place = self._country_place(c.alpha_2)
            self._add(c.alpha_2, place, CODE2)
            self._add(c.alpha_3, place, CODE3)
            names = [c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)]
            for name in filter(None, names):
                for variant, kind in self._names_with_variants(name):
                    self._add(variant, place, kind)
                for lang in TRANSLATED:
                    translated = self._translations[lang][0].gettext(name)
                    if translated != name:
                        for variant, kind in self._names_with_variants(translated):
                            self._add(variant, place, kind)
        for code, langs in data.get("extra_countries", {}).items():
            place = self._country_place(code)
            self._add(code, place, CODE2)
            for lang, names in langs.items():
                self._display.setdefault(lang, {})[code] = names[0]
                for name in names:
                    self._add(name, place, ALIAS)

    def _add_subdivisions(self) -> None:
        """All ISO 3166-2 codes; names of US and German states (the ones the bot needs)."""
        self._subdivision_codes = frozenset(s.code for s in pycountry.subdivisions)
        for s in pycountry.subdivisions:
            self._subdivisions[s.code] = self._subdivision_place(s.country_code, s.code)
        for s in pycountry.subdivisions:
            if s.country_code not in ("US", "DE"):
                continue
            place = self._subdivisions[s.code]
            name = _BRACKETS.sub("", s.name).strip()
            self._add(name, place, SUBNAME)
            for lang in TRANSLATED:
                translated = self._translations[lang][1].gettext(s.name)
                if translated != s.name:
                    self._add(translated, place, SUBNAME)
            if s.country_code == "US":
                self._add(s.code.split("-")[1], place, POSTAL)

    def _subdivision_place(self, country: str, code: str) -> Place:
        if code in self._overseas:
            return self._country_place(self._overseas[code])
        return Place(country, code, self.region_of(country, code))

    def _place_for_code(self, code: str) -> Place:
        code = code.upper()
        if code in self._subdivisions:
            return self._subdivisions[code]
        if code in self._countries:
            return self._country_place(code)
        raise ValueError(f"places.yaml: unknown code {code!r}")

    def _add_yaml_names(self, data: dict[str, Any]) -> None:
        for region, langs in data.get("regions", {}).items():
            place = Place(None, None, Region(region))
            for lang, value in langs.items():
                if lang == "display":
                    for dl, text in value.items():
                        self._display.setdefault(dl, {})[f"region:{region}"] = text
                    continue
                for name in value:
                    self._add(name, place, ALIAS)
        for code, langs in data.get("names", {}).items():
            place = self._place_for_code(code)
            for lang, value in langs.items():
                if lang == "display":
                    for dl, text in value.items():
                        self._display.setdefault(dl, {})[code] = text
                        self._add(text, place, ALIAS)
                    continue
                for name in value:
                    self._add(name, place, ALIAS)
        for code, cities in data.get("cities", {}).items():
            place = self._place_for_code(code)
            for city in cities:
                self._add(city, place, ALIAS)
        for langs in data.get("demonyms", {}).values():
            for code, words in langs.items():
                place = (
                    Place(None, None, Region(code))
                    if code in Region.__members__
                    else self._place_for_code(code)
                )
                for word in words:
                    self._add(word, place, DEMONYM)

    def _add_local_subdivisions(self, not_places: set[str]) -> None:
        """First-level subdivisions elsewhere ("Ontario"): whole answers only, if unambiguous."""
        found: dict[str, set[str]] = {}
        for s in pycountry.subdivisions:
            if s.parent_code is not None or s.country_code in ("US", "DE"):
                continue
            key = _key(_BRACKETS.sub("", s.name))
            if len(key) < 4 or key in not_places or key in self._index:
                continue
            found.setdefault(key, set()).add(s.code)
        for key, codes in found.items():
            places = {self._subdivisions[c] for c in codes}
            if len({p.country for p in places}) != 1:
                continue  # "Limburg" (BE, NL), "Punjab" (IN, PK): no guess
            place = places.pop() if len(places) == 1 else self._country_place(codes.pop()[:2])
            self._index[key] = [_Entry(place, LOCAL)]

    def _finish_index(self) -> None:
        for key, entries in self._index.items():
            entries.sort(key=lambda e: e.kind)
            seen: set[Place | None] = set()
            unique = []
            for e in entries:
                if e.place not in seen:
                    seen.add(e.place)
                    unique.append(e)
            self._index[key] = unique
            words = key.split(" ")
            self._first_words[words[0]] = max(self._first_words.get(words[0], 1), len(words))
        fuzzy: dict[str, Place] = {}
        for key, entries in self._index.items():
            best = entries[0]
            if len(key) >= FUZZY_MIN_LEN and best.place and best.kind in (ALIAS, NAME, SUBNAME):
                fuzzy.setdefault(key, best.place)
        self._fuzzy_keys = list(fuzzy)
        self._fuzzy_places = list(fuzzy.values())

    # ---------------------------------------------------------------------------------------
    # Regions and display

    def region_of(self, country: str, subdivision: str | None = None) -> Region | None:
        """The product region of an ISO code pair; None for the US without a state or junk."""
        if not isinstance(country, str):
            return None
        country = country.strip().upper()
        sub = subdivision.strip().upper() if isinstance(subdivision, str) else None
        if sub and not sub.startswith(country + "-"):
            sub = None
        if sub and sub in self._overseas:
            return self.region_of(self._overseas[sub])
        if country == "US":
            if sub is None:
                return None
            if sub == "US-CA":
                return Region.us_ca
            return Region.us_other if sub in self._subdivision_codes else None
        # US territories: their own ISO codes; no state privacy law like California's applies.
        if country in self._us_territories:
            return Region.us_other
        if country in self._eu:
            return Region.eu
        if country in self._uk:
            return Region.uk
        if country in self._countries:
            return Region.other
        return None

    def needs_subdivision(self, place: Place) -> bool:
        """True when the state is still needed: the US (for the region) and Germany (for the
        state authority). A bare region ("the EU") needs a country, which is not this question."""
        return not place.subdivision and (place.country or "").upper() in ("US", "DE")

    def name(self, place: Place, language: str = "en") -> str:
        """Display name, e.g. "California, United States" or "Bavaria, Germany"."""
        lang = (language or "en").split("-")[0].split("_")[0].lower()
        if lang not in LANGUAGES:
            lang = "en"
        if not place.country:
            if place.region is None:
                return ""
            return self._shown(f"region:{place.region.value}", lang) or place.region.value
        country = self._country_name(place.country.upper(), lang)
        if not place.subdivision:
            return country
        sub = self._subdivision_name(place.subdivision.upper(), lang)
        fmt = self._display_format.get(lang) or self._display_format.get("en") or "{subdivision}"
        return fmt.format(subdivision=sub, country=country)

    def _shown(self, code: str, lang: str) -> str | None:
        return self._display.get(lang, {}).get(code)

    def _country_name(self, code: str, lang: str) -> str:
        shown = self._shown(code, lang)
        if shown:
            return shown
        c = pycountry.countries.get(alpha_2=code)
        if c is None:
            return self._shown(code, "en") or code
        base = getattr(c, "common_name", None) or c.name
        if lang == "en":
            return base
        catalogue = self._translations[lang][0]
        translated = catalogue.gettext(base)
        if translated == base and base != c.name:  # no translation of the common name
            formal = catalogue.gettext(c.name)
            if formal != c.name and ", " not in formal:
                translated = formal
        return translated

    def _subdivision_name(self, code: str, lang: str) -> str:
        shown = self._shown(code, lang)
        if shown:
            return shown
        s = pycountry.subdivisions.get(code=code)
        iso = s.name if s is not None else code
        if lang != "en":  # ISO 3166-2 names are local names: "Bayern" is right in German
            translated = self._translations[lang][1].gettext(iso)
            return _BRACKETS.sub("", translated).strip()
        return _BRACKETS.sub("", iso).strip()

    # ---------------------------------------------------------------------------------------
    # Authorities

    @property
    def authorities(self) -> list[Authority]:
        """Every authority record (for `kb check` and the letters)."""
        return list(self._authorities)

    @property
    def meta_entities(self) -> list[MetaEntity]:
        """Meta's controller entities; check `webform_possibly_stale` before offering a form."""
        return list(self._meta_entities)

    def authorities_for(self, place: Place) -> list[Authority]:
        """Who to complain to, most competent first.

        EU/EEA: the national authority, then the Irish DPC (Meta's lead authority; listed once
        for someone in Ireland). Germany: the state authority first when the state is known (the
        states, not the federal BfDI, supervise private companies), then the BfDI. UK: the ICO;
        Switzerland: the FDPIC; elsewhere none. A bare "EU" gets the DPC alone.
        """
        if not place.country:
            return [self._lead] if place.region is Region.eu and self._lead else []
        country = place.country.upper()
        subdivision = place.subdivision.upper() if place.subdivision else None
        region = self.region_of(country, subdivision)
        country = self._authority_country.get(country, country)
        found = [a for a in self._authorities if country in a.countries]
        state = [a for a in found if a.level == "state" and a.subdivision == subdivision]
        rest = [a for a in found if a.level != "state"]
        result = state + rest
        if region is Region.eu and self._lead and self._lead not in result:
            result.append(self._lead)
        return result

    # ---------------------------------------------------------------------------------------
    # Reading text

    def resolve(self, text: str) -> Place | None:
        """The place in a whole answer to "where do you live?"; None if none or ambiguous."""
        tokens = self._tokens(text)
        if not tokens:
            return None
        return self._decide(self._scan(tokens, answer=True), tokens, answer=True)

    def find_in_text(self, text: str) -> Place | None:
        """A place mentioned inside a longer message ("im in california how do I…")."""
        tokens = self._tokens(text)
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
        tokens = self._tokens(text)
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
                if resolved is None or not (p is None or _within(resolved, p)):
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
            q = default_process(query)
            if len(q) < FUZZY_MIN_LEN or len(q) > 60:
                continue
            for _, score, i in process.extract(
                q,
                self._fuzzy_keys,
                scorer=fuzz.ratio,
                processor=None,
                score_cutoff=FUZZY_CUTOFF,
                limit=limit * 4,
            ):
                place = self._fuzzy_places[i]
                scored[place] = max(scored.get(place, 0.0), score)
        for place, _ in sorted(scored.items(), key=lambda kv: -kv[1]):
            add(place)
        return out[:limit]

    def _tokens(self, text: object) -> list[_Token]:
        if not isinstance(text, str) or not text:
            return []
        folded = _fold(text[:MAX_CHARS])
        tokens: list[_Token] = []
        last = 0
        for m in self._token_re.finditer(folded):
            sep = not tokens or bool(_SEPARATORS.search(folded, last, m.start()))
            last = m.end()
            kind = m.lastgroup
            value = m.group()
            if kind == "flag":
                place = self._flag_place(value)
                if place is not None:
                    tokens.append(_Token(value, "", True, place))
                continue
            if kind == "sub":
                code = value.upper()
                if code in self._subdivisions:
                    tokens.append(_Token(value, value.casefold(), sep, self._subdivisions[code]))
                    continue
                head, tail = value.split("-", 1)
                tokens.append(_Token(head, head.casefold(), sep))
                tokens.append(_Token(tail, tail.casefold(), False))
                continue
            if kind == "abbr":
                value = self._abbreviations.get(_abbr_parts(value), value)
            tokens.append(_Token(value, value.casefold(), sep))
        return tokens

    def _flag_place(self, flag: str) -> Place | None:
        if flag.startswith("\U0001f3f4"):  # 🏴 + tag letters: gbeng, gbsct, gbwls, usca…
            letters = "".join(chr(ord(c) - 0xE0000) for c in flag[1:-1]).upper()
            code = f"{letters[:2]}-{letters[2:]}"
            if code in self._subdivisions and letters[:2] != "GB":
                return self._subdivisions[code]
            letters = letters[:2]
        else:
            letters = "".join(chr(ord(c) - 0x1F1E6 + 65) for c in flag)
        entries = self._index.get(letters.lower(), [])
        for kind in (CODE2, ALIAS):  # the ISO code first: 🇲🇻 is the Maldives
            for entry in entries:
                if entry.kind == kind and entry.place is not None:
                    return entry.place
        return None

    # A scan pass: every place-like span of words, longest first, with the guards applied.
    def _scan(self, tokens: list[_Token], answer: bool) -> list[_Mention]:
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
                mentions.append(_Mention(i, i + 1, [_Entry(tok.place, ALIAS)]))
                i += 1
                continue
            longest = self._first_words.get(tok.norm)
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
        entries: list[_Entry],
        tokens: list[_Token],
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
        kept: list[_Entry] = []
        conditional: set[int] = set()
        lenient = False
        whole_only = False
        for entry in entries:
            kind = entry.kind
            if kind in _CODES:
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
        if lenient and any(e.kind not in _CODES for e in kept):
            lenient = False  # "usa", "uk": names as well as codes
        return _Mention(start, end, kept, lenient, whole_only, frozenset(conditional))

    # Combining the mentions of one text into one place (or None when they disagree).
    def _decide(self, mentions: list[_Mention], tokens: list[_Token], answer: bool) -> Place | None:
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
        chosen: list[tuple[Place, _Mention]] = []
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
        if not chosen:
            return None

        with_country = [(p, m) for p, m in chosen if p.country is not None]
        if not with_country:
            regions = {p for p, _ in chosen}
            if len(regions) == 1:
                return regions.pop()
            return self._by_residence([(p, m) for p, m in chosen], tokens)

        countries = {p.country for p, _ in with_country}
        for child in list(countries):
            if self._parents.get(child) in countries:
                countries.discard(self._parents[child])
        groups: dict[str, list[tuple[Place, _Mention]]] = {}
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

    def _merge(
        self, country: str, items: list[tuple[Place, _Mention]], tokens: list[_Token]
    ) -> Place:
        subs = list(dict.fromkeys(p for p, _ in items if p.subdivision is not None))
        if len(subs) == 1:
            return subs[0]
        if len(subs) > 1:
            picked = self._by_residence([(p, m) for p, m in items if p.subdivision], tokens)
            if picked is not None:
                return picked
        return self._country_place(country) if country in self._countries else items[0][0]

    def _by_residence(
        self, items: list[tuple[Place, _Mention]], tokens: list[_Token]
    ) -> Place | None:
        cued = list(dict.fromkeys(p for p, m in items if self._residence_cue(tokens, m.start)))
        return cued[0] if len(cued) == 1 else None

    def _residence_cue(self, tokens: list[_Token], start: int) -> bool:
        """ "live in X", "I'm in X", "moved to X", "ich wohne in X": X is where they live."""
        rules = self._rules
        j = start - 1
        if j >= 0 and tokens[j].norm in rules.articles:
            j -= 1
        if j < 0 or tokens[j].norm not in rules.residence_prepositions:
            return False
        return any(k >= 0 and tokens[k].norm in rules.residence_words for k in (j - 1, j - 2))

    def _previous_word(self, tokens: list[_Token], start: int) -> str:
        """The word before a name, skipping an article ("in the UK" → "in")."""
        j = start - 1
        if j >= 0 and tokens[j].norm in self._rules.articles:
            j -= 1
        return tokens[j].norm if j >= 0 else ""

    @staticmethod
    def _alone(tokens: list[_Token], m: _Mention) -> bool:
        """The mention is a whole comma-separated part of the answer ("Austin, tx")."""
        after_ok = m.end >= len(tokens) or tokens[m.end].sep_before
        return tokens[m.start].sep_before and after_ok


def _within(precise: Place, broad: Place) -> bool:
    """`broad` says less than `precise` ("Germany" next to "Bavaria", "the EU" next to France)."""
    if broad.country is None:
        return precise.country is not None or broad == precise
    return broad.country == precise.country and broad.subdivision in (None, precise.subdivision)


def _abbr_parts(text: str) -> tuple[str, ...]:
    return tuple(p for p in re.split(r"[.\s]+", text.casefold()) if p)


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
