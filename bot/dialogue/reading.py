"""Free text: a yes/no answer, an onboarding answer, or a question in the user's own words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.callbacks import GoalAsked
from bot.dialogue import (
    answering,
    asking,
    context,
    keyboards,
    machine,
    onboarding,
    smalltalk,
    words,
)
from bot.dialogue.events import MAX_TEXT, Kind
from bot.dialogue.turn import Turn
from bot.i18n import Html
from bot.matching import ANSWER_AT, Match
from bot.places import Place
from bot.profile import Step
from bot.text import clean
from bot.vocabulary import Goal, Platform


def text(turn: Turn, raw: object) -> None:
    content = clean(raw, MAX_TEXT)
    p = turn.profile
    if not content:
        turn.say(turn.msg("oos.empty"))
        return
    if p.awaiting == "forget":
        yes = words.said(content, "input.yes", turn.lang)
        machine.settle_forget(turn, yes)
        turn.say(turn.msg("forget.done" if yes else "forget.kept"))
        return
    match = turn.match = turn.kb.matcher(turn.lang).match(content)
    if machine.greet(turn):
        turn.say(turn.msg("start.welcome"))
        if match.understood:
            from_match(turn, match)
        else:
            asking.ask(turn)
        return
    if smalltalk.chat(turn, content, match) or context.hear(turn, content, match):
        return
    if (
        p.step != Step.ready
        and (not match.understood or onboarding.looks_like_an_answer(turn, content))
        and onboarding.read(turn, content, match)
    ):
        return
    from_match(turn, match)
    if p.step != Step.ready and not turn.asked:
        asking.ask(turn)


def from_match(turn: Turn, match: Match) -> None:
    """Answer what was understood (and offer what else it may have meant)."""
    if match.goal is None or match.confidence < ANSWER_AT:
        not_understood(turn, match)
        return
    p = turn.profile
    if match.place is not None and match.place.country and not p.country:
        p.country, p.subdivision, p.region = (
            match.place.country,
            match.place.subdivision,
            match.place.region,
        )
    ask_answer(turn, match.goal, match.platforms, match.place, match.cards)
    if match.alternatives and match.confidence < 0.7 and turn.kind == Kind.answer:
        offer_in_answer(turn, match)


def offer_in_answer(turn: Turn, match: Match) -> None:
    """Unsure: the likeliest other goals go under the answer itself, never in a second message
    repeating buttons the answer already has."""
    last = turn.replies[-1]
    shown = {b.data for row in last.buttons for b in row}
    others = [g for g in match.alternatives if GoalAsked(g, match.platform).pack() not in shown]
    if not others:
        return
    text = Html(f"{last.text}\n\n{turn.msg('answer.not_what_you_meant')}")
    rows = last.buttons + keyboards.goals(turn, others, match.platform)
    turn.replies[-1] = replace(last, text=text, buttons=rows)


def ask_answer(
    turn: Turn,
    goal: Goal,
    platforms: Sequence[Platform],
    place: Place | None,
    ranked: tuple[str, ...] = (),
) -> None:
    """Answer (or park the question and ask what it needs), and say which it was."""
    answering.question(turn, goal, platforms, place, ranked)
    if not turn.asked:
        context.record_answer(turn, goal, platforms, place)


def not_understood(turn: Turn, match: Match) -> None:
    """Out of scope, or not understood: say so plainly and offer examples or guesses."""
    reason = match.out_of_scope or ""
    turn.kind = Kind.out_of_scope
    examples = keyboards.start(turn)
    if reason.startswith("company:"):
        company = turn.msg(f"companies.{reason.split(':', 1)[1]}")
        turn.say(turn.msg("oos.company", company=company), examples)
    elif reason == "topic:recovery":
        turn.say(turn.msg("oos.recovery"), examples)
    elif reason.startswith("topic:usage"):
        turn.say(turn.msg("oos.usage"), examples)
    elif reason.startswith("topic:"):
        turn.say(turn.msg("oos.general") + "\n" + turn.msg("didyoumean.examples"), examples)
    elif reason == "empty":
        turn.say(turn.msg("oos.empty"))
    elif match.alternatives or match.goal:
        ranked = sorted(match.scores, key=match.scores.__getitem__, reverse=True)
        guesses = list(
            dict.fromkeys(([match.goal] if match.goal else []) + list(match.alternatives) + ranked)
        )[:3]  # always three: an unsure matcher still has its best three
        turn.kind = Kind.didyoumean
        turn.say(turn.msg("didyoumean.text"), keyboards.goals(turn, guesses, match.platform))
    else:
        turn.say(turn.msg("didyoumean.none") + "\n" + turn.msg("didyoumean.examples"), examples)
