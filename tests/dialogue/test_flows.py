"""From advice to action: checklist, texts to send, and reminders — on an injectable clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.actions.reminders import add_months
from bot.dialogue import Due, Engine
from tests.conftest import NOW, Chat


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def timed(kb, clock) -> Chat:
    return Chat(Engine(kb, clock=clock))


def buttons(outcome) -> dict[str, str]:
    return {b.label: b.data for r in outcome.replies for row in r.buttons for b in row if b.data}


# -- checklist --------------------------------------------------------------------------------


def test_eu_checklist_is_ranked_with_minutes_and_progress(chat):
    chat.onboard("Germany", "facebook and instagram")
    out = chat.command("checklist")
    text = chat.text
    lines = [line for line in text.splitlines() if line.startswith("⬜")]
    assert "objection" in lines[0].lower(), "the step with legal force comes first"
    assert any("other websites" in line for line in lines)
    assert all("min" in line for line in lines)
    assert "0 of" in text and "░" in text
    assert not any("Do Not Sell" in line for line in lines)
    assert all(d.startswith("k:") for d in buttons(out).values())


def test_california_and_texas_checklists_differ(chat, engine):
    chat.onboard("California", "facebook")
    chat.command("checklist")
    assert "Do Not Sell" in chat.text and "objection form" not in chat.text
    texan = Chat(engine)
    texan.onboard("Texas", "facebook")
    texan.command("checklist")
    assert "state's privacy law" in texan.text
    alabaman = Chat(engine)
    alabaman.onboard("Alabama", "facebook")
    alabaman.command("checklist")
    assert "state's privacy law" not in alabaman.text


def test_whatsapp_only_user_gets_the_whatsapp_item(chat):
    chat.onboard("Japan", "whatsapp")
    chat.command("checklist")
    assert "Advanced chat privacy" in chat.text
    assert "Off-" not in chat.text and "connected apps" not in chat.text.lower()


def test_item_shows_steps_and_marking_done_moves_the_bar(chat):
    chat.onboard("France", "facebook")
    out = chat.press("k:offmeta")
    assert "Steps" in chat.text and "Step 2 of" in chat.text
    assert "k:offmeta:d" in buttons(out).values() and "k:offmeta:s" in buttons(out).values()
    chat.press("k:offmeta:d")
    assert chat.profile.checklist == {"offmeta": "done"}
    assert "1 of" in chat.text and "▓" in chat.text
    chat.press("k:apps:s")
    assert chat.profile.checklist["apps"] == "skipped"
    chat.press("k:apps:u")
    assert "apps" not in chat.profile.checklist


@pytest.mark.parametrize("data", ["k:nothing", "k:object:x", "k:dnss", "k:dnss:d", "k:waai:d"])
def test_items_that_do_not_apply_cannot_be_pressed(chat, data):
    chat.onboard("France", "facebook")
    out = chat.press(data)
    assert out.notice and not out.replies and chat.profile.checklist == {}


def test_checklist_before_onboarding_asks_then_shows(chat):
    chat.command("checklist")
    assert "Where do you live" in chat.text
    chat.say("ireland")
    chat.say("instagram")
    assert "Your checklist" in chat.text


# -- texts to send ----------------------------------------------------------------------------


def test_eu_objection_text_with_placeholders_and_path(chat):
    chat.onboard("Germany", "instagram")
    out = chat.press("l:objection")
    text = chat.text
    assert "Art. 21(1) of the GDPR" in text and "Right to object" in text
    assert "[the email address or profile link of your account]" in text
    assert "never ask for your name" in text
    assert "<pre>" in out.replies[0].text, "ready to copy"


def test_uk_objection_cites_uk_gdpr(chat):
    chat.onboard("UK", "facebook")
    chat.press("l:objection")
    assert "Art. 21(1) of the UK GDPR" in chat.text


def test_objection_button_in_california_gives_the_do_not_sell_request(chat):
    chat.onboard("California", "facebook")
    chat.press("l:objection")
    text = chat.text
    assert "1798.120" in text and "no opt-out of AI training is known" in text
    assert "Article 21" not in text


def test_texas_gets_its_state_law_without_an_ai_right(chat):
    chat.onboard("Texas", "facebook")
    chat.press("l:us_state")
    text = chat.text
    assert "Texas" in text and "July 2024" in text
    assert "not known to give a right to object to AI training" in text


def test_no_law_no_letter(chat, engine):
    chat.onboard("Arizona", "facebook")  # no state privacy law in the table
    chat.press("l:us_state")
    assert (
        "no legal opt-out right is known" in chat.text and "<pre>" not in chat.last.replies[0].text
    )
    japanese = Chat(engine)
    japanese.onboard("Japan", "instagram")
    out = japanese.press("l:objection")
    assert "no legal right to object" in japanese.text
    assert "g:delete_account" in buttons(out).values(), "deletion is offered instead"


def test_german_complaint_asks_for_the_state_and_names_three_authorities(chat):
    chat.onboard("Germany", "facebook")
    chat.press("l:complaint")
    assert "Which German state" in chat.text
    out = chat.say("Bayern")
    text = chat.text
    assert "Bayerisches Landesamt" in text
    assert "Bundesbeauftragte" in text
    assert "Data Protection Commission" in text and "lead authority" in text
    # the text is in German, the authority's language, now that the letter has a German text
    assert "Beschwerde nach" in text and "gegen Meta Platforms Ireland Limited" in text
    documents = [r.document for r in out.replies if r.document]
    assert documents and documents[0].filename.endswith(".txt"), "a long text also as a file"
    assert b"Art. 21(1) GDPR" in documents[0].content


def test_french_and_uk_complaints_go_to_their_authorities(chat, engine):
    chat.onboard("France", "facebook")
    chat.press("l:complaint")
    assert "Commission Nationale de l'Informatique" in chat.text or "CNIL" in chat.text
    briton = Chat(engine)
    briton.onboard("United Kingdom", "facebook")
    briton.press("l:complaint")
    assert "Information Commissioner" in briton.text


def test_answers_offer_the_right_texts(chat, engine):
    chat.onboard("Germany", "instagram")
    out = chat.say("how do i stop instagram ai training")
    assert {"l:objection", "r:new:objection"} <= set(buttons(out).values())
    californian = Chat(engine)
    californian.onboard("California", "instagram")
    out = californian.say("how do i stop instagram ai training")
    assert "l:do_not_sell" in buttons(out).values()
    assert "l:objection" not in buttons(out).values()


# -- reminders --------------------------------------------------------------------------------


def test_objection_reminder_after_one_month_then_escalation(timed, clock):
    timed.onboard("Germany", "facebook")
    timed.press("r:new:objection")
    assert "29 December 2026" in timed.text  # dates as readers write them (Babel)
    assert timed.profile.checklist.get("object") == "done"
    (reminder,) = timed.profile.reminders
    assert reminder.due == datetime(2026, 12, 29, 12, 0, tzinfo=UTC)
    assert timed.engine.due_ids(timed.profile) == []
    out = timed._run(Due(reminder.id))
    assert not out.replies, "not before it is due"
    clock.now = reminder.due + timedelta(minutes=1)
    assert timed.engine.due_ids(timed.profile) == [reminder.id]
    out = timed._run(Due(reminder.id))
    assert "Did Meta answer" in timed.text
    assert set(buttons(out).values()) == {
        f"r:{reminder.id}:a",
        f"r:{reminder.id}:d",
        f"r:{reminder.id}:w",
    }
    again = timed._run(Due(reminder.id))
    assert not again.replies, "a reminder is sent once"
    timed.press(f"r:{reminder.id}:d")
    assert "declined" in timed.text and "Data Protection Commission" in timed.text
    stale = timed.press(f"r:{reminder.id}:a")
    assert stale.notice and not stale.replies


def test_no_answer_yet_offers_complaint_or_a_later_reminder(timed, clock):
    timed.onboard("Ireland", "instagram")
    timed.press("r:new:objection")
    rid = timed.profile.reminders[0].id
    clock.now += timedelta(days=40)
    timed._run(Due(rid))
    out = timed.press(f"r:{rid}:w")
    assert "l:complaint" in buttons(out).values()
    timed.press(f"r:{rid}:l")
    scheduled = [r for r in timed.profile.reminders if r.state == "scheduled"]
    assert len(scheduled) == 1 and scheduled[0].kind == "objection_again"


def test_deletion_reminders_and_cancel(timed, clock):
    timed.onboard("Brazil", "facebook")
    timed.press("r:new:deletion")
    kinds = {r.kind: r.due for r in timed.profile.reminders}
    assert kinds["deletion_grace"] == NOW + timedelta(days=28)
    assert kinds["deletion_backups"] == NOW + timedelta(days=120)
    out = timed.command("reminders")
    cancel = [d for d in buttons(out).values() if d.endswith(":c")]
    assert len(cancel) == 2
    timed.press(cancel[0])
    assert "Cancelled" in timed.text
    clock.now = NOW + timedelta(days=121)  # past the grace period plus Meta's 90 days
    due = timed.engine.due_ids(timed.profile)
    assert len(due) == 1
    timed._run(Due(due[0]))
    assert "90 days" in timed.text or "grace period" in timed.text


@pytest.mark.parametrize("data", ["r:new:objection", "r:99:a", "r:1:zz", "r:new:x", "r:1:c"])
def test_forged_reminder_buttons(timed, data):
    timed.onboard("Japan", "facebook")  # no objection right in Japan
    out = timed.press(data)
    assert out.notice and not out.replies and timed.profile.reminders == []


def test_add_months_clamps_to_month_end():
    assert add_months(datetime(2027, 1, 31, tzinfo=UTC), 1) == datetime(2027, 2, 28, tzinfo=UTC)
    assert add_months(datetime(2028, 1, 31, tzinfo=UTC), 1) == datetime(2028, 2, 29, tzinfo=UTC)
    assert add_months(datetime(2026, 12, 15, tzinfo=UTC), 1) == datetime(2027, 1, 15, tzinfo=UTC)
