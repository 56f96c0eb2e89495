"""The question of each onboarding step: one asker per step."""

from __future__ import annotations

from collections.abc import Callable

from bot.dialogue import keyboards, machine
from bot.dialogue.turn import Turn
from bot.profile import PendingAction, Step


def ask_country(turn: Turn) -> None:
    turn.say(turn.msg("onboarding.country"), keyboards.countries(turn))


def ask_subdivision(turn: Turn) -> None:
    if turn.profile.country == "DE":  # for the state's data protection authority
        turn.say(turn.msg("onboarding.de_state"))
    else:  # the US: California's law differs
        turn.say(turn.msg("onboarding.us_state"), keyboards.us_states(turn))


def ask_platforms(turn: Turn) -> None:
    turn.say(turn.msg("onboarding.platforms"), keyboards.platforms(turn))


def ask_account(turn: Turn) -> None:
    turn.say(turn.msg("onboarding.account"), keyboards.accounts(turn))


ASKERS: dict[Step, Callable[[Turn], None]] = {
    Step.country: ask_country,
    Step.subdivision: ask_subdivision,
    Step.platforms: ask_platforms,
    Step.account: ask_account,
}


def ask(turn: Turn) -> None:
    """Ask the current step's question (nothing at `new` or `ready`)."""
    turn.asked = True
    asker = ASKERS.get(turn.profile.step)
    if asker is not None:
        asker(turn)


def for_action(turn: Turn, action: str, step: Step) -> None:
    """Remember an action, ask for the detail it needs; it runs as soon as that arrives."""
    if step != Step.subdivision:  # the state question explains itself
        turn.say(turn.msg("checklist.needs" if action == "checklist" else "letters.needs_place"))
    machine.park(turn, PendingAction(action=action), step)
    ask(turn)
