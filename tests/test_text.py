"""How texts are read before matching: what a user types in any of the six languages becomes the
words the lexicons list, and the knowledge files keep the words their authors wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.text import fold
from bot.yamlfile import load_yaml


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("L'IA de Meta", "l ia de meta"),  # French elision: the app and the lemma are found
        ("d’instagram", "d instagram"),
        ("cos'è meta ai", "cos e meta ai"),  # Italian
        ("dell'app", "dell app"),
        ("außerhalb von Facebook", "ausserhalb von facebook"),  # German ß is one word
        ("don't", "dont"),  # English keeps its contractions
        ("Meta's AI", "meta ai"),
    ],
)
def test_folding_reads_each_language_as_its_writers_mean_it(typed, read):
    assert fold(typed) == read


def test_yes_no_on_off_in_a_word_list_stay_words(tmp_path: Path):
    path = tmp_path / "words.yaml"
    path.write_text("stop: [turn off, off]\nstopwords: [yes, no, on]\nflag: true\n")
    data = load_yaml(path)
    assert data == {"stop": ["turn off", "off"], "stopwords": ["yes", "no", "on"], "flag": True}
