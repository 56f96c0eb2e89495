"""`kb check`: letters, reminders, checklist actions, the start menu and button ids — the rules
the conversation runs on, as data."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import get_args

from bot import callbacks
from bot.i18n import catalogue
from bot.knowledge.check_coverage import region_of_code
from bot.knowledge.jurisdictions import RightName
from bot.knowledge.loader import KnowledgeData, Problem
from bot.knowledge.templates import FIELDS, Context, applies, placeholders, render
from bot.vocabulary import DEFAULT_LANGUAGE


def actions(kb: KnowledgeData) -> list[Problem]:
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
    out += follow_ups(kb, bad_actions)
    return out


def letters(kb: KnowledgeData, today: date) -> list[Problem]:
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
        out += unfilled(kb, letter_id, letters_file, today)
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


def unfilled(kb: KnowledgeData, letter_id: str, where: str, today: date) -> list[Problem]:
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


def follow_ups(kb: KnowledgeData, bad_actions: Callable[[list[str]], list[str]]) -> list[Problem]:
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


def start(kb: KnowledgeData) -> list[Problem]:
    if kb.checklist.start:
        return []
    return [Problem("error", str(kb.directory / "checklist.yaml"), "start: no goals to offer")]


def button_ids(kb: KnowledgeData) -> list[Problem]:
    """Ids that travel in button data fit it (bot/callbacks.py), or their buttons go stale."""
    wide = (
        [("cards", card.id, callbacks.DETAILS_CARD_WIDTH) for card in kb.cards]
        + [("letters.yaml", name, callbacks.ID_WIDTH) for name in kb.letters.letters]
        + [("letters.yaml", name, callbacks.ID_WIDTH) for name in kb.letters.remind]
    )
    return [
        Problem("error", str(kb.directory / where), f"{name}: id longer than {width} bytes")
        for where, name, width in wide
        if len(name.encode()) > width
    ]
