"""Kinds of English question the matcher used to get wrong, each in phrasings of its own: out of
scope when another company, account recovery, an app's ordinary features or a course is the
subject, even with Meta's words; Meta AI unwanted "in my app" or "no more" is hiding it; undoing
training already done is trained_data; cutting an outside service off an app is connected_apps."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    "text",
    [
        # someone else got into the account: recovery, not deletion
        "a hacker got into my insta and wiped it, what do i do",
        "somebody took over my facebook and changed the password",
        "people are getting messages from a clone of my fb profile",
        # the apps' ordinary features, with Meta's words in them
        "how do i stop whatsapp saving every picture to my gallery",
        "facebook keeps sending me so many emails, make it stop",
        "how do i delete the page i set up for my cafe",
        "make my facebook profile private so strangers cant see it",
        # a course about AI, not Meta's training
        "is the ai training course from my work any good",
    ],
)
def test_meta_words_in_a_question_that_is_not_ours_are_declined(matcher, text):
    assert matcher.match(text).goal is None


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("no more meta ai on my insta please", Platform.instagram),
        ("i really dont want meta ai inside my whatsapp", Platform.whatsapp),
        ("how can i uninstall meta ai from messenger", Platform.messenger),
        ("delete the meta ai on facebook", Platform.facebook),
        ("my son has meta ai in his whatsapp, how do i remove it", Platform.whatsapp),
        ("make meta ai vanish from my instagram", Platform.instagram),
    ],
)
def test_meta_ai_unwanted_in_an_app_is_hiding_it(matcher, text, platform):
    m = matcher.match(text)
    assert (m.goal, m.platform) == (Goal.remove_chatbot, platform)


@pytest.mark.parametrize(
    "text",
    [
        "is there a way to un-train meta ai on my pictures",
        "meta already used my posts, can they take that back",
        "will the ai forget my photos or are they stuck in there for good",
        "can my posts be pulled out of the models meta already built",
    ],
)
def test_undoing_training_already_done_is_trained_data(matcher, text):
    assert matcher.match(text).goal == Goal.trained_data


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("how do i disconnect my netflix from facebook", Platform.facebook),
        ("unlink a game from my instagram", Platform.instagram),
        ("i want to unlink duolingo from my fb account", Platform.facebook),
    ],
)
def test_cutting_an_outside_service_off_an_app_is_connected_apps(matcher, text, platform):
    m = matcher.match(text)
    assert (m.goal, m.platform) == (Goal.connected_apps, platform)


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # the same wording about Meta is still answered
        ("how long is my facebook kept after i delete it", Goal.delete_account),
        ("are my whatsapp chats private from the ai", Goal.what_collected),
        ("how do i tell meta no to training on my reels", Goal.stop_training),
    ],
)
def test_the_same_words_about_meta_are_still_answered(matcher, text, goal):
    assert matcher.match(text).goal == goal


@pytest.mark.parametrize(
    "text",
    [
        # a service the lexicon does not list is still another company's
        "opt out of ai training on wattpad",
        "does letterboxd sell my watch history",
        "stop bandcamp from training ai on my songs",
        # someone else reading an app's data is not Meta's AI
        "can the cops read my messenger chats",
        "is my ex able to see my whatsapp messages",
    ],
)
def test_another_party_or_an_unlisted_service_is_not_meta(matcher, text):
    m = matcher.match(text)
    # answered as another company's question (the reply names no unknown word back)
    assert m.goal is None and m.out_of_scope == "company:other"


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # a word only the lemmatiser's list knows is a word, not a name
        ("what are the most impactful meta ai settings to change first", Goal.quick_wins),
        # Meta or its AI named as the one reading: ours, whoever else is named
        ("can my school see what i say to meta ai", Goal.what_collected),
        ("does meta let the police read my instagram dms", Goal.what_collected),
    ],
)
def test_words_of_the_language_and_meta_as_the_reader_stay_ours(matcher, text, goal):
    assert matcher.match(text).goal == goal
