"""Data protection authorities and Meta's controller entities, as loaded from
`knowledge/authorities.yaml` (generated from datenanfragen.de's CC0 records by
`tools/import_authorities.py`).

`AuthorityLookup` decides which of them apply to a place. It takes the region rule as a
function rather than importing `bot.places`, which builds on this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.vocabulary import Region
from bot.yamlfile import load_yaml

AUTHORITIES_FILE = "authorities.yaml"


def _check_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {value!r}")
    return value


class _Record(BaseModel):
    # defer_build: a start that loads the records from the build cache never validates them
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Authority(_Record):
    """One supervisory authority a person can complain to (GDPR Art. 77 / UK GDPR / Swiss FADP)."""

    slug: str
    name: str  # its own name, in its own language: what a reader in any language sees
    english: str | None = None  # upstream's English description, added in English only
    countries: list[str]
    subdivision: str | None = None  # ISO 3166-2 of a German state authority
    level: Literal["national", "federal", "state"]
    lead_for_meta: bool = False  # the Irish DPC: Meta's lead authority in the EU (Art. 56)
    webform: str | None = None
    email: str | None = None
    address: str | None = None
    phone: str | None = None
    web: str | None = None
    complaint_language: str | None = None  # ISO 639-1; None: any language the user writes
    comments: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    _urls = field_validator("webform", "web")(lambda cls, v: _check_url(v))

    def name_in(self, language: str) -> str:
        """ "Datatilsynet (Data Inspectorate of Denmark)" in English, "Datatilsynet" elsewhere:
        the description is English, and a name reads the same in every language."""
        if language == "en" and self.english:
            return f"{self.name} ({self.english})"
        return self.name

    @field_validator("countries")
    @classmethod
    def _upper_iso(cls, value: list[str]) -> list[str]:
        if not value or any(len(c) != 2 or not c.isalpha() or not c.isupper() for c in value):
            raise ValueError(f"countries must be upper-case ISO 3166-1 alpha-2: {value!r}")
        return value

    @model_validator(mode="after")
    def _state_has_subdivision(self) -> Authority:
        if (self.level == "state") != (self.subdivision is not None):
            raise ValueError(f"{self.slug}: a state authority needs a subdivision, others none")
        if self.subdivision and self.subdivision.split("-")[0] not in self.countries:
            raise ValueError(f"{self.slug}: subdivision {self.subdivision} outside its countries")
        if not (self.webform or self.email or self.address):
            raise ValueError(f"{self.slug}: no way to contact it")
        return self


class MetaEntity(_Record):
    """A Meta company that is the data controller for one of the apps (for letters)."""

    slug: str
    name: str
    runs: list[str] = Field(default_factory=list)
    address: str | None = None
    webform: str | None = None
    webform_possibly_stale: bool = False  # upstream reports the form was replaced
    stale_reports: list[str] = Field(default_factory=list)
    web: str | None = None
    comments: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)

    _urls = field_validator("webform", "web")(lambda cls, v: _check_url(v))


class SourceInfo(_Record):
    repository: str
    commit: str
    licence: str


class AuthoritiesFile(_Record):
    """The whole of `authorities.yaml`."""

    source: SourceInfo
    authorities: list[Authority]
    meta_entities: list[MetaEntity] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> AuthoritiesFile:
        slugs = [a.slug for a in self.authorities]
        if len(slugs) != len(set(slugs)):
            raise ValueError("duplicate authority slug")
        if sum(a.lead_for_meta for a in self.authorities) != 1:
            raise ValueError("exactly one authority must be lead_for_meta")
        return self


def load_authorities(knowledge_dir: Path) -> AuthoritiesFile:
    """Read and validate `authorities.yaml`; raises on a malformed file (caught by `kb check`)."""
    raw = load_yaml(Path(knowledge_dir) / AUTHORITIES_FILE)
    return AuthoritiesFile.model_validate(raw)


RegionOf = Callable[[str, str | None], Region | None]


class AuthorityLookup:
    """Who to complain to about Meta, for a place."""

    def __init__(
        self, records: AuthoritiesFile, authority_country: Mapping[str, str], region_of: RegionOf
    ) -> None:
        self.authorities = records.authorities
        self.meta_entities = records.meta_entities
        self._lead = next(a for a in records.authorities if a.lead_for_meta)
        self._authority_country = dict(authority_country)  # territory → whose authority
        self._region_of = region_of

    def for_place(
        self, country: str | None, subdivision: str | None, region: Region | None
    ) -> list[Authority]:
        """Most competent first.

        EU/EEA: the national authority, then the Irish DPC (Meta's lead authority; listed once
        for someone in Ireland). Germany: the state authority first when the state is known (the
        states, not the federal BfDI, supervise private companies), then the BfDI. UK: the ICO;
        Switzerland: the FDPIC; elsewhere none. A bare "EU" gets the DPC alone.
        """
        if not country:
            return [self._lead] if region is Region.eu else []
        country = country.upper()
        subdivision = subdivision.upper() if subdivision else None
        region = self._region_of(country, subdivision)
        country = self._authority_country.get(country, country)
        found = [a for a in self.authorities if country in a.countries]
        state = [a for a in found if a.level == "state" and a.subdivision == subdivision]
        rest = [a for a in found if a.level != "state"]
        result = state + rest
        if region is Region.eu and self._lead not in result:
            result.append(self._lead)
        return result
