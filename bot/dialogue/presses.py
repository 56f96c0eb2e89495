"""Button presses: the data is parsed by bot/callbacks.py, checked against the profile here.

A press this bot did not send — or would not send now (a step already answered, a reminder
already handled) — changes nothing and gets the polite `errors.stale_button` notice.
"""

from __future__ import annotations

from bot import callbacks
from bot.callbacks import (
    AccountPicked,
    ButtonData,
    CardOpened,
    ChecklistOpened,
    CountryPicked,
    DetailsAsked,
    FeedbackGiven,
    ForgetConfirmed,
    GoalAsked,
    LanguagePicked,
    LetterAsked,
    PlatformToggled,
    ReminderPressed,
    SettingChosen,
)
from bot.dialogue import answering, asking, feedback, keyboards, language, machine, onboarding
from bot.dialogue.flows import checklist, letters, reminders
from bot.dialogue.turn import Turn
from bot.profile import Step
from bot.vocabulary import Platform

SETTING_STEPS = {"country": Step.country, "platforms": Step.platforms, "account": Step.account}


def press(turn: Turn, data: object) -> None:
    parsed = callbacks.parse(data)
    if isinstance(parsed, callbacks.Stale) or not handle(turn, parsed):
        turn.stale()


def handle(turn: Turn, data: ButtonData) -> bool:
    """Act on a press; False when it does not fit the conversation as it is now."""
    match data:
        case CountryPicked():
            return country(turn, data)
        case PlatformToggled():
            return platform(turn, data)
        case AccountPicked():
            if turn.profile.step != Step.account:
                return False
            onboarding.set_account(turn, data.account)
            return True
        case GoalAsked():
            platforms = (data.platform,) if data.platform else ()
            answering.question(turn, data.goal, platforms, None)
            return True
        case SettingChosen():
            machine.move(turn, machine.Trigger.settings, SETTING_STEPS[data.setting])
            asking.ask(turn)
            return True
        case ForgetConfirmed():
            if turn.profile.awaiting != "forget":
                return False
            machine.settle_forget(turn, data.yes)
            turn.say(turn.msg("forget.done" if data.yes else "forget.kept"))
            return True
        case CardOpened():
            return answering.open_card(turn, data.card_id)
        case ChecklistOpened():
            return checklist.pressed(turn, data)
        case LetterAsked():
            return letters.asked(turn, data.letter_id)
        case ReminderPressed():
            return reminders.pressed(turn, data)
        case LanguagePicked():
            return language.pressed(turn, data)
        case DetailsAsked():
            return answering.details(turn, data)
        case FeedbackGiven():
            return feedback.pressed(turn, data)


def country(turn: Turn, data: CountryPicked) -> bool:
    step = turn.profile.step
    if step not in (Step.country, Step.subdivision):
        return False
    if data.code is None:  # "another": type it
        key = (
            "onboarding.us_state_type_it"
            if step == Step.subdivision
            else "onboarding.country_type_it"
        )
        turn.say(turn.msg(key))
        return True
    place = turn.places.resolve(data.code)
    if place is None or place.code != data.code.upper():
        return False
    onboarding.set_place(turn, place)
    return True


def platform(turn: Turn, data: PlatformToggled) -> bool:
    p = turn.profile
    if p.step != Step.platforms:
        return False
    if data.platform is None:  # done
        if not p.platforms:
            turn.notice = turn.msg("onboarding.platforms_none")
            return True
        onboarding.set_platforms(turn, p.platforms)
        return True
    chosen = set(p.platforms) ^ {data.platform}
    p.platforms = [x for x in Platform if x in chosen]
    turn.say(turn.msg("onboarding.platforms"), keyboards.platforms(turn), edit=True)
    return True
