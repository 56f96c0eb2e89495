"""Internal words (our workshop vocabulary) that must not appear in anything a user reads.

The list is data (knowledge/internal_words.yaml) so letters, the checklist and other
languages can share it; `internal_words` is the one matcher every check uses.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from bot.yamlfile import load_yaml

WORDS_FILE = "internal_words.yaml"


def load_words(directory: Path) -> tuple[str, ...]:
    return tuple(str(w) for w in load_yaml(directory / WORDS_FILE)["words"])


@cache
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    # Whole words: no letter or digit may touch either end of a listed word or phrase.
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def internal_words(text: str, words: tuple[str, ...]) -> list[str]:
    """The listed words found in `text`, as written there (HTML tags are not skipped: a word
    inside a link target would be caught too, which is what we want)."""
    return [m.group(0) for m in _pattern(words).finditer(text)]
