"""Users tell us when Meta moves a menu — through the conversation and a real store, on the data
directory and on PostgreSQL: a vote is counted once, the voter's mark is theirs alone and goes
with /forget, enough "looks different" votes put a notice on that card × platform only, and
/stats exists only for ADMIN_IDS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot import feedback
from bot.callbacks import FeedbackGiven, ForgetConfirmed
from bot.conversation import Conversations
from bot.dialogue import Command, Engine, Outcome, Press, Text
from bot.i18n import t
from bot.knowledge import KnowledgeBase
from bot.store import FeedbackCount, Store, UserStore
from bot.store.postgres import PostgresStore
from bot.store.records import storage_key
from bot.text import html_to_plain
from bot.vocabulary import Platform

from .conftest import OpenStore

CARD = "stop_training.objection"  # what "stop instagram training" answers in Germany
QUESTION = "how do i stop instagram training ai on my posts"
MOVED = "Several people say this menu has moved"
ADMIN = 1000


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(open_backend: OpenStore) -> Iterator[Store]:
    opened = open_backend()
    yield opened
    opened.close()


def _bot(kb: KnowledgeBase, store: Store, clock: Clock) -> Conversations:
    engine = Engine(kb, clock=clock)
    engine.admin_ids = frozenset({ADMIN})
    return Conversations(engine, store)


@pytest.fixture
def bot(kb: KnowledgeBase, store: Store, clock: Clock) -> Conversations:
    return _bot(kb, store, clock)


def text(outcome: Outcome) -> str:
    return "\n".join(html_to_plain(r.text) for r in outcome.replies)


def buttons(outcome: Outcome) -> list[str]:
    return [b.data or "" for r in outcome.replies for row in r.buttons for b in row]


def onboard(
    bot: Conversations, uid: int, country: str = "germany", apps: str = "instagram"
) -> None:
    for event in (Command("start"), Text(country), Text(apps), Text("personal")):
        bot.handle(uid, event)


def vote(bot: Conversations, uid: int, different: bool, card: str = CARD) -> Outcome:
    onboard(bot, uid)
    answer = bot.handle(uid, Text(QUESTION))
    data = FeedbackGiven(card, Platform.instagram, different).pack()
    assert data in buttons(answer), "the answer offers the vote"
    return bot.handle(uid, Press(data))


def counted(store: Store) -> tuple[int, int]:
    counts = [c for c in store.feedback_counts() if c.card == CARD]
    return sum(c.worked for c in counts), sum(c.different for c in counts)


def test_an_answer_with_a_settings_path_offers_both_buttons(bot: Conversations) -> None:
    onboard(bot, 1)
    answer = bot.handle(1, Text(QUESTION))
    labels = [b.label for r in answer.replies for row in r.buttons for b in row]
    assert t("feedback.worked_button", "en") in labels
    assert t("feedback.different_button", "en") in labels


def test_a_vote_is_counted_once_and_a_second_press_says_so(
    bot: Conversations, store: Store
) -> None:
    first = vote(bot, 1, different=False)
    assert first.notice == t("feedback.thanks_worked", "en")
    assert counted(store) == (1, 0)
    again = bot.handle(1, Press(FeedbackGiven(CARD, Platform.instagram, True).pack()))
    assert again.notice == t("feedback.already", "en")  # changing one's vote is not offered
    assert counted(store) == (1, 0)
    profile = bot.profile(1)
    assert profile is not None and profile.feedback == {f"{CARD}:instagram": "worked"}


def test_looks_different_gets_the_search_hint(bot: Conversations, kb: KnowledgeBase) -> None:
    outcome = vote(bot, 1, different=True)
    hint = kb.by_id[CARD].text("en").path_for(Platform.instagram)[-1]
    assert f"search for “{hint}”" in text(outcome)


def _traces(store: Store, uid: int) -> list[str]:
    """Where the store still mentions the user: file names and contents of the data
    directory, or rows of any table in PostgreSQL."""
    if isinstance(store, UserStore):
        root = store._root
        key = store._files.key(uid)
        return [
            str(path)
            for path in root.rglob("*")
            if path.is_file()
            and path.name != "secret"
            and (
                key in path.name or any(x in path.read_bytes() for x in (key.encode(), b"%d" % uid))
            )
        ]
    assert isinstance(store, PostgresStore)
    key = storage_key(store._secret, uid)
    found = []
    with store._db() as conn:
        tables = [
            r[0]
            for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
        ]
        for table in tables:
            rows = conn.execute(
                f"SELECT count(*) FROM {table} t WHERE t::text LIKE %s OR t::text LIKE %s".encode(),
                (f"%{key}%", f"%{uid}%"),
            ).fetchone()
            if rows and rows[0]:
                found.append(table)
    return found


def test_forget_removes_the_mark_and_the_counters_name_no_one(
    bot: Conversations, store: Store
) -> None:
    uid = 918273645
    vote(bot, uid, different=True)
    mydata = bot.handle(uid, Command("mydata"))
    (document,) = [r.document for r in mydata.replies if r.document]
    assert json.loads(document.content)["feedback"] == {f"{CARD}:instagram": "different"}
    assert _traces(store, uid), "the check can find the user while they are stored"
    bot.handle(uid, Command("forget"))
    bot.handle(uid, Press(ForgetConfirmed(True).pack()))
    assert bot.profile(uid) is None
    assert _traces(store, uid) == []
    assert counted(store) == (0, 1), "the vote stays, as an anonymous number"
    onboard(bot, uid)  # after /forget the bot knows nothing, the vote mark included
    again = bot.handle(uid, Press(FeedbackGiven(CARD, Platform.instagram, True).pack()))
    assert again.notice == t("feedback.thanks_different", "en")


def test_past_the_threshold_the_next_answer_warns_for_that_card_and_platform_only(
    bot: Conversations, store: Store
) -> None:
    for uid in range(1, feedback.MIN_DIFFERENT):
        vote(bot, uid, different=True)
    watcher = 99
    onboard(bot, watcher, apps="instagram and facebook")
    assert MOVED not in text(bot.handle(watcher, Text(QUESTION))), "4 votes are not enough"
    vote(bot, feedback.MIN_DIFFERENT, different=True)
    answer = text(bot.handle(watcher, Text(QUESTION)))
    assert MOVED in answer
    assert answer.count(MOVED) == 1, "Facebook's path had no votes"
    assert "moved in Instagram" in answer
    other = text(bot.handle(watcher, Text("how do i delete my instagram account")))
    assert MOVED not in other
    assert str(feedback.MIN_DIFFERENT) not in answer.split(MOVED)[1].split("\n")[0]


def test_enough_votes_that_it_worked_keep_the_notice_away(bot: Conversations, store: Store) -> None:
    for uid in range(1, 7):
        vote(bot, uid, different=True)
    for uid in range(10, 17):
        vote(bot, uid, different=False)
    assert counted(store) == (7, 6)  # 46 % said it looks different
    onboard(bot, 99)
    assert MOVED not in text(bot.handle(99, Text(QUESTION)))


def test_another_worker_sees_the_votes_once_its_snapshot_is_old(
    kb: KnowledgeBase, store: Store, clock: Clock
) -> None:
    one, two = _bot(kb, store, clock), _bot(kb, store, clock)
    onboard(two, 99)
    assert MOVED not in text(two.handle(99, Text(QUESTION)))
    for uid in range(1, feedback.MIN_DIFFERENT + 1):
        vote(one, uid, different=True)
    assert MOVED not in text(two.handle(99, Text(QUESTION))), "its snapshot is fresh"
    clock.now += timedelta(seconds=feedback.REFRESH_SECONDS)
    assert MOVED in text(two.handle(99, Text(QUESTION)))
    clock.now += timedelta(weeks=feedback.WINDOW_WEEKS)
    assert MOVED not in text(two.handle(99, Text(QUESTION))), "old votes age out"


def test_stats_is_for_admins_and_unknown_to_everyone_else(
    bot: Conversations, kb: KnowledgeBase
) -> None:
    vote(bot, 1, different=True)
    onboard(bot, ADMIN)
    stats = text(bot.handle(ADMIN, Command("stats")))
    assert "stored users: 2" in stats
    title = kb.by_id[CARD].text("en").title
    assert f"1. {title} · Instagram: 1 of 1 (100 %)" in stats
    unknown = text(bot.handle(1, Command("nosuchcommand")))
    assert text(bot.handle(1, Command("stats"))) == unknown
    assert "Menus" not in unknown


@pytest.mark.parametrize(
    "data",
    [
        "v:n:instagram:no.such.card",
        f"v:n:whatsapp:{CARD}",  # a platform this card shows no path for
        f"v:x:instagram:{CARD}",
        f"v:n:tiktok:{CARD}",
        f"v:n:instagram:{CARD}:extra",
        "v:n:instagram:" + "c" * 51,
        "v:",
    ],
)
def test_forged_vote_data_is_stale_and_counts_nothing(
    bot: Conversations, store: Store, data: str
) -> None:
    onboard(bot, 1)
    outcome = bot.handle(1, Press(data))
    assert outcome.notice == t("errors.stale_button", "en")
    assert outcome.replies == []
    assert store.feedback_counts() == []
    profile = bot.profile(1)
    assert profile is not None and profile.feedback == {}


def test_the_counters_file_is_written_beside_the_users(tmp_path: Path) -> None:
    with UserStore(tmp_path / "data") as store:
        store.add_feedback(FeedbackCount("c", "instagram", "p", "2026-W49", 1, 0))
    assert (tmp_path / "data" / "feedback.json").stat().st_mode & 0o077 == 0
