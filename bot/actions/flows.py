"""From advice to action, inside the conversation: checklist, texts to send, reminders.

A mixin of the dialogue's `_Turn`: it uses the turn's profile, `say`, `msg`, `answer` and the
onboarding steps, so Telegram and the console get every action without knowing about them.
Button data: `k:` checklist, `l:` letters, `r:` reminders — all checked against the profile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot import render
from bot.actions import checklist, letters, reminders
from bot.profile import Pending, Step
from bot.render import join_html
from bot.text import escape
from bot.vocabulary import Goal, Region

if TYPE_CHECKING:
    from bot.replies import Button

MARKS = {"d": "done", "s": "skipped"}
ANSWERS = {"a", "d", "w", "l", "c"}


class ActionFlows:
    # -- what an action needs ---------------------------------------------------------------

    def action_missing(self, action: str) -> Step | None:
        p = self.profile
        if p.region is None:
            return Step.subdivision if p.country == "US" else Step.country
        kind, _, name = action.partition(":")
        if kind == "checklist" and not p.platforms:
            return Step.platforms
        if kind == "letter" and name == "complaint" and p.country == "DE" and not p.subdivision:
            return Step.subdivision
        if kind == "letter" and name == "us_state" and not p.subdivision:
            return Step.subdivision
        return None

    def need(self, action: str, step: Step) -> None:
        """Remember the action, ask for what it needs, run it as soon as that arrives."""
        p = self.profile
        p.pending = Pending(action=action)
        key = "checklist.needs" if action == "checklist" else "letters.needs_place"
        if step != Step.subdivision:
            self.say(self.msg(key))
        if p.step == Step.ready:
            p.resume = Step.ready
        p.step = step
        self.ask_step()

    def run_action(self, action: str) -> bool:
        kind, _, name = action.partition(":")
        if kind == "checklist":
            self.cmd_checklist("")
            return True
        if kind == "letter" and name in self.kb.letters.letters:
            return self.press_letter(name)
        return False

    # -- checklist ----------------------------------------------------------------------------

    def cmd_checklist(self, _: str) -> None:
        missing = self.action_missing("checklist")
        if missing is not None:
            self.need("checklist", missing)
            return
        items = checklist.items_for(self.kb, self.profile)
        if not items:
            self.say(self.msg("checklist.empty"))
            return
        buttons = []
        for n, item in enumerate(items, 1):
            mark = {"done": "✅ ", "skipped": "⏭ "}.get(self.profile.checklist.get(item.id, ""), "")
            label = f"{mark}{n}. {item.title(self.lang)}"
            buttons.append([self.button(label[:60], f"k:{item.id}")])
        self.say(checklist.overview(self.kb, self.profile, items), buttons)

    def press_checklist(self, value: str) -> bool:
        if not value:
            self.cmd_checklist("")
            return True
        item_id, _, op = value.partition(":")
        items = checklist.items_for(self.kb, self.profile)
        item = next((i for i in items if i.id == item_id), None)
        if item is None or (op and op not in (*MARKS, "u")):
            return False
        title = item.title(self.lang)
        if op in MARKS:
            self.profile.checklist[item.id] = MARKS[op]
            key = "checklist.marked_done" if op == "d" else "checklist.marked_skipped"
            self.say(self.msg(key, title=title))
            self.cmd_checklist("")
            return True
        if op == "u":
            self.profile.checklist.pop(item.id, None)
            self.say(self.msg("checklist.marked_open", title=title))
            self.cmd_checklist("")
            return True
        n = items.index(item) + 1
        self.say(self.msg("checklist.item_header", n=n, total=len(items), minutes=item.minutes))
        platforms = tuple(
            p for p in self.profile.platforms if not item.platforms or p in item.platforms
        )
        self.answer(item.goal, platforms, None, offers=False)
        state = self.profile.checklist.get(item.id)
        row = (
            [self.button(self.msg("checklist.undo_button"), f"k:{item.id}:u")]
            if state
            else [
                self.button(self.msg("checklist.done_button"), f"k:{item.id}:d"),
                self.button(self.msg("checklist.skip_button"), f"k:{item.id}:s"),
            ]
        )
        rows = [
            row,
            *self.action_rows(item.actions),
            [self.button(self.msg("checklist.back_button"), "k:")],
        ]
        self.replies[-1].buttons = rows
        return True

    # -- buttons offered under answers --------------------------------------------------------

    def offer_rows(self, goal: Goal, region: Region | None) -> list[list[Button]]:
        actions: list[str] = []
        for offer in self.kb.letters.offers:
            if offer.goal == goal and (offer.regions is None or region in offer.regions):
                actions.extend(a for a in offer.actions if a not in actions)
        return self.action_rows(actions)

    def action_rows(self, actions: list[str]) -> list[list[Button]]:
        rows = []
        for action in actions:
            kind, _, name = action.partition(":")
            if kind == "letter":
                rows.append([self.button(self.msg(f"letters.button_{name}"), f"l:{name}")])
            elif kind == "remind":
                rows.append([self.button(self.msg(f"reminders.button_{name}"), f"r:new:{name}")])
            elif kind == "checklist":
                rows.append([self.button(self.msg("checklist.open_button"), "k:")])
        return rows

    # -- texts to send ------------------------------------------------------------------------

    def press_letter(self, letter_id: str) -> bool:
        letter = self.kb.letters.letters.get(letter_id)
        if letter is None:
            return False
        action = f"letter:{letter_id}"
        missing = self.action_missing(action)
        if missing is not None:
            self.need(action, missing)
            return True
        p = self.profile
        if p.region not in letter.regions:  # the user's region has another route, or none
            other = letters.for_region(self.kb, p.region, p.subdivision)
            if other is None or other == letter_id:
                self.no_legal_route()
                return True
            return self.press_letter(other)
        if letter_id == "us_state" and not (
            self.kb.states and p.subdivision in self.kb.states.states
        ):
            self.no_legal_route()
            return True
        self.send_letter(letter_id)
        return True

    def no_legal_route(self) -> None:
        p = self.profile
        if p.region == Region.us_other and p.subdivision:
            values = letters.fields(
                self.kb, p, self.kb.letters.letters["us_state"], self.engine.clock().date()
            )
            text = self.msg("letters.no_state_law", state=values["state"])
        else:
            text = self.msg("letters.no_right")
        self.say(
            text,
            self.goal_buttons(
                (
                    Goal.delete_account,
                    Goal.delete_specific_data,
                    Goal.ai_personalization,
                    Goal.off_platform_activity,
                )
            ),
        )

    def send_letter(self, letter_id: str) -> None:
        p = self.profile
        letter = self.kb.letters.letters[letter_id]
        words = letter.text(self.lang)
        values = letters.fields(self.kb, p, letter, self.engine.clock().date())
        title = letters.fill(words.title, values)
        body = letters.fill(words.text, values)
        parts: list[str] = [
            self.msg("letters.heading", title=title),
            escape(letters.fill(words.how, values)),
        ]
        card = self.kb.by_id.get(letter.card_for(p.region))
        if card is not None and letter_id != "complaint":
            parts.extend(render.card_paths(self.kb, card, list(p.platforms), self.lang))
        if letter_id == "complaint":
            parts.append(letters.authorities(self.kb, p))
        parts.append(self.msg("letters.fill_in"))
        parts.append(letters.copyable(body))
        if card is not None and card.text(self.lang).caveats:
            parts.append(render.caveats(card, self.lang))
        document = None
        if len(body) > letters.DOCUMENT_OVER:
            document = self.document(
                self.msg("letters.filename", letter=letter_id),
                body.encode(),
                self.msg("letters.document_caption", title=title),
            )
        rows = []
        if letter_id == "objection":
            rows = self.action_rows(["remind:objection"])
        self.say(join_html(parts, "\n\n"), rows, document=document)

    # -- reminders ----------------------------------------------------------------------------

    def cmd_reminders(self, _: str) -> None:
        items = reminders.scheduled(self.profile)
        if not items:
            self.changed = False
            self.say(self.msg("reminders.none"))
            return
        lines = [self.msg("reminders.list_title")]
        rows = []
        for r in items:
            title = self.msg(f"reminders.kinds.{r.kind}")
            lines.append(self.msg("reminders.item", title=title, date=r.due.date().isoformat()))
            rows.append(
                [self.button(self.msg("reminders.cancel_button", title=title)[:60], f"r:{r.id}:c")]
            )
        self.say(join_html(lines), rows)

    def press_reminder(self, value: str) -> bool:
        first, _, second = value.partition(":")
        now = self.engine.clock()
        p = self.profile
        if first == "new":
            if second == "objection" and p.region in (Region.eu, Region.uk):
                r = reminders.schedule(self.kb, p, "objection", now)
                p.checklist["object"] = "done"
                self.say(self.msg("reminders.objection_set", date=r.due.date().isoformat()))
                return True
            if second == "deletion":
                grace = reminders.schedule(self.kb, p, "deletion_grace", now)
                backups = reminders.schedule(self.kb, p, "deletion_backups", now)
                self.say(
                    self.msg(
                        "reminders.deletion_set",
                        grace=grace.due.date().isoformat(),
                        backups=backups.due.date().isoformat(),
                    )
                )
                return True
            return False
        reminder = reminders.find(p, first)
        if reminder is None or second not in ANSWERS:
            return False
        title = self.msg(f"reminders.kinds.{reminder.kind}")
        if second == "c":
            if reminder.state != "scheduled":
                return False
            reminder.state = "cancelled"
            self.say(self.msg("reminders.cancelled", title=title))
            return True
        if reminder.kind not in ("objection", "objection_again") or reminder.state != "sent":
            return False
        reminder.state = "answered"
        if second == "a":
            self.say(self.msg("reminders.accepted"))
        elif second == "d":
            self.say(self.msg("reminders.declined"))
            self.answer(Goal.escalate, (), None, offers=False)
            self.press_letter("complaint")
        elif second == "w":
            reminder.state = "sent"  # still waiting: the user may yet ask for a later check
            self.say(
                self.msg("reminders.waiting"),
                [
                    *self.action_rows(["letter:complaint"]),
                    [self.button(self.msg("reminders.later_button"), f"r:{reminder.id}:l")],
                ],
            )
        else:  # "l": ask again in a month
            again = reminders.schedule(self.kb, p, "objection_again", now)
            self.say(self.msg("reminders.later_set", date=again.due.date().isoformat()))
        return True

    def due(self, reminder_id: str) -> None:
        """A scheduled reminder fell due: send it once, and mark it sent."""
        reminder = reminders.find(self.profile, reminder_id)
        now = self.engine.clock()
        if reminder is None or reminder.state != "scheduled" or reminder.due > now:
            self.changed = False
            return
        reminder.state = "sent"
        rid = reminder.id
        if reminder.kind in ("objection", "objection_again"):
            self.say(
                self.msg("reminders.objection_due"),
                [
                    [
                        self.button(self.msg("reminders.accepted_button"), f"r:{rid}:a"),
                        self.button(self.msg("reminders.declined_button"), f"r:{rid}:d"),
                    ],
                    [self.button(self.msg("reminders.waiting_button"), f"r:{rid}:w")],
                ],
            )
        elif reminder.kind == "deletion_grace":
            self.say(self.msg("reminders.deletion_grace_due"))
        elif reminder.kind == "deletion_backups":
            self.say(self.msg("reminders.deletion_backups_due"))
