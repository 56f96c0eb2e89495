"""The jurisdiction table: the rights the fact-check found, and `kb check` guarding its evidence."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.knowledge import load_knowledge
from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR


@pytest.fixture(scope="module")
def table():
    return load_knowledge().jurisdictions


def _status(table, code: str, right: str) -> str:
    fact = table.by_code[code].rights.get(right)
    return fact.status if fact else "unknown"


@pytest.mark.parametrize("code", ["BR", "CH", "GB", "DE", "FR"])
def test_the_objection_right_is_recorded_where_evidence_shows_it(table, code):
    assert _status(table, code, "object_ai_training") == "yes"


def test_uk_rights_cite_uk_law_not_the_eu_gdpr(table):
    uk = table.by_code["GB"]
    laws = {law.id for law in uk.laws}
    right = uk.rights["object_ai_training"]
    assert right.law in laws
    assert table.laws[right.law].short == "UK GDPR"


def test_state_opt_outs_are_only_those_the_state_gives(table):
    assert _status(table, "US-FL", "opt_out_targeted_ads") == "yes"
    assert _status(table, "US-IA", "opt_out_targeted_ads") != "yes"
    assert _status(table, "US-IA", "opt_out_profiling") != "yes"
    assert _status(table, "US-UT", "opt_out_profiling") != "yes"


def test_a_us_state_without_its_own_entry_falls_back_to_the_country(table):
    assert table.for_place("US", "US-AK") is table.by_code["US"]
    assert table.for_place("US", "US-CA") is table.by_code["US-CA"]
    assert table.for_place("ZZ") is None


def test_every_confirmed_fact_has_a_primary_source(table):
    assert table.problems(set(table.authorities) | _slugs()) == []


def _slugs() -> set[str]:
    from bot.yamlfile import load_yaml

    return {a["slug"] for a in load_yaml(DEFAULT_DIR / "authorities.yaml")["authorities"]}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    return target


def _errors(directory: Path) -> list[str]:
    return [str(p) for p in check(directory, date(2026, 11, 30)) if p.level == "error"]


def test_kb_check_fails_a_confirmed_fact_resting_on_the_press(copy):
    path = copy / "jurisdictions" / "world.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("object_ai_training:", text.index("\n  BR:"))
    old = text[start : text.index("since:", start)]
    press_only = old.replace("confidence: reported", "confidence: confirmed")
    press_only = press_only.replace("br_lgpd_text, br_anpd_dd20_2024, ", "")
    assert press_only != old
    path.write_text(text.replace(old, press_only, 1), encoding="utf-8")
    assert any(
        "BR: rights.object_ai_training is confirmed without a primary source" in m
        for m in _errors(copy)
    )


def test_kb_check_fails_an_eu_country_without_an_entry(copy):
    path = copy / "jurisdictions" / "europe.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n  PT:")
    end = text.index("\n  ", start + 5)
    while text[end + 3] == " ":  # skip the entry's own indented lines
        end = text.index("\n  ", end + 1)
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    errors = _errors(copy)
    assert any("PT: no jurisdiction entry" in m for m in errors)
