"""Follow-ups, corrections in words and small talk the way people write them (issue 12 items
1, 2, 3, 5): each test is one kind of message, seen through the engine as a user would."""

from __future__ import annotations

from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


def test_an_app_nickname_alone_is_a_follow_up_for_that_app(chat):
    chat.onboard("Texas", "facebook and messenger")
    chat.say("how do i hide the meta ai thing on facebook")
    follow = chat.say("msgr too?")
    assert follow.answered is not None
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.remove_chatbot,
        Platform.messenger,
    )


def test_an_app_list_with_nicknames_keeps_every_app(chat):
    chat.say("hi")
    chat.say("germany")
    chat.say("fb and msgr")
    assert chat.profile.platforms == [Platform.facebook, Platform.messenger]


def test_an_app_dropped_in_one_clause_and_kept_in_the_next(chat):
    chat.onboard("California", "instagram and whatsapp")
    changed = chat.say("i quit insta, only whatsapp now")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.whatsapp]
    asked = chat.say("how do i get rid of meta ai")
    assert asked.answered is not None and asked.answered.platform == Platform.whatsapp


def test_an_app_removed_with_take_that_off_is_saved_not_answered(chat):
    chat.onboard("Germany", "whatsapp, messenger and instagram")
    changed = chat.say("deleted messenger last week so take that off")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.instagram, Platform.whatsapp]


def test_an_app_got_since_is_added(chat):
    chat.onboard("Poland", "facebook")
    changed = chat.say("i got instagram too now")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.facebook, Platform.instagram]


def test_an_app_added_at_the_account_step_is_saved_and_the_step_asked_again(chat):
    chat.say("hi there")
    chat.say("sweden")
    chat.say("facebook")
    again = chat.say("oh and i also use messenger")
    assert again.kind == Kind.ask_account
    assert chat.profile.platforms == [Platform.facebook, Platform.messenger]


def test_a_place_corrected_with_not_takes_the_place_meant(chat):
    chat.onboard("Australia", "facebook")
    chat.say("can i object to meta training ai on my facebook")
    fixed = chat.say("sorry i meant austria not australia")
    assert fixed.kind == Kind.profile_changed and chat.profile.country == "AT"
    assert fixed.answered is not None and fixed.answered.goal == Goal.stop_training


def test_a_relatives_phone_is_someone_elses_account(chat):
    chat.onboard("UK", "facebook and whatsapp")
    chat.say("how do i turn off improve ai on whatsapp")
    other = chat.say("can i do it for my mum's phone too")
    assert other.kind == Kind.other_account


def test_it_after_an_answer_about_meta_ai_means_meta_ai(chat):
    chat.onboard("France", "whatsapp")
    chat.say("is meta ai in my whatsapp reading stuff")
    follow = chat.say("tell me how to remove it")
    assert follow.answered is not None
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.remove_chatbot,
        Platform.whatsapp,
    )


def test_a_greeting_with_a_request_keeps_the_request(chat):
    first = chat.say("hello, i want meta ai out of my life")
    assert first.kind == Kind.ask_country
    chat.say("denmark")
    chat.say("whatsapp")
    done = chat.say("personal")
    assert done.answered is not None and done.answered.goal == Goal.overview


def test_a_newcomers_question_asks_the_country_first_and_a_place_at_the_apps_step_counts(chat):
    first = chat.say("i run ads for my shop, can i switch off metas ai stuff")
    assert first.kind == Kind.ask_country
    chat.say("sweden")
    assert chat.profile.step == "platforms"
    moved = chat.say("uk")
    assert moved.kind == Kind.ask_platforms and chat.profile.country == "GB"


def test_questions_phrased_the_way_people_write_are_answered(chat):
    chat.onboard("Germany", "facebook")
    for text, goal in [
        ("can i turn off the ai that writes my ads", Goal.business),
        ("so what is opting out of meta ai really", Goal.overview),
        ("if i delete my facebook does it delete my data from their ai", Goal.trained_data),
        ("how do i check which apps have access to my account", Goal.connected_apps),
    ]:
        out = chat.say(text)
        assert out.answered is not None and out.answered.goal == goal, text


def test_apps_changed_in_german_words(chat):
    chat.onboard("Deutschland", "instagram und whatsapp", "privat", language="de")
    changed = chat.say("ich nutze insta nicht mehr, nur noch whatsapp")
    assert changed.kind == Kind.profile_changed
    assert chat.profile.platforms == [Platform.whatsapp]
