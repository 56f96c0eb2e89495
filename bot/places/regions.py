"""Region rules and display names: which product region an ISO code belongs to, and what a
place is called in a language.

Membership (EU/EEA, UK, US territories), overseas territories, sovereign parents and display
names come from `knowledge/places.yaml`; the rest from pycountry's ISO 3166 data and its
translations.
"""

from __future__ import annotations

import gettext
from functools import cached_property
from typing import Any

import pycountry

from bot.places.normalise import unbracketed
from bot.places.place import Place
from bot.vocabulary import Region

TRANSLATED = (
    "de",
    "fr",
    "es",
    "it",
    "pt",
)  # pycountry ships these catalogues; English is the source
LANGUAGES = ("en", *TRANSLATED)


class Catalogue:
    """pycountry's translations of ISO 3166-1 (countries) and 3166-2 (subdivisions) names.

    Each is read on first use, and not kept when the place reader is cached (bot/cache.py):
    a gettext catalogue holds a compiled plural rule, which cannot be pickled."""

    def __init__(self, language: str) -> None:
        self.language = language

    @cached_property
    def countries(self) -> gettext.NullTranslations:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, [self.language])

    @cached_property
    def subdivisions(self) -> gettext.NullTranslations:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, [self.language])

    def __getstate__(self) -> dict[str, str]:
        return {"language": self.language}


class Regions:
    """Region rules and display names. Built once from places.yaml; every method is pure."""

    def __init__(self, data: dict[str, Any]) -> None:
        member = data["membership"]
        self._eu = frozenset(member["eu"] + member["eea"] + member["eu_outermost"])
        self._uk = frozenset(member["uk"])
        self._us_territories = frozenset(member["us_territories"])
        self._overseas: dict[str, str] = dict(data.get("overseas", {}))
        self.parents: dict[str, str] = {  # territory → sovereign state
            child: parent for parent, kids in data.get("parents", {}).items() for child in kids
        }
        self.catalogues = {lang: Catalogue(lang) for lang in TRANSLATED}
        extra = data.get("extra_countries", {})
        # ISO names, read from pycountry once here: the place reader is cached (bot/cache.py),
        # and looking one up in pycountry at run time loads its whole database (0.25 s)
        self._country_names = {
            c.alpha_2: (getattr(c, "common_name", None) or c.name, c.name)
            for c in pycountry.countries
        }
        self._subdivision_names = {s.code: s.name for s in pycountry.subdivisions}
        self.countries = frozenset(self._country_names) | frozenset(extra)
        self._display_format: dict[str, str] = dict(data.get("display_format", {}))
        self._display: dict[str, dict[str, str]] = {}  # lang → code/region → name
        for code, langs in extra.items():
            for lang, names in langs.items():
                self._display.setdefault(lang, {})[code] = names[0]
        for section, prefix in (("regions", "region:"), ("names", "")):
            for code, langs in data.get(section, {}).items():
                for lang, text in langs.get("display", {}).items():
                    self._display.setdefault(lang, {})[prefix + code] = text

    def country_place(self, alpha2: str) -> Place:
        return Place(alpha2, None, self.region_of(alpha2))

    def subdivision_place(self, country: str, code: str) -> Place:
        """An ISO 3166-2 subdivision; an overseas territory counts as its own country."""
        if code in self._overseas:
            return self.country_place(self._overseas[code])
        return Place(country, code, self.region_of(country, code))

    def region_of(self, country: object, subdivision: object = None) -> Region | None:
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
            return Region.us_other if sub in self._subdivision_names else None
        # US territories: their own ISO codes; no state privacy law like California's applies.
        if country in self._us_territories:
            return Region.us_other
        if country in self._eu:
            return Region.eu
        if country in self._uk:
            return Region.uk
        if country in self.countries:
            return Region.other
        return None

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
        names = self._country_names.get(code)
        if names is None:
            return self._shown(code, "en") or code
        base, official = names
        if lang == "en":
            return base
        catalogue = self.catalogues[lang].countries
        translated = catalogue.gettext(base)
        if translated == base and base != official:  # no translation of the common name
            formal = catalogue.gettext(official)
            if formal != official and ", " not in formal:
                translated = formal
        return translated

    def _subdivision_name(self, code: str, lang: str) -> str:
        shown = self._shown(code, lang)
        if shown:
            return shown
        iso = self._subdivision_names.get(code, code)
        if lang != "en":  # ISO 3166-2 names are local names: "Bayern" is right in German
            return unbracketed(self.catalogues[lang].subdivisions.gettext(iso))
        return unbracketed(iso)
