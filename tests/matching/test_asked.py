"""The questions people asked (knowledge/asked/, labelled with their goal or as not ours) as a
second opinion on every answer the words give (bot/matching.py `asked_opinion`): a question in
Meta's words about something else is declined when it is as close to questions that were not
ours as to those that were, and an unsure answer follows a clear vote of the closest. Being data,
a new kind is taught by adding questions, not code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bench.accuracy import DATA
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR, read
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "can i stop whatsapp backing up to google drive"),
        ("fr", "comment bloquer quelqu un sur facebook"),
    ],
)
def test_an_app_matter_in_our_words_is_declined_by_what_people_asked(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    matcher = kb.matcher(language)
    assert matcher.match(text, by_meaning=False).goal is not None  # the words alone answer it
    found = matcher.match(text)
    assert found.goal is None and found.out_of_scope


def test_an_unsure_answer_follows_a_clear_vote_of_the_closest_questions(kb: KnowledgeBase) -> None:
    text = "how do i stop meta ai summarising my group chats"  # Advanced Chat Privacy does
    assert kb.matcher("en").match(text, by_meaning=False).goal == Goal.remove_chatbot
    assert kb.matcher("en").match(text).goal == Goal.stop_ai_replies


def test_a_question_the_words_declined_for_its_topic_is_answered_when_meanings_agree(
    kb: KnowledgeBase,
) -> None:
    text = (
        "How long do copies of my Instagram data stay on their servers once the account is deleted?"
    )
    matcher = kb.matcher("en")
    assert matcher.match(text, by_meaning=False).out_of_scope == "topic:usage"
    assert matcher.match(text).goal == Goal.delete_account
    for theirs in ("how do i get more likes on my reels", "my instagram was hacked, help me"):
        assert matcher.match(theirs).goal is None, theirs


def test_a_clear_question_near_someone_elses_stays_ours(kb: KnowledgeBase) -> None:
    # close to "how do i close my bank account": the words were sure, so it takes more
    assert kb.matcher("en").match("how do i close my instagram account").goal == (
        Goal.delete_account
    )


def test_a_new_kind_is_taught_by_adding_questions(kb: KnowledgeBase, tmp_path: Path) -> None:
    text = "turn off instagram vanish mode"
    assert kb.matcher("en").match(text).goal is not None  # answered with a card today
    directory = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, directory)
    taught = [
        "what is vanish mode on insta",
        "how do i stop vanish mode turning on in my instagram chats",
        "instagram vanish mode disable",
        "verschwindende nachrichten modus bei instagram ausschalten",
        "désactiver le mode éphémère sur instagram",
        "quitar el modo efímero de instagram",
        "disattivare la modalità effimera su instagram",
    ]
    (directory / "asked" / "vanish_mode.yaml").write_text(
        yaml.safe_dump([{"text": t, "goal": None} for t in taught]), encoding="utf-8"
    )
    found = load_knowledge(directory, kb.cache).matcher("en").match(text)
    assert found.goal is None and found.out_of_scope


def test_no_question_the_benchmarks_measure_with_is_learned_from(kb: KnowledgeBase) -> None:
    """bench/data/ holds the sets that measure the bot on questions it has not seen; one of
    them among the asked questions would find itself and flatter the figure."""
    asked = {q.text.casefold().strip() for q in kb.asked}
    measured = {
        str(item["text"]).casefold().strip()
        for path in [*DATA.glob("*.yaml"), *DATA.glob("lang/*.yaml"), *DATA.glob("lang/*/*.yaml")]
        if not path.name.startswith(("conversations", "onboarding"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    }
    assert len(asked) > 2000 and len(measured) > 1500
    assert not asked & measured


def test_a_mislabelled_question_is_reported_and_the_others_are_still_learned_from(
    tmp_path: Path,
) -> None:
    directory = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, directory)
    (directory / "asked" / "typo.yaml").write_text(
        yaml.safe_dump(
            [
                {"text": "turn off autoplay on facebook", "goal": None},
                {"text": "how do i stop meta ai training", "goal": "stop_trainig"},
            ]
        ),
        encoding="utf-8",
    )
    data, problems = read(directory)
    (problem,) = [p for p in problems if p.level == "error"]
    assert problem.file.endswith("typo.yaml") and problem.message.startswith("question 1:")
    assert "turn off autoplay on facebook" in {q.text for q in data.asked}


def test_a_greeting_before_a_question_does_not_change_what_it_means(kb: KnowledgeBase) -> None:
    plain = "is there a way to hide the ai chat on whatsapp"
    assert kb.matcher("en").match(plain).goal == Goal.remove_chatbot
    for greeted in (f"gm, {plain}", f"good morning! {plain}", f"hey {plain}"):
        assert kb.matcher("en").match(greeted).goal == Goal.remove_chatbot, greeted
    assert kb.matcher("pt").match("oi tudo bem, como tiro a meta ai do zap").goal == (
        Goal.remove_chatbot
    )
