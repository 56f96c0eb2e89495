"""The linear model over the labelled questions (bot/learned.py) and how the matcher heeds it
(bot/matching.py `learned_opinion`)."""

from __future__ import annotations

import numpy as np

from bot.knowledge import KnowledgeBase
from bot.learned import Learned
from bot.matching import ANSWER_AT, learned_opinion
from bot.semantic import Sense
from bot.vocabulary import Goal


def test_the_model_tells_apart_what_it_learned_and_its_probabilities_sum_to_one() -> None:
    rng = np.random.default_rng(3)
    centres = {Goal.stop_training: 0, Goal.remove_chatbot: 1, None: 2}
    vectors = np.vstack([rng.normal(0, 0.1, (20, 8)) + np.eye(8)[i] for i in centres.values()])
    labels = [label for label in centres for _ in range(20)]
    learned = Learned.fit(vectors.astype(np.float32), labels)
    assert learned is not None
    for label, i in centres.items():
        likely = learned.probabilities(np.eye(8, dtype=np.float32)[i])
        assert max(likely, key=likely.__getitem__) == label
        assert abs(sum(likely.values()) - 1) < 1e-5


def test_two_labels_are_enough_and_one_is_nothing_to_learn() -> None:
    vectors = np.vstack([np.eye(4)[0], np.eye(4)[1]] * 5).astype(np.float32)
    two = Learned.fit(vectors, [Goal.overview, None] * 5)
    assert two is not None
    assert max(two.probabilities(vectors[0]).items(), key=lambda kv: kv[1])[0] == Goal.overview
    assert Learned.fit(vectors, [Goal.overview] * 10) is None


def sense(vote: Goal | None, **likely: float) -> Sense:
    return Sense({}, vote=vote, share=0.6, learned=_labels(likely))


def test_an_unsure_question_is_answered_when_the_model_is_clear() -> None:
    clear = sense(None, remove_chatbot=0.8, none=0.2)
    assert learned_opinion(clear, None, unsure=True, confidence=0.3) == Goal.remove_chatbot
    # not when the words were sure it is not ours, nor when the model is unsure too
    assert learned_opinion(clear, None, unsure=False, confidence=0.0) is None
    vague = sense(None, remove_chatbot=0.5, overview=0.4, none=0.1)
    assert learned_opinion(vague, None, unsure=True, confidence=0.3) is None


def test_another_goal_needs_the_model_surer_than_the_words_and_the_vote_not_against_it() -> None:
    likely = {"stop_training": 0.9, "trained_data": 0.05, "none": 0.05}
    assert (
        learned_opinion(sense(None, **likely), Goal.trained_data, False, 0.85) == Goal.stop_training
    )
    # "un-train": the words' cue was surer than the model
    assert (
        learned_opinion(sense(None, **likely), Goal.trained_data, False, 0.95) == Goal.trained_data
    )
    # the closest questions side with the words
    assert (
        learned_opinion(sense(Goal.trained_data, **likely), Goal.trained_data, False, 0.5)
        == Goal.trained_data
    )


def test_an_answer_the_words_were_unsure_of_is_declined_when_the_model_says_not_ours() -> None:
    theirs = sense(None, none=0.95, overview=0.05)
    assert learned_opinion(theirs, Goal.overview, False, 0.8) is None
    assert learned_opinion(theirs, Goal.overview, False, 1.0) == Goal.overview  # sure words


def test_sure_words_are_overruled_only_when_both_judges_of_meaning_clearly_agree() -> None:
    likely = {"stop_training": 0.95, "regulation": 0.03, "none": 0.02}
    backed = Sense({}, vote=Goal.stop_training, share=0.85, learned=_labels(likely))
    assert learned_opinion(backed, Goal.regulation, False, 1.0) == Goal.stop_training
    split = Sense({}, vote=Goal.stop_training, share=0.5, learned=_labels(likely))
    assert learned_opinion(split, Goal.regulation, False, 1.0) == Goal.regulation


def _labels(likely: dict[str, float]) -> dict[Goal | None, float]:
    return {(None if k == "none" else Goal(k)): v for k, v in likely.items()}


def test_a_question_the_words_were_unsure_of_is_answered_when_the_model_is_clear(
    kb: KnowledgeBase,
) -> None:
    text = "Is there a version of messenger without the meta ai bit"
    found = kb.matcher("en").match(text)
    # answered, not offered as "did you mean": as sure as the model that gave it
    assert found.goal == Goal.remove_chatbot and found.confidence >= ANSWER_AT
