"""The objection reminder follows the user's legal deadline (issue 10, item 2.3): one month
under the GDPR and the UK GDPR; where no deadline covers objections, a documented one-month
default, and the reminder says no legal deadline is known."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta

from bot.actions.reminders import add_business_days, add_months
from bot.dialogue import Due, Engine
from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR
from tests.conftest import NOW, Chat
from tests.dialogue.test_flows import Clock, buttons


def test_uk_reminder_names_the_uk_deadline(kb):
    chat = Chat(Engine(kb, clock=Clock(NOW)))
    chat.onboard("United Kingdom", "facebook")
    chat.press("r:new:objection")
    assert "it has one month (Art. 12(3), Art. 12A UK GDPR)" in chat.text
    assert chat.profile.reminders[0].due == add_months(NOW, 1)


def test_brazil_reminder_uses_the_default_and_says_no_deadline_is_known(kb):
    clock = Clock(NOW)
    chat = Chat(Engine(kb, clock=clock))
    chat.onboard("Brazil", "facebook")
    chat.press("r:new:objection")
    (reminder,) = chat.profile.reminders
    assert reminder.due == add_months(NOW, 1), "not Brazil's 15 days for access statements"
    assert "No legal deadline for Meta's answer is known" in chat.text
    assert "15 days" not in chat.text and "one month" not in chat.text
    clock.now = reminder.due + timedelta(minutes=1)
    chat._run(Due(reminder.id))
    out = chat.press(f"r:{reminder.id}:w")
    assert "No legal deadline" in chat.text and "Meta had one month" not in chat.text
    assert "l:complaint" in buttons(out).values()


def test_business_days_skip_weekends():
    friday = datetime(2026, 11, 27, 12, tzinfo=UTC)
    assert add_business_days(friday, 1) == datetime(2026, 11, 30, 12, tzinfo=UTC)
    assert add_business_days(friday, 15) == datetime(2026, 12, 18, 12, tzinfo=UTC)


def test_kb_check_reports_a_placeholder_the_table_cannot_fill(tmp_path):
    broken = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, broken)
    letters = broken / "letters.yaml"
    text = letters.read_text(encoding="utf-8")
    letters.write_text(text.replace("Date: {today}", "Date: {today} {deadline_law}", 1), "utf-8")
    problems = [str(p) for p in check(broken, NOW.date())]
    assert any("objection.en for BR" in p and "{deadline_law}" in p for p in problems), problems
    assert not any("objection.en for DE" in p for p in problems), "the GDPR's deadline is known"
