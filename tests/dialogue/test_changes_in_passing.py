"""Details changed in passing, the way people mention them mid-conversation (issue 12 item 2):
a move said with "actually" or with a city alone, an app added or dropped in a side remark, an
account type corrected or asked about right after an answer — in every language that has the
kind. Each test plays the conversation through the engine and checks what a user would notice:
the stored details and which question is answered for which slot."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Account, Goal, Platform

# (language, country, apps, account, a question, a move said in passing, the country moved to)
MOVES = [
    ("en", "Austria", "instagram", "personal",
     "can i stop instagram training ai on my pictures",
     "turns out i actually live in hamburg these days", "DE"),
    ("de", "Österreich", "instagram", "privat",
     "wie verhindere ich dass instagram ki mit meinen fotos trainiert",
     "ich wohne eigentlich in hamburg", "DE"),
    ("fr", "Belgique", "instagram", "personnel",
     "comment empêcher instagram d'entraîner l'ia avec mes photos",
     "en fait je suis à lyon", "FR"),
    ("es", "México", "instagram", "personal",
     "cómo evito que instagram entrene la ia con mis fotos",
     "en realidad vivo en madrid", "ES"),
    ("it", "Svizzera", "instagram", "personale",
     "come impedisco a instagram di addestrare l'ia con le mie foto",
     "in realtà vivo a milano", "IT"),
    ("pt", "Brasil", "instagram", "pessoal",
     "como impeço o instagram de treinar ia com minhas fotos",
     "na verdade moro em lisboa", "PT"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "country", "apps", "account", "question", "move", "to"), MOVES)
def test_a_move_said_in_passing_is_saved_and_the_last_question_answered_there(
    chat, lang, country, apps, account, question, move, to
):
    chat.onboard(country, apps, account, language=lang)
    chat.say(question)
    moved = chat.say(move)
    assert moved.kind == Kind.profile_changed, move
    assert chat.profile.country == to
    assert moved.answered is not None and moved.answered.goal == Goal.stop_training


def test_a_city_named_with_the_country_it_is_not_in_is_the_city(chat):
    chat.onboard("UK", "facebook")
    chat.say("meta ignored my objection, what can i do")
    moved = chat.say("i really live in cork, not england")
    assert moved.kind == Kind.profile_changed
    assert chat.profile.country == "IE"
    assert moved.answered is not None and moved.answered.goal == Goal.escalate


def test_a_move_told_beside_an_aside_is_a_statement_not_a_question(chat):
    chat.onboard("Canada", "facebook")
    chat.say("stop facebook from feeding my posts to its ai")
    moved = chat.say("should have mentioned it, i am spanish, living in valencia")
    assert moved.kind == Kind.profile_changed and chat.profile.country == "ES"


def test_a_move_with_a_question_still_answers_the_question_for_the_place(chat):
    chat.onboard("Ireland", "instagram")
    asked = chat.say("im in california now, how do i delete my account")
    assert asked.kind == Kind.answer and asked.answered is not None
    assert (asked.answered.goal, asked.answered.country) == (Goal.delete_account, "US-CA")
    assert chat.profile.country == "IE"  # asked for California; not said to live there


# (language, country, apps, account, an app added in passing, an app dropped in passing)
APPS = [
    ("en", "Spain", "facebook", "personal",
     "oh yeah i have whatsapp as well", "got rid of facebook, its just whatsapp now"),
    ("de", "Österreich", "facebook", "privat",
     "ach ich hab übrigens auch whatsapp", "facebook hab ich gelöscht, jetzt nur noch whatsapp"),
    ("fr", "Belgique", "facebook", "personnel",
     "ah et j'ai whatsapp aussi", "j'ai supprimé facebook, c'est juste whatsapp maintenant"),
    ("es", "México", "facebook", "personal",
     "ah y también tengo whatsapp", "borré facebook, ahora solo whatsapp"),
    ("it", "Svizzera", "facebook", "personale",
     "ah e ho anche whatsapp", "ho cancellato facebook, ora solo whatsapp"),
    ("pt", "Brasil", "facebook", "pessoal",
     "ah e também tenho whatsapp", "apaguei o facebook, agora só whatsapp"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "country", "apps", "account", "added", "dropped"), APPS)
def test_apps_added_and_dropped_in_passing(chat, lang, country, apps, account, added, dropped):
    chat.onboard(country, apps, account, language=lang)
    assert chat.say(added).kind == Kind.profile_changed, added
    assert chat.profile.platforms == [Platform.facebook, Platform.whatsapp]
    assert chat.say(dropped).kind == Kind.profile_changed, dropped
    assert chat.profile.platforms == [Platform.whatsapp]


def test_only_the_apps_after_only_are_kept_when_one_clause_names_both(chat):
    chat.onboard("Italy", "facebook, instagram and messenger")
    changed = chat.say("no more instagram for me only messenger")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.messenger]
    asked = chat.say("how do i stop the ai training")
    assert asked.answered is not None and asked.answered.platform == Platform.messenger


def test_a_removal_with_i_have_is_not_an_app_added(chat):
    chat.onboard("Greece", "facebook and whatsapp")
    chat.say("i have uninstalled whatsapp")
    assert Platform.whatsapp not in chat.profile.platforms


def test_a_setting_named_without_an_app_is_about_the_users_apps(chat):
    chat.onboard("Spain", "whatsapp")
    out = chat.say("is there a way to switch off improve ai")
    assert out.kind == Kind.answer and out.answered is not None
    assert (out.answered.goal, out.answered.platform) == (
        Goal.ai_personalization,
        Platform.whatsapp,
    )


def test_the_website_or_the_app_is_a_question_of_ours_and_other_browsers_are_not(chat):
    chat.onboard("Spain", "whatsapp and facebook")
    out = chat.say("is the website any safer than the app")
    assert out.answered is not None and out.answered.goal == Goal.browser_vs_app
    assert chat.say("which browser is best for gaming").kind == Kind.out_of_scope


# (language, country, a question, an account type asked about, an account type corrected)
ACCOUNTS = [
    ("en", "Ireland", "how can i object to meta using my insta posts for ai",
     "would that also work for my bakery's page",
     "oh its really our cafe's business account, not mine"),
    ("de", "Deutschland", "wie widerspreche ich dem ki training auf instagram",
     "und wenn es eine unternehmensseite ist?", "es ist eigentlich ein unternehmenskonto"),
    ("fr", "France", "comment m'opposer à l'entraînement de l'ia sur instagram",
     "et si c'est une page d'entreprise ?", "en fait c'est un compte professionnel"),
    ("es", "España", "cómo me opongo al entrenamiento de ia en instagram",
     "y si es una página de empresa?", "en realidad es una cuenta de empresa"),
    ("it", "Italia", "come mi oppongo all'addestramento dell'ia su instagram",
     "e se è una pagina aziendale?", "in realtà è un account aziendale"),
    ("pt", "Portugal", "como me oponho ao treino de ia no instagram",
     "e se for uma página de empresa?", "na verdade é uma conta comercial"),
]  # fmt: skip
PERSONAL = {"en": "personal", "de": "privat", "fr": "personnel", "es": "personal",
            "it": "personale", "pt": "pessoal"}  # fmt: skip


@pytest.mark.parametrize(("lang", "country", "question", "asked", "corrected"), ACCOUNTS)
def test_an_account_type_asked_about_then_corrected(
    chat, lang, country, question, asked, corrected
):
    chat.onboard(country, "instagram", PERSONAL[lang], language=lang)
    chat.say(question)
    follow = chat.say(asked)  # the last question, for that account type; nothing stored
    assert follow.answered is not None, asked
    assert (follow.answered.goal, follow.answered.account) == (
        Goal.stop_training,
        Account.business,
    )
    assert chat.profile.account == Account.personal
    changed = chat.say(corrected)  # now it is stored
    assert changed.kind == Kind.profile_changed, corrected
    assert chat.profile.account == Account.business


def test_a_question_about_business_accounts_of_its_own_is_not_a_follow_up(chat):
    chat.onboard("Netherlands", "instagram")
    chat.say("how do i object to ai training on instagram")
    out = chat.say("what changes for business accounts with meta ai")
    assert out.answered is not None and out.answered.goal == Goal.business
