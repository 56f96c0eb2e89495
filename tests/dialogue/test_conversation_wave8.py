"""Conversation kinds fixed in wave 8 (issues 12 and 13): onboarding answered in another
language before the bot knows it, apps added on request, an account type told by whose account
it is, a place typed by mistake, a longer follow-up for another app. Each test plays the
conversation through the engine and checks what a user would notice."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Account, Goal, Platform

# (country, apps, the one-word account answer, the account type it names)
ONE_WORD_ACCOUNTS = [
    ("Deutschland", "instagram und whatsapp", "privat", Account.personal),
    ("Belgique", "insta et messenger", "perso", Account.personal),
    ("España", "facebook e instagram", "empresa", Account.business),
    ("Italia", "facebook, whatsapp", "aziendale", Account.business),
    ("Brasil", "zap e insta", "pessoal", Account.personal),
]


@pytest.mark.parametrize(("country", "apps", "answer", "account"), ONE_WORD_ACCOUNTS)
def test_a_one_word_account_answer_in_another_language_finishes_onboarding(
    chat, country, apps, answer, account
):
    chat.say("hi")  # the language is unknown: one word never identifies it
    chat.say(country)
    chat.say(apps)
    done = chat.say(answer)
    assert done.kind == Kind.profile_changed, answer
    assert chat.profile.account == account


@pytest.mark.parametrize("thanks", ["danke dir", "merci beaucoup", "grazie mille", "obrigada"])
def test_thanks_in_another_language_at_a_step_asks_the_step_again(chat, thanks):
    chat.say("hello")
    chat.say("Österreich")
    again = chat.say(thanks)
    assert again.kind == Kind.ask_platforms
    assert chat.profile.platforms == []


def test_a_short_question_in_a_likely_language_is_understood_in_it(chat):
    chat.onboard("Mexico", "whatsapp")
    asked = chat.say("puedo quitar meta ai de whatsapp")
    assert asked.answered is not None and asked.answered.goal == Goal.remove_chatbot
    assert chat.profile.language == "es"


@pytest.mark.parametrize(
    "request_",
    ["please add whatsapp to my apps", "put whatsapp on my list as well"],
)
def test_an_app_added_on_request_keeps_the_others(chat, request_):
    chat.onboard("Ireland", "instagram")
    added = chat.say(request_)
    assert added.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.instagram, Platform.whatsapp]


def test_a_question_saying_do_i_have_to_does_not_change_the_apps(chat):
    chat.onboard("Ireland", "instagram and facebook")
    chat.say("how do i stop meta training ai on my instagram photos")
    follow = chat.say("is facebook included in that or do i have to send it again")
    assert chat.profile.platforms == [Platform.facebook, Platform.instagram]
    assert follow.answered is not None
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.stop_training,
        Platform.facebook,
    )


@pytest.mark.parametrize(
    "told",
    ["its my bakery's account really, not a private one", "this is my candle shops page"],
)
def test_an_account_named_by_the_business_owning_it_is_a_business_account(chat, told):
    chat.onboard("Netherlands", "instagram")
    chat.say("how do i opt out of ai training on insta")
    changed = chat.say(told)
    assert changed.kind == Kind.profile_changed
    assert chat.profile.account == Account.business


def test_a_place_typed_by_mistake_is_not_the_place_meant(chat):
    chat.onboard("Japan", "instagram")
    changed = chat.say("im in seoul, i typed japan by mistake")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.country == "KR"


# (language, where the profile says, a move told with its country's preposition, the country)
MOVES_WITH_PREPOSITIONS = [
    ("pt", "Portugal", "agora moro no Canadá", "CA"),
    ("fr", "France", "j'habite au Portugal maintenant", "PT"),
    ("it", "Italia", "adesso abito nel Regno Unito", "GB"),
]


@pytest.mark.parametrize(("lang", "country", "move", "to"), MOVES_WITH_PREPOSITIONS)
def test_a_move_told_with_its_countrys_preposition_is_saved(chat, lang, country, move, to):
    chat.onboard(country, "instagram", language=lang)
    moved = chat.say(move)
    assert moved.kind == Kind.profile_changed, move
    assert chat.profile.country == to
