"""`optout-bot`: chat | ask | run | webhook | migrate | kb check | kb feedback (interfaces:
product.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot.heap import starting
from bot.vocabulary import Account, Platform

if TYPE_CHECKING:
    from bot.dialogue import Engine
    from bot.settings import Settings

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError("must be a whole number, 1 or more")
    return int(value)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="optout-bot",
        description="Helps people limit what Meta does with their data for AI.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="the conversation in the terminal (no token needed)")
    chat.add_argument("--data-dir", type=Path, help="where profiles live (OPTOUT_DATA_DIR)")
    chat.add_argument("--no-store", action="store_true", help="keep nothing on disk")

    ask = sub.add_parser("ask", help="answer one question (or a JSONL batch on stdin)")
    ask.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    ask.add_argument("--country", help="ISO code or name, e.g. DE, US-CA, Germany")
    ask.add_argument("--platform", action="append", default=[], choices=[p.value for p in Platform])
    ask.add_argument(
        "--account", choices=[a.value for a in Account], help="account type (default: personal)"
    )
    out = ask.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print one JSON object")
    out.add_argument("--jsonl", action="store_true", help="JSON lines in on stdin, out on stdout")

    sub.add_parser("run", help="the Telegram bot, long polling")
    webhook = sub.add_parser("webhook", help="the Telegram bot behind a webhook")
    webhook.add_argument(
        "--workers",
        type=_positive,
        default=1,
        metavar="N",
        help="N worker processes on one port (needs OPTOUT_DATABASE_URL when N > 1)",
    )

    migrate = sub.add_parser(
        "migrate", help="copy every user into PostgreSQL or a data directory (and verify)"
    )
    migrate.add_argument(
        "--to", required=True, metavar="URL_OR_DIR", help="postgresql://… or a data directory"
    )
    migrate.add_argument(
        "--from",
        dest="source",
        metavar="URL_OR_DIR",
        help="default: OPTOUT_DATA_DIR when copying into PostgreSQL, else OPTOUT_DATABASE_URL",
    )

    kb = sub.add_parser("kb", help="knowledge base tools")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    kb_sub.add_parser("check", help="validate the knowledge base")
    votes = kb_sub.add_parser(
        "feedback", help='settings paths by the share of "my app looks different" votes'
    )
    votes.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "kb":
            return kb_feedback(args.json) if args.kb_command == "feedback" else kb_check()
        if args.command == "chat":
            return chat(args)
        if args.command == "ask":
            return ask(args, sys.stdin, sys.stdout)
        if args.command == "migrate":
            return migrate(args)
        with starting():  # start-up (bot/heap.py)
            from bot.telegram.runner import run_polling, run_webhook

        return run_polling() if args.command == "run" else run_webhook(args.workers)
    except KeyboardInterrupt:
        return EXIT_OK
    except BrokenPipeError:
        return EXIT_OK


def kb_check() -> int:
    from bot.knowledge.checks import check

    problems = check()
    errors = [p for p in problems if p.level == "error"]
    for problem in problems:
        print(problem, file=sys.stderr if problem.level == "error" else sys.stdout)
    if errors:
        print(
            f"knowledge base: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)",
            file=sys.stderr,
        )
        return EXIT_FAILED
    from bot.knowledge.loader import load_data

    kb = load_data()
    print(
        f"knowledge base ok: {len(kb.cards)} cards, {len(kb.claims)} guide claims, "
        f"{len(problems)} warning(s)"
    )
    return EXIT_OK


def kb_feedback(as_json: bool) -> int:
    """For maintainers: which cards' paths people say look different (the configured store:
    OPTOUT_DATABASE_URL, else the data directory's counters, readable while the bot runs)."""
    from bot.feedback import report
    from bot.knowledge import load_knowledge
    from bot.profile import utcnow
    from bot.settings import Settings
    from bot.store import CorruptFileError, StoreConfigError
    from bot.store.counters import read_counts

    settings = Settings()
    settings.export_cache_dir()
    url = settings.database_url()
    try:
        if url:
            from bot.conversation import open_store

            store = open_store(None, url)
            try:
                counts = store.feedback_counts()
            finally:
                store.close()
        else:
            counts = read_counts(settings.optout_data_dir / "feedback.json")
    except (StoreConfigError, CorruptFileError) as exc:
        print(f"optout-bot kb feedback: {exc}", file=sys.stderr)
        return EXIT_USAGE
    result = report(load_knowledge(), counts, utcnow())
    if as_json:
        print(json.dumps(result, ensure_ascii=False))
        return EXIT_OK
    paths = result["paths"]
    assert isinstance(paths, list)
    print(
        f'"my app looks different" over the last {result["window_weeks"]} weeks; a notice shows '
        f"from {result['min_different']} such votes and {result['min_rate']:.0%} of all"
    )
    for row in paths:
        votes = row["worked"] + row["different"]
        notice = "  notice shown" if row["notice"] else ""
        print(
            f"{row['rate']:>6.0%}  {row['different']:>4}/{votes:<4} "
            f"{row['card']} · {row['platform']}{notice}"
        )
    if not paths:
        print("no votes yet")
    return EXIT_OK


def _engine() -> tuple[Engine, Settings]:
    from bot.dialogue import Engine
    from bot.knowledge import load_knowledge
    from bot.settings import Settings

    settings = Settings()
    settings.export_cache_dir()
    return Engine(load_knowledge(), retention_days=settings.optout_retention_days), settings


def _is_url(place: str) -> bool:
    return place.startswith(("postgresql://", "postgres://"))


def chat(args: argparse.Namespace) -> int:
    from bot.console import ConsoleChat
    from bot.conversation import Conversations, open_store
    from bot.store import StoreConfigError

    with starting():  # start-up (bot/heap.py)
        engine, settings = _engine()
    try:
        store = (
            None
            if args.no_store
            else open_store(args.data_dir or settings.optout_data_dir, settings.database_url())
        )
    except StoreConfigError as exc:
        print(f"optout-bot chat: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return ConsoleChat(Conversations(engine, store)).loop(sys.stdin)
    finally:
        if store is not None:
            store.close()


def migrate(args: argparse.Namespace) -> int:
    """Copy a data directory into PostgreSQL (or back); safe to run again after a stop."""
    from bot.conversation import open_store
    from bot.settings import Settings
    from bot.store import Store, StoreConfigError, StoreLockedError
    from bot.store.migrate import copy_users

    settings = Settings()
    source = args.source or (
        str(settings.optout_data_dir) if _is_url(args.to) else settings.database_url()
    )
    if not source:
        print("optout-bot migrate: set OPTOUT_DATABASE_URL or give --from", file=sys.stderr)
        return EXIT_USAGE
    if source == args.to:
        print("optout-bot migrate: --from and --to are the same store", file=sys.stderr)
        return EXIT_USAGE
    opened: list[Store] = []
    try:
        for place in (source, args.to):
            url = place if _is_url(place) else None
            opened.append(open_store(None if url else Path(place), url))
        result = copy_users(
            opened[0],
            opened[1],
            lambda done, total: print(f"… {done}/{total}", file=sys.stderr, flush=True),
        )
    except StoreConfigError as exc:
        print(f"optout-bot migrate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreLockedError:
        print(
            "optout-bot migrate: the data directory is in use; stop the bot first", file=sys.stderr
        )
        return EXIT_FAILED
    finally:
        for store in opened:
            store.close()
    print(
        f"{result.source_users} user(s) in the source: {result.copied} copied, "
        f"{result.unchanged} already there, {result.gone} gone meanwhile; "
        f"the target holds {result.target_users}; {result.counters} feedback counter(s) copied"
    )
    if not result.ok:
        print(
            f"optout-bot migrate: {len(result.mismatched)} user(s) differ after the copy; "
            "run it again",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print("verified: every user reads back the same")
    return EXIT_OK


class AskError(ValueError):
    """A request `ask` cannot answer (bad country, platform or account)."""


def _profile(
    engine: Any, country: str | None, platforms: Iterable[str], account: str | None
) -> Any:
    from bot.profile import Profile, Step

    profile = engine.new_profile(None)
    data = profile.model_dump()
    data["step"] = Step.ready
    if country:
        place = engine.places.resolve(str(country))
        if place is None:
            raise AskError(f"unknown country {str(country)[:40]!r}")
        data.update(country=place.country, subdivision=place.subdivision, region=place.region)
    try:
        # no platform given: answer for each of them rather than ask back
        data["platforms"] = [Platform(p) for p in platforms or []] or list(Platform)
        # one-shot answers cannot ask back: most people have a personal account
        data["account"] = Account(account) if account else Account.personal
    except ValueError as exc:
        raise AskError(str(exc)) from None
    return Profile.model_validate(data)


def answer(
    engine: Any,
    text: str,
    country: str | None = None,
    platforms: Iterable[str] = (),
    account: str | None = None,
) -> dict[str, Any]:
    """One question → the JSON object of product.md."""
    from bot.dialogue import Text
    from bot.text import html_to_plain

    profile = _profile(engine, country, platforms, account)
    outcome = engine.handle(profile, Text(text))
    match = outcome.match
    region = None
    if match is not None and match.place is not None and match.place.region is not None:
        region = match.place.region.value
    elif profile.region is not None:
        region = profile.region.value
    if outcome.profile is not None and outcome.profile.region is not None and region is None:
        region = outcome.profile.region.value
    return {
        "goal": match.goal.value if match and match.understood else None,
        "platform": match.platform.value
        if match and match.platform
        else (profile.platforms[0].value if len(profile.platforms) == 1 else None),
        "region": region,
        "confidence": round(float(match.confidence), 3) if match else 0.0,
        "text": "\n\n".join(html_to_plain(r.text) for r in with_details(engine, outcome)).strip(),
        "suggestions": [g.value for g in match.alternatives] if match else [],
    }


def with_details(engine: Any, outcome: Any) -> list[Any]:
    """The replies, then what their details buttons would send (caveats, limits, sources):
    a one-shot answer has no buttons to press later, so it shows everything at once."""
    from bot.callbacks import DetailsAsked, parse
    from bot.dialogue import Press

    replies = list(outcome.replies)
    for reply in outcome.replies:
        for data in (b.data for row in reply.buttons for b in row):
            if isinstance(parse(data), DetailsAsked):
                replies += engine.handle(outcome.profile, Press(data)).replies
    return replies


def ask(args: argparse.Namespace, stdin: TextIO, stdout: TextIO) -> int:
    if args.jsonl:
        if args.question:
            print(
                "optout-bot ask: --jsonl reads questions from stdin, not the command line",
                file=sys.stderr,
            )
            return EXIT_USAGE
        return ask_jsonl(stdin, stdout)
    if args.question is None:
        print(
            'optout-bot ask: give a question, e.g. optout-bot ask "stop instagram ai training"',
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        with starting():  # start-up, and the one answer (bot/heap.py)
            engine, _ = _engine()
            result = answer(engine, args.question, args.country, args.platform, args.account)
    except AskError as exc:
        print(f"optout-bot ask: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    else:
        stdout.write(result["text"] + "\n")
    return EXIT_OK


def ask_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    with starting():  # start-up (bot/heap.py)
        engine, _ = _engine()
    failed = False
    for number, line in enumerate(stdin, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise AskError("each line must be a JSON object")
            text = item.get("text")
            if not isinstance(text, str):
                raise AskError('missing "text" (a string)')
            platforms = item.get("platforms") or []
            if isinstance(platforms, str):
                platforms = [platforms]
            if not isinstance(platforms, list):
                raise AskError('"platforms" must be a list')
            country = item.get("country")
            account = item.get("account")
            result: dict[str, Any] = answer(engine, text, country, platforms, account)
        except json.JSONDecodeError as exc:
            failed = True
            result = {"error": f"invalid JSON: {exc.msg}", "line": number}
        except AskError as exc:
            failed = True
            result = {"error": str(exc), "line": number}
        stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        stdout.flush()
    return EXIT_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
