"""Portuguese questions of the kinds the wave-12 development sets showed read wrong:
deactivating or suspending one's own account (its lemmas are those of "desativaram minha
conta", an account Meta closed) is the account question; a model "já treinado" is what was
already learned; "ninguém pediu" is the AI unwanted; data that "sirvam para a IA" is training;
"o que a gente posta" is our content, not a chain post; being lost after a notice asks for the
overview; leaving all of Meta's apps is the account question; and a shop asking for the CPF, or
a text summarised by the assistant, stays declined. Each case is a kind the Portuguese lexicon
(knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "como faço pra desativar minha conta do facebook?",
        "dá pra suspender a conta do insta uns meses e depois voltar?",
        "pedi para apagar o perfil mas ainda consigo entrar na conta, isso é normal?",
        "desativar a conta do instagram some com os meus dados?",
    ],
)
def test_own_account_deactivated_is_not_a_locked_account(portuguese, question):
    assert portuguese.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "a lei obriga a meta a retirar as minhas fotos de uma ia já treinada?",
        "a cnpd já decidiu se a meta tem de retirar os dados de um modelo já treinado?",
        "os meus dados já estão no modelo, há forma de os retirar do modelo?",
    ],
)
def test_an_already_trained_model_is_trained_data(portuguese, question):
    assert portuguese.match(question).goal == Goal.trained_data


@pytest.mark.parametrize(
    "question",
    [
        "ESSA IA NO MEU INSTAGRAM, NINGUÉM PEDIU, TIRA",
        "tira essa ia do meu zap meta, ninguém quer isso",
        "tira essa IA do meu instagram, eu não pedi",
    ],
)
def test_nobody_asked_for_the_ai_removes_it(portuguese, question):
    assert portuguese.match(question).goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    "question",
    [
        "não quero que o que eu escrevo sirva pra IA da meta, como bloqueio?",
        "como impeço que as fotos da minha filha sirvam para a ia da meta?",
        "dá pra bloquear a ia de usar tudo que a gente posta no insta?",
        "a meta vai usar o que a gente publica pra treinar a ia? como impeço isso",
    ],
)
def test_data_serving_the_ai_is_training(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "chegou um email do instagram sobre inteligência artificial e não percebi nada",
        "recebi uma notificação da meta sobre os meus dados e a ia, tô boiando",
        "a meta mandou um aviso sobre IA, fiquei confuso, o que isso quer dizer?",
    ],
)
def test_lost_after_a_notice_asks_for_the_overview(portuguese, question):
    assert portuguese.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "to farto, vou sair de tudo do face e do insta, como faço",
        "quero sair de todas as apps da meta, como apago tudo?",
        "quero largar as redes sociais da meta de vez, por onde começo a apagar?",
    ],
)
def test_leaving_all_of_metas_apps_is_the_account(portuguese, question):
    assert portuguese.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "o supermercado pode pedir meu cpf pela lgpd?",
        "a drogaria sempre pede o cpf pra dar desconto, isso fere a lgpd?",
        "a meta ai consegue resumir um artigo grande pra mim?",
        "como faço um resumo de um livro com a ia do whatsapp?",
    ],
)
def test_not_ours_is_declined(portuguese, question):
    assert portuguese.match(question).goal is None


def test_a_summary_of_the_options_is_still_the_overview(portuguese):
    question = "me dá um resumo do que dá pra fazer contra a ia da meta"
    assert portuguese.match(question).goal == Goal.overview
