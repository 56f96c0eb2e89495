"""Kinds of French and Italian phrasing the bot misread: app nicknames, a feature only WhatsApp has,
comparisons of two words, and the words that carry a goal (leaving Meta, where data ends up)."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    ("language", "text", "platform"),
    [
        # nicknames that are app names only in that language
        ("it", "su uozzap meta ai si può togliere?", Platform.whatsapp),
        ("it", "sul face l'ia usa le mie foto?", Platform.facebook),
        ("fr", "sur face comment je refuse l'ia", Platform.facebook),
        ("fr", "sur whats meta ai lit mes vocaux ?", Platform.whatsapp),
        # "face" alone is a French word, not the app
        ("fr", "face à l'ia de meta, je fais quoi pour mes données ?", None),
        # a feature only WhatsApp has names WhatsApp
        (
            "fr",
            "la confidentialité avancée, ça empêche meta ai de lire le groupe ?",
            Platform.whatsapp,
        ),
        ("it", "la privacy avanzata della chat tiene fuori meta ai dal gruppo?", Platform.whatsapp),
    ],
)
def test_the_app_meant_is_named(kb, language, text, platform):
    assert kb.matcher(language).match(text).platform == platform


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # another company compared with a Meta app in two words ("più sicuro", "más seguro")
        ("it", "signal è più sicuro di whatsapp per chattare?"),
        ("es", "telegram es más seguro que whatsapp para chatear?"),
        # legal matters that are not about Meta
        ("it", "come faccio opposizione alla multa stradale"),
        ("it", "quanto costa fare una sponsorizzata su insta"),
        ("fr", "raconte-moi une blague sur les robots"),
        ("fr", "comment je recupere une conversation whatsapp effacee"),
    ],
)
def test_out_of_scope(kb, language, text):
    assert kb.matcher(language).match(text).goal is None


@pytest.mark.parametrize(
    ("language", "text", "goal"),
    [
        ("it", "voglio sparire da facebook e instagram, da dove comincio?", Goal.delete_account),
        ("it", "quello che chiedo a meta ai che fine fa?", Goal.what_collected),
        ("it", "meta ai legge le chat con mio fratello?", Goal.what_collected),
        ("it", "come vedo l'attività al di fuori di instagram", Goal.off_platform_activity),
        (
            "it",
            "ho un agriturismo con la pagina insta, l'ia di meta può usare le foto?",
            Goal.business,
        ),
        ("it", "il garante si è espresso sull'addestramento di meta?", Goal.regulation),
        ("it", "mi sono opposto a marzo, l'opposizione vale ancora adesso?", Goal.stop_training),
        (
            "fr",
            "facebook sait ce que je fais ailleurs sur internet, comment couper",
            Goal.off_platform_activity,
        ),
        (
            "fr",
            "meta ai adapte ses réponses à mes likes, je peux couper ?",
            Goal.ai_personalization,
        ),
        (
            "fr",
            "comment empêcher que meta ai s'incruste dans le groupe des voisins",
            Goal.stop_ai_replies,
        ),
        ("fr", "une seule chose à faire contre meta ai, laquelle ?", Goal.quick_wins),
        ("fr", "mon opposition sur insta est valable pour facebook aussi ?", Goal.stop_training),
        ("fr", "c'est une blague, meta ignore mon opposition depuis deux mois", Goal.escalate),
    ],
)
def test_the_goal_is_read(kb, language, text, goal):
    assert kb.matcher(language).match(text).goal == goal
