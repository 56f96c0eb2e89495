"""`kb check`: does every kind of place get an answer, and is the jurisdiction table whole?"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from itertools import product
from pathlib import Path

from bot.knowledge.jurisdictions import Jurisdiction
from bot.knowledge.loader import KnowledgeData, Problem
from bot.knowledge.models import Card
from bot.places import Gazetteer
from bot.rights import jurisdiction_of
from bot.vocabulary import DEFAULT_LANGUAGE, Account, Goal, Platform, Region
from bot.yamlfile import load_yaml


def card_file(kb: KnowledgeData, card: Card) -> str:
    return kb.card_files.get(card.id, "knowledge/cards")


def places_by_kind(kb: KnowledgeData) -> list[tuple[str, Region, Jurisdiction | None]]:
    """A place of every kind an answer is chosen for: each jurisdiction users can be in, with
    its region (a country the table does not hold has every right unknown), and each bare
    region (no country: every card of the region fits)."""
    regions = Gazetteer.load(kb.directory).regions
    table = kb.jurisdictions
    places = [(c, None) for c in sorted(regions.countries)] + [
        (code.split("-")[0], code if "-" in code else None) for code in table.by_code
    ]
    seen: dict[tuple[Region, int], str] = {}
    kinds: list[tuple[str, Region, Jurisdiction | None]] = []
    for country, subdivision in places:
        region = regions.region_of(country, subdivision)
        if region is None and country == "US":  # a state without a law of its own
            region, subdivision = Region.us_other, None
        if region is None:
            continue
        jurisdiction = jurisdiction_of(table, regions.parents, country, subdivision)
        key = (region, id(jurisdiction))
        if key not in seen:
            seen[key] = subdivision or country
            kinds.append((seen[key], region, jurisdiction))
    kinds += [(f"{r.value} (no country)", r, None) for r in Region]
    return kinds


def coverage(kb: KnowledgeData) -> list[Problem]:
    """Each goal × platform × region × account has exactly one most specific card, and so has
    each jurisdiction kind (its rights decide between cards with a `rights` condition)."""
    out = jurisdiction_coverage(kb)
    for goal, platform in product(Goal, Platform):
        cards = kb.cards_for(goal, platform)
        where = card_file(kb, cards[0]) if cards else f"knowledge/cards/{goal.value}.yaml"
        if not cards:
            out.append(
                Problem(
                    "error",
                    where,
                    f"{goal.value} × {platform.value}: no answer and no "
                    "explicit not-applicable card",
                )
            )
            continue
        missing_regions = [r.value for r in Region if not kb.cards_for(goal, platform, r)]
        if missing_regions:
            out.append(
                Problem(
                    "error",
                    where,
                    f"{goal.value} × {platform.value}: no card for "
                    f"region(s) {', '.join(missing_regions)}",
                )
            )
        for region, account in product(Region, Account):
            fitting = kb.cards_for(goal, platform, region, account)
            if not fitting:
                if region.value not in missing_regions:
                    out.append(
                        Problem(
                            "error",
                            where,
                            f"{goal.value} × {platform.value} × "
                            f"{region.value}: no card for {account.value} accounts",
                        )
                    )
                continue
            tied = indistinguishable(fitting)
            if tied:
                out.append(
                    Problem(
                        "error",
                        where,
                        f"duplicate cards for {goal.value} × "
                        f"{platform.value} × {region.value} × {account.value}: "
                        f"{', '.join(c.id for c in tied)} (same title, or no examples "
                        "to tell them apart)",
                    )
                )
    return once(out)


def jurisdiction_coverage(kb: KnowledgeData) -> list[Problem]:
    """Every goal × platform × jurisdiction kind × account has a card (or a not-applicable
    one) and one most specific card."""
    out = []
    missing: dict[tuple[Goal, Platform, Account], list[str]] = defaultdict(list)
    kinds = places_by_kind(kb)
    for goal, platform, account in product(Goal, Platform, Account):
        where = f"knowledge/cards/{goal.value}.yaml"
        for label, region, jurisdiction in kinds:
            fitting = kb.cards_for(goal, platform, region, account, jurisdiction)
            if not fitting:
                missing[goal, platform, account].append(label)
            elif tied := indistinguishable(fitting):
                out.append(
                    Problem(
                        "error",
                        where,
                        f"duplicate cards for {goal.value} × {platform.value} × {label} × "
                        f"{account.value}: {', '.join(c.id for c in tied)} (same title, or no "
                        "examples to tell them apart)",
                    )
                )
    for (goal, platform, account), labels in missing.items():
        out.append(
            Problem(
                "error",
                f"knowledge/cards/{goal.value}.yaml",
                f"{goal.value} × {platform.value} × {account.value}: no card fits the rights "
                f"of {', '.join(labels)}",
            )
        )
    return out


def once(out: list[Problem]) -> list[Problem]:
    """Each duplicate pair once, however many places it shows in."""
    seen: set[str] = set()
    unique = []
    for p in out:
        key = p.message.split(": ", 1)[-1] if p.message.startswith("duplicate") else p.message
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def indistinguishable(fitting: list[Card]) -> list[Card]:
    """The most specific cards when the question cannot choose between them, else [].

    Several equally specific cards are sub-topics of the goal; the question picks one by its
    examples, so each needs examples of its own and a title of its own."""
    best = max(c.specificity for c in fitting)
    tied = [c for c in fitting if c.specificity == best]
    titles = {c.texts[DEFAULT_LANGUAGE].title for c in tied if DEFAULT_LANGUAGE in c.texts}
    if len(tied) > 1 and (
        len(titles) < len(tied)
        or any(
            not c.texts.get(DEFAULT_LANGUAGE) or not c.texts[DEFAULT_LANGUAGE].examples
            for c in tied
        )
    ):
        return tied
    return []


def jurisdictions(kb: KnowledgeData) -> list[Problem]:
    """Broken references, `confirmed` without a primary source, and places with no entry.

    Every EU/EEA country, the UK and every US state with a privacy law in us_states.yaml must
    have a jurisdiction: those are the places whose rights the bot states.
    """
    table = kb.jurisdictions
    where = str(kb.directory / "jurisdictions")
    slugs = {a["slug"] for a in load_yaml(kb.directory / "authorities.yaml")["authorities"]}
    out = [Problem("error", file, message) for file, message in table.problems(slugs)]
    membership = load_yaml(kb.directory / "places.yaml")["membership"]
    needed = {*membership["eu"], *membership["eea"], *membership["uk"]}
    needed |= set(kb.states.states) if kb.states else set()
    out += [
        Problem("error", where, f"{code}: no jurisdiction entry")
        for code in sorted(needed - set(table.by_code))
    ]
    return out


@cache
def gazetteer(directory: Path) -> Gazetteer:
    return Gazetteer.load(directory)


def region_of_code(directory: Path, code: str) -> Region | None:
    """The derived region of a jurisdiction code ("US-CA", "GB" …)."""
    country, _, state = code.partition("-")
    return gazetteer(directory).region_of(country, code if state else None)
