"""`optout-bot migrate`: a data directory into PostgreSQL and back, counted and verified, and
safe to run again; a database the bot cannot use is one line and exit status 2."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg
import pytest

from bot import feedback
from bot.cli import EXIT_OK, EXIT_USAGE, main
from bot.conversation import open_store
from bot.knowledge import load_knowledge
from bot.profile import Profile, Reminder, utcnow
from bot.store import FeedbackCount
from bot.vocabulary import Platform

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
USERS = 30


def _profile(uid: int) -> dict:
    reminders = [Reminder(id=f"r{uid}", kind="check", due=T0 + timedelta(hours=uid), created=T0)]
    return Profile(
        user_id=uid,
        country="IE" if uid % 2 else "DE",
        reminders=reminders if uid % 3 == 0 else [],
        created=T0,
        last_seen=T0,
    ).model_dump(mode="json")


def _fill(data: Path) -> dict[int, dict]:
    records = {uid: _profile(uid) for uid in range(1, USERS + 1)}
    with open_store(data) as store:
        for uid, record in records.items():
            store.put(uid, record)
    return records


def test_a_data_directory_into_postgresql_and_back(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    records = _fill(tmp_path / "data")
    assert main(["migrate", "--from", str(tmp_path / "data"), "--to", pg_url]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"{USERS} copied, 0 already there" in out and "verified" in out

    # interrupted runs are finished by running it again: only what is missing is copied
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DELETE FROM users WHERE user_id <= 10")
    assert main(["migrate", "--from", str(tmp_path / "data"), "--to", pg_url]) == EXIT_OK
    assert f"10 copied, {USERS - 10} already there" in capsys.readouterr().out

    back = tmp_path / "back"
    assert main(["migrate", "--from", pg_url, "--to", str(back)]) == EXIT_OK
    assert f"{USERS} copied" in capsys.readouterr().out
    with open_store(None, pg_url) as pg, open_store(back) as files:
        for uid, record in records.items():
            assert pg.get(uid) == files.get(uid) == record
        due = [(uid, T0 + timedelta(hours=uid)) for uid in range(3, USERS + 1, 3)]
        assert pg.due() == files.due() == due  # reminders are found in both


def test_a_database_it_cannot_use_is_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = "postgresql://optout:pw-not-shown@127.0.0.1:1/optout"
    assert main(["migrate", "--from", str(tmp_path / "data"), "--to", url]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pw-not-shown" not in err and "Traceback" not in err

    monkeypatch.setenv("OPTOUT_DATABASE_URL", url)
    assert main(["chat"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.startswith("optout-bot chat: cannot use OPTOUT_DATABASE_URL (127.0.0.1:1/optout)")
    assert err.count("\n") == 1 and "pw-not-shown" not in err


def test_feedback_counters_move_once_and_kb_feedback_reads_either_store(
    tmp_path: Path, pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = load_knowledge()
    card = kb.by_id["stop_training.objection"]
    week = feedback.week_of(utcnow())
    votes = FeedbackCount(card.id, "instagram", feedback.path_key(card, Platform.instagram), week)
    with open_store(tmp_path / "data") as store:
        store.add_feedback(dataclasses.replace(votes, worked=1, different=5))
        store.add_feedback(dataclasses.replace(votes, card="gone.card", worked=2))
    for _ in range(2):  # a second run adds nothing
        assert main(["migrate", "--from", str(tmp_path / "data"), "--to", pg_url]) == EXIT_OK
    with open_store(None, pg_url) as pg:
        assert sorted(pg.feedback_counts(), key=lambda c: c.card) == [
            dataclasses.replace(votes, card="gone.card", worked=2),
            dataclasses.replace(votes, worked=1, different=5),
        ]
    capsys.readouterr()
    monkeypatch.setenv("OPTOUT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("OPTOUT_DATABASE_URL", raising=False)
    assert main(["kb", "feedback", "--json"]) == EXIT_OK
    from_files = json.loads(capsys.readouterr().out)
    monkeypatch.setenv("OPTOUT_DATABASE_URL", pg_url)
    assert main(["kb", "feedback", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == from_files
    assert from_files["paths"] == [  # the removed card is left out
        {
            "card": card.id,
            "platform": "instagram",
            "worked": 1,
            "different": 5,
            "rate": 0.833,
            "notice": True,
        }
    ]
    assert main(["kb", "feedback"]) == EXIT_OK
    assert (
        "83%     5/6    stop_training.objection · instagram  notice shown"
        in capsys.readouterr().out
    )
