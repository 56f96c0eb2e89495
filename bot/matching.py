"""Free text → goal, platform, place, confidence and alternatives.

Nearest-example lookup alone answers off-topic questions confidently and misses paraphrases, so
the question is *read* first: typos are corrected against the knowledge base's own vocabulary,
synonyms collapse into concepts (knowledge/matching/<lang>.yaml), platforms and places are pulled
out, other companies and uncovered topics are recognised. Only then is the question compared with
the cards' example questions (TF-IDF over concepts and lemmas), combined with per-goal signals, and
the result calibrated so that a weak or split decision abstains and offers alternatives.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, JaroWinkler

from bot.cache import BuildCache, build_key
from bot.semantic import Sense, blend
from bot.text import clean, elision_spellings, fold
from bot.vocabulary import DEFAULT_LANGUAGE, Goal, Platform
from bot.yamlfile import load_yaml

if TYPE_CHECKING:
    from bot.knowledge.loader import KnowledgeData
    from bot.knowledge.models import Card, PlatformInfo
    from bot.places import Gazetteer, Place
    from bot.semantic import Meaning


# Decision thresholds on the calibrated confidence (0..1); bench/accuracy.py reports what they give.
ANSWER_AT = 0.4
CARD_CANDIDATES = 64  # closest examples whose wording is compared to rank a goal's cards
SCOPE_KEYS = (
    *["alone", "anchored", "anchors", "actions", "targets"],
    *["with_ai", "with_app", "over_topics", "vague", "own_apps", "apps_compared"],
)
# How the evidence is weighed (bench/accuracy.py measures the result on held-out questions).
W_NEAREST, W_CENTROID, W_LEARNED, W_SIGNALS = 0.4, 0.3, 0.2, 0.2
# The sentence embedding (bot/semantic.py) is asked only below this lexical confidence, and its
# evidence weighs this much (tuned on bench/data/questions.yaml; bench/accuracy.py measures it).
MEANING_BELOW, W_MEANING = 0.8, 1.0
# Where the words alone abstain, the meaning answers only when some example is this close: loosely
# similar Meta how-tos ("block someone on WhatsApp") were answered. Chosen on the development sets
# (questions, chat_dev, lang/dev): 0 → 0.75 cost 1.3/0.4 points of top-1 there and gained 1–3 of
# rejection; measured afterwards, chat.yaml rejection 91.3 → 95.7 %, pt 81.2 → 87.5 %.
MEANING_OVERRULES_AT = 0.75
# What people asked (knowledge/asked/) as a second opinion from the sentence embedding on every
# answer the words give (bot/semantic.py `Sense`). Chosen with the matcher as it was before it
# was tuned on the blind2 sets, judged on those sets (746 questions in six languages; the pool:
# the asked questions of the sets then tuned on): top-1 90.7 → 91.0 %, out of scope rejected
# 89.5 → 95.5 %; on the gates and eval sets (not in the pool) 97.5 → 97.4 % and 99.1 → 99.6 %.
# Afterwards, on blind4 (737 questions written later, never seen): rejected +6 to +15 points in
# each of the six languages, top-1 unchanged or up to +1.2 (docs/benchmarks.md, wave 9).
# - Not ours when the closest questions that are not ours come as close as those that are: within
#   ELSEWHERE_MARGIN, or beyond CONFIDENT_MARGIN for an answer the words were sure of (≥ SURE;
#   "how do i close my instagram account" is near "close my bank account"), and past
#   ELSEWHERE_FLOOR. Confident answers are weighed too: half of the questions wrongly answered
#   there were at confidence 1.0 (they share the words of ours).
# - A clear vote (share ≥ VOTE_SHARE) of the closest labelled questions changes an answer the
#   words were unsure of (below VOTE_BELOW). Letting it answer what the words left open too gained
#   1.3 points of top-1 on blind2 and cost 0.8 of rejection, and made onboarding replies
#   ("privat", "instagram und whatsapp") into questions: left out.
ELSEWHERE_MARGIN, CONFIDENT_MARGIN, ELSEWHERE_FLOOR, SURE = -0.02, 0.01, 0.4, 0.99
VOTE_BELOW, VOTE_SHARE = 0.7, 0.8
# The linear model over all labelled questions (bot/learned.py), after the words and the closest
# questions have spoken: it answers a question the words were unsure of (not one they found
# vague or someone else's) when it gives a goal LEARNED_RESCUE; unless the closest questions'
# vote sides with the words, it takes another goal it is surer of than the words were (and at
# least LEARNED_SWITCH) or one the vote clearly backs (share ≥ VOTE_SHARE) at LEARNED_AGREED,
# and declines an answer the words were not sure of (< SURE) when "not ours" reaches
# LEARNED_DECLINE. Chosen on the first of two folds of the wave-10 questions (1,600 in six
# languages, written 2026-12-02 13:40; half of them labelled, the other half judged), from
# 0.4–0.8 × 0.5–1 × 0.5–1; judged with them fixed on the second fold: top-1 85.3 → 89.5 %, out of
# scope rejected 94.1 → 94.1 %. Both folds with the real matcher: 85.1 → 89.3 %, 94.9 → 95.1 %
# with a fixed switch at 0.8. That overruled the words' own cues where the embedding is blind
# to them ("un-train" read as training, "die ki wegnehmen" as training, "nicht nur den verlauf
# löschen" as deleting history, "diesen assistenten los" declined), so the vote's side and
# "surer than the words" were added (88.1 %, 94.9 %), then the clear vote beside a sure model
# ("how do I file a formal objection under art. 21 GDPR", read by the words as regulation):
# 88.6 %, 94.9 %.
LEARNED_SWITCH, LEARNED_AGREED, LEARNED_RESCUE, LEARNED_DECLINE = 0.8, 0.9, 0.7, 0.9
# An objection Meta accepted or confirmed (the lexicons' `granted`, `object_confirmed`) is no
# refusal: the meaning may not turn such a question into a complaint to an authority unless the
# words read a refusal or a complaint too. The embedding hears "Meta replied …" as a refusal
# ("meta accepted my objection! anything else i should do?", "Meta m'a répondu qu'ils allaient
# honorer mon opposition" were answered with the complaint). Development sets (5,883 questions)
# +3, blind sets (2,290) unchanged. Letting no switch to a complaint through without a refusal
# word at all cost 3 blind questions (refusals said in words the lexicons lack): left out.
ACCEPTED = frozenset({"granted", "object_confirmed"})
REFUSAL = frozenset({"declined", "complain"})
RESCUE_WORDS = 5  # a question the words declined may be rescued from this length (learned_opinion)
# Concepts that say only "AI" or "what is": asked without Meta or an app, a question about AI
# in general (no example of any card in any language is only these without Meta).
GENERAL_AI = frozenset({"ai", "whatis"})
# What only Meta's AI does among what the bot covers: a question about it is ours even when it
# names another party ("can the school's photos of my kid be used for ai training"); so is the
# browser weighed against "the app" (a neighbour who says the browser has less AI reports
# hearsay, she is not the subject; German reads "als in der App" as `instead_of_app`).
META_ONLY = frozenset(
    {"train", "object", "already", "personalize", "legit_interest", "whatsapp_ai"}
    | {"browser_app", "instead_of_app"}
)
SUGGEST_FLOOR = 0.05  # a goal scoring below this is not worth suggesting
_SENTENCE_ENDS = re.compile(r"[.?!;,]+(?:\s+|$)|\n+")
MAX_ALTERNATIVES = 3
TYPO_NAME_LETTERS = 7  # an unknown word this long, one slip from a word, is a typo (misspelt_word)


@dataclass(frozen=True)
class Match:
    """What a question is about. `goal` is None when out of scope or not understood."""

    goal: Goal | None
    confidence: float
    platform: Platform | None = None
    platforms: tuple[Platform, ...] = ()
    place: Place | None = None
    alternatives: tuple[Goal, ...] = ()
    out_of_scope: str | None = None
    cards: tuple[str, ...] = ()  # the goal's cards, best fitting first
    scores: dict[Goal, float] = field(default_factory=dict, compare=False, repr=False)

    @property
    def understood(self) -> bool:
        return self.goal is not None


class PhraseIndex:
    """Longest-match lookup of multi-word phrases in a token list."""

    def __init__(self, normalise: Callable[[str], list[str]], elisions: bool = False) -> None:
        self._normalise = normalise
        self._elisions = elisions  # also find glued spellings typed with apostrophes
        self._phrases: dict[tuple[str, ...], str] = {}
        self._spellings: set[tuple[str, ...]] = set()  # keys that are another phrase's spelling
        self.longest = 1

    def add(self, phrase: str, label: str) -> None:
        self._put(phrase, label, spelling=False)
        for other in elision_spellings(fold(phrase)) if self._elisions else ():
            self._put(other, label, spelling=True)

    def _put(self, phrase: str, label: str, spelling: bool) -> None:
        """The first phrase listed wins; a phrase as listed wins over another's spelling."""
        key = tuple(self._normalise(phrase))
        if key and (key not in self._phrases or (key in self._spellings and not spelling)):
            self._phrases[key] = label
            self.longest = max(self.longest, len(key))
            (self._spellings.add if spelling else self._spellings.discard)(key)

    def __contains__(self, token: str) -> bool:
        return (token,) in self._phrases

    def words(self) -> set[str]:
        return {w for key in self._phrases if key not in self._spellings for w in key}

    def scan(self, tokens: list[str]) -> list[tuple[int, int, str | None]]:
        """Spans (start, end, label) covering all tokens; unlabelled single tokens get None."""
        spans: list[tuple[int, int, str | None]] = []
        i = 0
        while i < len(tokens):
            for n in range(min(self.longest, len(tokens) - i), 0, -1):
                label = self._phrases.get(tuple(tokens[i : i + n]))
                if label is not None:
                    spans.append((i, i + n, label))
                    i += n
                    break
            else:
                spans.append((i, i + 1, None))
                i += 1
        return spans

    def labels(self, tokens: list[str]) -> list[str]:
        return list(dict.fromkeys(label for *_, label in self.scan(tokens) if label))


class Language:
    """Word-level tools for one language: lemmas and a general dictionary of known words.

    Words the lexicon lists are kept as they are (a lemmatiser may turn "ai" into "be"); any
    other word is reduced to its lemma, so "objected" finds the listed "object".

    Loading simplemma's English dictionary takes ~1 s and pyspellchecker's ~1.2 s (2 cores,
    busy), more than answering a question needs. So the lemmas of every dictionary word and every
    word the matcher knows are worked out once, when the matcher is built (`settle`), and kept
    with it in the cache; simplemma is loaded only for a word outside all of them.
    """

    def __init__(
        self, code: str, spelling: dict[str, str] | None = None, lemmatizer_words: bool = False
    ) -> None:
        self.code = code
        self._lemmatizer_words = lemmatizer_words  # simplemma's word forms count as known
        # abbreviations as typed on a phone ("q", "xq", "vc") → the words the lexicon lists
        self.spelling = {fold(short): fold(full) for short, full in (spelling or {}).items()}
        self.keep: set[str] = set()
        self._known = _dictionary(code)
        # after `settle`: the lemma of each of these and of every dictionary word is in
        # _lemmas where it differs from the word, else the word itself
        self._settled: frozenset[str] | None = None
        self._lemmas: dict[str, str] = {}
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)

    def _lemma(self, word: str) -> str:
        if not word.isalpha() or len(word) <= 2 or word in self.keep:
            return word  # short tokens are abbreviations ("m", "ig", "wa"), not inflections
        found = self._lemmas.get(word)
        if found is not None:
            return found
        if self._settled is not None and (word in self._settled or word in self._known):
            return word
        return self._lemmatize(word)

    def _lemmatize(self, word: str) -> str:
        import simplemma

        try:
            return fold(simplemma.lemmatize(word, lang=self.code)) or word
        except ValueError:
            return word

    def settle(self, words: set[str]) -> None:
        """Work out the lemma of each dictionary word and of `words` now, once."""
        lemmas: dict[str, str] = {}
        for word in self._known | words:
            if word.isalpha() and len(word) > 2 and word not in self.keep:
                lemma = self._lemmatize(word)
                if lemma != word:
                    lemmas[word] = lemma
        self._lemmas = lemmas
        self._settled = frozenset(words)
        self.lemma.cache_clear()

    def known(self, word: str) -> bool:
        if word in self._known or not self._lemmatizer_words:
            return word in self._known
        import simplemma

        return bool(simplemma.is_known(word, lang=self.code))

    def is_word(self, word: str) -> bool:
        """In the spelling dictionary or simplemma's: a word of the language, not a name
        ("impactful" is only in simplemma's, "deviantart" in neither)."""
        if word in self._known:
            return True
        import simplemma

        try:
            return bool(simplemma.is_known(word, lang=self.code))
        except ValueError:
            return True  # no word list for the language: take nothing for a name

    def misspelt_word(self, word: str) -> bool:
        """A dictionary word of seven letters or more typed with one of the commonest slips: a
        doubled letter typed once ("grandaughter") or two neighbours swapped ("prviacy"): a
        typo, not a service's name. Not any one edit: names are often a word with a letter
        added or dropped ("letterboxd", "tumblr")."""
        if len(word) < TYPO_NAME_LETTERS or not self._known:
            return False
        doubled = (word[: i + 1] + word[i:] for i in range(len(word)))
        swapped = (word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(len(word) - 1))
        return any(slip in self._known for slip in (*doubled, *swapped))

    def words(self, text: str) -> list[str]:
        """The folded words of `text`, abbreviations written out ("oq" → "o", "que")."""
        return [w for word in fold(text).split() for w in self.spelling.get(word, word).split()]

    def lemmas(self, text: str) -> list[str]:
        return [self.lemma(w) for w in self.words(text)]

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["lemma"]  # a cache, rebuilt on loading
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self.lemma = lru_cache(maxsize=100_000)(self._lemma)


def _dictionary(code: str) -> frozenset[str]:
    """pyspellchecker's words for the language (none when it has no dictionary for it)."""
    from spellchecker import SpellChecker

    try:
        # folded like every token ("utilisées" → "utilisees"): accented words are known words
        return frozenset(fold(w) for w in SpellChecker(language=code).word_frequency)
    except ValueError:  # no dictionary for this language: correct nothing that looks odd
        return frozenset()


@dataclass(frozen=True)
class Signal:
    """A lexicon's lean towards a goal: every concept of `needed` present, none of `excluded`
    ("delete" + "account" is the account, unless the question keeps the account)."""

    needed: frozenset[str]
    excluded: frozenset[str]
    weight: float

    def fits(self, concepts: frozenset[str]) -> bool:
        return self.needed <= concepts and not self.excluded & concepts


@dataclass
class Lexicon:
    """The per-language matching data of knowledge/matching/<lang>.yaml."""

    language: Language
    stopwords: frozenset[str]
    # app names in this language only ("face" is Facebook in Spanish, a face in English)
    platform_aliases: dict[str, list[str]]
    concepts: PhraseIndex
    signals: dict[Goal, list[Signal]]
    scope: dict[str, frozenset[str]]
    companies: PhraseIndex
    topics: PhraseIndex
    loose_topics: PhraseIndex
    comparisons: frozenset[str]
    pairs: list[tuple[str, list[frozenset[str]]]]
    emoji: dict[str, str]
    implies: dict[str, frozenset[str]]  # a concept that is also another ("meta_ai" is "ai")
    # a phrase read as the concepts it joins ("used for ai": collect and ai), compared by theirs
    compounds: dict[str, tuple[str, ...]] = field(default_factory=dict)
    features: frozenset[str] = frozenset()  # concepts whose phrases name an app's feature
    feature_apps: dict[str, Platform] = field(default_factory=dict)  # a feature only one app has
    clause_breaks: re.Pattern[str] | None = None  # words that start another question
    vague_goals: tuple[Goal, ...] = ()  # offered for a message that names only the subject
    # a word no word list knows is a name (another service): only where slang is rare enough
    # (English; French "relou" and the like are words no list has)
    unread_is_name: bool = False
    # words that join app names into a list ("fb and insta"): a question naming two apps
    # otherwise ("delete messenger without deleting facebook") is about the first one. Without
    # them (a lexicon that lists none), a question naming two apps is about neither.
    app_joiners: frozenset[str] | None = None
    # products people use Meta's apps with (browsers): not ours alone, comparable with an app
    tools: PhraseIndex = field(default_factory=lambda: PhraseIndex(_words))
    # people and institutions (a school, an employer), who may also act on Meta's apps
    parties: PhraseIndex = field(default_factory=lambda: PhraseIndex(_words))
    greetings: frozenset[str] = frozenset()  # "gm", "hallo", "bom dia": before a question

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        data = load_yaml(path)
        language = Language(
            data.get("language", path.stem),
            data.get("spelling"),
            bool(data.get("lemmatizer_words")),
        )
        stopwords = frozenset(fold(w) for w in data.get("stopwords") or [])
        oos = data.get("out_of_scope") or {}
        _keep_listed_words(language, data)

        elisions = bool(data.get("elisions"))
        concepts = PhraseIndex(language.lemmas, elisions)
        for concept, phrases in data["concepts"].items():
            for phrase in phrases:
                concepts.add(phrase, concept)
        subject_words = {
            w
            for c in ("meta", "ai", "meta_ai")
            for p in data["concepts"].get(c, [])
            for w in language.lemmas(p)
        }
        signals: dict[Goal, list[Signal]] = defaultdict(list)
        for goal, rules in (data.get("goal_signals") or {}).items():
            for rule in rules:
                needed, excluded = frozenset(rule["all"]), frozenset(rule.get("none") or ())
                signals[Goal(goal)].append(Signal(needed, excluded, float(rule["weight"])))
        companies = PhraseIndex(_words)
        comparisons = frozenset(fold(w) for w in oos.get("comparisons") or [])
        pairs = [
            (topic, [frozenset(fold(w) for w in group) for group in groups])
            for topic, rules in _elsewhere(data, "pairs")
            for groups in rules
        ]
        topics = PhraseIndex(language.lemmas, elisions)
        content = partial(_content_words, language, stopwords)
        # The same phrases with small words skipped ("make a group" = "make group"), where at
        # least two content words remain, so "block someone" does not shrink to "block".
        loose_topics = PhraseIndex(content)
        for company, names in _elsewhere(data, "companies"):
            for name in names:
                companies.add(name, company)
        for topic, phrases in _elsewhere(data, "topics"):
            for phrase in phrases:
                topics.add(phrase, topic)
                words = content(phrase)
                # At least two words left besides Meta and its AI: "how do i use meta ai"
                # loosened to "use meta ai" also read "someone who uses meta ai, can it read
                # my messages" (Spanish blind set) as a question about using the assistant.
                if len([w for w in words if w not in subject_words]) >= 2:
                    loose_topics.add(phrase, topic)
        return cls(
            language=language,
            stopwords=stopwords,
            platform_aliases=dict(data.get("platform_aliases") or {}),
            concepts=concepts,
            signals=dict(signals),
            scope={key: frozenset(data.get(f"scope_{key}") or []) for key in SCOPE_KEYS},
            companies=companies,
            topics=topics,
            loose_topics=loose_topics,
            comparisons=comparisons,
            pairs=pairs,
            emoji=dict(data.get("emoji") or {}),
            implies={k: frozenset(v) for k, v in (data.get("implies") or {}).items()},
            compounds={k: tuple(v) for k, v in (data.get("compounds") or {}).items()},
            features=frozenset(data.get("features") or ()),
            feature_apps={k: Platform(v) for k, v in (data.get("feature_apps") or {}).items()},
            clause_breaks=_alternation(data.get("clause_breaks") or ()),
            app_joiners=_folded_set(data.get("app_joiners")),
            unread_is_name=bool(data.get("unread_is_name")),
            vague_goals=tuple(Goal(g) for g in data.get("vague_goals") or ()),
            tools=_names(data, "tools"),
            parties=_names(data, "parties"),
            greetings=_folded_set(data.get("greetings")) or frozenset(),
        )

    def in_scope(self, concepts: frozenset[str], app_named: bool, apps_known: bool = False) -> bool:
        """Whether a question with these concepts is about what the bot covers; `apps_known`:
        the user's apps are known, so a word of `scope_own_apps` that needs an anchor ("turn off
        improve ai") is read as about them."""
        scope = self.scope
        with_ai = bool(concepts & {"ai", "meta"})
        targets = concepts & scope["targets"] or ({"platform"} if app_named else set())
        alone = concepts & scope["alone"]
        own = alone <= scope["own_apps"] and apps_known
        if alone <= scope["anchored"] and not (app_named or own or concepts & scope["anchors"]):
            alone = frozenset()  # "marathon training plan", "vpn recommendations"
        return bool(
            alone
            or (concepts & scope["actions"] and targets - (concepts & scope["actions"]))
            or (with_ai and concepts & scope["with_ai"])
            or (app_named and concepts & scope["with_app"])
        )


@dataclass(frozen=True)
class Reading:
    """A question after reading: its concept/lemma terms and what it names."""

    terms: tuple[str, ...]
    concepts: frozenset[str]
    intents: frozenset[str]
    platforms: tuple[Platform, ...]
    companies: tuple[str, ...]
    topics: tuple[str, ...]
    meta_named: bool
    about: Platform | None = None  # the one app it is about, if it names one for itself
    tools: tuple[str, ...] = ()  # the lexicon's `elsewhere.tools` it names
    parties: tuple[str, ...] = ()  # and its `elsewhere.parties`
    unread: tuple[str, ...] = ()  # words neither the matcher nor any word list knows

    @property
    def text(self) -> str:
        return " ".join(self.terms)


class Reader:
    """A language's way of reading a message: typos corrected against everything it knows, app
    names, emoji, concepts, topics and companies picked out (`read`), run-ons split (`clauses`).
    Built once per language with its matcher; thread-safe."""

    def __init__(
        self, platforms: dict[Platform, PlatformInfo], lexicon: Lexicon, examples: list[str]
    ) -> None:
        self.lexicon = lexicon
        self._platforms = PhraseIndex(_words)
        self._emoji: dict[str, str] = dict(lexicon.emoji)
        for platform, info in platforms.items():
            self._platforms.add(platform.value, platform.value)
            for alias in info.aliases:
                self._platforms.add(alias, platform.value)
            for name in info.texts.values():
                self._platforms.add(name.name, platform.value)
            for emoji in info.emoji:
                self._emoji[emoji] = platform.value
            for alias in lexicon.platform_aliases.get(platform.value, ()):
                self._platforms.add(alias, platform.value)
        # Vocabulary for typo correction: everything the matcher knows how to read.
        vocab = set(lexicon.stopwords) | self._platforms.words() | lexicon.companies.words()
        vocab |= lexicon.tools.words() | lexicon.parties.words()
        for index in (lexicon.concepts, lexicon.topics):
            vocab |= index.words()
        for example in examples:
            vocab.update(fold(example).split())
        self.vocab = vocab
        self._vocab_by_len: dict[int, list[str]] = defaultdict(list)
        for word in vocab:
            if word.isalpha() and len(word) >= 4:
                self._vocab_by_len[len(word)].append(word)
        self._correct = lru_cache(maxsize=100_000)(self._correct_uncached)

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        del state["_correct"]  # a cache, rebuilt on loading
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._correct = lru_cache(maxsize=100_000)(self._correct_uncached)

    def _correct_uncached(self, token: str) -> str:
        """A misspelt word → the nearest word the matcher knows (one edit, two for long words).

        Words of the language's general dictionary are left alone, so "email" never becomes
        "gmail" and "trading" never "training".
        """
        if (
            token in self.vocab
            or len(token) < 4
            or not token.isalpha()
            or self.lexicon.language.known(token)
        ):
            return token
        limit = 1 if len(token) < 8 else 2
        nearest: list[str] = []
        best_distance = limit
        for length in range(len(token) - limit, len(token) + limit + 1):
            candidates = self._vocab_by_len.get(length)
            if not candidates:
                continue
            for word, distance, _ in process.extract(
                token, candidates, scorer=OSA.distance, score_cutoff=best_distance, limit=None
            ):
                if distance < best_distance:
                    nearest, best_distance = [word], int(distance)
                elif distance == best_distance:
                    nearest.append(word)
        if nearest:
            # Ties are common ("acount": account or count; "waht": what or wait). People drop
            # or swap a letter more than they change the first ones: Jaro-Winkler, which
            # weighs a shared start and forgives a swap, picks among the equally near.
            return max(nearest, key=lambda w: (JaroWinkler.similarity(token, w), w))
        for cut in range(3, len(token) - 2):  # run-together words: "instagramai", "optout"
            left, right = token[:cut], token[cut:]
            if left in self.vocab and right in self.vocab:
                return f"{left} {right}"
        return token

    def _tokens(self, text: str) -> list[str]:
        for emoji, word in self._emoji.items():
            if emoji in text:
                text = text.replace(emoji, f" {word} ")
        out: list[str] = []
        for token in self.lexicon.language.words(text):
            out.extend(self._correct(token).split())
        return out

    def clauses(self, text: str) -> list[str]:
        """The parts of a run-on message that may each ask something of their own ("stop ai
        training on insta, also how do i delete fb"): split at sentence ends, commas and the
        lexicon's `clause_breaks`; parts of fewer than two words are dropped."""
        parts = _SENTENCE_ENDS.split(text)
        if self.lexicon.clause_breaks is not None:
            parts = [c for part in parts for c in self.lexicon.clause_breaks.split(part)]
        return [part.strip() for part in parts if len(fold(part).split()) >= 2]

    def read(self, text: str) -> Reading:
        lex = self.lexicon
        tokens = self._tokens(text)
        platform_spans = self._platforms.scan(tokens)
        companies = lex.companies.labels(tokens)
        is_platform = [label is not None for *_, label in _per_token(platform_spans)]
        lemmas = [lex.language.lemma(t) for t in tokens]
        concept_spans = lex.concepts.scan(lemmas)
        features = [span for span in concept_spans if span[2] in lex.features]
        platforms, about = _platforms_named(platform_spans, features, tokens, lex.app_joiners)
        content = [w for w, p in zip(lemmas, is_platform, strict=True) if not p]
        topic_spans = [(a, b, label) for a, b, label in lex.topics.scan(content) if label]
        topic_words = {w for a, b, _ in topic_spans for w in content[a:b]}
        words = set(tokens)
        for topic, groups in lex.pairs:
            if all(words & group for group in groups):
                topic_spans.append((0, 0, topic))
                topic_words.update(w for group in groups for w in words & group)
        essential = [w for w in content if w not in lex.stopwords]
        for a, b, label in lex.loose_topics.scan(essential):
            if label:
                topic_spans.append((a, b, label))
                topic_words.update(essential[a:b])
        terms: list[str] = []
        concepts: set[str] = set()
        intents: set[str] = set()  # concepts outside the out-of-scope topic phrases
        for start, end, label in concept_spans:
            if label is not None:
                parts = lex.compounds.get(label, ())
                terms.extend(f"_{part}" for part in parts or (label,))
                concepts.update((label, *parts))
                if not topic_words.intersection(lemmas[start:end]):
                    intents.update((label, *parts))
                continue
            word = lemmas[start]
            if (
                is_platform[start]
                or word in lex.stopwords
                or tokens[start] in lex.stopwords
                or word.isdigit()
            ):
                continue
            terms.append(word)
        for label in list(concepts):
            concepts.update(lex.implies.get(label, ()))
            if label in intents:
                intents.update(lex.implies.get(label, ()))
        apps = {lex.feature_apps[c] for c in concepts & lex.feature_apps.keys()}
        if not platforms and len(apps) == 1:  # "advanced chat privacy" names WhatsApp
            about = apps.pop()
            platforms = (about,)
        if platforms:
            concepts.add("platform")  # lets a signal say "delete" + an app name = the account
        return Reading(
            terms=tuple(terms),
            concepts=frozenset(concepts),
            intents=frozenset(intents),
            platforms=platforms,
            companies=tuple(companies),
            topics=tuple(dict.fromkeys(label for *_, label in topic_spans)),
            meta_named=bool(platforms) or "meta" in concepts,
            about=about,
            tools=tuple(lex.tools.labels(tokens)),
            parties=tuple(lex.parties.labels(tokens)),
            unread=tuple(
                t
                for t in tokens
                if len(t) >= 4
                and t.isalpha()
                and t not in self.vocab
                and not lex.language.is_word(t)
                and not lex.language.misspelt_word(t)
            ),
        )


def _with_meaning(
    scores: dict[Goal, float], sense: Callable[[], Sense] | None
) -> dict[Goal, float]:
    """The scores with the sentence embedding's evidence when the words leave the decision
    unsure or split (`sense`: None when the question is read by its words alone)."""
    if sense is None or len(scores) < 2:
        return scores
    best, second = sorted(scores.values(), reverse=True)[:2]
    by_words = _calibrate(best, second)
    if by_words >= MEANING_BELOW:
        return scores
    near = sense().near
    if by_words < ANSWER_AT and max(near.values(), default=0.0) < MEANING_OVERRULES_AT:
        return scores  # the words abstain: only a close paraphrase may overrule them
    return blend(scores, near, W_MEANING)


def _not_ours(lex: Lexicon, text: str, reading: Reading) -> str | None:
    """Why a question is someone else's (`out_of_scope`: "company:…", "topic:…"), or None:
    another company, service or party as the object, or a topic that is not Meta's AI."""
    compares = reading.companies and _says_any(text, lex.comparisons)
    # another company, service or party ("my bank", "my employer") as the object: ours only
    # when a Meta app, Meta or Meta AI is named too, and not as a comparison
    anchored = reading.meta_named or "meta_ai" in reading.concepts
    not_meta = reading.companies + reading.tools  # a tool may be compared with an app
    # a browser weighed against "the apps" ("delete the apps and use firefox instead"):
    # the apps are Meta's though none is named (the lexicon's `scope_apps_compared`)
    if reading.tools and not reading.companies and reading.intents & lex.scope["apps_compared"]:
        not_meta = ()
    if not_meta and (not anchored or (reading.companies and compares)):
        return f"company:{not_meta[0]}"
    # a name neither the matcher nor the dictionary knows, with nothing of Meta's named,
    # is most likely another service's ("opt out of ai training on <a site>")
    if reading.unread and lex.unread_is_name and not anchored:
        return "company:other"  # answered as any other one
    # a party reading or watching an app's data ("can the police read my whatsapp") is
    # theirs too, unless Meta or AI is named as the one doing it
    watches = reading.intents & {"perceive", "collect"} and not reading.concepts & {
        "ai",
        "meta",
    }
    if reading.parties and not reading.intents & META_ONLY and (not anchored or watches):
        return f"company:{reading.parties[0]}"
    # an action on AI keeps a question ours even when Meta AI is named inside a topic's
    # words ("my kid uses meta ai, can i remove it"; "stop others using meta ai in a group")
    acts_on_ai = reading.intents & lex.scope["actions"] and reading.concepts & {"ai", "meta"}
    if reading.topics and not (reading.intents & lex.scope["over_topics"] or acts_on_ai):
        return f"topic:{reading.topics[0]}"
    return None


def asked_opinion(
    sense: Sense, goal: Goal, confidence: float, names_meta: bool = False
) -> Goal | None:
    """The goal an answer of the words keeps, weighed against the questions people asked
    (knowledge/asked/): None (not ours) when it is as close to those that were not, or the goal
    a clear vote of the closest gives when the words were unsure (the constants above say how
    this was measured). `names_meta`: the question names Meta or its app and no other company,
    so the questions that were not ours for naming another one are left out ("how do i stop
    meta training on my chats" was declined beside "… chatgpt …", which the embedding cannot
    tell apart by the name). Measured in wave 11: 8 of 588 such English questions ("how do i stop
    <app> training on my <things>") were declined, 2 now; every other set unchanged. Letting
    a sure answer about what only Meta does stand whatever its neighbours (all 588 answered)
    cost four rejections on the blind sets and gained nothing there: left out."""
    margin = CONFIDENT_MARGIN if confidence >= SURE else ELSEWHERE_MARGIN
    elsewhere = sense.elsewhere_unnamed if names_meta else sense.elsewhere
    if elsewhere > ELSEWHERE_FLOOR and elsewhere - sense.ours > margin:
        return None
    if sense.vote and sense.share >= VOTE_SHARE and confidence < VOTE_BELOW:
        return sense.vote
    return goal


def learned_opinion(
    sense: Sense, goal: Goal | None, unsure: bool, confidence: float, declined: bool = False
) -> Goal | None:
    """The goal the linear model over the labelled questions leaves (the constants above say how
    this was measured): `goal` as the words and the closest questions decided (None: no
    answer), `unsure` when the words were unsure rather than sure it is not ours, `declined`
    when they found its topic not ours or nothing asked (not another company named), and
    `confidence` the words'. A declined question is answered only when both judges of meaning
    are clearly of one mind ("how long do copies of my data stay after the account is
    deleted", read as using the app; "meta emailed back that they won't act on my request.
    who do i go to now", read as asking nothing). Chosen with half of the wave-14 pool
    learned, on its other half (new kinds: people who already acted, complaints): top-1
    85.0 -> 85.8 %, rejected 91.3 % both, the same for a model's share of 0.8 to 0.95 and a
    vote's of 0.6 or 0.8, so the thresholds of `agreed` serve. Then, without that pool, on
    the blind sets (six languages, never tuned on) 92.3 -> 93.2 % (2,113 -> 2,134 questions),
    rejected 97.0 % both; on the development sets 98.0 -> 98.1 %, no set lost a question.
    Messages under RESCUE_WORDS words are left to the conversation ("and in messenger groups"
    after an answer on WhatsApp groups is a follow-up, not a question on what Meta AI uses):
    up to 6 measured the same."""
    likely = sense.learned
    best = max((g for g in likely if g is not None), key=likely.__getitem__, default=None)
    if best is None:
        return goal
    # both judges of meaning clearly of one mind
    agreed = sense.vote == best and sense.share >= VOTE_SHARE and likely[best] >= LEARNED_AGREED
    if goal is None:
        if unsure:
            return best if likely[best] >= LEARNED_RESCUE else None
        return best if declined and agreed else None
    if sense.vote == goal:
        return goal
    if likely.get(None, 0.0) >= LEARNED_DECLINE and confidence < SURE:
        return None
    return best if likely[best] >= max(LEARNED_SWITCH, confidence) or agreed else goal


def accepted_not_refused(reading: Reading) -> bool:
    """The question tells of an objection accepted or confirmed, and of no refusal (ACCEPTED)."""
    return bool(reading.concepts & ACCEPTED) and not reading.concepts & REFUSAL


def _topic_only(out_of_scope: str | None) -> bool:
    """Declined by the words for nothing asked or a topic ("topic:usage"), not for another
    company's or party's name, and not account recovery (someone else's business, said so)."""
    return out_of_scope is None or (
        out_of_scope.startswith("topic:") and out_of_scope != "topic:recovery"
    )


class Matcher:
    """Built once per knowledge base and language; `match` is pure and thread-safe."""

    def __init__(
        self,
        cards: list[Card],
        platforms: dict[Platform, PlatformInfo],
        lexicon: Lexicon,
        gazetteer: Gazetteer | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.meaning: Meaning | None = None  # the knowledge base's, shared by every language
        language = lexicon.language.code
        examples: list[tuple[Goal, str, str]] = []
        for card in cards:
            text = card.texts.get(language)
            if text is None or card.not_applicable:
                continue
            examples.extend((card.goal, q, card.id) for q in text.examples)
        self.reader = Reader(platforms, lexicon, [q for _, q, _ in examples])
        order = sorted(range(len(examples)), key=lambda i: list(Goal).index(examples[i][0]))
        examples = [examples[i] for i in order]
        self._goals = [g for g in Goal if any(eg == g for eg, _, _ in examples)]
        self._example_goal = np.array([self._goals.index(g) for g, _, _ in examples])
        self._example_card = [card_id for _, _, card_id in examples]
        self._example_text = [fold(q) for _, q, _ in examples]
        self._goal_starts = np.searchsorted(self._example_goal, np.arange(len(self._goals)))
        self.from_cache = False
        self._fit([self._bigrams(self.read(q).terms) for _, q, _ in examples])

    def _fit(self, docs: list[list[str]]) -> None:
        """TF-IDF over the examples, goal centroids and a classifier: the numbers `match` uses.

        scikit-learn (and SciPy with it) is imported here only: ~1.4 s of a cold start for
        something a cached matcher never calls."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = TfidfVectorizer(
            analyzer=_identity, sublinear_tf=True, norm="l2", dtype=np.float32
        )
        matrix = vectorizer.fit_transform(docs)
        by_term = matrix.T.tocsr()  # terms × examples, kept as plain arrays (no SciPy to load)
        self._term_starts: np.ndarray = by_term.indptr
        self._term_examples: np.ndarray = by_term.indices
        self._term_weights: np.ndarray = by_term.data
        # Each goal's centroid: what its examples say together, not just the nearest one.
        centroids = np.vstack(
            [
                np.asarray(matrix[start:end].mean(axis=0)).ravel()
                for start, end in zip(
                    self._goal_starts, [*self._goal_starts[1:], matrix.shape[0]], strict=True
                )
            ]
        )
        norms = np.linalg.norm(centroids, axis=1, keepdims=True)
        self._centroids = (centroids / np.where(norms == 0, 1, norms)).T.astype(np.float32)
        classifier = LogisticRegression(C=10.0, max_iter=500, tol=1e-3).fit(
            matrix, self._example_goal
        )
        # Scoring a question uses the fitted numbers directly: scikit-learn's per-call input
        # checks cost more than the arithmetic for one short question.
        self._vocabulary: dict[str, int] = dict(vectorizer.vocabulary_)
        self._idf = vectorizer.idf_.astype(np.float32)
        self._coef = classifier.coef_.T.astype(np.float32)  # terms × goals
        self._intercept = classifier.intercept_.astype(np.float32)

    @classmethod
    def load_or_build(
        cls,
        kb: KnowledgeData,
        gazetteer: Gazetteer,
        language: str = DEFAULT_LANGUAGE,
        cache: BuildCache | None = None,
    ) -> Matcher:
        """The matcher for `kb` from the cache when it was built from the same examples, names,
        lexicon and code; otherwise built (5–10 s on 2 cores), settled and cached for next time."""
        path = kb.directory / "matching" / f"{language}.yaml"
        if not path.exists():
            path = kb.directory / "matching" / f"{DEFAULT_LANGUAGE}.yaml"
        cache = cache or BuildCache.default()
        name = f"matcher-{language}"
        key = build_key(name, _build_inputs(kb.cards, kb.platforms, language), path.read_bytes())

        def build() -> Matcher:
            matcher = cls(kb.cards, kb.platforms, Lexicon.load(path))
            matcher.lexicon.language.settle(matcher.reader.vocab)
            return matcher

        matcher, loaded = cache.fetch(name, key, Matcher, build)
        matcher.gazetteer, matcher.from_cache = gazetteer, loaded
        return matcher

    def __getstate__(self) -> dict[str, Any]:
        state = self.__dict__.copy()
        state["gazetteer"] = None  # the place reader is the knowledge base's, not the matcher's
        state["meaning"] = None  # so are the sentence embeddings
        return state

    # -- reading (Reader) ----------------------------------------------------------------------

    def read(self, text: str) -> Reading:
        return self.reader.read(text)

    def clauses(self, text: str) -> list[str]:
        return self.reader.clauses(text)

    @staticmethod
    def _bigrams(terms: tuple[str, ...]) -> list[str]:
        return list(terms) + [f"{a}+{b}" for a, b in itertools.pairwise(terms)]

    # -- scoring -------------------------------------------------------------------------------

    def _similarity(self, reading: Reading) -> tuple[np.ndarray, np.ndarray]:
        """Per goal: how close the question is to the goal's examples — the nearest one, the
        goal's centroid, and a classifier trained on all examples (which learns which words
        tell goals apart rather than which examples happen to share words) — and the
        similarity to every example (to rank a goal's cards)."""
        indices, weights = self._query_vector(reading)
        sims = np.zeros(len(self._example_card), dtype=np.float32)
        if not len(indices):
            return np.zeros(len(self._goals), dtype=np.float32), sims
        for term, weight in zip(indices, weights, strict=True):
            start, end = self._term_starts[term], self._term_starts[term + 1]
            sims[self._term_examples[start:end]] += weight * self._term_weights[start:end]
        nearest = np.maximum.reduceat(sims, self._goal_starts)
        centroid = weights @ self._centroids[indices]
        logits = weights @ self._coef[indices] + self._intercept
        learned = np.exp(logits - logits.max())
        learned /= learned.sum()
        return W_NEAREST * nearest + W_CENTROID * centroid + W_LEARNED * learned, sims

    def _query_vector(self, reading: Reading) -> tuple[np.ndarray, np.ndarray]:
        """The question as TF-IDF (sublinear tf, l2-normed): term indices and weights."""
        counts: dict[int, int] = defaultdict(int)
        for term in self._bigrams(reading.terms):
            index = self._vocabulary.get(term)
            if index is not None:
                counts[index] += 1
        if not counts:
            return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float32)
        indices = np.fromiter(counts, dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        weights = tf * self._idf[indices]
        return indices, (weights / np.linalg.norm(weights)).astype(np.float32)

    def _cards_of(self, goal: Goal, sims: np.ndarray, text: str) -> tuple[str, ...]:
        """The goal's cards, best fitting first. Concepts tell goals apart; within a goal the
        sub-topic cards ("AI Act" vs "GDPR fines") differ in their words, so the literal wording
        of the closest examples counts here too."""
        i = self._goals.index(goal)
        start = self._goal_starts[i]
        end = self._goal_starts[i + 1] if i + 1 < len(self._goals) else len(sims)
        local = sims[start:end]
        top = np.argpartition(-local, min(CARD_CANDIDATES, len(local) - 1))[:CARD_CANDIDATES]
        literal = (
            process.cdist(
                [fold(text)],
                [self._example_text[start + j] for j in top],
                scorer=fuzz.token_set_ratio,
                dtype=np.float32,
            )[0]
            / 100
        )
        best: dict[str, float] = {}
        for j, lit in zip(top, literal, strict=True):
            card = self._example_card[start + j]
            best[card] = max(best.get(card, 0.0), 0.5 * float(local[j]) + 0.5 * float(lit))
        return tuple(sorted(best, key=lambda c: -best[c]))

    def _signals(self, reading: Reading) -> dict[Goal, float]:
        out: dict[Goal, float] = {}
        for goal, rules in self.lexicon.signals.items():
            total = sum(rule.weight for rule in rules if rule.fits(reading.concepts))
            if total:
                out[goal] = min(total, 2.0)
        return out

    def scores(self, reading: Reading) -> tuple[dict[Goal, float], np.ndarray]:
        similarity, sims = self._similarity(reading)
        signals = self._signals(reading)
        scores = {
            goal: float(similarity[i]) + W_SIGNALS * signals.get(goal, 0.0)
            for i, goal in enumerate(self._goals)
        }
        return scores, sims

    def match(self, text: str, *, by_meaning: bool = True, apps_known: bool = False) -> Match:
        """`by_meaning=False`: by its words alone (a follow-up re-read with the last answer's
        app, bot/dialogue/context.py, must not turn "how long does it take" into a new goal);
        `apps_known`: the user told their apps, so "turn off improve ai" is about them."""
        text = clean(text, 2000)
        reading = self.read(text)
        meaning = self.meaning if by_meaning else None
        said = _without_greeting(self.lexicon.greetings, text)
        sense = cache(partial(meaning.sense, said)) if meaning else None
        found = self._by_words(text, reading, sense, apps_known)
        # unsure: scored, but no goal clear enough (not vague, not someone else's)
        unsure = found.goal is None and found.out_of_scope is None and found.confidence > 0
        # declined for its topic or read as asking nothing, not for another company's name:
        # the model and the closest questions, of one mind, may still know it
        declined = found.goal is None and not unsure and _topic_only(found.out_of_scope)
        declined = declined and len(text.split()) >= RESCUE_WORDS
        if sense is None or not (found.goal or unsure or declined):
            return found
        names_meta = reading.meta_named and not reading.companies
        names_meta = names_meta and meaning is not None and not meaning.names_another(text)
        goal = found.goal and asked_opinion(sense(), found.goal, found.confidence, names_meta)
        goal = learned_opinion(sense(), goal, unsure, found.confidence, declined)
        if goal == Goal.escalate != found.goal and accepted_not_refused(reading):
            goal = found.goal  # an accepted objection is no refusal (ACCEPTED)
        if goal is None:
            if found.goal is None:
                return found
            return replace(found, goal=None, cards=(), out_of_scope="topic:general")
        if goal != found.goal:
            cards = self._cards_of(goal, self._similarity(reading)[1], text)
            # an answer the words were unsure of is as sure as the model that gave it
            sure = found.confidence if found.goal else round(sense().learned[goal], 3)
            return replace(found, goal=goal, confidence=sure, cards=cards, out_of_scope=None)
        return found

    def _by_words(
        self,
        text: str,
        reading: Reading,
        sense: Callable[[], Sense] | None,
        apps_known: bool,
    ) -> Match:
        """The decision of the words, with the embedding's evidence where they are unsure."""
        place = self.gazetteer.find_in_text(text) if self.gazetteer and text else None
        platform = reading.about
        # what the question names, whatever is decided about it
        named = Match(None, 0.0, platform=platform, platforms=reading.platforms, place=place)
        lex = self.lexicon
        if not reading.terms and not reading.platforms:
            return replace(named, out_of_scope="empty")
        outside = _not_ours(self.lexicon, text, reading)
        if outside:
            return replace(named, out_of_scope=outside)
        # "facebook ai settings", "meta ai on ig?": nothing asked but the subject
        asked = [t for t in reading.terms if t[0] != "_" and len(t) > 2]
        vague = reading.intents <= lex.scope["vague"] and not asked
        # "delete", "stop": an action alone, on nothing named — which of the goals it acts in?
        bare_action = bool(reading.intents) and reading.intents <= lex.scope["actions"]
        bare_action = bare_action and not asked and not reading.platforms
        # "what is artificial intelligence": AI in general, nothing of Meta's named
        general = reading.intents <= GENERAL_AI and not reading.meta_named
        if (
            vague
            or general
            or bare_action
            or not lex.in_scope(reading.intents, bool(reading.platforms), apps_known)
        ):
            if not (reading.meta_named or "ai" in reading.concepts or bare_action):
                return replace(named, out_of_scope="topic:general")
            # "meta ai", "instagram?": about Meta, but what about it? Offer the goals asked
            # most (the lexicon's `vague_goals`), after the likeliest one if a word hints at it
            # ("settings"); the scores of a bare subject only say which examples name it most.
            scores, _ = self.scores(reading)
            ranked = sorted(scores, key=scores.__getitem__, reverse=True)
            hinted = ranked[:1] if reading.intents - {"meta", "ai", "meta_ai"} else []
            usual = () if bare_action else lex.vague_goals  # an action's goals are its own
            guesses = dict.fromkeys([*hinted, *usual, *ranked])
            return replace(named, alternatives=tuple(guesses)[:MAX_ALTERNATIVES], scores=scores)
        scores, sims = self.scores(reading)
        scores = _with_meaning(scores, sense)
        ranked = sorted(scores, key=scores.__getitem__, reverse=True)
        top = ranked[0]
        best, second = scores[top], scores[ranked[1]] if len(ranked) > 1 else 0.0
        confidence = _calibrate(best, second)
        others = [g for g in ranked[1:] if scores[g] >= best * 0.5 and scores[g] > 0.1]
        if confidence < ANSWER_AT:  # not sure: offer the likeliest goals instead of answering
            suggestions = [g for g in ranked if scores[g] >= max(best * 0.4, SUGGEST_FLOOR)]
            return replace(
                named,
                confidence=confidence,
                alternatives=tuple(suggestions[:MAX_ALTERNATIVES]),
                scores=scores,
            )
        return replace(
            named,
            goal=top,
            confidence=confidence,
            alternatives=tuple(others[:MAX_ALTERNATIVES]),
            cards=self._cards_of(top, sims, text),
            scores=scores,
        )


def _keep_listed_words(language: Language, data: dict[str, Any]) -> None:
    """A word the lexicon lists alone (a concept's or a topic's) is matched as written, never
    lemmatised."""
    topic_phrases = [phrases for _, phrases in _elsewhere(data, "topics")]
    for phrases in [*data["concepts"].values(), *topic_phrases]:
        for phrase in phrases:
            words = fold(phrase).split()
            if len(words) == 1:
                language.keep.update(words)


def _folded_set(words: list[str] | None) -> frozenset[str] | None:
    """A lexicon's word set, folded; None where the lexicon lists none (the key is absent)."""
    return None if words is None else frozenset(fold(w) for w in words)


def _platforms_named(
    platform_spans: list[tuple[int, int, str | None]],
    feature_spans: list[tuple[int, int, str | None]],
    tokens: Sequence[str] = (),
    joiners: frozenset[str] | None = None,
) -> tuple[tuple[Platform, ...], Platform | None]:
    """The apps a question names, and the one it is about: an app named only inside the name
    of a feature ("off-Facebook activity", "log in with Facebook") comes after the apps named
    for themselves ("where is off facebook activity on instagram" is about Instagram). A
    question naming two apps for themselves as a list is about neither one ("fb and insta");
    named apart, with the lexicon's `joiners`, it is about the first ("does deleting facebook
    also delete messenger")."""
    inside = {i for a, b, _ in feature_spans for i in range(a, b)}
    named: dict[Platform, bool] = {}
    own_spans: list[tuple[int, int, Platform]] = []
    for start, end, label in platform_spans:
        if label is not None:
            own = not inside.issuperset(range(start, end))
            named[Platform(label)] = named.get(Platform(label), False) or own
            if own:
                own_spans.append((start, end, Platform(label)))
    ordered = tuple(sorted(named, key=lambda p: not named[p]))
    own_apps = [p for p in ordered if named[p]] or list(ordered)
    if len(own_apps) == 1:
        return ordered, own_apps[0]
    if joiners is None or len(own_spans) < 2:
        return ordered, None
    listed = all(
        set(tokens[end:start]) <= joiners
        for (_, end, _), (start, _, _) in itertools.pairwise(own_spans)
    )
    return ordered, None if listed else own_spans[0][2]


def _says_any(text: str, phrases: frozenset[str]) -> bool:
    """Whether the folded text holds one of the phrases as whole words: a comparison is often two
    ("più sicuro di whatsapp", "mas seguro que"), which a set of single words never held."""
    padded = f" {' '.join(fold(text).split())} "
    return any(f" {phrase} " in padded for phrase in phrases)


def _elsewhere(data: dict[str, Any], key: str) -> list[tuple[str, Any]]:
    """The lexicon's `out_of_scope.<key>` and then its `elsewhere.<key>`: the companies,
    services, products and parties that are not Meta ("my bank", "my employer", "the smart TV"),
    and topics, each with its phrases."""
    parts = (data.get("out_of_scope") or {}, data.get("elsewhere") or {})
    return [item for part in parts for item in (part.get(key) or {}).items()]


def _names(data: dict[str, Any], key: str) -> PhraseIndex:
    """The lexicon's `elsewhere.<key>` list of names, each read as "other" (that service)."""
    names = PhraseIndex(_words)
    for name in (data.get("elsewhere") or {}).get(key) or ():
        names.add(name, "other")
    return names


_FIRST_WORD = re.compile(r"\s*([^\W\d_]+)[\s,.!:;-]*")


def _without_greeting(greetings: frozenset[str], text: str) -> str:
    """The question without the greeting before it ("gm, is there a way to hide the ai chat on
    whatsapp"): no part of what is asked, yet the sentence embedding reads the whole as small
    talk (that question went from remove_chatbot at 0.84 to unsure at 0.38 with "gm, ")."""
    rest = text
    for _ in range(3):  # "hi hello good morning"
        first = _FIRST_WORD.match(rest)
        if first is None:
            break
        second = _FIRST_WORD.match(rest, first.end())
        if second is not None and fold(f"{first[1]} {second[1]}") in greetings:
            rest = rest[second.end() :]
        elif fold(first[1]) in greetings:
            rest = rest[first.end() :]
        else:
            break
    return rest if len(rest.split()) >= 2 else text


def _alternation(phrases: Sequence[str]) -> re.Pattern[str] | None:
    """Any of the phrases as whole words (any spacing, any case), longest first."""
    words = sorted((fold(p).split() for p in phrases), key=len, reverse=True)
    alternatives = [r"\s+".join(map(re.escape, w)) for w in words if w]
    if not alternatives:
        return None
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.IGNORECASE)


def _per_token(spans: list[tuple[int, int, str | None]]) -> list[tuple[int, int, str | None]]:
    """Expand phrase spans to one entry per token (a multi-word platform name marks each word)."""
    out: list[tuple[int, int, str | None]] = []
    for start, end, label in spans:
        out.extend((start, end, label) for _ in range(start, end))
    return out


def _identity(terms: list[str]) -> list[str]:
    return terms


def _words(text: str) -> list[str]:
    return fold(text).split()


def _content_words(language: Language, stopwords: frozenset[str], text: str) -> list[str]:
    return [w for w in language.lemmas(text) if w not in stopwords]


def _build_inputs(
    cards: list[Card], platforms: dict[Platform, PlatformInfo], language: str
) -> list[Any]:
    """Everything a matcher is built from besides its lexicon file: the cache key's data."""
    examples = [
        [card.id, card.goal.value, bool(card.not_applicable), text.examples if text else None]
        for card in cards
        for text in [card.texts.get(language)]
    ]
    names = [
        [p.value, info.aliases, [t.name for t in info.texts.values()], info.emoji]
        for p, info in platforms.items()
    ]
    return [examples, names]


def _calibrate(best: float, second: float) -> float:
    """Map raw score and margin to 0..1: strong and clear → high; weak or split → low."""
    strength = min(best / 0.6, 1.0)
    margin = (best - second) / best if best > 0 else 0.0
    return round(float(strength * (0.5 + 0.5 * min(margin / 0.4, 1.0))), 3)
