"""End to end in French: a user in France onboards by text, asks in their own words (no accents,
"insta", "fb", elided "l'IA"), and reads the answer, the objection letter and the complaint to
the CNIL in French — not the English texts with a note."""

from __future__ import annotations

import pytest

from bot.dialogue import Engine
from tests.i18n.test_speaks_their_language import Speaker


@pytest.fixture
def french(engine: Engine) -> Speaker:
    user = Speaker(engine, "fr-FR")
    user.command("start")
    user.say("je vis en France")
    user.say("insta et fb")
    user.say("perso")
    assert user.profile.onboarded and user.profile.language == "fr"
    return user


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "comment empecher meta d'entrainer son IA avec mes photos insta",
            "vous opposer à l'utilisation de vos données par l'IA de Meta",
        ),
        (
            "je veux supprimer mon compte fb definitivement",
            "vous pouvez supprimer définitivement votre compte Facebook",
        ),
        (
            "comment enlever meta ai de la recherche instagram",
            "aucun réglage ne retire Meta AI d'Instagram",
        ),
        # "d'instagram" folds to "dinstagram": read as Instagram, not as an unknown word
        ("retirer meta ai d'instagram", "aucun réglage ne retire Meta AI d'Instagram"),
        (
            "meta a rejeté mon opposition, je fais quoi maintenant",
            "si Meta refuse votre opposition ou ne répond pas dans un délai d'un mois",
        ),
        ("par quoi je commence, j'ai 5 minutes", "Commencez par le formulaire d'opposition"),
    ],
)
def test_a_french_question_gets_the_french_card(french, question, title):
    answer = french.say(question)
    assert title in answer
    assert "anglais" not in answer, "no 'shown in English' note: the card is translated"
    assert french.profile.language == "fr"


def test_the_objection_letter_is_in_french(french):
    french.say("formulaire d'opposition a l'ia de meta")
    letter = french.press("l:objection")
    assert "Je m'oppose" in letter and "Meta Platforms Ireland Limited" in letter
    assert "[l'adresse e-mail ou le lien du profil de votre compte]" in letter
    assert "I object" not in letter


def test_the_complaint_to_the_cnil_reads_as_a_french_complaint(french):
    french.say("meta a ignoré mon opposition depuis deux mois")
    complaint = french.press("l:complaint")
    assert "Objet : réclamation" in complaint
    assert "Madame, Monsieur," in complaint
    assert "salutations distinguées" in complaint
    assert "CNIL" in complaint, "addressed to the French authority"
    assert "Complaint under" not in complaint


def test_an_off_topic_question_in_french_names_the_other_company(french):
    answer = french.say("comment desactiver l'ia de tiktok")
    assert "TikTok" in answer
    assert "Vous opposer" not in answer
