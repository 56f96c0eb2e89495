"""`load_knowledge` builds everything the conversation needs, or says what is missing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeBase, KnowledgeError, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR
from bot.vocabulary import Region


def test_the_knowledge_base_reads_places_and_questions(kb: KnowledgeBase) -> None:
    place = kb.gazetteer.resolve("Bayern")
    assert place is not None and place.region is Region.eu
    assert kb.matcher("en").match("im in bayern, stop insta ai training").place == place


def test_a_language_without_its_own_matching_file_is_read_in_english(tmp_path: Path) -> None:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    for lexicon in (target / "matching").glob("*.yaml"):
        if lexicon.stem != "en":  # languages have their own lexicons now: take them away
            lexicon.unlink()
    kb = load_knowledge(target)
    question = "how do i stop instagram ai training"
    assert kb.matcher("de").match(question) == kb.matcher("en").match(question)


def test_a_half_done_translation_is_read_in_english_not_a_failure(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """A lexicon whose translated examples cover a single goal cannot train a matcher: Italian
    questions are then read with the English one, and the log names the language only."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    shutil.rmtree(target / "translations" / "it", ignore_errors=True)
    cards = target / "translations" / "it" / "cards" / "delete_account.yaml"
    cards.parent.mkdir(parents=True)
    english = yaml.safe_load((target / "cards" / "delete_account.yaml").read_text("utf-8"))
    first = english["cards"][0]
    cards.write_text(yaml.safe_dump({"cards": {first["id"]: first["en"]}}), encoding="utf-8")
    kb = load_knowledge(target)
    question = "how do i stop instagram ai training"
    assert kb.matcher("it").match(question) == kb.matcher("en").match(question)
    assert any("it" in r.getMessage() and r.levelname == "ERROR" for r in caplog.records)


def test_a_missing_english_matching_file_is_named(tmp_path: Path) -> None:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    (target / "matching" / "en.yaml").unlink()
    with pytest.raises(KnowledgeError, match=r"matching/en\.yaml"):
        load_knowledge(target)
