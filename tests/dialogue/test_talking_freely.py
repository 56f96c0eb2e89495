"""The kinds of message a person sends in a chat that the held-out conversations showed were
misread (issue 12 items 1, 2, 3, 5): an account type named in a follow-up, a move to a city,
apps and account types changed in freer words, small talk typed the way people type it, and a
question at the apps step. Each kind is tried in every language where it exists."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.profile import Step
from bot.vocabulary import Account, Goal, Platform
from tests.conftest import PERSONAL


def onboard(chat, language: str, country: str, apps: str, account: str | None = None) -> None:
    chat.onboard(country, apps, account or PERSONAL[language], language)


# -- small talk --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "greeting"),
    [
        ("en", "hi again 😅"),
        ("en", "heyyy"),
        ("en", "hiya"),
        ("fr", "coucou"),
        ("de", "hallo 👋"),
        ("es", "holaaa"),
        ("it", "ciao di nuovo"),
        ("pt", "oi de novo"),
    ],
)
def test_a_greeting_at_the_country_step_greets_and_asks_the_country_again(chat, language, greeting):
    chat.start(language)
    again = chat.say(greeting)
    assert again.kind == Kind.ask_country
    assert again.chatted  # greeted, not "I couldn't find a country called …"
    assert chat.profile.country is None


@pytest.mark.parametrize(
    ("language", "flag", "country"),
    [("en", "🇩🇪", "DE"), ("fr", "🇧🇪", "BE"), ("it", " 🇮🇹 ", "IT"), ("pt", "🇧🇷!", "BR")],
)
def test_a_flag_at_the_country_step_is_the_country_not_small_talk(chat, language, flag, country):
    """The country question invites a flag; a flag has no words, yet it is an answer."""
    chat.start(language)
    chat.say("hi")
    reply = chat.say(flag)
    assert reply.kind == Kind.ask_platforms and not reply.chatted
    assert chat.profile.country == country


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "heyy"),
        ("en", "lol figures"),
        ("en", "👍"),
        ("fr", "mercii"),
        ("de", "hallo 👋"),
        ("es", "jajaja"),
        ("it", "ahahah"),
        ("pt", "valeu"),
    ],
)
def test_small_talk_typed_the_way_people_type_gets_a_small_talk_reply(chat, language, said):
    onboard(chat, language, "Portugal", "instagram")
    reply = chat.say(said)
    assert reply.kind == Kind.smalltalk
    assert chat.profile.country == "PT"


# -- an account type named in a question -------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "country", "question", "other"),
    [
        (
            "en",
            "Belgium",
            "how do i object to meta training ai on my facebook",
            "is it any different for a business page?",
        ),
        (
            "de",
            "Deutschland",
            "wie widerspreche ich dem KI-Training auf facebook",
            "und ist das bei einem Geschäftskonto anders?",
        ),
        (
            "fr",
            "France",
            "comment m'opposer à l'entraînement de l'IA sur facebook",
            "et pour un compte pro c'est différent ?",
        ),
        (
            "es",
            "España",
            "cómo me opongo al entrenamiento de ia en facebook",
            "y con una cuenta de empresa es distinto?",
        ),
        (
            "it",
            "Italia",
            "come mi oppongo all'addestramento ia su facebook",
            "e per un account aziendale è diverso?",
        ),
        (
            "pt",
            "Portugal",
            "como me oponho ao treino de ia no facebook",
            "e para uma conta empresarial é diferente?",
        ),
    ],
)
def test_a_question_about_a_business_account_is_answered_for_one_and_nothing_is_stored(
    chat, language, country, question, other
):
    onboard(chat, language, country, "facebook")
    chat.say(question)
    answer = chat.say(other)
    assert answer.answered is not None
    assert answer.answered.account == Account.business
    assert answer.answered.goal in (Goal.stop_training, Goal.business)
    assert chat.profile.account == Account.personal


@pytest.mark.parametrize(
    ("language", "apps", "question", "same"),
    [
        ("en", "instagram and facebook", "i want to delete my instagram for good", "and fb, same?"),
        (
            "de",
            "instagram und facebook",
            "ich will mein instagram löschen",
            "und facebook, gleich?",
        ),
        ("pt", "instagram e facebook", "quero apagar meu instagram", "e o facebook, o mesmo?"),
    ],
)
def test_the_same_for_another_app_answers_the_last_question_for_it(
    chat, language, apps, question, same
):
    onboard(chat, language, "Portugal", apps)
    chat.say(question)
    follow = chat.say(same)
    assert follow.answered is not None
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.delete_account,
        Platform.facebook,
    )


# -- moves, to a country or a city -------------------------------------------------------------


def test_a_move_to_a_city_in_another_state_is_saved_and_the_last_question_answered_again(chat):
    onboard(chat, "en", "Texas", "facebook and instagram")
    chat.say("how do i stop instagram training ai on my posts")
    moved = chat.say("we relocated to boston in march, just so you know")
    assert moved.kind == Kind.profile_changed
    assert chat.profile.subdivision == "US-MA"
    assert moved.answered is not None and moved.answered.goal == Goal.stop_training


def test_a_city_in_a_question_answers_there_and_the_profile_stays(chat):
    onboard(chat, "en", "Germany", "instagram")
    asked = chat.say("im in boston this week, how do i stop instagram training ai on my posts")
    assert asked.answered is not None and asked.answered.country == "US-MA"
    assert chat.profile.country == "DE"  # being somewhere is not living there


def test_a_move_told_with_a_question_is_saved_and_the_question_answered_there(chat):
    onboard(chat, "en", "Germany", "instagram")
    asked = chat.say("i moved to boston, how do i stop instagram training ai on my posts")
    assert asked.answered is not None and asked.answered.country == "US-MA"
    assert (chat.profile.country, chat.profile.subdivision) == ("US", "US-MA")
    assert "Massachusetts" in asked.replies[0].text  # the change confirmed first, in one line


def test_a_move_read_by_where_they_say_they_live_now(chat):
    onboard(chat, "en", "France", "facebook")
    moved = chat.say("I'm not in France anymore, I live now in Switzerland")
    assert moved.kind == Kind.profile_changed
    assert chat.profile.country == "CH"


@pytest.mark.parametrize(
    ("language", "country", "said", "now"),
    [
        ("pt", "Brasil", "nos mudamos para Lisboa", "PT"),
        ("de", "Österreich", "wir sind nach Hamburg gezogen", "DE"),
        ("fr", "Belgique", "j'ai déménagé à Lyon le mois dernier", "FR"),
        ("es", "México", "me mudé a Sevilla hace poco", "ES"),
        ("it", "Svizzera", "mi sono trasferito a Torino", "IT"),
    ],
)
def test_a_move_to_a_city_in_words_in_every_language(chat, language, country, said, now):
    onboard(chat, language, country, "instagram")
    moved = chat.say(said)
    assert moved.kind == Kind.profile_changed
    assert chat.profile.country == now


@pytest.mark.parametrize(
    ("language", "said", "country"),
    [
        ("en", "i am from lisbon and i only use whatsapp", "PT"),
        ("pt", "sou de Lisboa e só uso o whatsapp", "PT"),
        ("de", "ich komme aus Wien und nutze nur whatsapp", "AT"),
    ],
)
def test_a_city_and_the_apps_used_in_one_answer_fill_both_steps(chat, language, said, country):
    chat.start(language)
    both = chat.say(said)
    assert both.kind == Kind.ask_account
    assert chat.profile.country == country
    assert chat.profile.platforms == [Platform.whatsapp]


def test_a_place_among_other_words_at_the_apps_step_is_a_correction(chat):
    chat.start("en")
    chat.say("Austria")
    corrected = chat.say("oops no, australia, sorry")
    assert chat.profile.country == "AU" and chat.profile.platforms == []
    # confirmed, then the apps asked again (the outcome says both)
    assert corrected.kind == Kind.ask_platforms and "corrected" in corrected.moved
    assert "Australia" in corrected.replies[0].text


# -- apps and account types changed in freer words ---------------------------------------------


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "I use whatsapp too, not only facebook"),
        ("de", "ich nutze auch whatsapp, nicht nur facebook"),
        ("fr", "j'utilise aussi whatsapp, pas seulement facebook"),
        ("es", "también uso whatsapp, no solo facebook"),
        ("it", "uso anche whatsapp, non solo facebook"),
        ("pt", "uso o whatsapp também, não só o facebook"),
    ],
)
def test_not_only_keeps_the_app_and_adds_the_other(chat, language, said):
    onboard(chat, language, "Portugal", "facebook")
    changed = chat.say(said)
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.facebook, Platform.whatsapp]


def test_an_app_added_in_a_clause_without_a_verb_of_its_own(chat):
    onboard(chat, "en", "Ireland", "instagram")
    changed = chat.say("so i got tiktok and also messenger now haha")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.instagram, Platform.messenger]


def test_an_app_taken_off_the_list(chat):
    onboard(chat, "en", "Ireland", "messenger and instagram")
    chat.say("how do i hide meta ai in messenger")
    changed = chat.say("please take instagram off my list")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.messenger]


def test_an_account_type_told_in_words_is_saved_and_the_last_question_answered_for_it(chat):
    onboard(chat, "en", "Ireland", "instagram")
    chat.say("how do i stop instagram training ai")
    changed = chat.say("oh actually my insta is a business account for the shop")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.account == Account.business
    assert changed.answered is not None and changed.answered.account == Account.business


def test_the_account_type_a_negated_clause_names_is_not_the_one_saved(chat):
    onboard(chat, "en", "Ireland", "instagram", "business")
    changed = chat.say("we closed the page last year, it is just my personal profile now")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.account == Account.personal


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "converted my instagram to a creator account"),
        ("de", "ich habe mein instagram auf ein Geschäftskonto umgestellt"),
        ("fr", "j'ai passé mon instagram en compte pro"),
        ("es", "cambié mi instagram a una cuenta de empresa"),
        ("it", "ho convertito il mio instagram in un account aziendale"),
        ("pt", "converti meu instagram para conta profissional"),
    ],
)
def test_an_account_switched_in_words_in_every_language(chat, language, said):
    onboard(chat, language, "Portugal", "instagram")
    changed = chat.say(said)
    assert changed.kind == Kind.profile_changed
    assert chat.profile.account == Account.business


# -- a question at the apps step ---------------------------------------------------------------


def test_all_inside_a_question_at_the_apps_step_is_not_every_app(chat):
    chat.start("en")
    chat.say("Spain")
    chat.say("is it worth using the browser instead of the app at all?")
    assert chat.profile.platforms == [] and chat.profile.step == Step.platforms
    chat.say("all of them")
    assert chat.profile.platforms == list(Platform)
