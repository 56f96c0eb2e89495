"""Per-user persistence on TinyDB that stays fast and crash-safe at 100,000 users.

TinyDB's default JSONStorage keeps everyone in one file and rewrites it in place on every write:
the cost grows with the number of users, it blocks the event loop, and a crash mid-write corrupts
everybody's data. Here TinyDB stays the engine, but every user gets a small file of their own.

Layout of ``data_dir`` (directories 0700, files 0600), with the module that owns each part::

    secret                 records     32 random bytes; names are HMAC-SHA256(secret, user id)
    .lock                  files       flock: one process per data dir (the cache is per process)
    users/ab/c/<key>.json  records     one TinyDB file per user
    index/due-abc.json     due_index   shard for users/ab/c/: key -> {"u": user id, "d": due}
    index/journal-N.log    journal     keys whose index entry is changing; replayed after a crash
    quarantine/            quarantine  unreadable files moved aside as <stem>.<UTC time>.json
    feedback.json          counters    anonymous "it worked / looks different" counts, no user

``files`` writes atomically, ``cache`` keeps recent records in memory, ``recovery`` repairs the
index at start-up, and ``user_store`` puts it together behind ``UserStore``.

``base.Store`` is what the bot needs from any backend; ``postgres.PostgresStore`` (with
``pg_schema``) is the other one, chosen by ``OPTOUT_DATABASE_URL``.

A user id never appears in a file or directory name. It does appear inside the user's own file and
in the index, because the bot needs the chat id to send reminders.
"""

from bot.store.base import FeedbackCount, Store, StoreConfigError, StoreUnavailable
from bot.store.files import AtomicJSONStorage, CorruptFileError, StoreLockedError
from bot.store.user_store import UserStore

__all__ = [
    "AtomicJSONStorage",
    "CorruptFileError",
    "FeedbackCount",
    "Store",
    "StoreConfigError",
    "StoreLockedError",
    "StoreUnavailable",
    "UserStore",
]
