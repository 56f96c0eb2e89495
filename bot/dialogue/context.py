"""Conversation context: what was last answered (its goal and slots, never the text), so a
message that only names a new app, place or account type re-answers it; someone else's
account; and details changed in words ("i moved to germany", "i also use whatsapp")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta

from bot import render
from bot.callbacks import GoalAsked
from bot.dialogue import answering, asking, machine
from bot.dialogue.events import Answered, Kind
from bot.dialogue.machine import Trigger
from bot.dialogue.turn import Turn
from bot.dialogue.words import (
    account_asked,
    account_named,
    clauses,
    entries,
    phrases,
    platforms_in,
    said,
)
from bot.matching import ANSWER_AT, Match
from bot.places import Place
from bot.profile import CONTEXT_MINUTES, LastAnswer, Step
from bot.replies import Button
from bot.text import fold
from bot.vocabulary import Account, Goal, Platform

FOLLOW_UP_WORDS = 10  # longer messages are questions of their own
# goals whose answers are about Meta AI the assistant: there "it" may mean Meta AI
ABOUT_THE_ASSISTANT = {
    Goal.remove_chatbot,
    Goal.stop_ai_replies,
    Goal.what_collected,
    Goal.ai_personalization,
}


def record_answer(
    turn: Turn, goal: Goal, platforms: Sequence[Platform], place: Place | None
) -> None:
    """The answer's goal and slots, as the outcome reports them and the context keeps them."""
    p = turn.profile
    platform = platforms[0] if len(platforms) == 1 else None
    if platform is None and not platforms and len(p.platforms) == 1:
        platform = p.platforms[0]
    use = place if place is not None and place.region is not None else None
    turn.kind = Kind.answer
    turn.answered = Answered(
        goal=goal,
        platform=platform,
        country=use.code if use else (p.subdivision or p.country),
        region=use.region if use else p.region,
        account=p.account,
    )


def remember(turn: Turn, stored_account: Account | None) -> None:
    """Keep the last answer's goal and the slots that differ from the stored profile."""
    a, p = turn.answered, turn.profile
    if a is None:
        return
    own_place = a.country in (p.subdivision, p.country)
    p.last = LastAnswer(
        goal=a.goal,
        platform=a.platform,
        place=None if own_place else a.country,
        account=None if a.account == stored_account else a.account,
        at=turn.now,
    )


def fresh(turn: Turn) -> LastAnswer | None:
    last = turn.profile.last
    if last is None or turn.now - last.at > timedelta(minutes=CONTEXT_MINUTES):
        return None
    return last


def confident(match: Match) -> bool:
    return match.goal is not None and match.confidence >= ANSWER_AT


def hear(turn: Turn, content: str, match: Match) -> bool:
    """A reply that leans on what came before; False: read the text as a new question."""
    if turn.profile.step in (Step.platforms, Step.account):
        return changed_in_words(turn, content, match)  # "sorry i meant portugal"
    if turn.profile.step != Step.ready:
        return False
    return (
        changed_in_words(turn, content, match)
        or someone_else(turn, content, match)
        or follow_up(turn, content, match)
        or about_the_last(turn, content, match)
    )


# -- follow-ups --------------------------------------------------------------------------------


def follow_up(turn: Turn, content: str, match: Match) -> bool:
    last = fresh(turn)
    words = fold(content).split()
    if last is None or not words or len(words) > FOLLOW_UP_WORDS:
        return False
    if match.out_of_scope and match.out_of_scope.startswith(("company:", "topic:recovery")):
        return False  # "and google?", "and my hacked account?"
    pointer = said(content, "context.followup", turn.lang)
    platforms = platforms_in(turn, content) or shortened(turn, content)
    place = match.place if match.place is not None and match.place.region else None
    account = account_named(content, turn.lang)
    if account == turn.profile.account:
        account = None
    slot = bool(platforms or place or account)
    if confident(match) and not (pointer and slot and len(words) <= 8):
        return False  # a question of its own ("and how do i delete my account?")
    same = slot and said(content, "context.same", turn.lang)  # "and facebook too, same steps?"
    if confident(match) and match.goal != last.goal and own_words(turn, content) and not same:
        return False  # "and can i hide the ai in messenger": a new question, with an app
    if not slot and (not pointer or len(words) > 5):
        return False  # "at least tell me if it can see my dms" is a question of its own
    if place is None and last.place:
        place = turn.places.resolve(last.place)
    if not platforms and last.platform:
        platforms = [last.platform]
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, last.goal, platforms, place, account or last.account)
    return True


def shortened(turn: Turn, content: str) -> list[Platform]:
    """Apps named by the start of their name in a bare follow-up: "and face?", "and whats?"
    (four letters at least; only when nothing else in the message is a question of its own)."""
    words = own_words(turn, content)
    if len(words) != 1 or len(words[0]) < 4:
        return []
    return [p for p in Platform if fold(turn.kb.platform_name(p)).startswith(words[0])]


def about_the_last(turn: Turn, content: str, match: Match) -> bool:
    """A question that points back ("how long does it take", "can it see my dms", "do i remove
    all of them?") and names no topic of its own: read it with the last answer's app and Meta
    added; if that makes it a clear question, answer that; if it relates to nothing (the
    matcher's confidence stays 0: "is it going to rain?") it is not a follow-up; else answer the
    last goal again. Short only: a long message that merely says "it" is a question of its own.
    Measured on bench/data/conversations.yaml: 85.7 → 95.2 % right at every turn, with the
    follow-up and app-abbreviation rules beside it."""
    last = fresh(turn)
    if last is None or confident(match) or not said(content, "context.pointing", turn.lang):
        return False
    if match.out_of_scope and not match.out_of_scope.startswith("topic:general"):
        return False  # "and google?", "is it down?": those keep their own answers
    if len(fold(content).split()) > FOLLOW_UP_WORDS + 2:
        return False
    platforms = platforms_in(turn, content) or ([last.platform] if last.platform else [])
    place = turn.places.resolve(last.place) if last.place else None
    goal = last.goal
    if own_words(turn, content):  # "how do i do it on mine" has none: the last goal
        names = [turn.kb.platform_name(p) for p in platforms or turn.profile.platforms]
        # "it" is Meta, or Meta AI after an answer about the assistant ("tell me how to remove
        # it" after "is meta ai reading my whatsapp")
        subjects = ("meta", "meta ai") if last.goal in ABOUT_THE_ASSISTANT else ("meta",)
        for subject in subjects:
            again = turn.kb.matcher(turn.lang).match(
                " ".join([content, *names, subject]), by_meaning=False
            )
            if again.confidence == 0:
                return False  # "is it going to rain?": nothing in it relates to Meta
            if confident(again) and again.goal is not None:
                goal = again.goal
                break
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, goal, platforms, place, last.account)
    return True


def own_words(turn: Turn, content: str) -> list[str]:
    """The words of a message that are neither filler, words pointing back, nor slots (an app,
    an account type): what makes it a question of its own."""
    matcher = turn.kb.matcher(turn.lang)
    skip = set(matcher.lexicon.stopwords)
    for key in ("context.followup", "context.pointing", "context.slot_words"):
        skip |= entries(key, turn.lang)
    return [
        w
        for w in fold(content).split()
        if w not in skip and not matcher.read(w).platforms and account_named(w, turn.lang) is None
    ]


def reanswer(
    turn: Turn,
    goal: Goal,
    platforms: Sequence[Platform],
    place: Place | None,
    account: Account | None,
    ranked: tuple[str, ...] = (),
) -> None:
    """Answer `goal` for these slots (or park it and ask what it needs); an account type named
    only for this answer is not stored."""
    p = turn.profile
    stored = p.account
    p.account = account or stored
    answering.question(turn, goal, platforms, place, ranked)
    if not turn.asked:
        record_answer(turn, goal, platforms, place)
    p.account = stored


# -- someone else's account --------------------------------------------------------------------


def someone_else(turn: Turn, content: str, match: Match) -> bool:
    """ "my wife's account", "my kid's instagram": explain that settings are per account and
    offer to share the bot; the goal asked is kept, so "and on mine?" answers it."""
    words = set(fold(content).split())
    relative = said(content, "context.relatives", turn.lang)
    about_an_account = (
        bool(match.platforms)
        or account_named(content, turn.lang) is not None
        or said(content, "context.slot_words", turn.lang)  # "my mum's phone", "her account"
    )
    if not (relative and about_an_account) and not said(content, "context.share", turn.lang):
        return False
    if {"my", "own"} <= words or "mine" in words:
        return False
    machine.stay(turn, Trigger.referred)
    turn.kind = Kind.other_account
    share = (
        [[Button(turn.msg("context.share_button"), url=turn.share_url)]] if turn.share_url else []
    )
    goal = match.goal if confident(match) else None
    if goal is not None:
        turn.profile.last = LastAnswer(goal=goal, at=turn.now)
        share.append(
            [Button(turn.kb.goal_name(goal, turn.lang, short=True), GoalAsked(goal).pack())]
        )
    turn.say(turn.msg("context.other_account"), share)
    return True


# -- details changed in words ------------------------------------------------------------------


def changed_in_words(turn: Turn, content: str, match: Match) -> bool:
    """ "i moved to germany", "i also use whatsapp", "i don't use fb any more", "it's a business
    account": save, confirm in one line, re-answer the last question when the change matters."""
    if said(content, "context.hypothetical", turn.lang):
        return False  # "and if it's a creator account?" asks; it does not tell
    p = turn.profile
    before = (p.country, p.subdivision, list(p.platforms), p.account)
    # "im in california now, how do i …" is a question for California; the profile stays
    place = None if asks_too(turn, content, match) else moved_to(turn, content)
    if place is not None:
        p.country, p.subdivision, p.region = place.country, place.subdivision, place.region
    if p.step not in (Step.account, Step.ready):  # the apps step's own reader reads apps
        return place is not None and settled(turn, before, place)
    if p.platforms:
        changed_apps(turn, content, match)
    if p.step != Step.ready:  # during onboarding the account step's reader reads the account
        return settled(turn, before, place)
    p.account = account_changed(turn, content) or p.account
    return settled(turn, before, place)


def asks_too(turn: Turn, content: str, match: Match) -> bool:
    """Whether a message that may tell a move also asks a question: "im in california now, how
    do i …" asks (the answer is for California, the profile stays); "we moved to san francisco,
    forgot to tell you" only tells — the matcher half-reads a question in the whole message
    that no part of it, without the move, asks."""
    if not confident(match):
        return False
    matcher = turn.kb.matcher(turn.lang)
    parts = matcher.clauses(content)
    others = [part for part in parts if not said(part, "context.moved", turn.lang)]
    if len(parts) < 2 or len(others) == len(parts):
        return True  # one clause: read as a question, as before
    asked = (matcher.match(part) for part in others)
    return any(confident(m) and m.goal == match.goal for m in asked)


def account_changed(turn: Turn, content: str) -> Account | None:
    """The account type a statement says the account now is: the last clause that says so and
    is not negated ("i don't run a page anymore, it's just my own profile now" → personal;
    "switched my insta to a creator account" → business). A question tells nothing."""
    if content.rstrip().endswith("?"):
        return None
    for clause in reversed(clauses(content, turn.lang)):
        if not said(clause, "context.account_change", turn.lang) or negated(turn, clause):
            continue
        named = account_asked(clause, turn.lang) or account_named(clause, turn.lang)
        if named is not None:
            return named
    return None


def negated(turn: Turn, clause: str) -> bool:
    """ "i don't run a page anymore": the clause says what is no longer so."""
    return said(clause, "context.removed", turn.lang) or said(
        clause, "context.removed_plainly", turn.lang
    )


def changed_apps(turn: Turn, content: str, match: Match) -> None:
    """Apps dropped, added or kept, clause by clause: "i quit insta, only whatsapp now",
    "deleted messenger last week so take that off", "i got instagram too now"."""
    p = turn.profile
    plainly = not confident(match) or said(content, "context.removed_plainly", turn.lang)
    kept: list[Platform] = []
    removed = plainly and said(content, "context.removed", turn.lang)
    verb: str | None = None
    for clause in clauses(content, turn.lang):
        # a clause without a verb of its own continues the last one: "i got snap and tiktok
        # but also whatsapp" adds WhatsApp
        verb = app_verb(turn, clause) or verb
        named = platforms_in(turn, clause)
        if not named:
            continue
        if verb == "only":
            kept.extend(named)
        elif not confident(match) and verb == "added":
            keep = p.platforms if said(content, "context.also", turn.lang) else []
            p.platforms = [x for x in Platform if x in keep or x in named]
        elif removed:  # "i dont use fb anymore, got rid of the app": the message says it
            p.platforms = [x for x in p.platforms if x not in named] or p.platforms
    if kept:
        p.platforms = [x for x in Platform if x in kept]


def app_verb(turn: Turn, clause: str) -> str | None:
    """What a clause does to the apps it names: keeps only them, adds them ("not only
    facebook" keeps Facebook beside the others), or None (removals are read over the whole
    message, as "facebook? deleted it" says)."""
    if said(clause, "context.not_only", turn.lang):
        return "added"
    if said(clause, "context.only", turn.lang):
        return "only"
    if said(clause, "context.added", turn.lang):
        return "added"
    return None


Details = tuple[str | None, str | None, list[Platform], Account | None]


def settled(turn: Turn, before: Details, place: Place | None) -> bool:
    """Confirm what changed (False if nothing did); the US without a state asks the state."""
    p = turn.profile
    after = (p.country, p.subdivision, list(p.platforms), p.account)
    if after == before:
        return False
    if place is not None and place.region is None and p.step == Step.ready:
        machine.correct_place_without_region(turn)
        asking.ask(turn)
        return True
    machine.stay(turn, Trigger.corrected)
    confirm(turn, before, after)
    if p.step != Step.ready:  # during onboarding: ask the step again
        asking.ask(turn)
    return True


def moved_to(turn: Turn, content: str) -> Place | None:
    """The place a move names ("moved from spain to ireland" → Ireland)."""
    if not said(content, "context.moved", turn.lang):
        return None
    meant = before_negation(content, turn.lang)  # "i meant austria not australia"
    parts = re.split(r"\bto\b", meant, flags=re.IGNORECASE)
    # then the clauses that are not negated ("I'm not in France anymore, I live in
    # Switzerland now"), the whole message; then a city ("we moved to san francisco")
    said_so = [
        c for c in clauses(content, turn.lang) if not said(c, "context.not_words", turn.lang)
    ]
    for part in (parts[-1], meant, " , ".join(said_so), content):
        place = turn.places.find_in_text(part)
        if place is not None and place.country is not None:
            return place
    return turn.places.city_in(content)


def before_negation(content: str, language: str) -> str:
    """The words before the first "not"/"instead of" (what was meant, not what was said)."""
    folded = f" {fold(content)} "
    cuts = [folded.find(f" {e} ") for e in phrases("context.not_words", language)]
    cuts = [c for c in cuts if c > 0]  # "not" first says nothing was meant yet
    return folded[: min(cuts)] if cuts else content


def confirm(turn: Turn, before: Details, after: Details) -> None:
    """One line; then the last question again when what changed bears on it."""
    summary = render.profile_summary(turn.kb, turn.profile)
    last = fresh(turn)
    added = [x for x in after[2] if x not in before[2]]
    matters = before[:2] != after[:2] or before[3] != after[3] or added
    if last is None or not matters:
        turn.say(turn.msg("context.changed", summary=summary))
        turn.kind = Kind.profile_changed
        return
    turn.say(turn.msg("context.changed_answer", summary=summary))
    platforms = added or ([last.platform] if last.platform else [])
    reanswer(turn, last.goal, platforms, None, None)
    turn.kind = Kind.profile_changed
