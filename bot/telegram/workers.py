"""`optout-bot webhook --workers N`: N worker processes serving one webhook URL.

The parent checks the configuration once (one line and exit status 2 for what an operator can
fix: no OPTOUT_DATABASE_URL, a database that cannot be reached or refuses the credentials, a
schema newer than the code), then starts N ordinary `optout-bot webhook` processes that each
listen on the same port with SO_REUSEPORT; the kernel spreads Telegram's connections over them.
It forwards SIGTERM/SIGINT, and starts a worker again when one dies by a signal (a worker that
stops with a configuration error stops them all).

Why separate processes on a shared port rather than one process accepting and handing out
requests: no process stands in the request path, so a worker killed mid-update drops only its
own connections — Telegram gets no 200 for those and delivers them again, to another worker —
and each worker is the same program as a single `optout-bot webhook`, with its own event loop
and connection pool (one Python process uses one core). Why not a fork after start-up: the
store's threads and connection pool do not survive a fork; each worker opens its own.

What makes several workers safe lives in the store (bot/store/postgres.py, pg_sending.py): one
user's updates are serialised by their row lock, an update delivered twice is recognised by its
`update_id` in the same transaction, due reminders are taken with SKIP LOCKED, one worker at a
time sends a user's queued replies, and the retention purge runs under an advisory lock.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from types import FrameType

from bot.settings import ConfigError
from bot.telegram.logging import configure_logging
from bot.telegram.runner import (
    EXIT_CONFIG,
    EXIT_FAILED,
    EXIT_OK,
    WORKER_ENV,
    _fail,
    _settings,
    webhook_config,
)

log = logging.getLogger(__name__)


def check(workers: int) -> int | None:
    """The configuration the workers share, checked once: None if usable, else an exit status
    (after one line on stderr). Applies the schema migrations, once, before any worker starts."""
    from bot.store import StoreConfigError

    try:
        settings = _settings()
        token = settings.token()
        hook = webhook_config(settings)
        url = settings.database_url()
    except ConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    if not url:
        return _fail(
            f"--workers {workers} needs OPTOUT_DATABASE_URL: "
            "a data directory serves one process only",
            EXIT_CONFIG,
        )
    configure_logging(settings.log_level, [token, hook.secret])
    from bot.store.postgres import PostgresStore

    try:
        PostgresStore(url, workers=1).close()
    except StoreConfigError as exc:
        return _fail(str(exc), EXIT_CONFIG)
    return None


class Supervisor:
    """Starts the workers, restarts one that a signal killed, stops them all on a signal."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self.children: dict[int, subprocess.Popen[bytes]] = {}  # pid -> worker
        self.numbers: dict[int, int] = {}  # pid -> worker number
        self.stopping = False

    def spawn(self, number: int) -> None:
        env = {**os.environ, WORKER_ENV: str(number)}
        child = subprocess.Popen([sys.executable, "-m", "bot", "webhook"], env=env)
        self.children[child.pid] = child
        self.numbers[child.pid] = number
        log.info("worker %d started (pid %d)", number, child.pid)

    def stop(self, signum: int, frame: FrameType | None = None) -> None:
        self.stopping = True
        for child in self.children.values():
            if child.poll() is None:
                child.send_signal(signal.SIGTERM)

    def run(self) -> int:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self.stop)
        for number in range(self.workers):
            self.spawn(number)
        status = EXIT_OK
        while self.children:
            try:
                pid, wait_status = os.wait()
            except ChildProcessError:
                break
            child = self.children.pop(pid, None)
            number = self.numbers.pop(pid, -1)
            if child is None:
                continue
            code = os.waitstatus_to_exitcode(wait_status)
            if self.stopping:
                status = max(status, code if code > 0 else EXIT_OK)
                continue
            if code < 0:  # killed by a signal (the OOM killer, kill -9): start it again
                log.warning(
                    "worker %d (pid %d) killed by signal %d; restarting", number, pid, -code
                )
                self.spawn(number)
                continue
            log.error("worker %d (pid %d) stopped with status %d; stopping", number, pid, code)
            status = code if code > 0 else EXIT_FAILED
            self.stop(signal.SIGTERM)
        log.info("stopped")
        return status


def supervise(workers: int) -> int:
    """`optout-bot webhook --workers N` with N > 1."""
    refused = check(workers)
    if refused is not None:
        return refused
    log.info("starting %d webhook workers", workers)
    return Supervisor(workers).run()
