"""What an answer says about its evidence: dated by its newest source, not by an edit; its
confidence in words a user understands; no claim dated later than its sources; no internal
words; and deletion that never promises backups are gone at 90 days (issue 10, items 4 and 6,
findings 4, 9 and 10)."""

from __future__ import annotations

import re
from itertools import product

import pytest

from bot.i18n import t
from bot.knowledge.loader import DEFAULT_DIR
from bot.knowledge.models import Source, as_date
from bot.knowledge.wording import internal_words, load_words
from bot.render import card_text
from bot.text import html_to_plain
from bot.vocabulary import Account, Goal, Platform, Region

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "as of mid-2026", "by May 2026": a claim about the state of things at a date.
STATE_AT = re.compile(rf"\b(?:as of (?:early-|mid-|late-)?|by (?:{MONTHS}) )(\d{{4}})\b")


def _rendered(kb):
    """Every answer a user can get: each card for every platform × region × account it fits."""
    seen = set()
    for goal, platform, region, account in product(Goal, Platform, Region, Account):
        for card in kb.cards_for(goal, platform, region, account):
            if (card.id, platform) not in seen:
                seen.add((card.id, platform))
                yield card, platform, card_text(kb, card, [platform], "en")


def test_no_internal_words_in_any_rendered_answer(kb):
    words = load_words(DEFAULT_DIR)
    found = {
        (card.id, word.lower())
        for card, _, html in _rendered(kb)
        for word in internal_words(html_to_plain(html), words)
    }
    assert not found


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("see the delete-account card", True),
        ("In The Guide's View, this", True),
        ("Confidence: reported (second-hand)", True),
        ("Sources: the SEED guide", True),
        ("a popular guide says so; cardholders and seeds are other words", False),
    ],
)
def test_internal_words_match_whole_words_in_any_case(text, flagged):
    assert bool(internal_words(text, load_words(DEFAULT_DIR))) is flagged


def test_answers_are_dated_by_their_newest_evidence_not_an_edit(kb):
    card = kb.by_id["connected_apps.facebook"]  # sources from 2018, 2020 and 2021
    text = html_to_plain(card_text(kb, card, [Platform.facebook], "en"))
    assert "Evidence as of 19 August 2021" in text  # dates as readers write them (Babel)
    assert "verified" not in text.lower() and "2026-11-29" not in text


def test_the_guide_never_dates_an_answer(kb):
    guide = Source(title="A popular privacy guide", kind="guide", published="2026-11")
    card = kb.by_id["trained_data.elsewhere"]
    dated = card.model_copy(update={"sources": [*card.sources, guide]})
    assert dated.evidence_as_of == card.evidence_as_of == "2024-12-17"


def test_confidence_reads_as_plain_words(kb):
    card = kb.by_id["remove_chatbot.whatsapp"]  # WhatsApp's statement comes via the BBC
    text = html_to_plain(card_text(kb, card, [Platform.whatsapp], "en"))
    assert "Based on press reports" in text
    assert "Confidence: confirmed" not in text


def test_no_claim_about_a_date_later_than_the_cards_evidence(kb):
    late = []
    for card in kb.cards:
        newest = card.evidence_as_of
        text = card.texts["en"]
        for part in (text.summary, *text.steps, *text.caveats, *text.does_not):
            for year in STATE_AT.findall(part):
                if newest is None or int(year) > as_date(newest).year:
                    late.append((card.id, year, newest))
    assert not late


def test_confirmed_cards_have_a_primary_source(kb):
    unsupported = [
        c.id for c in kb.cards if c.confidence == "confirmed" and not c.has_primary_source
    ]
    assert not unsupported


def test_sources_are_titled_links_not_raw_addresses(kb):
    card = kb.by_id["delete_account.facebook"]
    html = card_text(kb, card, [Platform.facebook], "en")
    line = html[html.index("Sources:") :].split("\n")[0]
    assert '<a href="https://www.facebook.com/help/224562897555674">' in line
    assert "http" not in re.sub(r"<[^>]+>", "", line)


def test_deletion_never_promises_backups_are_gone_at_90_days(kb):
    texts = [
        html_to_plain(card_text(kb, card, [platform], "en"))
        for card, platform, _ in _rendered(kb)
        if card.goal == Goal.delete_account
    ]
    reminder = t("reminders.deletion_backups_due", "en")
    for text in [*texts, reminder]:
        assert "backups included" not in text
        if "90 days" in text:
            assert re.search(r"backup.{0,40}(longer|after)", text, re.S), text
