"""Multi-turn conversations (bench/data/conversations*.yaml) played through the Engine.

Each turn is checked on the outcome's typed `kind`, the goal and slots the answer was given
for (`Outcome.answered`) and the stored profile — never on the reply's English text. Reports
the share of conversations right at every turn and the share of turns right, for
conversations.yaml (the gate), conversations_dev.yaml (written by another author blind to the
cards; held out at first, then used for tuning: reported, not a gate) and
conversations_heldout.yaml (a third set by an author who saw neither; held out at first, its
failure kinds worked on since 2026-12-01 04:20: reported), conversations_blind.yaml (a fourth,
written blind on 2026-12-01 04:12, its failure kinds worked on since 10:30: reported) and
conversations_blind2.yaml (a fifth, written blind at 10:30, worked on since 2026-12-02 00:40:
reported) and conversations_blind3.yaml (a sixth, written blind on 2026-12-02 00:30 and never
tuned on: reported, its failed turns never listed); conversations_dev2.yaml (the wave-8
conversation tuner's own development set, written after seeing blind2's failures, mostly in
German, French, Spanish, Italian and Portuguese: reported, not a gate);
conversations_dev3.yaml (50 conversations written on 2026-12-02 16:33 by a helper who read only
the product spec, the guide and the issues; measured once untouched — 68.0 % right at every
turn — then worked on by kind: reported, not a gate); conversations_fresh11.yaml (50 more,
written at 17:27 after most of wave 11's work: 60.0 % untouched — 58.0 % before the wave — then
worked on by kind: reported, not a gate); conversations_dev12.yaml (45 more, 25 English and 4
in each other language, written on 2026-12-03 05:53: 62.2 % untouched, then worked on by kind:
reported); conversations_fresh12.yaml (36, written at 07:12 after the wave's changes:
80.6 % untouched, 83.3 % with the second wave-12 pool of asked questions; worked on by kind in
wave 13); conversations_dev13.yaml (52, 32 English and 4 in each other language, written on
2026-12-03 08:12: 40.4 % untouched, then worked on by kind: reported); conversations_fresh13.yaml
(40, written at 08:33 while the wave's changes were being made; measured once at its end);
conversations_dev14.yaml (50, 25 English and 5 in each other language, written on 2026-12-03
12:31: 72.0 % untouched, then worked on by kind: reported) and conversations_fresh14.yaml (40,
written at 12:31 from the same brief by another helper, looked at by no one; 62.5 % at the
wave's start commit, measured again at its end; its misses listed then, worked on in wave 15);
conversations_fresh15.yaml (40, 20 English and 4 in each other language, written on 2026-12-03
15:12 from a balanced brief, looked at by no one; measured at wave 15's start and end, then
worked on); conversations_fresh16.yaml (40, written at 18:01 from a brief naming other personas;
measured at wave 16's start and end); conversations_dev16a.yaml and conversations_dev16b.yaml (30
each, written at 18:49 that day by two helpers from the same brief, one favouring what follows
the first answer, the other onboarding in messy words and changes: 43.3 and 53.3 % untouched,
then worked on by kind: reported).
A turn may leave out `kind` (onboarding finished with no question waiting: the reply is not
specified), and is then checked on the profile alone.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.dialogue import Engine, Text
from bot.dialogue.events import Outcome
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.profile import Profile, Step
from bot.vocabulary import Account, Platform

DATA = Path(__file__).parent / "data"
TARGET = 0.95
GATE = "conversations.yaml"
DEV = "conversations_dev.yaml"  # reported; tuned on since 2026-12-01 02:15
HELDOUT = "conversations_heldout.yaml"  # reported; its failure kinds worked on since wave 6
BLIND = "conversations_blind.yaml"  # reported; its failure kinds worked on since wave 7
BLIND2 = "conversations_blind2.yaml"  # reported; its failure kinds worked on since wave 8
BLIND3 = "conversations_blind3.yaml"  # reported, never tuned on, failed turns never listed
DEV2 = "conversations_dev2.yaml"  # reported; the wave-8 tuner's own, mostly in five languages
DEV3 = "conversations_dev3.yaml"  # reported; written for wave 11 and worked on since
FRESH11 = "conversations_fresh11.yaml"  # reported; measured once untouched, then worked on
DEV12 = "conversations_dev12.yaml"  # reported; written for wave 12, measured, then worked on
FRESH12 = "conversations_fresh12.yaml"  # reported; written after wave 12's changes
DEV13 = "conversations_dev13.yaml"  # reported; written for wave 13, measured, then worked on
FRESH13 = "conversations_fresh13.yaml"  # reported; written during wave 13, measured at its end
DEV14 = "conversations_dev14.yaml"  # reported; written for wave 14, measured, then worked on
FRESH14 = "conversations_fresh14.yaml"  # reported; written at wave 14's start, measured at its end
FRESH15 = "conversations_fresh15.yaml"  # reported; written at wave 15's start, worked on since
FRESH16 = "conversations_fresh16.yaml"  # reported; written at wave 16's start, measured at its end
DEV16A = "conversations_dev16a.yaml"  # reported; written for wave 16, measured, then worked on
DEV16B = "conversations_dev16b.yaml"  # reported; written for wave 16, measured, then worked on


@dataclass
class Result:
    conversation: str
    turn: int
    said: str
    problems: list[str]


def start_profile(engine: Engine, kb: KnowledgeBase, start: Any) -> Profile | None:
    if start == "new":
        return None
    profile = engine.new_profile(1)
    place = kb.gazetteer.resolve(str(start["country"]))
    assert place is not None, start
    profile.live_in(place)
    profile.platforms = [Platform(p) for p in start.get("platforms", [])]
    profile.account = Account(start["account"]) if start.get("account") else None
    profile.step = Step.ready
    return profile


def check(outcome: Outcome, expect: dict[str, Any]) -> list[str]:
    """What differs from the expectation (empty: the turn is right)."""
    problems: list[str] = []
    kind = str(outcome.kind)
    # Small talk at an onboarding step greets and asks the step again: the gate's header calls
    # that turn the step's ask_*, the blind2/blind3 headers `smalltalk`; both readings describe
    # the same reply, so either is right when small talk was what the engine answered. A detail
    # corrected in words during onboarding confirms the change and asks the step again: the gate
    # calls that turn the step's ask_*, the development and held-out sets profile_changed — again
    # one reply, right either way when the engine did correct the profile.
    asked_again = kind.startswith("ask_")
    same_reply = asked_again and (
        (expect.get("kind") == "smalltalk" and outcome.chatted)
        or (expect.get("kind") == "profile_changed" and "corrected" in outcome.moved)
    )
    if "kind" in expect and kind != expect["kind"] and not same_reply:
        problems.append(f"kind {kind} != {expect['kind']}")
    answered = outcome.answered
    must_answer = expect.get("kind") == "answer" or expect.get("then") == "answer"
    if must_answer and "goal" in expect:
        also = set(expect.get("also") or [])
        if answered is None:
            problems.append("no answer")
        else:
            if answered.goal != expect["goal"] and answered.goal not in also:
                problems.append(f"goal {answered.goal} != {expect['goal']}")
            if "platform" in expect and answered.platform != expect["platform"]:
                problems.append(f"platform {answered.platform} != {expect['platform']}")
            for key, have in (
                ("answer_country", answered.country),
                ("answer_region", answered.region),
                ("answer_account", answered.account),
            ):
                if key in expect and have != expect[key]:
                    problems.append(f"{key} {have} != {expect[key]}")
    if expect.get("kind") == "didyoumean" and outcome.match is not None:
        offered = {outcome.match.goal, *outcome.match.alternatives}
        missing = set(expect.get("goals") or []) - offered
        if missing:
            problems.append(f"not offered: {sorted(missing)}")
    p = outcome.profile
    if p is None:
        return [*problems, "profile deleted"]
    if "country" in expect and expect["country"] not in (p.country, p.subdivision):
        problems.append(f"stored country {p.subdivision or p.country} != {expect['country']}")
    if "platforms" in expect and set(p.platforms) != set(expect["platforms"]):
        problems.append(f"stored platforms {[str(x) for x in p.platforms]}")
    if "account" in expect and p.account != expect["account"]:
        problems.append(f"stored account {p.account} != {expect['account']}")
    return problems


def play(engine: Engine, kb: KnowledgeBase, conversation: dict[str, Any]) -> list[Result]:
    profile = start_profile(engine, kb, conversation["start"])
    results = []
    for i, turn in enumerate(conversation["turns"]):
        outcome = engine.handle(profile, Text(str(turn["say"])), user_id=1)
        results.append(
            Result(conversation["id"], i, str(turn["say"]), check(outcome, turn["expect"]))
        )
        profile = outcome.profile
    return results


def run(kb: KnowledgeBase, name: str = "conversations.yaml") -> tuple[float, float, list[Result]]:
    engine = Engine(kb)
    conversations = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    all_results: list[Result] = []
    whole = 0
    for conversation in conversations:
        results = play(engine, kb, conversation)
        whole += all(not r.problems for r in results)
        all_results.extend(results)
    turns_right = sum(not r.problems for r in all_results)
    return whole / len(conversations), turns_right / len(all_results), all_results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="(no effect: one pass is quick)")
    parser.add_argument("--show-errors", action="store_true", help="list the turns that failed")
    args = parser.parse_args(argv)
    kb = load_knowledge()
    ok = True
    for name in (
        GATE,
        DEV,
        HELDOUT,
        BLIND,
        BLIND2,
        DEV2,
        DEV3,
        FRESH11,
        DEV12,
        FRESH12,
        DEV13,
        FRESH13,
        DEV14,
        FRESH14,
        FRESH15,
        FRESH16,
        DEV16A,
        DEV16B,
        BLIND3,
    ):
        if not (DATA / name).exists():
            continue
        conversations, turns, results = run(kb, name)
        n = len({r.conversation for r in results})
        label = {
            GATE: "gate",
            DEV: "development: reported, not a gate",
            HELDOUT: "held out at first, then worked on: reported, not a gate",
            BLIND: "blind at first, then worked on: reported, not a gate",
            BLIND2: "blind at first, then worked on: reported, not a gate",
            DEV2: "tuner's own development set, mostly five languages: reported, not a gate",
            DEV3: "written for wave 11 by a helper, then worked on: reported, not a gate",
            FRESH11: "written after most of wave 11, measured once, then worked on: reported",
            DEV12: "written for wave 12 by a helper, then worked on: reported, not a gate",
            FRESH12: "written after wave 12's changes, measured untouched: reported",
            DEV13: "written for wave 13 by helpers, then worked on: reported, not a gate",
            FRESH13: "written during wave 13, measured once at its end: reported",
            DEV14: "written for wave 14 by a helper, then worked on: reported, not a gate",
            FRESH14: "written at wave 14's start, measured at its start and end, then worked on",
            FRESH15: "written at wave 15's start, measured at its start and end, then worked on",
            FRESH16: "written at wave 16's start, measured at its start and end: reported",
            DEV16A: "written for wave 16 by a helper, then worked on: reported, not a gate",
            DEV16B: "written for wave 16 by a helper, then worked on: reported, not a gate",
            BLIND3: "blind, never tuned on: reported, not a gate",
        }[name]
        print(f"== {name} ({label}): {n} conversations, {len(results)} turns")
        print(f"  right at every turn: {conversations:.1%} (target {TARGET:.0%})")
        print(f"  turns right:         {turns:.1%}")
        if name == GATE:
            ok = conversations >= TARGET
        if args.show_errors and name != BLIND3:
            for r in results:
                if r.problems:
                    print(f"  ✗ {r.conversation}[{r.turn}] {r.said!r}: {'; '.join(r.problems)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
