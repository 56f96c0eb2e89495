"""Loading the gazetteer, and reading any text without raising."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.places import Gazetteer, Place
from bot.vocabulary import Region
from tests.places import KNOWLEDGE, ROOT, code

# --------------------------------------------------------------------------------------------
# Loading


def test_loads_standalone_from_relative_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    gaz = Gazetteer.load(Path("knowledge"))
    assert gaz.resolve("germany") == Place("DE", None, Region.eu)


def test_unquoted_no_is_norway_not_false(tmp_path: Path) -> None:
    """`NO` unquoted is YAML 1.1 for false; read as YAML 1.2 (bot/yamlfile.py) it stays Norway,
    which stays in the EEA."""
    for name in ("places.yaml", "authorities.yaml"):
        shutil.copy(KNOWLEDGE / name, tmp_path / name)
    text = (tmp_path / "places.yaml").read_text(encoding="utf-8")
    assert '[IS, LI, "NO"]' in text
    (tmp_path / "places.yaml").write_text(text.replace('[IS, LI, "NO"]', "[IS, LI, NO]"), "utf-8")
    assert Gazetteer.load(tmp_path).region_of("NO", None) == Region.eu


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
