"""The Telegram layer's pure parts: splitting HTML, keyboards, commands, flood gate, redaction."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import Chat, Message, MessageEntity, User

from bot.i18n import Html
from bot.replies import Button
from bot.telegram.handlers import command_list, deep_link, parse_command
from bot.telegram.keyboards import to_markup
from bot.telegram.logging import REDACTED, RedactingFilter, user_ref
from bot.telegram.ordering import FloodGate, Verdict
from bot.telegram.send import split_html, utf16_len
from bot.text import escape, html_to_plain
from tests.botapi.server import parse_html

TOKEN = "123456789:TEST-local-bot-api-token-0000000000"


def valid(piece: str, limit: int) -> str:
    """The plain text Telegram would show; fails like Telegram would on bad HTML."""
    assert utf16_len(piece) <= limit
    text, _ = parse_html(piece, strict=True)
    return text


def words_of(html: str) -> list[str]:
    return html_to_plain(html).split()


def test_short_text_is_one_piece_and_blank_text_none():
    assert split_html("<b>hi</b>") == ["<b>hi</b>"]
    assert split_html("  \n ") == [] and split_html("<b> </b>") == []


def test_paragraphs_are_kept_whole_when_they_fit():
    paragraphs = [f"<b>Part {i}</b>\n" + "word " * 150 for i in range(12)]
    html = "\n\n".join(p.strip() for p in paragraphs)
    pieces = split_html(html, 2000)
    assert len(pieces) > 1
    for piece in pieces:
        valid(piece, 2000)
        assert piece.startswith("<b>Part"), "every piece starts at a paragraph"
    assert words_of("\n".join(pieces)) == words_of(html)


def test_an_over_long_pre_block_with_blank_lines_stays_balanced():
    body = escape("Dear Meta,\n\n" + "I object to <this> & that.\n" * 400)
    html = f"<b>Objection</b>\n\n<pre>{body}</pre>\n\nFill in the blanks."
    pieces = split_html(html)
    assert len(pieces) >= 3
    texts = [valid(p, 4096) for p in pieces]
    assert all("<pre>" in p and "</pre>" in p for p in pieces[1:-1])
    assert "".join(texts).count("I object to <this> & that.") == 400


def test_a_single_over_long_line_is_hard_split_outside_tags_and_entities():
    html = "<i>" + "&amp;" * 3000 + "</i>" + "x" * 5000
    pieces = split_html(html)
    assert len(pieces) >= 3
    assert "".join(valid(p, 4096) for p in pieces) == "&" * 3000 + "x" * 5000


def test_emoji_count_as_two_utf16_units():
    html = "🙂" * 3000
    pieces = split_html(html)
    assert len(pieces) == 2 and all(utf16_len(p) <= 4096 for p in pieces)
    assert "".join(pieces) == html


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["", "b", "i", "code", "pre", "u"]),
            st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400),
            st.sampled_from(["", " ", "\n", "\n\n"]),
        ),
        max_size=40,
    ),
    st.integers(min_value=60, max_value=600),
)
def test_any_engine_like_html_splits_into_valid_pieces(parts, limit):
    html = "".join(
        (f"<{tag}>{escape(text)}</{tag}>" if tag else escape(text)) + sep
        for tag, text, sep in parts
    )
    pieces = split_html(html, limit)
    shown = "".join(valid(piece, limit) for piece in pieces)
    assert "".join(shown.split()) == "".join(parse_html(html)[0].split())


def test_keyboards_drop_buttons_telegram_would_refuse():
    rows = [
        [Button("ok", "c:DE"), Button("too long", "x" * 65), Button(" ", "c:FR")],
        [Button("link", url="https://t.me/optout_test_bot?start=instagram")],
    ]
    markup = to_markup(rows)
    assert [[b["text"] for b in row] for row in markup["inline_keyboard"]] == [["ok"], ["link"]]
    only_links = to_markup(rows, callbacks=False)
    assert [[b["url"] for b in row] for row in only_links["inline_keyboard"]] == [
        ["https://t.me/optout_test_bot?start=instagram"]
    ]
    assert to_markup([[Button("a", "x" * 65)]]) is None


def message(text: str, entities: list[MessageEntity]) -> Message:
    return Message(
        1,
        date=None,
        chat=Chat(1, "private"),
        text=text,
        entities=entities,  # type: ignore[arg-type]
        from_user=User(1, "A", False),
    )


def test_commands_are_parsed_for_this_bot_only():
    command = MessageEntity(MessageEntity.BOT_COMMAND, 0, 10)
    assert parse_command(message("/start@Bot instagram", [command]), "bot") == (
        "start",
        "instagram",
    )
    assert parse_command(message("/start@other x", [command]), "bot") is None
    assert parse_command(message("hello", []), "bot") is None
    assert deep_link("bot", "instagram-stop_training") == (
        "https://t.me/bot?start=instagram-stop_training"
    )
    assert deep_link("bot", "bad payload!") == "https://t.me/bot"
    assert {c.command for c in command_list()} >= {"start", "help", "mydata", "forget"}


def test_flood_gate_allows_the_limit_then_warns_once():
    now = [0.0]
    gate = FloodGate(limit=3, window=10, clock=lambda: now[0])
    verdicts = [gate.check(1) for _ in range(6)]
    assert verdicts == [Verdict.ok] * 3 + [Verdict.first_block] + [Verdict.block] * 2
    assert gate.check(2) is Verdict.ok, "other users are not affected"
    now[0] = 10.5
    assert gate.check(1) is Verdict.ok, "the window slides"
    now[0] = 100.0
    gate.check(3)
    assert 1 not in gate._seen, "quiet users are forgotten"


def test_redacting_filter_removes_the_token_from_messages_and_tracebacks():
    record = logging.LogRecord(
        "httpx",
        logging.INFO,
        __file__,
        1,
        "POST %s",
        (f"https://api.telegram.org/bot{TOKEN}/getMe",),
        None,
    )
    try:
        raise ValueError(f"bad url bot{TOKEN}/x")
    except ValueError as exc:
        record.exc_info = (type(exc), exc, exc.__traceback__)
    RedactingFilter([TOKEN]).filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted and REDACTED in formatted


def test_user_refs_are_stable_within_a_run_and_not_the_id():
    assert user_ref(424242) == user_ref(424242) != user_ref(424243)
    assert "424242" not in user_ref(424242) and user_ref(None) == "-"


def test_html_pieces_of_a_real_answer(engine):
    from bot.dialogue import Command, Text

    profile = None
    for event in (Command("start"), Text("germany"), Text("instagram"), Text("personal")):
        profile = engine.handle(profile, event, user_id=1).profile
    reply = engine.handle(profile, Text("how do i stop instagram ai training"), user_id=1)
    text = reply.replies[0].text
    assert isinstance(text, Html)
    for limit in (300, 1000, 4096):
        pieces = split_html(text, limit)
        assert "".join("".join(valid(p, limit) for p in pieces).split()) == "".join(
            parse_html(text)[0].split()
        )


@pytest.mark.parametrize("limit", [30, 100])
def test_tiny_limits_still_make_progress(limit):
    html = "<a href='https://example.com/a/very/long/path'>link</a> " * 20
    pieces = split_html(html, limit)
    assert pieces and all(p for p in pieces)


class FakeBot:
    """Just enough of a Bot for `deliver`: records calls, raises what it is told to."""

    def __init__(self, edit_error: Exception | None = None, send_error: Exception | None = None):
        self.edit_error, self.send_error = edit_error, send_error
        self.calls: list[tuple[str, str]] = []

    async def do_api_request(self, endpoint, api_kwargs=None, **kwargs):
        if endpoint == "editMessageText":
            self.calls.append(("edit", api_kwargs["text"]))
            if self.edit_error:
                raise self.edit_error
            return True
        assert endpoint == "sendMessage"
        self.calls.append(("send", api_kwargs["text"]))
        if self.send_error:
            raise self.send_error
        return {"message_id": len(self.calls)}


@pytest.mark.parametrize(
    ("error", "calls"),
    [
        (None, ["edit"]),
        ("Bad Request: message is not modified: specified new message content", ["edit"]),
        ("Bad Request: message to edit not found", ["edit", "send"]),
    ],
)
async def test_edits_ignore_not_modified_and_fall_back_to_sending(error, calls):
    from telegram.error import BadRequest

    from bot.replies import Reply
    from bot.telegram.send import Delivery, deliver

    bot = FakeBot(edit_error=BadRequest(error) if error else None)
    await deliver(bot, Delivery(1, pressed=5), [Reply(Html("<b>apps?</b>"), edit=True)])
    assert [kind for kind, _ in bot.calls] == calls


async def test_a_blocked_user_ends_delivery_quietly():
    from telegram.error import Forbidden

    from bot.replies import Reply
    from bot.telegram.send import Delivery, deliver

    bot = FakeBot(send_error=Forbidden("Forbidden: bot was blocked by the user"))
    markup = [[Button("x", "g:overview")]]
    sent = await deliver(bot, Delivery(1), [Reply(Html("a"), markup), Reply(Html("b"))])
    assert sent == 0 and len(bot.calls) == 1, "nothing more is tried after the first refusal"


def test_replies_without_buttons_join_the_next_one():
    from bot.replies import Button, Document, Reply
    from bot.telegram.send import coalesce

    ask = Reply(Html("<b>Which apps?</b>"), [[Button("Facebook", "p:facebook")]])
    merged = coalesce([Reply(Html("Got it: Germany.")), ask])
    assert len(merged) == 1 and merged[0].text.startswith("Got it: Germany.")
    assert merged[0].buttons == ask.buttons
    toggle = Reply(Html("apps"), [[Button("x", "p:done")]], edit=True)
    assert len(coalesce([Reply(Html("note")), toggle])) == 2, "an edit replaces a message"
    doc = Reply(Html("text"), document=Document("a.txt", b"a"))
    assert len(coalesce([Reply(Html("note")), doc])) == 2
    long = Reply(Html("x" * 4090))
    assert len(coalesce([long, ask])) == 2, "never beyond one message's length"
    assert coalesce([Reply(Html("a")), Reply(Html("b"))])[0].text == "a\n\nb"
