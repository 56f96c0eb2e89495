"""`kb check` catches each kind of mistake a curator can make — with the file it is in."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _messages(directory: Path) -> list[str]:
    return [str(p) for p in check(directory, date(2026, 11, 29))]


def test_check_reports_unknown_ids_with_their_file(broken):
    _edit(broken / "cards" / "browser_vs_app.yaml", "goal: browser_vs_app", "goal: browser_app")
    messages = _messages(broken)
    assert any("browser_vs_app.yaml" in m and "goal" in m for m in messages)
    with pytest.raises(KnowledgeError):
        load_knowledge(broken)


def test_check_reports_duplicate_ids_and_missing_coverage(broken):
    path = broken / "cards" / "trained_data.yaml"
    data = yaml.safe_load(path.read_text())
    data["cards"][-1]["id"] = data["cards"][0]["id"]  # the "elsewhere" card: regions lose it
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    messages = _messages(broken)
    assert any("duplicate card id" in m for m in messages)
    assert any("trained_data" in m and "no card for region" in m for m in messages)


def test_check_reports_missing_sources_examples_and_stale_evidence(broken):
    path = broken / "cards" / "browser_vs_app.yaml"
    data = yaml.safe_load(path.read_text())
    data["cards"][0]["sources"] = []
    data["cards"][0]["en"]["examples"] = []
    data["cards"][1]["sources"][0]["published"] = "2025-11"  # 12 months + 28 days before
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    messages = _messages(broken)
    assert any("has no sources" in m for m in messages)
    assert any("example questions" in m for m in messages)
    assert any(m.startswith("warning") and "more than 12 months" in m for m in messages)


def test_check_fails_confirmed_without_a_primary_source(broken):
    path = broken / "cards" / "remove_chatbot.yaml"
    data = yaml.safe_load(path.read_text())
    card = data["cards"][1]  # Instagram: press and the guide only
    card["confidence"] = "confirmed"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert any(
        m.startswith("error") and card["id"] in m and "primary source" in m
        for m in _messages(broken)
    )


def test_check_fails_internal_words_in_card_texts(broken):
    _edit(
        broken / "cards" / "stop_training.yaml",
        "(see the answer on deleting your account)",
        "(see the delete-account card)",
    )
    assert any(
        m.startswith("error") and "stop_training.california" in m and "card" in m
        for m in _messages(broken)
    )


def test_check_reports_a_claim_its_cards_do_not_make(broken):
    path = broken / "claims" / "part-a.yaml"
    data = yaml.safe_load(path.read_text())
    data["claims"][0]["keywords"] = ["a phrase no card says"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    assert any("a phrase no card says" in m for m in _messages(broken))


def test_check_reports_broken_letters_and_checklist(broken):
    _edit(broken / "letters.yaml", "{law}", "{name}")
    _edit(broken / "checklist.yaml", "actions: [letter:objection", "actions: [letter:nothing")
    messages = _messages(broken)
    assert any("placeholder" in m and "name" in m for m in messages)
    assert any("checklist.yaml" in m and "letter:nothing" in m for m in messages)


def test_a_key_written_twice_is_reported_not_silently_dropped(broken):
    """Plain YAML would keep the second title and lose the first without a word."""
    _edit(
        broken / "cards" / "browser_vs_app.yaml",
        "      title: Does using the browser instead of the app help?\n",
        "      title: Does using the browser instead of the app help?\n      title: Second\n",
    )
    messages = _messages(broken)
    assert any("browser_vs_app.yaml" in m and "'title' appears twice" in m for m in messages)
    with pytest.raises(KnowledgeError):
        load_knowledge(broken)


def test_strict_yaml_names_the_file_and_line_and_still_allows_merge_keys(tmp_path):
    from bot.yamlfile import load_yaml

    path = tmp_path / "messages.yaml"
    path.write_text("base: &base {x: 1, y: 1}\nd:\n  <<: *base\n  x: 2\n")
    assert load_yaml(path)["d"] == {"x": 2, "y": 1}, "overriding a merged key is not a repeat"
    path.write_text("greeting: hello\nfarewell: bye\ngreeting: hi\n")
    with pytest.raises(
        yaml.YAMLError, match=r"(?s)'greeting' appears twice.*messages\.yaml.*line 3"
    ):
        load_yaml(path)


def test_kb_check_command_exit_status(broken, monkeypatch, capsys):
    from bot import cli
    from bot.knowledge import loader

    assert cli.main(["kb", "check"]) == 0
    _edit(broken / "cards" / "overview.yaml", "confidence:", "confidense:")
    monkeypatch.setattr(loader, "DEFAULT_DIR", broken)
    assert cli.main(["kb", "check"]) == 1
    assert "overview.yaml" in capsys.readouterr().err


def test_check_fails_a_card_text_asking_for_an_unknown_value(broken):
    _edit(broken / "cards" / "stop_training.yaml", "({objection_law})", "({objection_article})")
    assert any(
        m.startswith("error") and "unknown value(s) ['objection_article']" in m
        for m in _messages(broken)
    )


def test_check_fails_when_a_rights_condition_leaves_a_country_without_an_answer(broken):
    _edit(
        broken / "cards" / "stop_training.yaml",
        'regions: [other]\n    rights: {object_ai_training: ["no", "unknown"]}',
        'regions: [other]\n    rights: {object_ai_training: ["no"]}',
    )
    messages = _messages(broken)
    assert any(
        "stop_training × facebook × personal: no card fits the rights of" in m and "JP" in m
        for m in messages
    )
