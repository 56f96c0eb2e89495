"""Tests for bot.places (where the user lives → region, authorities) and knowledge/authorities.yaml.

Inputs are the ways people really answer "where do you live?" and really mention a place inside
a question — in several languages, with flags, typos and noise — plus the ordinary words that
must never be read as a place.
"""

from __future__ import annotations

import importlib.util
import shutil
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.authorities import Authority, load_authorities
from bot.places import Gazetteer, Place
from bot.vocabulary import Region

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"
UPSTREAM = ROOT.parent / "shared" / "data" / "datenanfragen"

# fmt: off
EU27 = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
# fmt: on
EEA = ["IS", "LI", "NO"]


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.load(KNOWLEDGE)


def code(place: Place | None) -> str | None:
    return None if place is None else (place.code or f"region:{place.region}")


# --------------------------------------------------------------------------------------------
# Loading


def test_loads_standalone_from_relative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    gaz = Gazetteer.load(Path("knowledge"))
    assert gaz.resolve("germany") == Place("DE", None, Region.eu)


def test_unquoted_yaml_boolean_is_reported(tmp_path: Path) -> None:
    """`NO` unquoted is YAML for false: Norway would silently leave the EEA."""
    for name in ("places.yaml", "authorities.yaml"):
        shutil.copy(KNOWLEDGE / name, tmp_path / name)
    text = (tmp_path / "places.yaml").read_text(encoding="utf-8")
    (tmp_path / "places.yaml").write_text(text.replace('[IS, LI, "NO"]', "[IS, LI, NO]"), "utf-8")
    with pytest.raises(ValueError, match="not text"):
        Gazetteer.load(tmp_path)


def test_unknown_code_in_places_yaml_is_reported(tmp_path: Path) -> None:
    for name in ("places.yaml", "authorities.yaml"):
        shutil.copy(KNOWLEDGE / name, tmp_path / name)
    text = (tmp_path / "places.yaml").read_text(encoding="utf-8")
    (tmp_path / "places.yaml").write_text(
        text.replace("  US-MA: [Boston]", "  US-QQ: [Boston]"), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="US-QQ"):
        Gazetteer.load(tmp_path)


def test_place_code_and_immutability() -> None:
    assert Place("US", "US-CA", Region.us_ca).code == "US-CA"
    assert Place("DE", None, Region.eu).code == "DE"
    assert Place(None, None, Region.eu).code is None
    with pytest.raises(AttributeError):
        Place("DE", None, Region.eu).country = "FR"  # type: ignore[misc]


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


# --------------------------------------------------------------------------------------------
# Regions


def test_region_of_eu_eea(g: Gazetteer) -> None:
    for c in EU27 + EEA:
        assert g.region_of(c) is Region.eu, c


def test_region_of_outermost_regions_are_eu(g: Gazetteer) -> None:
    for c in ["GF", "GP", "MQ", "RE", "YT", "MF", "AX"]:
        assert g.region_of(c) is Region.eu, c


def test_region_of_territories_outside_the_eu(g: Gazetteer) -> None:
    for c in ["BL", "PM", "NC", "PF", "WF", "TF", "GL", "FO", "AW", "CW", "SX", "BQ", "SJ"]:
        assert g.region_of(c) is Region.other, c
    for c in ["AD", "MC", "SM", "VA", "CH"]:
        assert g.region_of(c) is Region.other, c
    assert g.region_of("FR", "FR-NC") is Region.other


def test_region_of_uk_is_gb_only(g: Gazetteer) -> None:
    assert g.region_of("GB") is Region.uk
    assert g.region_of("gb") is Region.uk
    assert g.region_of("GB", "GB-SCT") is Region.uk
    for c in ["JE", "GG", "IM", "GI"]:
        assert g.region_of(c) is Region.other, c


def test_region_of_us(g: Gazetteer) -> None:
    assert g.region_of("US") is None
    assert g.region_of("US", "US-CA") is Region.us_ca
    assert g.region_of("us", "us-ca") is Region.us_ca
    assert g.region_of("US", "US-TX") is Region.us_other
    assert g.region_of("US", "US-DC") is Region.us_other
    assert g.region_of("US", "US-PR") is Region.us_other
    assert g.region_of("US", "US-ZZ") is None
    assert g.region_of("US", "DE-BY") is None  # a state of another country is ignored
    for c in ["PR", "GU", "VI", "AS", "MP", "UM"]:
        assert g.region_of(c) is Region.us_other, c


def test_region_of_other_and_junk(g: Gazetteer) -> None:
    assert g.region_of("BR") is Region.other
    assert g.region_of("JP") is Region.other
    assert g.region_of("XK") is Region.other
    assert g.region_of("XX") is None
    assert g.region_of("") is None
    assert g.region_of(None) is None  # type: ignore[arg-type]


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


# --------------------------------------------------------------------------------------------
# find_in_text: a place inside a longer question

IN_TEXT = [
    ("how do i stop ai training im in california", "US-CA"),
    ("as a german user", "DE"),
    ("uk user here", "GB"),
    ("UK user here, how do I object?", "GB"),
    ("I'm in the EU", "region:eu"),
    ("europe", "region:eu"),
    ("is this legal in europe?", "region:eu"),
    ("living in texas", "US-TX"),
    ("in the states", "US"),
    ("I'm in the US", "US"),
    ("can i object from the US", "US"),
    ("Does this work in Germany?", "DE"),
    ("what about the UK?", "GB"),
    ("GDPR in the U.K.", "GB"),
    ("I'm in DE", "DE"),
    ("how do I object from FR", "FR"),
    ("I live in TX", "US-TX"),
    ("im from NY", "US-NY"),
    ("I'm in Georgia, US", "US-GA"),
    ("georgia state resident", "US-GA"),
    ("im in georgia", "GE"),
    ("I live in Turkey", "TR"),
    ("I'm in Ontario", "CA-ON"),
    ("British Columbia here", "CA-BC"),
    ("I'm in New South Wales", "AU-NSW"),
    ("Ja ich wohne in Bayern", "DE-BY"),
    ("brazilian user", "BR"),
    ("what does Meta do with my data in Brasil", "BR"),
    ("🇫🇷 user, how do I stop this", "FR"),
    ("I'm american living in germany", "DE"),
    ("I live in the Netherlands, the EU", "NL"),
    ("i'm in california, usa", "US-CA"),
    ("does instagram train on my photos in Österreich", "AT"),
    ("I'm in CA", "CA"),  # documented: ISO first, like a bare answer
]


@pytest.mark.parametrize(("text", "expected"), IN_TEXT)
def test_find_in_text(g: Gazetteer, text: str, expected: str) -> None:
    assert code(g.find_in_text(text)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "can you help me",
        "tell us how to stop it",
        "what is it",
        "I use de app",
        "is it on in my app",
        "How do I stop Meta AI",  # "AI" is Anguilla's code
        "AI",
        "IN the app settings",
        "my IT guy set it up",
        "OK thanks",
        "DM me the steps",
        "what is my ID",
        "NO",
        "HOW DO I STOP META AI TRAINING CAN YOU HELP US",
        "can you answer in German",  # a language, not a place
        "translate to french please",
        "french fries are great",
        "is my turkey recipe used for training",
        "Chad told me about this",
        "Jordan said it's fine",
        "new york times article about meta",
        "washington post says",
        "the island of misfit toys",
        "a b c d e f g",
        "i moved from Germany to France",  # two places, neither clearly home
        "germany or france?",
        "north america",
        "virginia told me",
        "whatsapp",
        "can i delete my account",
        "es de la app",
        "",
    ],
)
def test_find_in_text_ignores_ordinary_words(g: Gazetteer, text: str) -> None:
    assert g.find_in_text(text) is None


def test_find_in_text_is_stricter_than_resolve(g: Gazetteer) -> None:
    """The same short word is an answer on its own but not inside a question."""
    assert code(g.resolve("de")) == "DE"
    assert g.find_in_text("is de setting gone") is None
    assert code(g.resolve("us")) == "US"
    assert g.find_in_text("help us") is None
    assert code(g.resolve("Ontario")) == "CA-ON"
    assert g.find_in_text("ontario") is None


# --------------------------------------------------------------------------------------------
# Display names


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("US-CA", "en", "California, United States"),
        ("US-CA", "de", "Kalifornien, Vereinigte Staaten"),
        ("US-CA", "fr", "Californie, États-Unis"),
        ("DE-BY", "en", "Bavaria, Germany"),
        ("DE-BY", "de", "Bayern, Deutschland"),
        ("DE-BY", "it", "Baviera, Germania"),
        ("DE-BY", "es", "Baviera, Alemania"),
        ("DE", "fr", "Allemagne"),
        ("GB", "en", "United Kingdom"),
        ("US", "en", "United States"),
        ("KR", "en", "South Korea"),
        ("BO", "es", "Bolivia"),
        ("CH", "it", "Svizzera"),
        ("ES-CN", "en", "Canary Islands, Spain"),
        ("DE", "xx", "Germany"),  # unknown language: English
        ("DE", "de-AT", "Deutschland"),
    ],
)
def test_name(g: Gazetteer, text: str, language: str, expected: str) -> None:
    place = g.resolve(text)
    assert place is not None
    assert g.name(place, language) == expected


def test_name_of_bare_region_comes_from_data(g: Gazetteer) -> None:
    data = yaml.safe_load((KNOWLEDGE / "places.yaml").read_text(encoding="utf-8"))
    assert g.name(Place(None, None, Region.eu)) == data["regions"]["eu"]["display"]["en"]
    assert g.name(Place(None, None, None)) == ""


# --------------------------------------------------------------------------------------------
# Authorities


def slugs(g: Gazetteer, text: str) -> list[str]:
    place = g.resolve(text)
    assert place is not None
    return [a.slug for a in g.authorities_for(place)]


def test_authorities_for_bavaria(g: Gazetteer) -> None:
    """BayLDA (private sector), not the public-sector BayLfD; then the BfDI; then the DPC."""
    assert slugs(g, "Bayern") == ["debaylda", "debfdi", "iedpc"]


def test_authorities_for_germany_without_state(g: Gazetteer) -> None:
    assert slugs(g, "Germany") == ["debfdi", "iedpc"]


def test_authorities_for_every_german_state(g: Gazetteer) -> None:
    # fmt: off
    states = ["BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST",
              "SH", "TH"]
    # fmt: on
    for state in ["DE-" + s for s in states]:
        found = g.authorities_for(Place("DE", state, Region.eu))
        assert [a.level for a in found] == ["state", "federal", "national"], state
        assert found[0].subdivision == state


def test_authorities_for_france_ireland_uk_switzerland(g: Gazetteer) -> None:
    assert slugs(g, "France") == ["frcnil", "iedpc"]
    assert slugs(g, "Ireland") == ["iedpc"]  # once
    assert slugs(g, "UK") == ["gbico"]
    assert slugs(g, "Scotland") == ["gbico"]
    assert slugs(g, "Switzerland") == ["chedoeb"]
    assert slugs(g, "Norway") == ["nods", "iedpc"]


def test_authorities_for_outside_europe(g: Gazetteer) -> None:
    assert slugs(g, "California") == []
    assert slugs(g, "USA") == []
    assert slugs(g, "Brazil") == []
    assert slugs(g, "Jersey") == []


def test_authorities_for_outermost_region_and_bare_eu(g: Gazetteer) -> None:
    assert slugs(g, "Guadeloupe") == ["frcnil", "iedpc"]
    assert slugs(g, "Åland") == ["fitst", "iedpc"]
    assert [a.slug for a in g.authorities_for(Place(None, None, Region.eu))] == ["iedpc"]


def test_every_eu_eea_country_has_its_authority_and_the_dpc(g: Gazetteer) -> None:
    for c in EU27 + EEA:
        found = g.authorities_for(Place(c, None, Region.eu))
        assert found[-1].lead_for_meta, c
        national = [a for a in found if c in a.countries and a.level != "state"]
        assert national, c


# --------------------------------------------------------------------------------------------
# authorities.yaml and its import script


def test_authorities_yaml_attribution() -> None:
    head = (KNOWLEDGE / "authorities.yaml").read_text(encoding="utf-8").splitlines()[:10]
    text = "\n".join(head)
    assert head[0].startswith("#")
    assert "datenanfragen/data" in text and "0a29c3d6" in text and "CC0 1.0" in text


def test_authorities_yaml_content() -> None:
    records = load_authorities(KNOWLEDGE)
    by_slug = {a.slug: a for a in records.authorities}
    assert records.source.licence == "CC0-1.0"
    assert by_slug["iedpc"].lead_for_meta
    assert [a.slug for a in records.authorities if a.lead_for_meta] == ["iedpc"]
    assert by_slug["debaylda"].subdivision == "DE-BY"
    assert by_slug["debfdi"].level == "federal"
    assert by_slug["frcnil"].level == "national"
    for skipped in ["debayldb", "deekdbfd", "dekathdsz", "derf", "derfdw"]:
        assert skipped not in by_slug
    assert all(isinstance(a, Authority) for a in records.authorities)
    for a in records.authorities:
        assert a.countries == [c.upper() for c in a.countries]
        assert a.sources, a.slug
    assert "QES" in " ".join(by_slug["bgcpdp"].comments)


def test_meta_entities_carry_the_stale_form_warning() -> None:
    entities = {e.slug: e for e in load_authorities(KNOWLEDGE).meta_entities}
    assert set(entities) == {"facebook", "instagram", "whatsapp"}
    assert entities["facebook"].webform_possibly_stale
    assert entities["instagram"].webform_possibly_stale
    assert not entities["whatsapp"].webform_possibly_stale
    assert "may be stale" in (KNOWLEDGE / "authorities.yaml").read_text(encoding="utf-8")


@pytest.mark.skipif(not UPSTREAM.is_dir(), reason="upstream datenanfragen copy not available")
def test_import_script_reproduces_the_committed_file() -> None:
    spec = importlib.util.spec_from_file_location("import_authorities", ROOT / "tools" /
                                                  "import_authorities.py")  # fmt: skip
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (KNOWLEDGE / "authorities.yaml").read_text(encoding="utf-8")
    assert module.build(UPSTREAM) == committed


# --------------------------------------------------------------------------------------------
# Robustness and speed


@pytest.mark.parametrize(
    "text",
    ["x" * 10_000, "germany " * 2_000, "\x00\x01\x02\x1b[31m", "\u202egermany", "🇩", "🇩🇪🇫🇷🇮🇹",
     "🏴\U000e007f", "US-", "-CA", "US--CA", "e.g. i.e.", "\u0301\u0301",
     "中国", "日本", "Россия", "ελλάδα", "a" * 5000 + " germany"],
)  # fmt: skip
def test_never_raises(g: Gazetteer, text: str) -> None:
    g.resolve(text)
    g.find_in_text(text)
    g.suggest(text)


def test_non_string_input(g: Gazetteer) -> None:
    for value in (None, 42, b"germany", ["germany"]):
        assert g.resolve(value) is None  # type: ignore[arg-type]
        assert g.find_in_text(value) is None  # type: ignore[arg-type]
        assert g.suggest(value) == []  # type: ignore[arg-type]


def test_non_latin_names(g: Gazetteer) -> None:
    assert code(g.resolve("中国")) == "CN"
    assert code(g.resolve("Россия")) == "RU"
    assert code(g.resolve("ελλάδα")) == "GR"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_never_raises_on_any_text(text: str) -> None:
    gaz = _shared()
    gaz.resolve(text)
    gaz.find_in_text(text)
    gaz.suggest(text)


_CACHE: dict[str, Gazetteer] = {}


def _shared() -> Gazetteer:
    if "g" not in _CACHE:
        _CACHE["g"] = Gazetteer.load(KNOWLEDGE)
    return _CACHE["g"]


def test_resolve_and_find_in_text_are_fast(g: Gazetteer) -> None:
    answers = ["germany", "Deutschland", "🇩🇪", "im in california", "Munich, Germany", "sdfsdf"]
    questions = [
        "how do i stop ai training im in california",
        "as a german user how do i object to meta using my posts",
        "tell us how to stop it",
    ]
    n = 2000
    start = time.perf_counter()
    for i in range(n):
        g.resolve(answers[i % len(answers)])
        g.find_in_text(questions[i % len(questions)])
    per_call = (time.perf_counter() - start) / (2 * n)
    assert per_call < 0.001, f"{per_call * 1e6:.0f} µs per call"
