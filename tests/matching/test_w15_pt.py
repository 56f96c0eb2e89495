"""Portuguese questions of the kinds the wave-15 development sets showed read wrong: asking how
to see which apps or games are linked to an account (a parent's, a curious user's) is the
connected apps; and a lawyer acting for a client ("a minha cliente", "represento um cliente",
"na qualidade de advogada") who wants Meta to stop training on the client's data is the
objection to training, not a business question (the client of a lawyer is not a shop's
customer), while a shop's own customers stay the business. Each case is a kind the Portuguese
lexicon (knowledge/matching/pt.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "a minha filha ligou uns jogos ao facebook dela, como vejo quais estão ligados?",
        "como vejo que apps estão conectadas à minha conta do instagram?",
        "onde consigo ver os jogos vinculados ao meu face?",
    ],
)
def test_seeing_which_apps_are_linked_is_connected_apps(portuguese, question):
    assert portuguese.match(question).goal == Goal.connected_apps


@pytest.mark.parametrize(
    "question",
    [
        "Sou advogado e o meu cliente quer que a Meta pare de usar as fotos dele na IA. Como faço?",
        "represento uma cliente que quer se opor ao treino da IA da Meta, qual o procedimento?",
        "em nome da minha cliente peço que a Meta deixe de usar os dados dela no treino da IA",
    ],
)
def test_lawyer_for_a_client_objecting_is_the_objection(portuguese, question):
    assert portuguese.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "tenho uma loja: a meta usa os dados dos meus clientes no whatsapp business pra IA?",
        "a meta usa os posts da página da minha empresa pra treinar a IA?",
    ],
)
def test_a_shops_customers_stay_the_business(portuguese, question):
    assert portuguese.match(question).goal == Goal.business
