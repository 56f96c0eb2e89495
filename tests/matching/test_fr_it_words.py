"""French and Italian words that mean two things: the reading a user means wins."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "text", "goal"),
    [
        # "page"/"pagina" alone is any page, not a business's Facebook Page
        ("fr", "la page du formulaire d'opposition marche pas", Goal.stop_training),
        ("it", "la pagina del modulo di opposizione non funziona", Goal.stop_training),
        ("fr", "ma boite a une page, l'ia de meta peut utiliser nos posts ?", Goal.business),
        # "ai miei" is "to my", not AI; "li legge" is "reads them", not the law
        ("it", "come mando un messaggio ai miei amici su whatsapp", None),
        ("it", "meta ai i miei messaggi li legge?", Goal.what_collected),
        # a restaurant or a shop is a business only next to Meta, AI or an app
        ("fr", "tu connais un bon restaurant à lyon", None),
        ("it", "vado in campagna questo weekend", None),
        ("it", "ho una pagina aziendale, l'ia di meta usa i miei post?", Goal.business),
        # "in blocco" is in bulk, not blocking
        ("it", "si possono cancellare in blocco i commenti su insta?", Goal.delete_specific_data),
        # Meta's notice citing legitimate interest asks for an objection, its refusal a complaint
        (
            "fr",
            "j'ai reçu un mail de meta sur l'intérêt légitime, comment je refuse",
            Goal.stop_training,
        ),
        ("fr", "meta a rejeté mon opposition pour intérêt légitime, je fais quoi", Goal.escalate),
    ],
)
def test_the_meant_reading_wins(kb, language, text, goal):
    assert kb.matcher(language).match(text).goal == goal
