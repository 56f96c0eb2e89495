"""Several `optout-bot webhook` workers on one PostgreSQL database, as real processes, against
the local Bot API server — for tests/store/test_workers.py and bench/throughput.py --workers.

Everything waits for events (a log line, a port accepting connections, a count of messages),
never for a fixed time.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tests.botapi.server import DEFAULT_TOKEN, BotAPIServer, User
from tests.telegram.test_process import listening

TOKEN = DEFAULT_TOKEN
SECRET = "workers-secret_42"
CONVERSATION = ("/start", "ireland", "instagram", "personal")  # one reply each
REMINDER_KIND = "deletion_grace"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def worker_env(
    server: BotAPIServer, database_url: str | None, port: int, tmp: Path
) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("TELEGRAM_", "WEBHOOK_", "OPTOUT_")) or k == "OPTOUT_CACHE_DIR"
    }
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.url,
        TELEGRAM_SEND_RATE="0",
        WEBHOOK_URL=f"http://127.0.0.1:{port}/hook",
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
        OPTOUT_DATA_DIR=str(tmp / "data"),
        LOG_LEVEL="INFO",
    )
    if database_url:
        env["OPTOUT_DATABASE_URL"] = database_url
    return env


async def logged(log: Path, pattern: str, count: int = 1, timeout: float = 120) -> list[Any]:
    """Wait until the log has `count` lines matching `pattern`; returns the matches' groups."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        found = re.findall(pattern, log.read_text() if log.exists() else "")
        if len(found) >= count:
            return found
        if loop.time() > deadline:
            raise TimeoutError(f"{pattern!r} x{count} not in {log.name}")
        await asyncio.sleep(0.05)


@dataclass
class Workers:
    """A running `optout-bot webhook --workers N` (or one plain worker)."""

    proc: asyncio.subprocess.Process
    log: Path
    port: int
    pids: dict[int, int] = field(default_factory=dict)  # worker number -> pid

    async def started(self, n: int, *, serving: bool = True) -> None:
        """Wait for the n-th worker start (restarts count); `serving`: until each serves."""
        for number, pid in await logged(self.log, r"worker (\d+) started \(pid (\d+)\)", n):
            self.pids[int(number)] = int(pid)
        if serving:
            for pid in self.pids.values():
                await logged(self.log, rf"starting \(webhook, worker \d+, pid {pid}\)")
            await listening(self.port, timeout=120)

    def kill(self, number: int) -> int:
        pid = self.pids[number]
        os.kill(pid, signal.SIGKILL)
        return pid

    async def stop(self) -> int:
        if self.proc.returncode is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return await asyncio.wait_for(self.proc.wait(), 60)
        except TimeoutError:
            self.proc.kill()
            await self.proc.wait()
            raise


@asynccontextmanager
async def workers(
    server: BotAPIServer, database_url: str | None, tmp: Path, n: int, name: str = "workers"
) -> AsyncIterator[Workers]:
    """`optout-bot webhook --workers n`, started and listening; stopped (SIGTERM) at the end."""
    port = free_port()
    log = tmp / f"{name}.log"
    args = ["webhook"] + (["--workers", str(n)] if n > 1 else [])
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=worker_env(server, database_url, port, tmp),
        cwd=str(tmp),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    running = Workers(proc, log, port)
    try:
        if n > 1:
            await running.started(n)
        else:
            await logged(log, r"starting \(webhook")
            await listening(port, timeout=120)
        yield running
    finally:
        await running.stop()


def seed_due_reminders(database_url: str, user_ids: Iterable[int]) -> None:
    """Users whose reminder fell due an hour ago (they wrote to the bot once, long before)."""
    from bot.conversation import open_store
    from bot.profile import Profile, Reminder

    past = datetime.now(UTC) - timedelta(hours=1)
    store = open_store(None, database_url)
    try:
        for uid in user_ids:
            reminder = Reminder(
                id="r1", kind=REMINDER_KIND, due=past, created=past - timedelta(days=28)
            )
            profile = Profile(user_id=uid, reminders=[reminder])
            store.put(uid, profile.model_dump(mode="json"))
    finally:
        store.close()


async def converse(server: BotAPIServer, user: User, texts: Iterable[str], timeout: float) -> None:
    """One person's conversation: each message after the answer to the one before."""
    for text in texts:
        await server.ask(user, text, timeout=timeout)


@dataclass
class Tally:
    """What the users got, from the server's records."""

    lost: int  # updates never acknowledged, or asked and never answered
    duplicates: int  # the same text sent twice to one user beyond what the script expects
    reminders_lost: int
    reminders_doubled: int


def tally(
    server: BotAPIServer,
    talkers: list[User],
    expected: list[str],
    reminded: list[int],
) -> Tally:
    unacknowledged = len(server.pending_updates)
    lost = dups = 0
    for user in talkers:
        got = Counter(str(m) for m in server.messages_to(user))
        want = Counter(expected)
        lost += sum((want - got).values())
        dups += sum((got - want).values())
    reminders = [len(server.messages_to(uid)) for uid in reminded]
    return Tally(
        lost=lost + unacknowledged,
        duplicates=dups,
        reminders_lost=sum(1 for n in reminders if n == 0),
        reminders_doubled=sum(n - 1 for n in reminders if n > 1),
    )
