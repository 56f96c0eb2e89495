"""Kinds of English question fixed in wave 8, each in phrasings of its own (not taken from any
evaluation set): a time in the past ("years ago") does not keep a recovery or how-to question
ours but still marks data already used for AI; "the right way" is how, not law; regulators
(plural) are regulation; reporting Meta or a refused objection is escalation; "is X enough"
belongs to X; wiping all one's data is deleting the account; two apps named apart make the
question about the first, named as a list about neither."""

from __future__ import annotations

import pytest

from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    "text",
    [
        "get my deleted instagram back, i removed it two years ago",
        "how do i restore a facebook account i deleted last year",
        "cheapest way to boost a reel on instagram",
        "turn off like counts on my insta posts",
        "delete contacts from my whatsapp",
        "i want to install meta ai on my laptop",
        "what phone is most private to buy",
        "stop the junk mail coming to my house",
    ],
)
def test_a_past_time_or_meta_words_in_a_how_to_do_not_make_it_ours(matcher, text):
    assert matcher.match(text).goal is None


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        ("my pictures from years ago, are they inside meta ai already", Goal.trained_data),
        ("whats the proper way to keep meta from training on my photos", Goal.stop_training),
        ("can i opt my dad out of the facebook ai training", Goal.stop_training),
        ("i want meta to leave my pics alone for its ai", Goal.stop_training),
        ("why are regulators letting meta train on our posts", Goal.regulation),
        ("where do i report meta over ai training in italy", Goal.escalate),
        ("facebook says it cant process my objection", Goal.escalate),
        ("is deactivating my instagram enough to keep meta ai off my stuff", Goal.delete_account),
        ("i want whatsapp to erase all my data", Goal.delete_account),
        # getting rid of an app is leaving it; the assistant in it would be named
        ("if i get rid of whatsapp does meta get rid of my data", Goal.delete_account),
        ("how do i get rid of meta ai on whatsapp", Goal.remove_chatbot),
        ("does meta ai know what i search for on instagram", Goal.what_collected),
    ],
)
def test_kinds_fixed_in_wave_8_are_answered(matcher, text, goal):
    assert matcher.match(text).goal == goal


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("if i delete instagram will my facebook be deleted too", Platform.instagram),
        ("turn off meta ai in whatsapp but keep it in messenger", Platform.whatsapp),
        ("stop ai training on fb, insta and whatsapp", None),
        ("remove meta ai from both messenger and facebook", None),
    ],
)
def test_two_apps_named_apart_are_about_the_first_and_a_list_about_none(matcher, text, platform):
    assert matcher.match(text).platform == platform
