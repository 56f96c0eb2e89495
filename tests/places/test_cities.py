"""Cities (bot/places/cities.py): read where a place is expected, never as any word."""

from __future__ import annotations

import pickle

import pytest

from bot.places import Gazetteer


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("lisbon", "PT"),
        ("Lissabon", "PT"),  # its name in another language
        ("I live in Munich", "DE"),
        ("we moved to san francisco over the summer", "US-CA"),  # a US city: its state
        ("we relocated to boston in march", "US-MA"),
        ("nos mudamos para Lisboa", "PT"),
        ("je suis de Lyon", "FR"),
        ("wir sind nach Hamburg gezogen", "DE"),
        ("Rome", "IT"),  # far larger than Rome, Georgia
    ],
)
def test_a_city_is_read_as_an_answer_or_after_a_word_of_living_or_moving(
    g: Gazetteer, text: str, code: str
) -> None:
    place = g.city_in(text)
    assert place is not None and place.code == code


@pytest.mark.parametrize(
    "text",
    [
        "how to split my account",  # Split, Croatia: no word of living before "to"
        "what is nice about meta ai",
        "valencia",  # Spain or Venezuela: no guess
        "reading my messages",
    ],
)
def test_a_word_that_is_also_a_city_names_none(g: Gazetteer, text: str) -> None:
    assert g.city_in(text) is None


def test_the_table_survives_the_build_cache(g: Gazetteer) -> None:
    again = pickle.loads(pickle.dumps(g))
    assert again.city_in("we moved to san francisco") == g.city_in("we moved to san francisco")
    assert len(again.cities.names) == len(g.cities.names) > 10_000


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("scratch that, im in LA since the summer", "US-CA"),  # not Laos (ISO "LA")
        ("we moved to L.A.", "US-CA"),
        ("moved to SF last year", "US-CA"),
        ("I live in Laos", "LA"),
    ],
)
def test_a_citys_short_form_in_capitals_is_the_city_not_the_country_with_that_code(
    g: Gazetteer, text: str, code: str
) -> None:
    place = g.find_in_text(text)
    assert place is not None and place.code == code


@pytest.mark.parametrize("text", ["stop la ia en instagram", "how do i stop la ai training"])
def test_a_citys_short_form_in_lower_case_inside_a_question_is_a_word(
    g: Gazetteer, text: str
) -> None:
    assert g.find_in_text(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("porto alegre", "BR"),  # not Porto's Portugal
        ("eu moro em porto alegre, como desligo a ia do insta?", "BR"),
        ("i live in jersey city", "US-NJ"),  # not the island of Jersey
        ("porto", "PT"),  # the place itself stays
        ("rio de janeiro", "BR"),
    ],
)
def test_a_city_whose_name_holds_a_place_and_more_is_the_place_meant(
    g: Gazetteer, text: str, code: str
) -> None:
    place = g.resolve(text) or g.find_in_text(text)
    assert place is not None and place.code == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("rio", "BR"), ("moro no Rio", "BR"), ("bxl", "BE"), ("bs as", "AR"), ("Lugano", "CH")],
)
def test_a_citys_everyday_short_name_is_read_as_the_answer(
    g: Gazetteer, text: str, code: str
) -> None:
    place = g.resolve(text)
    assert place is not None and place.code == code


def test_rio_as_a_word_inside_a_question_names_no_place(g: Gazetteer) -> None:
    assert g.find_in_text("o rio perto de casa aparece nas fotos que a meta usa?") is None
