"""Conversation context: what was last answered (its goal and slots, never the text), so a
follow-up that only names a new app, place or account type re-answers it."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue.events import Answered, Kind
from bot.dialogue.turn import Turn
from bot.places import Place
from bot.vocabulary import Goal, Platform


def record_answer(
    turn: Turn, goal: Goal, platforms: Sequence[Platform], place: Place | None
) -> None:
    """The answer's goal and slots, as the outcome reports them."""
    p = turn.profile
    platform = platforms[0] if len(platforms) == 1 else None
    if platform is None and not platforms and len(p.platforms) == 1:
        platform = p.platforms[0]
    use = place if place is not None and place.region is not None else None
    turn.kind = Kind.answer
    turn.answered = Answered(
        goal=goal,
        platform=platform,
        country=use.code if use else (p.subdivision or p.country),
        region=use.region if use else p.region,
        account=p.account,
    )
