"""`kb check`: the six languages kept in step.

Errors: a catalogue lacks a message English has; a message, card, checklist item or letter asks
for other {placeholders} than its English original; a text reads as another language than the
one it is filed under; a text breaks Telegram's limits; a card, checklist item or letter lacks
a language, or a translation lacks a part English has (a step, a caveat, an app's path …; the
example questions are each language's own and are not compared). A catalogue key English does
not have is a warning (nothing reads it). The bot still shows English for anything missing and
says so, so a gap never reaches a user as silence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from pydantic import BaseModel

from bot.i18n import LOCALES, catalogue, languages
from bot.knowledge.loader import KnowledgeData, Problem
from bot.knowledge.templates import placeholders
from bot.language import identify
from bot.text import html_to_plain
from bot.vocabulary import DEFAULT_LANGUAGE

# Telegram's limits (Bot API): a message, a command description, the bot's descriptions.
MESSAGE_LIMIT = 4096
LIMITS = {
    "telegram.description": 512,
    "telegram.short_description": 120,
    "telegram.commands.": 256,
    "telegram.admin_commands.": 256,
    "errors.stale_button": 200,  # a toast (answerCallbackQuery), not a button
}
BUTTON_LIMIT = 64  # characters: longer labels are cut off on phones
# A placeholder filled in at its longest plausible size when a message's length is checked.
FILLED = "x" * 400
# Messages that are the same words in every language, lists or citation patterns, not prose.
NOT_PROSE = (
    "language.names.",
    "companies.",
    "input.",
    "onboarding.common_countries",
    "citation.",
)
_PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# A card, checklist item or letter without a language, or a translation lacking a part English
# has. An error: all five translations are complete, so every English change (a new card, a new
# field) must land with its de/fr/es/it/pt text and the six languages stay in step.
MISSING = "error"


def check_languages(kb: KnowledgeData) -> list[Problem]:
    problems = check_catalogues({language: catalogue(language) for language in languages()})
    problems += _knowledge(kb)
    return problems


def _where(language: str) -> str:
    return str(LOCALES / f"{language}.yaml")


def check_catalogues(catalogues: dict[str, dict[str, str]]) -> list[Problem]:
    """The message catalogues (language → flattened messages) against English."""
    return list(_catalogues(catalogues))


def _catalogues(catalogues: dict[str, dict[str, str]]) -> Iterator[Problem]:
    english = catalogues[DEFAULT_LANGUAGE]
    for language, messages in catalogues.items():
        where = _where(language)
        if language != DEFAULT_LANGUAGE:
            for key in english.keys() - messages.keys():
                yield Problem("error", where, f"{key}: missing (English has it)")
            for key in messages.keys() - english.keys():
                yield Problem("warning", where, f"{key}: English has no such message")
        for key, text in messages.items():
            yield from _message(language, key, text, english.get(key))


def _message(language: str, key: str, text: str, english: str | None) -> Iterator[Problem]:
    where = _where(language)
    if english is not None and placeholders(text) != placeholders(english):
        yield Problem(
            "error",
            where,
            f"{key}: placeholders {sorted(placeholders(text))} differ from English "
            f"{sorted(placeholders(english))}",
        )
    limit = next((n for prefix, n in LIMITS.items() if key.startswith(prefix)), MESSAGE_LIMIT)
    if key.endswith("_button") and key not in LIMITS:
        limit = BUTTON_LIMIT
    shown = len(html_to_plain(_PLACEHOLDER.sub(FILLED, text))) if limit == MESSAGE_LIMIT else None
    length = shown if shown is not None else len(text)
    if length > limit:
        yield Problem("error", where, f"{key}: {length} characters, Telegram allows {limit}")
    if not key.startswith(NOT_PROSE):
        yield from _reads_as(language, key, text, where)


def _reads_as(language: str, what: str, text: str, where: str) -> Iterator[Problem]:
    plain = html_to_plain(_PLACEHOLDER.sub(" ", text))
    found = identify(plain)
    if found is not None and found != language:
        yield Problem("error", where, f"{what}: reads as {found!r}, not {language!r}")


def _knowledge(kb: KnowledgeData) -> list[Problem]:
    out: list[Problem] = []
    directory = kb.directory
    for goal, info in kb.goals.items():
        for language, names in info.texts.items():
            out += _reads_as(
                language, f"goal {goal.value}", names.name, str(directory / "goals.yaml")
            )
            if names.short and len(names.short) > BUTTON_LIMIT:
                out.append(
                    Problem(
                        "error",
                        str(directory / "goals.yaml"),
                        f"goal {goal.value}: short name too long",
                    )
                )
    for card in kb.cards:
        out += _translations(card.id, card.texts, kb.card_files.get(card.id, "knowledge/cards"))
    for item in kb.checklist.items:
        out += _translations(f"checklist {item.id}", item.texts, str(directory / "checklist.yaml"))
    for name, letter in kb.letters.letters.items():
        out += _translations(f"letter {name}", letter.texts, str(directory / "letters.yaml"))
    return out


def _translations(what: str, texts: Mapping[str, BaseModel], where: str | Path) -> list[Problem]:
    """Each translation of a card, checklist item or letter against its English text."""
    out: list[Problem] = []
    english = texts.get(DEFAULT_LANGUAGE)
    if english is None:
        return out
    original = dict(_strings(english.model_dump()))
    for language in languages():
        if language not in texts:
            out.append(
                Problem(MISSING, str(where), f"{what}: no {language!r} text (English has one)")
            )
    for language, text in texts.items():
        if language == DEFAULT_LANGUAGE:
            continue
        if language not in languages():
            out.append(
                Problem("error", str(where), f"{what}: {language!r} is not a catalogue language")
            )
            continue
        strings = dict(_strings(text.model_dump()))
        for path in sorted(_compared(original) - strings.keys()):
            out.append(Problem(MISSING, str(where), f"{what} [{language}]: lacks {path}"))
        for path, value in strings.items():
            if path in original and placeholders(value) != placeholders(original[path]):
                out.append(
                    Problem(
                        "error",
                        str(where),
                        f"{what} [{language}] {path}: placeholders differ from English",
                    )
                )
        prose = " ".join(
            v for p, v in strings.items() if p.split(".")[0] in ("title", "summary", "text")
        )
        out += _reads_as(language, f"{what} [{language}]", prose, str(where))
    return out


def _compared(original: dict[str, str]) -> set[str]:
    """The parts of an English text every translation must have: all but the example questions
    (each language writes its own) and the older guides' wording (kept as English quotes)."""
    return {p for p in original if p.split(".")[0] not in ("examples", "guide_path")}


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    """(dotted path, string) for every string in a dumped text."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}" if path else str(key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}.{i}")
