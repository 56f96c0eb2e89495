"""Replies kept with the profile until the transport confirms them sent: nothing lost, nothing
said twice.

A user's record carries, beside the profile, a small envelope under `OUTBOX`:

    {"last": 812, "seq": 5, "told": false,
     "queue": [{"n": 5, "at": "…", "lang": "en", "to": {"chat": 42, "pressed": 7},
                "replies": [{"text": "…", "buttons": [[…]], "edit": true}]}]}

`last` is the id of the last update whose effects are on disk, so an update Telegram delivers
again after a crash is recognised and not handled twice; `queue` holds the replies not yet
confirmed sent, written in the same atomic write as the profile change they belong to (a
reminder marked sent and its message, an answer and the step it moves to). The transport sends
the queue in order and removes each reply once it is sent; the update is confirmed to Telegram
only after that, so a crash in between brings the update back, and with it the queue. Nothing
is queued for someone of whom nothing is kept (a stranger's /help, /forget): their replies go
out directly, and they leave no trace.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.i18n import Html
from bot.replies import Button, Document, Reply

OUTBOX = "outbox"
# On an entry whose first reply failed to send (bot/telegram/courier.py): how often, and when
# the due round may try it again.
FAILED, RETRY = "failed", "retry"

Record = dict[str, Any]


def pack(reply: Reply) -> dict[str, Any]:
    """A reply as JSON (a document's bytes as base64)."""
    out: dict[str, Any] = {"text": str(reply.text)}
    if reply.buttons:
        out["buttons"] = [
            [{k: v for k, v in (("label", b.label), ("data", b.data), ("url", b.url)) if v}
             for b in row]
            for row in reply.buttons
        ]  # fmt: skip
    if reply.edit:
        out["edit"] = True
    if reply.document is not None:
        doc = reply.document
        out["document"] = {
            "filename": doc.filename,
            "caption": doc.caption,
            "content": base64.b64encode(doc.content).decode("ascii"),
        }
    return out


def unpack(data: dict[str, Any]) -> Reply:
    buttons = [
        [Button(str(b.get("label", "")), b.get("data"), b.get("url")) for b in row]
        for row in data.get("buttons", [])
    ]
    document = None
    if isinstance(data.get("document"), dict):
        doc = data["document"]
        document = Document(
            str(doc["filename"]), base64.b64decode(doc["content"]), str(doc.get("caption", ""))
        )
    return Reply(Html(str(data.get("text", ""))), buttons, bool(data.get("edit")), document)


@dataclass
class Outbox:
    """The envelope of one user's record (see the module docstring)."""

    last: int | None = None
    seq: int = 0
    told: bool = False  # the user was told that answers are delayed
    queue: list[dict[str, Any]] = field(default_factory=list)
    # Whether the queue must be found without the user writing again: replies that could not
    # be sent, and reminders (no update brings them back after a crash). Only these go into
    # the store's due index, which costs a write of its own.
    stuck: bool = False

    @classmethod
    def of(cls, record: Record | None) -> Outbox:
        raw = (record or {}).get(OUTBOX)
        if not isinstance(raw, dict):
            return cls()
        last = raw.get("last")
        queue = raw.get("queue")
        return cls(
            last if isinstance(last, int) else None,
            int(raw.get("seq") or 0),
            bool(raw.get("told")),
            [e for e in queue if isinstance(e, dict)] if isinstance(queue, list) else [],
            bool(raw.get("stuck")),
        )

    def seen(self, update_id: int | None) -> bool:
        """Whether the effects of this update are already on disk."""
        return update_id is not None and self.last is not None and update_id <= self.last

    def add(self, at: datetime, language: str, to: dict[str, Any], replies: list[Reply]) -> None:
        if not replies:
            return
        self.seq += 1
        self.queue.append(
            {
                "n": self.seq,
                "at": at.isoformat(),
                "lang": language,
                "to": to,
                "replies": [pack(r) for r in replies],
            }
        )

    def since(self) -> datetime | None:
        """When the oldest queued reply was written, if the queue is to be found by the due
        index (it is due to be sent since then) — or, after a failed attempt, when it may be
        tried again."""
        if not self.stuck:
            return None
        for entry in self.queue:
            try:
                at = datetime.fromisoformat(str(entry["at"]))
            except (KeyError, ValueError):
                continue
            try:
                return max(at, datetime.fromisoformat(str(entry[RETRY])))
            except (KeyError, ValueError, TypeError):
                return at
        return None

    def as_dict(self) -> dict[str, Any]:
        if not self.queue:
            self.told = self.stuck = False
        return {
            "last": self.last,
            "seq": self.seq,
            "told": self.told,
            "stuck": self.stuck,
            "queue": self.queue,
        }


def profile_part(record: Record | None) -> Record | None:
    """The record without its envelope; None when only the envelope is there."""
    if record is None or OUTBOX not in record:
        return record
    rest = {k: v for k, v in record.items() if k != OUTBOX}
    return rest or None


def join(profile: Record | None, box: Outbox) -> Record | None:
    """A record from a profile record and an envelope; None when there is nothing to keep."""
    if profile is None:
        return {OUTBOX: box.as_dict()} if box.queue else None
    return {**profile, OUTBOX: box.as_dict()}


def queued_since(record: Record | None) -> datetime | None:
    return Outbox.of(record).since()
