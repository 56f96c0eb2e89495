"""Who to complain to (bot.authorities) and knowledge/authorities.yaml."""

from __future__ import annotations

import importlib.util

import pytest

from bot.authorities import Authority, load_authorities
from bot.places import Gazetteer, Place
from bot.vocabulary import Region
from tests.places import EEA, EU27, KNOWLEDGE, ROOT

UPSTREAM = ROOT.parent / "shared" / "data" / "datenanfragen"


@pytest.fixture(scope="module")
def g() -> Gazetteer:
    return Gazetteer.load(KNOWLEDGE)


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
