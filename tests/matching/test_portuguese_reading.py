"""Portuguese questions as Brazilians and Portuguese type them: what the Portuguese lexicon
(knowledge/matching/pt.yaml) must read right. Each case is a kind of asking that once went
unanswered or to the wrong goal; the phrasings are this file's own."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform


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
        # "ou já era?" after a request to stop asks whether there is still time
        ("consigo impedir o face de treinar com meus stories ou já era", Goal.stop_training),
        # taking one's data out of the training is the objection
        ("quero retirar minhas fotos do treinamento da ia do insta", Goal.stop_training),
        # "falou"/"respondeu" told in a story, with what it knows: the personalisation
        (
            "a meta ai respondeu falando do meu bairro, não quero que use o que eu faço",
            Goal.ai_personalization,
        ),
        # an app "ligado ao meu facebook" and its permission
        ("um quiz tá ligado ao meu facebook, como tiro a permissão", Goal.connected_apps),
        # the objection asked for a business account is the business answer
        ("conta de empresa no insta também pode fazer oposição?", Goal.business),
        # "o que é que" (Portugal) is no "o que é"
        ("o que é que a meta ai sabe de mim ao certo", Goal.what_collected),
        # "para a Meta AI não responder" asks to stop its replies, not about an unanswered objection
        ("como faço para a meta ai não responder no meu grupo", Goal.stop_ai_replies),
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
        # money spent in a game, a job lost over a post, an account blocked by Meta
        "meu filho gastou 50 reais num jogo do face, como peço estorno",
        "posso ser mandado embora por um post no instagram?",
        "meu whatsapp foi banido do nada",
    ],
)
def test_a_portuguese_question_about_something_else_is_out_of_scope(portuguese, question):
    assert portuguese.match(question).goal is None


def test_the_direct_names_instagram(portuguese):
    # in Brazil "o direct" is Instagram's inbox: a question about it is about Instagram
    match = portuguese.match("a ia da meta consegue ler o que mando no direct?")
    assert match.goal == Goal.what_collected
    assert match.platform == Platform.instagram
