"""Answers and checklist items derive from the jurisdiction table (issue 10): every answer a user
in any jurisdiction can get is free of internal words, and the law an AI-training answer cites
is that jurisdiction's own."""

from __future__ import annotations

import re
from datetime import date
from itertools import product

import pytest

from bot.actions import checklist
from bot.dialogue.answering import best_cards
from bot.knowledge.check_coverage import places_by_kind
from bot.knowledge.loader import DEFAULT_DIR
from bot.knowledge.wording import internal_words, load_words
from bot.profile import Profile
from bot.render import card_text
from bot.rights import rights_text
from bot.text import html_to_plain
from bot.vocabulary import Account, Goal, Platform


@pytest.fixture(scope="module")
def places(kb):
    """(label, region, jurisdiction) for every kind of place, as `kb check` walks them."""
    return places_by_kind(kb)


def _answers(kb, places, goals=tuple(Goal)):
    """(place, goal, platform, account, plain text) of every answer a user can be given."""
    for (label, region, jurisdiction), goal, platform, account in product(
        places, goals, Platform, Account
    ):
        rights = rights_text(kb.jurisdictions, jurisdiction, "en", today=date(2026, 11, 30))
        for card in best_cards(kb, goal, platform, region, account, (), jurisdiction):
            html = card_text(kb, card, [platform], "en", rights)
            yield label, goal, platform, account, html_to_plain(html)


def test_every_place_has_an_answer_for_every_goal_app_and_account(kb, places):
    answered = {(label, g, p, a) for label, g, p, a, _ in _answers(kb, places)}
    expected = {
        (label, g, p, a) for (label, _, _), g, p, a in product(places, Goal, Platform, Account)
    }
    assert expected - answered == set()
    assert len(places) > 77  # every jurisdiction of the table, plus bare regions


def test_no_internal_words_or_unfilled_placeholders_in_any_answer_anywhere(kb, places):
    words = load_words(DEFAULT_DIR)
    found = set()
    for label, goal, platform, _, text in _answers(kb, places):
        found |= {(label, goal.value, platform.value, w) for w in internal_words(text, words)}
        found |= {(label, goal.value, p) for p in re.findall(r"\{[a-z_]+\}", text)}
    assert not found


def test_no_internal_words_in_any_checklist_item_anywhere(kb, places):
    words = load_words(DEFAULT_DIR)
    for (code, region, _), platform in product(places, Platform):
        known = " " not in code  # "eu (no country)" is a bare region
        profile = Profile(
            country=code.split("-")[0] if known else None,
            subdivision=code if known and "-" in code else None,
            region=region,
            platforms=[platform],
        )
        for item in checklist.items_for(kb, profile):
            assert not internal_words(item.title("en"), words), (code, item.id)


def _law_labels(kb):
    """The labels that name one law: acronyms (GDPR, LGPD, UK GDPR, CCPA/CPRA). Descriptive
    labels ("Privacy Act", "Data Protection Act") are also words of other laws' names."""
    labels = {law.label for law in kb.jurisdictions.laws.values()}
    return {label for label in labels if re.search(r"\b[A-Z]{3,}", label)}


def test_stop_training_answers_cite_only_their_own_jurisdictions_law(kb, places):
    """A UK user must not read "GDPR Art. 21", a Swiss user not the LGPD (finding 3)."""
    labels = _law_labels(kb)
    wrong = set()
    for label, region, jurisdiction in places:
        if jurisdiction is None:  # a bare region: no law to hold the answer to
            continue
        own = sorted({law.label for law in jurisdiction.laws}, key=len, reverse=True)
        answers = _answers(kb, [(label, region, jurisdiction)], [Goal.stop_training])
        for _, _, platform, _, text in answers:
            for mine in own:  # "UK GDPR" before "GDPR"
                text = text.replace(mine, "")
            for other in labels - set(own):
                if re.search(rf"(?<!\w){re.escape(other)}(?!\w)", text):
                    wrong.add((label, platform.value, other))
    assert not wrong


def test_law_labels_are_distinctive_enough_to_check(kb):
    """The check above relies on labels naming laws, not common words."""
    assert {"GDPR", "UK GDPR", "LGPD", "FADP", "CCPA/CPRA", "FDBR"} <= _law_labels(kb)
