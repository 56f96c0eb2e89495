"""Users tell us when Meta moves a menu: anonymous votes per card × platform, and when to warn.

Every answer that shows a settings path offers "✅ It worked" / "❌ My app looks different".
A vote adds to counters in the store (``bot.store.FeedbackCount``): card, platform, a fingerprint
of the path shown and the ISO week — nothing about who voted. The voter's own mark ("already
voted for this card × platform") lives in their profile only, and goes with /forget.

One vote per card × platform, and it cannot be changed: the mark keeps no week, so an earlier
vote could not be taken back from the right week's counter, and counters that only ever grow
cannot be pushed down by anyone. A second press is thanked and told it was counted already.

The fingerprint is of the English path: when maintainers correct a card's path, its votes start
afresh instead of warning about a menu that has been fixed.

Pure: the engine reads a ``Board`` (a snapshot of the counters that bot/conversation.py refreshes
from the store), never the store itself.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

from bot.knowledge import KnowledgeBase
from bot.knowledge.models import Card
from bot.store.base import FeedbackCount
from bot.vocabulary import Platform

# When answers warn that a menu has moved (see ``Tally.moved``).
MIN_DIFFERENT = 5
MIN_RATE = 0.5
WINDOW_WEEKS = 8
REFRESH_SECONDS = 60  # how old the snapshot of the counters may get in a worker
TOP = 5  # rows /stats shows


def week_of(when: datetime) -> str:
    """The ISO week ("2026-W49"): the finest time a vote is kept with."""
    year, week, _ = when.isocalendar()
    return f"{year}-W{week:02d}"


def recent_weeks(now: datetime, weeks: int = WINDOW_WEEKS) -> frozenset[str]:
    return frozenset(week_of(now - timedelta(weeks=i)) for i in range(weeks))


def oldest_week(now: datetime) -> str:
    """The oldest week a notice reads now (and later); the daily purge drops those before it."""
    return week_of(now - timedelta(weeks=WINDOW_WEEKS - 1))


def shown_path(card: Card, platform: Platform, language: str = "en") -> list[str]:
    """The current menu path an answer shows for this platform (empty: no path shown)."""
    if card.not_applicable or not card.covers_platform(platform):
        return []
    return list(card.text(language).path_for(platform))


def path_key(card: Card, platform: Platform) -> str:
    """A short fingerprint of the English path shown for this card and platform."""
    path = " > ".join(shown_path(card, platform))
    return hashlib.sha256(path.encode()).hexdigest()[:12]


def vote(card: Card, platform: Platform, different: bool, now: datetime) -> FeedbackCount:
    """The counters one press adds to."""
    return FeedbackCount(
        card.id,
        platform.value,
        path_key(card, platform),
        week_of(now),
        worked=int(not different),
        different=int(different),
    )


@dataclass(frozen=True)
class Tally:
    """The votes for one card × platform (its current path) over the recent window."""

    card: str
    platform: str
    worked: int = 0
    different: int = 0

    @property
    def votes(self) -> int:
        return self.worked + self.different

    @property
    def rate(self) -> float:
        """The share of votes that said "my app looks different"."""
        return self.different / self.votes if self.votes else 0.0

    @property
    def moved(self) -> bool:
        """Whether answers warn that the menu has moved.

        At least MIN_DIFFERENT (5) "looks different" votes: one person can vote again only by
        erasing everything with /forget, so one confused or mischievous user cannot raise the
        notice, and at 5 the notice follows people, not a fluke. And at least MIN_RATE (half)
        of the votes: Meta rolls menus out over weeks, so once half of those who tried say the
        app differs, most people asking next will meet the new menu too; the notice only adds
        "search Settings for …" and harms no one for whom the path works. Both over the last
        WINDOW_WEEKS (8) weeks: a rollout takes weeks, and older votes speak of an app that has
        changed since.
        """
        return self.different >= MIN_DIFFERENT and self.rate >= MIN_RATE


@dataclass(frozen=True)
class Board:
    """A snapshot of the counters; ``read_at`` None: never read from the store."""

    counts: tuple[FeedbackCount, ...] = ()
    read_at: datetime | None = None
    figures: dict[str, int] = field(default_factory=dict)  # /stats: users, reminders, due

    def plus(self, votes: Iterable[FeedbackCount]) -> Board:
        """The snapshot with votes just stored in this process added."""
        return dataclasses.replace(self, counts=(*self.counts, *votes))

    @cached_property
    def _by_pair(self) -> dict[tuple[str, str, str], list[FeedbackCount]]:
        found: dict[tuple[str, str, str], list[FeedbackCount]] = {}
        for count in self.counts:
            found.setdefault((count.card, count.platform, count.path), []).append(count)
        return found

    def tally(self, card: Card, platform: Platform, now: datetime) -> Tally:
        weeks = recent_weeks(now)
        pair = self._by_pair.get((card.id, platform.value, path_key(card, platform)), [])
        recent = [c for c in pair if c.week in weeks]
        return Tally(
            card.id,
            platform.value,
            sum(c.worked for c in recent),
            sum(c.different for c in recent),
        )

    def moved(self, card: Card, platform: Platform, now: datetime) -> bool:
        return bool(self.counts) and self.tally(card, platform, now).moved

    def ranking(self, kb: KnowledgeBase, now: datetime) -> list[Tally]:
        """Every card × platform with votes for its current path in the window, the highest
        "looks different" rate first (then the most such votes)."""
        tallies = []
        for card_id, platform in sorted({(c.card, c.platform) for c in self.counts}):
            card = kb.by_id.get(card_id)
            if card is None or platform not in Platform.__members__:
                continue  # a card since removed
            found = self.tally(card, Platform(platform), now)
            if found.votes:
                tallies.append(found)
        return sorted(tallies, key=lambda t: (-t.rate, -t.different, t.card, t.platform))


def report(kb: KnowledgeBase, counts: Iterable[FeedbackCount], now: datetime) -> dict[str, object]:
    """`optout-bot kb feedback --json`: the ranking and the threshold it is judged by."""
    board = Board(tuple(counts), now)
    return {
        "window_weeks": WINDOW_WEEKS,
        "min_different": MIN_DIFFERENT,
        "min_rate": MIN_RATE,
        "paths": [
            {
                "card": t.card,
                "platform": t.platform,
                "worked": t.worked,
                "different": t.different,
                "rate": round(t.rate, 3),
                "notice": t.moved,
            }
            for t in board.ranking(kb, now)
        ],
    }
