"""The conversation, free of any transport: (profile, event) → (replies, new profile).

Telegram, the console chat and `ask` are thin adapters over `Engine.handle`. Onboarding asks for
the country (and a US state, where the law differs), the apps and the account type; questions are
welcome at any point — answered at once when the answer does not depend on what is missing,
otherwise remembered (as goal and platform, never as text) and answered as soon as it can be.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot import render
from bot.actions.flows import ActionFlows
from bot.i18n import Html, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.models import Card
from bot.matching import ANSWER_AT, Match
from bot.places import Place
from bot.profile import Pending, Profile, Step, utcnow
from bot.replies import Button, Document, InlineCard, Reply
from bot.text import clean, fold
from bot.vocabulary import Account, Goal, Platform, Region

MAX_TEXT = 4000  # characters of a message that are read at all
START_GOALS = (Goal.stop_training, Goal.quick_wins, Goal.ai_personalization, Goal.delete_account)


# -- what goes in and out ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Command:
    name: str
    arg: str = ""


@dataclass(frozen=True)
class Press:
    """A button press; `data` is untrusted (it comes back from the client)."""

    data: str


@dataclass(frozen=True)
class Due:
    """A stored reminder's time has come (sent by the front-end's scheduler)."""

    reminder_id: str


Event = Text | Command | Press | Due


@dataclass
class Outcome:
    replies: list[Reply]
    profile: Profile | None  # None: everything about the user is to be deleted
    notice: str | None = None  # a short toast for a button press
    changed: bool = True
    match: Match | None = None  # how a text was understood (for `ask --json`)


# -- the engine -------------------------------------------------------------------------------


class Engine:
    """One per knowledge base; `handle` never raises on user input and never does I/O."""

    def __init__(
        self,
        kb: KnowledgeBase,
        clock: Callable[[], datetime] = utcnow,
        retention_days: int = 365,
    ) -> None:
        self.kb = kb
        self.clock = clock
        self.retention_days = retention_days
        self.places = kb.gazetteer

    def new_profile(self, user_id: int | None, language: str = "en") -> Profile:
        now = self.clock()
        return Profile(user_id=user_id, language=language, created=now, last_seen=now)

    def handle(
        self,
        profile: Profile | None,
        event: Event,
        user_id: int | None = None,
        language: str = "en",
        *,
        owned: bool = False,
    ) -> Outcome:
        """`owned`: the caller hands the profile over (a fresh copy loaded from storage), so
        it is worked on directly; otherwise the caller's profile is never changed."""
        stored = profile is not None
        if profile is None:
            profile = self.new_profile(user_id, language)
        elif not owned:
            profile = profile.model_copy(deep=True)
        profile.last_seen = self.clock()
        turn = _Turn(self, profile, stored)
        if isinstance(event, Command):
            turn.command(event.name.lower().lstrip("/"), clean(event.arg, 64))
        elif isinstance(event, Press):
            turn.press(event.data if isinstance(event.data, str) else "")
        elif isinstance(event, Due):
            turn.due(event.reminder_id)
        else:
            turn.text(event.text)
        return Outcome(
            turn.replies,
            None if turn.forget else turn.profile,
            turn.notice,
            turn.changed,
            turn.match,
        )

    def match(self, text: str, language: str = "en") -> Match:
        return self.kb.matcher(language).match(text)

    def due_ids(self, profile: Profile, now: datetime | None = None) -> list[str]:
        """Ids of the profile's reminders that are due (the scheduler sends `Due` for each)."""
        now = now or self.clock()
        return [r.id for r in profile.reminders if r.state == "scheduled" and r.due <= now]

    def inline(
        self, profile: Profile | None, query: str, language: str = "en", limit: int = 5
    ) -> list[InlineCard]:
        """Answer cards for an inline query, fitted to the stored profile when there is one."""
        profile = profile or self.new_profile(None, language)
        match = self.match(clean(query, 256), profile.language)
        goals = [match.goal] if match.goal else []
        goals += [g for g in match.alternatives if g not in goals]
        platforms = list(match.platforms) or list(profile.platforms) or [None]
        region = match.place.region if match.place and match.place.region else profile.region
        account = profile.account or Account.personal
        out: list[InlineCard] = []
        seen: set[str] = set()
        for goal in goals:
            for platform in platforms:
                cards = self.kb.cards_for(goal, platform, region, account) or self.kb.cards_for(
                    goal, platform, region, None
                )
                for card in sorted(cards, key=lambda c: c.id not in match.cards):
                    if card.id in seen or len(out) >= limit:
                        continue
                    seen.add(card.id)
                    text = card.text(profile.language)
                    owners = [p for p in platforms if p and card.covers_platform(p)]
                    regions = ", ".join(
                        render.region_label(r, profile.language) for r in card.regions
                    )
                    out.append(
                        InlineCard(
                            id=card.id[:64],
                            title=text.title,
                            description=f"{regions} · {text.summary.strip()}"[:200],
                            text=render.card_text(self.kb, card, owners, profile.language),
                        )
                    )
        return out


class _Turn(ActionFlows):
    """One event's worth of conversation; collects replies."""

    def __init__(self, engine: Engine, profile: Profile, stored: bool = True) -> None:
        self.engine = engine
        self.stored = stored  # False: a stranger, of whom nothing is kept yet
        self.kb = engine.kb
        self.places = engine.places
        self.profile = profile
        self.lang = profile.language
        self.replies: list[Reply] = []
        self.notice: str | None = None
        self.changed = True
        self.forget = False
        self.asked = False  # the current onboarding question was (re)asked in this turn
        self.match: Match | None = None

    # -- helpers ------------------------------------------------------------------------------

    def say(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        edit: bool = False,
        document: Document | None = None,
    ) -> None:
        self.replies.append(Reply(Html(text), buttons or [], edit, document))

    def msg(self, key: str, **values: object) -> Html:
        return t(key, self.lang, **values)

    @staticmethod
    def button(label: str, data: str) -> Button:
        return Button(label, data)

    @staticmethod
    def document(filename: str, content: bytes, caption: str) -> Document:
        return Document(filename, content, caption)

    def goal_buttons(
        self, goals: list[Goal] | tuple[Goal, ...], platform: Platform | None = None
    ) -> list[list[Button]]:
        suffix = f":{platform.value}" if platform else ""
        buttons = [
            Button(self.kb.goal_name(g, self.lang, short=True), f"g:{g.value}{suffix}")
            for g in goals
        ]
        return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]

    # -- commands -----------------------------------------------------------------------------

    def command(self, name: str, arg: str) -> None:
        handlers = {
            "start": self.cmd_start,
            "help": self.cmd_help,
            "settings": self.cmd_settings,
            "privacy": self.cmd_privacy,
            "mydata": self.cmd_mydata,
            "forget": self.cmd_forget,
            "cancel": self.cmd_cancel,
            "checklist": self.cmd_checklist,
            "reminders": self.cmd_reminders,
        }
        handler = handlers.get(name)
        if handler is None:
            self.changed = False
            self.cmd_help("")
            return
        handler(arg)

    def cmd_start(self, payload: str) -> None:
        goal, platform, valid = self._payload(payload)
        p = self.profile
        if platform and platform not in p.platforms and not p.onboarded:
            p.platforms.append(platform)
        if p.onboarded:
            self.say(
                self.msg("start.welcome_back", summary=render.profile_summary(self.kb, p)),
                self.goal_buttons(START_GOALS),
            )
        else:
            self.say(self.msg("start.welcome"))
        if payload and not valid:
            self.say(self.msg("start.bad_payload"))
        if goal:
            self.question(goal, (platform,) if platform else (), None)
        if not p.onboarded:
            if p.step == Step.new:
                p.step = Step.country
            self.ask_step()

    def _payload(self, payload: str) -> tuple[Goal | None, Platform | None, bool]:
        """Deep-link payloads: a goal, a platform, or both (`instagram-stop_training`)."""
        goal = platform = None
        parts = [x for x in fold(payload.replace("-", " ").replace("__", " ")).split() if x]
        words = " ".join(parts)
        for token in [*parts, words.replace(" ", "_")]:
            if token in Goal.__members__:
                goal = Goal(token)
            elif token in Platform.__members__:
                platform = Platform(token)
        # goal ids contain underscores: try every split
        if goal is None:
            joined = fold(payload).replace(" ", "_")
            for g in Goal:
                if g.value in joined:
                    goal = g
            for p in Platform:
                if p.value in joined:
                    platform = p
        valid = bool(goal or platform)
        return goal, platform, valid

    def cmd_help(self, _: str) -> None:
        self.changed = False
        self.say(self.msg("help.text"))

    def cmd_settings(self, _: str) -> None:
        self.say(
            self.msg("settings.text", summary=render.profile_summary(self.kb, self.profile)),
            [
                [
                    Button(self.msg("settings.country_button"), "s:country"),
                    Button(self.msg("settings.platforms_button"), "s:platforms"),
                ],
                [Button(self.msg("settings.account_button"), "s:account")],
            ],
        )
        self.changed = False

    def cmd_privacy(self, _: str) -> None:
        self.changed = False
        self.say(self.msg("privacy.text", days=self.engine.retention_days))

    def cmd_mydata(self, _: str) -> None:
        self.changed = False
        if not self.stored:  # a blank profile made up for this turn is not "what I store"
            self.say(self.msg("mydata.empty"))
            return
        data = json.dumps(self.profile.model_dump(mode="json"), indent=2, ensure_ascii=False)
        self.say(
            self.msg("mydata.caption"),
            document=Document(
                self.msg("mydata.filename"), data.encode(), self.msg("mydata.caption")
            ),
        )

    def cmd_forget(self, _: str) -> None:
        if not self.stored:  # nothing to delete, and nothing to keep for a confirmation
            self.changed = False
            self.say(self.msg("forget.nothing"))
            return
        self.profile.awaiting = "forget"
        self.say(
            self.msg("forget.confirm"),
            [
                [
                    Button(self.msg("forget.yes_button"), "f:yes"),
                    Button(self.msg("forget.no_button"), "f:no"),
                ]
            ],
        )

    def cmd_cancel(self, _: str) -> None:
        p = self.profile
        if p.awaiting:
            p.awaiting = None
            self.say(self.msg("cancel.done"))
        elif not p.onboarded and p.step != Step.new:
            p.step, p.resume, p.pending = Step.ready, None, None
            self.say(self.msg("onboarding.paused"))
        elif p.pending or p.resume:
            p.step, p.resume, p.pending = Step.ready, None, None
            self.say(self.msg("cancel.done"))
        else:
            self.changed = False
            self.say(self.msg("cancel.nothing"))

    # -- buttons ------------------------------------------------------------------------------

    def press(self, data: str) -> None:
        kind, _, value = data.partition(":")
        handler = {
            "c": self.press_country,
            "p": self.press_platform,
            "a": self.press_account,
            "g": self.press_goal,
            "s": self.press_settings,
            "f": self.press_forget,
            "d": self.press_card,
            "k": self.press_checklist,
            "l": self.press_letter,
            "r": self.press_reminder,
        }.get(kind)
        if handler is None or len(data) > 64 or not handler(value):
            self.stale()

    def stale(self) -> None:
        self.changed = False
        self.replies.clear()
        self.notice = self.msg("errors.stale_button")

    def press_country(self, value: str) -> bool:
        if self.profile.step not in (Step.country, Step.subdivision):
            return False
        if value == "?":
            key = (
                "onboarding.us_state_type_it"
                if self.profile.step == Step.subdivision
                else "onboarding.country_type_it"
            )
            self.say(self.msg(key))
            self.changed = False
            return True
        place = self.places.resolve(value) if 2 <= len(value) <= 6 else None
        if place is None or place.code != value.upper():
            return False
        self.set_place(place)
        return True

    def press_platform(self, value: str) -> bool:
        p = self.profile
        if p.step != Step.platforms:
            return False
        if value == "done":
            if not p.platforms:
                self.notice = self.msg("onboarding.platforms_none")
                self.changed = False
                return True
            self.say(
                self.msg(
                    "onboarding.platforms_set",
                    platforms=render.platform_list(self.kb, p.platforms, self.lang),
                )
            )
            self.step_done()
            return True
        if value not in Platform.__members__:
            return False
        platform = Platform(value)
        if platform in p.platforms:
            p.platforms.remove(platform)
        else:
            p.platforms.append(platform)
        p.platforms = [x for x in Platform if x in p.platforms]
        self.say(self.msg("onboarding.platforms"), self.platform_buttons(), edit=True)
        return True

    def press_account(self, value: str) -> bool:
        if self.profile.step != Step.account or value not in Account.__members__:
            return False
        self.set_account(Account(value))
        return True

    def press_goal(self, value: str) -> bool:
        goal_id, _, platform_id = value.partition(":")
        if goal_id not in Goal.__members__ or (
            platform_id and platform_id not in Platform.__members__
        ):
            return False
        platform = Platform(platform_id) if platform_id else None
        self.question(Goal(goal_id), (platform,) if platform else (), None)
        return True

    def press_settings(self, value: str) -> bool:
        step = {"country": Step.country, "platforms": Step.platforms, "account": Step.account}.get(
            value
        )
        if step is None:
            return False
        self.profile.step = step
        self.profile.resume = Step.ready
        self.ask_step()
        return True

    def press_forget(self, value: str) -> bool:
        if self.profile.awaiting != "forget" or value not in ("yes", "no"):
            return False
        self.confirm_forget(value == "yes")
        return True

    def confirm_forget(self, yes: bool) -> None:
        self.profile.awaiting = None
        if yes:
            self.forget = True
            self.say(self.msg("forget.done"))
        else:
            self.say(self.msg("forget.kept"))

    # -- onboarding ---------------------------------------------------------------------------

    def ask_step(self) -> None:
        self.asked = True
        step = self.profile.step
        if step == Step.country:
            self.say(self.msg("onboarding.country"), self.country_buttons())
        elif step == Step.subdivision and self.profile.country == "DE":
            self.say(self.msg("onboarding.de_state"))
        elif step == Step.subdivision:
            california = self.places.name(Place("US", "US-CA", Region.us_ca), self.lang)
            self.say(
                self.msg("onboarding.us_state"),
                [
                    [
                        Button(california, "c:US-CA"),
                        Button(self.msg("onboarding.us_state_other_button"), "c:?"),
                    ]
                ],
            )
        elif step == Step.platforms:
            self.say(self.msg("onboarding.platforms"), self.platform_buttons())
        elif step == Step.account:
            self.say(
                self.msg("onboarding.account"),
                [
                    [
                        Button(self.msg("onboarding.account_personal_button"), "a:personal"),
                        Button(self.msg("onboarding.account_business_button"), "a:business"),
                    ]
                ],
            )

    def country_buttons(self) -> list[list[Button]]:
        codes = str(self.msg("onboarding.common_countries")).split()
        buttons = []
        for code in codes:
            place = self.places.resolve(code)
            if place is not None:
                buttons.append(
                    Button(
                        f"{_flag(place.country)} {self.places.name(place, self.lang)}",
                        f"c:{place.code}",
                    )
                )
        rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
        rows.append([Button(self.msg("onboarding.country_other_button"), "c:?")])
        return rows

    def platform_buttons(self) -> list[list[Button]]:
        chosen = self.profile.platforms
        buttons = [
            Button(
                ("✅ " if p in chosen else "") + self.kb.platform_name(p, self.lang), f"p:{p.value}"
            )
            for p in Platform
        ]
        return [
            buttons[:2],
            buttons[2:],
            [Button(self.msg("onboarding.platforms_done_button"), "p:done")],
        ]

    def set_place(self, place: Place) -> None:
        p = self.profile
        p.country, p.subdivision, p.region = place.country, place.subdivision, place.region
        if place.region is None:  # the US without a state: California's law differs
            p.step = Step.subdivision
            self.ask_step()
            return
        self.say(self.msg("onboarding.country_set", place=self.places.name(place, self.lang)))
        self.step_done()

    def set_account(self, account: Account) -> None:
        self.profile.account = account
        self.say(
            self.msg("onboarding.account_set", account=self.msg(f"account_names.{account.value}"))
        )
        self.step_done()

    def pending_missing(self, pending: Pending) -> Step | None:
        if pending.action:
            return self.action_missing(pending.action)
        if pending.goal is None:
            return None
        return self.missing_for(pending.goal, (pending.platform,) if pending.platform else ())

    def run_pending(self, pending: Pending) -> None:
        if pending.action:
            self.run_action(pending.action)
        elif pending.goal is not None:
            self.say(
                self.msg("answer.pending_intro", goal=self.kb.goal_name(pending.goal, self.lang))
            )
            self.answer(pending.goal, (pending.platform,) if pending.platform else (), None)

    def next_missing(self) -> Step:
        p = self.profile
        if not p.country:
            return Step.country
        if p.region is None:
            return Step.subdivision
        if not p.platforms:
            return Step.platforms
        if p.account is None:
            return Step.account
        return Step.ready

    def step_done(self) -> None:
        """After a step: answer a waiting question if now possible, then move on."""
        p = self.profile
        if p.pending:
            pending = p.pending
            needed = self.pending_missing(pending)
            if needed is None:
                p.pending = None
                self.run_pending(pending)
            elif p.resume == Step.ready:
                p.step = needed
                self.ask_step()
                return
        if p.resume == Step.ready:
            p.step, p.resume = Step.ready, None
            self.say(self.msg("settings.saved", summary=render.profile_summary(self.kb, p)))
            return
        nxt = self.next_missing()
        p.step = nxt
        if nxt == Step.ready:
            self.say(
                self.msg("onboarding.done", summary=render.profile_summary(self.kb, p)),
                self.goal_buttons(START_GOALS),
            )
        else:
            self.ask_step()

    # -- free text ----------------------------------------------------------------------------

    def text(self, raw: object) -> None:
        text = clean(raw, MAX_TEXT)
        p = self.profile
        if not text:
            self.changed = False
            self.say(self.msg("oos.empty"))
            return
        if p.awaiting == "forget":
            if _said(text, "input.yes", self.lang):
                self.confirm_forget(True)
                return
            p.awaiting = None
            self.say(self.msg("forget.kept"))
            return
        match = self.match = self.engine.match(text, self.lang)
        if p.step == Step.new:
            p.step = Step.country
            self.say(self.msg("start.welcome"))
            if match.understood:
                self.from_match(match)
            else:
                self.ask_step()
            return
        if (
            p.step != Step.ready
            and (not match.understood or self.looks_like_step_answer(text))
            and self.step_answer(text, match)
        ):
            return
        self.from_match(match)
        if p.step != Step.ready and not self.asked:
            self.ask_step()

    def looks_like_step_answer(self, text: str) -> bool:
        """A short reply that answers the onboarding question even if it also reads as a
        question ("business" at the account step is the account type, not a question)."""
        step = self.profile.step
        short = len(fold(text).split()) <= 6
        if step in (Step.country, Step.subdivision) and short:
            place = self.places.resolve(text)
            return place is not None and place.country is not None
        if step == Step.account and short:
            return _said(text, "input.business", self.lang) or _said(
                text, "input.personal", self.lang
            )
        return False

    def step_answer(self, text: str, match: Match) -> bool:
        """Read text as the answer to the current onboarding question; False if it is not one."""
        p = self.profile
        if p.step == Step.country:
            place = self.places.resolve(text)
            if place is not None:
                self.set_place(place)
                return True
            suggestions = self.places.suggest(text)
            if suggestions and not match.platforms:
                self.say(
                    self.msg("onboarding.country_unknown", text=text[:60])
                    + "\n"
                    + self.msg("onboarding.country_suggest"),
                    [[Button(self.places.name(s, self.lang), f"c:{s.code}")] for s in suggestions],
                )
                return True
            if match.goal is None and not match.platforms:
                self.say(
                    self.msg("onboarding.country_unknown", text=text[:60])
                    + "\n"
                    + self.msg("onboarding.country_retry"),
                    self.country_buttons(),
                )
                return True
            return False
        if p.step == Step.subdivision:
            # a state of the country we have (US or Germany), else maybe a different country
            country = p.country or "US"
            place = self.places.resolve(text)
            if place is None or place.country != country or not place.subdivision:
                in_country = self.places.resolve(f"{text}, {country}")
                if in_country is not None and in_country.subdivision:
                    place = in_country
            if place is not None and place.country == country and place.subdivision:
                self.set_place(place)
                return True
            if place is not None and place.country not in (None, country):
                self.set_place(place)
                return True
            if match.goal is None:
                key = (
                    "onboarding.de_state_unknown"
                    if country == "DE"
                    else ("onboarding.us_state_unknown")
                )
                self.say(self.msg(key, text=text[:60]))
                return True
            return False
        if p.step == Step.platforms:
            named = list(match.platforms)
            if _said(text, "input.all", self.lang):
                named = list(Platform)
            if named:
                p.platforms = [x for x in Platform if x in named]
                self.say(
                    self.msg(
                        "onboarding.platforms_set",
                        platforms=render.platform_list(self.kb, p.platforms, self.lang),
                    )
                )
                self.step_done()
                return True
            if match.goal is None:
                self.say(self.msg("onboarding.platforms_unknown"), self.platform_buttons())
                return True
            return False
        if p.step == Step.account:
            account = (
                Account.business
                if _said(text, "input.business", self.lang)
                else Account.personal
                if _said(text, "input.personal", self.lang)
                else None
            )
            if account is not None:
                self.set_account(account)
                return True
            if match.goal is None:
                self.say(
                    self.msg("onboarding.account_unknown"),
                    [
                        [
                            Button(self.msg("onboarding.account_personal_button"), "a:personal"),
                            Button(self.msg("onboarding.account_business_button"), "a:business"),
                        ]
                    ],
                )
                return True
            return False
        return False

    def from_match(self, match: Match) -> None:
        if match.goal is None or match.confidence < ANSWER_AT:
            self.not_understood(match)
            return
        if match.place is not None and match.place.country and not self.profile.country:
            p = self.profile
            p.country, p.subdivision, p.region = (
                match.place.country,
                match.place.subdivision,
                match.place.region,
            )
        self.question(match.goal, match.platforms, match.place, match.cards)
        if match.alternatives and match.confidence < 0.7:
            self.say(
                self.msg("answer.not_what_you_meant"),
                self.goal_buttons(match.alternatives, match.platform),
            )

    def not_understood(self, match: Match) -> None:
        reason = match.out_of_scope or ""
        examples = self.goal_buttons(START_GOALS)
        if reason.startswith("company:"):
            company = reason.split(":", 1)[1]
            self.say(self.msg("oos.company", company=self.msg(f"companies.{company}")), examples)
        elif reason == "topic:recovery":
            self.say(self.msg("oos.recovery"), examples)
        elif reason.startswith("topic:usage"):
            self.say(self.msg("oos.usage"), examples)
        elif reason.startswith("topic:"):
            self.say(self.msg("oos.general") + "\n" + self.msg("didyoumean.examples"), examples)
        elif reason == "empty":
            self.say(self.msg("oos.empty"))
        elif match.alternatives or match.goal:
            goals = list(
                dict.fromkeys(([match.goal] if match.goal else []) + list(match.alternatives))
            )[:3]
            self.say(self.msg("didyoumean.text"), self.goal_buttons(goals, match.platform))
        else:
            self.say(self.msg("didyoumean.none") + "\n" + self.msg("didyoumean.examples"), examples)

    # -- answering ----------------------------------------------------------------------------

    def question(
        self,
        goal: Goal,
        platforms: tuple[Platform, ...],
        place: Place | None,
        ranked: tuple[str, ...] = (),
    ) -> None:
        """Answer now if possible; otherwise say what differs, remember the goal, ask."""
        needed = self.missing_for(goal, platforms, place)
        if needed is None:
            self.answer(goal, platforms, place, ranked=ranked)
            return
        p = self.profile
        p.pending = Pending(goal=goal, platform=platforms[0] if platforms else None)
        if needed in (Step.country, Step.subdivision):
            cards = self.candidates(goal, platforms, None, p.account)
            self.say(
                self.msg("answer.region_differs", goal=self.kb.goal_name(goal, self.lang))
                + "\n"
                + render.region_variants(self.kb, cards, self.lang)
                + "\n\n"
                + self.msg("answer.region_ask")
            )
        elif needed == Step.platforms:
            self.say(self.msg("answer.platform_ask"))
        elif needed == Step.account:
            self.say(self.msg("answer.account_ask"))
        if p.step == Step.ready:
            p.resume = Step.ready
        p.step = needed
        self.ask_step()

    def region_for(self, place: Place | None) -> Region | None:
        if place is not None and place.region is not None:
            return place.region
        return self.profile.region

    def platforms_for(self, platforms: tuple[Platform, ...]) -> list[Platform]:
        return list(platforms) or list(self.profile.platforms)

    def candidates(
        self,
        goal: Goal,
        platforms: tuple[Platform, ...] | list[Platform],
        region: Region | None,
        account: Account | None,
    ) -> list[Card]:
        out: list[Card] = []
        for platform in list(platforms) or [None]:
            for card in self.kb.cards_for(goal, platform, region, account):
                if card not in out:
                    out.append(card)
        return out

    def missing_for(
        self, goal: Goal, platforms: tuple[Platform, ...], place: Place | None = None
    ) -> Step | None:
        """Which profile step an answer to `goal` still needs, or None when it can be given."""
        region = self.region_for(place)
        platform_list = self.platforms_for(platforms)
        account = self.profile.account
        # Where you live changes more than which app you use: ask that first.
        if region is None:
            cards = self.candidates(goal, platform_list, None, account)
            if any(c.region_specific for c in cards):
                us = (place is not None and place.country == "US") or self.profile.country == "US"
                return Step.subdivision if us else Step.country
        if not platform_list:
            cards = self.kb.cards_for(goal, None, region, account)
            if len({tuple(c.platforms) for c in cards}) > 1 and not all(
                "all" in c.platforms for c in cards
            ):
                return Step.platforms
        if account is None:
            cards = self.candidates(goal, platform_list, region, None)
            if len({tuple(c.accounts) for c in cards}) > 1:
                return Step.account
        return None

    def answer(
        self,
        goal: Goal,
        platforms: tuple[Platform, ...],
        place: Place | None,
        offers: bool = True,
        ranked: tuple[str, ...] = (),
    ) -> None:
        """The best card per platform (one message), with actions, sub-topics and related goals.

        `ranked`: the goal's cards in the order the question fits them (a goal may hold several
        equally specific cards on sub-topics; the question picks one).
        """
        region = self.region_for(place)
        account = self.profile.account or Account.personal
        platform_list = self.platforms_for(platforms)
        chosen: dict[str, tuple[Card, list[Platform]]] = {}
        siblings: list[Card] = []
        for platform in platform_list or [None]:
            tied = self.best_cards(goal, platform, region, account, ranked)
            if not tied:
                continue
            entry = chosen.setdefault(tied[0].id, (tied[0], []))
            if platform is not None:
                entry[1].append(platform)
            siblings.extend(c for c in tied[1:] if c not in siblings)
        if not chosen:
            self.say(self.msg("didyoumean.none") + "\n" + self.msg("didyoumean.examples"))
            return
        context = self.context_line(region, place, platform_list)
        related: list[Goal] = []
        texts = []
        for card, owners in chosen.values():
            texts.append(render.card_text(self.kb, card, owners, self.lang))
            related.extend(g for g in card.related if g not in related and g != goal)
        body = render.join_html([context, *texts], "\n\n")
        rows = self.offer_rows(goal, region) if offers else []
        rows += [
            [Button(f"➕ {c.text(self.lang).title}"[:60], f"d:{c.id}")]
            for c in siblings
            if c.id not in chosen
        ][:3]
        self.say(body, rows + self.goal_buttons(related[:3]))

    def best_cards(
        self,
        goal: Goal,
        platform: Platform | None,
        region: Region | None,
        account: Account,
        ranked: tuple[str, ...] = (),
    ) -> list[Card]:
        """The most specific cards that fit, best first (ties ordered by `ranked`, then file)."""
        cards = self.kb.cards_for(goal, platform, region, account) or self.kb.cards_for(
            goal, platform, region, None
        )
        if not cards:
            return []

        def specificity(card: Card) -> tuple[int, int, int]:
            return (int(card.platform_specific), int(card.region_specific), -len(card.accounts))

        best = max(specificity(c) for c in cards)
        tied = [c for c in cards if specificity(c) == best]
        order = {card_id: i for i, card_id in enumerate(ranked)}
        return sorted(tied, key=lambda c: order.get(c.id, len(order)))

    def press_card(self, card_id: str) -> bool:
        """A sub-topic card offered under an answer."""
        card = self.kb.by_id.get(card_id)
        if card is None:
            return False
        platforms = [p for p in self.profile.platforms if card.covers_platform(p)]
        self.say(
            render.card_text(self.kb, card, platforms, self.lang),
            self.goal_buttons([g for g in card.related][:3]),
        )
        return True

    def context_line(
        self, region: Region | None, place: Place | None, platforms: list[Platform]
    ) -> Html:
        parts = []
        if place is not None and place.region is not None:
            parts.append(self.places.name(place, self.lang))
        elif self.profile.country:
            parts.append(render.place_name(self.kb, self.profile) or "")
        elif region:
            parts.append(render.region_label(region, self.lang))
        if platforms:
            parts.append(render.platform_list(self.kb, platforms, self.lang))
        if not parts:
            return Html("")
        return self.msg("answer.context", context=" · ".join(x for x in parts if x))


def _flag(country: str | None) -> str:
    if not country or len(country) != 2 or not country.isalpha():
        return "🌍"
    return "".join(chr(0x1F1E6 + ord(c) - ord("A")) for c in country.upper())


def _said(text: str, key: str, language: str) -> bool:
    """Whether the text contains one of the catalogue's words for `key` (yes, all, business…)."""
    words = set(fold(text).split())
    folded = f" {fold(text)} "
    for entry in str(t(key, language)).split(","):
        entry = fold(entry)
        if entry and (entry in words or (" " in entry and f" {entry} " in folded)):
            return True
    return False
