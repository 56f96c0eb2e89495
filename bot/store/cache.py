"""The per-process read cache: most messages come from users who wrote a moment ago."""

from __future__ import annotations

import threading
from collections import OrderedDict


class RecordCache:
    """Thread-safe LRU of JSON text; text keeps cached copies immune to callers' mutations."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: OrderedDict[int, str] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: int) -> str | None:
        with self._lock:
            text = self._items.get(key)
            if text is not None:
                self._items.move_to_end(key)
            return text

    def put(self, key: int, text: str) -> None:
        if self._size <= 0:
            return
        with self._lock:
            self._items[key] = text
            self._items.move_to_end(key)
            while len(self._items) > self._size:
                self._items.popitem(last=False)

    def pop(self, key: int) -> None:
        with self._lock:
            self._items.pop(key, None)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
