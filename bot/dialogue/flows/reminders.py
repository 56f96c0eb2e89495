"""Reminders in the conversation: set when offered, listed, cancelled, sent when due, answered."""

from __future__ import annotations

from bot.actions import reminders
from bot.callbacks import ReminderPressed
from bot.dialogue import answering, keyboards
from bot.dialogue.flows import letters
from bot.dialogue.turn import Turn
from bot.profile import Reminder
from bot.render import join_html
from bot.replies import Button
from bot.vocabulary import Goal, Region

OBJECTION_KINDS = ("objection", "objection_again")  # the ones that ask how Meta answered


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
        lines.append(turn.msg("reminders.item", title=title, date=r.due.date().isoformat()))
        label = turn.msg("reminders.cancel_button", title=title)[:60]
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
    if reminder.kind not in OBJECTION_KINDS or reminder.state != "sent":
        return False
    answered(turn, reminder, data.value)
    return True


def start(turn: Turn, offer: str) -> bool:
    """A reminder offered under an answer: `objection` (EU, UK) or `deletion`."""
    p = turn.profile
    if offer == "objection" and p.region in (Region.eu, Region.uk):
        r = reminders.schedule(turn.kb, p, "objection", turn.now)
        p.checklist["object"] = "done"
        turn.say(turn.msg("reminders.objection_set", date=r.due.date().isoformat()))
        return True
    if offer == "deletion":
        grace = reminders.schedule(turn.kb, p, "deletion_grace", turn.now)
        backups = reminders.schedule(turn.kb, p, "deletion_backups", turn.now)
        turn.say(
            turn.msg(
                "reminders.deletion_set",
                grace=grace.due.date().isoformat(),
                backups=backups.due.date().isoformat(),
            )
        )
        return True
    return False


def answered(turn: Turn, reminder: Reminder, answer: str) -> None:
    """How Meta answered the objection: accepted, declined, no answer yet, ask again later."""
    reminder.state = "answered"
    if answer == "a":
        turn.say(turn.msg("reminders.accepted"))
    elif answer == "d":
        turn.say(turn.msg("reminders.declined"))
        answering.answer(turn, Goal.escalate, (), None, offers=False)
        letters.asked(turn, "complaint")
    elif answer == "w":
        reminder.state = "sent"  # still waiting: the user may yet ask for a later check
        later = Button(
            turn.msg("reminders.later_button"), ReminderPressed.answer(reminder.id, "l").pack()
        )
        turn.say(
            turn.msg("reminders.waiting"),
            [*keyboards.actions(turn, ["letter:complaint"]), [later]],
        )
    else:  # "l": ask again in a month
        again = reminders.schedule(turn.kb, turn.profile, "objection_again", turn.now)
        turn.say(turn.msg("reminders.later_set", date=again.due.date().isoformat()))


def due(turn: Turn, reminder_id: str) -> None:
    """A scheduled reminder fell due: send it once, and mark it sent."""
    reminder = reminders.find(turn.profile, reminder_id)
    if reminder is None or reminder.state != "scheduled" or reminder.due > turn.now:
        return
    reminder.state = "sent"
    if reminder.kind in OBJECTION_KINDS:
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
    elif reminder.kind == "deletion_grace":
        turn.say(turn.msg("reminders.deletion_grace_due"))
    elif reminder.kind == "deletion_backups":
        turn.say(turn.msg("reminders.deletion_backups_due"))
