"""Subprocess for the crash test: applies a deterministic stream of store operations forever.

    python tests/store/writer.py DATA_DIR START_SEQ

Operation ``seq`` is a pure function of ``seq`` (see ``op_for``), and every operation is
idempotent, so the test can replay the acknowledged ones into a model and restart a killed
writer at the first unacknowledged one. After each operation returns it writes ``<seq>\\n`` to
stdout in one ``write`` call: a line on stdout means the store reported the write durable.
"""

from __future__ import annotations

import os
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

USERS = [101, 202, 303, 404, 505, 606, 707, 808, 909, 1_234_567_890, 5_555_555_555, 77]
EPOCH = datetime(2026, 12, 1, tzinfo=UTC)


def due_of(record: dict) -> datetime | None:
    return datetime.fromisoformat(record["due"]) if record.get("due") else None


def op_for(seq: int) -> tuple[str, int, dict | None]:
    """(kind, user id, payload) for operation ``seq``; kind is put, update or delete."""
    rng = random.Random(seq)
    uid = rng.choice(USERS)
    roll = rng.random()
    due = None if rng.random() < 0.3 else (EPOCH + timedelta(minutes=seq)).isoformat()
    # variable sizes, so a torn write would show up as a truncated file
    payload = {"seq": seq, "due": due, "blob": "x" * rng.randrange(0, 6000)}
    if roll < 0.7:
        return "put", uid, {"uid": uid, **payload}
    if roll < 0.9:
        return "update", uid, payload
    return "delete", uid, None


def apply(state: dict[int, dict], seq: int) -> None:
    """Apply operation ``seq`` to a dict model exactly as the writer applies it to the store."""
    kind, uid, payload = op_for(seq)
    if kind == "put":
        state[uid] = dict(payload or {})
    elif kind == "update":
        state[uid] = merge(state.get(uid), payload or {})
    else:
        state.pop(uid, None)


def merge(current: dict | None, payload: dict) -> dict:
    return {**(current or {"uid": None}), **payload}


def main(argv: list[str]) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from bot.store import UserStore

    data_dir, seq = Path(argv[0]), int(argv[1])
    store = UserStore(data_dir, due_of=due_of)
    os.write(1, b"ready\n")
    while True:
        kind, uid, payload = op_for(seq)
        if kind == "put":
            store.put(uid, payload or {})
        elif kind == "update":
            store.update(uid, lambda r, p=payload: merge(r, p or {}))
        else:
            store.delete(uid)
        os.write(1, f"{seq}\n".encode())
        seq += 1


if __name__ == "__main__":
    main(sys.argv[1:])
