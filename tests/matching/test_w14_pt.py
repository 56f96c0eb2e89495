"""Portuguese questions of the kinds the wave-14 development set showed read wrong: an objection
already made ("já me tinha oposto") on a new account is the objection again; a notice that
mentions "interesse legítimo" is not a refusal; the Meta using one's photos "pra IA" is the
training; the Meta AI knowing where one works is the personalisation; deleting old messages is
deleting data; clearing the activity off Facebook, so the data "deixam de ser usados", is the
off-platform activity; which app is the worst, or what else to do after objecting ("já me opus",
not a refusal) or switching off, is the checklist; and deleting a message for
everyone, archiving a chat, the WhatsApp API, the glasses' photos in the gallery, or another
company's objection compared with Meta's, stay declined. Each case is a kind the Portuguese
lexicon (knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "Abri um perfil novo no insta mas já me tinha oposto no antigo. Tenho de repetir?",
        "fiz outra conta no face depois de ter me oposto, preciso fazer tudo de novo?",
        "já me oposto na conta velha, vale para a conta nova?",
    ],
)
def test_objection_made_before_a_new_account_is_the_objection(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "Chegou-me um aviso do Instagram sobre IA e interesse legítimo. Como faço para me opor?",
        "recebi uma notificação do face falando de interesse legítimo e IA, como me opor?",
    ],
)
def test_legitimate_interest_notice_is_not_a_refusal(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "a meta tá usando os meus posts pra IA, como eu faço isso parar",
        "o insta anda a usar as minhas fotografias para a IA deles, como tiro isso?",
        "o face usou minhas fotos pra IA, como tiro isso?",
    ],
)
def test_photos_used_for_ai_is_the_training(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "a meta ai sabe onde eu trabalho, nunca contei isso, como desligo?",
        "A Meta AI sabe onde trabalho e eu nunca lhe contei. Como paro isso?",
        "como é que a meta ai sabe onde eu trabalho? quero parar com isso",
    ],
)
def test_meta_ai_knowing_where_i_work_is_personalisation(portuguese, question):
    assert portuguese.match(question).goal == Goal.ai_personalization


@pytest.mark.parametrize(
    "question",
    [
        "dá pra apagar as mensagens antigas do messenger antes que a IA use?",
        "Quero eliminar mensagens antigas do Messenger por causa da IA, é possível?",
    ],
)
def test_deleting_old_messages_is_deleting_data(portuguese, question):
    assert portuguese.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "se eu apagar a atividade fora do facebook os dados deixam de ser usados pela IA?",
        "Limpando a atividade fora do Facebook, os meus dados deixam de ser usados na IA?",
    ],
)
def test_clearing_off_facebook_activity_is_off_platform(portuguese, question):
    assert portuguese.match(question).goal == Goal.off_platform_activity


@pytest.mark.parametrize(
    "question",
    [
        "qual o pior app pra privacidade e IA, o zap ou o insta?",
        "entre face, insta e whats qual é o mais invasivo com IA e dados?",
    ],
)
def test_which_app_is_worst_is_the_checklist(portuguese, question):
    assert portuguese.match(question).goal == Goal.quick_wins


@pytest.mark.parametrize(
    "question",
    [
        "ja me opus no face e no insta, tem mais alguma coisa que eu deva fazer?",
        "Já me opus no Instagram. Há mais alguma coisa a fazer?",
        "desliguei o melhorar a IA, o que mais tenho que fazer?",
    ],
)
def test_what_else_after_acting_is_the_checklist(portuguese, question):
    assert portuguese.match(question).goal == Goal.quick_wins


@pytest.mark.parametrize(
    "question",
    [
        "como eliminar uma mensagem do zap pra todos?",
        "apaguei uma mensagem no whatsapp, como apago para todos?",
        "como arquivar um chat no whatsapp?",
        "Como desarquivo uma conversa no WhatsApp?",
        "preciso integrar a API do WhatsApp Business no site da loja, como faço?",
        "Onde guardam os óculos Ray-Ban Meta os vídeos no telemóvel? Não estão na galeria",
        "tirei fotos com os óculos da meta e não acho na galeria do celular, onde ficam?",
        "O TikTok também vai usar dados para IA. A oposição é igual à do Instagram?",
    ],
)
def test_hard_negatives_stay_declined(portuguese, question):
    assert portuguese.match(question).goal is None
