"""The command line as scripts and terminal users meet it: `chat` with piped stdin, `ask`,
`ask --json`, `ask --jsonl` (product.md fixes their shape)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from bot import cli
from bot.conversation import Conversations, open_store

ROOT = Path(__file__).resolve().parents[1]


def run(
    args: list[str], stdin: str = "", tmp_path: Path | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "OPTOUT_DATA_DIR": str(tmp_path or ROOT / "data")}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        text=True,
        capture_output=True,
        cwd=ROOT,
        env=env,
        timeout=timeout,
        check=False,
    )


def test_chat_pipes_a_whole_onboarding_and_three_questions(tmp_path):
    script = (
        "\n".join(
            [
                "germany",  # country, typed
                "2",  # toggle Instagram (numbered option)
                "3",  # toggle WhatsApp
                "5",  # Done
                "personal",  # account, typed
                "how do i stop instagram ai training",
                "can i turn off meta ai in whatsapp",
                "what does tiktok do with my data",
            ]
        )
        + "\n"
    )
    result = run(["chat", "--data-dir", str(tmp_path)], script, tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Where do you live" in out
    assert "[1] Facebook" in out and "✅ Instagram" in out
    assert "All set" in out and "Germany · Instagram, WhatsApp · personal" in out
    assert "Right to object" in out
    assert "WhatsApp" in out.split("can i turn off")[-1] if "can i turn off" in out else True
    assert "TikTok" in out
    assert "<b>" not in out, "the terminal shows plain text"
    # the profile survives: a second session is greeted as a returning user
    again = run(["chat", "--data-dir", str(tmp_path)], "", tmp_path)
    assert "Welcome back" in again.stdout


def test_ask_json_has_the_fixed_shape():
    result = run(
        [
            "ask",
            "--country",
            "DE",
            "--platform",
            "instagram",
            "--json",
            "how do I stop instagram ai trainng",
        ]
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"goal", "platform", "region", "confidence", "text", "suggestions"}
    assert data["goal"] == "stop_training" and data["platform"] == "instagram"
    assert data["region"] == "eu" and 0 < data["confidence"] <= 1
    assert "Right to object" in data["text"]
    assert isinstance(data["suggestions"], list)


@pytest.fixture(scope="module")
def engine_only():
    engine, _ = cli._engine()
    return engine


def test_ask_region_from_the_question_and_out_of_scope(engine_only):
    data = cli.answer(engine_only, "im in california, how do i opt out of meta ai training")
    assert data["region"] == "us_ca" and "Do Not Sell" in data["text"]
    data = cli.answer(engine_only, "how do i delete my tiktok")
    assert data["goal"] is None and "TikTok" in data["text"]


def test_ask_without_a_country_says_what_differs(engine_only):
    data = cli.answer(engine_only, "how do i stop meta training ai on my posts")
    assert data["region"] is None
    assert "depends on where you live" in data["text"]


def test_ask_plain_text_and_usage_errors(engine_only, capsys):
    args = Namespace(
        jsonl=False, json=False, question=None, country=None, platform=[], account=None
    )
    assert cli.ask(args, io.StringIO(), io.StringIO()) == 2
    args.question, args.country = "delete my account", "Atlantis"
    assert cli.ask(args, io.StringIO(), io.StringIO()) == 2
    assert "unknown country" in capsys.readouterr().err


def test_ask_jsonl_answers_good_lines_and_reports_bad_ones(monkeypatch):
    lines = [
        json.dumps({"text": "delete fb", "country": "FR", "platforms": ["facebook"]}),
        "this is not json",
        json.dumps({"country": "DE"}),
        json.dumps(["not", "an", "object"]),
        "",
        json.dumps(
            {"text": "how do i stop ai training", "country": "US-CA", "account": "personal"}
        ),
        json.dumps({"text": "hi", "platforms": ["myspace"]}),
        json.dumps({"text": "x" * 10_000}),
    ]
    stdout = io.StringIO()
    status = cli.ask_jsonl(io.StringIO("\n".join(lines) + "\n"), stdout)
    out = [json.loads(line) for line in stdout.getvalue().splitlines()]
    assert status == 1
    assert len(out) == 7, "one output line per non-empty input line, in order"
    assert out[0]["goal"] == "delete_account" and out[0]["region"] == "eu"
    assert out[1] == {"error": out[1]["error"], "line": 2} and "JSON" in out[1]["error"]
    assert out[2]["line"] == 3 and "text" in out[2]["error"]
    assert out[3]["line"] == 4
    assert out[4]["region"] == "us_ca"
    assert out[5]["line"] == 7
    assert "goal" in out[6]


def test_jsonl_all_good_exits_zero():
    stdout = io.StringIO()
    assert cli.ask_jsonl(io.StringIO('{"text": "delete my instagram"}\n'), stdout) == 0


def test_console_keeps_the_profile_in_the_store(tmp_path, engine_only):
    from bot.console import ConsoleChat

    out = io.StringIO()
    with open_store(tmp_path) as store:
        chat = ConsoleChat(Conversations(engine_only, store), out=out)
        chat.run(["ireland", "instagram", "business"])
        assert store.get(0)["country"] == "IE"
        chat.run(["/forget", "yes"])
        assert store.get(0) is None
    assert "deleted everything" in out.getvalue()
