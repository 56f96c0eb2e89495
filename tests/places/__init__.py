"""Tests for bot.places: where the user lives → place, region and display name.

Inputs are the ways people really answer "where do you live?" and really mention a place inside
a question — in several languages, with flags, typos and noise — plus the ordinary words that
must never be read as a place.
"""

from __future__ import annotations

from pathlib import Path

from bot.places import Place

ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE = ROOT / "knowledge"

# fmt: off
EU27 = ["AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
        "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"]
# fmt: on
EEA = ["IS", "LI", "NO"]


def code(place: Place | None) -> str | None:
    return None if place is None else (place.code or f"region:{place.region}")
