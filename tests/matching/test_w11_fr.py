"""French questions of the kinds the wave-11 development set showed read wrong: app matters that
share words with ours (archiving a chat, a private profile, a session to close, a subscription
to cancel, Meta AI asked for a recipe) stay declined, and "garder le compte", "refus de Meta",
"avant que" and "stop IA sur mes photos" reach their goals. Each case is a kind the French
lexicon (knowledge/matching/fr.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # the user keeps the account: the data, not the account
        (
            "je garde mon compte facebook mais je veux nettoyer mes vieilles photos",
            Goal.delete_specific_data,
        ),
        # "avant que leur IA…" looks ahead, it is not data already used
        (
            "effacer mes posts insta avant que l'ia les prenne, sans fermer le compte",
            Goal.delete_specific_data,
        ),
        # Meta's refusal, not the user's
        ("j'ai reçu un refus de meta, je peux me plaindre à qui ?", Goal.escalate),
        # stopping the AI on one's photos is about their use for training
        ("stop l'ia de meta sur mes vidéos", Goal.stop_training),
        # "qu'ils n'utilisent pas mes photos": not using them is stopping it
        ("je veux que meta n'utilise pas mes photos pour son ia", Goal.stop_training),
        # …and not using one's activity is the personalisation
        (
            "où est le réglage pour que l'ia n'utilise plus mon activité ?",
            Goal.ai_personalization,
        ),
    ],
)
def test_the_kind_reaches_its_goal(french, question, goal):
    assert french.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "comment archiver une discussion de groupe sur whatsapp",
        "comment passer mon profil instagram en privé",
        "whatsapp web me déconnecte tout le temps, c'est pénible",
        "quelqu'un est connecté sur mon facebook, comment le déconnecter à distance ?",
        "je voudrais annuler mon abonnement meta verified",
        "meta ai peut me proposer une recette de gâteau ?",
        "comment activer le contrôle parental sur instagram",
    ],
)
def test_app_matters_stay_declined(french, question):
    assert french.match(question).goal is None
