"""Reading the answer to each onboarding step (one reader per step), and moving on.

A reader returns False when the text is not an answer to its step (then it is read as a
question); it may also say what it did not understand and return True.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot import render
from bot.dialogue import answering, asking, changes, context, keyboards, machine
from bot.dialogue.events import Kind
from bot.dialogue.flows import checklist, letters
from bot.dialogue.turn import Turn
from bot.dialogue.words import (
    account_named,
    clauses,
    corrected,
    entries,
    every_language,
    from_last_correction,
    phrases,
    platforms_in,
    said,
    tells_a_move,
)
from bot.matching import Match
from bot.places import Place
from bot.profile import Pending, PendingAction, PendingQuestion, Step
from bot.text import fold
from bot.vocabulary import Account, Goal, Platform

# -- moving on ---------------------------------------------------------------------------------


def run_pending(turn: Turn, pending: Pending) -> None:
    """Carry out a remembered question or action now that the profile has what it needs."""
    if isinstance(pending, PendingAction):
        kind, _, name = pending.action.partition(":")
        if kind == "checklist":
            checklist.show(turn)
        elif kind == "letter" and name in turn.kb.letters.letters:
            letters.asked(turn, name)
        return
    goal_name = turn.kb.goal_name(pending.goal, turn.lang)
    turn.say(turn.msg("answer.pending_intro", goal=goal_name))
    platforms = (pending.platform,) if pending.platform else ()
    answering.answer(turn, pending.goal, platforms, None)
    context.record_answer(turn, pending.goal, platforms, None)


def step_done(turn: Turn) -> None:
    """After a step: answer a waiting question if now possible, then move on."""
    turn.kind = Kind.profile_changed
    what = machine.answered(turn, run_pending)
    summary = render.profile_summary(turn.kb, turn.profile)
    if what == "saved":
        turn.say(turn.msg("settings.saved", summary=summary))
    elif what == "onboarded":
        turn.say(turn.msg("onboarding.done", summary=summary), keyboards.start(turn))
    else:
        asking.ask(turn)


def set_place(turn: Turn, place: Place, apps: list[Platform] | None = None) -> None:
    """`apps`: the apps the same message said are used ("i'm from rome and i only use
    instagram"), saved too so that step is not asked."""
    p = turn.profile
    p.live_in(place)
    if apps:
        p.platforms = [x for x in Platform if x in apps]
    if place.region is None:  # the US without a state: California's law differs
        machine.settle_place_without_region(turn)
        asking.ask(turn)
        return
    turn.say(turn.msg("onboarding.country_set", place=turn.places.name(place, turn.lang)))
    if apps:
        names = render.platform_list(turn.kb, p.platforms, turn.lang)
        turn.say(turn.msg("onboarding.platforms_set", platforms=names))
    step_done(turn)


def set_platforms(turn: Turn, platforms: list[Platform]) -> None:
    turn.profile.platforms = [x for x in Platform if x in platforms]
    names = render.platform_list(turn.kb, turn.profile.platforms, turn.lang)
    turn.say(turn.msg("onboarding.platforms_set", platforms=names))
    step_done(turn)


def set_account(turn: Turn, account: Account) -> None:
    turn.profile.account = account
    name = turn.msg(f"account_names.{account.value}")
    turn.say(turn.msg("onboarding.account_set", account=name))
    step_done(turn)


# -- one reader per step -----------------------------------------------------------------------


def place_told(turn: Turn, text: str) -> bool:
    """A country, state or city named as the answer to "where do you live?" ("Lisboa", "i'm
    from rome", "germany"): saved, and the next step asked; False when none is named."""
    place = (
        turn.places.resolve(text)
        or (turn.places.find_in_text(text) if len(fold(text).split()) <= 6 else None)
        or turn.places.city_in(text)
    )
    if place is None:
        return False
    set_place(turn, place, apps_used(turn, text) if not turn.profile.platforms else None)
    return True


def read_country(turn: Turn, text: str, match: Match) -> bool:
    if place_told(turn, text):
        return True
    unknown = turn.msg("onboarding.country_unknown", text=text[:60])
    suggestions = turn.places.suggest(text)
    if suggestions and not match.platforms:
        turn.say(
            unknown + "\n" + turn.msg("onboarding.country_suggest"),
            keyboards.places(turn, suggestions),
        )
        return True
    if match.goal is None and not match.platforms:
        turn.say(unknown + "\n" + turn.msg("onboarding.country_retry"), keyboards.countries(turn))
        return True
    return False


def read_subdivision(turn: Turn, text: str, match: Match) -> bool:
    """A state of the country we have (US or Germany), else maybe a different country."""
    country = turn.profile.country or "US"
    place = turn.places.resolve(text)
    if place is None or place.country != country or not place.subdivision:
        in_country = turn.places.resolve(f"{text}, {country}") or turn.places.city_in(text)
        if in_country is not None and in_country.subdivision:
            place = in_country
    if place is not None and place.country == country and place.subdivision:
        set_place(turn, place)
        return True
    if place is not None and place.country not in (None, country):
        set_place(turn, place)
        return True
    if match.goal is None:
        key = "onboarding.de_state_unknown" if country == "DE" else "onboarding.us_state_unknown"
        turn.say(turn.msg(key, text=text[:60]))
        return True
    return False


def read_platforms(turn: Turn, text: str, match: Match) -> bool:
    text = from_last_correction(text, turn.lang)  # "insta, whatsapp… no wait, only whatsapp"
    short = len(fold(text).split()) <= 6
    # "all" answers the step; in a question it is a word ("does it help at all?")
    every = any(said(text, "input.all", lang) for lang in every_language(turn.lang)) and (
        short or "?" not in text
    )
    named = list(Platform) if every else platforms_in(turn, text)
    for language in every_language(turn.lang)[1:] if short and not named else ():
        named = platforms_in(turn, text, language)  # "face y whats" before Spanish is known
        if named:
            break
    named = [x for x in only_these(turn, text) or named if x not in denied(turn, text)]
    if named:
        set_platforms(turn, named)
        return True
    place = (turn.places.resolve(text) or turn.places.find_in_text(text)) if short else None
    if place is not None and place.region is not None:  # "uk" at the apps step: a correction
        p = turn.profile
        before = (p.country, p.subdivision, list(p.platforms), p.account)
        p.live_in(place)
        return changes.settled(turn, before, place)
    if match.goal is None:
        turn.say(turn.msg("onboarding.platforms_unknown"), keyboards.platforms(turn))
        return True
    return False


def only_these(turn: Turn, text: str) -> list[Platform]:
    """The apps after "only" in the last clause that says it ("…, j'ai juste facebook et
    instagram"): the answer, whatever the clauses before listed."""
    for clause in reversed(clauses(text, turn.lang)):
        if said(clause, "context.only", turn.lang):
            kept = changes.apps_after(turn, clause, "context.only")
            if kept:
                return kept
    return []


def denied(turn: Turn, text: str) -> list[Platform]:
    """The apps an answer says are not used: "messenger, i don't use whatsapp", "fb hab ich
    nicht", "mas o face eu não uso", "all except messenger" — those after the denying words in
    their clause, else every app the clause names."""
    out: list[Platform] = []
    for clause in clauses(text, turn.lang):
        for key in ("context.removed", "context.not_words", "onboarding.except_words"):
            if said(clause, key, turn.lang):
                out += changes.apps_after(turn, clause, key) or (
                    platforms_in(turn, clause) if key != "onboarding.except_words" else []
                )
    return out


_SENTENCES = re.compile(r"[.!?;:\n]+")


def answer_then_question(turn: Turn, content: str, match: Match) -> bool:
    """At a step, its answer and then a question ("portugal. also can they read my whatsapp
    messages?", "whatsapp. also can they see what i send in chats??"): the answer is read as
    the step's and the question answered when onboarding ends, as one asked before it would be
    — it was read as a question alone and the step asked again."""
    if turn.profile.step not in READERS or not match.understood or match.goal is None:
        return False
    if from_last_correction(content, turn.lang) != content:
        return False  # "whatsapp, instagram... no wait i removed insta": one answer, corrected
    parts = [part for part in _SENTENCES.split(content) if part.strip()]
    lead = parts[0] if len(parts) > 1 else ""
    if not lead or len(fold(lead).split()) > 6:
        return False
    answer = turn.kb.matcher(turn.lang).match(lead)
    if answer.understood or not looks_like_an_answer(turn, lead):
        return False
    turn.profile.pending = PendingQuestion(goal=match.goal, platform=match.platform)
    before = len(turn.replies)
    read(turn, lead, answer)
    if turn.profile.pending is not None:  # not answered at once: say it waits, first
        turn.say(turn.msg("answer.held", goal=turn.kb.goal_name(match.goal, turn.lang)))
        turn.replies.insert(before, turn.replies.pop())
    return True


def apps_used(turn: Turn, text: str) -> list[Platform]:
    """The apps a message says are used ("and i only use instagram"), not merely named."""
    if said(text, "context.added", turn.lang) or said(text, "context.only", turn.lang):
        return platforms_in(turn, text)
    return []


def account_answer(turn: Turn, text: str) -> Account | None:
    """The account type an answer gives, also in a sentence: "normal one, not a business" (the
    type denied is not the answer), "it's for my bakery", "das ist für meinen Friseursalon" (a
    kind of business, also at the end of a compound, is a business account)."""
    denied: Account | None = None
    for clause in clauses(text, turn.lang):
        named = account_named(clause, turn.lang, anywhere=True) or business_kind(turn, clause)
        if named is None:
            continue
        if any(said(clause, "context.not_words", lang) for lang in every_language(turn.lang)):
            denied = denied or named
            continue
        return named
    if denied is not None:
        return Account.personal if denied == Account.business else Account.business
    return None


def business_kind(turn: Turn, clause: str) -> Account | None:
    kinds = {
        k for lang in every_language(turn.lang) for k in phrases("context.business_kinds", lang)
    }
    for word in fold(clause).split():
        if word in kinds or any(len(k) >= 4 and word.endswith(k) for k in kinds):
            return Account.business
    return None


def read_account(turn: Turn, text: str, match: Match) -> bool:
    account = account_answer(turn, text)
    if account is not None:
        set_account(turn, account)
        return True
    if match.goal is None:
        turn.say(turn.msg("onboarding.account_unknown"), keyboards.accounts(turn))
        return True
    return False


def account_and_move(turn: Turn, text: str) -> bool:
    """At the account step, the answer and a move told beside it ("privat. Ah, Moment – ich
    wohne ja seit März in Wien, nicht mehr in Deutschland"): both saved, onboarding done (the
    move alone was saved and the account asked again, the answer lost)."""
    parts = clauses(text, turn.lang)
    told = [part for part in parts if tells_a_move(part, turn.lang)]
    rest = [part for part in parts if part not in told]
    if turn.profile.step != Step.account or not told or not rest:
        return False
    account = account_answer(turn, ", ".join(rest))
    place = changes.moved_to(turn, ", ".join(told))
    if account is None or place is None or place.region is None:
        return False
    turn.profile.live_in(place)
    turn.say(turn.msg("onboarding.country_set", place=turn.places.name(place, turn.lang)))
    set_account(turn, account)
    return True


READERS: dict[Step, Callable[[Turn, str, Match], bool]] = {
    Step.country: read_country,
    Step.subdivision: read_subdivision,
    Step.platforms: read_platforms,
    Step.account: read_account,
}


def read(turn: Turn, text: str, match: Match) -> bool:
    """Read text as the answer to the current step; False if it is not one. An answer
    corrected on the way ("germany – no wait, austria") is read from its correction."""
    reader = READERS.get(turn.profile.step)
    if reader is None:
        return False
    # the apps step reads a correction clause by clause ("…, anzi solo instagram, facebook non
    # lo apro da anni": what follows it may deny an app too)
    step = turn.profile.step
    return reader(turn, text if step == Step.platforms else corrected(text, turn.lang), match)


def asked_why(turn: Turn, text: str, match: Match) -> bool:
    """A question back at the step ("why do you need to know where i live?"): why the step is
    asked, then the step again — or, with an answer beside the question ("solo instagram. ¿y
    eso para qué lo necesitas?"), that answer read. False if the message asks no such thing."""
    if turn.profile.step not in READERS or not why_asked(turn, text, match):
        return False
    turn.say(turn.msg(f"onboarding.why.{turn.profile.step.value}"))
    rest = " ".join(
        part
        for part in _SENTENCES.split(text)
        if part.strip() and not said(part, "onboarding.why_words", turn.lang)
    )
    if rest and answers_step(turn, corrected(rest, turn.lang)):
        return read(turn, rest, match)
    asking.ask(turn)
    return True


def answers_step(turn: Turn, text: str) -> bool:
    """Whether the text holds what the current step asks (a place, an app, an account type)."""
    step = turn.profile.step
    if step in (Step.country, Step.subdivision):
        return turn.places.resolve(text) is not None or turn.places.city_in(text) is not None
    if step == Step.platforms:
        return bool(platforms_in(turn, text))
    return step == Step.account and account_answer(turn, text) is not None


def why_asked(turn: Turn, text: str, match: Match) -> bool:
    """Whether the message asks why the step is asked, or what its choices mean ("what counts
    as a business account?", "ma che differenza fa quali app uso?"): a question (a question
    mark, or a why-word first) with those words, and no question about Meta of its own."""
    words = fold(text).split()
    if not words or not said(text, "onboarding.why_words", turn.lang):
        return False
    if not (text.rstrip().endswith("?") or words[0] in entries("onboarding.why_words", turn.lang)):
        return False
    if not context.confident(match) or match.goal == Goal.business:
        return True
    reading = turn.kb.matcher(turn.lang).read(text)
    # "why is meta training on my photos?" is a question to answer when onboarding ends
    return not (reading.meta_named or reading.platforms or "ai" in reading.concepts)


def looks_like_an_answer(turn: Turn, text: str) -> bool:
    """A short reply that answers the onboarding question even if it also reads as a
    question ("business" at the account step is the account type, not a question; "whatsapp –
    no wait, messenger, i don't use whatsapp" at the apps step is the apps, corrected)."""
    step = turn.profile.step
    meant = corrected(text, turn.lang)
    if len(fold(meant).split()) > (6 if step in (Step.country, Step.subdivision) else 12):
        return False
    if step in (Step.country, Step.subdivision):
        place = turn.places.resolve(meant)
        return place is not None and place.country is not None
    if step == Step.account:
        return account_answer(turn, meant) is not None
    if step == Step.platforms:
        return bool(platforms_in(turn, meant)) and (meant != text or not changes.asks(turn, text))
    return False
