"""Answering a question: which cards fit (knowledge base × profile × what was asked), what the
answer still needs, and the message with its offers, sub-topics and related goals."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from bot import render
from bot.callbacks import CardOpened, DetailsAsked
from bot.dialogue import asking, feedback, keyboards, machine, needs
from bot.dialogue.turn import Turn
from bot.i18n import Html
from bot.knowledge import KnowledgeBase
from bot.knowledge.jurisdictions import Jurisdiction
from bot.knowledge.models import Card
from bot.places import Place
from bot.profile import PendingQuestion, Profile, Step
from bot.replies import Button
from bot.rights import RightsText, rights_text
from bot.text import telegram_length
from bot.vocabulary import Account, Goal, Platform, Region


def question(
    turn: Turn,
    goal: Goal,
    platforms: Sequence[Platform],
    place: Place | None,
    ranked: tuple[str, ...] = (),
) -> None:
    """Answer now if possible; otherwise say what differs, remember the goal, ask."""
    p = turn.profile
    needed = needs.for_answer(turn.kb, p, goal, platforms, place)
    onboarding = p.step in machine.ONBOARDING and p.return_to != "settings"
    if needed is None and not onboarding:
        answer(turn, goal, platforms, place, ranked=ranked)
        return
    if needed is None:
        # Held until onboarding ends, so onboarding reads as one flow and the answer fits every
        # detail the user is about to give (their account type can change it).
        turn.say(turn.msg("answer.held", goal=turn.kb.goal_name(goal, turn.lang)))
        needed = p.step
    elif needed in (Step.country, Step.subdivision):
        cards = needs.candidates(turn.kb, goal, platforms, None, p.account)
        turn.say(
            turn.msg("answer.region_differs", goal=turn.kb.goal_name(goal, turn.lang))
            + "\n"
            + render.region_variants(turn.kb, cards, turn.lang)
            + "\n\n"
            + turn.msg("answer.region_ask")
        )
    elif needed == Step.platforms:
        turn.say(turn.msg("answer.platform_ask"))
    elif needed == Step.account:
        turn.say(turn.msg("answer.account_ask"))
    pending = PendingQuestion(goal=goal, platform=platforms[0] if platforms else None)
    machine.park(turn, pending, needed)
    asking.ask(turn)


def best_cards(
    kb: KnowledgeBase,
    goal: Goal,
    platform: Platform | None,
    region: Region | None,
    account: Account,
    ranked: tuple[str, ...] = (),
    jurisdiction: Jurisdiction | None = None,
) -> list[Card]:
    """The most specific cards that fit (`Card.specificity`), best first (ties ordered by
    `ranked`, then file)."""
    cards = kb.cards_for(goal, platform, region, account, jurisdiction) or kb.cards_for(
        goal, platform, region, None, jurisdiction
    )
    if not cards:
        return []
    best = max(c.specificity for c in cards)
    tied = [c for c in cards if c.specificity == best]
    order = {card_id: i for i, card_id in enumerate(ranked)}
    return sorted(tied, key=lambda c: order.get(c.id, len(order)))


def chosen_cards(
    kb: KnowledgeBase,
    profile: Profile,
    goal: Goal,
    platforms: list[Platform],
    region: Region | None,
    ranked: tuple[str, ...] = (),
    jurisdiction: Jurisdiction | None = None,
) -> tuple[dict[str, tuple[Card, list[Platform]]], list[Card]]:
    """The best card per platform (with the platforms it serves), and its tied siblings."""
    account = profile.account or Account.personal
    chosen: dict[str, tuple[Card, list[Platform]]] = {}
    siblings: list[Card] = []
    for platform in needs.each_or_any(platforms):
        tied = best_cards(kb, goal, platform, region, account, ranked, jurisdiction)
        if not tied:
            continue
        entry = chosen.setdefault(tied[0].id, (tied[0], []))
        if platform is not None:
            entry[1].append(platform)
        siblings.extend(c for c in tied[1:] if c not in siblings)
    return chosen, siblings


def answer(
    turn: Turn,
    goal: Goal,
    platforms: Sequence[Platform],
    place: Place | None,
    offers: bool = True,
    ranked: tuple[str, ...] = (),
) -> None:
    """The best card per platform (one message), with actions, sub-topics and related goals.

    `ranked`: the goal's cards in the order the question fits them (a goal may hold several
    equally specific cards on sub-topics; the question picks one).
    """
    region = needs.region_for(turn.profile, place)
    jurisdiction = needs.jurisdiction_for(turn.kb, turn.profile, place)
    platform_list = needs.platforms_for(turn.profile, platforms)
    chosen, siblings = chosen_cards(
        turn.kb, turn.profile, goal, platform_list, region, ranked, jurisdiction
    )
    if not chosen:
        turn.say(turn.msg("didyoumean.none") + "\n" + turn.msg("didyoumean.examples"))
        return
    related: list[Goal] = []
    rights = rights_for(turn, place)
    context = context_line(turn, region, place, platform_list)
    # Each card's share of the first message's room, after the line saying what it fits.
    room = max(render.FIRST_ROOM - telegram_length(context), 0) // len(chosen)
    texts, rows = [], []
    code = place_code(turn, place)
    for card, owners in chosen.values():
        text, left = render.card_answer(turn.kb, card, owners, turn.lang, rights, room)
        apps = render.platform_list(turn.kb, owners, turn.lang)
        named = turn.msg("answer_first.apps", apps=apps) if len(chosen) > 1 and apps else ""
        notice = feedback.notice(turn, card, owners)
        texts.append(render.join_html([render.join_html([named, text]), notice], "\n\n"))
        related.extend(g for g in card.related if g not in related and g != goal)
        rows += keyboards.details(turn, card, owners, code, left, named=len(chosen) > 1)
    rows += keyboards.offers(turn, goal, region) if offers else []
    rows += [
        [Button(render.button_label(f"➕ {c.text(turn.lang).title}"), CardOpened(c.id).pack())]
        for c in siblings
        if c.id not in chosen
    ][:3]
    rows += feedback.rows(turn, chosen.values())
    say_all(turn, render.pack([context, *texts]), rows + keyboards.goals(turn, related[:3]))


def say_all(turn: Turn, messages: list[Html], rows: keyboards.Rows) -> None:
    """An answer too long for one message goes out as several, the buttons under the last."""
    for i, message in enumerate(messages, 1):
        turn.say(message, rows if i == len(messages) else None)


def open_card(turn: Turn, card_id: str) -> bool:
    """A sub-topic card offered under an answer; False if there is no such card."""
    card = turn.kb.by_id.get(card_id)
    if card is None:
        return False
    platforms = [p for p in turn.profile.platforms if card.covers_platform(p)]
    text, left = render.card_answer(turn.kb, card, platforms, turn.lang, rights_for(turn, None))
    rows = keyboards.details(turn, card, platforms, place_code(turn, None), left)
    rows += feedback.rows(turn, [(card, platforms)])
    turn.say(
        render.join_html([text, feedback.notice(turn, card, platforms)], "\n\n"),
        rows + keyboards.goals(turn, card.related[:3]),
    )
    return True


def details(turn: Turn, data: DetailsAsked) -> bool:
    """A second message on request: an answer's caveats and limits, or its sources, for the
    card, apps and place the answer was for; False when there is no such card or place."""
    card = turn.kb.by_id.get(data.card_id)
    place = turn.places.resolve(data.place) if data.place else None
    if card is None or (data.place and (place is None or place.code != data.place.upper())):
        return False
    rights = (
        rights_for(turn, place)
        if place
        else rights_text(turn.kb.jurisdictions, None, turn.lang, today=turn.now.date())
    )
    platforms = [p for p in data.platforms if card.covers_platform(p)]
    text = render.card_details(turn.kb, card, platforms, turn.lang, data.part, rights, data.left)
    if not text:
        return False
    turn.say(text)
    return True


def place_code(turn: Turn, place: Place | None) -> str | None:
    """The place an answer's rights were read for, as a details button carries it: the place
    asked about, else the profile's; None where no country is known (a bare region)."""
    if place is not None and (place.country or place.region is not None):
        return place.code
    return turn.profile.subdivision or turn.profile.country


def rights_for(turn: Turn, place: Place | None) -> RightsText:
    """The user's rights in words, for the place asked about (else the profile's)."""
    return rights_at(turn.kb, turn.profile, place, turn.lang, turn.now.date())


def rights_at(
    kb: KnowledgeBase, p: Profile, place: Place | None, language: str, today: date
) -> RightsText:
    """`rights_for` without a conversation turn (inline answers)."""
    where = place if place is not None and place.country else None
    country = where.country if where else p.country
    subdivision = where.subdivision if where else p.subdivision
    region = kb.gazetteer.region_of(country, subdivision) if country else None
    authorities = kb.gazetteer.authorities_for(Place(country, subdivision, region))
    return rights_text(
        kb.jurisdictions,
        needs.jurisdiction_for(kb, p, place),
        language,
        authority=authorities[0].name_in(language) if authorities else None,
        today=today,
    )


def context_line(
    turn: Turn, region: Region | None, place: Place | None, platforms: list[Platform]
) -> Html:
    """ "For Germany · Instagram": what the answer was fitted to."""
    parts = []
    if place is not None and place.region is not None:
        parts.append(turn.places.name(place, turn.lang))
    elif turn.profile.country:
        parts.append(render.place_name(turn.kb, turn.profile) or "")
    elif region:
        parts.append(render.region_label(region, turn.lang))
    if platforms:
        parts.append(render.platform_list(turn.kb, platforms, turn.lang))
    if not parts:
        return Html("")
    return turn.msg("answer.context", context=" · ".join(x for x in parts if x))
