"""Portuguese questions as Brazilians and Portuguese type them: what the Portuguese lexicon
(knowledge/matching/pt.yaml) must read right. Each case is a kind of asking that once went
unanswered or to the wrong goal; the phrasings are this file's own."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform


@pytest.fixture(scope="module")
def portuguese(kb):
    return kb.matcher("pt")


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        # others calling Meta AI into a group: its replies there, not how to use it
        ("como impeço o pessoal de usar a meta ai no grupo do futebol", Goal.stop_ai_replies),
        ("a meta ai se mete nas conversas de grupo, como evito", Goal.stop_ai_replies),
        # suggested replies are replies
        ("sugestões de resposta da ia no zap, como desativo", Goal.stop_ai_replies),
        # "fora" / "me livro": getting rid of the assistant
        ("quero a meta ai fora do meu insta", Goal.remove_chatbot),
        # the "Melhorar a IA" switch of an app is the personalisation switch
        ("desliga o melhorar a ia do whatsapp, onde fica", Goal.ai_personalization),
        # what Meta AI knows of me, used in its answers
        (
            "a meta ai sabe minha cidade e usa isso nas respostas, como paro",
            Goal.ai_personalization,
        ),
        ("como faço o face parar de me sugerir coisas com ia", Goal.ai_personalization),
        # "ir parar na IA": ending up in the training
        ("não quero minhas selfies indo parar na ia da meta", Goal.stop_training),
        # disconnecting third-party apps is the connected apps, not the other sites' reports
        ("desconectar jogos e apps de terceiros do meu face", Goal.connected_apps),
        # seen in a shop online, then an ad in the app
        (
            "vi uns sapatos numa loja online e agora aparecem no insta, como corto isso",
            Goal.off_platform_activity,
        ),
        # "resumindo" / "faz mais diferença": the short list
        ("resumindo, qual configuração faz mais diferença contra a meta ai?", Goal.quick_wins),
    ],
)
def test_a_portuguese_question_reaches_its_goal(portuguese, question, goal):
    assert portuguese.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        # an own website's privacy policy, another body's fine, the app's calls
        "preciso de uma política de privacidade pro meu blog",
        "como contestar uma multa de trânsito online",
        "como desligo as ligações no messenger",
    ],
)
def test_a_portuguese_question_about_something_else_is_out_of_scope(portuguese, question):
    assert portuguese.match(question).goal is None


def test_the_direct_names_instagram(portuguese):
    # in Brazil "o direct" is Instagram's inbox: a question about it is about Instagram
    match = portuguese.match("a ia da meta consegue ler o que mando no direct?")
    assert match.goal == Goal.what_collected
    assert match.platform == Platform.instagram
