"""The scope rule (bot/matching.py, knowledge/matching/<lang>.yaml `elsewhere`): general words
(account, delete, close, complain, collect, assistant, AI) put a question in scope only when it
is about Meta. A question whose object is another company, service, product or party — a bank,
an employer, a neighbour's camera, a car, a browser alone — is declined unless it names a Meta app,
Meta or Meta AI too; the same words about Meta are still answered."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal

# Written for these tests, independently of the evaluation sets.
ELSEWHERE = {
    "en": [
        "how do i close my bank account",
        "my employer films me at work, can i complain to the data protection authority",
        "complain about my neighbour's camera filming my garden",
        "does my car collect data about me",
        "how do i delete my browser history in chrome",
        "delete my old email account",
        "what is artificial intelligence",
    ],
    "fr": [
        "comment fermer mon compte en banque",
        "comment résilier mon abonnement Netflix",
        "comment désactiver l'assistant Google",
        "mon employeur me filme au travail, je peux porter plainte à la CNIL ?",
        "ma banque peut-elle utiliser mes données pour son IA",
        "ma voiture collecte-t-elle mes données",
        "c'est quoi l'intelligence artificielle",
    ],
    "de": [
        "wie kündige ich mein Bankkonto",
        "wie schalte ich den Google Assistant aus",
        "mein altes E-Mail-Konto löschen",
        "Beschwerde über die Kamera meines Nachbarn",
        "darf meine Bank meine Daten für KI nutzen",
        "Chrome Verlauf löschen",
        "was ist künstliche Intelligenz",
    ],
    "es": [
        "cómo cerrar mi cuenta del banco",
        "cancelar mi suscripción de Netflix",
        "cómo desactivo el asistente de Google",
        "mi jefe me graba en el trabajo, puedo denunciar a la AEPD",
        "mi coche recoge datos sobre mí",
        "como ver quien vio mis historias de insta",
        "qué es la inteligencia artificial",
    ],
    "it": [
        "come chiudere il conto in banca",
        "disdire l'abbonamento Netflix",
        "il mio datore di lavoro mi filma, posso fare reclamo al Garante",
        "la mia banca può usare i miei dati per l'IA",
        "disiscrivermi da una newsletter",
        "cancellare la cronologia di Chrome",
    ],
    "pt": [
        "como encerrar minha conta no banco",
        "cancelar minha assinatura da Netflix",
        "como desativo o assistente do Google",
        "meu chefe me filma no trabalho, posso reclamar na ANPD",
        "reclamação da câmera do vizinho",
        "como faço figurinha com a meta ai",
        "o que é inteligência artificial",
    ],
}

# The same general words, about Meta: answered, and with the goal they ask for.
ABOUT_META = {
    "en": [
        ("how do i close my instagram account", Goal.delete_account),
        ("complain to the data protection authority about meta", Goal.escalate),
        ("can meta ai read my messages", Goal.what_collected),
        ("is using facebook in chrome instead of the app better for privacy", Goal.browser_vs_app),
        # "the app" weighed against the web is Meta's, though none is named
        ("does using the website instead of the app help at all?", Goal.browser_vs_app),
    ],
    "fr": [
        ("comment fermer mon compte Instagram", Goal.delete_account),
        ("comment désactiver l'assistant Meta AI dans WhatsApp", Goal.remove_chatbot),
        ("porter plainte à la CNIL contre Meta", Goal.escalate),
    ],
    "de": [
        ("Instagram Konto schließen", Goal.delete_account),
        ("wie schalte ich den Meta AI Assistenten in WhatsApp aus", Goal.remove_chatbot),
        ("Beschwerde bei der Datenschutzbehörde gegen Meta", Goal.escalate),
    ],
    "es": [
        ("cómo cierro mi cuenta de Instagram", Goal.delete_account),
        ("cómo desactivo el asistente de Meta AI en WhatsApp", Goal.remove_chatbot),
        ("denunciar a Meta ante la AEPD", Goal.escalate),
    ],
    "it": [
        ("come chiudo il mio account Instagram", Goal.delete_account),
        ("come disattivo l'assistente Meta AI su WhatsApp", Goal.remove_chatbot),
        ("reclamo al Garante contro Meta", Goal.escalate),
    ],
    "pt": [
        ("excluir minha conta do Facebook", Goal.delete_account),
        ("como desativo o assistente Meta AI no WhatsApp", Goal.remove_chatbot),
        ("reclamar na ANPD contra a Meta", Goal.escalate),
    ],
}


@pytest.mark.parametrize(
    ("language", "text"), [(lang, text) for lang, texts in ELSEWHERE.items() for text in texts]
)
def test_a_question_about_something_other_than_meta_is_not_answered(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    assert kb.matcher(language).match(text).goal is None


@pytest.mark.parametrize(
    ("language", "text", "goal"),
    [(lang, text, goal) for lang, pairs in ABOUT_META.items() for text, goal in pairs],
)
def test_the_same_general_words_about_meta_are_answered(
    kb: KnowledgeBase, language: str, text: str, goal: Goal
) -> None:
    assert kb.matcher(language).match(text).goal == goal


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "delete the app and only use safari, does that help with the ai"),
        ("de", "app löschen und nur noch über safari rein, bringt das was wegen der ki"),
        ("fr", "supprimer l'appli et passer par safari, ça aide pour l'ia ?"),
        ("es", "borro la app y entro solo por safari, sirve de algo con la ia?"),
        ("it", "cancello l'app e uso solo safari, serve per l'ia?"),
        ("pt", "apago o app e uso só pelo safari, adianta pra ia?"),
    ],
)
def test_a_browser_weighed_against_the_app_is_about_metas_app(
    kb: KnowledgeBase, language: str, text: str
) -> None:
    # the browser is not another company's subject here: "the app" is Meta's, though unnamed
    assert kb.matcher(language).match(text).goal == Goal.browser_vs_app
    assert kb.matcher("en").match("how do i stop chrome tracking me").goal is None


def test_another_party_named_beside_meta_is_about_meta(kb: KnowledgeBase) -> None:
    """ "my bank" alone is declined; "my bank" sharing data with Facebook is ours."""
    matcher = kb.matcher("en")
    assert matcher.match("does my bank use my data").out_of_scope == "company:other"
    assert matcher.match("my bank shares my data with facebook, can i stop it").understood


def test_a_person_or_institution_is_ours_when_asked_about_ai_training(kb: KnowledgeBase) -> None:
    """A school or a neighbour may post on Meta's apps: what only Meta does (training its AI on
    the photos) keeps the question in scope; the same party without it does not."""
    matcher = kb.matcher("en")
    assert matcher.match(
        "the teacher posts pics of my kid, can they be used for ai training"
    ).understood
    assert not matcher.match("can my school post photos of my kid online").understood


def test_ai_in_general_offers_the_goals_instead_of_answering(kb: KnowledgeBase) -> None:
    """ "what is AI" is not about Meta: no answer, but a choice of what the bot does covers
    it (the person may mean Meta's AI); "what is meta ai" is answered."""
    general = kb.matcher("en").match("what is artificial intelligence")
    assert general.goal is None and general.alternatives
    assert kb.matcher("en").match("what is meta ai").goal == Goal.overview


@pytest.mark.parametrize(
    ("language", "about_someone", "how_to_use"),
    [
        (
            "en",
            "a colleague uses meta ai, can it see what i write to him?",
            "how do i use meta ai to write a cover letter",
        ),
        (
            "es",
            "mi cuñado usa meta ai, puede la ia ver lo que le escribo?",
            "como uso meta ai para hacer un resumen",
        ),
    ],
)
def test_someone_using_meta_ai_is_not_a_question_about_using_it(
    kb: KnowledgeBase, language: str, about_someone: str, how_to_use: str
) -> None:
    """An uncovered topic made of one verb and the subject ("how do I use Meta AI") is matched as
    written, not loosened to "use meta ai" anywhere in a question (bot/matching.py)."""
    matcher = kb.matcher(language)
    assert matcher.match(about_someone).out_of_scope is None
    assert matcher.match(about_someone).goal is not None
    assert matcher.match(how_to_use).goal is None
