"""Several webhook workers on one PostgreSQL database, as real processes against the local Bot
API server: an update delivered to two workers is answered once, one user's updates handled by
different workers build on each other, and a worker killed with SIGKILL under load loses
nothing (replies, reminders) and repeats at most what it had in flight.

The tests take ``kb`` so that the build cache the workers read is warm (each would otherwise
build the matcher itself, ~20 s on a busy 2-core machine)."""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from bot.conversation import load_profile, open_store
from bot.store.pg_schema import VERSION
from tests.botapi.server import BotAPIServer
from tests.e2e.workers import (
    CONVERSATION,
    SECRET,
    TOKEN,
    converse,
    free_port,
    seed_due_reminders,
    tally,
    worker_env,
    workers,
)
from tests.telegram.test_process import run_cli


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, webhook_connections=8) as running:
        yield running


def _cli(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(args, env, cwd, timeout=120)


def _newer_schema(url: str) -> str:
    with open_store(None, url):
        pass
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("INSERT INTO schema_version VALUES (%s)", (VERSION + 1,))
    return url


@pytest.mark.parametrize(
    ("workers_arg", "database", "needle"),
    [
        ("2", None, "--workers 2 needs OPTOUT_DATABASE_URL"),
        ("2", "unreachable", "Connection refused"),
        ("1", "unreachable", "Connection refused"),
        ("2", "wrong-user", 'role "nobody" does not exist'),
        ("2", "newer", "newer than this optout-bot understands"),
        ("0", None, "must be a whole number"),
    ],
)
async def test_bad_configuration_is_one_line_and_exit_2(
    server: BotAPIServer, pg_url: str, tmp_path: Path, workers_arg: str, database: Any, needle: str
) -> None:
    url = {
        None: None,
        "unreachable": "postgresql://optout:s3cret-pass@127.0.0.1:1/optout",
        "wrong-user": make_conninfo(pg_url, user="nobody", password="s3cret-pass"),
        "newer": "newer",
    }[database]
    if url == "newer":
        url = _newer_schema(pg_url)
    env = worker_env(server, url, free_port(), tmp_path)
    result = await asyncio.to_thread(_cli, ["webhook", "--workers", workers_arg], env, tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert needle in lines[-1], result.stderr
    if workers_arg != "0":  # argparse prints its usage line first
        assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "s3cret" not in result.stderr


def _update(update_id: int, uid: int, text: str) -> dict[str, Any]:
    entities = [{"type": "bot_command", "offset": 0, "length": len(text)}] if text[0] == "/" else []
    person = {"id": uid, "is_bot": False, "first_name": "Kim", "language_code": "en"}
    message = {
        "message_id": update_id,
        "date": 0,
        "text": text,
        "chat": {"id": uid, "type": "private", "first_name": "Kim"},
        "from": person,
    }
    if entities:
        message["entities"] = entities
    return {"update_id": update_id, "message": message}


async def _post(http: aiohttp.ClientSession, port: int, update: dict[str, Any]) -> int:
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    async with http.post(f"http://127.0.0.1:{port}/hook", json=update, headers=headers) as r:
        return r.status


async def test_two_workers_answer_a_duplicate_once_and_share_each_users_state(
    server: BotAPIServer, pg_url: str, tmp_path: Path, kb: Any
) -> None:
    """Two separate workers (two ports) stand for one URL whose load balancer sends Telegram's
    second delivery of an update elsewhere."""
    users = [server.user(7000 + i, "Kim") for i in range(9)]
    for user in users:
        server.open_chat(user)
    async with contextlib.AsyncExitStack() as stack:
        a, b = await asyncio.gather(  # started side by side: each loads the knowledge base
            *(stack.enter_async_context(workers(server, pg_url, tmp_path, 1, n)) for n in "ab")
        )
        http = await stack.enter_async_context(aiohttp.ClientSession())
        control, *twice = users
        assert await _post(http, a.port, _update(100, control.id, "/start")) == 200
        once = [str(m) for m in server.messages_to(control)]
        assert once, "the control user was answered"
        # the same update to both workers at the same moment, for eight users at once
        posts = [
            _post(http, w.port, _update(200 + i, user.id, "/start"))
            for i, user in enumerate(twice)
            for w in (a, b)
        ]
        assert await asyncio.gather(*posts) == [200] * len(posts)
        for user in twice:  # every 200 came after the replies: nothing more is on its way
            assert [str(m) for m in server.messages_to(user)] == once

        # one user's conversation, each message to the other worker than the one before
        for n, (text, worker) in enumerate(zip(CONVERSATION[1:], (b, a, b), strict=True)):
            assert await _post(http, worker.port, _update(300 + n, control.id, text)) == 200
    with open_store(None, pg_url) as store:
        profile = load_profile(store.get(control.id))
    assert profile is not None and profile.country == "IE"
    assert [p.value for p in profile.platforms] == ["instagram"]
    assert profile.account is not None and profile.account.value == "personal"
    assert len(server.messages_to(control)) == len(once) + 3


async def test_a_worker_killed_under_load_loses_nothing(
    server: BotAPIServer, pg_url: str, tmp_path: Path, kb: Any
) -> None:
    """`--workers 2` on one port: 20 people talk while 30 reminders fall due; worker 0 is
    killed with SIGKILL once a third of the replies went out, and the supervisor starts it
    again. Nothing acknowledged is lost, no reminder is lost or doubled; a reply repeats only
    if it was in flight at the kill (Telegram took it, the record of it did not happen)."""
    reminded = list(range(9000, 9030))
    seed_due_reminders(pg_url, reminded)
    for uid in reminded:
        server.open_chat(server.user(uid, "Rem"))
    talkers = [server.user(8000 + i, "Kim") for i in range(20)]
    async with workers(server, pg_url, tmp_path, 2) as running:
        control = server.user(7999, "Kim")
        await converse(server, control, CONVERSATION, timeout=60)
        expected = [str(m) for m in server.messages_to(control)]
        talk = asyncio.gather(*(converse(server, u, CONVERSATION, 90) for u in talkers))
        await server.wait_for(
            lambda: sum(len(server.messages_to(u)) for u in talkers) >= len(talkers) * 4 // 3,
            timeout=90,
        )
        running.kill(0)
        await talk
        await server.wait_for(lambda: all(server.messages_to(uid) for uid in reminded), 90)
        await running.started(3, serving=False)  # the supervisor starts worker 0 again
        assert "worker 0 (pid" in running.log.read_text()
    result = tally(server, talkers, expected, reminded)
    print(f"SIGKILL under load: {result}")
    assert result.lost == 0 and result.reminders_lost == 0
    # at most what was in flight at the kill: the reminder job sends one message at a time,
    # and the worker held at most 8 updates (the server's connections)
    assert result.reminders_doubled <= 1
    assert result.duplicates <= 8


def test_due_users_are_claimed_by_one_worker_each(pg_url: str) -> None:
    """Two stores stand for two workers running the reminder job at the same moment: while
    one holds its claim, the other gets none of those users (SKIP LOCKED), and after the
    commit none is due any more — each reminder handled exactly once."""
    from datetime import UTC, datetime, timedelta

    from bot.store.postgres import PostgresStore

    def due_of(record: dict) -> datetime | None:
        return datetime.fromisoformat(record["due"]) if record.get("due") else None

    now = datetime(2026, 12, 1, tzinfo=UTC)
    handled: list[int] = []
    with PostgresStore(pg_url, due_of=due_of) as one, PostgresStore(pg_url, due_of=due_of) as two:
        for uid in range(1, 31):
            one.put(uid, {"due": (now - timedelta(minutes=uid)).isoformat(), "sent": 0})
        meanwhile: list[list[int]] = []

        def remind(uid: int, record: dict) -> dict:
            if not meanwhile:  # the other worker's check, while this claim is open
                meanwhile.append(two.claim_due(now, remind_elsewhere))
            handled.append(uid)
            return {"due": None, "sent": record["sent"] + 1}

        def remind_elsewhere(uid: int, record: dict) -> dict:
            handled.append(-uid)
            return record

        assert sorted(one.claim_due(now, remind)) == list(range(1, 31))
        assert meanwhile == [[]]
        assert two.claim_due(now, remind_elsewhere) == []
        assert sorted(handled) == list(range(1, 31))
        assert all(one.get(uid) == {"due": None, "sent": 1} for uid in range(1, 31))


async def test_a_dead_workers_sending_claim_is_taken_over(pg_url: str) -> None:
    from bot.store.postgres import PostgresStore

    with PostgresStore(pg_url) as one, PostgresStore(pg_url) as two:
        first, second = one.sending_turns(), two.sending_turns()
        assert first.claim(5)
        assert not second.claim(5), "a live worker's claim holds"
        assert first.claim(5), "and is its own to take again"
        first.close()  # its presence connection gone, as when the process is killed
        async with asyncio.timeout(30), second.hold(5):  # waits until PostgreSQL sees it gone
            assert not first.claim(5), "back (a new connection), it waits its turn"
        assert first.claim(5), "released once the other's flush is done"
