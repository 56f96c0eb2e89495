"""Profiles stored before the state machine was made explicit (schema 2) still load, and the
conversation carries on where it was: a question kept from /settings is answered after it."""

from __future__ import annotations

from bot.conversation import load_profile
from bot.dialogue import Engine, Text
from bot.profile import SCHEMA_VERSION, PendingAction, PendingQuestion, Step
from bot.vocabulary import Goal, Platform

# A user who, onboarded, asked "stop AI training on instagram" without a country on record
# (schema 2: `resume: ready` meant "came back from the ready state").
V2_QUESTION = {
    "schema_version": 2,
    "user_id": 7,
    "language": "en",
    "platforms": ["instagram"],
    "account": "personal",
    "step": "country",
    "resume": "ready",
    "pending": {"goal": "stop_training", "platform": "instagram", "action": None},
    "checklist": {},
    "reminders": [],
    "created": "2026-10-01T10:00:00+00:00",
    "last_seen": "2026-10-01T10:05:00+00:00",
}


def test_schema_2_question_loads_as_a_tagged_question_from_settings():
    profile = load_profile(V2_QUESTION)
    assert profile is not None and profile.schema_version == SCHEMA_VERSION
    assert profile.return_to == "settings"
    assert profile.pending == PendingQuestion(goal=Goal.stop_training, platform=Platform.instagram)


def test_schema_2_action_and_onboarding_records_load():
    action = {**V2_QUESTION, "resume": None, "pending": {"goal": None, "action": "checklist"}}
    profile = load_profile(action)
    assert profile is not None and profile.return_to is None
    assert profile.pending == PendingAction(action="checklist")
    empty = {**V2_QUESTION, "resume": None, "pending": {"goal": None, "action": None}}
    assert load_profile(empty).pending is None


def test_an_old_waiting_question_is_answered_once_the_country_arrives(engine: Engine):
    profile = load_profile(V2_QUESTION)
    out = engine.handle(profile, Text("Germany"))
    text = "\n".join(r.text for r in out.replies)
    assert "objection" in text.lower(), "the kept question is answered for Germany"
    assert out.profile.step == Step.ready and out.profile.pending is None
    assert out.profile.return_to is None
