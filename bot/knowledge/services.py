"""The knowledge base the bot runs on: the validated records, the place reader (`Gazetteer`)
and one question matcher per language, built together by `load_knowledge`.

Built eagerly, so that a knowledge base that loads is one that answers. It costs no start-up
time: the matcher (5.7 s of a 13 s start on a busy 2-core machine; the place reader 1.1 s) used
to be built on the first question, and `bot.heap.settle` asked that question at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from bot.knowledge.loader import KnowledgeData, KnowledgeError, Problem, load_data
from bot.matching import Matcher
from bot.places import Gazetteer
from bot.vocabulary import DEFAULT_LANGUAGE


@dataclass(kw_only=True)
class KnowledgeBase(KnowledgeData):
    """The records plus what is built from them; make one with `load_knowledge`."""

    gazetteer: Gazetteer
    matchers: dict[str, Matcher]  # language → matcher; DEFAULT_LANGUAGE is always there

    def matcher(self, language: str = DEFAULT_LANGUAGE) -> Matcher:
        """The question matcher for a language (the default language's when it has none)."""
        return self.matchers.get(language) or self.matchers[DEFAULT_LANGUAGE]


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load and validate `knowledge/`, then build the place reader and the matchers.

    Raises KnowledgeError with every problem when the data is unusable."""
    data = load_data(directory)
    gazetteer = Gazetteer.load(data.directory)
    lexicons = sorted((data.directory / "matching").glob("*.yaml"))
    matchers = {path.stem: Matcher.load_or_build(data, gazetteer, path.stem) for path in lexicons}
    if DEFAULT_LANGUAGE not in matchers:
        missing = data.directory / "matching" / f"{DEFAULT_LANGUAGE}.yaml"
        raise KnowledgeError([Problem("error", str(missing), "missing")])
    records = {f.name: getattr(data, f.name) for f in fields(data)}
    return KnowledgeBase(**records, gazetteer=gazetteer, matchers=matchers)
