"""Arbitrary input never crashes matching or the dialogue (property-based), every message key
the code uses exists, and replies are always valid, escaped Telegram HTML."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.dialogue import Command, Press, Text
from bot.i18n import catalogue
from bot.profile import Profile

ALLOWED_TAGS = {"b", "i", "u", "s", "code", "pre", "a", "blockquote"}
BOT = Path(__file__).resolve().parents[1] / "bot"

any_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=400
) | st.sampled_from(["", " ", "\u202e", "<b>", "&", "/start", "🇩🇪", "\x00"])
settings_ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        assert tag in ALLOWED_TAGS, tag
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack.pop() == tag, tag


def assert_valid_html(text: str) -> None:
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert not checker.stack, checker.stack
    assert not re.search(r"<(?!/?(b|i|u|s|code|pre|a|blockquote)\b)", text), text


@settings_
@given(text=any_text)
def test_matching_never_raises(matcher, text):
    m = matcher.match(text)
    assert 0.0 <= m.confidence <= 1.0


@settings_
@given(first=any_text, second=any_text, data=st.text(max_size=80))
def test_dialogue_never_raises_and_replies_are_valid_html(engine, first, second, data):
    profile = None
    for event in (
        Text(first),
        Command("start", first[:30]),
        Text(second),
        Press(data),
        Text(first),
    ):
        out = engine.handle(profile, event, user_id=1)
        profile = out.profile
        for reply in out.replies:
            assert_valid_html(reply.text)
            for row in reply.buttons:
                for button in row:
                    assert button.data is None or len(button.data.encode()) <= 64


@settings_
@given(data=st.text(max_size=100))
def test_random_button_data_never_changes_a_ready_profile(engine, data):
    ready = engine.handle(None, Text("germany"), user_id=1).profile
    ready = Profile.model_validate(
        {**ready.model_dump(), "platforms": ["facebook"], "account": "personal", "step": "ready"}
    )
    out = engine.handle(ready, Press("z" + data), user_id=1)
    assert out.notice and not out.replies
    assert out.profile.model_dump(exclude={"last_seen"}) == ready.model_dump(exclude={"last_seen"})


def test_every_message_key_used_in_code_exists():
    keys = set(catalogue("en"))
    used = set()
    for path in BOT.rglob("*.py"):
        used |= set(re.findall(r"""(?:msg|t)\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    missing = sorted(k for k in used if k not in keys)
    assert not missing, missing


def test_answer_cards_render_as_valid_html(kb, engine):
    from bot.render import card_text

    for card in kb.cards:
        assert_valid_html(card_text(kb, card, [], "en"))
