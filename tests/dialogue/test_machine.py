"""The state machine: every transition in its table is driven by a real event, the engine
refuses moves the table lacks, and the committed diagram is the one the table draws."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.callbacks import CountryPicked, GoalAsked, SettingChosen
from bot.dialogue import Command, Engine, Event, Press, Text, diagram, machine
from bot.dialogue.machine import TABLE, Trigger
from bot.dialogue.turn import Turn
from bot.profile import LastAnswer, PendingQuestion, Profile, Step
from bot.vocabulary import Account, Goal, Platform, Region

ROOT = Path(__file__).resolve().parents[2]

# What the profile holds decides where an answer or a question leads.
NOTHING: dict[str, Any] = {}
US_NO_STATE = {"country": "US"}
REGION = {"country": "DE", "region": Region.eu}
REGION_APPS = {**REGION, "platforms": [Platform.facebook]}
EVERYTHING = {**REGION_APPS, "account": Account.personal}
# a question kept from /settings (return_to) that still needs a detail
WAITING = {"return_to": "settings", "pending": PendingQuestion(goal=Goal.stop_training)}
LAST = {"last": LastAnswer(goal=Goal.stop_training, at=datetime(2026, 1, 1, tzinfo=UTC))}
STOP_TRAINING = Press(GoalAsked(Goal.stop_training).pack())
# the profile that makes "how do I stop AI training" need each step
NEEDS = {
    Step.country: NOTHING,
    Step.subdivision: US_NO_STATE,
    Step.platforms: REGION,
    Step.account: REGION_APPS,
}
ANSWER = {
    Step.country: "Germany",
    Step.subdivision: "Texas",
    Step.platforms: "facebook",
    Step.account: "personal",
}


def answered(source: Step, target: Step) -> tuple[dict[str, Any], Event]:
    """A profile at `source` whose answer leads to `target`."""
    text = ANSWER[source]
    if source == Step.subdivision:
        fields: dict[str, Any] = {"country": "US"}
        if target == Step.subdivision:  # a German state was asked; the US needs a US state
            return {"country": "DE", "region": Region.eu}, Press(CountryPicked("US").pack())
    elif source == Step.country:
        fields = {}
        if target == Step.subdivision:
            return fields, Text("USA")
        if target == Step.country:  # a region, not a country
            return fields, Text("EU")
    else:
        fields = dict(REGION)
    if target == Step.ready:
        return {**EVERYTHING, **fields}, Text(text)
    if target == Step.platforms:
        return {**fields, **WAITING} if source == Step.account else fields, Text(text)
    if target == Step.account:
        return {**fields, "platforms": [Platform.facebook]}, Text(text)
    # country or subdivision: a waiting question needs it
    place = {} if target == Step.country else {"country": "US"}
    others = {"platforms": [Platform.facebook], "account": Account.personal}
    return {**place, **others, **WAITING}, Text(text)


def scenario(source: Step, trigger: Trigger, target: Step) -> tuple[dict[str, Any], Event]:
    if trigger == Trigger.greeted:
        return NOTHING, Command("start")
    if trigger == Trigger.answered:
        return answered(source, target)
    if trigger == Trigger.needs:
        return NEEDS[target], STOP_TRAINING
    if trigger == Trigger.settings:
        return EVERYTHING, Press(SettingChosen(target.value).pack())
    if trigger == Trigger.chatted:  # small talk at any step: the step stays (asked again)
        return ({**EVERYTHING} if source == Step.ready else NEEDS.get(source, NOTHING)), Text("hi")
    if trigger == Trigger.followed_up:  # the last answer, for another app
        return {**EVERYTHING, **LAST}, Text("and on instagram?")
    if trigger == Trigger.referred:
        return EVERYTHING, Text("what about my wife's instagram account")
    if trigger == Trigger.corrected:
        moved = "i moved to the usa" if target == Step.subdivision else "i moved to france"
        return EVERYTHING, Text(moved)
    assert trigger == Trigger.cancelled
    return ({**EVERYTHING, **WAITING} if source == Step.ready else NOTHING), Command("cancel")


EDGES = [(row.source, row.trigger, target) for row in TABLE.values() for target in row.targets]


@pytest.fixture
def moves(monkeypatch) -> list[tuple[Step, Trigger, Step]]:
    """Every move the engine makes, as (source, trigger, target)."""
    seen: list[tuple[Step, Trigger, Step]] = []
    real = machine.move

    def recording(turn, trigger, target):
        seen.append((turn.profile.step, trigger, target))
        real(turn, trigger, target)

    monkeypatch.setattr(machine, "move", recording)
    return seen


@pytest.mark.parametrize("edge", EDGES, ids=lambda e: f"{e[0]}-{e[1]}-{e[2]}")
def test_every_transition_is_driven_by_an_event(engine: Engine, moves, edge):
    source, trigger, target = edge
    fields, event = scenario(source, trigger, target)
    if "last" in fields:
        fields["last"] = fields["last"].model_copy(update={"at": engine.clock()})
    profile = Profile(user_id=1, step=source, **fields)
    outcome = engine.handle(profile, event)
    assert edge in moves, f"{event} at {source} moved {moves}"
    assert outcome.profile is not None and outcome.replies


def test_a_move_the_table_lacks_is_refused(engine: Engine):
    turn = Turn(engine.kb, Profile(user_id=1, step=Step.ready), engine.clock())
    with pytest.raises(machine.IllegalTransition):
        machine.move(turn, Trigger.greeted, Step.country)  # only `new` is greeted
    assert turn.profile.step == Step.ready


def test_back_from_settings_the_question_is_answered_and_nothing_waits(chat):
    chat.onboard("Germany", "facebook")
    chat.command("settings")
    chat.tap("Country")
    assert chat.profile.step == Step.country and chat.profile.return_to == "settings"
    chat.say("France")
    assert chat.profile.step == Step.ready and chat.profile.return_to is None
    assert "saved" in chat.text.lower()


def test_the_diagram_is_not_stale():
    committed = (ROOT / "docs" / "state-machine.md").read_text(encoding="utf-8")
    assert committed == diagram.document(), (
        "docs/state-machine.md is stale: python -m bot.dialogue.diagram > docs/state-machine.md"
    )


def test_the_diagram_draws_every_transition():
    drawn = diagram.mermaid()
    for source, _, target in EDGES:
        assert f"    {source.value} --> {target.value}: " in drawn
