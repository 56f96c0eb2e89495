"""The Telegram bot end to end: the real Application, over real HTTP, against the local Bot API
server (strict HTML: unescaped user text would fail here even where Telegram only garbles it)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot import feedback
from bot.dialogue import Engine
from bot.i18n import t
from bot.store import FeedbackCount
from bot.telegram import jobs
from bot.telegram.ordering import FloodGate
from tests.botapi.server import BotAPIServer
from tests.e2e.harness import TOKEN, Clock, onboard, running_bot, services

BOT = "optout_test_bot"
STALE = str(t("errors.stale_button"))
NOT_TEXT = "I read only text messages"


@pytest.fixture
async def server() -> AsyncIterator[BotAPIServer]:
    async with BotAPIServer(token=TOKEN, bot_username=BOT, strict_html=True) as running:
        yield running


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


def stored(app) -> int:
    return services(app).store.count()


def profile(app, user_id: int):
    return services(app).conversations.profile(user_id)


# -- commands, onboarding, regions ------------------------------------------------------------


async def test_commands_are_registered_and_cover_the_help_text(server, data_dir, kb):
    async with running_bot(server, data_dir, kb):
        registered = [c["command"] for c in server.commands]
        in_help = re.findall(r"^/(\w+) —", str(t("help.text")), re.M)
        assert set(in_help) <= set(registered), "every command in /help is in the menu"
        for name in (
            "start",
            "help",
            "settings",
            "privacy",
            "cancel",
            "checklist",
            "reminders",
            "mydata",
            "forget",
        ):
            assert name in registered
        assert "stats" not in registered, "admin commands are not offered to everyone"


async def test_eu_onboarding_by_buttons_with_an_edited_toggle(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        alice = server.user(1, "Alice", language_code="en-GB")
        (country,) = await server.ask(alice, "/start")
        assert "OptOut bot" in country and "Where do you live" in country, "one message"
        assert country.parse_mode == "HTML"
        (apps,) = await server.tap(alice, country, "c:DE")
        assert "Got it: Germany" in apps and "Which of Meta's apps" in apps
        (toggled,) = await server.tap(alice, apps, "p:instagram")
        assert toggled.kind == "edited" and toggled.message_id == apps.message_id
        assert "✅ Instagram" in toggled.button_texts
        (account,) = await server.tap(alice, toggled, "p:done")
        (done,) = await server.tap(alice, account, "a:personal")
        assert "All set" in done and "Germany · Instagram · personal" in done
        (answer,) = await server.ask(alice, "how do I stop instagram ai training")
        assert "Right to object" in answer and "Germany" in answer.splitlines()[0]
        assert server.unanswered_callbacks == []
        p = profile(app, 1)
        assert (p.country, p.language) == ("DE", "en"), "en-GB → the English catalogue"


def assert_fits_region(answer: str, expected: list[str], absent: list[str]) -> None:
    """The answer (with its details and sources, sent on request) names the user's own rights
    and no one else's (the outdated guide wording, which the card quotes after "Older guides",
    may name them)."""
    for text in expected:
        assert text in answer
    for text in absent:
        assert text not in answer.split("Older guides")[0]


@pytest.mark.parametrize(
    ("taps", "typed", "expected", "absent"),
    [
        ([("c:GB", 1)], None, ["Right to object", "ICO"], []),
        ([("c:US-CA", 1)], None, ["Do Not Sell"], ["Right to object"]),
        ([("c:US", 1), ("c:?", 1)], "TX", ["Texas"], ["Right to object"]),  # state: typed
    ],
)
async def test_onboarding_by_buttons_in_the_uk_and_the_us(
    server, data_dir, kb, taps, typed, expected, absent
):
    async with running_bot(server, data_dir, kb):
        user = server.user(12)
        *_, last = await server.ask(user, "/start")
        for data, replies in taps:
            *_, last = await server.tap(user, last, data, n=replies)
        if typed:
            *_, last = await server.ask(user, typed)
        assert "Which of Meta's apps" in last
        (last,) = await server.tap(user, last, "p:facebook")
        *_, last = await server.tap(user, last, "p:done")
        *_, done = await server.tap(user, last, "a:personal")
        assert "All set" in done
        (answer,) = await server.ask(user, "stop meta training ai on my facebook posts")
        (details,) = await server.tap(user, answer, answer.data_for("Details"))
        (sources,) = await server.tap(user, answer, answer.data_for("Sources"))
        assert_fits_region(f"{answer}\n{details}\n{sources}", expected, absent)
        await server.wait_for(lambda: not server.unanswered_callbacks)
        assert server.unanswered_callbacks == []


@pytest.mark.parametrize(
    ("country", "apps", "expected", "absent"),
    [
        ("i live in france", "instagram", ["Right to object"], []),
        ("united kingdom", "facebook", ["Right to object", "ICO"], []),
        ("california", "facebook", ["Do Not Sell"], ["Right to object"]),
        ("texas", "instagram", ["Texas"], ["Right to object"]),
    ],
)
async def test_onboarding_by_text_gives_region_correct_answers(
    server, data_dir, kb, country, apps, expected, absent
):
    async with running_bot(server, data_dir, kb):
        user = server.user(2)
        *_, done = await onboard(server, user, country, apps)
        assert "All set" in done
        (answer,) = await server.ask(user, "how do I opt out of meta ai training")
        (details,) = await server.tap(user, answer, answer.data_for("Details"))
        (sources,) = await server.tap(user, answer, answer.data_for("Sources"))
        assert_fits_region(f"{answer}\n{details}\n{sources}", expected, absent)


async def test_deep_links_and_a_bad_payload(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        insta = server.user(3)
        await server.ask(insta, "/start instagram")
        assert profile(app, 3).platforms == ["instagram"]

        trainer = server.user(4)
        server.command(trainer, "start", "stop_training")
        texts = await server.wait_for_messages(trainer, 1)
        assert any("depends on where you live" in x for x in texts)
        assert profile(app, 4).pending.goal == "stop_training"

        stranger = server.user(5)
        texts = await server.ask(stranger, "/start %%%garbage%%%")
        assert any("didn't carry anything I recognise" in x for x in texts)
        assert "Where do you live" in texts[-1]


async def test_a_question_before_start_is_remembered_not_stored_as_text(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        bob = server.user(6)
        texts = await server.ask(bob, "how do i stop meta ai training on my data")
        assert any("depends on where you live" in x for x in texts)
        assert "Where do you live" in texts[-1]
        files = list((data_dir / "users").rglob("*.json"))
        assert files and all("how do i stop" not in f.read_text() for f in files)
        assert profile(app, 6).pending.goal == "stop_training"


async def test_out_of_scope_garbage_and_oversized_input(server, data_dir, kb):
    async with running_bot(server, data_dir, kb):
        carol = server.user(7)
        await onboard(server, carol, "germany", "instagram")
        (tiktok,) = await server.ask(carol, "what does tiktok do with my data")
        assert "TikTok" in tiktok
        for junk in ("<b>&amp;</i>\u202e\x00 <script>", "🙂" * 300, "a" * 4096):
            replies = await server.ask(carol, junk)
            assert replies and all(r.strip() for r in replies)
        assert any("very long" in r for r in server.messages_to(carol))
        assert all(c.ok for c in server.calls_to("sendMessage")), "Telegram accepted every reply"


async def test_non_text_messages_get_a_short_answer_and_nothing_is_kept(
    server, data_dir, kb, caplog
):
    caplog.set_level(logging.DEBUG)
    async with running_bot(server, data_dir, kb) as app:
        dave = server.user(8)
        kinds = ("sticker", "photo", "voice", "location", "contact", "document")
        for kind in kinds:
            server.non_text(dave, kind)
        texts = await server.wait_for_messages(dave, len(kinds))
        assert all(NOT_TEXT in x for x in texts)
        assert stored(app) == 0
    assert "+15555550123" not in caplog.text
    assert not any(
        "15555550123" in p.read_text()
        for p in data_dir.rglob("*")
        if p.is_file() and p.suffix == ".json"
    )


async def test_mydata_is_a_json_document_and_forget_deletes_everything(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        erin = server.user(9)
        await onboard(server, erin, "ireland", "whatsapp")
        server.command(erin, "mydata")
        await server.wait_for(lambda: server.documents)
        (doc,) = server.documents
        assert doc.filename.endswith(".json") and doc.chat_id == 9
        assert json.loads(doc.content)["country"] == "IE"
        (confirm,) = await server.ask(erin, "/forget")
        (done,) = await server.tap(erin, confirm, "f:yes")
        assert "deleted everything" in done
        assert stored(app) == 0


# -- callbacks ---------------------------------------------------------------------------------


async def test_forged_and_stale_callbacks_are_answered_and_change_nothing(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        frank = server.user(10)
        *_, done = await onboard(server, frank, "germany", "facebook")
        before = profile(app, 10).model_dump()
        for data in (
            "zzz",
            "c:XX",
            "p:done",
            "r:1:a",
            "f:yes",
            "k:nothing",
            "l:nope",
            "x" * 64,
            "g:stop_training:tiktok",
            "s:nothing",
        ):
            server.callback(frank, done, data, force=True)
        await server.wait_for(lambda: len(server.callback_answers) >= 10)
        assert all(a["text"] == STALE for a in server.callback_answers)
        assert profile(app, 10).model_dump() == before

        # a button in someone else's chat is never the presser's: answered, nothing changes
        grace = server.user(11)
        server.callback(grace, done, "a:business", force=True)
        await server.wait_for(lambda: len(server.callback_answers) >= 11)
        assert server.callback_answers[-1]["text"] == STALE
        assert profile(app, 11) is None and profile(app, 10).model_dump() == before
        assert server.unanswered_callbacks == []


# -- faults and load ---------------------------------------------------------------------------


async def test_429_and_5xx_delay_replies_but_lose_none(server, data_dir, kb, caplog):
    async with running_bot(server, data_dir, kb):
        users = [server.user(20 + i) for i in range(3)]
        server.fail("sendMessage", 429, retry_after=1, times=2)
        server.fail("sendMessage", 502, times=2)
        server.fail("sendMessage", drop=True)
        server.fail_updates(502)
        server.fail_updates(drop=True)
        for user in users:
            server.private_message(user, "/help")
        for user in users:
            (help_text,) = await server.wait_for_messages(user, 1, timeout=15)
            assert "What I do" in help_text
        statuses = [c.status for c in server.calls_to("sendMessage")]
        assert (statuses.count(429), statuses.count(502), statuses.count(-1)) == (2, 2, 1)
        # confirmed with the next getUpdates, once processed (not when fetched)
        await server.wait_for(lambda: server.pending_updates == [])
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "a fault, not an error"
    retries = [r.getMessage() for r in caplog.records if r.name == "bot.telegram.ratelimit"]
    assert len(retries) >= 3 and all("\n" not in m for m in retries), "one line per failure"


async def test_a_flooder_gets_one_notice_and_others_are_not_slowed(server, data_dir, kb):
    flood = FloodGate(limit=5, window=60)
    async with running_bot(server, data_dir, kb, flood=flood):
        flooder, calm = server.user(30), server.user(31)
        for _ in range(12):
            server.private_message(flooder, "/help")
        (help_text,) = await server.ask(calm, "/help")
        assert "What I do" in help_text
        await server.wait_for_messages(flooder, 6)
        notices = [x for x in server.messages_to(flooder) if "very fast" in x]
        helps = [x for x in server.messages_to(flooder) if "What I do" in x]
        assert (len(notices), len(helps)) == (1, 5)
        server.callback(flooder, helps[0], "g:stop_training", force=True)
        await server.wait_for(lambda: server.callback_answers)
        assert "very fast" in server.callback_answers[-1]["text"], "presses are still answered"


async def test_each_users_updates_run_in_order(server, data_dir, kb):
    async with running_bot(server, data_dir, kb) as app:
        users = [server.user(40 + i) for i in range(5)]
        steps = ["/start", "germany", "instagram", "personal", "/settings"]
        for step in steps:  # all queued at once, interleaved between users
            for user in users:
                server.private_message(user, step)
        for user in users:
            texts = await server.wait_for_messages(user, 5, timeout=10)
            assert "All set" in texts[3] and "Your details" in texts[4]
            assert profile(app, user.id).account == "personal"


# -- groups and inline mode --------------------------------------------------------------------


async def test_group_chats_get_general_answers_a_deep_link_and_nothing_is_stored(
    server, data_dir, kb
):
    async with running_bot(server, data_dir, kb) as app:
        heidi = server.user(50)
        server.group_message(heidi, -100, "/help@optout_test_bot")
        (help_reply,) = await server.wait_for_messages(-100, 1)
        assert "What I do" in help_reply
        assert help_reply.buttons[0][0]["url"] == f"https://t.me/{BOT}"

        server.group_message(heidi, -100, "/start@other_bot")  # another bot's command
        server.group_message(heidi, -100, "just chatting about instagram")
        server.group_message(heidi, -100, "@optout_test_bot how do I stop instagram ai training")
        (answer,) = await server.wait_for_messages(-100, 1, since=1)
        assert "Topics that fit" in answer and "private chat" in answer
        url = answer.buttons[0][0]["url"]
        assert url.startswith(f"https://t.me/{BOT}?start=") and "stop_training" in url
        assert not any("callback_data" in b for row in answer.buttons for b in row)
        assert answer.message["reply_to_message"]["from"]["id"] == 50

        server.group_message(heidi, -100, "@optout_test_bot what's the weather")
        (general,) = await server.wait_for_messages(-100, 1, since=2)
        assert "private chat" in general
        assert len(server.messages_to(-100)) == 3, "unaddressed messages get no reply"
        assert stored(app) == 0


async def test_inline_mode_answers_with_cards_fitted_to_the_profile(server, data_dir, kb):
    async with running_bot(server, data_dir, kb):
        ivan = server.user(60)
        server.inline_query(ivan, "instagram training")
        await server.wait_for(lambda: server.inline_answers)
        first = server.inline_answers[-1]
        assert 1 <= len(first["results"]) <= 5 and not first["is_personal"]
        assert all(r["type"] == "article" for r in first["results"])
        assert first["button"]["start_parameter"] == "inline"

        await onboard(server, ivan, "california", "instagram")
        server.inline_query(ivan, "instagram training")
        await server.wait_for(lambda: len(server.inline_answers) == 2)
        personal = server.inline_answers[-1]
        assert personal["is_personal"]
        text = personal["results"][0]["input_message_content"]["message_text"]
        assert "Do Not Sell" in text or "California" in text


async def test_inline_queries_do_not_wait_behind_the_same_users_group_reply(server, data_dir, kb):
    """Telegram drops an inline answer after about 10 s, and a group reply can be held back
    for a minute (20 messages a minute per group). Neither changes what is stored about the
    user, so neither waits for the other."""
    async with running_bot(server, data_dir, kb):
        kim = server.user(61)
        server.slow("sendMessage", 4.0)  # the group reply is on its way, slowly
        server.group_message(kim, -100, "/help@optout_test_bot")
        await server.wait_for_call("sendMessage")
        server.inline_query(kim, "instagram training")
        await server.wait_for(lambda: server.inline_answers, timeout=2)
        (help_reply,) = await server.wait_for_messages(-100, 1, timeout=8)
        assert "What I do" in help_reply


async def test_a_busy_group_does_not_hold_up_private_chats(server, data_dir, kb):
    """Group replies beyond the group's send limit wait (delayed, not lost) without taking the
    processing slots that private chats need."""
    async with running_bot(server, data_dir, kb, concurrency=2, group_limit=(1, 2.0)):
        for n in range(3):  # the second reply waits 2 s for the group limit, the third 4 s
            server.group_message(server.user(80 + n), -100, "/help@optout_test_bot")
        await server.wait_for_messages(-100, 1)
        (help_text,) = await server.ask(server.user(90), "/help", timeout=1.5)
        assert "What I do" in help_text
        assert len(await server.wait_for_messages(-100, 3, timeout=8)) == 3


# -- reminders, retention, admin, errors -------------------------------------------------------


async def test_a_reminder_due_while_the_bot_was_down_is_sent_at_start(server, data_dir, kb):
    clock = Clock()
    judy = server.user(70)
    async with running_bot(server, data_dir, kb, clock=clock):
        await onboard(server, judy, "germany", "facebook")
        (answer,) = await server.ask(judy, "how do i stop meta training ai on my facebook posts")
        (noted,) = await server.tap(judy, answer, answer.data_for("I sent my objection"))
        assert "I'll ask you whether Meta answered" in noted
    before = len(server.messages_to(judy))
    clock.advance(days=31)  # the bot was down when it fell due
    async with running_bot(server, data_dir, kb, clock=clock) as app:
        (due,) = await server.wait_for_messages(judy, 1, since=before)
        assert "Did Meta answer" in due
        assert {"r:1:a", "r:1:d", "r:1:w"} <= set(due.callback_data)
        assert await jobs.send_due_reminders(services(app), app.bot) == 0, "sent once"


async def test_retention_job_deletes_inactive_users(server, data_dir, kb):
    clock = Clock()
    async with running_bot(server, data_dir, kb, clock=clock) as app:
        await onboard(server, server.user(80), "spain", "facebook")
        assert stored(app) == 1
        clock.advance(days=366)
        assert await jobs.purge_inactive(services(app)) == 1
        assert stored(app) == 0


async def test_retention_job_drops_feedback_weeks_no_notice_reads(server, data_dir, kb):
    clock = Clock()
    async with running_bot(server, data_dir, kb, clock=clock) as app:
        store, now = services(app).store, clock()
        weeks = [feedback.week_of(now - timedelta(weeks=n)) for n in (0, 7, 8, 30)]
        for week in weeks:
            store.add_feedback(FeedbackCount("c", "instagram", "p", week, 0, 1))
        await jobs.purge_inactive(services(app))
        kept = {c.week for c in store.feedback_counts()}
        assert kept == set(weeks) & feedback.recent_weeks(now) == set(weeks[:2])


async def test_stats_is_for_admins_only(server, data_dir, kb):
    """Anyone else gets what an unknown command gets: /stats does not reveal it exists."""
    async with running_bot(server, data_dir, kb, admin_ids=[90]):
        (refused,) = await server.ask(server.user(91), "/stats")
        (unknown,) = await server.ask(server.user(91), "/nosuchcommand")
        assert refused.text == unknown.text
        assert "stats" not in refused.text.lower()
        (stats,) = await server.ask(server.user(90), "/stats")
        assert "stored users: 0" in stats
        assert "Menus people say look different" in stats


async def test_a_vote_on_a_settings_path_is_counted_once(server, data_dir, kb):
    async with running_bot(server, data_dir, kb, admin_ids=[90]) as app:
        alice = server.user(92, "Alice", language_code="en")
        await onboard(server, alice, "germany", "instagram")
        (answer,) = await server.ask(alice, "how do i stop instagram training ai on my posts")
        data = answer.data_for("My app looks different")
        (hint,) = await server.tap(alice, answer, data)
        assert "search for" in hint
        server.callback(alice, answer, data)
        await server.wait_for(lambda: len(server.callback_answers) >= 2)
        assert server.callback_answers[-1]["text"] == t("feedback.already", "en")
        counts = services(app).store.feedback_counts()
        assert [(c.card, c.platform, c.worked, c.different) for c in counts] == [
            ("stop_training.objection", "instagram", 0, 1)
        ]
        (stats,) = await server.ask(server.user(90), "/stats")
        assert "Instagram: 1 of 1 (100 %)" in stats


async def test_a_failing_handler_tells_the_user_and_logs_only_type_and_place(
    server, data_dir, kb, caplog, monkeypatch
):
    def broken(self, *args, **kwargs):
        raise KeyError("secret user text")

    async with running_bot(server, data_dir, kb):
        monkeypatch.setattr(Engine, "handle", broken)
        with caplog.at_level(logging.INFO):
            (sorry,) = await server.ask(server.user(95), "my private question")
        assert "Nothing you told me was lost" in sorry
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "KeyError" in errors[0].getMessage()
    assert "my private question" not in caplog.text and "secret user text" not in caplog.text
    assert TOKEN not in caplog.text


async def test_a_relatives_account_gets_a_link_to_share_this_bot(server, data_dir, kb):
    async with running_bot(server, data_dir, kb):
        alice = server.user(41, "Alice", language_code="en")
        await onboard(server, alice, "germany", "instagram")
        await server.ask(alice, "how do i stop instagram training ai on my posts")
        replies = await server.ask(alice, "what about my wife's account")
        links = [
            button.get("url")
            for reply in replies
            for row in (reply.reply_markup or {}).get("inline_keyboard", [])
            for button in row
        ]
        assert f"https://t.me/{BOT}" in links, "the share button links to this bot"
