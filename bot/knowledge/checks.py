"""Consistency of the knowledge base beyond its schema: coverage, duplicates, dates, claims."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from itertools import product
from pathlib import Path
from typing import get_args

import yaml

from bot import callbacks
from bot.i18n import catalogue
from bot.knowledge.jurisdictions import RightName
from bot.knowledge.languages import check_languages
from bot.knowledge.loader import KnowledgeData, Problem, read
from bot.knowledge.models import Card, as_date
from bot.knowledge.templates import FIELDS, Context, applies, placeholders, render
from bot.knowledge.wording import internal_words, load_words
from bot.places import Gazetteer
from bot.text import fold
from bot.vocabulary import ALL, DEFAULT_LANGUAGE, Account, Confidence, Goal, Platform, Region
from bot.yamlfile import load_yaml

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
    problems += _coverage(kb)
    problems += _examples(kb)
    problems += _claims(kb)
    problems += _matching(kb)
    problems += _places(kb)
    problems += _actions(kb)
    problems += _letters(kb, today)
    problems += _start(kb)
    problems += _button_ids(kb)
    problems += _jurisdictions(kb)
    problems += check_languages(kb)
    return problems


def _file(kb: KnowledgeData, card: Card) -> str:
    return kb.card_files.get(card.id, "knowledge/cards")


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
        where = _file(kb, card)

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
                    _file(kb, card),
                    f"card {card.id}: internal word(s) users would read: {', '.join(found)}",
                )
            )
    return out


def _coverage(kb: KnowledgeData) -> list[Problem]:
    """Each goal × platform × region × account has exactly one most specific card."""
    out = []
    for goal, platform in product(Goal, Platform):
        cards = kb.cards_for(goal, platform)
        where = _file(kb, cards[0]) if cards else f"knowledge/cards/{goal.value}.yaml"
        if not cards:
            out.append(
                Problem(
                    "error",
                    where,
                    f"{goal.value} × {platform.value}: no answer and no "
                    "explicit not-applicable card",
                )
            )
            continue
        missing_regions = [r.value for r in Region if not kb.cards_for(goal, platform, r)]
        if missing_regions:
            out.append(
                Problem(
                    "error",
                    where,
                    f"{goal.value} × {platform.value}: no card for "
                    f"region(s) {', '.join(missing_regions)}",
                )
            )
        for region, account in product(Region, Account):
            fitting = kb.cards_for(goal, platform, region, account)
            if not fitting:
                if region.value not in missing_regions:
                    out.append(
                        Problem(
                            "error",
                            where,
                            f"{goal.value} × {platform.value} × "
                            f"{region.value}: no card for {account.value} accounts",
                        )
                    )
                continue
            tied = _indistinguishable(fitting)
            if tied:
                out.append(
                    Problem(
                        "error",
                        where,
                        f"duplicate cards for {goal.value} × "
                        f"{platform.value} × {region.value} × {account.value}: "
                        f"{', '.join(c.id for c in tied)} (same title, or no examples "
                        "to tell them apart)",
                    )
                )
    # report each duplicate pair once
    seen: set[str] = set()
    unique = []
    for p in out:
        key = p.message.split(": ", 1)[-1] if p.message.startswith("duplicate") else p.message
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _indistinguishable(fitting: list[Card]) -> list[Card]:
    """The most specific cards when the question cannot choose between them, else [].

    Several equally specific cards are sub-topics of the goal; the question picks one by its
    examples, so each needs examples of its own and a title of its own."""
    best = max(_specificity(c) for c in fitting)
    tied = [c for c in fitting if _specificity(c) == best]
    titles = {c.texts[DEFAULT_LANGUAGE].title for c in tied if DEFAULT_LANGUAGE in c.texts}
    if len(tied) > 1 and (
        len(titles) < len(tied)
        or any(
            not c.texts.get(DEFAULT_LANGUAGE) or not c.texts[DEFAULT_LANGUAGE].examples
            for c in tied
        )
    ):
        return tied
    return []


def _specificity(card: Card) -> tuple[int, int, int]:
    return (int(card.platform_specific), int(card.region_specific), -len(card.accounts))


def _examples(kb: KnowledgeData) -> list[Problem]:
    out = []
    owners: dict[str, set[Goal]] = defaultdict(set)
    where: dict[str, str] = {}
    for card in kb.cards:
        for text in card.texts.values():
            for example in text.examples:
                key = fold(example)
                owners[key].add(card.goal)
                where.setdefault(key, _file(kb, card))
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
        parts += [t.title, t.summary, t.guide_note or "", *t.steps, *t.caveats, *t.does_not]
        for paths in (t.path, t.guide_path):
            for path in paths.values():
                parts += path
    parts += [s.title for s in card.sources]
    return " " + " ".join(fold(p) if fold_ else p for p in parts) + " "


def _claims(kb: KnowledgeData) -> list[Problem]:
    out = []
    claims_dir = kb.directory / "claims"
    ids: set[str] = set()
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
        texts = [_card_words(kb.by_id[c]) for c in claim.cards]
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


def _actions(kb: KnowledgeData) -> list[Problem]:
    """Checklist items and offered buttons point at things that exist; reminders have timings."""
    out = []
    letters_file = str(kb.directory / "letters.yaml")
    checklist_file = str(kb.directory / "checklist.yaml")
    known = set(kb.letters.letters)

    def bad_actions(actions: list[str]) -> list[str]:
        wrong = []
        for action in actions:
            kind, _, name = action.partition(":")
            if not (
                (kind == "letter" and name in known)
                or (kind == "remind" and name in kb.letters.remind)
                or (kind == "checklist" and not name)
            ):
                wrong.append(action)
        return wrong

    ids: set[str] = set()
    for item in kb.checklist.items:
        if item.id in ids:
            out.append(Problem("error", checklist_file, f"item {item.id}: duplicate id"))
        ids.add(item.id)
        if DEFAULT_LANGUAGE not in item.texts:
            out.append(Problem("error", checklist_file, f"item {item.id}: no English title"))
        for wrong in bad_actions(item.actions):
            out.append(Problem("error", checklist_file, f"item {item.id}: unknown action {wrong}"))
    for offer in kb.letters.offers:
        for wrong in bad_actions(offer.actions):
            out.append(
                Problem(
                    "error", letters_file, f"offer for {offer.goal.value}: unknown action {wrong}"
                )
            )
    out += _follow_ups(kb, bad_actions)
    return out


def _letters(kb: KnowledgeData, today: date) -> list[Problem]:
    """Each letter has English text, answer cards that exist, rights the table knows and only
    placeholders the bot fills; each US state in us_states.yaml is a US state code."""
    out = []
    letters_file = str(kb.directory / "letters.yaml")
    for letter_id, letter in kb.letters.letters.items():
        if DEFAULT_LANGUAGE not in letter.texts:
            out.append(Problem("error", letters_file, f"letter {letter_id}: no English text"))
        cards = (
            [letter.card] if isinstance(letter.card, str) else list((letter.card or {}).values())
        )
        for card in cards:
            if card not in kb.by_id:
                out.append(
                    Problem("error", letters_file, f"letter {letter_id}: unknown card {card!r}")
                )
        for right in set(letter.rights) - set(get_args(RightName)):
            out.append(
                Problem("error", letters_file, f"letter {letter_id}: unknown right {right!r}")
            )
        if letter.deadline is not None and letter.deadline not in kb.letters.deadlines:
            problem = f"letter {letter_id}: unknown deadline {letter.deadline!r}"
            out.append(Problem("error", letters_file, problem))
        for language, text in letter.texts.items():
            for part in (text.title, text.how, text.text, *text.parts.values()):
                unknown = placeholders(part) - FIELDS
                if unknown:
                    out.append(
                        Problem(
                            "error",
                            letters_file,
                            f"letter {letter_id}.{language}: "
                            f"unknown placeholder(s) {', '.join(sorted(unknown))}",
                        )
                    )
        out += _unfilled(kb, letter_id, letters_file, today)
    for kind, rule in kb.letters.reminders.items():
        if rule.deadline is not None and rule.deadline not in kb.letters.deadlines:
            problem = f"reminders: {kind}: unknown deadline {rule.deadline!r}"
            out.append(Problem("error", letters_file, problem))
    if kb.states is not None:
        for code in kb.states.states:
            if not code.startswith("US-"):
                out.append(
                    Problem(
                        "error",
                        str(kb.directory / "us_states.yaml"),
                        f"{code} is not a US state code",
                    )
                )
    return out


def _unfilled(kb: KnowledgeData, letter_id: str, where: str, today: date) -> list[Problem]:
    """Every placeholder the jurisdiction table cannot fill, for every jurisdiction the letter
    applies to (rendered as the bot would, with the place's code for its name)."""
    letter = kb.letters.letters[letter_id]
    out = []
    for code, j in kb.jurisdictions.by_code.items():
        if not applies(letter, code, j, region_of_code(kb.directory, code)):
            continue
        for language in letter.texts:
            state = code if "-" in code else ""
            context = Context(today, language, code.split("-")[0], state)
            filled = render(kb.jurisdictions, j, letter, kb.letters.deadlines, context)
            for name in sorted(filled.missing):
                problem = (
                    f"letter {letter_id}.{language} for {code}: the table cannot fill {{{name}}}"
                )
                out.append(Problem("error", where, problem))
    return out


@cache
def _gazetteer(directory: Path) -> Gazetteer:
    return Gazetteer.load(directory)


def region_of_code(directory: Path, code: str) -> Region | None:
    """The derived region of a jurisdiction code ("US-CA", "GB" …)."""
    country, _, state = code.partition("-")
    return _gazetteer(directory).region_of(country, code if state else None)


def _jurisdictions(kb: KnowledgeData) -> list[Problem]:
    """Broken references, `confirmed` without a primary source, and places with no entry.

    Every EU/EEA country, the UK and every US state with a privacy law in us_states.yaml must
    have a jurisdiction: those are the places whose rights the bot states.
    """
    table = kb.jurisdictions
    where = str(kb.directory / "jurisdictions")
    slugs = {a["slug"] for a in load_yaml(kb.directory / "authorities.yaml")["authorities"]}
    out = [Problem("error", file, message) for file, message in table.problems(slugs)]
    membership = load_yaml(kb.directory / "places.yaml")["membership"]
    needed = {*membership["eu"], *membership["eea"], *membership["uk"]}
    needed |= set(kb.states.states) if kb.states else set()
    out += [
        Problem("error", where, f"{code}: no jurisdiction entry")
        for code in sorted(needed - set(table.by_code))
    ]
    return out


def _follow_ups(kb: KnowledgeData, bad_actions: Callable[[list[str]], list[str]]) -> list[Problem]:
    """What follows a letter or a reminder exists; "remind me" buttons set reminders that have
    a timing; every reminder says something when due."""
    out = []
    letters_file = str(kb.directory / "letters.yaml")
    for letter_id, letter in kb.letters.letters.items():
        for wrong in bad_actions(letter.then):
            out.append(Problem("error", letters_file, f"letter {letter_id}: unknown {wrong}"))
    messages = catalogue(DEFAULT_LANGUAGE)
    checklist_ids = {item.id for item in kb.checklist.items}
    for name, offer in kb.letters.remind.items():
        for kind in offer.starts:
            if kind not in kb.letters.reminders:
                out.append(Problem("error", letters_file, f"remind {name}: {kind} has no timing"))
        if offer.marks_done and offer.marks_done not in checklist_ids:
            problem = f"remind {name}: no checklist item {offer.marks_done}"
            out.append(Problem("error", letters_file, problem))
        for key in (f"reminders.button_{name}", f"reminders.{name}_set"):
            if key not in messages:
                out.append(Problem("error", letters_file, f"remind {name}: no message {key}"))
    for kind, rule in kb.letters.reminders.items():
        if rule.again is not None and rule.again not in kb.letters.reminders:
            out.append(Problem("error", letters_file, f"reminders: {kind}: unknown {rule.again}"))
        for wrong in bad_actions(rule.then):
            out.append(Problem("error", letters_file, f"reminders: {kind}: unknown {wrong}"))
        if not rule.asks_outcome and f"reminders.{kind}_due" not in messages:
            problem = f"reminders: {kind}: no message reminders.{kind}_due"
            out.append(Problem("error", letters_file, problem))
    return out


def _start(kb: KnowledgeData) -> list[Problem]:
    if kb.checklist.start:
        return []
    return [Problem("error", str(kb.directory / "checklist.yaml"), "start: no goals to offer")]


def _button_ids(kb: KnowledgeData) -> list[Problem]:
    """Ids that travel in button data fit it (bot/callbacks.py), or their buttons go stale."""
    wide = (
        [("cards", card.id, callbacks.CARD_ID_WIDTH) for card in kb.cards]
        + [("letters.yaml", name, callbacks.ID_WIDTH) for name in kb.letters.letters]
        + [("letters.yaml", name, callbacks.ID_WIDTH) for name in kb.letters.remind]
    )
    return [
        Problem("error", str(kb.directory / where), f"{name}: id longer than {width} bytes")
        for where, name, width in wide
        if len(name.encode()) > width
    ]
