"""Shared fixtures: the real knowledge base (loaded once) and a conversation driver."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from hypothesis import settings

from bot.dialogue import Command, Engine, Outcome, Press, Text, machine
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.matching import Matcher
from bot.profile import Profile
from bot.text import html_to_plain

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
# "personal" as the account step reads it in each language ("perso", "privat", "pessoal")
PERSONAL = {"en": "personal", "de": "privat", "fr": "perso", "es": "personal", "it": "personale"}
PERSONAL["pt"] = "pessoal"

# Property tests draw the same examples on every run (seeded from each test), so a run on CI
# cannot fail where the run before it passed; new examples come from changing the strategies.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")


@pytest.fixture(autouse=True)
def strict_state_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    """A move the state machine's table lacks fails the test (users would only see a log)."""
    monkeypatch.setattr(machine, "STRICT", True)


@pytest.fixture(scope="session", autouse=True)
def build_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Tests never touch the user's cache; the processes of one run share a fresh one — with
    pytest-xdist (`make test` runs two workers) the workers' too, under the run's own temporary
    directory: what one worker built (a matcher: 2–5 s CPU a language) the other loads. Two that
    build the same thing at once both write whole files (bot/cache.py), the same content."""
    previous = os.environ.get("OPTOUT_CACHE_DIR")
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = tmp_path_factory.getbasetemp().parent / "build-cache"
        shared.mkdir(exist_ok=True)
        os.environ["OPTOUT_CACHE_DIR"] = str(shared)
    else:
        os.environ["OPTOUT_CACHE_DIR"] = str(tmp_path_factory.mktemp("build-cache"))
    yield
    if previous is None:
        del os.environ["OPTOUT_CACHE_DIR"]
    else:
        os.environ["OPTOUT_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge()


@pytest.fixture(scope="session")
def matcher(kb: KnowledgeBase) -> Matcher:
    return kb.matcher("en")


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb, clock=lambda: NOW)


class Chat:
    """Drives the engine like a user would; keeps the profile and the last buttons."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.profile: Profile | None = None
        self.last: Outcome | None = None
        self.buttons: dict[str, str] = {}

    def _run(self, event: object) -> Outcome:
        outcome = self.engine.handle(self.profile, event, user_id=42)
        self.profile = outcome.profile
        self.last = outcome
        for reply in outcome.replies:
            for row in reply.buttons:
                for button in row:
                    if button.data:
                        self.buttons[button.label] = button.data
        return outcome

    def say(self, text: str) -> Outcome:
        return self._run(Text(text))

    def command(self, name: str, arg: str = "") -> Outcome:
        return self._run(Command(name, arg))

    def press(self, data: str) -> Outcome:
        return self._run(Press(data))

    def tap(self, label_part: str) -> Outcome:
        """Press the most recent button whose label contains `label_part`."""
        for label, data in reversed(list(self.buttons.items())):
            if label_part.lower() in label.lower():
                return self.press(data)
        raise AssertionError(f"no button like {label_part!r} in {list(self.buttons)}")

    @property
    def text(self) -> str:
        assert self.last is not None
        return "\n".join(html_to_plain(r.text) for r in self.last.replies)

    def answer_in_full(self) -> str:
        """The last answer and every second message its buttons send on request (details and
        limits, sources): everything the user can read of it."""
        assert self.last is not None
        last, texts = self.last, [self.text]
        for reply in last.replies:
            for data in (b.data for row in reply.buttons for b in row):
                if data and data.startswith("m:"):
                    self.press(data)
                    texts.append(self.text)
        self.last = last
        return "\n".join(texts)

    def start(self, language: str = "en") -> Outcome:
        """/start, after choosing the language with /language where it is not English."""
        if language != "en":
            self.command("language", language)
        return self.command("start")

    def onboard(
        self, country: str, platforms: str, account: str = "personal", language: str = "en"
    ) -> Outcome:
        self.start(language)
        self.say(country)
        self.say(platforms)
        return self.say(account)


@pytest.fixture
def chat(engine: Engine) -> Chat:
    return Chat(engine)
