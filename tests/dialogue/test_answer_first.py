"""The direct answer first (issue 12, item 4): an answer opens with one sentence that answers
the question, then the path and the steps; its details and limits, and its sources, come as a
second message when a button is pressed — for the same card, apps and jurisdiction. No message
and no button label ever exceeds what Telegram shows, for any card, app, place or account."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass
from itertools import product

import pytest

from bot import callbacks, cli
from bot.callbacks import STALE, DetailsAsked, GoalAsked
from bot.dialogue import Engine, Press
from bot.i18n import fallbacks
from bot.knowledge.check_coverage import places_by_kind
from bot.knowledge.languages import BUTTON_LIMIT
from bot.knowledge.loader import DEFAULT_DIR
from bot.knowledge.models import Card
from bot.knowledge.wording import internal_words, load_words
from bot.profile import Profile, Step
from bot.render import FIRST_ROOM, button_label, card_answer, card_details
from bot.replies import Button
from bot.rights import PLACEHOLDER, rights_text
from bot.text import TELEGRAM_LIMIT, html_to_plain, telegram_length
from bot.vocabulary import Account, Goal, Platform
from tests.conftest import NOW

UNFILLED = re.compile(r"\{[a-z_]+\}")


@dataclass(frozen=True)
class Sent:
    where: str  # place · goal · app asked about · account
    first: bool  # the answer itself (False: a second message sent on request)
    html: str
    buttons: tuple[Button, ...]


def _profile(engine: Engine, code: str, account: Account) -> Profile | None:
    place = engine.places.resolve(code)
    if place is None or place.region is None:
        return None
    profile = engine.new_profile(None)
    profile.live_in(place)
    profile.platforms, profile.account, profile.step = list(Platform), account, Step.ready
    return profile


def _exchange(engine: Engine, profile: Profile, where: str, data: str) -> list[Sent]:
    """A press and what it sends; then each second message and sub-topic its buttons offer."""
    answer = engine.handle(profile, Press(data))
    out: list[Sent] = []
    for reply in answer.replies:
        buttons = tuple(b for row in reply.buttons for b in row)
        out.append(Sent(where, data.startswith(("g:", "d:")), reply.text, buttons))
        for more in (b.data for b in buttons if b.data and b.data.startswith(("m:", "d:"))):
            if data.startswith("g:") or more.startswith("m:"):
                out += _exchange(engine, answer.profile or profile, f"{where} · {more}", more)
    return out


# A place of each kind of rights and region (the engine sweep; the render sweep takes all).
PLACES = ["DE", "FR", "IE", "GB", "CH", "BR", "US-CA", "US-TX", "US-FL", "JP", "IN", "AU", "NG"]


@pytest.fixture(scope="module")
def rendered(kb) -> list[tuple[str, str]]:
    """Each card for each of its apps in every kind of place the jurisdiction table tells
    apart, in its longest shapes: the first message with everything optional left out, the
    details message with all of it, the sources message. A card whose texts ask for no value
    of the law reads the same everywhere, so it is rendered once."""
    out = []
    seen = set()
    for code, region, jurisdiction in places_by_kind(kb):
        rights = rights_text(kb.jurisdictions, jurisdiction, "en", today=NOW.date())
        for card in (c for c in kb.cards if c.covers_region(region)):
            lines = card.text("en").readable()
            varies = any(PLACEHOLDER.search(line) for line in lines)
            for app in (p for p in Platform if card.covers_platform(p)):
                key = (card.id, app, tuple(sorted(rights.values.items())) if varies else None)
                if key in seen:
                    continue
                seen.add(key)
                first, left = card_answer(kb, card, [app], "en", rights, room=0)
                where = f"{code} · {card.id} · {app}"
                out.append((where, first))
                for part in ("c", "s"):
                    out.append((where, card_details(kb, card, [app], "en", part, rights, left)))
    return out


@pytest.fixture(scope="module")
def sent(engine: Engine, kb) -> list[Sent]:
    """Every answer a user with all four apps can get in a place of each kind — each goal (one
    card per app, several apps sharing one), its sub-topics, with the accounts a goal's cards
    tell apart — and every second message their buttons send."""
    by_account = {card.goal for card in kb.cards if len(card.accounts) == 1}
    out: list[Sent] = []
    for code, account in product(PLACES, Account):
        profile = _profile(engine, code, account)
        assert profile is not None
        for goal in Goal:
            if account == Account.business and goal not in by_account:
                continue
            where = f"{code} · {goal.value} · {account}"
            out += _exchange(engine, profile, where, GoalAsked(goal).pack())
    return out


@pytest.fixture(scope="module")
def one_app(engine: Engine) -> list[int]:
    """First-message lengths of every goal asked for each app alone, in a place of each kind
    of rights: the answers a user typically gets."""
    lengths = []
    for code, goal, app in product(PLACES, Goal, Platform):
        profile = _profile(engine, code, Account.personal)
        assert profile is not None
        answer = engine.handle(profile, Press(GoalAsked(goal, app).pack()))
        lengths.append(telegram_length(answer.replies[0].text))
    return lengths


def test_the_sweeps_reach_every_card_and_its_second_messages(rendered, sent, kb):
    assert {where.split(" · ")[1] for where, _ in rendered} == {card.id for card in kb.cards}
    pressed = {s.where.split(" · ")[-1][:3] for s in sent if not s.first}
    assert {"m:c", "m:s"} <= pressed


def test_no_message_exceeds_telegrams_limit(rendered, sent):
    lengths = [(where, telegram_length(html)) for where, html in rendered]
    lengths += [(s.where, telegram_length(s.html)) for s in sent]
    assert [x for x in lengths if x[1] > TELEGRAM_LIMIT] == []


def test_no_button_label_is_too_long_or_cut(sent, kb):
    labels = {b.label for s in sent for b in s.buttons}
    assert [label for label in labels if len(label) > BUTTON_LIMIT] == []
    titles = {card.text("en").title for card in kb.cards}
    # a sub-topic's label is its title, or the title's part before a dash or bracket
    whole = {f"➕ {t}" for t in titles} | {
        f"➕ {t.split(mark)[0]}" for t in titles for mark in (" — ", " (")
    }
    assert [label for label in labels if label.startswith("➕") and label not in whole] == []


def test_a_typical_first_message_fits_a_phone_screen(one_app):
    """Measured before this change: median 1,622 visible characters for one app, p90 3,009."""
    assert statistics.median(one_app) <= FIRST_ROOM
    assert statistics.quantiles(one_app, n=10)[-1] <= FIRST_ROOM * 1.1


def test_no_internal_words_or_unfilled_values_in_answers_or_second_messages(rendered, sent):
    words = load_words(DEFAULT_DIR)
    texts = [*rendered, *((s.where, s.html) for s in sent)]
    found = set()
    for where, html in texts:
        plain = html_to_plain(html)
        found |= {(where, w) for w in [*internal_words(plain, words), *UNFILLED.findall(plain)]}
    assert found == set()


def test_the_answer_opens_with_the_direct_answer_and_its_limits_follow_on_request(chat):
    chat.onboard("Germany", "instagram")
    chat.say("does deleting my instagram account remove my data from meta ai")
    first = chat.text.split("\n\n")
    assert first[1].startswith("Yes, you can delete your Instagram account")
    assert "does not take back what Meta's AI already learned" in first[1]
    assert "Keep in mind" not in chat.text and "Sources" not in chat.text
    limits = chat.tap("Details")
    assert not limits.notice
    assert "Keep in mind" in chat.text and "What it does not do" in chat.text
    sources = chat.tap("Sources")
    assert not sources.notice and "Sources:" in chat.text
    assert "Evidence as of" in chat.text


def test_sources_are_titled_links_escaped(chat):
    chat.onboard("Germany", "facebook")
    chat.say("how do I delete my facebook account")
    chat.tap("Sources")
    html = chat.last.replies[0].text
    assert '<a href="https://www.facebook.com/help/224562897555674">' in html
    assert "http" not in re.sub(r"<[^>]+>", "", html)  # titles shown, addresses in links


def test_second_messages_keep_the_jurisdiction_of_the_answer(chat):
    chat.onboard("United Kingdom", "instagram")
    chat.say("how do I stop meta training ai on my posts")
    data = chat.buttons[next(label for label in chat.buttons if "Details" in label)]
    chat.command("settings")
    chat.press("s:country")
    chat.say("Germany")
    chat.press(data)  # the UK answer's button, pressed after moving to Germany
    assert "Information Commissioner" in chat.text and "27 May 2025" not in chat.text


def test_an_answer_for_several_apps_names_each_part_and_its_buttons(chat):
    chat.onboard("California", "facebook whatsapp")
    chat.say("how do i opt out of meta ai training")
    assert "📱 Facebook" in chat.text and "📱 WhatsApp" in chat.text
    labels = [label for label in chat.buttons if label.startswith(("⚠️", "📚"))]
    assert "📚 Sources · WhatsApp" in labels and "⚠️ Details · Facebook" in labels


@pytest.mark.parametrize(
    "data",
    [
        "m:c:no_such_card:f:DE",
        "m:c:stop_training.objection:f:ZZ",
        "m:c:stop_training.objection:x:DE",
        "m:x:stop_training.objection:f:DE",
        "m:su:stop_training.objection:f:DE",
        "m:c:stop_training.objection:f",
        "m:c:" + "c" * 60 + ":f:DE",
    ],
)
def test_forged_or_unknown_details_are_stale(chat, data):
    chat.onboard("Germany", "facebook")
    out = chat.press(data)
    assert out.replies == [] and out.notice


def test_details_data_fits_and_round_trips():
    longest = DetailsAsked("c", "c" * callbacks.DETAILS_CARD_WIDTH, tuple(Platform), "GB-SCT", "uo")
    assert len(longest.pack().encode()) <= callbacks.LIMIT
    assert callbacks.parse(longest.pack()) == longest
    assert callbacks.parse("m:s:overview.three_buckets:-:-") == DetailsAsked(
        "s", "overview.three_buckets", (), None
    )
    assert callbacks.parse("m:c:overview.three_buckets:fz:DE") is STALE


def test_ask_prints_everything_it_has_no_buttons_for(engine):
    data = cli.answer(engine, "how do i delete my facebook account", country="DE")
    text = data["text"]
    assert text.index("Yes, you can delete your Facebook account") < text.index("Keep in mind")
    assert "What it does not do" in text and "Sources:" in text


def test_a_translation_without_the_answer_leads_with_its_own_title(kb):
    card = kb.by_id["delete_account.whatsapp"]
    data = card.model_dump(mode="json", exclude={"texts"})
    english = card.texts["en"].model_dump(mode="json")
    german = {**english, "answer": None, "title": "WhatsApp-Konto löschen"}
    translated = Card.model_validate({**data, "en": english, "de": german})
    with fallbacks() as noted:
        first, _ = card_answer(kb, translated, [Platform.whatsapp], "de")
    assert html_to_plain(first).startswith("WhatsApp-Konto löschen") and not noted
    with pytest.raises(ValueError, match="answer"):
        Card.model_validate({**data, "en": {**english, "answer": None}})


def test_button_labels_are_shortened_at_a_natural_break():
    title = "➕ Meta, the GDPR and AI training — fines, complaints and court cases"
    assert button_label(title) == "➕ Meta, the GDPR and AI training"
    assert button_label("x" * 10) == "x" * 10
    long_words = " ".join(["word"] * 30)
    assert button_label(long_words).endswith("word…") and len(button_label(long_words)) <= 64
