"""The conversation's state machine, in one place.

The state is `Profile.step` (with `return_to` and `pending` saying why a detail is asked, and
`awaiting` for the one yes/no question). Nothing else writes those fields: every change of
step goes through `move`, which looks the transition up in `TABLE`; one that is not there
fails the tests (STRICT) and is logged in production, where the user keeps talking.
`docs/state-machine.md` is drawn from the same table (`python -m bot.dialogue.diagram`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from bot.dialogue import needs
from bot.dialogue.turn import Turn
from bot.profile import Pending, PendingAction, PendingQuestion, Step

log = logging.getLogger(__name__)


class Trigger(StrEnum):
    """Why the conversation moves."""

    greeted = "greeted"  # /start or a first message: onboarding begins
    answered = "answered"  # the current step's answer was read
    needs = "needs"  # a question or action needs a detail the profile lacks
    settings = "settings"  # a /settings button: change one detail
    cancelled = "cancelled"  # /cancel
    chatted = "chatted"  # small talk: hello, thanks, ok, an emoji (the step is asked again)
    followed_up = "followed_up"  # "and on facebook?": the last answer, for the slot named
    referred = "referred"  # "my wife's account": settings are per account, share the bot
    corrected = "corrected"  # "i moved to germany": a detail changed in words


ONBOARDING = (Step.country, Step.subdivision, Step.platforms, Step.account)
SETTINGS = (Step.country, Step.platforms, Step.account)


@dataclass(frozen=True)
class Transition:
    source: Step
    trigger: Trigger
    targets: tuple[Step, ...]
    when: str  # what decides the target, in words (shown in docs/state-machine.md)


def _rows() -> dict[tuple[Step, Trigger], Transition]:
    rows = [
        Transition(Step.new, Trigger.greeted, (Step.country,), "onboarding starts"),
        # answered: the US without a state asks for it; then the next missing detail (or the
        # one a waiting question needs); ready when nothing is missing
        Transition(  # country again: a region without a country ("EU") was named
            Step.country,
            Trigger.answered,
            (Step.country, Step.subdivision, Step.platforms, Step.account, Step.ready),
            "next missing",
        ),
        Transition(
            Step.subdivision,
            Trigger.answered,
            (Step.subdivision, Step.platforms, Step.account, Step.ready),
            "next missing",
        ),
        Transition(
            Step.platforms,
            Trigger.answered,
            (Step.country, Step.subdivision, Step.account, Step.ready),
            "next missing",
        ),
        Transition(
            Step.account,
            Trigger.answered,
            (Step.country, Step.subdivision, Step.platforms, Step.ready),
            "next missing",
        ),
        *(
            Transition(source, Trigger.needs, ONBOARDING, "what the answer needs")
            for source in Step
        ),
        *(Transition(source, Trigger.settings, SETTINGS, "the detail chosen") for source in Step),
        *(
            Transition(source, Trigger.cancelled, (Step.ready,), "paused")
            for source in (*ONBOARDING, Step.ready)
        ),
        *(
            Transition(source, Trigger.chatted, (source,), "small talk: the same step")
            for source in (*ONBOARDING, Step.ready)
        ),
        Transition(Step.ready, Trigger.followed_up, (Step.ready,), "last answer, new slot"),
        Transition(Step.ready, Trigger.referred, (Step.ready,), "someone else's account"),
        *(
            Transition(source, Trigger.corrected, (source,), "saved; the step asked again")
            for source in (Step.platforms, Step.account)
        ),
        Transition(
            Step.ready,
            Trigger.corrected,
            (Step.ready, Step.subdivision),
            "saved; the US without a state asks it",
        ),
    ]
    return {(row.source, row.trigger): row for row in rows}


TABLE = _rows()


class IllegalTransition(RuntimeError):
    """A move the table does not allow: a bug in the conversation, never user input."""


STRICT = False  # tests raise on a move the table lacks; users keep talking (it is logged)


def move(turn: Turn, trigger: Trigger, target: Step) -> None:
    """The only way the step changes."""
    p = turn.profile
    row = TABLE.get((p.step, trigger))
    if row is None or target not in row.targets:
        if STRICT:
            raise IllegalTransition(f"{p.step} --{trigger}--> {target}")
        log.error("transition missing from the table: %s --%s--> %s", p.step, trigger, target)
    turn.moved.append(trigger.value)
    if trigger == Trigger.cancelled:
        p.return_to, p.pending = None, None
    elif trigger == Trigger.settings or (trigger == Trigger.needs and p.step == Step.ready):
        p.return_to = "settings"
    elif trigger == Trigger.answered and target == Step.ready:
        p.return_to = None
    p.step = target


def greet(turn: Turn) -> bool:
    """Start onboarding if it has not started; True if it did."""
    if turn.profile.step != Step.new:
        return False
    move(turn, Trigger.greeted, Step.country)
    return True


def park(turn: Turn, pending: Pending, needed: Step) -> None:
    """Remember a question or action and go to the step it needs (the caller asks)."""
    turn.profile.pending = pending
    move(turn, Trigger.needs, needed)


def missing_for(turn: Turn, pending: Pending) -> Step | None:
    if isinstance(pending, PendingAction):
        return needs.for_action(turn.kb, turn.profile, pending.action)
    platforms = (pending.platform,) if pending.platform else ()
    return needs.for_answer(turn.kb, turn.profile, pending.goal, platforms)


def answered(
    turn: Turn, run: Callable[[Turn, Pending], None]
) -> Literal["ask", "saved", "onboarded"]:
    """After a step's answer: run a waiting question or action if it can now be, then move to
    what is still needed. Says what the caller tells the user: ask the new step, settings
    saved, or onboarding done."""
    p = turn.profile
    # a question waits until onboarding ends, so onboarding reads as one flow
    held = (
        isinstance(p.pending, PendingQuestion)
        and p.return_to != "settings"
        and needs.next_in_onboarding(p) != Step.ready
    )
    if p.pending is not None and not held:
        pending = p.pending
        needed = missing_for(turn, pending)
        if needed is None:
            p.pending = None
            run(turn, pending)
        elif p.return_to == "settings":
            move(turn, Trigger.answered, needed)
            return "ask"
    if p.return_to == "settings":
        move(turn, Trigger.answered, Step.ready)
        return "saved"
    target = needs.next_in_onboarding(p)
    move(turn, Trigger.answered, target)
    return "onboarded" if target == Step.ready else "ask"


def settle_place_without_region(turn: Turn) -> None:
    """A country whose law differs by state (the US) was named without one: ask the state."""
    move(turn, Trigger.answered, Step.subdivision)


def cancel(turn: Turn) -> str | None:
    """/cancel: what was dropped — `forget`, `onboarding`, `pending` — or None."""
    p = turn.profile
    if p.awaiting:
        p.awaiting = None
        return "forget"
    if not p.onboarded and p.step != Step.new:
        move(turn, Trigger.cancelled, Step.ready)
        return "onboarding"
    if p.pending or p.return_to:
        move(turn, Trigger.cancelled, Step.ready)
        return "pending"
    return None


def stay(turn: Turn, trigger: Trigger) -> None:
    """Small talk, a follow-up, someone else's account, a detail changed: the step stays."""
    move(turn, trigger, turn.profile.step)


def correct_place_without_region(turn: Turn) -> None:
    """The user moved to a country whose law differs by state: ask the state (then saved)."""
    move(turn, Trigger.corrected, Step.subdivision)
    turn.profile.return_to = "settings"


def ask_forget(turn: Turn) -> None:
    turn.profile.awaiting = "forget"


def settle_forget(turn: Turn, yes: bool) -> None:
    turn.profile.awaiting = None
    turn.forget = yes
