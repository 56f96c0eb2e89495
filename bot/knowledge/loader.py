"""Reading the YAML files under `knowledge/` into validated records, with every problem found.

`bot.knowledge.services` builds the knowledge base the bot runs on from these records;
`bot.knowledge.checks` checks them (`optout-bot kb check`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.knowledge.jurisdictions import Jurisdiction, JurisdictionFile, Jurisdictions
from bot.knowledge.models import (
    Asked,
    Card,
    CardFile,
    ChecklistFile,
    Claim,
    GoalInfo,
    LettersFile,
    PlatformInfo,
    StatesFile,
)
from bot.knowledge.translations import Errors, merge_translations
from bot.text import fold, phrases_pattern
from bot.vocabulary import DEFAULT_LANGUAGE, Account, Goal, Platform, Region
from bot.yamlfile import load_yaml

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "knowledge"

Id = TypeVar("Id", bound=StrEnum)
Model = TypeVar("Model", bound=BaseModel)


class KnowledgeError(Exception):
    """The knowledge base cannot be loaded; `problems` says where and why."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Problem:
    level: str  # "error" | "warning"
    file: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.file}: {self.message}"


@dataclass
class KnowledgeData:
    """What the knowledge files hold, validated."""

    directory: Path
    cards: list[Card]
    goals: dict[Goal, GoalInfo]
    platforms: dict[Platform, PlatformInfo]
    claims: list[Claim] = field(default_factory=list)
    card_files: dict[str, str] = field(default_factory=dict)  # card id → file it came from
    checklist: ChecklistFile = field(default_factory=lambda: ChecklistFile(items=[]))
    letters: LettersFile = field(default_factory=lambda: LettersFile(letters={}))
    states: StatesFile | None = None
    jurisdictions: Jurisdictions = field(default_factory=Jurisdictions.empty)
    asked: list[Asked] = field(default_factory=list)  # knowledge/asked/: labelled questions
    # every other company's name the lexicons list, folded (the asked questions that name one)
    companies: list[str] = field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Card]:
        return {card.id: card for card in self.cards}

    @cached_property
    def by_goal(self) -> dict[Goal, list[Card]]:
        out: dict[Goal, list[Card]] = defaultdict(list)
        for card in self.cards:
            out[card.goal].append(card)
        return dict(out)

    def goal_name(self, goal: Goal, language: str = DEFAULT_LANGUAGE, short: bool = False) -> str:
        texts = self.goals[goal].texts
        names = texts.get(language) or texts[DEFAULT_LANGUAGE]
        return (names.short or names.name) if short else names.name

    def platform_name(self, platform: Platform, language: str = DEFAULT_LANGUAGE) -> str:
        texts = self.platforms[platform].texts
        names = texts.get(language) or texts.get(DEFAULT_LANGUAGE)
        return names.name if names else platform.value.title()

    def cards_for(
        self,
        goal: Goal,
        platform: Platform | None = None,
        region: Region | None = None,
        account: Account | None = None,
        jurisdiction: Jurisdiction | None = None,
    ) -> list[Card]:
        """Cards of a goal that fit what is known; unknown dimensions keep every variant."""
        return [
            card
            for card in self.by_goal.get(goal, [])
            if (platform is None or card.covers_platform(platform))
            and (region is None or card.covers_region(region))
            and (account is None or card.covers_account(account))
            and card.covers_rights(jurisdiction)
        ]


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    try:
        return load_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        problems.append(Problem("error", str(path), f"cannot read YAML: {exc}"))
        return None


def _validation(path: Path, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"])
        out.append(Problem("error", str(path), f"{where}: {err['msg']}"))
    return out


def read(directory: Path | None = None) -> tuple[KnowledgeData, list[Problem]]:
    """Everything that could be read (invalid records left out), and every problem found."""
    directory = directory or DEFAULT_DIR
    problems: list[Problem] = []
    cards: list[Card] = []
    card_files: dict[str, str] = {}
    for path in sorted((directory / "cards").glob("*.yaml")):
        data = _read_yaml(path, problems)
        if data is None:
            continue
        _translated(directory, path, data, "cards", problems)
        try:
            parsed = CardFile.model_validate(data)
        except ValidationError as exc:
            problems.extend(_validation(path, exc))
            continue
        for card in parsed.cards:
            if card.id in card_files:
                problems.append(
                    Problem(
                        "error",
                        str(path),
                        f"duplicate card id {card.id!r} (also in {card_files[card.id]})",
                    )
                )
                continue
            card_files[card.id] = str(path)
            cards.append(card)

    goals = _keyed(directory / "goals.yaml", "goals", Goal, GoalInfo, problems)
    platforms = _keyed(directory / "platforms.yaml", "platforms", Platform, PlatformInfo, problems)

    claims = _listed(
        sorted((directory / "claims").glob("*.yaml")),
        lambda data: (data or {}).get("claims") or [],
        Claim,
        "claim",
        problems,
    )
    # questions people asked, each with its goal or null (not ours): the sentence embedding
    # compares a new question with them (bot/semantic.py)
    asked = _listed(
        sorted((directory / "asked").rglob("*.yaml")),
        lambda data: data or [],
        Asked,
        "question",
        problems,
    )
    companies = _company_names(directory, problems)
    asked = _marked_another(asked, companies)
    checklist = _model(directory / "checklist.yaml", ChecklistFile, problems, "items")
    letters = _model(directory / "letters.yaml", LettersFile, problems, "letters")
    states = _model(directory / "us_states.yaml", StatesFile, problems)
    data = KnowledgeData(
        directory,
        cards,
        goals,
        platforms,
        claims,
        card_files,
        checklist or ChecklistFile(items=[]),
        letters or LettersFile(letters={}),
        states,
        _jurisdictions(directory, problems),
        asked,
        companies,
    )
    return data, problems


def _company_names(directory: Path, problems: list[Problem]) -> list[str]:
    """Every other company's name the lexicons list (out_of_scope and elsewhere), folded."""
    names: set[str] = set()
    for path in sorted((directory / "matching").glob("*.yaml")):
        data = _read_yaml(path, problems) or {}
        for section in ("out_of_scope", "elsewhere"):
            for phrases in ((data.get(section) or {}).get("companies") or {}).values():
                names.update(fold(str(phrase)) for phrase in phrases or ())
    return sorted(name for name in names if name)


def _marked_another(asked: list[Asked], names: list[str]) -> list[Asked]:
    """The questions that are not ours and name another company, marked as such ("how do i stop
    chatgpt training on my chats"): the embedding reads them as the same question asked of
    Meta, which they say nothing about."""
    if not names:
        return asked
    named = phrases_pattern(names)
    return [
        q.model_copy(update={"names_another": True})
        if q.goal is None and named.search(fold(q.text))
        else q
        for q in asked
    ]


def _listed(
    paths: list[Path],
    items: Callable[[Any], list[Any]],
    model: type[Model],
    what: str,
    problems: list[Problem],
) -> list[Model]:
    """Every item of every file (`items` picks the list out of a file's YAML) as `model`; an
    invalid one is a problem that names its file and number, and the others are still read."""
    out: list[Model] = []
    for path in paths:
        for i, item in enumerate(items(_read_yaml(path, problems))):
            try:
                out.append(model.model_validate(item))
            except ValidationError as exc:
                problems.extend(
                    Problem(p.level, p.file, f"{what} {i}: {p.message}")
                    for p in _validation(path, exc)
                )
    return out


def _jurisdictions(directory: Path, problems: list[Problem]) -> Jurisdictions:
    """Every `jurisdictions/*.yaml` merged; an id defined in two files is an error."""
    files: dict[str, JurisdictionFile] = {}
    for path in sorted((directory / "jurisdictions").glob("*.yaml")):
        parsed = _model(path, JurisdictionFile, problems)
        if parsed is not None:
            files[str(path)] = parsed
    table, twice = Jurisdictions.merge(files)
    problems.extend(Problem("error", str(directory / "jurisdictions"), m) for m in twice)
    return table


def _keyed(
    path: Path, section: str, ids: type[Id], model: type[Model], problems: list[Problem]
) -> dict[Id, Model]:
    """A `section:` mapping of vocabulary ids (goals, platforms) to validated records."""
    out: dict[Id, Model] = {}
    data = _read_yaml(path, problems) or {}
    for key, value in (data.get(section) or {}).items():
        try:
            out[ids(key)] = model.model_validate(value)
        except ValueError as exc:
            problems.append(Problem("error", str(path), f"{section[:-1]} {key!r}: {exc}"))
    return out


def _model(
    path: Path, model: type[Model], problems: list[Problem], translated: str | None = None
) -> Model | None:
    """An optional knowledge file validated as `model` (None when absent or invalid), with
    the translations of its `translated` section merged in first."""
    if not path.exists():
        return None
    data = _read_yaml(path, problems)
    if data is None:
        return None
    if translated:
        _translated(path.parent, path, data, translated, problems)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems.extend(_validation(path, exc))
        return None


def _translated(
    directory: Path, path: Path, data: Any, section: str, problems: list[Problem]
) -> None:
    """knowledge/translations/<lang>/… merged into `data[section]` (bot.knowledge.translations)."""
    records = data.get(section) if isinstance(data, dict) else None
    if not isinstance(records, (list, dict)):
        return
    errors: Errors = []
    merge_translations(directory, path, section, records, errors)
    problems.extend(Problem("error", file, message) for file, message in errors)


def load_data(directory: Path | None = None) -> KnowledgeData:
    """Read and validate; raises KnowledgeError with every problem when the data is unusable."""
    data, problems = read(directory)
    errors = [p for p in problems if p.level == "error"]
    if errors:
        raise KnowledgeError(errors)
    return data
