"""Free text: a yes/no answer, an onboarding answer, or a question in the user's own words."""

from __future__ import annotations

from collections.abc import Sequence

from bot.dialogue import answering, asking, context, keyboards, machine, onboarding, smalltalk
from bot.dialogue.events import MAX_TEXT, Kind
from bot.dialogue.turn import Turn
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
        yes = onboarding.said(content, "input.yes", turn.lang)
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
    if match.alternatives and match.confidence < 0.7:
        turn.say(
            turn.msg("answer.not_what_you_meant"),
            keyboards.goals(turn, match.alternatives, match.platform),
        )


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
        guesses = list(
            dict.fromkeys(([match.goal] if match.goal else []) + list(match.alternatives))
        )[:3]
        turn.kind = Kind.didyoumean
        turn.say(turn.msg("didyoumean.text"), keyboards.goals(turn, guesses, match.platform))
    else:
        turn.say(turn.msg("didyoumean.none") + "\n" + turn.msg("didyoumean.examples"), examples)
