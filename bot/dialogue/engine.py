"""The engine: (profile, event) → (replies, new profile), never raising on user input and
never doing I/O. Telegram, the console chat and `ask` are thin adapters over `Engine.handle`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot import render
from bot.dialogue import answering, commands, context, needs, presses, reading
from bot.dialogue.events import Command, Due, Event, Kind, Outcome, Press, Text
from bot.dialogue.flows import reminders
from bot.dialogue.language import annotate, notice
from bot.dialogue.needs import each_or_any
from bot.dialogue.turn import Turn
from bot.feedback import Board
from bot.i18n import fallbacks, supported
from bot.knowledge import KnowledgeBase
from bot.knowledge.models import Card
from bot.matching import Match
from bot.profile import Profile, utcnow
from bot.replies import InlineCard
from bot.rights import RightsText
from bot.text import clean
from bot.vocabulary import Account, Platform


class Engine:
    """One per knowledge base."""

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
        # The link that opens a chat with this bot (t.me/<username>): only the front-end knows
        # the username, so it sets this once it does; without it no share button is offered.
        self.share_url: str | None = None
        self.admin_ids: frozenset[int] = frozenset()  # ADMIN_IDS: who may use /stats
        # The feedback counters as last read from the store; bot/conversation.py replaces it.
        self.board = Board()

    def new_profile(self, user_id: int | None, language: str = "en") -> Profile:
        now = self.clock()
        return Profile(user_id=user_id, language=supported(language), created=now, last_seen=now)

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
        now = self.clock()
        profile.last_seen = now
        turn = Turn(self.kb, profile, now, self.retention_days, stored)
        turn.share_url = self.share_url
        sender = user_id if user_id is not None else profile.user_id
        turn.admin = sender is not None and sender in self.admin_ids
        turn.board = self.board
        with fallbacks() as in_english:
            noticed = notice(turn, event.text if isinstance(event, Text) else None)
            if isinstance(event, Command):
                commands.run(turn, event.name.lower().lstrip("/"), clean(event.arg, 64))
            elif isinstance(event, Press):
                presses.press(turn, event.data)
            elif isinstance(event, Due):
                reminders.due(turn, event.reminder_id)
            else:
                account = profile.account
                reading.text(turn, event.text)
                context.remember(turn, account)
            annotate(turn, noticed, in_english)
        return Outcome(
            turn.replies,
            None if turn.forget else turn.profile,
            turn.notice,
            turn.match,
            kind=_kind(turn),
            answered=turn.answered,
            moved=tuple(turn.moved),
            votes=turn.votes,
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
        platforms = each_or_any(match.platforms or profile.platforms)
        region = match.place.region if match.place and match.place.region else profile.region
        # the jurisdiction as in a chat answer: the place named, else the stored one
        place = match.place if match.place and match.place.region else None
        jurisdiction = needs.jurisdiction_for(self.kb, profile, place)
        rights = answering.rights_at(self.kb, profile, place, profile.language, self.clock().date())
        account = profile.account or Account.personal
        out: list[InlineCard] = []
        seen: set[str] = set()
        for goal in goals:
            for platform in platforms:
                cards = self.kb.cards_for(
                    goal, platform, region, account, jurisdiction
                ) or self.kb.cards_for(goal, platform, region, None, jurisdiction)
                for card in sorted(cards, key=lambda c: c.id not in match.cards):
                    if card.id in seen or len(out) >= limit:
                        continue
                    seen.add(card.id)
                    out.append(self.inline_card(card, platforms, profile.language, rights))
        return out

    def inline_card(
        self,
        card: Card,
        platforms: list[Platform | None],
        language: str,
        rights: RightsText | None = None,
    ) -> InlineCard:
        text = card.text(language)
        owners = [p for p in platforms if p and card.covers_platform(p)]
        regions = ", ".join(render.region_label(r, language) for r in card.regions)
        return InlineCard(
            id=card.id[:64],
            title=text.title,
            description=f"{regions} · {text.summary.strip()}"[:200],
            text=render.card_text(self.kb, card, owners, language, rights),
        )


def _kind(turn: Turn) -> Kind:
    """An onboarding question asked last wins over what came before it in the turn (the
    confirmation of a detail is followed by the next question)."""
    if turn.asked and turn.profile.step.value in ("country", "subdivision", "platforms", "account"):
        return Kind(f"ask_{turn.profile.step.value}")
    return turn.kind or Kind.other
