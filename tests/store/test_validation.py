"""Validation at the store boundary: a damaged but well-formed record is repaired field by field,
or quarantined with the user told — never an error on every message; /forget always works."""

from __future__ import annotations

import json

import pytest

from bot.conversation import Conversations, open_store
from bot.dialogue import Command, Press, Text

USER = 555_000_111


@pytest.fixture
def talk(engine, tmp_path):
    store = open_store(tmp_path)
    yield Conversations(engine, store), store
    store.close()


def onboarded(conversations: Conversations) -> None:
    conversations.handle(USER, Command("start"))
    for text in ("ireland", "whatsapp", "business"):
        conversations.handle(USER, Text(text))


def texts(outcome) -> str:
    return "\n".join(r.text for r in outcome.replies)


def test_an_unknown_reminder_kind_is_dropped_and_the_others_kept(talk):
    conversations, store = talk
    onboarded(conversations)
    conversations.handle(USER, Press("r:new:deletion"))  # two reminders
    record = store.get(USER)
    record["reminders"][0]["kind"] = "no_such_kind"
    store.put(USER, record)

    out = conversations.handle(USER, Command("reminders"))
    assert "was damaged" in out.replies[0].text
    assert "Your reminders" in texts(out) and len(out.replies[-1].buttons) == 1
    out = conversations.handle(USER, Command("reminders"))
    assert "damaged" not in texts(out), "told once: the repair was saved"
    assert [r["kind"] for r in store.get(USER)["reminders"]] == ["deletion_backups"]


@pytest.mark.parametrize("language", ["x" * 300, 5, "klingon"])
def test_a_language_that_is_not_a_locale_falls_back_to_the_default(talk, language):
    conversations, store = talk
    onboarded(conversations)
    store.put(USER, {**store.get(USER), "language": language})
    out = conversations.handle(USER, Text("how do I object to AI training"))
    assert "was damaged" in out.replies[0].text
    assert store.get(USER)["language"] == "en" and store.get(USER)["country"] == "IE"


def test_bad_fields_are_reset_one_by_one_and_good_ones_kept(talk):
    conversations, store = talk
    onboarded(conversations)
    record = store.get(USER)
    record["platforms"] = ["whatsapp", 42, "myspace"]
    record["checklist"] = {"object": "done", "other": 7}
    record["account"] = "galactic"
    store.put(USER, record)
    conversations.handle(USER, Command("settings"))
    repaired = store.get(USER)
    assert repaired["platforms"] == ["whatsapp"] and repaired["checklist"] == {"object": "done"}
    assert repaired["account"] is None and repaired["country"] == "IE"


def test_a_record_beyond_repair_is_quarantined_and_the_user_told_once(talk, tmp_path):
    conversations, store = talk
    store.put(USER, {"schema_version": "two", "country": "IE"})  # cannot even be upgraded
    store.close()
    store = open_store(tmp_path)
    conversations = Conversations(conversations.engine, store)
    try:
        out = conversations.handle(USER, Command("start"))
        assert "could not read" in out.replies[0].text
        assert "Where do you live" in texts(out)
        assert "could not read" not in texts(conversations.handle(USER, Text("ireland")))
        out = conversations.handle(USER, Command("mydata"))
        exported = json.loads(next(r.document for r in out.replies if r.document).content)
        assert '"schema_version":"two"' in exported["damaged_copies"][0]["content"]
    finally:
        store.close()


@pytest.mark.parametrize(
    "damage",
    [
        {"language": "x" * 300},
        {"reminders": [{"id": "1", "kind": "nope", "due": "2027-01-01T00:00:00Z"}]},
        {"step": 12, "awaiting": "everything", "pending": {"goal": 3}},
        {"platforms": "not a list", "created": "yesterday"},
    ],
    ids=["language", "reminder", "state", "types"],
)
def test_forget_works_whatever_is_stored(talk, damage):
    conversations, store = talk
    onboarded(conversations)
    store.put(USER, {**store.get(USER), **damage})
    out = conversations.handle(USER, Command("forget"))
    assert out.replies[-1].buttons, "asks to confirm"
    out = conversations.handle(USER, Press("f:yes"))
    assert "deleted everything" in texts(out)
    assert store.get(USER) is None and store.export(USER) is None
