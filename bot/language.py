"""Which language a user writes in, among the catalogue languages only.

py3langid restricted to the six catalogue languages, measured on bench/data/lang/*.yaml,
onboarding_*.yaml and bench/data/chat.yaml (874 short chat texts): 96.9 % top-1; lingua
(`lingua-language-detector`, high accuracy) 95.9 %, low-accuracy mode 90.4 %. Brand words
("insta", "whatsapp", "meta ai") say nothing about the language and pull towards English, so
they are left out; then a switch needs two words and a clear margin (top probability minus the
runner-up ≥ 0.8): it decides 90.4 % of those texts with 1 wrong in 790 (margin 0.9: 86.2 %,
1 wrong), and single words ("ok", "Deutschland", "privat") never switch. py3langid costs
~0.8 s and ~80 MB on first use (lingua: 2.1 s, ~190 MB), so it is loaded lazily: a cold start
that never reads a text never pays for it. Most of that is decompressing its model (0.5 s on
2 cores), so the model cut down to the catalogue languages is kept in the build cache
(bot/cache.py) as numpy arrays, which it maps into memory rather than reads: 41 MB, of which a
text touches a few pages (loaded in ~5 ms; read and unpickled as Python arrays, 0.25 s).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Protocol

from bot.i18n import languages

MARGIN = 0.8
MIN_WORDS = 2
# away from the language a conversation is in: "e no whats?" (two words left, "no" English
# enough) switched a Portuguese conversation to English mid-way (conversations_dev16a)
MIN_WORDS_TO_LEAVE = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# Names that read the same in every language (apps, Meta AI in each language's spelling).
NEUTRAL = frozenset(
    [
        "meta",
        "ai",
        "ki",
        "ia",
        "facebook",
        "instagram",
        "insta",
        "whatsapp",
        "messenger",
        "fb",
        "ig",
        "wa",
        "zap",
        "whatsi",
        "whats",
        "wpp",
        "zapzap",
        "gram",
    ]
)


class _Identifier(Protocol):
    def rank(self, text: str) -> list[tuple[str, float]]: ...

    def set_languages(self, langs: list[str]) -> None: ...


@cache
def _identifier() -> _Identifier:
    from py3langid.langid import LanguageIdentifier

    from bot.cache import BuildCache, build_key

    codes = sorted(languages())
    model, _ = BuildCache.default().fetch(
        "langid", build_key("langid", codes), tuple, lambda: _model(codes)
    )
    ptc, pc, classes, nextmove, row, output = model
    # a memoryview reads out Python ints, as py3langid's own arrays do, at list speed
    identifier: _Identifier = LanguageIdentifier(
        ptc,
        pc,
        classes,
        memoryview(nextmove),
        memoryview(output),
        norm_probs=True,
        tk_row=memoryview(row),
    )
    return identifier


def _model(codes: list[str]) -> tuple[object, ...]:
    """py3langid's model restricted to `codes`, as its constructor takes it, its tables as
    numpy arrays (which the build cache maps into memory)."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    full = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    full.set_languages(codes)
    tables = (full.tk_nextmove, full.tk_row, np.asarray(full.tk_output, dtype=np.int32))
    nextmove, row, output = (np.asarray(table) for table in tables)
    return full.nb_ptc, full.nb_pc, full.nb_classes, nextmove, row, output


def ranked(text: str) -> list[tuple[str, float]]:
    """Each catalogue language with its probability for `text`, most likely first."""
    return [(code, float(p)) for code, p in _identifier().rank(text)]


# a guess the conversation may confirm by understanding the text (bot/dialogue/language.py)
LIKELY = 0.5


def likely(text: str) -> str | None:
    """The most probable language of a text of two words or more, when it has at least
    `LIKELY` probability: not enough to switch on its own."""
    words = [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL]
    if len(words) < MIN_WORDS:
        return None
    first, p1 = ranked(" ".join(words))[0]
    return first if p1 >= LIKELY else None


def identify(text: str, min_words: int = MIN_WORDS) -> str | None:
    """The language `text` is clearly written in, or None when it is too short or unclear."""
    words = [w for w in _WORD.findall(text) if w.lower() not in NEUTRAL]
    if len(words) < min_words:
        return None
    (first, p1), (_, p2) = ranked(" ".join(words))[:2]
    return first if p1 - p2 >= MARGIN else None
