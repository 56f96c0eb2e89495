"""The privacy promise through the real store: nothing kept for strangers, no message text on
disk, everything exportable, /forget leaves no trace, and old records still load."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.conversation import Conversations, load_profile, open_store
from bot.dialogue import Command, Press, Text
from bot.profile import SCHEMA_VERSION, Step
from bot.vocabulary import Platform

USER = 987_654_321  # distinctive: easy to find in any file


def all_bytes(directory: Path) -> bytes:
    return b"\n".join(p.read_bytes() for p in directory.rglob("*") if p.is_file())


@pytest.fixture
def talk(engine, tmp_path):
    store = open_store(tmp_path)
    yield Conversations(engine, store), store, tmp_path
    store.close()


def test_a_stranger_asking_for_help_leaves_nothing(talk):
    conversations, store, _ = talk
    conversations.handle(USER, Command("help"))
    conversations.handle(USER, Command("privacy"))
    assert store.get(USER) is None and len(store) == 0


def test_message_text_is_never_written(talk):
    conversations, _, directory = talk
    secret_question = "how do I stop zebracorn training on my instagram"
    conversations.handle(USER, Text(secret_question))
    for text in (
        "germany",
        "instagram",
        "personal",
        secret_question,
        "my phone is +49 170 1234567",
    ):
        conversations.handle(USER, Text(text))
    blob = all_bytes(directory)
    assert b"zebracorn" not in blob and b"1234567" not in blob
    assert str(USER).encode() in blob, "the chat id itself is stored (to reply at all)"


def test_forget_leaves_no_trace_of_the_user(talk):
    conversations, store, directory = talk
    for text in ("france", "facebook", "personal"):
        conversations.handle(USER, Text(text))
    conversations.handle(USER, Press("r:new:deletion"))
    assert store.due(), "a reminder is indexed"
    conversations.handle(USER, Command("forget"))
    assert store.get(USER) is not None, "nothing happens before the confirmation"
    conversations.handle(USER, Press("f:yes"))
    assert store.get(USER) is None and not store.due()
    assert str(USER).encode() not in all_bytes(directory)


def test_mydata_exports_what_is_stored(talk):
    conversations, store, _ = talk
    for text in ("ireland", "whatsapp", "business"):
        conversations.handle(USER, Text(text))
    out = conversations.handle(USER, Command("mydata"))
    exported = json.loads(next(r.document for r in out.replies if r.document).content)
    assert exported == store.get(USER)


def test_a_first_version_record_still_loads(talk):
    _, store, _ = talk
    version_one = {
        "user_id": USER,
        "country": "DE",
        "region": "eu",
        "platforms": "facebook,instagram",
        "account": "personal",
        "step": "ready",
        "updated": "2026-01-02T03:04:05+00:00",
    }
    store.put(USER, version_one)
    profile = load_profile(store.get(USER))
    assert profile.schema_version == SCHEMA_VERSION
    assert profile.platforms == [Platform.facebook, Platform.instagram]
    assert profile.step == Step.ready and profile.checklist == {} and profile.reminders == []
    assert profile.last_seen.year == 2026


def test_an_unreadable_record_starts_the_user_again(talk):
    conversations, store, _ = talk
    store.put(USER, {"schema_version": 2, "platforms": 42, "step": "nonsense"})
    out = conversations.handle(USER, Command("start"))
    assert "Where do you live" in "".join(r.text for r in out.replies)


def test_a_stranger_asking_for_their_data_or_its_deletion_gets_the_truth(talk):
    """Nothing is stored until someone tells the bot something: /mydata must not send a blank
    profile as if it were kept, and /forget must not keep a profile just to confirm."""
    conversations, store, directory = talk
    out = conversations.handle(USER, Command("mydata"))
    assert not any(r.document for r in out.replies)
    assert "don't store anything" in out.replies[0].text
    out = conversations.handle(USER, Command("forget"))
    assert "nothing to delete" in out.replies[0].text and not out.replies[0].buttons
    assert store.get(USER) is None and str(USER).encode() not in all_bytes(directory)
    conversations.handle(USER, Text("germany"))
    out = conversations.handle(USER, Command("mydata"))
    assert json.loads(next(r.document for r in out.replies if r.document).content) == store.get(
        USER
    )


def _key(store, user_id: int) -> str:
    return store._files.key(user_id)  # the keyed hash that names the user's files


@pytest.mark.parametrize("damaged", [False, True], ids=["intact", "damaged-file-and-index"])
def test_forget_erases_every_byte_about_the_user(engine, tmp_path, damaged):
    """After /forget no file under the data directory holds the user id, its keyed hash or what
    the user told the bot — not the journal, not a quarantined copy of their file or index."""
    store = open_store(tmp_path)
    conversations = Conversations(engine, store)
    conversations.handle(USER, Command("start"))
    for text in ("ireland", "whatsapp", "business"):
        conversations.handle(USER, Text(text))
    conversations.handle(USER, Press("r:new:deletion"))
    assert store.due() and '"country":"IE"' in json.dumps(
        store.get(USER), separators=(",", ":")
    )  # the due index and journal know them
    key = _key(store, USER)
    if damaged:
        store.close()
        for path in (
            tmp_path / "users" / key[:2] / key[2] / f"{key}.json",
            tmp_path / "index" / f"due-{key[:3]}.json",
        ):
            path.write_bytes(path.read_bytes()[:-3])  # torn: unreadable, yet full of the user
        store = open_store(tmp_path)
        conversations = Conversations(engine, store)
        out = conversations.handle(USER, Command("mydata"))
        exported = json.loads(next(r.document for r in out.replies if r.document).content)
        assert '"country":"IE"' in exported["damaged_copies"][0]["content"]
        assert exported["damaged_index_files_naming_you"] == [
            p.name for p in (tmp_path / "quarantine").glob("due-*")
        ]
    try:
        out = conversations.handle(USER, Command("forget"))
        assert out.replies[0].buttons, "asks to confirm: there is something to delete"
        out = conversations.handle(USER, Press("f:yes"))
        assert "deleted everything" in out.replies[0].text
        blob = all_bytes(tmp_path)  # while the store is open: no clean shutdown tidies up
        for trace in (str(USER), key, '"IE"', "whatsapp", "business"):
            assert trace.encode() not in blob, trace
    finally:
        store.close()
