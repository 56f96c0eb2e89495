"""Region rules and display names."""

from __future__ import annotations

import pytest
import yaml

from bot.places import Gazetteer, Place
from bot.vocabulary import Region
from tests.places import EEA, EU27, KNOWLEDGE

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
