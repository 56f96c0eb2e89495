"""Free text: a yes/no answer, an onboarding answer, or a question in the user's own words."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.callbacks import GoalAsked
from bot.dialogue import (
    asking,
    changes,
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
from bot.profile import Step
from bot.text import clean, fold
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
    # an onboarded user's apps are known: "can i turn off improve ai" is about them
    known = p.step == Step.ready and bool(p.platforms)
    match = turn.match = turn.kb.matcher(turn.lang).match(content, apps_known=known)
    if machine.greet(turn):
        turn.say(turn.msg("start.welcome"))
        if match.understood:
            from_match(turn, match, content)
        elif smalltalk.is_smalltalk(turn, content, match):
            machine.stay(turn, machine.Trigger.chatted)  # "hi": the welcome greets back
            asking.ask(turn)
        elif not onboarding.place_told(turn, content):  # "hi, i'm in lyon" answers the step
            asking.ask(turn)
        return
    if smalltalk.chat(turn, content, match) or hear(turn, content, match):
        return
    if machine.Trigger.corrected.value in turn.moved and match.confidence < ANSWER_AT:
        # a change saved beside a question the whole message blurs: the question alone
        content = changes.the_question(turn, content)
        match = turn.match = turn.kb.matcher(turn.lang).match(content, apps_known=known)
    if onboarding.answer_then_question(turn, content, match):
        return
    if p.step != Step.ready and onboarding.asked_why(turn, content, match):
        return
    if (
        p.step != Step.ready
        and (not match.understood or onboarding.looks_like_an_answer(turn, content))
        and onboarding.read(turn, content, match)
    ):
        return
    from_match(turn, match, content)
    if p.step != Step.ready and not turn.asked:
        asking.ask(turn)


def hear(turn: Turn, content: str, match: Match) -> bool:
    """A reply that leans on what came before; False: read the text as a new question."""
    if turn.profile.step in (Step.platforms, Step.account):
        return onboarding.account_and_move(turn, content) or changes.changed_in_words(
            turn, content, match
        )  # "sorry i meant portugal"
    if turn.profile.step != Step.ready:
        return False
    return (
        changes.changed_in_words(turn, content, match)
        or context.someone_else(turn, content, match)
        or context.stuck(turn, content, match)
        or context.letter_for(turn, content, match)
        or context.what_it_takes(turn, content, match)
        or context.follow_up(turn, content, match)
        or context.same_for_another_app(turn, content, match)
        or context.about_the_last(turn, content, match)
        or context.what_that_is(turn, content, match)
        or context.doubted(turn, content, match)
    )


def from_match(turn: Turn, match: Match, content: str) -> None:
    """Answer what was understood (and offer what else was asked, or may have been meant)."""
    if match.goal is None or match.confidence < ANSWER_AT:
        not_understood(turn, match)
        return
    p = turn.profile
    if match.place is not None and match.place.country and not p.country:
        p.live_in(match.place)
    platforms, asked_too = also_asked(turn, content, match)
    last = context.fresh(turn)
    if (
        not platforms
        and last
        and last.platform
        and context.on_the_last_app(turn, content, match, last)
    ):
        platforms = (last.platform,)  # "how long till it's really gone" after Facebook
    # an account type the question names ("is it different for a business profile?") is
    # answered for, not stored
    account = words.account_asked(content, turn.lang) if p.account else None
    context.reanswer(turn, match.goal, platforms, match.place, account, match.cards)
    if turn.kind != Kind.answer:
        return
    offer_in_answer(turn, "answer.also_asked", [(m.goal, m.platform) for m in asked_too])
    if match.alternatives and match.confidence < 0.7:
        guesses = [(g, match.platform) for g in match.alternatives]
        offer_in_answer(turn, "answer.not_what_you_meant", guesses)


def also_asked(turn: Turn, content: str, match: Match) -> tuple[tuple[Platform, ...], list[Match]]:
    """A run-on message asking two things ("stop ai training on insta and also delete my fb
    account"): the apps the answered goal was asked for (not those another part named for
    another goal; none left: the user's own), and the confident matches of the other parts."""
    matcher = turn.kb.matcher(turn.lang)
    parts = matcher.clauses(content)
    if len(parts) < 2:
        return match.platforms, []
    others: dict[Goal, Match] = {}
    own: set[Platform] = set()
    claimed: set[Platform] = set()
    asked_alone = False  # some part asks the answered goal by itself
    for part in parts:
        found = matcher.match(part)
        if found.goal is None or found.confidence < ANSWER_AT:
            continue
        # "si je supprime mon compte insta, l'IA oublie …": a condition, not a second question
        condition = any(
            f" {fold(part)} ".startswith(f" {word} ")
            for word in words.phrases("context.condition", turn.lang)
        )
        asked_alone = asked_alone or found.goal == match.goal
        if found.goal == match.goal or condition:
            own.update(found.platforms)
        else:
            others.setdefault(found.goal, found)
            claimed.update(found.platforms)
    if not asked_alone:  # "what about the ai in instagram dms, can i hide that?": the whole asks
        return match.platforms, list(others.values())
    platforms = tuple(p for p in match.platforms if p in own or p not in claimed)
    return platforms, list(others.values())


def offer_in_answer(
    turn: Turn, key: str, offers: Sequence[tuple[Goal | None, Platform | None]]
) -> None:
    """Other goals go under the answer itself, with a line saying why, never in a second
    message repeating buttons the answer already has."""
    last = turn.replies[-1]
    shown = {b.data for row in last.buttons for b in row}
    rows = [
        row
        for goal, platform in offers
        if goal is not None and GoalAsked(goal, platform).pack() not in shown
        for row in keyboards.goals(turn, [goal], platform)
    ]
    if not rows:
        return
    buttons = [b for row in rows for b in row]
    pairs = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    text = Html(f"{last.text}\n\n{turn.msg(key)}")
    turn.replies[-1] = replace(last, text=text, buttons=last.buttons + pairs)


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
    elif match.alternatives or match.goal:
        ranked = sorted(match.scores, key=match.scores.__getitem__, reverse=True)
        guesses = list(
            dict.fromkeys(([match.goal] if match.goal else []) + list(match.alternatives) + ranked)
        )[:3]  # always three: an unsure matcher still has its best three
        turn.kind = Kind.didyoumean
        turn.say(turn.msg("didyoumean.text"), keyboards.goals(turn, guesses, match.platform))
    else:  # nothing to read ("help", "??") or nothing close: what it answers, as buttons too
        turn.say(turn.msg("didyoumean.none") + "\n" + turn.msg("didyoumean.examples"), examples)
