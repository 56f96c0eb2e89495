"""Garbage collection tuned for a long-running bot and a quick start.

Start-up leaves about 120,000–180,000 long-lived objects behind (knowledge base, matcher,
pycountry, python-telegram-bot). Every full collection walks all of them — about 100 ms each,
about once per 1,200 updates in bench/throughput.py — and the event loop stands still meanwhile,
so every waiting user is answered that much later. Frozen once start-up is done, they are never
walked again. What an update allocates is nearly all freed by reference counting, so the
youngest generation can also be collected less often than CPython's default of every 700 net
allocations.

Start-up itself allocates those objects and next to no garbage (about 1,000 objects in an
`optout-bot ask`), yet the collector walked them again and again while they were made: ~190
collections and a last full one at exit, 75–105 ms of the ~0.85 s of CPU an `ask` took
(imports, unpickling), and a full collection before freezing took 50–80 ms more of every bot
start. So nothing is collected while starting (`starting`), and what start-up leaves is frozen
as it is, its little garbage included.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dialogue import Engine

YOUNG_THRESHOLD = 10_000


@contextlib.contextmanager
def starting() -> Iterator[None]:
    """Start-up: no collection meanwhile; at its end everything alive is frozen (never walked
    again), then the collector runs as before for what comes after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def settle(engine: Engine) -> None:
    """Once, when the bot's start-up is done: warm the first-question path, then freeze
    everything alive and collect the youngest generation less often.

    (`load_knowledge` has already built or loaded the matchers; one question fills the caches a
    first real question would otherwise fill while a user waits.)"""
    engine.match("warm up")
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
