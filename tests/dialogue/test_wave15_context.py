"""Wave 15: what bench/data/conversations_fresh14.yaml showed the conversation misread — an app
added in a plain statement the matcher half-reads as a question, a relative's phone, the user's
own profile beside a relative, and an app named in the part before "can i hide that?" (the
phrasings here are others of the same kinds)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    ("language", "home", "apps", "account", "said", "added"),
    [
        ("it", "Italia", "facebook", "aziendale",
         "Dalla settimana scorsa uso anche WhatsApp per il negozio", Platform.whatsapp),
        ("en", "Ireland", "facebook", "business",
         "since june i also use instagram for the bakery", Platform.instagram),
        ("es", "España", "whatsapp", "empresa",
         "Desde este mes también uso Instagram para la tienda", Platform.instagram),
    ],
)  # fmt: skip
def test_an_app_added_in_a_statement_is_saved_not_answered_as_a_question(
    chat, language, home, apps, account, said, added
):
    chat.onboard(home, apps, account, language)
    reply = chat.say(said)
    assert reply.kind == Kind.profile_changed
    assert added in chat.profile.platforms and len(chat.profile.platforms) == 2


@pytest.mark.parametrize(
    ("language", "home", "said"),
    [
        ("pt", "Brasil",
         "Meu pai tem 81 anos e a Meta AI responde ele no WhatsApp. Consigo tirar isso no "
         "telefone dele?"),
        ("en", "Ireland",
         "my grandma keeps getting meta ai replies in whatsapp, can i turn that off on her phone?"),
        ("es", "México", "Mi abuelito también lo tiene en el WhatsApp, ¿se lo puedo quitar?"),
    ],
)  # fmt: skip
def test_a_relatives_phone_or_app_is_their_account(chat, language, home, said):
    chat.onboard(home, "whatsapp", language=language)
    assert chat.say(said).kind == Kind.other_account


@pytest.mark.parametrize(
    ("language", "home", "said", "goal"),
    [
        ("it", "Italia",
         "Le foto dei miei figli sul mio profilo Facebook, posso cancellarle senza chiudere "
         "l'account?", Goal.delete_specific_data),
        ("fr", "France",
         "Les photos de mes enfants sur mon compte Facebook, je peux les supprimer sans fermer "
         "le compte ?", Goal.delete_specific_data),
    ],
)  # fmt: skip
def test_a_relatives_things_on_the_users_own_account_are_answered(chat, language, home, said, goal):
    chat.onboard(home, "facebook", language=language)
    reply = chat.say(said)
    assert reply.kind == Kind.answer
    assert reply.answered is not None and reply.answered.goal == goal


def test_an_app_named_before_can_i_hide_that_is_the_app_answered_for(chat):
    chat.onboard("Germany", "messenger and facebook")
    reply = chat.say("what about the ai thing in instagram dms, can i hide that?")
    assert reply.answered is not None and reply.answered.goal == Goal.remove_chatbot
    assert reply.answered.platform == Platform.instagram


@pytest.mark.parametrize(
    ("language", "home", "said", "country"),
    [
        ("en", "Germany",
         "since i moved to vienna, is the objection i sent from berlin still valid?", "AT"),
        ("es", "España",
         "ahora que me mudé a Lima, ¿la oposición que ya mandé sigue contando?", "PE"),
    ],
)  # fmt: skip
def test_a_move_beside_a_question_the_whole_message_blurs_answers_the_question(
    chat, language, home, said, country
):
    chat.onboard(home, "instagram", language=language)
    reply = chat.say(said)
    assert chat.profile.country == country
    assert reply.answered is not None and reply.answered.goal == Goal.stop_training
    assert reply.answered.country == country


def test_and_on_mine_after_a_relatives_app_asks_it_for_that_app(chat):
    chat.onboard("Brasil", "whatsapp e instagram", "pessoal", "pt")
    asked = chat.say(
        "meu avô reclama que a Meta AI responde ele no WhatsApp, dá pra tirar do dele?"
    )
    assert asked.kind == Kind.other_account
    reply = chat.say("E no meu, como faço pra ela parar de responder?")
    assert reply.answered is not None and reply.answered.platform == Platform.whatsapp


@pytest.mark.parametrize(
    ("language", "home", "asked", "doubt", "country"),
    [
        ("es", "México", "¿cómo evito que instagram entrene su IA con mis fotos?",
         "¿neta no hay manera desde Colombia?", "CO"),
        ("en", "Ireland", "how do i stop instagram training ai on my photos?",
         "really no other way in canada?", "CA"),
    ],
)  # fmt: skip
def test_a_doubt_naming_another_place_answers_the_last_question_there(
    chat, language, home, asked, doubt, country
):
    chat.onboard(home, "instagram", language=language)
    chat.say(asked)
    reply = chat.say(doubt)
    assert reply.answered is not None and reply.answered.goal == Goal.stop_training
    assert reply.answered.country == country


@pytest.mark.parametrize(
    ("language", "home", "asked", "then"),
    [
        ("en", "Ireland", "how do i stop instagram training ai on my photos?",
         "does that cost anything?"),
        ("de", "Deutschland", "Wie widerspreche ich dem KI-Training bei Instagram?",
         "Wie lange dauert das?"),
        ("fr", "France", "comment m'opposer à l'entraînement de l'IA sur instagram ?",
         "c'est gratuit ?"),
        ("pt", "Brasil", "como eu me oponho ao treino da IA no instagram?",
         "e quanto tempo demora?"),
    ],
)  # fmt: skip
def test_what_the_last_answers_step_costs_or_takes_answers_it_again(
    chat, language, home, asked, then
):
    chat.onboard(home, "instagram", language=language)
    first = chat.say(asked)
    assert first.answered is not None
    reply = chat.say(then)
    assert reply.kind == Kind.answer
    assert reply.answered is not None and reply.answered.goal == first.answered.goal


def test_a_question_of_its_own_about_time_keeps_its_own_answer(chat):
    chat.onboard("Ireland", "instagram and facebook")
    chat.say("how do i stop instagram training ai on my photos?")
    reply = chat.say("how long does it take to delete my facebook account?")
    assert reply.answered is not None and reply.answered.goal == Goal.delete_account


def test_shorter_please_in_italian_gives_the_last_answer_again(chat):
    chat.onboard("Italia", "instagram", language="it")
    first = chat.say("come mi oppongo all'addestramento dell'IA su instagram?")
    reply = chat.say("me lo dici in breve?")
    assert first.answered is not None and reply.answered is not None
    assert reply.answered.goal == first.answered.goal


def test_stopping_an_app_told_in_portuguese_beside_a_move_removes_it(chat):
    chat.onboard("Portugal", "instagram e whatsapp", language="pt")
    chat.say("Mudei-me para Madrid e já não uso o Instagram")
    assert chat.profile.country == "ES"
    assert chat.profile.platforms == [Platform.whatsapp]
