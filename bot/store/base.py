"""What the bot needs from storage, whichever backend holds the records.

``Store`` is the contract that ``bot/conversation.py``, the reminder and retention jobs, /mydata,
/forget and the storage benchmark rely on; ``UserStore`` (a data directory, the zero-setup default)
and ``PostgresStore`` (``OPTOUT_DATABASE_URL``) both satisfy it, and tests/store/test_conformance.py
runs one suite against both. ``ThreadedStore`` gives both the same async face: the sync methods
run in a private thread pool, each user's calls in the order they were made.
"""

from __future__ import annotations

import abc
import asyncio
import functools
import re
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar, runtime_checkable

from bot.locks import UserLocks

T = TypeVar("T")
S = TypeVar("S", bound="ThreadedStore")
Record = dict[str, Any]
Update = Callable[[Record | None], Record | None]
LastSeen = Callable[[Record], datetime | None]


@dataclass(frozen=True)
class FeedbackCount:
    """Anonymous counters of "✅ it worked" / "❌ my app looks different" for one card × platform
    × menu path shown (a fingerprint, so a corrected path starts afresh) × ISO week — never who
    voted, nor when more finely than the week. ``add_feedback`` adds its two numbers."""

    card: str
    platform: str
    path: str
    week: str  # "2026-W49"
    worked: int = 0
    different: int = 0

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.card, self.platform, self.path, self.week)


WEEK = re.compile(r"\d{4}-W\d{2}")


def check_week(week: str) -> str:
    """An ISO week as the counters keep it ("2026-W49"): such strings sort as the weeks do."""
    if not isinstance(week, str) or not WEEK.fullmatch(week):
        raise ValueError(f"not an ISO week like 2026-W49: {week!r}")
    return week


class StoreUnavailable(OSError):
    """The store cannot be reached right now (the database went away); nothing was written, so
    the user is asked to try again in a moment. An OSError, so callers that survive a failing
    disk survive this too."""


class StoreConfigError(Exception):
    """A one-line reason the configured store cannot be opened (unreachable database, wrong
    credentials, a schema newer than this code); never holds a password."""


@runtime_checkable
class Store(Protocol):
    """Durable per-user records. A write is durable when the call returns, so the bot tells the
    user about a change only after awaiting it."""

    def get(self, user_id: int) -> Record | None: ...
    def put(self, user_id: int, record: Record) -> None: ...
    def update(self, user_id: int, fn: Update, *, durable: bool = True) -> Record | None:
        """Atomic read-modify-write per user; ``fn`` returning None deletes the user.
        ``durable=False``: survives the bot's process being killed, not a power cut (for notes
        whose loss costs little, such as "this reply went out")."""
        ...

    def delete(self, user_id: int) -> bool:
        """Forget the user and every trace of them; True if anything was stored."""
        ...

    def export(self, user_id: int) -> dict[str, Any] | None:
        """Everything stored about the user (record, damaged copies), for /mydata."""
        ...

    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """(user id, due time) of users with a reminder due before ``before``, soonest first."""
        ...

    def purge_inactive(self, older_than: datetime, last_seen_of: LastSeen) -> int: ...
    def take_set_aside(self, user_id: int) -> bool: ...
    def user_ids(self) -> list[int]:
        """Every stored user, for copying a store (``optout-bot migrate``)."""
        ...

    def count(self) -> int: ...
    def add_feedback(self, votes: FeedbackCount) -> None:
        """Add to the anonymous feedback counters atomically (concurrent adds are all kept)."""
        ...

    def feedback_counts(self) -> list[FeedbackCount]:
        """Every feedback counter (card × platform × path × week), for notices and /stats."""
        ...

    def prune_feedback(self, oldest_week: str) -> int:
        """Drop the counters of weeks before ``oldest_week`` ("2026-W42"), which no notice
        reads any more; returns how many (0 where another process is pruning)."""
        ...

    def close(self) -> None: ...
    async def aget(self, user_id: int) -> Record | None: ...
    async def aupdate(self, user_id: int, fn: Update, *, durable: bool = True) -> Record | None: ...
    async def adelete(self, user_id: int) -> bool: ...
    async def aexport(self, user_id: int) -> dict[str, Any] | None: ...
    async def adue(self, before: datetime | None = None) -> list[tuple[int, datetime]]: ...
    async def apurge_inactive(self, older_than: datetime, last_seen_of: LastSeen) -> int: ...
    async def aadd_feedback(self, votes: FeedbackCount) -> None: ...
    async def afeedback_counts(self) -> list[FeedbackCount]: ...
    async def aprune_feedback(self, oldest_week: str) -> int: ...


class ThreadedStore(abc.ABC):
    """A ``Store`` from its sync methods: the ``a*`` methods run them off the event loop.

    Subclasses set ``_executor``, ``_turns``, ``_closed``, ``_mem_lock`` and ``_set_aside`` and
    implement the sync methods.
    """

    _executor: ThreadPoolExecutor
    _turns: UserLocks
    _closed: bool
    _mem_lock: threading.Lock
    _set_aside: set[int]  # users whose record was found unreadable and set aside, not yet told

    @abc.abstractmethod
    def get(self, user_id: int) -> Record | None: ...
    @abc.abstractmethod
    def put(self, user_id: int, record: Record) -> None: ...
    @abc.abstractmethod
    def update(self, user_id: int, fn: Update, *, durable: bool = True) -> Record | None: ...
    @abc.abstractmethod
    def delete(self, user_id: int) -> bool: ...
    @abc.abstractmethod
    def export(self, user_id: int) -> dict[str, Any] | None: ...
    @abc.abstractmethod
    def due(self, before: datetime | None = None) -> list[tuple[int, datetime]]: ...
    @abc.abstractmethod
    def purge_inactive(self, older_than: datetime, last_seen_of: LastSeen) -> int: ...
    def take_set_aside(self, user_id: int) -> bool:
        """True once after the user's record was found unreadable and set aside, so that the
        bot can tell them (in memory only: after a restart they are not told)."""
        with self._mem_lock:
            if user_id in self._set_aside:
                self._set_aside.discard(user_id)
                return True
            return False

    @abc.abstractmethod
    def user_ids(self) -> list[int]: ...
    @abc.abstractmethod
    def count(self) -> int: ...
    @abc.abstractmethod
    def add_feedback(self, votes: FeedbackCount) -> None: ...
    @abc.abstractmethod
    def feedback_counts(self) -> list[FeedbackCount]: ...
    @abc.abstractmethod
    def prune_feedback(self, oldest_week: str) -> int: ...
    @abc.abstractmethod
    def close(self) -> None: ...

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("store is closed")

    def __enter__(self: S) -> S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __len__(self) -> int:
        return self.count()

    async def _in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        self._check_open()
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, functools.partial(fn, *args))

    async def _for_user(self, user_id: int, fn: Callable[..., T], *args: Any) -> T:
        async with self._turns.hold(user_id):
            return await self._in_thread(fn, user_id, *args)

    async def aget(self, user_id: int) -> Record | None:
        """``get`` without blocking the event loop."""
        return await self._for_user(user_id, self.get)

    async def aupdate(self, user_id: int, fn: Update, *, durable: bool = True) -> Record | None:
        """``update`` without blocking the event loop; ``fn`` runs in a worker thread."""
        return await self._for_user(user_id, functools.partial(self.update, durable=durable), fn)

    async def adelete(self, user_id: int) -> bool:
        """``delete`` without blocking the event loop."""
        return await self._for_user(user_id, self.delete)

    async def aexport(self, user_id: int) -> dict[str, Any] | None:
        """``export`` without blocking the event loop."""
        return await self._for_user(user_id, self.export)

    async def adue(self, before: datetime | None = None) -> list[tuple[int, datetime]]:
        """``due`` without blocking the event loop (it walks every reminder)."""
        return await self._in_thread(self.due, before)

    async def apurge_inactive(self, older_than: datetime, last_seen_of: LastSeen) -> int:
        """``purge_inactive`` without blocking the event loop (it reads every record)."""
        return await self._in_thread(self.purge_inactive, older_than, last_seen_of)

    async def aadd_feedback(self, votes: FeedbackCount) -> None:
        """``add_feedback`` without blocking the event loop."""
        await self._in_thread(self.add_feedback, votes)

    async def afeedback_counts(self) -> list[FeedbackCount]:
        """``feedback_counts`` without blocking the event loop."""
        return await self._in_thread(self.feedback_counts)

    async def aprune_feedback(self, oldest_week: str) -> int:
        """``prune_feedback`` without blocking the event loop."""
        return await self._in_thread(self.prune_feedback, oldest_week)
