"""Nothing lost, nothing said twice, one bad update isolated (issue 11), in process: the real
Application against the local Bot API server with faults injected. Every wait is for an event
(a call, a message, a confirmed offset), never for time."""

from __future__ import annotations

import errno
import itertools
import logging
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.i18n import t
from bot.telegram import courier, jobs
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, Clock, onboard, running_bot, services

SORRY = "Nothing you told me was lost"
DELAYED = str(t("errors.delayed"))
SECRET_NAME = "Zelda-Quokka-4711"  # a first name only the unreadable update carries


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, strict_html=True) as running:
        yield running


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def poison(user_id: int) -> dict:
    """A private message with a `poll` lacking what python-telegram-bot 22 requires (what a Bot
    API server of another version may send)."""
    return {
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": user_id, "type": "private", "first_name": SECRET_NAME},
            "from": {"id": user_id, "is_bot": False, "first_name": SECRET_NAME},
            "poll": {"id": "poll-4711", "question": "private poll question"},
        }
    }


async def confirmed(server: BotAPIServer) -> None:
    """Until every update so far is confirmed (by the next getUpdates' offset)."""
    last = server.updates[-1]["update_id"]
    await server.wait_for(lambda: server.confirmed_offset > last)


async def test_an_unreadable_update_is_skipped_logged_once_and_blocks_no_one(
    server, data_dir, kb, caplog
):
    async with running_bot(server, data_dir, kb):
        await server.ask(server.user(31), "/help")  # the chat exists
        bad = server.queue_update(poison(31))
        (help_text,) = await server.ask(server.user(32), "/help")
        assert "What I do" in help_text, "another user is answered"
        (sorry,) = await server.wait_for_messages(31, 1, since=1)
        assert SORRY in sorry, "the sender of the unreadable update is told"
        await confirmed(server)
    assert len(server.calls_to("getUpdates")) <= 6, "the batch is not fetched again and again"
    named = re.compile(rf"\bupdate {bad['update_id']}\b")
    mentions = [r for r in caplog.records if named.search(r.getMessage())]
    assert len(mentions) == 1 and "message" in mentions[0].getMessage(), "once, by type and id"
    for needle in (SECRET_NAME, "poll-4711", "private poll question", "'id': 31"):
        assert needle not in caplog.text, f"update content in the log: {needle}"


async def test_an_update_delivered_again_is_answered_once(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        sam = server.user(33)
        await onboard(server, sam, "germany", "instagram")
        await server.ask(sam, "/start")  # "start over?" — a change a second run would repeat
        stored = services(app).store.get(sam.id)
        await confirmed(server)
        before = len(server.messages_to(sam))
        server.redeliver(server.updates[-1])  # as after a crash before the offset was confirmed
        (after,) = await server.ask(sam, "/help")
        assert "What I do" in after
        assert len(server.messages_to(sam)) == before + 1, "no second answer to the first"
        assert services(app).store.get(sam.id)["step"] == stored["step"]


async def test_a_reply_telegram_answered_late_is_not_sent_twice(server, data_dir, kb):
    async with running_bot(server, data_dir, kb, read_timeout=0.2):
        server.answer_late("sendMessage", 1.0)
        server.private_message(server.user(34), "/help")
        await server.wait_for_call("sendMessage")
        await confirmed(server)
        (help_text,) = server.messages_to(34)
        assert "What I do" in help_text
        assert len(server.calls_to("sendMessage")) == 1, "a timed-out send is not repeated"


async def test_replies_survive_a_long_outage_with_one_delay_notice(server, data_dir, kb):
    clock = Clock()
    async with running_bot(server, data_dir, kb, clock=clock, max_retries=1) as app:
        uma = server.user(35)
        await onboard(server, uma, "france", "facebook")
        before = len(server.messages_to(uma))
        server.fail("sendMessage", 503, times=10_000)  # Telegram's front end, for a long time
        server.private_message(uma, "/help")
        server.private_message(uma, "/privacy")
        await confirmed(server)  # both stored, neither sent
        await server.wait_for(lambda: len(server.calls_to("sendMessage")) >= 4)
        clock.advance(minutes=11)
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "still down"
        clock.advance(minutes=1)
        server.clear_faults()
        assert await jobs.send_due_reminders(services(app), app.bot) == 3
        notice, help_text, privacy = server.messages_to(uma)[before:]
        assert notice == DELAYED and "What I do" in help_text and "What I store" in privacy
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "sent once"


async def test_a_reminder_whose_send_failed_is_sent_later_once(server, data_dir, kb):
    clock = Clock()
    judy = server.user(36)
    async with running_bot(server, data_dir, kb, clock=clock, max_retries=1) as app:
        await onboard(server, judy, "germany", "facebook")
        (answer,) = await server.ask(judy, "how do i stop meta training ai on my facebook posts")
        await server.tap(judy, answer, answer.data_for("I sent my objection"))
        before = len(server.messages_to(judy))
        clock.advance(days=31)
        server.fail("sendMessage", 503, times=10_000)
        assert await jobs.send_due_reminders(services(app), app.bot) == 0
        server.clear_faults()
        assert await jobs.send_due_reminders(services(app), app.bot) >= 1
        due = [m for m in server.messages_to(judy)[before:] if "Did Meta answer" in m]
        assert len(due) == 1
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "sent once"


async def test_a_reply_whose_send_failed_unexpectedly_arrives_later_once(
    server, data_dir, kb, caplog, monkeypatch
):
    """A send that fails with what is no Telegram error (a bug, an OS error nothing maps): the
    reply stays queued and goes out with the next due round, without the user writing again."""
    clock = Clock()
    faults: list[str] = []
    real = courier.deliver

    async def breaks_once(bot, target, replies):
        if not faults:
            faults.append("EPIPE")
            raise OSError(errno.EPIPE, "Broken pipe")
        return await real(bot, target, replies)

    async with running_bot(server, data_dir, kb, clock=clock) as app:
        vera = server.user(37)
        await onboard(server, vera, "germany", "instagram")
        before = len(server.messages_to(vera))
        monkeypatch.setattr(courier, "deliver", breaks_once)
        server.private_message(vera, "/help")
        await confirmed(server)
        assert faults == ["EPIPE"] and len(server.messages_to(vera)) == before, "kept, not sent"
        clock.advance(seconds=30)
        assert await jobs.send_due_reminders(services(app), app.bot) == 1
        (help_text,) = server.messages_to(vera)[before:]
        assert "What I do" in help_text, "the reply itself, no delay notice, no error notice"
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "sent once"
    failed = [r.getMessage() for r in caplog.records if "failed to send" in r.getMessage()]
    assert len(failed) == 1 and "BrokenPipeError" in failed[0], "logged once, by type"
    assert "What I do" not in caplog.text and "Broken pipe" not in caplog.text


async def test_a_reply_that_always_fails_is_tried_a_bounded_number_of_times(
    server, data_dir, kb, caplog, monkeypatch
):
    """A reply whose send always fails with what is no Telegram error is tried MAX_ATTEMPTS
    times, further apart each time by the bot's clock, then dropped: logged once by type,
    counted, the user told that something went wrong — and their next message is answered."""
    clock = Clock()
    tries: list[datetime] = []
    real = courier.deliver

    async def help_breaks(bot, target, replies):
        if any("What I do" in reply.text for reply in replies):
            tries.append(clock())
            raise OSError(errno.EPIPE, "Broken pipe")
        return await real(bot, target, replies)

    async with running_bot(server, data_dir, kb, clock=clock) as app:
        vera = server.user(39)
        await onboard(server, vera, "germany", "instagram")
        before = len(server.messages_to(vera))
        monkeypatch.setattr(courier, "deliver", help_breaks)
        server.private_message(vera, "/help")
        await confirmed(server)
        for _ in range(120):  # two hours of due rounds, one a minute
            clock.advance(minutes=1)
            await jobs.send_due_reminders(services(app), app.bot)
        assert len(tries) == courier.MAX_ATTEMPTS == 6
        gaps = [later - earlier for earlier, later in itertools.pairwise(tries)]
        assert gaps == [timedelta(minutes=m) for m in (1, 1, 2, 4, 8)]
        assert server.messages_to(vera)[before:] == [t("errors.internal")], "told, not silent"
        assert services(app).courier.dropped == 1
        (privacy,) = await server.ask(vera, "/privacy")  # nothing queued holds her up
        assert "What I do" not in privacy
    dropped = [r.getMessage() for r in caplog.records if "dropped after" in r.getMessage()]
    assert len(dropped) == 1 and "BrokenPipeError" in dropped[0], "logged once, by type"
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2, "the first failure and the drop; the retries are quiet"
    assert "What I do" not in caplog.text and "Broken pipe" not in caplog.text


async def test_odd_private_messages_are_answered_without_an_error(server, data_dir, kb, caplog):
    async with running_bot(server, data_dir, kb):
        await server.ask(server.user(37), "/privacy")  # the chat exists
        message = {"message_id": 5, "date": 0, "chat": {"id": 37, "type": "private"}}
        entities = [{"type": "bot_command", "offset": 0, "length": 5}]
        server.queue_update({"message": {**message, "text": "/help", "entities": entities}})
        (help_text,) = await server.wait_for_messages(37, 1, since=1)  # no `from`: answered
        assert "What I do" in help_text
        emoji = {"type": "bot_command", "offset": 0, "length": 3}  # ends inside 🙂
        server.private_message(server.user(38), "🙂🙂/start", entities=[emoji])
        await server.wait_for_messages(38, 1)
        await confirmed(server)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_group_and_inline_answers_are_at_most_once_across_an_outage(
    server, data_dir, kb, caplog
):
    """Nothing is kept about a group or an inline query (docs/architecture.md, "Delivery"): an
    answer Telegram does not take within the request layer's retries is dropped, logged by type,
    never sent later, and the group gets no error notice."""
    clock = Clock()
    async with running_bot(server, data_dir, kb, clock=clock, max_retries=1) as app:
        gus = server.user(38)
        server.fail("sendMessage", 503, times=10_000)
        server.fail("answerInlineQuery", 503, times=10_000)
        server.group_message(gus, -100, "/help@optout_test_bot")
        server.inline_query(gus, "instagram training")
        await confirmed(server)  # confirmed as fetched: they are not waited for

        def given_up() -> int:
            return sum("NetworkError in" in r.getMessage() for r in caplog.records)

        await server.wait_for(lambda: given_up() == 2)
        tried = len(server.calls_to("sendMessage")), len(server.calls_to("answerInlineQuery"))
        assert tried == (2, 2), "one retry each (max_retries=1), then given up"
        assert server.messages_to(-100) == [] and not server.inline_answers
        server.clear_faults()
        clock.advance(minutes=5)
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "nothing kept"
        assert services(app).store.count() == 0
        server.group_message(gus, -100, "/help@optout_test_bot")
        (help_reply,) = await server.wait_for_messages(-100, 1)
        assert "What I do" in help_reply, "the group is answered again once Telegram is back"
        await confirmed(server)
        assert len(server.calls_to("answerInlineQuery")) == tried[1], "not answered late"
    assert len(server.messages_to(-100)) == 1, "the dropped answer never came late"
    assert "What I do" not in caplog.text and "instagram training" not in caplog.text
    assert given_up() == 2, "one line each"
