"""The conversation's side of "Users tell us when Meta moves a menu" (bot/feedback.py): the
vote buttons under an answer that shows a settings path, the notice on a path many say has
moved, the press, and /stats for the ids in ADMIN_IDS (anyone else gets what an unknown command
gets, so the command's existence is not revealed)."""

from __future__ import annotations

from collections.abc import Iterable

from bot import feedback
from bot.callbacks import FeedbackGiven
from bot.dialogue.turn import Turn
from bot.i18n import Html
from bot.knowledge.models import Card
from bot.replies import Button
from bot.vocabulary import Platform

ROWS = 2  # vote rows under one answer at most: more would bury the answer's own buttons


def _voted(card: Card, platforms: Iterable[Platform]) -> list[Platform]:
    """The platforms for which the answer shows this card's current menu path."""
    return [p for p in platforms if feedback.shown_path(card, p)]


def rows(turn: Turn, shown: Iterable[tuple[Card, list[Platform]]]) -> list[list[Button]]:
    """ "✅ It worked" / "❌ My app looks different" per card × platform whose path is shown
    (the platform named when there are several)."""
    pairs = [(card, p) for card, platforms in shown for p in _voted(card, platforms)][:ROWS]
    out = []
    for card, platform in pairs:
        name = turn.kb.platform_name(platform, turn.lang)
        suffix = "_for" if len(pairs) > 1 else ""
        out.append(
            [
                Button(
                    turn.msg(f"feedback.{verdict}_button{suffix}", platform=name),
                    FeedbackGiven(card.id, platform, verdict == "different").pack(),
                )
                for verdict in ("worked", "different")
            ]
        )
    return out


def hint(card: Card, platform: Platform, language: str) -> str:
    """What to search Settings for: the last entry of the path shown."""
    path = feedback.shown_path(card, platform, language)
    return path[-1] if path else ""


def notice(turn: Turn, card: Card, platforms: Iterable[Platform]) -> Html:
    """ "Several people say this menu has moved …" for the platforms that crossed the threshold
    (bot/feedback.py `Tally.moved`); no counts, so nothing about any one voter shows."""
    lines = [
        turn.msg(
            "feedback.moved_notice",
            platform=turn.kb.platform_name(p, turn.lang),
            hint=hint(card, p, turn.lang),
        )
        for p in _voted(card, platforms)
        if turn.board.moved(card, p, turn.now)
    ]
    return Html("\n".join(lines))


def pressed(turn: Turn, data: FeedbackGiven) -> bool:
    """Count the vote once per card × platform (the mark is the user's own, in their profile);
    False for a card or platform that shows no path (the press is then stale)."""
    card = turn.kb.by_id.get(data.card_id)
    if card is None or not feedback.shown_path(card, data.platform):
        return False
    mark = f"{card.id}:{data.platform.value}"
    if mark in turn.profile.feedback:
        turn.notice = turn.msg("feedback.already")
        return True
    turn.profile.feedback = {
        **turn.profile.feedback,
        mark: "different" if data.different else "worked",
    }
    turn.votes.append(feedback.vote(card, data.platform, data.different, turn.now))
    if data.different:
        turn.notice = turn.msg("feedback.thanks_different")
        turn.say(
            turn.msg(
                "feedback.different_hint",
                platform=turn.kb.platform_name(data.platform, turn.lang),
                hint=hint(card, data.platform, turn.lang),
            )
        )
    else:
        turn.notice = turn.msg("feedback.thanks_worked")
    return True


def stats(turn: Turn) -> None:
    """The store's figures and the five card × platform with the highest "looks different"
    rate (admins only: the caller checks `turn.admin`)."""
    parts = []
    figures = turn.board.figures
    if figures:
        parts.append(turn.msg("telegram.stats.text", **figures))
    ranking = turn.board.ranking(turn.kb, turn.now)[: feedback.TOP]
    parts.append(turn.msg("feedback.stats_title", weeks=feedback.WINDOW_WEEKS))
    for n, tally in enumerate(ranking, 1):
        key = "feedback.stats_row_moved" if tally.moved else "feedback.stats_row"
        card = turn.kb.by_id[tally.card]
        parts.append(
            turn.msg(
                key,
                n=n,
                title=card.text(turn.lang).title,
                platform=turn.kb.platform_name(Platform(tally.platform), turn.lang),
                different=tally.different,
                votes=tally.votes,
                rate=round(tally.rate * 100),
            )
        )
    if not ranking:
        parts.append(turn.msg("feedback.stats_none"))
    turn.say("\n".join(parts))
