"""Each language's matcher, by the language's name, for the reading tests of that language."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.matching import Matcher


@pytest.fixture(scope="session")
def german(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("de")


@pytest.fixture(scope="session")
def french(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("fr")


@pytest.fixture(scope="session")
def spanish(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("es")


@pytest.fixture(scope="session")
def italian(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("it")


@pytest.fixture(scope="session")
def portuguese(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("pt")
