"""The knowledge base the bot runs on: the validated records, the place reader (`Gazetteer`)
and one question matcher per language, built together by `load_knowledge`.

A start is paid by every `optout-bot ask` and every restart, so what can be is kept in the build
cache (bot/cache.py) under a hash of every file in `knowledge/` and of the code: the validated
records (0.1–0.2 s to parse and validate, 10 ms to load) and the place reader (0.2 s to build,
20 ms to load). A matcher is loaded (or built) for a language only when a question in that
language is first read, so a start costs the same however many languages there are; the
default language's lexicon must exist for the knowledge base to load at all. `optout-bot kb
check` never uses the cache: it validates everything, every time.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field, fields
from pathlib import Path

from bot import i18n
from bot.cache import BuildCache, build_key
from bot.knowledge.loader import DEFAULT_DIR, KnowledgeData, KnowledgeError, Problem, load_data
from bot.matching import Matcher
from bot.places import Gazetteer
from bot.semantic import Meaning
from bot.vocabulary import DEFAULT_LANGUAGE

log = logging.getLogger(__name__)


@dataclass(kw_only=True)
class KnowledgeBase(KnowledgeData):
    """The records plus what is built from them; make one with `load_knowledge`."""

    gazetteer: Gazetteer
    languages: frozenset[str]  # the languages with a lexicon (knowledge/matching/<lang>.yaml)
    cache: BuildCache = field(repr=False, compare=False)
    matchers: dict[str, Matcher] = field(default_factory=dict)  # language → matcher, so far
    meaning: Meaning = field(init=False, repr=False, compare=False)  # loaded when first needed
    _building: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.meaning = Meaning.of_cards(self.cards, self.cache)

    def matcher(self, language: str = DEFAULT_LANGUAGE) -> Matcher:
        """The question matcher for a language (the default language's when it has none),
        loaded or built on first use; thread-safe (inline queries read in worker threads)."""
        if language not in self.languages:
            language = DEFAULT_LANGUAGE
        found = self.matchers.get(language)
        if found is None:
            with self._building:
                found = self.matchers.get(language)
                if found is None:
                    found = self._build(language)
                    found.meaning = self.meaning
                    self.matchers[language] = found
        return found

    def _build(self, language: str) -> Matcher:
        """A language whose matcher cannot be built (a half-done translation with example
        questions for one goal only) is read with the default language's matcher, not a
        failure on every question in it."""
        try:
            return Matcher.load_or_build(self, self.gazetteer, language, self.cache)
        except ValueError as exc:
            if language == DEFAULT_LANGUAGE:
                raise
            log.error("no matcher for %s (%s): read with the default", language, type(exc).__name__)
            default = self.matchers.get(DEFAULT_LANGUAGE) or self._build(DEFAULT_LANGUAGE)
            self.matchers[DEFAULT_LANGUAGE] = default
            return default


def load_knowledge(directory: Path | None = None, cache: BuildCache | None = None) -> KnowledgeBase:
    """Load and validate `knowledge/` (or its cached copy), and the place reader.

    Raises KnowledgeError with every problem when the data is unusable."""
    directory = directory or DEFAULT_DIR
    cache = cache or BuildCache.default()
    lexicons = frozenset(path.stem for path in (directory / "matching").glob("*.yaml"))
    if DEFAULT_LANGUAGE not in lexicons:
        missing = directory / "matching" / f"{DEFAULT_LANGUAGE}.yaml"
        raise KnowledgeError([Problem("error", str(missing), "missing")])
    # the catalogue languages decide which translations are accepted (bot.knowledge.translations)
    where = [str(directory), str(directory.resolve()), list(i18n.languages())]
    key = build_key("knowledge", where, _content_hash(directory))
    data, _ = cache.fetch("knowledge", key, KnowledgeData, lambda: load_data(directory))
    gazetteer, _ = cache.fetch("gazetteer", key, Gazetteer, lambda: Gazetteer.load(directory))
    records = {f.name: getattr(data, f.name) for f in fields(data)}
    return KnowledgeBase(**records, gazetteer=gazetteer, languages=lexicons, cache=cache)


def _content_hash(directory: Path) -> bytes:
    """Every file under `directory`, by relative path and content (~2 ms for `knowledge/`):
    any change to any file there — a card, a translation, places.yaml — makes a new key."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*")):
        if path.is_file():
            content = path.read_bytes()
            name = path.relative_to(directory).as_posix().encode()
            digest.update(len(name).to_bytes(8, "big") + name)
            digest.update(len(content).to_bytes(8, "big") + content)
    return digest.digest()
