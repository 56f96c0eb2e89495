"""Translations live in files of their own (knowledge/translations/<lang>/) and are read as if
they were written beside English: a translated card answers in that language, and a translator's
slip is reported with the file it is in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.knowledge.languages import check_languages
from bot.knowledge.loader import DEFAULT_DIR, read

CARD = "delete_account.instagram"


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    shutil.rmtree(target / "translations", ignore_errors=True)
    return target


def _english_block(directory: Path, card_id: str) -> dict:
    for path in (directory / "cards").glob("*.yaml"):
        for card in yaml.safe_load(path.read_text(encoding="utf-8"))["cards"]:
            if card["id"] == card_id:
                return dict(card["en"])
    raise AssertionError(card_id)


def _write(directory: Path, language: str, relative: str, data: dict) -> Path:
    path = directory / "translations" / language / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_translated_card_is_read_in_its_language(knowledge):
    block = _english_block(knowledge, CARD) | {"title": "Konto löschen"}
    _write(knowledge, "de", "cards/delete_account.yaml", {"cards": {CARD: block}})
    data, problems = read(knowledge)
    assert not [p for p in problems if p.level == "error"]
    card = data.by_id[CARD]
    assert card.text("de").title == "Konto löschen"
    assert card.text("en").title != "Konto löschen"


def test_a_checklist_item_and_a_letter_are_translated_the_same_way(knowledge):
    _write(
        knowledge, "fr", "checklist.yaml", {"items": {"object": {"title": "Remplir le formulaire"}}}
    )
    english = yaml.safe_load((knowledge / "letters.yaml").read_text(encoding="utf-8"))
    letter = dict(english["letters"]["objection"]["en"]) | {"title": "Opposition"}
    _write(knowledge, "fr", "letters.yaml", {"letters": {"objection": letter}})
    data, problems = read(knowledge)
    assert not [p for p in problems if p.level == "error"]
    item = next(i for i in data.checklist.items if i.id == "object")
    assert item.title("fr") == "Remplir le formulaire"
    assert data.letters.letters["objection"].text("fr").title == "Opposition"


def test_a_translation_of_a_card_that_does_not_exist_is_an_error(knowledge):
    _write(knowledge, "it", "cards/delete_account.yaml", {"cards": {"delete_account.nope": {}}})
    _, problems = read(knowledge)
    assert any("delete_account.nope" in p.message and p.level == "error" for p in problems)


def test_a_translation_missing_a_field_names_its_file(knowledge):
    block = _english_block(knowledge, CARD)
    del block["summary"]
    _write(knowledge, "es", "cards/delete_account.yaml", {"cards": {CARD: block}})
    _, problems = read(knowledge)
    assert any("delete_account.yaml" in p.file and "summary" in p.message for p in problems)


def test_a_language_written_twice_is_an_error(knowledge):
    path = knowledge / "checklist.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "en: {title: File Meta's objection form against AI training}",
            "en: {title: File Meta's objection form against AI training}\n    pt: {title: Opor-se}",
        ),
        encoding="utf-8",
    )
    _write(knowledge, "pt", "checklist.yaml", {"items": {"object": {"title": "Opor-se ao treino"}}})
    _, problems = read(knowledge)
    assert any("'object'" in p.message and "inline" in p.message for p in problems)


def test_a_translation_into_a_language_the_bot_does_not_speak_is_an_error(knowledge):
    _write(knowledge, "xx", "checklist.yaml", {"items": {"object": {"title": "?"}}})
    _, problems = read(knowledge)
    assert any("'xx'" in p.message and p.level == "error" for p in problems)


def test_kb_check_names_a_translation_that_drops_a_caveat(knowledge):
    block = _english_block(knowledge, CARD)
    assert block.get("caveats"), "the card chosen for this test has caveats"
    block["caveats"] = block["caveats"][:-1]
    _write(knowledge, "de", "cards/delete_account.yaml", {"cards": {CARD: block}})
    data, _ = read(knowledge)
    problems = check_languages(data)
    dropped = f"caveats.{len(block['caveats'])}"
    assert any(CARD in p.message and "[de]" in p.message and dropped in p.message for p in problems)
    assert any(CARD in p.message and "'fr'" in p.message for p in problems), "no French at all"
