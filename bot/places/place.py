"""A resolved answer to "where do you live?"."""

from __future__ import annotations

from dataclasses import dataclass

from bot.vocabulary import Region


@dataclass(frozen=True)
class Place:
    """A resolved answer. `region` is None only when it cannot be decided yet (US, no state)."""

    country: str | None  # ISO 3166-1 alpha-2; None for a bare region ("the EU")
    subdivision: str | None  # ISO 3166-2 ("US-CA", "DE-BY") when known
    region: Region | None

    @property
    def code(self) -> str | None:
        """The most precise code: "US-CA", "DE", or None for a bare region."""
        return self.subdivision or self.country


def within(precise: Place, broad: Place) -> bool:
    """`broad` says less than `precise` ("Germany" next to "Bavaria", "the EU" next to France)."""
    if broad.country is None:
        return precise.country is not None or broad == precise
    return broad.country == precise.country and broad.subdivision in (None, precise.subdivision)
