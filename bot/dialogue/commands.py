"""The slash commands: /start (with deep links), /help, /settings, /privacy, /mydata, /forget,
/cancel, /checklist, /reminders, /language, and /stats for ADMIN_IDS only."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot import render
from bot.callbacks import ForgetConfirmed, LanguagePicked, SettingChosen
from bot.dialogue import answering, asking, feedback, keyboards, language, machine
from bot.dialogue.flows import checklist, reminders
from bot.dialogue.turn import Turn
from bot.i18n import plural
from bot.replies import Button, Document
from bot.text import fold
from bot.vocabulary import Goal, Platform


def start(turn: Turn, payload: str) -> None:
    goal, platform = deep_link(payload)
    p = turn.profile
    if platform and platform not in p.platforms and not p.onboarded:
        p.platforms.append(platform)
    if p.onboarded:
        summary = render.profile_summary(turn.kb, p)
        turn.say(turn.msg("start.welcome_back", summary=summary), keyboards.start(turn))
    else:
        turn.say(turn.msg("start.welcome"))
    if payload and not (goal or platform):
        turn.say(turn.msg("start.bad_payload"))
    if goal:
        answering.question(turn, goal, (platform,) if platform else (), None)
    if not p.onboarded:
        machine.greet(turn)
        asking.ask(turn)


def deep_link(payload: str) -> tuple[Goal | None, Platform | None]:
    """Deep-link payloads: a goal, a platform, or both (`instagram-stop_training`)."""
    goal = platform = None
    parts = [x for x in fold(payload.replace("-", " ").replace("__", " ")).split() if x]
    words = " ".join(parts)
    for token in [*parts, words.replace(" ", "_")]:
        if token in Goal.__members__:
            goal = Goal(token)
        elif token in Platform.__members__:
            platform = Platform(token)
    # goal ids contain underscores: try every split
    if goal is None:
        joined = fold(payload).replace(" ", "_")
        for g in Goal:
            if g.value in joined:
                goal = g
        for pf in Platform:
            if pf.value in joined:
                platform = pf
    return goal, platform


def help_(turn: Turn, _: str) -> None:
    turn.say(turn.msg("help.text"))


def settings(turn: Turn, _: str) -> None:
    def button(key: str, setting: str) -> Button:
        return Button(turn.msg(f"settings.{key}_button"), SettingChosen(setting).pack())

    turn.say(
        turn.msg("settings.text", summary=render.profile_summary(turn.kb, turn.profile)),
        [
            [button("country", "country"), button("platforms", "platforms")],
            [
                button("account", "account"),
                Button(turn.msg("settings.language_button"), LanguagePicked(None).pack()),
            ],
        ],
    )


def privacy(turn: Turn, _: str) -> None:
    retention = plural("privacy.retention", turn.retention_days, turn.lang)
    text = turn.msg("privacy.text", retention=retention)
    turn.say(text + "\n\n" + turn.msg("feedback.privacy"))


def mydata(turn: Turn, _: str) -> None:
    if not turn.stored:  # a blank profile made up for this turn is not "what I store"
        turn.say(turn.msg("mydata.empty"))
        return
    data = json.dumps(turn.profile.model_dump(mode="json"), indent=2, ensure_ascii=False)
    caption = turn.msg("mydata.caption")
    turn.say(caption, document=Document(turn.msg("mydata.filename"), data.encode(), caption))


def forget(turn: Turn, _: str) -> None:
    if not turn.stored:  # nothing to delete, and nothing to keep for a confirmation
        turn.say(turn.msg("forget.nothing"))
        return
    machine.ask_forget(turn)
    turn.say(
        turn.msg("forget.confirm"),
        [
            [
                Button(turn.msg("forget.yes_button"), ForgetConfirmed(True).pack()),
                Button(turn.msg("forget.no_button"), ForgetConfirmed(False).pack()),
            ]
        ],
    )


def cancel(turn: Turn, _: str) -> None:
    dropped = machine.cancel(turn)
    key = {"onboarding": "onboarding.paused", None: "cancel.nothing"}.get(dropped, "cancel.done")
    turn.say(turn.msg(key))


def stats(turn: Turn, arg: str) -> None:
    """Operators' figures; for anyone else exactly what an unknown command gets."""
    if turn.admin:
        feedback.stats(turn)
    else:
        help_(turn, arg)


COMMANDS: dict[str, Callable[[Turn, str], None]] = {
    "start": start,
    "help": help_,
    "settings": settings,
    "privacy": privacy,
    "mydata": mydata,
    "forget": forget,
    "cancel": cancel,
    "language": language.command,
    "checklist": lambda turn, _: checklist.show(turn),
    "reminders": lambda turn, _: reminders.show(turn),
    "stats": stats,
}


def run(turn: Turn, name: str, arg: str) -> None:
    """A command by name; an unknown one gets the help text."""
    COMMANDS.get(name, help_)(turn, arg)
