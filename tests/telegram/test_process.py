"""The real `optout-bot run` and `optout-bot webhook` processes against the local Bot API server:
start-up errors are one line, a whole conversation works, logs hold no token and no text."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN

SECRET = "hook-secret_123"
MARKER = "zebra-quokka-4711"  # a word only the test user types


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "WEBHOOK_"))}
    env.update(OPTOUT_DATA_DIR=str(tmp_path / "data"), LOG_LEVEL="DEBUG", **extra)
    return env


def run_cli(
    args: list[str], env: dict[str, str], cwd: Path, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "extra", "needle"),
    [
        (["run"], {}, "TELEGRAM_BOT_TOKEN is not set"),
        (["run"], {"TELEGRAM_BOT_TOKEN": "not-a-token"}, "does not look like a bot token"),
        (["webhook"], {"TELEGRAM_BOT_TOKEN": TOKEN}, "WEBHOOK_SECRET is not set"),
        (
            ["webhook"],
            {"TELEGRAM_BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": "bad secret!"},
            "WEBHOOK_SECRET may only contain",
        ),
    ],
)
def test_configuration_errors_are_one_line_and_exit_2(tmp_path, args, extra, needle):
    result = run_cli(args, env_for(tmp_path, **extra), tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and needle in lines[0], result.stderr
    assert "Traceback" not in result.stderr and "not-a-token" not in result.stderr


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, strict_html=True) as running:
        yield running


async def start(args: list[str], env: dict[str, str], log: Path) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        *args,
        env=env,
        cwd=str(log.parent),
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )


async def stop(proc: asyncio.subprocess.Process) -> int:
    if proc.returncode is None:
        proc.send_signal(signal.SIGTERM)
    try:
        return await asyncio.wait_for(proc.wait(), 20)
    except TimeoutError:
        proc.kill()
        await proc.wait()
        raise


async def listening(port: int, timeout: float = 15) -> None:
    """Wait until the webhook server accepts connections (it may start after setWebhook)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if loop.time() > deadline:
                raise
            await asyncio.sleep(0.05)  # polling a socket: there is nothing to wait on
            continue
        writer.close()
        await writer.wait_closed()
        return


async def logged(log: Path, needle: str, timeout: float = 20) -> None:
    """Wait until the bot process's log has a line (a file: there is nothing to wait on)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while needle not in log.read_text():
        if loop.time() > deadline:
            raise TimeoutError(f"{needle!r} not in {log.name}")
        await asyncio.sleep(0.05)


def assert_clean_log(log: Path, *user_texts: str) -> None:
    text = log.read_text()
    assert TOKEN not in text and TOKEN.split(":")[1] not in text, "the token never appears"
    for said in user_texts:
        assert said not in text, f"message text in the log: {said!r}"
    assert "Traceback" not in text


async def test_optout_bot_run_process_serves_a_conversation_with_clean_logs(server, tmp_path):
    env = env_for(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.url)
    log = tmp_path / "run.log"
    proc = await start(["run"], env, log)
    try:
        await server.wait_for(lambda: server.commands, timeout=30)  # setMyCommands at start
        user = server.user(424242, "Kim")
        await server.ask(user, "/start", timeout=15)
        await server.ask(user, "germany")
        await server.ask(user, f"instagram {MARKER}")
        await server.ask(user, "personal")
        question = f"how do i stop instagram ai training {MARKER}"
        (answer,) = await server.ask(user, question)
        assert "Right to object" in answer
        server.non_text(user, "contact")
        (not_text,) = await server.wait_for_messages(user, 1, since=5)
        assert "only text" in not_text
    finally:
        code = await stop(proc)
    assert code == 0, log.read_text()
    assert_clean_log(log, MARKER, question, "+15555550123", "424242")
    assert "starting (polling)" in log.read_text()


async def test_optout_bot_webhook_process_needs_the_secret(server, tmp_path):
    port = free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    env = env_for(
        tmp_path,
        TELEGRAM_BOT_TOKEN=TOKEN,
        TELEGRAM_BASE_URL=server.url,
        WEBHOOK_URL=url,
        WEBHOOK_SECRET=SECRET,
        PORT=str(port),
    )
    log = tmp_path / "webhook.log"
    proc = await start(["webhook"], env, log)
    try:
        await server.wait_for(lambda: server.webhook, timeout=30)
        await listening(port)
        assert server.webhook == {**server.webhook, "url": url, "secret_token": SECRET}
        update = {
            "update_id": 999_999,
            "message": {
                "message_id": 1,
                "date": 0,
                "text": "/help",
                "chat": {"id": 31337, "type": "private", "first_name": "Eve"},
                "from": {"id": 31337, "is_bot": False, "first_name": "Eve"},
                "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
            },
        }
        async with aiohttp.ClientSession() as http:
            async with http.post(url, json=update) as response:
                assert response.status == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "guess"}
            async with http.post(url, json=update, headers=wrong) as response:
                assert response.status == 403
        assert server.calls_to("sendMessage") == [], "a forged update reaches no handler"

        user = server.user(5150, "Lee")
        (help_text,) = await server.ask(user, "/help", timeout=15)
        assert "What I do" in help_text
        await server.wait_for(lambda: server.webhook_deliveries)  # the 200 follows the reply
        assert all(d.status == 200 for d in server.webhook_deliveries)

        # the same kind of request, straight to the webhook, with the secret: accepted
        own = {**update, "update_id": 1_000_000}
        own["message"] = {
            **update["message"],
            "text": "/privacy",
            "chat": user.private_chat(),
            "from": user.to_dict(),
        }
        own["message"]["entities"] = [{"type": "bot_command", "offset": 0, "length": 8}]
        right = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        async with (
            aiohttp.ClientSession() as http,
            http.post(url, json=own, headers=right) as response,
        ):
            assert response.status == 200
        (privacy,) = await server.wait_for_messages(user, 1, since=1)
        assert "What I store about you" in privacy
    finally:
        code = await stop(proc)
    assert code == 0, log.read_text()
    assert_clean_log(log, SECRET)


async def test_a_reminder_survives_sigkill_and_is_delivered_exactly_once(server, tmp_path):
    """Schedule a reminder, kill -9 the bot, move the stored due time into the past, restart:
    the reminder arrives once; another restart sends nothing more."""
    from datetime import UTC, datetime, timedelta

    from bot.conversation import open_store

    env = env_for(tmp_path, TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=server.url)
    user = server.user(515151, "Rita")
    proc = await start(["run"], env, tmp_path / "first.log")
    try:
        await server.wait_for(lambda: server.commands, timeout=30)
        for text in ("/start", "ireland", "facebook", "personal"):
            await server.ask(user, text, timeout=15)
        (answer,) = await server.ask(user, "how do i object to meta training ai on my posts")
        (noted,) = await server.tap(user, answer, answer.data_for("I sent my objection"))
        assert "I'll ask you whether Meta answered" in noted
        # killed once the press is done (its reply recorded as sent and the update confirmed):
        # killed between Telegram's answer and that record, the reply would go out once more
        pressed = server.updates[-1]["update_id"]
        await server.wait_for(lambda: server.confirmed_offset > pressed)
    finally:
        proc.kill()  # SIGKILL: no clean shutdown, nothing flushed on the way out
        await proc.wait()

    with open_store(tmp_path / "data") as store:  # the bot is gone: its lock went with it
        record = store.get(user.id)
        (reminder,) = record["reminders"]
        assert reminder["state"] == "scheduled"
        reminder["due"] = (datetime.now(UTC) - timedelta(days=1)).isoformat()
        store.put(user.id, record)
    before = len(server.messages_to(user))

    for attempt, log_name in enumerate(("second.log", "third.log")):
        proc = await start(["run"], env, tmp_path / log_name)
        try:
            await server.wait_for(lambda n=attempt: len(server.commands) >= n + 2, timeout=30)
            if attempt == 0:
                (due,) = await server.wait_for_messages(user, 1, since=before, timeout=20)
                assert "Did Meta answer" in due
            else:
                await logged(tmp_path / log_name, "due check done")  # the start-up pass ran
        finally:
            assert await stop(proc) == 0
    delivered = [m for m in server.messages_to(user) if "Did Meta answer" in m]
    assert len(delivered) == 1, "delivered exactly once across restarts"
