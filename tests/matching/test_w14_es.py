"""Spanish questions of the kinds the wave-14 development set showed read wrong: people who
already acted (an objection accepted, "and now what?"; a notice accepted without reading), what
objecting costs ("¿me quitan funciones?"), the Accounts Center, which rules apply to someone
between two countries, a child on an app "a escondidas", the order of the steps and whether it
is worth it, an app deleted by its bare name ("eliminar Instagram"), a summary asked of the bot
("¿me hacés un resumen…?"), pages and apps logged into with Facebook, deleting things "de una
vez", the activity log named alone, "sin querer" that is not about the account, and silencing
Meta AI's chat; and, as hard negatives, AI for one's studies ("para la facu"), someone else
reading one's chats, and where the glasses' photos are stored. Each case is a kind the Spanish
lexicon (knowledge/matching/es.yaml) once read wrong."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal


@pytest.mark.parametrize(
    "question",
    [
        "¿hay manera de que Instagram no use mis fotos para entrenar su IA?",
        "quiero que Facebook no utilice mis publicaciones para entrenar a la IA",
        "¿se puede conseguir que Meta no coja mis datos para entrenar?",
    ],
)
def test_meta_not_using_ones_data_to_train_is_stopping_training(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "mi oposición fue aceptada, ¿y ahora qué? ¿tengo que repetirla en WhatsApp?",
        "mi objeción fue aceptada en Facebook, ¿y ahora qué? ¿ya está todo?",
    ],
)
def test_an_accepted_objection_and_what_now_is_not_escalating(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "si me niego a lo de la IA, ¿pierdo funciones en Instagram?",
        "¿me penalizan en Facebook si me opongo al entrenamiento?",
        "si objeto, ¿me quitan algo de WhatsApp?",
    ],
)
def test_what_objecting_costs_is_about_the_objection(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "acepté sin leer el aviso de Instagram sobre la IA, ¿puedo arreglarlo?",
        "le di a aceptar en el aviso de la IA de Facebook sin darme cuenta, ¿y ahora?",
    ],
)
def test_a_notice_accepted_without_reading_is_about_objecting(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "¿oponerme desde el centro de cuentas vale para Facebook e Instagram a la vez?",
        "en el centro de cuentas, ¿dónde está lo de oponerse a la IA?",
    ],
)
def test_the_accounts_center_is_a_setting_not_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.stop_training


@pytest.mark.parametrize(
    "question",
    [
        "soy argentino pero vivo en Madrid, ¿qué reglas me tocan con la IA de Instagram?",
        "vivo en Texas pero tengo el Facebook configurado en España, ¿qué reglas me tocan?",
        "¿qué leyes me tocan a mí si uso Facebook desde México?",
    ],
)
def test_which_rules_apply_is_regulation(spanish, question):
    assert spanish.match(question).goal == Goal.regulation


@pytest.mark.parametrize(
    "question",
    [
        "mi hija de 11 tiene Instagram a escondidas, ¿Meta usa sus fotos para la IA?",
        "mi hijo de 13 usa Instagram a escondidas, ¿la IA de Meta puede ver sus fotos?",
        "mi sobrina de 10 tiene Facebook a escondidas, ¿la IA de Meta se queda con sus fotos?",
    ],
)
def test_a_child_on_an_app_in_secret_is_not_removing_anything(spanish, question):
    assert spanish.match(question).goal == Goal.what_collected


@pytest.mark.parametrize(
    "question",
    [
        "¿en qué orden hago las cosas para proteger mi Instagram de la IA?",
        "¿cuál es el orden correcto para proteger mis datos de la IA de Meta?",
        "solo uso WhatsApp para la familia, ¿vale la pena hacer todo esto de la IA o es exagerado?",
        "¿merece la pena hacer todo esto de la IA o es exagerado?",
    ],
)
def test_the_order_of_the_steps_and_whether_it_is_worth_it_are_quick_wins(spanish, question):
    assert spanish.match(question).goal == Goal.quick_wins


@pytest.mark.parametrize(
    "question",
    [
        "quiero eliminar Facebook para siempre, ¿cómo lo hago?",
        "antes de borrar Instagram, ¿cómo descargo mis fotos?",
        "¿si elimino Facebook pierdo también Messenger?",
    ],
)
def test_an_app_deleted_by_its_bare_name_is_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.delete_account


@pytest.mark.parametrize(
    "question",
    [
        "¿me hacés un resumen de lo que puedo hacer con la IA de Meta?",
        "hazme un resumen de qué se puede y qué no contra la IA de Meta",
    ],
)
def test_a_summary_asked_of_the_bot_is_the_overview(spanish, question):
    assert spanish.match(question).goal == Goal.overview


@pytest.mark.parametrize(
    "question",
    [
        "me registré con Facebook en un montón de páginas y apps, ¿cómo les quito el acceso?",
        "¿qué webs y aplicaciones tienen acceso a mi Facebook?",
    ],
)
def test_pages_and_apps_logged_into_are_connected_apps(spanish, question):
    assert spanish.match(question).goal == Goal.connected_apps


@pytest.mark.parametrize(
    "question",
    [
        "¿puedo borrar todas mis fotos de Instagram de una vez?",
        "quiero eliminar todos los comentarios de Facebook de golpe",
        "¿cómo borro mis publicaciones de Facebook por año?",
    ],
)
def test_deleting_things_all_at_once_is_not_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "dónde está el registro de actividad",
        "el registro de actividad de Instagram, ¿cómo lo vacío?",
    ],
)
def test_the_activity_log_named_alone_is_deleting_data(spanish, question):
    assert spanish.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "sin querer le conté mi dirección a Meta AI, ¿cómo borro esa conversación?",
        "publiqué sin querer una foto en Instagram, ¿cómo la borro?",
    ],
)
def test_something_done_by_mistake_is_not_the_account(spanish, question):
    assert spanish.match(question).goal == Goal.delete_specific_data


@pytest.mark.parametrize(
    "question",
    [
        "¿se puede silenciar el chat de Meta AI para no verlo más en WhatsApp?",
        "quiero silenciar a Meta AI en WhatsApp para siempre",
    ],
)
def test_silencing_meta_ais_chat_is_removing_the_assistant(spanish, question):
    assert spanish.match(question).goal == Goal.remove_chatbot


@pytest.mark.parametrize(
    "question",
    [
        "¿qué IA me recomendás para estudiar para los exámenes de la facu?",
        "¿qué app me recomendás para hacer resúmenes para la uni?",
        "¿alguien puede leer mis mensajes de WhatsApp si tiene mi número?",
        "¿otra persona puede ver mis chats de Instagram desde su móvil?",
        "¿dónde se guardan los videos que grabo con las gafas Ray-Ban Meta?",
        "las fotos que saco con los lentes de Meta, ¿se guardan en la galería del celular?",
    ],
)
def test_studies_other_people_and_the_glasses_gallery_are_not_ours(spanish, question):
    assert spanish.match(question).goal is None
