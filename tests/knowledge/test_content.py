"""The real knowledge base passes `kb check`, covers every goal and platform, and says its facts
in its own words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR
from bot.text import fold
from bot.vocabulary import Goal, Platform

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "000_74c114e42388ae25.txt"
BENCH = ROOT / "bench" / "data"


def test_real_knowledge_base_passes_kb_check():
    problems = check()
    errors = [p for p in problems if p.level == "error"]
    assert not errors, "\n".join(map(str, errors))


def test_every_goal_and_platform_is_answered(kb):
    for goal in Goal:
        for platform in Platform:
            assert kb.cards_for(goal, platform), f"{goal} × {platform}"


def test_every_card_has_sources_confidence_and_english(kb):
    for card in kb.cards:
        assert card.sources and card.confidence
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


def test_yaml_booleans_do_not_sneak_in(kb):
    """`NO` (Norway) or `yes` unquoted would become booleans; every id must stay a string."""
    text = "\n".join(p.read_text() for p in DEFAULT_DIR.rglob("*.yaml"))
    assert not re.search(r"^\s*-?\s*(NO|no|yes|Yes|on|off):", text, re.M)


# How each language points at something further down the message ("see below", "shown below").
POINTS_BELOW = {
    "en": r"\bbelow\b",
    "de": r"\bunten (angezeigt|steht)|\b(siehe|steht|steht sie|Liste) unten\b",
    "fr": r"ci-dessous|plus bas",
    "es": r"\b(ver|aparece|de) abajo\b|\babajo aparece",
    "it": r"\b(qui|vedi) sotto\b",
    "pt": r"\babaixo\b",
}


@pytest.mark.parametrize("language", sorted(POINTS_BELOW))
def test_no_card_points_at_something_below_it(kb, language):
    """An answer shows the direct answer, the path and the steps; the details come as a second
    message only when a button is pressed, and an authority only with the complaint letter. So
    nothing a card says can be "shown below" it: a text that says so points at nothing."""
    pattern = re.compile(POINTS_BELOW[language], re.IGNORECASE)
    found = [
        (card.id, line)
        for card in kb.cards
        for line in card.text(language).readable()
        if pattern.search(" ".join(line.split()))
    ]
    assert found == []
