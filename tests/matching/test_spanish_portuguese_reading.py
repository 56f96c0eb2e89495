"""Spanish and Portuguese questions as people type them (knowledge/matching/es.yaml, pt.yaml):
each case is a kind of wording that once went unanswered or to the wrong goal — a rumour, voseo,
an app's nickname inside a feature's name, a refusal voiced for someone else, the impersonal
"uno", a business account, a toggle named by its label, an objection made too late."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "question", "goal"),
    [
        (
            "es",
            "¿todo eso de que meta usa nuestros datos para la ia es puro cuento?",
            Goal.overview,
        ),
        ("es", "decime los pasos básicos y listo", Goal.quick_wins),
        (
            "es",
            "lo que uno le habla a meta ai lo usan para mostrar publicidad?",
            Goal.ai_personalization,
        ),
        ("es", "donde veo la actividad fuera de fb", Goal.off_platform_activity),
        # wave 6, bench/data/lang/dev/es_more.yaml: Latin American verbs and voseo fillers,
        # Spanglish, the subjunctive of "answer", a feature named by its label
        ("es", "che, ¿cómo hacés para que no agarren mis posteos para la IA?", Goal.stop_training),
        ("es", "como deleteo mi cuenta de insta", Goal.delete_account),
        (
            "es",
            "¿se puede hacer que meta ai no responda en el grupo?",
            Goal.stop_ai_replies,
        ),
        (
            "es",
            "la barra de buscar de insta ahora dice pregunta a meta ai, como vuelvo a la normal",
            Goal.remove_chatbot,
        ),
        ("es", "que meta ai no se acuerde de lo que platico con ella", Goal.ai_personalization),
        ("es", "se puede deshabilitar meta ai en messenger?", Goal.remove_chatbot),
        ("pt", "meu marido não quer que a meta use as fotos dele na IA", Goal.stop_training),
        ("pt", "minha página é comercial, o que muda pra mim no opt out?", Goal.business),
        (
            "pt",
            "tem como desligar essa configuração de melhorar a ia do zap?",
            Goal.ai_personalization,
        ),
        ("pt", "me opus atrasado, o que já pegaram continua lá?", Goal.trained_data),
        ("pt", "no face, onde vejo a atividade fora do face?", Goal.off_platform_activity),
    ],
)
def test_a_question_reaches_its_goal(kb, language, question, goal):
    assert kb.matcher(language).match(question).goal == goal
