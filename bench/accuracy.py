"""Question matching: accuracy against two baselines, and latency on the real and a 10k-card KB.

The evaluation sets in bench/data/ were written independently of the cards' example questions:
`questions.yaml` is the development set, `heldout.yaml` was never used for tuning, `chat.yaml`
holds questions written the way people message (issue 12; `also` lists other goals a right
answer may have, counted right; its misses were worked on by kind since 2026-12-01 04:20);
`chat_dev.yaml` is a second such set, a development set (tuned on); `chat_blind.yaml` is a third,
written blind on 2026-12-01 04:12 and measured untouched through wave 6, its misses worked on by
kind since; `chat_dev2.yaml` (124, written before the English matcher's tuning of 2026-12-01
10:30, mostly hard negatives) is a development set too; `chat_blind2.yaml` was written blind on
2026-12-01 10:30, measured untouched through wave 7 and worked on by kind since 2026-12-02 00:40;
`chat_dev3.yaml` (written 2026-12-02 01:25 by the wave-8 English tuner: a few questions of each
kind of miss it fixed) is a development set too; `chat_blind3.yaml` was written blind at 00:30 that
day and is never tuned on, so it shows whether the work on the others carries over (its misses are
never listed). All are reported beside each other.
Since 2026-12-02 04:40 the development sets (chat_dev, chat_dev2, chat_dev3, chat_blind,
chat_blind2; the other languages' dev, blind and blind2) live in knowledge/asked/: the bot
compares a question with the questions people asked there (bot/semantic.py `Sense`), so on
those sets each question finds itself, and their rows say "learned from". questions.yaml,
heldout.yaml, chat.yaml, the languages' eval sets and blind3 are not in the knowledge base: their
rows measure the bot on questions it has not seen. `chat_blind4.yaml` (and lang/blind4/) was
written at 07:38 that day as more questions for knowledge/asked/, kept as a blind set instead
(docs/benchmarks.md, wave 9), and is never tuned on either; so is `chat_blind5.yaml` (and
lang/blind5/), written at 14:38 on 2026-12-02 after every change of wave 10 (wave 10 there).
Wave 11 (docs/benchmarks.md) adds `chat_dev11.yaml` (and lang/dev11/), written at 16:35 that day by
helpers for older, dictating and non-native writers, measured untouched and then worked on by
kind, and `chat_fresh11.yaml` (lang/fresh11/), written at 17:15 after most of that work, measured
untouched once (English then worked on); `chat_dev11b.yaml` (lang/dev11b/ for fr, es, pt) was
written at 17:55 by helpers who then tuned on it. Since 2026-12-03 (wave 12) chat_dev11,
chat_dev11b, lang/dev11/ and lang/dev11b/ are in knowledge/asked/ and learned from: on the sets
the bot had not seen, that raised rejection (Italian and Portuguese blind3 82.4 → 94.1 and
88.2 → 94.1 %, French 94.4 → 100 %) and cost one English and two German blind3 questions.
Wave 12 adds `chat_dev12.yaml` (and lang/dev12/), written on 2026-12-03 at 05:50 by helpers who
read only the spec, the guide and the issues; measured untouched, then tuned on by kind, and
`chat_fresh12.yaml` (lang/fresh12/), written at 07:12 after the wave's changes and measured
once untouched. Neither is learned from. Wave 13 adds `chat_dev13.yaml` (lang/dev13/), written at
08:12 the same way, measured untouched, then tuned on by kind, and `chat_fresh13.yaml`
(lang/fresh13/), written at 08:35 while the wave's changes were being made, looked at by no one
and measured once at its end. Wave 14 adds `chat_fresh14.yaml` (lang/fresh14/), written on
2026-12-03 at 12:31 by helpers who read only the spec, the guide and the issues (the brief asked
for people who already acted, complaints, comparisons, regional voices and close negatives),
measured at the wave's start commit and at its end, looked at by no one in between, and
`chat_dev14.yaml` (lang/dev14/), written at the same time as a pool to learn from: learned
from, it moved the blind sets by -1.4 to +1.1 points a set (net down), so it is tuned on instead.
Wave 15 adds `chat_fresh15.yaml` (lang/fresh15/), written on 2026-12-03 at 15:12 the same way
(a balanced brief: every goal and every kind), measured at the wave's start commit and at its
end, looked at by no one in between; fresh14's misses were listed at wave 14's end, so it was
tuned on in wave 15. Wave 16 adds `chat_fresh16.yaml` (lang/fresh16/), written on 2026-12-03
at 18:01 from a brief asking for other personas too (students, carers, migrants writing their
second language, people who describe the screen), measured at the wave's start and end only.
Baselines get the same knowledge base: (b) rapidfuzz.process.extractOne with its default scorer
over every example question, (c) difflib's best SequenceMatcher ratio. As specified they always
answer (nothing to abstain with); each is also shown with a cut-off tuned on the very set it is
scored on (the best balanced score) — an upper bound no real deployment would get. Targets are
checked against both.
The project matcher is shown twice: as it runs (words, and the multilingual sentence embedding
where the words leave it unsure: bot/semantic.py) and by its words alone (the figure before the
embedding landed), so what the embedding adds is measured in every run.
Latency is measured with the embedding loaded (its load is a start-up cost, not a question's).
For the 10,000 synthetic cards, each goal's examples are thinned to `MAX_PER_GOAL` as the bot
would thin them, and those (up to 16 × 1,024) are embedded once and kept in the build cache
under a name of their own (`semantic-examples-bench`, ~40 s the first time on 2 busy cores).
"""

from __future__ import annotations

import argparse
import copy
import difflib
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import process

from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR
from bot.knowledge.models import Card
from bot.matching import Matcher
from bot.semantic import Meaning
from bot.vocabulary import ALL, Goal, Platform

DATA = Path(__file__).parent / "data"
ASKED = DEFAULT_DIR / "asked"  # labelled questions the bot learns from (scored as "learned from")
TARGETS = {"top1": 0.95, "platform": 0.97, "rejection": 0.90}
SET_TARGETS = {"chat.yaml": {"rejection": 0.95}}  # issue 12
GATES = ("questions.yaml", "chat.yaml")  # heldout.yaml is reported, never tuned on
BLIND = ("chat_blind3.yaml", "chat_blind4.yaml", "chat_blind5.yaml")  # misses never listed
# issue 12: p99 ≤ 50 ms a question with the sentence embedding (words alone took ~1 ms)
LATENCY_TARGET_MS = {"real": 50.0, "synthetic": 50.0}


@dataclass
class Question:
    text: str
    goal: Goal | None
    platform: Platform | None
    also: frozenset[Goal] = frozenset()  # other goals a right answer may have (chat.yaml)


Prediction = tuple[Goal | None, Platform | None]


def where(name: str) -> Path:
    """A set by its name: an evaluation set in bench/data/, or one the bot learns from."""
    return DATA / name if (DATA / name).exists() else ASKED / name


def learned_from(name: str) -> bool:
    return not (DATA / name).exists() and (ASKED / name).exists()


def load_questions(name: str) -> list[Question]:
    items = yaml.safe_load(where(name).read_text(encoding="utf-8"))
    return [
        Question(
            text=str(item["text"]),
            goal=Goal(item["goal"]) if item.get("goal") else None,
            platform=Platform(item["platform"]) if item.get("platform") else None,
            also=frozenset(Goal(g) for g in item.get("also") or ()),
        )
        for item in items
    ]


@dataclass
class Scores:
    top1: float
    platform: float
    rejection: float

    def row(self) -> list[str]:
        return [f"{self.top1:6.1%}", f"{self.platform:6.1%}", f"{self.rejection:6.1%}"]


def score(questions: list[Question], predict: Callable[[str], Prediction]) -> Scores:
    in_scope = [q for q in questions if q.goal is not None]
    out_scope = [q for q in questions if q.goal is None]
    goal_hits = platform_hits = rejected = 0
    for q in in_scope:
        goal, platform = predict(q.text)
        goal_hits += goal == q.goal or goal in q.also
        platform_hits += platform == q.platform
    for q in out_scope:
        goal, _ = predict(q.text)
        rejected += goal is None
    return Scores(
        goal_hits / max(len(in_scope), 1),
        platform_hits / max(len(in_scope), 1),
        rejected / max(len(out_scope), 1),
    )


def project(matcher: Matcher) -> Callable[[str], Prediction]:
    def predict(text: str) -> Prediction:
        m = matcher.match(text)
        return m.goal, m.platform

    return predict


class Baseline:
    """Nearest example question; the card's platform when the card has exactly one."""

    def __init__(self, kb: KnowledgeBase, kind: str, language: str = "en") -> None:
        self.kind = kind
        self.examples: list[str] = []
        self.labels: list[Prediction] = []
        for card in kb.cards:
            text = card.texts.get(language) or card.texts.get("en")
            if text is None or card.not_applicable:
                continue
            platform = (
                Platform(card.platforms[0])
                if len(card.platforms) == 1 and card.platforms[0] != ALL
                else None
            )
            for example in text.examples:
                self.examples.append(example)
                self.labels.append((card.goal, platform))
        self.cutoff = 0.0

    def best(self, text: str) -> tuple[float, int]:
        if self.kind == "rapidfuzz":
            hit = process.extractOne(text, self.examples)
            return (hit[1] / 100, hit[2]) if hit else (0.0, 0)
        # the best SequenceMatcher ratio, first on ties; an example whose cheap upper bounds
        # cannot beat the best so far is skipped, as difflib.get_close_matches does (the same
        # answer, several times faster)
        matcher = difflib.SequenceMatcher(None, text)
        best, at = -1.0, 0
        for i, example in enumerate(self.examples):
            matcher.set_seq2(example)
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                ratio = matcher.ratio()
                if ratio > best:
                    best, at = ratio, i
        return best, at

    def predict(self, text: str) -> Prediction:
        similarity, i = self.best(text)
        return self.labels[i] if similarity >= self.cutoff else (None, None)

    def tune(self, questions: list[Question]) -> None:
        """Pick the abstain cut-off that maximises (top-1 + rejection) / 2 on this very set."""
        cached = {q.text: self.best(q.text) for q in questions}
        best_cut, best_value = 0.0, -1.0
        for cut in [i / 100 for i in range(0, 101, 2)]:
            self.cutoff = cut
            s = score(
                questions,
                lambda t, cut=cut: (
                    self.labels[cached[t][1]] if cached[t][0] >= cut else (None, None)
                ),
            )
            value = (s.top1 + s.rejection) / 2
            if value > best_value:
                best_cut, best_value = cut, value
        self.cutoff = best_cut


WORDS_ONLY = "project matcher, words only"


def compared(
    kb: KnowledgeBase, matcher: Matcher, questions: list[Question], language: str = "en"
) -> dict[str, Scores]:
    """The project matcher beside both baselines (as specified, and cut off on this very set),
    printed as a table; the rows by label."""
    rows = {"project matcher": score(questions, project(matcher))}
    if matcher.meaning is not None:
        words_only = copy.copy(matcher)
        words_only.meaning = None
        rows[WORDS_ONLY] = score(questions, project(words_only))
    for kind in ("rapidfuzz", "difflib"):
        baseline = Baseline(kb, kind, language)
        rows[f"{kind} (as specified)"] = score(questions, baseline.predict)
        baseline.tune(questions)
        rows[f"{kind} (cut-off {baseline.cutoff:.2f} tuned)"] = score(questions, baseline.predict)
    print(f"{'':34} {'top-1':>7} {'platf.':>7} {'reject':>7}")
    for label, s in rows.items():
        print(f"{label:34} " + " ".join(s.row()))
    return rows


def latency_ms(matcher: Matcher, texts: list[str], rounds: int = 3) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        for text in texts:
            start = time.perf_counter()
            matcher.match(text)
            samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.99) - 1]


def synthetic_cards(kb: KnowledgeBase, n: int, seed: int = 7) -> list[Card]:
    """n cards cloned from the real ones with reshuffled, extended examples: a vocabulary and
    example count that grow with n, like a much larger curated knowledge base would."""
    rng = random.Random(seed)
    words = sorted(
        {w for c in kb.cards for t in c.texts.values() for e in t.examples for w in e.split()}
    )
    filler = [f"{rng.choice(words)}{rng.randint(0, 999)}" for _ in range(5000)]
    real = [c for c in kb.cards if not c.not_applicable]
    out = []
    for i in range(n):
        card = real[i % len(real)]
        text = card.texts["en"]
        examples = []
        for example in text.examples:
            tokens = example.split()
            rng.shuffle(tokens)
            tokens.insert(rng.randrange(len(tokens) + 1), rng.choice(filler))
            examples.append(" ".join(tokens))
        new_text = text.model_copy(update={"examples": examples})
        out.append(card.model_copy(update={"id": f"{card.id}.syn{i}", "texts": {"en": new_text}}))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer latency rounds")
    parser.add_argument("--show-errors", action="store_true", help="list misclassified questions")
    parser.add_argument(
        "--no-latency",
        action="store_true",
        help="score the sets only (the latency part takes minutes)",
    )
    parser.add_argument(
        "--set",
        action="append",
        dest="sets",
        metavar="NAME",
        help="only this set (e.g. chat_fresh11.yaml; repeatable): every set takes over 15 min",
    )
    args = parser.parse_args(argv)
    kb = load_knowledge()
    matcher = kb.matcher("en")
    ok = True
    names = (
        "questions.yaml",
        "heldout.yaml",
        "chat.yaml",
        "chat_dev.yaml",
        "chat_dev2.yaml",
        "chat_blind.yaml",
        "chat_blind2.yaml",
        "chat_dev3.yaml",
        "chat_dev11.yaml",
        "chat_dev11b.yaml",
        "chat_fresh11.yaml",
        "chat_dev12.yaml",
        "chat_fresh12.yaml",
        "chat_dev13.yaml",
        "chat_fresh13.yaml",
        "chat_dev14.yaml",
        "chat_fresh14.yaml",
        "chat_fresh15.yaml",
        "chat_fresh16.yaml",
    )
    for name in (*names, *BLIND):
        if not where(name).exists() or (args.sets and name not in args.sets):
            continue
        questions = load_questions(name)
        n_in = sum(q.goal is not None for q in questions)
        learned = " (learned from: in knowledge/asked/)" if learned_from(name) else ""
        print(f"\n== {name}{learned}: {n_in} in scope, {len(questions) - n_in} out of scope")
        rows = compared(kb, matcher, questions)
        mine = rows["project matcher"]
        others = [s for label, s in rows.items() if not label.startswith("project matcher")]
        for metric, target in {**TARGETS, **SET_TARGETS.get(name, {})}.items():
            value = getattr(mine, metric)
            beats = all(value > getattr(o, metric) for o in others)
            # a baseline cut off on the very set may reject everything (chat.yaml: rapidfuzz at
            # 0.86, 8 % top-1): rejection is held to its target only, as in bench.languages
            status = "ok" if value >= target and (beats or metric == "rejection") else "MISSED"
            if name in GATES and status != "ok":
                ok = False
            if name not in GATES and status != "ok":
                status = "below (not a gate)"
            print(
                f"  {metric}: {value:.1%} (target {target:.0%}, above every baseline row: "
                f"{beats}) {status}"
            )
        if args.show_errors and name not in BLIND:
            for q in questions:
                m = matcher.match(q.text)
                right = m.goal == q.goal or m.goal in q.also
                if not right or (q.goal and m.platform != q.platform):
                    print(
                        f"  ✗ {q.text!r}: want {q.goal}/{q.platform}, got {m.goal}/{m.platform}"
                        f" conf={m.confidence} alt={[a.value for a in m.alternatives]}"
                        f" oos={m.out_of_scope}"
                    )
    if args.no_latency:
        return 0 if ok else 1
    texts = [q.text for q in load_questions("questions.yaml")]
    kb.meaning.prepare()
    rounds = 1 if args.quick else 3
    big = synthetic_cards(kb, 10_000)
    start = time.perf_counter()
    big_matcher = Matcher(big, kb.platforms, matcher.lexicon, kb.gazetteer)
    big_matcher.meaning = Meaning.of_cards(big, kb.cache, store="semantic-examples-bench")
    big_matcher.meaning.prepare()
    build = time.perf_counter() - start
    print()
    for label, target, tested in (
        (f"real KB ({len(kb.cards)} cards)", "real", matcher),
        (f"synthetic KB (10,000 cards, built in {build:.1f} s)", "synthetic", big_matcher),
    ):
        words_only = copy.copy(tested)
        words_only.meaning = None
        before = latency_ms(words_only, texts, rounds)
        p50, p99 = latency_ms(tested, texts, rounds)
        print(
            f"latency, {label}: p50 {p50:.2f} ms, p99 {p99:.2f} ms (words only: p50 "
            f"{before[0]:.2f}, p99 {before[1]:.2f}; target p99 <= {LATENCY_TARGET_MS[target]} ms)"
        )
        ok &= p99 <= LATENCY_TARGET_MS[target]
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
