"""What a start loads from the build cache (bot/cache.py) instead of building: the validated
knowledge, the place reader, the matchers (one language at a time) and the language model.
A stale or damaged cache is never used: it is rebuilt, and the bot answers as if it had none.
Counted by the cache's events, never by time."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot import language
from bot.cache import BuildCache, build_key
from bot.i18n import languages
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR

BUILT = ["knowledge:built", "gazetteer:built"]
LOADED = ["knowledge:loaded", "gazetteer:loaded"]
QUESTION = "how do i stop instagram ai training"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    """A copy of the real knowledge base that a test may edit."""
    directory = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, directory)
    return directory


def start(directory: Path, cache_dir: Path) -> tuple[KnowledgeBase, list[str]]:
    """What a fresh process does: load the knowledge base with the cache in `cache_dir`."""
    cache = BuildCache(cache_dir)
    return load_knowledge(directory, cache), cache.events


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_start_loads_what_the_first_built(knowledge: Path, tmp_path: Path) -> None:
    first, events = start(knowledge, tmp_path / "cache")
    assert events == BUILT
    second, events = start(knowledge, tmp_path / "cache")
    assert events == LOADED
    assert second.cards == first.cards and second.jurisdictions == first.jurisdictions
    bavaria = second.gazetteer.resolve("Bayern")
    assert bavaria is not None and bavaria == first.gazetteer.resolve("Bayern")
    assert second.gazetteer.name(bavaria, "de") == "Bayern, Deutschland"  # catalogues read again


def test_a_changed_card_is_read_again(knowledge: Path, tmp_path: Path) -> None:
    before, _ = start(knowledge, tmp_path / "cache")
    card = before.cards[0]
    old = card.texts["en"].title
    path = next(
        p for p in (knowledge / "cards").glob("*.yaml") if f"id: {card.id}\n" in p.read_text()
    )
    _edit(path, old, "A title nobody wrote before")
    after, events = start(knowledge, tmp_path / "cache")
    assert events == BUILT
    assert after.by_id[card.id].texts["en"].title == "A title nobody wrote before"
    assert start(knowledge, tmp_path / "cache")[1] == LOADED


def test_a_changed_place_name_is_read_again(knowledge: Path, tmp_path: Path) -> None:
    before, _ = start(knowledge, tmp_path / "cache")
    assert before.gazetteer.resolve("Kimland") is None
    _edit(
        knowledge / "places.yaml",
        "    en: [UK, United Kingdom,",
        "    en: [Kimland, UK, United Kingdom,",
    )
    after, events = start(knowledge, tmp_path / "cache")
    assert events == BUILT
    assert after.gazetteer.resolve("Kimland") == after.gazetteer.resolve("UK")


def test_a_new_file_anywhere_in_the_knowledge_base_is_a_change(
    knowledge: Path, tmp_path: Path
) -> None:
    start(knowledge, tmp_path / "cache")
    (knowledge / "cards" / "notes.txt").write_text("not YAML, but part of knowledge/")
    assert start(knowledge, tmp_path / "cache")[1] == BUILT


@pytest.mark.parametrize("junk", [b"", b"garbage", b"optout-bot build cache 1\n" + b"\0" * 64])
def test_garbage_in_the_cache_is_rebuilt_without_a_crash(
    knowledge: Path, tmp_path: Path, junk: bytes
) -> None:
    good, _ = start(knowledge, tmp_path / "cache")
    for name in ("knowledge", "gazetteer"):
        (path,) = (tmp_path / "cache").glob(f"{name}-*.pickle")
        path.write_bytes(junk)
    rebuilt, events = start(knowledge, tmp_path / "cache")
    assert events == BUILT
    assert rebuilt.cards == good.cards
    assert rebuilt.gazetteer.resolve("Bayern") == good.gazetteer.resolve("Bayern")
    assert start(knowledge, tmp_path / "cache")[1] == LOADED  # written again, whole


def test_a_cached_value_of_another_kind_is_not_used(tmp_path: Path) -> None:
    cache = BuildCache(tmp_path)
    cache.save("thing", "key", "text, where a list was expected")
    value, loaded = cache.fetch("thing", "key", list, lambda: [1, 2])
    assert (value, loaded) == ([1, 2], False)
    assert cache.fetch("thing", "key", list, lambda: [3]) == ([1, 2], True)
    assert cache.events == ["thing:built", "thing:loaded"]


def test_only_the_language_asked_in_is_loaded(knowledge: Path, tmp_path: Path) -> None:
    """More languages must not make a start slower: a matcher is loaded when first needed."""
    for code in ("xx", "yy", "zz"):  # more lexicons than the bot will ever read at once
        shutil.copy(knowledge / "matching" / "en.yaml", knowledge / "matching" / f"{code}.yaml")
    kb, events = start(knowledge, tmp_path / "cache")
    assert events == BUILT  # no matcher yet
    # by its words: when the sentence model is loaded is tests/matching/test_semantic.py's subject
    assert kb.matcher("en").match(QUESTION, by_meaning=False).understood
    assert kb.matcher("nl") is kb.matcher("en")  # no lexicon: read as the default language
    assert events == [*BUILT, "matcher-en:built"]
    kb.matcher("xx")
    kb.matcher("xx")
    assert events == [*BUILT, "matcher-en:built", "matcher-xx:built"]


def test_the_language_model_is_cached_and_a_damaged_copy_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPTOUT_CACHE_DIR", str(tmp_path))
    key = build_key("langid", sorted(languages()))
    text = "wie kann ich das KI-Training bei Instagram stoppen"
    try:
        language._identifier.cache_clear()
        expected = language.ranked(text)
        assert BuildCache(tmp_path).load("langid", key) is not None
        path = BuildCache(tmp_path).file("langid", key)
        assert path is not None
        path.write_bytes(path.read_bytes()[:-100])  # cut short, as by a full disk
        language._identifier.cache_clear()
        assert language.ranked(text) == expected
        assert expected[0][0] == "de"
        assert BuildCache(tmp_path).load("langid", key) is not None  # written again, whole
    finally:
        language._identifier.cache_clear()
