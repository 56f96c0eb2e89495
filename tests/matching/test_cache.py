"""The matcher kept on disk between starts (bot/cache.py): same answers, never stale, never
trusted when damaged, and never a reason to fail."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.cache import KEPT, BuildCache, build_key
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR
from bot.matching import Matcher

QUESTIONS = [
    item["text"]
    for item in yaml.safe_load(
        (Path(__file__).parents[2] / "bench/data/questions.yaml").read_text(encoding="utf-8")
    )[::4]
]


def _build(kb: KnowledgeBase, cache: BuildCache) -> Matcher:
    return Matcher.load_or_build(kb, kb.gazetteer, "en", cache)


@pytest.fixture(scope="module")
def knowledge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the real knowledge base that a test may edit."""
    directory = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(DEFAULT_DIR, directory)
    return directory


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> BuildCache:
    return BuildCache(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="module")
def built(knowledge: Path, cache: BuildCache) -> Matcher:
    matcher = _build(load_knowledge(knowledge), cache)
    assert not matcher.from_cache
    return matcher


def load(kb_dir: Path, cache: BuildCache) -> Matcher:
    return _build(load_knowledge(kb_dir), cache)


def test_the_cached_matcher_answers_as_the_built_one(
    built: Matcher, knowledge: Path, cache: BuildCache
) -> None:
    cached = load(knowledge, cache)
    assert cached.from_cache
    assert len(QUESTIONS) > 50
    for question in [*QUESTIONS, "how do i stop instagramm ai trainng", "hi", "delete fb"]:
        assert cached.match(question) == built.match(question), question


def test_a_damaged_cache_file_is_rebuilt_and_replaced(
    built: Matcher, knowledge: Path, cache: BuildCache
) -> None:
    assert cache.directory is not None
    (path,) = cache.directory.glob("matcher-en-*.pickle")
    good = path.read_bytes()
    path.write_bytes(good[:-1] + bytes([good[-1] ^ 1]))
    matcher = load(knowledge, cache)
    assert not matcher.from_cache
    question = "delete my instagram account"
    assert matcher.match(question) == built.match(question)
    assert load(knowledge, cache).from_cache  # written again, whole


@pytest.mark.parametrize(
    "damage",
    [
        lambda good: good[: len(good) // 2],
        lambda good: good[:-1] + bytes([good[-1] ^ 1]),
        lambda good: good[:40] + bytes([good[40] ^ 1]) + good[41:],  # the digest itself
        lambda good: b"",
        lambda good: b"not a cache file at all",
    ],
    ids=["truncated", "payload-bit", "digest-bit", "empty", "junk"],
)
def test_a_damaged_file_is_never_read(tmp_path: Path, damage: Callable[[bytes], bytes]) -> None:
    cache = BuildCache(tmp_path)
    cache.save("thing", "key", {"answer": 42})
    assert cache.load("thing", "key") == {"answer": 42}
    path = cache.file("thing", "key")
    assert path is not None
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load("thing", "key") is None


def test_a_value_saved_for_other_inputs_is_never_returned(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    cache.save("thing", build_key("inputs", [1, 2]), "old")
    assert cache.load("thing", build_key("inputs", [1, 2])) == "old"
    assert cache.load("thing", build_key("inputs", [1, 3])) is None
    assert cache.load("thing", build_key("inputs", b"\x01\x02")) is None


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-directory"
    blocked.write_text("a file where the cache directory should be")
    cache = BuildCache(blocked)
    cache.save("thing", "key", "value")  # no exception
    assert cache.load("thing", "key") is None
    assert list(tmp_path.iterdir()) == [blocked]  # no temporary file left behind


def test_changed_knowledge_is_never_answered_from_an_old_cache(
    built: Matcher, knowledge: Path, cache: BuildCache
) -> None:
    question = "does acme use my photos to train its ai"
    assert built.match(question).out_of_scope != "company:acme"
    lexicon = knowledge / "matching" / "en.yaml"
    lexicon.write_text(
        lexicon.read_text(encoding="utf-8").replace(
            "  companies:\n", "  companies:\n    acme: [acme]\n", 1
        ),
        encoding="utf-8",
    )
    matcher = load(knowledge, cache)
    assert not matcher.from_cache
    assert matcher.match(question).out_of_scope == "company:acme"
    assert load(knowledge, cache).from_cache


def test_changed_card_examples_rebuild_the_matcher(
    built: Matcher, knowledge: Path, cache: BuildCache
) -> None:
    kb: KnowledgeBase = load_knowledge(knowledge)
    assert load(knowledge, cache).from_cache
    card = kb.cards[0]
    card.texts["en"].examples.append("a question nobody has asked before")
    assert not _build(kb, cache).from_cache


def test_values_built_for_other_inputs_are_kept_beside_each_other(tmp_path: Path) -> None:
    """Two knowledge bases sharing a cache (a test's copy and the real one) each find their own
    matcher; only the least recently used beyond `KEPT` a name is removed."""
    cache = BuildCache(tmp_path)
    for number in range(KEPT):
        cache.save("thing", f"key {number}", number)
    assert [cache.load("thing", f"key {n}") for n in range(KEPT)] == list(range(KEPT))
    cache.save("thing-else", "key 0", "another name is not counted")
    first = cache.file("thing", "key 0")
    assert first is not None
    os.utime(first, ns=(0, 0))  # the least recently used
    cache.save("thing", "key new", "new")
    assert cache.load("thing", "key 0") is None
    assert [cache.load("thing", f"key {n}") for n in range(1, KEPT)] == list(range(1, KEPT))
    assert cache.load("thing", "key new") == "new"
    assert cache.load("thing-else", "key 0") == "another name is not counted"
