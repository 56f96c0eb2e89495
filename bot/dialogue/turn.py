"""One event's worth of conversation: the profile it works on and the replies it collects."""

from __future__ import annotations

from datetime import datetime

from bot.dialogue.events import Answered, Kind
from bot.feedback import Board
from bot.i18n import Html, t
from bot.knowledge import KnowledgeBase
from bot.matching import Match
from bot.profile import Profile
from bot.replies import Button, Document, Reply
from bot.store.base import FeedbackCount


class Turn:
    """Collects replies; the conversation's modules are functions that take a turn."""

    def __init__(
        self,
        kb: KnowledgeBase,
        profile: Profile,
        now: datetime,
        retention_days: int = 365,
        stored: bool = True,
    ) -> None:
        self.kb = kb
        self.places = kb.gazetteer
        self.profile = profile
        self.lang = profile.language
        self.now = now
        self.retention_days = retention_days
        self.stored = stored  # False: a stranger, of whom nothing is kept yet
        self.replies: list[Reply] = []
        self.notice: str | None = None  # a short toast for a button press
        self.forget = False  # delete everything about the user
        self.asked = False  # the current onboarding question was (re)asked in this turn
        self.match: Match | None = None  # how a text was understood
        self.kind: Kind | None = (
            None  # what kind of reply this turn gave (None: decided at the end)
        )
        self.answered: Answered | None = None  # the goal and slots last answered in this turn
        self.moved: list[str] = []  # why the step moved in this turn (machine.Trigger values)
        self.share_url: str | None = None  # the bot's own link, when the front-end knows it
        self.admin = False  # the sender's id is in ADMIN_IDS (/stats)
        self.board = Board()  # the feedback counters as last read (bot/feedback.py)
        self.votes: list[FeedbackCount] = []  # feedback to add to the counters, no one's id

    def say(
        self,
        text: str,
        buttons: list[list[Button]] | None = None,
        edit: bool = False,
        document: Document | None = None,
    ) -> None:
        self.replies.append(Reply(Html(text), buttons or [], edit, document))

    def msg(self, key: str, **values: object) -> Html:
        return t(key, self.lang, **values)

    def stale(self) -> None:
        """A button this bot did not send, or no longer would: a polite toast, nothing else."""
        self.replies.clear()
        self.notice = self.msg("errors.stale_button")
