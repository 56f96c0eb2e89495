"""Start-up objects are taken out of the garbage collector's sight (bot/heap.py says why)."""

from __future__ import annotations

import gc

from bot.heap import YOUNG_THRESHOLD, settle


def test_after_settling_a_full_collection_no_longer_walks_the_start_up_objects(engine):
    threshold = gc.get_threshold()
    gc.collect()
    walked_before = len(gc.get_objects())  # what a full collection walks
    try:
        settle(engine)
        assert len(gc.get_objects()) < walked_before / 20
        assert gc.get_threshold()[0] == YOUNG_THRESHOLD
        assert engine.match("how do i stop instagram ai training").goal == "stop_training"
    finally:
        gc.unfreeze()  # the rest of the test run collects as usual
        gc.set_threshold(*threshold)
