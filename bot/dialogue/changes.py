"""Details changed in words, at any time: "i moved to germany", "we moved to san francisco",
"i also use whatsapp", "not only facebook", "it's a business account now" — saved, confirmed in
one line, and the last question answered again when the change bears on it."""

from __future__ import annotations

import re

from bot import render
from bot.dialogue import asking, machine
from bot.dialogue.context import confident, fresh, reanswer
from bot.dialogue.events import Kind
from bot.dialogue.machine import Trigger
from bot.dialogue.turn import Turn
from bot.dialogue.words import (
    account_asked,
    account_named,
    before_negation,
    clauses,
    phrases,
    platforms_in,
    said,
    tells,
    tells_a_move,
)
from bot.matching import Match
from bot.places import Place
from bot.profile import Step
from bot.text import fold
from bot.vocabulary import Account, Platform


def changed_in_words(turn: Turn, content: str, match: Match) -> bool:
    """ "i moved to germany", "i also use whatsapp", "i don't use fb any more", "it's a business
    account": save, confirm in one line, re-answer the last question when the change matters.
    A change told beside a question of its own ("now that i've moved to zurich, does the
    objection still work?") is saved and confirmed, and False lets that question be answered."""
    told = telling_part(turn, content)
    if not told:
        return False  # "and if it's a creator account?" asks; it does not tell
    p = turn.profile
    before = (p.country, p.subdivision, list(p.platforms), p.account)
    asking, apart = asks_too(turn, content, match)
    # "im in california now, how do i …" is a question for California, the profile stays;
    # "i moved to zurich, does it still work?" tells a move, whatever it asks
    moved = tells(told, "context.moved", turn.lang)
    place = moved_to(turn, told) if moved or not asking else None
    if place is not None:
        p.live_in(place)
    if p.step not in (Step.account, Step.ready):  # the apps step's own reader reads apps
        return place is not None and settled(turn, before, place)
    if p.platforms:  # a message telling a move, or asking nothing, tells, whatever else the
        # matcher reads in it ("da questo mese uso anche instagram per il locale")
        telling = place is not None or not asks(turn, told)
        changed_apps(turn, told, match, telling=telling, beside_a_question=apart)
    if p.step != Step.ready:  # during onboarding the account step's reader reads the account
        return settled(turn, before, place)
    p.account = account_changed(turn, told) or p.account
    beside = apart or (place is not None and asking)
    return settled(turn, before, place, beside_a_question=beside)


def telling_part(turn: Turn, content: str) -> str:
    """The parts of a message that may tell a change, in the user's letters: not those that
    ask about one ("y ahora que me he mudado a Chile, ¿sigue valiendo lo mismo para la
    tienda?" tells the move; "and if it's a creator account?" tells nothing)."""
    if not said(content, "context.hypothetical", turn.lang):
        return content
    parts = [c for c in re.split(r"[,;.!?]", content) if c.strip()]
    kept = [c for c in parts if not said(c, "context.hypothetical", turn.lang)]
    return ", ".join(kept) if len(kept) < len(parts) else ""


def asks_too(turn: Turn, content: str, match: Match) -> tuple[bool, bool]:
    """Whether a message that may tell a change also asks a question of its own, and whether
    it asks it apart, in clauses that tell no change: "im in california now, how do i …" asks;
    "since i only use whatsapp now, what should i switch off?" asks apart; "we moved to san
    francisco, forgot to tell you" only tells — the matcher half-reads a question in the whole
    message that no part of it, without the change, asks. The whole message may blur a
    question its own clauses ask clearly ("now that i've moved to zurich, does the objection i
    filed back in germany still count?"): `the_question` is then what is answered."""
    matcher = turn.kb.matcher(turn.lang)
    parts = clauses(content, turn.lang)  # "i also use whatsapp now, …" keeps its verb
    others = untold(turn, parts)
    if len(parts) < 2 or not others or len(others) == len(parts):
        # one clause: a question only when it asks ("im in california now how do i …"); "i
        # actually moved to munich last year" tells, whatever the matcher half-reads in it
        return confident(match) and asks(turn, content), False
    ends_asking = content.rstrip().endswith("?")  # the last clause asks ("…, ¿cómo me opongo?")
    if not any(asks(turn, part) or (ends_asking and part == parts[-1]) for part in others):
        return False, False  # "i forgot to say im french, i live in lyon": statements only
    asked = any(confident(m) for m in map(matcher.match, others))
    # the change told in a clause of its own, naming what changed ("you can leave whatsapp
    # out for me, i uninstalled it" asks for the change: its app is in the asking clause)
    named = any(
        platforms_in(turn, p) or tells_a_move(p, turn.lang) for p in parts if p not in others
    )
    return asked, asked and named


def the_question(turn: Turn, content: str) -> str:
    """What a message asks beside the change it tells: its clauses that tell none."""
    return ", ".join(untold(turn, clauses(content, turn.lang))) or content


def untold(turn: Turn, parts: list[str]) -> list[str]:
    """The clauses that tell no change."""
    return [part for part in parts if not tells_a_change(turn, part)]


def tells_a_change(turn: Turn, clause: str) -> bool:
    """Whether a clause tells a move or what is done with an app ("since i only use whatsapp
    now"), not asks."""
    if tells_a_move(clause, turn.lang) or any(
        said(clause, key, turn.lang) for key in ("context.removed_plainly", "context.add_to_list")
    ):
        return True  # "… can you take it off my list?" asks for the change itself
    return (
        bool(platforms_in(turn, clause))
        and not asks(turn, clause)
        and (app_verb(turn, clause) is not None or said(clause, "context.removed", turn.lang))
    )


def asks(turn: Turn, text: str) -> bool:
    """Whether a message (or part of one) asks or requests something: a question mark or one
    of the catalogue's question and request words ("how", "can", "stop", "tell me")."""
    return text.rstrip().endswith("?") or said(text, "context.asking", turn.lang)


def account_changed(turn: Turn, content: str) -> Account | None:
    """The account type a statement says the account now is: the last clause that says so and
    is not negated ("i don't run a page anymore, it's just my own profile now" → personal;
    "switched my insta to a creator account" → business). A question tells nothing."""
    if content.rstrip().endswith("?"):
        return None
    parts = clauses(content, turn.lang)
    telling = [c for c in parts if tells(c, "context.account_change", turn.lang)]
    for clause in reversed(telling):
        if negated(turn, clause):
            continue
        # what the account became is said after the change ("ho chiuso il negozio e ho
        # rimesso il profilo come personale": not the shop before it)
        became = after(clause, "context.account_change", turn.lang)
        for part in (became, clause) if became != clause else (clause,):
            named = (
                account_asked(part, turn.lang)
                or account_named(part, turn.lang)
                or owned_by_a_business(turn, part)
            )
            if named is not None:
                return named
    if not telling:
        return None
    # "…actually, not a personal one": of two account types, the one not denied
    for clause in parts:
        if said(clause, "context.not_words", turn.lang):
            denied = account_asked(clause, turn.lang) or account_named(clause, turn.lang)
            if denied is not None:
                return Account.personal if denied == Account.business else Account.business
    return None


def owned_by_a_business(turn: Turn, clause: str) -> Account | None:
    """ "its my bakery's account", "this is my candle shops page": an account or page named
    with what kind of business owns it (within three words of it) is a business account."""
    words = fold(clause).split()
    kinds = set(phrases("context.business_kinds", turn.lang))
    slots = set(phrases("context.slot_words", turn.lang))
    for at, word in enumerate(words):
        if word not in slots:
            continue
        near = words[max(0, at - 3) : at] + words[at + 1 : at + 4]
        if any(w in kinds or w.removesuffix("s") in kinds for w in near):
            return Account.business
    return None


def negated(turn: Turn, clause: str) -> bool:
    """ "i don't run a page anymore": the clause says what is no longer so."""
    return said(clause, "context.removed", turn.lang) or said(
        clause, "context.removed_plainly", turn.lang
    )


def changed_apps(
    turn: Turn,
    content: str,
    match: Match,
    telling: bool = False,
    beside_a_question: bool = False,
) -> None:
    """Apps dropped, added or kept, clause by clause: "i quit insta, only whatsapp now",
    "deleted messenger last week so take that off", "i got instagram too now", "i moved to
    berlin and i stopped using facebook"; beside a question of its own, only the clauses that
    do not ask ("i also use whatsapp now, how do i stop it there")."""
    p = turn.profile
    # a message telling a move tells its apps too ("mi sono trasferito a lisbona e adesso uso
    # anche instagram"), whatever question the matcher half-reads in it
    statement = telling or beside_a_question or not confident(match)
    plainly = statement or said(content, "context.removed_plainly", turn.lang)
    # "add messenger to my apps, i use it daily": the user's own list is named, so the message
    # tells a change even if it also reads as a question about the app; a question mark asks
    listed = said(content, "context.add_to_list", turn.lang) and not content.rstrip().endswith("?")
    adding = listed or said(content, "context.add_words", turn.lang)
    kept: list[Platform] = []
    removed = plainly and said(content, "context.removed", turn.lang)
    verb: str | None = None
    parts = clauses(content, turn.lang)
    for clause in parts:
        # a clause without a verb of its own continues the last one: "i got snap and tiktok
        # but also whatsapp" adds WhatsApp
        verb = app_verb(turn, clause) or verb
        named = platforms_in(turn, clause)
        if not named or (beside_a_question and asks(turn, clause)):
            continue
        if verb == "only":  # "i dont have facebook anymore only whatsapp": what comes after
            ends_asking = clause == parts[-1] and content.rstrip().endswith("?")
            if (ends_asking or asks(turn, clause)) and not telling:
                continue  # "do i only need to object on instagram?" asks, keeps the apps
            kept.extend(apps_after(turn, clause, "context.only") or named)
        elif verb == "added" and (listed or (statement and tells_apps(turn, clause))):
            keep = p.platforms if adding or said(content, "context.also", turn.lang) else []
            p.platforms = [x for x in Platform if x in keep or x in named]
        elif removed:  # "i dont use fb anymore, got rid of the app": the message says it
            p.platforms = [x for x in p.platforms if x not in named] or p.platforms
    if kept:
        p.platforms = [x for x in Platform if x in kept]


def tells_apps(turn: Turn, clause: str) -> bool:
    """Whether a clause tells an app is used rather than asks about one: "do i have to send it
    again for facebook" asks ("i have" inside a question adds nothing); "please add whatsapp"
    asks to add."""
    return not asks(turn, clause) or said(clause, "context.add_words", turn.lang)


def app_verb(turn: Turn, clause: str) -> str | None:
    """What a clause does to the apps it names: keeps only them, adds them ("not only
    facebook" keeps Facebook beside the others), or None (removals are read over the whole
    message, as "facebook? deleted it" says)."""
    if said(clause, "context.not_only", turn.lang):
        return "added"
    if said(clause, "context.only", turn.lang):
        return "only"
    if said(clause, "context.removed", turn.lang):
        return None  # "i have deleted facebook": a removal, whatever verb comes with it
    if said(clause, "context.added", turn.lang) or said(clause, "context.add_words", turn.lang):
        return "added"
    return None


def apps_after(turn: Turn, clause: str, key: str) -> list[Platform]:
    """The apps a folded clause names after the first of the catalogue's phrases for `key`
    ("i dont have facebook anymore, only whatsapp" → WhatsApp for `context.only`)."""
    return platforms_in(turn, after(clause, key, turn.lang))


def after(clause: str, key: str, language: str) -> str:
    """The words of a folded clause after the first of the catalogue's phrases for `key`."""
    padded = f" {clause} "
    cuts = [
        (at + len(phrase) + 1)
        for phrase in phrases(key, language)
        if (at := padded.find(f" {phrase} ")) >= 0
    ]
    return padded[min(cuts) :] if cuts else clause


Details = tuple[str | None, str | None, list[Platform], Account | None]


def settled(
    turn: Turn, before: Details, place: Place | None, beside_a_question: bool = False
) -> bool:
    """Confirm what changed (False if nothing did); the US without a state asks the state.
    Beside a question of its own, the change is confirmed and False leaves the question to be
    answered, with what changed."""
    p = turn.profile
    after = (p.country, p.subdivision, list(p.platforms), p.account)
    if same(after, before):
        return False
    if place is not None and place.region is None and p.step == Step.ready:
        machine.correct_place_without_region(turn)
        asking.ask(turn)
        return True
    machine.stay(turn, Trigger.corrected)
    if beside_a_question:
        summary = render.profile_summary(turn.kb, turn.profile)
        turn.say(turn.msg("context.changed", summary=summary))
        return False
    confirm(turn, before, after)
    if p.step != Step.ready:  # during onboarding: ask the step again
        asking.ask(turn)
    return True


def same(after: Details, before: Details) -> bool:
    """Nothing changed: the same apps in another order are the same apps ("tengo que hacerlo
    otra vez" read as "i have" instagram and whatsapp, which were both stored already)."""
    return after[:2] == before[:2] and after[3] == before[3] and set(after[2]) == set(before[2])


def moved_to(turn: Turn, content: str) -> Place | None:
    """The place a move names ("moved from spain to ireland" → Ireland)."""
    if not tells_a_move(content, turn.lang):
        return None
    # "im in seoul, i typed japan by mistake": the clause owning up to a mistake names the
    # place that is not meant (cut at punctuation only, in the user's own letters)
    parts = [c for c in re.split(r"[,;.!?]", content) if c.strip()]
    right = [c for c in parts if not said(c, "context.mistaken", turn.lang)]
    if right and len(right) < len(parts):
        content = " , ".join(right)
    meant = before_negation(content, turn.lang)  # "i meant austria not australia"
    parts = re.split(r"\bto\b", meant, flags=re.IGNORECASE)
    # then the clauses that are not negated ("I'm not in France anymore, I live in
    # Switzerland now"), the whole message; then a city ("we moved to san francisco")
    said_so = [
        c for c in clauses(content, turn.lang) if not said(c, "context.not_words", turn.lang)
    ]
    for part in (parts[-1], meant, " , ".join(said_so)):
        place = turn.places.find_in_text(part)
        if place is not None and place.country is not None:
            return place
    # a city in the clauses not negated ("ya no estoy en México, me vine a Bogotá"), then
    # before the whole message: "im actually in dublin not the uk" means Dublin
    for part in (" , ".join(said_so), meant, content):
        place = turn.places.city_in(part)
        if place is not None and place.country is not None:
            return place
    place = turn.places.find_in_text(content)
    return place if place is not None and place.country is not None else None


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
    platforms = added or last.apps
    reanswer(turn, last.goal, platforms, None, None)
    turn.kind = Kind.profile_changed
