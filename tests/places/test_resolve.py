"""resolve (the whole answer to "where do you live?") and suggest (did you mean…)."""

from __future__ import annotations

import pytest

from bot.places import Gazetteer, Place
from bot.vocabulary import Region
from tests.places import code

# --------------------------------------------------------------------------------------------
# resolve: the whole answer to "where do you live?"

RESOLVE = [
    # English, any case, with and without wrapping words
    ("germany", "DE"),
    ("Germany", "DE"),
    ("GERMANY", "DE"),
    ("  germany  ", "DE"),
    ("germany.", "DE"),
    ("i live in france", "FR"),
    ("I'm in France", "FR"),
    ("im in california", "US-CA"),
    ("I’m from Spain", "ES"),
    ("currently living in the netherlands", "NL"),
    ("hi! i live in ireland, thanks", "IE"),
    # Other languages (pycountry's translations and places.yaml)
    ("Deutschland", "DE"),
    ("allemagne", "DE"),
    ("Alemania", "DE"),
    ("Germania", "DE"),
    ("ich wohne in Deutschland", "DE"),
    ("j'habite en France", "FR"),
    ("vivo en España", "ES"),
    ("Vivo in Italia", "IT"),
    ("Österreich", "AT"),
    ("osterreich", "AT"),
    ("Oesterreich", "AT"),
    ("Brasil", "BR"),
    ("Schweiz", "CH"),
    ("Suisse", "CH"),
    ("Svizzera", "CH"),
    ("Royaume-Uni", "GB"),
    ("Reino Unido", "GB"),
    ("Estados Unidos", "US"),
    ("EE.UU.", "US"),
    ("Stati Uniti", "US"),
    ("Polska", "PL"),
    ("Sverige", "SE"),
    ("Nederland", "NL"),
    ("Irlande", "IE"),
    ("Grecia", "GR"),
    ("Ελλάδα", "GR"),
    # Codes and abbreviations
    ("DE", "DE"),
    ("de", "DE"),
    ("DEU", "DE"),
    ("FR", "FR"),
    ("IT", "IT"),
    ("NO", "NO"),
    ("AT", "AT"),
    ("UK", "GB"),
    ("uk", "GB"),
    ("GB", "GB"),
    ("the uk", "GB"),
    ("U.K.", "GB"),
    ("U.S.", "US"),
    ("u.s.a.", "US"),
    ("us", "US"),
    ("US", "US"),
    ("usa", "US"),
    ("USA", "US"),
    ("US-CA", "US-CA"),
    ("us-ca", "US-CA"),
    ("DE-BY", "DE-BY"),
    ("GB-SCT", "GB-SCT"),
    # Common variants
    ("america", "US"),
    ("the States", "US"),
    ("United States of America", "US"),
    ("England", "GB"),
    ("scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("Britain", "GB"),
    ("Great Britain", "GB"),
    ("Holland", "NL"),
    ("the Netherlands", "NL"),
    ("Czechia", "CZ"),
    ("Czech Republic", "CZ"),
    ("South Korea", "KR"),
    ("Korea", "KR"),
    ("North Korea", "KP"),
    ("Russia", "RU"),
    ("Ivory Coast", "CI"),
    ("Côte d'Ivoire", "CI"),
    ("Türkiye", "TR"),
    ("Turkey", "TR"),
    ("UAE", "AE"),
    ("Vietnam", "VN"),
    ("Iran", "IR"),
    ("Macedonia", "MK"),
    ("Kosovo", "XK"),
    # US states, nicknames, cities
    ("california", "US-CA"),
    ("California", "US-CA"),
    ("Cali", "US-CA"),
    ("Kalifornien", "US-CA"),
    ("Californie", "US-CA"),
    ("texas", "US-TX"),
    ("TX", "US-TX"),
    ("NYC", "US-NY"),
    ("new york", "US-NY"),
    ("New York City", "US-NY"),
    ("Los Angeles", "US-CA"),
    ("San Francisco, CA", "US-CA"),
    ("Austin, TX", "US-TX"),
    ("austin, tx", "US-TX"),
    ("Washington DC", "US-DC"),
    ("D.C.", "US-DC"),
    ("New Jersey", "US-NJ"),
    ("New Mexico", "US-NM"),
    ("California, USA", "US-CA"),
    ("CA, US", "US-CA"),
    ("wa, US", "US-WA"),
    ("OK, US", "US-OK"),
    ("Georgia, US", "US-GA"),
    ("georgia usa", "US-GA"),
    ("the state of georgia", "US-GA"),
    # German states and cities
    ("Bayern", "DE-BY"),
    ("Bavaria", "DE-BY"),
    ("Bavière", "DE-BY"),
    ("NRW", "DE-NW"),
    ("Nordrhein-Westfalen", "DE-NW"),
    ("North Rhine-Westphalia", "DE-NW"),
    ("Baden-Württemberg", "DE-BW"),
    ("baden wurttemberg", "DE-BW"),
    ("Niedersachsen", "DE-NI"),
    ("Lower Saxony", "DE-NI"),
    ("Thüringen", "DE-TH"),
    ("Berlin", "DE-BE"),
    ("10115 Berlin", "DE-BE"),
    ("Hamburg", "DE-HH"),
    ("Munich, Germany", "DE-BY"),
    ("München", "DE-BY"),
    ("Köln", "DE-NW"),
    ("ich wohne in Bayern", "DE-BY"),
    ("Deutschland, Bayern", "DE-BY"),
    # Cities elsewhere, subdivisions elsewhere
    ("Paris", "FR"),
    ("London", "GB"),
    ("Dublin", "IE"),
    ("Vienna", "AT"),
    ("Zürich", "CH"),
    ("Granada", "ES"),
    ("Ontario", "CA-ON"),
    ("Queensland", "AU-QLD"),
    ("New South Wales", "AU-NSW"),
    ("British Columbia", "CA-BC"),
    ("Canary Islands", "ES-CN"),
    ("Mallorca", "ES-IB"),
    # Territories
    ("Puerto Rico", "PR"),
    ("Guadeloupe", "GP"),
    ("Réunion", "RE"),
    ("Réunion, France", "RE"),
    ("Åland", "AX"),
    ("Gibraltar", "GI"),
    ("Jersey", "JE"),
    ("Jersey, UK", "JE"),
    ("Isle of Man", "IM"),
    ("FR-NC", "NC"),
    # Several places: the residence wins, a state refines its country
    ("I'm German but live in France", "FR"),
    ("from Texas, living in Germany", "DE"),
    ("Berlin, Germany", "DE-BE"),
    ("I live in Germany, in the EU", "DE"),
    ("California or Texas", "US"),
    # Flags
    ("🇩🇪", "DE"),
    ("🇫🇷 France", "FR"),
    ("🇬🇧", "GB"),
    ("🇺🇸", "US"),
    ("🇮🇪", "IE"),
    ("🇨🇭", "CH"),
    ("🇲🇻", "MV"),
    ("🇮🇨", "ES-CN"),
    ("🏴\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", "GB"),  # England
    ("🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", "GB"),  # Scotland
    ("🏴\U000e0067\U000e0062\U000e0077\U000e006c\U000e0073\U000e007f", "GB"),  # Wales
    ("🇺🇸 california", "US-CA"),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVE)
def test_resolve(g: Gazetteer, text: str, expected: str) -> None:
    assert code(g.resolve(text)) == expected


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("EU", Region.eu),
        ("the EU", Region.eu),
        ("E.U.", Region.eu),
        ("europe", Region.eu),
        ("European Union", Region.eu),
        ("Europa", Region.eu),
        ("🇪🇺", Region.eu),
        ("asia", Region.other),
        ("South America", Region.other),
    ],
)
def test_resolve_bare_region(g: Gazetteer, text: str, region: Region) -> None:
    assert g.resolve(text) == Place(None, None, region)


def test_resolve_full_places(g: Gazetteer) -> None:
    assert g.resolve("california") == Place("US", "US-CA", Region.us_ca)
    assert g.resolve("texas") == Place("US", "US-TX", Region.us_other)
    assert g.resolve("usa") == Place("US", None, None)
    assert g.resolve("Bayern") == Place("DE", "DE-BY", Region.eu)
    assert g.resolve("the uk") == Place("GB", None, Region.uk)
    assert g.resolve("Switzerland") == Place("CH", None, Region.other)
    assert g.resolve("Brasil") == Place("BR", None, Region.other)


def test_bare_ca_is_canada_and_suggest_offers_california(g: Gazetteer) -> None:
    """Documented choice: a bare two-letter answer is the ISO country code."""
    assert g.resolve("CA") == Place("CA", None, Region.other)
    assert g.resolve("ca") == Place("CA", None, Region.other)
    assert [p.code for p in g.suggest("CA")][:2] == ["CA", "US-CA"]
    assert [p.code for p in g.suggest("DE")][:2] == ["DE", "US-DE"]


def test_georgia_is_the_country_unless_the_us_is_named(g: Gazetteer) -> None:
    assert g.resolve("georgia") == Place("GE", None, Region.other)
    assert [p.code for p in g.suggest("Georgia")][:2] == ["GE", "US-GA"]
    assert g.resolve("Georgia, USA") == Place("US", "US-GA", Region.us_other)


def test_lead_country_buttons_resolve_to_their_own_code(g: Gazetteer) -> None:
    for c in ["DE", "FR", "GB", "IE", "US-CA", "US", "IT", "NO", "AT", "IN", "IS", "ES", "PL"]:
        place = g.resolve(c)
        assert place is not None and place.code == c


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n\t",
        "sdfsdf",
        "hello",
        "yes",
        "no",
        "ok",
        "it",
        "in",
        "me",
        "can",
        "tell us",
        "how do i stop ai training",
        "meta",
        "?",
        "🙂",
        "1234",
        "north america",
        "germany or france",  # two places, no sign which one is home
    ],
)
def test_resolve_nothing(g: Gazetteer, text: str) -> None:
    assert g.resolve(text) is None


def test_every_resolved_place_has_a_consistent_region(g: Gazetteer) -> None:
    for text, _ in RESOLVE:
        place = g.resolve(text)
        assert place is not None
        if place.country is not None:
            assert place.region == g.region_of(place.country, place.subdivision), text


# --------------------------------------------------------------------------------------------
# suggest


@pytest.mark.parametrize(
    ("typo", "expected"),
    [
        ("germny", "DE"),
        ("Germnay", "DE"),
        ("califronia", "US-CA"),
        ("swizerland", "CH"),
        ("itlay", "IT"),
        ("frnace", "FR"),
        ("Deutschlnd", "DE"),
        ("untied states", "US"),
        ("i live in germny", "DE"),
        ("autsria", "AT"),
        ("spian", "ES"),
        ("new yrok", "US-NY"),
        ("bavria", "DE-BY"),
        ("mexcio", "MX"),
        ("canda", "CA"),
    ],
)
def test_suggest_typos(g: Gazetteer, typo: str, expected: str) -> None:
    assert g.resolve(typo) is None or code(g.resolve(typo)) == expected
    suggestions = g.suggest(typo)
    assert suggestions and suggestions[0].code == expected


@pytest.mark.parametrize(
    "text",
    ["sdfsdf", "hello", "help", "thanks", "instagram", "whatsapp", "delete my account",
     "how do i stop ai training", "yes", "", "x" * 10_000, "\x00\x01"],
)  # fmt: skip
def test_suggest_nothing_for_non_places(g: Gazetteer, text: str) -> None:
    assert g.suggest(text) == []


def test_suggest_lists_only_real_alternatives(g: Gazetteer) -> None:
    """More than one suggestion for a resolvable answer means it is ambiguous."""
    assert g.suggest("Munich, Germany") == [Place("DE", "DE-BY", Region.eu)]
    assert g.suggest("France, EU") == [Place("FR", None, Region.eu)]
    assert g.suggest("germany") == [Place("DE", None, Region.eu)]
    assert len(g.suggest("CA")) == 2


def test_suggest_limit_and_exact_first(g: Gazetteer) -> None:
    assert g.suggest("ireland") == [Place("IE", None, Region.eu)]  # not "Iceland" as well
    assert len(g.suggest("austrailia", limit=1)) == 1
    assert g.suggest("germny", limit=0) == []
