"""The knowledge base loads, passes `kb check`, says its facts in its own words, and `kb check`
catches each kind of mistake a curator can make — with the file it is in."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.knowledge import KnowledgeError, load_knowledge
from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR
from bot.text import fold
from bot.vocabulary import Goal, Platform

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "000_74c114e42388ae25.txt"
BENCH = Path(__file__).resolve().parents[1] / "bench" / "data"


def test_real_knowledge_base_passes_kb_check():
    problems = check()
    errors = [p for p in problems if p.level == "error"]
    assert not errors, "\n".join(map(str, errors))


def test_every_goal_and_platform_is_answered(kb):
    for goal in Goal:
        for platform in Platform:
            assert kb.cards_for(goal, platform), f"{goal} × {platform}"


def test_every_card_has_sources_date_confidence_and_english(kb):
    for card in kb.cards:
        assert card.sources and card.last_verified and card.confidence
        assert "en" in card.texts


def test_guide_claims_are_mapped(kb):
    assert len(kb.claims) >= 60
    statuses = {c.status for c in kb.claims}
    assert {"current", "corrected", "not_found"} <= statuses


def _runs(text: str, n: int) -> set[tuple[str, ...]]:
    words = fold(text).split()
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEED.exists(), reason="the seed guide is not next to the checkout")
def test_cards_do_not_copy_sentences_from_the_guide(kb):
    guide = _runs(SEED.read_text(encoding="utf-8"), 9)
    copied = []
    for card in kb.cards:
        for text in card.texts.values():
            prose = [
                text.title,
                text.summary,
                text.guide_note or "",
                *text.steps,
                *text.caveats,
                *text.does_not,
            ]
            for part in prose:
                hits = _runs(part, 9) & guide
                if hits:
                    copied.append((card.id, " ".join(next(iter(hits)))))
    assert not copied, copied


def test_card_examples_are_independent_of_the_evaluation_sets(kb):
    evaluation = set()
    for name in ("questions.yaml", "heldout.yaml"):
        path = BENCH / name
        if path.exists():
            evaluation |= {fold(q["text"]) for q in yaml.safe_load(path.read_text())}
    examples = {fold(e) for c in kb.cards for t in c.texts.values() for e in t.examples}
    assert not examples & evaluation


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
    data["cards"][1]["id"] = data["cards"][0]["id"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    messages = _messages(broken)
    assert any("duplicate card id" in m for m in messages)
    assert any("trained_data" in m and "no card for region" in m for m in messages)


def test_check_reports_missing_sources_examples_and_stale_dates(broken):
    path = broken / "cards" / "browser_vs_app.yaml"
    data = yaml.safe_load(path.read_text())
    data["cards"][0]["sources"] = []
    data["cards"][0]["en"]["examples"] = []
    data["cards"][1]["last_verified"] = date(2025, 1, 1)
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    messages = _messages(broken)
    assert any("has no sources" in m for m in messages)
    assert any("example questions" in m for m in messages)
    assert any(m.startswith("warning") and "180 days" in m for m in messages)


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


def test_yaml_booleans_do_not_sneak_in(kb):
    """`NO` (Norway) or `yes` unquoted would become booleans; every id must stay a string."""
    text = "\n".join(p.read_text() for p in DEFAULT_DIR.rglob("*.yaml"))
    assert not re.search(r"^\s*-?\s*(NO|no|yes|Yes|on|off):", text, re.M)
