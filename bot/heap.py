"""Garbage collection tuned for a long-running bot.

Start-up leaves about 180,000 long-lived objects behind (knowledge base, matcher, pycountry,
scikit-learn). Every full collection walks all of them — about 100 ms each, about once per 1,200
updates in bench/throughput.py — and the event loop stands still meanwhile, so every waiting user
is answered that much later. Frozen once start-up is done, they are never walked again. What an
update allocates is nearly all freed by reference counting, so the youngest generation can also
be collected less often than CPython's default of every 700 net allocations.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.dialogue import Engine

YOUNG_THRESHOLD = 10_000


def settle(engine: Engine) -> None:
    """Once, when start-up is done: warm the first-question path, then freeze everything alive.

    (`load_knowledge` has already built or loaded the matchers; one question fills the caches a
    first real question would otherwise fill while a user waits.)"""
    engine.match("warm up")
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNG_THRESHOLD, *gc.get_threshold()[1:])
