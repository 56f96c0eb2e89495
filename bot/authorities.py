"""Data protection authorities and Meta's controller entities, as loaded from
`knowledge/authorities.yaml` (generated from datenanfragen.de's CC0 records by
`tools/import_authorities.py`).

Kept apart from `bot.places` so the letters and escalation code can use the records without
the gazetteer; `Gazetteer.authorities_for` decides which of them apply to a place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from bot.yamlfile import load_yaml

AUTHORITIES_FILE = "authorities.yaml"


def _check_url(value: str | None) -> str | None:
    if value is not None and not value.startswith(("https://", "http://")):
        raise ValueError(f"not a web address: {value!r}")
    return value


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Authority(_Record):
    """One supervisory authority a person can complain to (GDPR Art. 77 / UK GDPR / Swiss FADP)."""

    slug: str
    name: str
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
