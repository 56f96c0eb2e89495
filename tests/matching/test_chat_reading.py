"""Reading questions written the way people message: fillers and shorthand change nothing,
typos are read as the word meant, app nicknames are apps, a question naming two apps is about
neither one, words the domain shares with gyms and dog trainers are not Meta questions, wishes
and nicknames are read as meant, and a run-on message falls into the questions it asks."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform

WITH_AND_WITHOUT_FILLERS = [
    ("how do i turn off meta ai on insta", "how do i turn off rn meta ai on insta tbh"),
    ("stop meta training ai on my posts", "idk how to stop meta training ai on my posts lol"),
    ("delete my facebook account", "ngl i wanna delete my facebook account asap"),
    ("what data does meta ai collect", "omg wtf what data does meta ai collect"),
    ("can meta read my whatsapp chats", "bruh can meta read my whatsapp chats fr"),
]


@pytest.mark.parametrize(("plain", "chatty"), WITH_AND_WITHOUT_FILLERS)
def test_fillers_and_shorthand_do_not_change_the_answer(matcher, plain, chatty):
    expected, got = matcher.match(plain), matcher.match(chatty)
    assert expected.goal is not None
    assert (got.goal, got.platform) == (expected.goal, expected.platform), chatty


@pytest.mark.parametrize(
    ("text", "meant", "not_meant"),
    [
        ("how do i delete my acount", "account", None),  # "count" is as near
        ("waht does meta ai do with my data", None, "time"),  # "wait" is as near
        ("i want to complane about meta", "complain", None),  # "company" is as near
        ("tryin to hide meta ai", None, "train"),  # shorthand, not a typo of "train"
        ("my vids on insta", "content", "children"),  # not "kids"
    ],
)
def test_a_typo_is_read_as_the_word_meant(matcher, text, meant, not_meant):
    concepts = matcher.read(text).concepts
    assert meant is None or meant in concepts
    assert not_meant not in concepts


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("stop msgr ai replies", Platform.messenger),
        ("fb msgr meta ai turn off", Platform.messenger),
        ("hide meta ai on whatsapp web", Platform.whatsapp),
        ("insta ai training opt out", Platform.instagram),
        ("where is off facebook activity on instagram", Platform.instagram),
        # a feature only one app has names that app
        ("does advanced chat privacy stop meta ai in my family group", Platform.whatsapp),
    ],
)
def test_the_app_a_question_is_about(matcher, text, platform):
    assert matcher.match(text).platform == platform


def test_a_question_naming_two_apps_is_about_both_and_not_one(matcher):
    m = matcher.match("how do i opt out of meta ai training on both fb and insta")
    assert m.goal == Goal.stop_training
    assert m.platform is None and set(m.platforms) == {Platform.facebook, Platform.instagram}


@pytest.mark.parametrize(
    "text",
    [
        "marathon training plan for beginners",
        "how do i train my dog to stop barking",
        "any good vpn recommendations?",
        "remote ai training jobs that pay well?",
        "delete old photos from my iphone to free up space",
        "complain to the regulator about a company cold calling me",
    ],
)
def test_the_domain_words_in_other_subjects_are_not_meta_questions(matcher, text):
    assert matcher.match(text).goal is None


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("is opting out of meta ai even worth it", Goal.overview),
        ("are my voice notes safe from meta ai", Goal.what_collected),
        ("META AI GET OUT OF MY INSTAGRAM", Goal.remove_chatbot),
        ("clear my search history on fb but keep the account", Goal.delete_specific_data),
        ("can meta untrain its ai on my photos", Goal.trained_data),
    ],
)
def test_chat_phrasings_of_each_goal(matcher, text, goal):
    assert matcher.match(text).goal == goal


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # a phrase that names AI or Meta inside another still names it
        ("is my photo usable for ai if my profile is public", Goal.what_collected),
        ("whats meta ai and why is it in my chats", Goal.overview),
        # the assistant gone from an app, not data gone from a model
        ("my grandpa wants meta ai gone from his messenger", Goal.remove_chatbot),
        # wishes said without "stop", leaving without "delete"
        ("i'd like facebook not to use my stuff for ai", Goal.stop_training),
        ("get me off whatsapp", Goal.delete_account),
        # suggesting replies is replying; keeping the account keeps it
        ("how do i stop meta ai suggesting replies on messenger", Goal.stop_ai_replies),
        ("scrub my insta without killing the account", Goal.delete_specific_data),
    ],
)
def test_what_people_message_is_read_as_meant(matcher, text, goal):
    assert matcher.match(text).goal == goal


def test_a_run_on_message_falls_into_the_questions_it_asks(matcher):
    parts = matcher.clauses("how do i stop ai training on insta and also delete my fb account")
    assert [(m.goal, m.platform) for m in map(matcher.match, parts)] == [
        (Goal.stop_training, Platform.instagram),
        (Goal.delete_account, Platform.facebook),
    ]
