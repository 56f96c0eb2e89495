"""Portuguese questions of the kinds the wave-13 development sets showed read wrong: deleting
"de vez" after a talk about the account is the account question; where to start, or the steps
in order of importance, is the quick checklist; "posso fazer alguma coisa?" asks for the options,
not the law; what "sair da IA" means is the overview; "desmarcar" and "fica onde" name the
switch and its place; "sem perder a conta" keeps the account; unlinking sites is the connected
apps; whether an objection went through, or covers every app, is the objection; a device that
records everything asks what is collected; an AI feature of an app (message summaries) is the
AI to remove; taking one's data "do treinamento" is leaving the training; and WhatsApp's read
receipts, or the law explained to a class, stay declined. Each case is a kind the Portuguese
lexicon (knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "beleza, e como excluo de vez?",
        "certo, quero deletar isso de vez",
        "e pra apagar permanentemente, como faço?",
    ],
)
def test_deleting_for_good_is_the_account(portuguese, question):
    assert portuguese.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "tô perdida nessas configurações todas, por onde é que eu começo?",
        "me diz as configurações por ordem de importância",
        "comecei a mexer nas configs e travei, começo por onde?",
    ],
)
def test_where_to_start_is_the_checklist(portuguese, question):
    assert portuguese.match(question).goal == Goal.quick_wins


@pytest.mark.parametrize(
    "question",
    [
        "vi no telejornal que a meta vai treinar a ia com nossas fotos, dá pra fazer alguma coisa?",
        "a meta vai pegar as publicações pra ia dela, tem alguma coisa que eu possa fazer?",
    ],
)
def test_can_i_do_anything_is_the_overview(portuguese, question):
    assert portuguese.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "o meu filho falou em fazer a objeção à meta. o que isso quer dizer?",
        "no grupo da família disseram pra gente se opor à ia da meta, isso significa o quê?",
    ],
)
def test_what_objecting_means_is_the_overview(portuguese, question):
    assert portuguese.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "tenho que desmarcar o melhorar a ia do facebook, fica onde?",
        "o improve ai do insta tá onde? quero desmarcar",
    ],
)
def test_unticking_improve_ai_is_personalisation(portuguese, question):
    assert portuguese.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "quero apagar umas fotos antigas do insta sem perder o perfil",
        "dá pra excluir os stories de 2019 sem perder minha conta?",
    ],
)
def test_keeping_the_account_is_specific_data(portuguese, question):
    assert portuguese.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "como desvinculo uns joguinhos da minha conta do facebook?",
        "entrei em várias lojas usando o login do facebook, como tiro o acesso delas?",
        "quero desvincular os sites que usam meu login do insta",
    ],
)
def test_unlinking_sites_is_connected_apps(portuguese, question):
    assert portuguese.match(question).goal == Goal.connected_apps


@pytest.mark.parametrize(
    "question",
    [
        "fiz a oposição no facebook, vale pro instagram também?",
        "mandei a objeção ontem, como confirmo se foi aceita?",
        "preciso repetir a objeção em cada conta ou uma basta?",
    ],
)
def test_an_objection_made_or_for_every_app_is_the_objection(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "a meta ai fica escutando tudo pelo microfone do celular?",
        "o zap fica gravando tudo o que eu falo pra mandar pra ia?",
    ],
)
def test_recording_everything_is_what_is_collected(portuguese, question):
    assert portuguese.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "apareceu um resumo com ia das minhas conversas no whatsapp, como tiro?",
        "o messenger agora faz resumo das mensagens com ia, ninguém pediu, como desligo?",
    ],
)
def test_an_ai_feature_of_the_app_is_removing_it(portuguese, question):
    assert portuguese.match(question).goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    "question",
    [
        "tem como tirar minhas fotos do face do treinamento da ia da meta?",
        "quero tirar o meu instagram do treino do llama, dá?",
    ],
)
def test_out_of_the_training_is_stopping_it(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "meus tracinhos azuis sumiram do zap, como volto a ver?",
        "como desligo os dois checks azuis do whatsapp?",
        "o que é a LGPD? vou dar uma aula sobre isso pros meus alunos",
    ],
)
def test_read_receipts_and_a_class_stay_declined(portuguese, question):
    assert portuguese.match(question).goal is None
