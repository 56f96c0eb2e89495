"""Per-user ordering on the event loop, shared by the store and the Telegram layer."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from typing import Any


class UserLocks:
    """One FIFO asyncio lock per user id, dropped once nobody holds or awaits it."""

    def __init__(self) -> None:
        self._slots: dict[int, list[Any]] = {}

    @contextlib.asynccontextmanager
    async def hold(self, user_id: int) -> AsyncIterator[None]:
        slot = self._slots.get(user_id)
        if slot is None:
            slot = self._slots[user_id] = [asyncio.Lock(), 0]
        slot[1] += 1
        try:
            async with slot[0]:
                yield
        finally:
            slot[1] -= 1
            if slot[1] == 0:
                del self._slots[user_id]

    def __len__(self) -> int:
        return len(self._slots)
