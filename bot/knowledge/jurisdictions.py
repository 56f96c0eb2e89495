"""Jurisdictions as sourced data: which rights reach Meta and AI in each country or US state.

The unit of truth (product.md): per country (and US state) the law and its citation, the rights
that reach Meta and AI, the Meta company that is the controller, the authority and the
deadlines — each fact with its sources and a confidence, "unknown" being an honest value.
Regions (eu, uk, us_ca …) are only a grouping derived from the country.

Nothing here is a sentence a user reads: statuses, ids, citations and dates are filled into the
message catalogue's templates, so six languages share one table. `note:` is for maintainers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import Field, HttpUrl, field_validator, model_validator

from bot.knowledge.models import EVIDENCE_DATE, PRIMARY_KINDS, Strict, newest_date

Confidence = Literal["confirmed", "reported", "unconfirmed"]
SourceKind = Literal["law", "regulator", "court", "official", "press", "tracker", "ngo"]
RightName = Literal[
    "object_ai_training",
    "opt_out_targeted_ads",
    "opt_out_sale",
    "opt_out_profiling",
    "delete",
    "access",
]
DeadlineName = Literal["respond", "opt_out"]
_DATE = re.compile(EVIDENCE_DATE)
_CODE = re.compile(r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$")


def evidence_date(value: object) -> object:
    """YYYY, YYYY-MM or YYYY-MM-DD: as precise as the evidence, no more (YAML dates as text)."""
    if isinstance(value, date):
        value = value.isoformat()
    if value is not None and (not isinstance(value, str) or not _DATE.match(value)):
        raise ValueError(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


class JurisdictionSource(Strict):
    """`published`: the date the source carries; `read`: when we read its content."""

    title: str
    url: HttpUrl | None = None
    kind: SourceKind
    published: str | None = None
    read: str

    @field_validator("published", "read", mode="before")
    @classmethod
    def _dates(cls, value: object) -> object:
        return evidence_date(value)

    @model_validator(mode="after")
    def _url_unless_law(self) -> JurisdictionSource:
        if self.url is None and self.kind != "law":
            raise ValueError(f"source {self.title!r} needs a url")
        return self

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_KINDS


class Sourced(Strict):
    confidence: Confidence = "unconfirmed"
    sources: list[str] = Field(default_factory=list)
    note: str | None = None


class Law(Strict):
    id: str
    name: str
    short: str | None = None
    # How a language names the law where it differs from `short` (DSGVO, RGPD …): language → name.
    names: dict[str, str] = Field(default_factory=dict)
    # The law after an article where a language joins them with "of the" and the law's own
    # article ("du RGPD", "da LGPD"); a language without one uses `citation.law_of` ("de la
    # loi …"), which fits any law.
    of_names: dict[str, str] = Field(default_factory=dict)
    citation: str | None = None
    in_force: str | None = None
    enacted: str | None = None
    sources: list[str] = Field(default_factory=list)

    @field_validator("in_force", "enacted", mode="before")
    @classmethod
    def _dates(cls, value: object) -> object:
        return evidence_date(value)

    @property
    def label(self) -> str:
        """How a letter or answer names the law: its short name, else its name."""
        return self.short or self.name

    def label_in(self, language: str) -> str:
        """The label as that language's own legal texts name the law (German: DSGVO)."""
        return self.names.get(language) or self.label

    def of_in(self, language: str, pattern: str) -> str:
        """The law as a citation names it after an article: its own form in `language`, else
        `pattern` (the catalogue's `citation.law_of`) around its label."""
        return self.of_names.get(language) or pattern.format(law=self.label_in(language))


class Controller(Sourced):
    entity: str | None = None


class Right(Sourced):
    status: Literal["yes", "no", "unknown"]
    law: str | None = None
    article: str | None = None
    route: Literal["meta_form", "meta_privacy_webform", "email", "none", "unknown"] | None = None
    since: str | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _yaml_booleans(cls, value: object) -> object:
        """YAML 1.1 reads an unquoted yes/no as a boolean."""
        if isinstance(value, bool):
            return "yes" if value else "no"
        return value

    @field_validator("since", mode="before")
    @classmethod
    def _dates(cls, value: object) -> object:
        return evidence_date(value)

    @model_validator(mode="after")
    def _law_when_yes(self) -> Right:
        if self.status == "yes" and not self.law:
            raise ValueError("a right with status yes names the law (its id) that gives it")
        return self


class Period(Strict):
    days: int = Field(gt=0)
    unit: Literal["calendar", "business", "month"]


class Deadline(Sourced):
    days: int = Field(gt=0)
    unit: Literal["calendar", "business", "month"]
    # What the table says about extending the deadline, for maintainers and English readers;
    # `extended_by` is the same as a period other languages can state ("two further months").
    extension: str | None = None
    extended_by: Period | None = None
    article: str | None = None
    law: str | None = None


class AiTraining(Sourced):
    status: Literal["training", "paused", "not_announced", "unknown"]
    since: str | None = None
    notice: str | None = None

    @field_validator("since", "notice", mode="before")
    @classmethod
    def _dates(cls, value: object) -> object:
        return evidence_date(value)


class Jurisdiction(Strict):
    laws: list[Law] = Field(default_factory=list)
    controller: Controller | None = None
    authority: str | None = None
    rights: dict[RightName, Right] = Field(default_factory=dict)
    deadlines: dict[DeadlineName, Deadline] = Field(default_factory=dict)
    ai_training: AiTraining | None = None
    note: str | None = None

    def facts(self) -> list[tuple[str, Sourced]]:
        out: list[tuple[str, Sourced]] = [(f"rights.{k}", v) for k, v in self.rights.items()]
        out += [(f"deadlines.{k}", v) for k, v in self.deadlines.items()]
        if self.controller:
            out.append(("controller", self.controller))
        if self.ai_training:
            out.append(("ai_training", self.ai_training))
        return out


class ExtraAuthority(Strict):
    """An authority the datenanfragen records (knowledge/authorities.yaml) do not hold."""

    name: str
    # Its official name in another language where it has one (Canada's French name).
    names: dict[str, str] = Field(default_factory=dict)
    # An English description that helps English readers only ("South Africa").
    english: str | None = None
    countries: list[str]
    url: HttpUrl
    complaint_url: HttpUrl | None = None
    sources: list[str] = Field(default_factory=list)

    def name_in(self, language: str) -> str:
        """Its name as a reader of `language` sees it: its own name, with the English
        description in English only."""
        if language in self.names:
            return self.names[language]
        if language == "en" and self.english:
            return f"{self.name} ({self.english})"
        return self.name


class JurisdictionFile(Strict):
    sources: dict[str, JurisdictionSource] = Field(default_factory=dict)
    jurisdictions: dict[str, Jurisdiction] = Field(default_factory=dict)
    authorities: dict[str, ExtraAuthority] = Field(default_factory=dict)

    @field_validator("jurisdictions")
    @classmethod
    def _codes(cls, value: dict[str, Jurisdiction]) -> dict[str, Jurisdiction]:
        bad = [code for code in value if not _CODE.match(code)]
        if bad:
            raise ValueError(f"not ISO 3166 codes: {bad}")
        return value


@dataclass(frozen=True)
class Jurisdictions:
    """Every jurisdiction file merged: look-ups by place, law id and source id."""

    by_code: dict[str, Jurisdiction]
    sources: dict[str, JurisdictionSource]
    authorities: dict[str, ExtraAuthority]
    files: dict[str, str]  # jurisdiction code → the file that defines it

    @classmethod
    def empty(cls) -> Jurisdictions:
        return cls({}, {}, {}, {})

    @classmethod
    def merge(cls, files: dict[str, JurisdictionFile]) -> tuple[Jurisdictions, list[str]]:
        """The merged table and what is defined twice (as messages naming the files)."""
        twice: list[str] = []
        by_code: dict[str, Jurisdiction] = {}
        sources: dict[str, JurisdictionSource] = {}
        authorities: dict[str, ExtraAuthority] = {}
        where: dict[str, str] = {}
        for name, data in files.items():
            for kind, seen, keys in (
                ("source", sources, data.sources),
                ("authority", authorities, data.authorities),
                ("jurisdiction", by_code, data.jurisdictions),
            ):
                twice += [f"{name}: {kind} {key!r} is defined twice" for key in keys if key in seen]
            sources.update(data.sources)
            authorities.update(data.authorities)
            by_code.update(data.jurisdictions)
            where.update(dict.fromkeys(data.jurisdictions, name))
        return cls(by_code, sources, authorities, where), twice

    @property
    def laws(self) -> dict[str, Law]:
        return {law.id: law for j in self.by_code.values() for law in j.laws}

    def for_place(self, country: str | None, subdivision: str | None = None) -> Jurisdiction | None:
        """A US state's own entry where it has one, else its country's; None when unknown."""
        if subdivision and subdivision in self.by_code:
            return self.by_code[subdivision]
        return self.by_code.get(country or "")

    def newest_evidence(self, fact: Sourced) -> str | None:
        """The newest publication date among a fact's sources: the date users are shown."""
        return newest_date(self.sources[s].published for s in fact.sources if s in self.sources)

    def problems(self, known_authorities: set[str]) -> list[tuple[str, str]]:
        """(file, message) for every broken reference and every unsupported `confirmed`."""
        out: list[tuple[str, str]] = []
        laws = set(self.laws)
        authorities = known_authorities | set(self.authorities)
        for code, j in self.by_code.items():
            file = self.files.get(code, "jurisdictions")
            refs = [(f"law {law.id}", s) for law in j.laws for s in law.sources]
            if j.authority and j.authority not in authorities:
                out.append((file, f"{code}: unknown authority {j.authority!r}"))
            for label, fact in j.facts():
                refs += [(label, s) for s in fact.sources]
                law = getattr(fact, "law", None)
                if law and law not in laws:
                    out.append((file, f"{code}: {label}: unknown law {law!r}"))
                kinds = {self.sources[s].kind for s in fact.sources if s in self.sources}
                if fact.confidence == "confirmed" and not kinds & PRIMARY_KINDS:
                    out.append(
                        (
                            file,
                            f"{code}: {label} is confirmed without a primary source "
                            "(the law, a regulator, a court or Meta)",
                        )
                    )
                if fact.confidence != "unconfirmed" and not fact.sources:
                    out.append((file, f"{code}: {label} is {fact.confidence} but cites no source"))
            out += [
                (file, f"{code}: {label}: unknown source {s!r}")
                for label, s in refs
                if s not in self.sources
            ]
        return out
