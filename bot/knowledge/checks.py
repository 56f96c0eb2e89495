"""Consistency of the knowledge base beyond its schema: coverage, duplicates, dates, claims."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import yaml

from bot.knowledge.check_coverage import card_file, coverage, jurisdictions
from bot.knowledge.check_rules import actions, button_ids, letters, start
from bot.knowledge.languages import check_languages
from bot.knowledge.loader import KnowledgeData, Problem, read
from bot.knowledge.models import Card, as_date
from bot.knowledge.wording import internal_words, load_words
from bot.places import Gazetteer
from bot.rights import PLACEHOLDER, placeholder_names
from bot.text import fold
from bot.vocabulary import ALL, DEFAULT_LANGUAGE, Confidence, Goal, Platform
from bot.yamlfile import load_yaml

RIGHTS_FIELDS = placeholder_names()
# Evidence older than this gets a warning: Meta moves menus and policies within a year.
STALE_AFTER = timedelta(days=365)


def check(directory: Path | None = None, today: date | None = None) -> list[Problem]:
    """Every problem `kb check` reports: schema errors first, then consistency."""
    kb, problems = read(directory)
    problems.extend(consistency(kb, today or date.today()))
    return problems


def consistency(kb: KnowledgeData, today: date) -> list[Problem]:
    problems: list[Problem] = []
    problems += _vocabulary(kb)
    problems += _cards(kb, today)
    problems += _wording(kb)
    problems += coverage(kb)
    problems += _examples(kb)
    problems += _claims(kb)
    problems += _matching(kb)
    problems += _places(kb)
    problems += actions(kb)
    problems += letters(kb, today)
    problems += start(kb)
    problems += button_ids(kb)
    problems += jurisdictions(kb)
    problems += check_languages(kb)
    return problems


def _vocabulary(kb: KnowledgeData) -> list[Problem]:
    out = []
    goals_file = str(kb.directory / "goals.yaml")
    for goal in Goal:
        if goal not in kb.goals:
            out.append(Problem("error", goals_file, f"goal {goal.value!r} has no name"))
        elif DEFAULT_LANGUAGE not in kb.goals[goal].texts:
            out.append(Problem("error", goals_file, f"goal {goal.value!r} has no English name"))
    platforms_file = str(kb.directory / "platforms.yaml")
    for platform in Platform:
        if platform not in kb.platforms:
            out.append(Problem("error", platforms_file, f"platform {platform.value!r} is missing"))
    return out


def _cards(kb: KnowledgeData, today: date) -> list[Problem]:
    out = []
    for card in kb.cards:
        where = card_file(kb, card)

        def err(message: str, card: Card = card, where: str = where) -> None:
            out.append(Problem("error", where, f"card {card.id}: {message}"))

        if DEFAULT_LANGUAGE not in card.texts:
            err("has no English text (an `en:` block)")
            continue
        if not card.sources:
            err("has no sources")
        text = card.texts[DEFAULT_LANGUAGE]
        if not card.not_applicable and len(text.examples) < 2:
            err("needs at least two example questions for matching")
        if not card.not_applicable and not (text.steps or text.path):
            err("gives neither a path nor steps (mark it not_applicable if nothing applies)")
        out.extend(_evidence(card, where, today))
        for language, t in card.texts.items():
            for field in ("path", "guide_path"):
                for key in getattr(t, field):
                    if key != ALL and not card.covers_platform(Platform(key)):
                        err(f"{language}.{field} names {key}, which the card does not cover")
        if card.goal in card.related:
            err("lists its own goal as related")
        for language, t in card.texts.items():
            unknown = {
                n for line in t.readable() for n in PLACEHOLDER.findall(line)
            } - RIGHTS_FIELDS
            if unknown:
                err(f"{language} text asks for unknown value(s) {sorted(unknown)}")
    return out


def _evidence(card: Card, where: str, today: date) -> list[Problem]:
    """`confirmed` needs a primary source; the newest evidence must be dated and recent."""
    out = []
    if card.confidence == Confidence.confirmed and not card.has_primary_source:
        out.append(
            Problem(
                "error",
                where,
                f"card {card.id}: confirmed without a primary source "
                "(Meta's own help or policy, a regulator, a court or the law)",
            )
        )
    newest = card.evidence_as_of
    if newest is None:
        out.append(Problem("warning", where, f"card {card.id}: no source has a published date"))
    elif as_date(newest) > today:
        out.append(Problem("error", where, f"card {card.id}: evidence dated {newest} is future"))
    elif today - as_date(newest) > STALE_AFTER:
        out.append(
            Problem(
                "warning",
                where,
                f"card {card.id}: newest evidence is from {newest}, "
                "more than 12 months ago — look for newer sources",
            )
        )
    return out


def _wording(kb: KnowledgeData) -> list[Problem]:
    """No card text a user reads uses our internal words (knowledge/internal_words.yaml)."""
    words = load_words(kb.directory)
    out = []
    for card in kb.cards:
        found = sorted({w.lower() for w in internal_words(_card_words(card, fold_=False), words)})
        if found:
            out.append(
                Problem(
                    "error",
                    card_file(kb, card),
                    f"card {card.id}: internal word(s) users would read: {', '.join(found)}",
                )
            )
    return out


def _examples(kb: KnowledgeData) -> list[Problem]:
    out = []
    owners: dict[str, set[Goal]] = defaultdict(set)
    where: dict[str, str] = {}
    for card in kb.cards:
        for text in card.texts.values():
            for example in text.examples:
                key = fold(example)
                owners[key].add(card.goal)
                where.setdefault(key, card_file(kb, card))
    for example, goals in owners.items():
        if len(goals) > 1:
            names = ", ".join(sorted(g.value for g in goals))
            out.append(
                Problem(
                    "error",
                    where[example],
                    f"example {example!r} is used for several goals ({names})",
                )
            )
    return out


def _card_words(card: Card, fold_: bool = True) -> str:
    """Everything of the card a user can read (not its example questions)."""
    parts = []
    for t in card.texts.values():
        parts += t.readable()
        for paths in (t.path, t.guide_path):
            for path in paths.values():
                parts += path
    parts += [s.title for s in card.sources]
    return " " + " ".join(fold(p) if fold_ else p for p in parts) + " "


def _claims(kb: KnowledgeData) -> list[Problem]:
    out = []
    claims_dir = kb.directory / "claims"
    ids: set[str] = set()
    words: dict[str, str] = {}  # card id → its words: a card is in many claims, folding is slow
    for claim in kb.claims:
        where = str(claims_dir)
        if claim.id in ids:
            out.append(Problem("error", where, f"claim {claim.id}: duplicate id"))
        ids.add(claim.id)
        unknown = [c for c in claim.cards if c not in kb.by_id]
        if unknown:
            out.append(
                Problem("error", where, f"claim {claim.id}: unknown card(s) {', '.join(unknown)}")
            )
            continue
        for c in claim.cards:
            if c not in words:
                words[c] = _card_words(kb.by_id[c])
        texts = [words[c] for c in claim.cards]
        for keyword in claim.keywords:
            needle = f" {fold(keyword)} "
            if not any(needle in text for text in texts):
                out.append(
                    Problem(
                        "error",
                        where,
                        f"claim {claim.id}: keyword {keyword!r} "
                        f"appears in none of {', '.join(claim.cards)}",
                    )
                )
    return out


def _matching(kb: KnowledgeData) -> list[Problem]:
    out = []
    for path in sorted((kb.directory / "matching").glob("*.yaml")):
        try:
            data = load_yaml(path)
            concepts = set(data["concepts"]) | {"platform"}  # set when an app is named
            for goal, rules in (data.get("goal_signals") or {}).items():
                if goal not in Goal.__members__:
                    out.append(Problem("error", str(path), f"goal_signals: unknown goal {goal!r}"))
                for rule in rules:
                    unknown = set(rule["all"]) - concepts
                    if unknown:
                        out.append(
                            Problem(
                                "error",
                                str(path),
                                f"goal_signals.{goal}: unknown "
                                f"concept(s) {', '.join(sorted(unknown))}",
                            )
                        )
            for key in (
                "scope_alone",
                "scope_actions",
                "scope_targets",
                "scope_with_ai",
                "scope_with_app",
                "scope_over_topics",
            ):
                unknown = set(data.get(key) or []) - concepts
                if unknown:
                    out.append(
                        Problem("error", str(path), f"{key}: unknown {', '.join(sorted(unknown))}")
                    )
        except (yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
            out.append(Problem("error", str(path), f"unreadable: {exc!r}"))
    return out


def _places(kb: KnowledgeData) -> list[Problem]:
    try:
        Gazetteer.load(kb.directory)
    except Exception as exc:
        return [Problem("error", str(kb.directory / "places.yaml"), f"cannot load: {exc}")]
    return []
