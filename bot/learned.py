"""A linear model over the sentence vectors of every labelled question: how likely each goal is,
"not ours" included (multinomial logistic regression, scikit-learn's, fitted when the labelled
questions change and kept in the build cache as two plain arrays).

Why: the five closest labelled questions (bot/semantic.py `Sense.vote`) are a noisy judge, and
the words (bot/matching.py) mistake one goal for a neighbouring one — training for
personalisation, a refused objection for what Meta collects — or leave a paraphrase unsure.
A model fitted on all the labelled questions at once weighs every one of them. Measured on
the 1,600 questions of knowledge/asked/wave10/ in two folds (half of them labelled with the
rest of the pool, the other half judged): on its own it put the right goal first for 88.0 /
89.0 % (the words with the five closest: 84.8 / 85.3 %); `bot.matching.learned_opinion` says how
the two are combined. C=16 of 1, 4, 16, 64 (86.4, 87.0, 88.0, 87.3 % alone on the first fold).
Fitting takes ~1.5 s on one thread for the 9,452 card examples and asked questions (4.8 s with
OpenBLAS and OpenMP threads on 2 cores; once per change to them:
the build cache keeps it); applying it is one 17 × 512 product, ~13 µs a question.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.vocabulary import Goal

C = 16.0  # inverse regularisation: the measurement is in the module's docstring
ITERATIONS = 1000  # lbfgs converges in ~124


@dataclass(frozen=True)
class Learned:
    """P(label | question vector) for the labels a model was fitted on (None: not ours)."""

    labels: tuple[Goal | None, ...]
    weights: np.ndarray  # labels × 512
    bias: np.ndarray  # labels

    def probabilities(self, vector: np.ndarray) -> dict[Goal | None, float]:
        z = self.weights @ vector + self.bias
        z = np.exp(z - z.max())
        return dict(zip(self.labels, (z / z.sum()).tolist(), strict=True))

    @classmethod
    def fit(cls, vectors: np.ndarray, labels: list[Goal | None]) -> Learned | None:
        """None when there is nothing to tell apart (fewer than two labels: a test's tiny
        knowledge base). scikit-learn is imported here only, as bot/matching.py does."""
        names = [label.value if label else "" for label in labels]
        if len(set(names)) < 2:
            return None
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        # one thread, BLAS and OpenMP alike: the bot fits in a background thread while others
        # encode questions (which set BLAS to one thread around each call) and the tests fork;
        # with OpenBLAS's and OpenMP's own threads running, a CI run hung at that point
        with threadpool_limits(limits=1):
            model = LogisticRegression(C=C, max_iter=ITERATIONS).fit(vectors, names)
        weights, bias = model.coef_.astype(np.float32), model.intercept_.astype(np.float32)
        if len(model.classes_) == 2:  # one row, for the second label against the first
            weights = np.vstack([np.zeros_like(weights), weights])
            bias = np.concatenate([np.zeros_like(bias), bias])
        found = tuple(Goal(name) if name else None for name in model.classes_)
        return cls(found, weights, bias)


def key_of(texts: list[str], labels: list[Goal | None], vectors_key: str) -> str:
    """What a fitted model depends on: the questions, their labels, the vectors' model and
    this module."""
    digest = hashlib.sha256(f"{vectors_key}\n".encode())
    digest.update(Path(__file__).read_bytes())
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label.value if label else ''}\t{text}\n".encode())
    return digest.hexdigest()
