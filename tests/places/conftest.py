"""The real gazetteer, loaded once for every test of bot.places."""

from __future__ import annotations

import pytest

from bot.places import Gazetteer
from tests.places import KNOWLEDGE


@pytest.fixture(scope="session")
def g() -> Gazetteer:
    return Gazetteer.load(KNOWLEDGE)
