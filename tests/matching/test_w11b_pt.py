"""Portuguese questions of the kinds a second wave-11 development set (WhatsApp-style messages from
Brazil and Portugal) showed read wrong: "um negócio de meta ai" is a thing, not a business; Meta AI
that should stop showing up in search, or a "the AI" deleted from an app, or an AI shortcut
switched off, is the assistant to hide; a deletion asked for while the account still opens is the
grace period; apps "associadas"/"ligadas" to the account are connected apps; "o que a IA usa de
mim" asks what is used; "browser" names the browser; the viral "não autorizo" text asked about is
the overview; "face" alone names Facebook, not Meta, so an app matter on "o face" stays declined.
Each case is a kind the Portuguese lexicon (knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("question", "goal"),
    [
        ("surgiu um negócio da meta ai no meu insta, como faço sumir", Goal.remove_chatbot),
        ("quero que a meta ai deixe de aparecer na pesquisa do instagram", Goal.remove_chatbot),
        ("como elimino essa ia do meu whatsapp", Goal.remove_chatbot),
        ("o botão de ia no messenger dá pra desativar?", Goal.remove_chatbot),
        ("pedi pra excluir meu insta e ele ainda abre, normal?", Goal.delete_account),
        ("quais aplicativos estão associados ao meu facebook", Goal.connected_apps),
        ("liguei uns joguinhos no meu insta, como desconecto", Goal.connected_apps),
        ("o que o instagram usa de mim pra ia", Goal.what_collected),
        ("usar o facebook num browser protege mais?", Goal.browser_vs_app),
        ("todo mundo postando que não autoriza a meta, isso vale alguma coisa?", Goal.overview),
        ("tenho uma loja no insta, o negócio da ia afeta minha conta comercial?", Goal.business),
    ],
)
def test_the_kind_reaches_its_goal(portuguese, question, goal):
    assert portuguese.match(question).goal == goal


@pytest.mark.parametrize(
    "question",
    [
        "como escondo um anúncio de bet no face",
        "qual aplicativo de mensagens é melhor que o whatsapp",
        "Como altero a fotografia de perfil no Instagram?",
        "como ativo a meta ai no instagram",
    ],
)
def test_app_matters_stay_declined(portuguese, question):
    assert portuguese.match(question).goal is None
