"""Reminders in the conversation: set when offered, listed, cancelled, sent when due, answered.

Which reminders a "remind me" button sets, and what follows one that asks how Meta answered,
is declared in letters.yaml (`remind:` and `reminders:`).
"""

from __future__ import annotations

from bot.actions import letters as letters_actions
from bot.actions import reminders
from bot.callbacks import ReminderPressed
from bot.dialogue import answering, keyboards
from bot.dialogue.flows import letters
from bot.dialogue.turn import Turn
from bot.i18n import date_text
from bot.knowledge.models import ReminderRule
from bot.profile import Reminder
from bot.render import button_label, join_html
from bot.replies import Button


def rule(turn: Turn, reminder: Reminder) -> ReminderRule:
    return turn.kb.letters.reminders.get(reminder.kind) or ReminderRule(months=0, days=0)


def show(turn: Turn) -> None:
    """/reminders: the scheduled ones, each with a cancel button."""
    items = reminders.scheduled(turn.profile)
    if not items:
        turn.say(turn.msg("reminders.none"))
        return
    lines = [turn.msg("reminders.list_title")]
    rows = []
    for r in items:
        title = turn.msg(f"reminders.kinds.{r.kind}")
        lines.append(
            turn.msg("reminders.item", title=title, date=date_text(r.due.date(), turn.lang))
        )
        label = button_label(turn.msg("reminders.cancel_button", title=title))
        rows.append([Button(label, ReminderPressed.answer(r.id, "c").pack())])
    turn.say(join_html(lines), rows)


def pressed(turn: Turn, data: ReminderPressed) -> bool:
    if data.reminder_id is None:
        return start(turn, data.value)
    reminder = reminders.find(turn.profile, data.reminder_id)
    if reminder is None:
        return False
    if data.value == "c":
        if reminder.state != "scheduled":
            return False
        reminder.state = "cancelled"
        title = turn.msg(f"reminders.kinds.{reminder.kind}")
        turn.say(turn.msg("reminders.cancelled", title=title))
        return True
    follows = rule(turn, reminder)
    if not follows.asks_outcome or reminder.state != "sent":
        return False
    if data.value == "l" and follows.again is None:
        return False
    answered(turn, reminder, follows, data.value)
    return True


def start(turn: Turn, name: str) -> bool:
    """A "remind me" button offered under an answer or a letter (letters.yaml `remind:`)."""
    p = turn.profile
    offer = turn.kb.letters.remind.get(name)
    if offer is None or (offer.regions is not None and p.region not in offer.regions):
        return False
    if not letters_actions.offered(turn.kb, p, f"remind:{name}"):
        return False
    dates = {
        kind: date_text(reminders.schedule(turn.kb, p, kind, turn.now).due.date(), turn.lang)
        for kind in offer.starts
    }
    if offer.marks_done:
        p.checklist[offer.marks_done] = "done"
    first = offer.starts[0]
    key, law = f"reminders.{name}_set", reminders.legal_deadline(turn.kb, p, first)
    if law is None and turn.kb.letters.reminders[first].deadline is not None:
        key = f"reminders.{name}_set_no_deadline"
    deadline = law.values(turn.lang) if law is not None else {}
    turn.say(turn.msg(key, date=dates[first], **dates, **deadline))
    return True


def answered(turn: Turn, reminder: Reminder, follows: ReminderRule, answer: str) -> None:
    """How Meta answered: accepted, declined, no answer yet, ask again later."""
    reminder.state = "answered"
    if answer == "a":
        turn.say(turn.msg("reminders.accepted"))
    elif answer == "d":
        turn.say(turn.msg("reminders.declined"))
        if follows.on_decline is not None:
            answering.answer(turn, follows.on_decline, (), None, offers=False)
        for action in follows.then:
            kind, _, name = action.partition(":")
            if kind == "letter":
                letters.asked(turn, name)
    elif answer == "w":
        reminder.state = "sent"  # still waiting: the user may yet ask for a later check
        rows = keyboards.actions(turn, follows.then)
        if follows.again is not None:
            data = ReminderPressed.answer(reminder.id, "l").pack()
            rows.append([Button(turn.msg("reminders.later_button"), data)])
        known = reminders.legal_deadline(turn.kb, turn.profile, reminder.kind) is not None
        turn.say(turn.msg("reminders.waiting" if known else "reminders.waiting_no_deadline"), rows)
    elif follows.again is not None:  # "l": ask again later
        again = reminders.schedule(turn.kb, turn.profile, follows.again, turn.now)
        turn.say(turn.msg("reminders.later_set", date=date_text(again.due.date(), turn.lang)))


def due(turn: Turn, reminder_id: str) -> None:
    """A scheduled reminder fell due: send it once, and mark it sent."""
    reminder = reminders.find(turn.profile, reminder_id)
    if reminder is None or reminder.state != "scheduled" or reminder.due > turn.now:
        return
    reminder.state = "sent"
    if rule(turn, reminder).asks_outcome:
        ask = ReminderPressed.answer
        turn.say(
            turn.msg("reminders.objection_due"),
            [
                [
                    Button(turn.msg("reminders.accepted_button"), ask(reminder.id, "a").pack()),
                    Button(turn.msg("reminders.declined_button"), ask(reminder.id, "d").pack()),
                ],
                [Button(turn.msg("reminders.waiting_button"), ask(reminder.id, "w").pack())],
            ],
        )
    elif reminder.kind in turn.kb.letters.reminders:
        turn.say(turn.msg(f"reminders.{reminder.kind}_due"))
