"""What an answer or an action still needs from the profile — pure functions of the
knowledge base and the profile, asked before anything is said."""

from __future__ import annotations

from collections.abc import Sequence

from bot.knowledge import KnowledgeBase
from bot.knowledge.jurisdictions import Jurisdiction
from bot.knowledge.models import Card
from bot.places import Place
from bot.profile import Profile, Step
from bot.rights import jurisdiction_at
from bot.vocabulary import Account, Goal, Platform, Region


def region_for(profile: Profile, place: Place | None) -> Region | None:
    if place is not None and place.region is not None:
        return place.region
    return profile.region


def jurisdiction_for(
    kb: KnowledgeBase, profile: Profile, place: Place | None
) -> Jurisdiction | None:
    """The user's jurisdiction: the place named in the question, else the profile's. None when
    no country is known (a bare region such as "the EU"); a country the table does not hold
    has no known rights (every right `unknown`), which is what its answer must say."""
    if place is not None and (place.country or place.region is not None):
        country, subdivision = place.country, place.subdivision
    else:
        country, subdivision = profile.country, profile.subdivision
    return jurisdiction_at(kb, country, subdivision)


def platforms_for(profile: Profile, platforms: Sequence[Platform]) -> list[Platform]:
    return list(platforms) or list(profile.platforms)


def each_or_any(platforms: Sequence[Platform]) -> list[Platform | None]:
    """The platforms, or [None] (any platform) when none is known."""
    return [*platforms] if platforms else [None]


def candidates(
    kb: KnowledgeBase,
    goal: Goal,
    platforms: Sequence[Platform],
    region: Region | None,
    account: Account | None,
    jurisdiction: Jurisdiction | None = None,
) -> list[Card]:
    out: list[Card] = []
    for platform in each_or_any(platforms):
        for card in kb.cards_for(goal, platform, region, account, jurisdiction):
            if card not in out:
                out.append(card)
    return out


def for_answer(
    kb: KnowledgeBase,
    profile: Profile,
    goal: Goal,
    platforms: Sequence[Platform],
    place: Place | None = None,
) -> Step | None:
    """Which profile step an answer to `goal` still needs, or None when it can be given."""
    region = region_for(profile, place)
    jurisdiction = jurisdiction_for(kb, profile, place) if region is not None else None
    platform_list = platforms_for(profile, platforms)
    account = profile.account
    # Where you live changes more than which app you use: ask that first (and always first
    # to someone new, in the order onboarding asks anyway).
    if region is None:
        cards = candidates(kb, goal, platform_list, None, account)
        new = profile.step in (Step.new, Step.country) and not profile.country
        if new or any(c.region_specific or c.rights_specific for c in cards):
            us = (place is not None and place.country == "US") or profile.country == "US"
            return Step.subdivision if us else Step.country
    if not platform_list:
        cards = kb.cards_for(goal, None, region, account, jurisdiction)
        if len({tuple(c.platforms) for c in cards}) > 1 and not all(
            "all" in c.platforms for c in cards
        ):
            return Step.platforms
    if account is None:
        cards = candidates(kb, goal, platform_list, region, None, jurisdiction)
        if len({tuple(c.accounts) for c in cards}) > 1:
            return Step.account
    return None


def for_action(kb: KnowledgeBase, profile: Profile, action: str) -> Step | None:
    """Which profile step an action (`checklist`, `letter:<id>`) still needs, or None: every
    action needs the region; the checklist the apps; a letter the state where it says so."""
    p = profile
    if p.region is None:
        return Step.subdivision if p.country == "US" else Step.country
    kind, _, name = action.partition(":")
    if kind == "checklist" and not p.platforms:
        return Step.platforms
    letter = kb.letters.letters.get(name) if kind == "letter" else None
    if letter is not None and p.country in letter.needs_state_in and not p.subdivision:
        return Step.subdivision
    return None


def next_in_onboarding(profile: Profile) -> Step:
    """The first onboarding step the profile lacks, or `ready`."""
    if not profile.country:
        return Step.country
    if profile.region is None:
        return Step.subdivision
    if not profile.platforms:
        return Step.platforms
    if profile.account is None:
        return Step.account
    return Step.ready
