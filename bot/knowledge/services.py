"""The knowledge base the bot runs on: the validated records, the place reader (`Gazetteer`)
and one question matcher per language, built together by `load_knowledge`.

A start is paid by every `optout-bot ask` and every restart, so what can be is kept in the build
cache (bot/cache.py) under a hash of every file in `knowledge/` and of the code: the validated
records (0.1–0.2 s to parse and validate, 10 ms to load) and the place reader (0.2 s to build,
20 ms to load). A matcher is loaded (or built) for a language only when a question in that
language is first read, so a start costs the same however many languages there are; the
default language's lexicon must exist for the knowledge base to load at all. The Telegram bot
warms the other languages' matchers in a worker thread once it serves (`warm`): loading one
takes ~0.1 s, building one 1–2 s of CPU. Each language has its own lock, so a question in one
language never waits for another's to be built. `optout-bot kb check` never uses the cache: it
validates everything, every time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from bot import i18n
from bot.cache import BuildCache, Value, build_key
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
    _building: dict[str, threading.Lock] = field(default_factory=dict, repr=False, compare=False)
    _locks: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _warming: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _builder: subprocess.Popen[bytes] | None = field(default=None, repr=False, compare=False)
    _stopped: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.meaning = Meaning.of_cards(
            self.cards, self.cache, asked=self.asked, companies=self.companies
        )

    def matcher(self, language: str = DEFAULT_LANGUAGE) -> Matcher:
        """The question matcher for a language (the default language's when it has none),
        loaded or built on first use; thread-safe (inline queries read in worker threads)."""
        return self._matcher(language, self.cache)

    def _matcher(self, language: str, cache: BuildCache) -> Matcher:
        if language not in self.languages:
            language = DEFAULT_LANGUAGE
        found = self.matchers.get(language)
        if found is None:
            with self._locks:
                building = self._building.setdefault(language, threading.Lock())
            with building:
                found = self.matchers.get(language)
                if found is None:
                    found = self._build(language, cache)
                    found.meaning = self.meaning
                    self.matchers[language] = found
        return found

    def _build(self, language: str, cache: BuildCache) -> Matcher:
        """A language whose matcher cannot be built (a half-done translation with example
        questions for one goal only) is read with the default language's matcher, not a
        failure on every question in it."""
        try:
            return Matcher.load_or_build(self, self.gazetteer, language, cache)
        except ValueError as exc:
            if language == DEFAULT_LANGUAGE:
                raise
            log.error("no matcher for %s (%s): read with the default", language, type(exc).__name__)
            return self.matcher(DEFAULT_LANGUAGE)

    def warm(self) -> list[str]:
        """Load every language's matcher not loaded yet; the languages it loaded. For a worker
        thread: it takes a while and never fails.

        Those not in the build cache are built first in a child process at a lower priority,
        which writes them there: a build holds the interpreter lock for most of its 1–2 s a
        language, and in this process it would hold up every answer meanwhile. A question in a
        language not warmed yet builds its own matcher, as before. Without a cache directory
        nothing is warmed."""
        if self.cache.directory is None or not self._warming.acquire(blocking=False):
            return []  # no cache, or another thread is at it
        try:
            return self._warm()
        finally:
            self._warming.release()

    def stop_warming(self) -> None:
        """Stop a build `warm` started in a child process, or keep it from starting (the bot
        is stopping)."""
        with self._locks:
            self._stopped.set()
            if self._builder is not None and self._builder.poll() is None:
                self._builder.terminate()

    def _warm(self) -> list[str]:
        waiting = sorted(self.languages - set(self.matchers))
        missing = []
        for code in waiting:
            try:
                self._matcher(code, _CachedOnly(self.cache))
            except _NotCached:
                missing.append(code)
        directory = self.cache.directory
        try:
            if missing and directory is not None:
                with self._locks:
                    if self._stopped.is_set():
                        return []
                    self._builder = _build_apart(self.directory, directory, missing)
                if self._builder.wait() != 0:
                    raise ChildProcessError(self._builder.returncode)
            for code in missing:
                self.matcher(code)
        except Exception as exc:  # the next question in that language builds it (or says why)
            log.error("matchers not warmed (%s)", type(exc).__name__)
        return [code for code in waiting if code in self.matchers]


class _NotCached(Exception):
    """The build cache does not hold it (and `_CachedOnly` does not build)."""


class _CachedOnly(BuildCache):
    """A build cache that only loads from another: what that does not hold raises
    `_NotCached` instead of being built."""

    def __init__(self, source: BuildCache) -> None:
        super().__init__(source.directory)
        self.source = source

    def fetch(
        self, name: str, key: str, kind: type[Value], build: Callable[[], Value]
    ) -> tuple[Value, bool]:
        found = self.source.load(name, key)
        if not isinstance(found, kind):
            raise _NotCached(name)
        self.source.events.append(f"{name}:loaded")
        return found, True


def _build_apart(directory: Path, cache_dir: Path, languages: list[str]) -> subprocess.Popen[bytes]:
    """Start building these languages' matchers into the build cache, in a child process (a
    fresh interpreter: no fork of a threaded process, no main module run again). On Linux the
    child asks to be killed when the thread that started it ends, and stops if that has already
    happened: a bot killed with SIGKILL while warming left its builders running (9 per test run)."""
    code = (
        "import os, sys; os.nice(10); from pathlib import Path; "
        "sys.platform == 'linux' and __import__('ctypes').CDLL(None).prctl(1, 9); "  # PDEATHSIG
        f"os.getppid() == {os.getpid()} or sys.exit(0); "
        "from bot.knowledge.services import load_knowledge, BuildCache; "
        "kb = load_knowledge(Path(sys.argv[1]), BuildCache(Path(sys.argv[2]))); "
        "[kb.matcher(language) for language in sys.argv[3:]]"
    )
    package_root = str(Path(__file__).resolve().parents[2])
    path = os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))
    return subprocess.Popen(
        [sys.executable, "-c", code, str(directory), str(cache_dir), *languages],
        env={**os.environ, "PYTHONPATH": path},
        stdin=subprocess.DEVNULL,
    )


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
