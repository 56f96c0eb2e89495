"""Conversation context: what was last answered (its goal and slots, never the text), so a
message that only names a new app, place or account type re-answers it; and someone else's
account. Details changed in words ("i moved to germany") are `changes.py`'s."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import timedelta
from itertools import pairwise

from bot.callbacks import GoalAsked
from bot.dialogue import answering, machine
from bot.dialogue.events import Answered, Kind
from bot.dialogue.machine import Trigger
from bot.dialogue.turn import Turn
from bot.dialogue.words import (
    account_named,
    before_negation,
    entries,
    phrases,
    plain,
    platforms_in,
    said,
)
from bot.i18n import catalogue, t
from bot.matching import ANSWER_AT, Match
from bot.places import Place
from bot.profile import CONTEXT_MINUTES, LastAnswer
from bot.replies import Button
from bot.text import fold
from bot.vocabulary import Account, Goal, Platform

FOLLOW_UP_WORDS = 10  # longer messages are questions of their own…
SURE = 0.7  # below this a re-read of a pointing question does not move away from the last topic
LONG_FOLLOW_UP_WORDS = 16  # …unless they point back and ask the same for another app
DOUBT_WORDS = 10  # "why not?? thats ridiculous": a reaction; longer messages ask on their own
# goals whose answers are about Meta AI the assistant: there "it" may mean Meta AI
ABOUT_THE_ASSISTANT = {
    Goal.remove_chatbot,
    Goal.stop_ai_replies,
    Goal.what_collected,
    Goal.ai_personalization,
}
# goals a question reaches by naming an account type alone: right after another answer, "and for
# my business page?" asks that answer again for the account type (bench/data/conversations*.yaml)
ABOUT_THE_ACCOUNT_TYPE = {Goal.business}


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


def last_place(turn: Turn, last: LastAnswer) -> Place | None:
    """The place the last answer was given for when it was not the stored one."""
    return turn.places.resolve(last.place) if last.place else None


def another_matter(match: Match) -> bool:
    """Another company's or account recovery: never a follow-up ("and google?")."""
    return (match.out_of_scope or "").startswith(("company:", "topic:recovery"))


def confident(match: Match) -> bool:
    return match.goal is not None and match.confidence >= ANSWER_AT


# -- follow-ups --------------------------------------------------------------------------------


def follow_up(turn: Turn, content: str, match: Match) -> bool:
    last = fresh(turn)
    words = fold(content).split()
    if last is None or not words or len(words) > FOLLOW_UP_WORDS:
        return False
    if another_matter(match):
        return False  # "and google?", "and my hacked account?"
    pointer = said(content, "context.followup", turn.lang)
    # "no sorry i meant whatsapp not fb": the app before "not" is the one meant
    meant = before_negation(content, turn.lang)
    platforms = platforms_in(turn, meant) or shortened(turn, content)
    place = match.place if match.place is not None and match.place.region else None
    account = account_named(content, turn.lang)
    if account == turn.profile.account:
        account = None
    slot = bool(platforms or place or account)
    # "does that work for my shop's page too", "and if it's a creator account?": an account
    # type named while pointing back asks the last question for it, not what differs for it
    for_account = (
        account is not None
        and match.goal in ABOUT_THE_ACCOUNT_TYPE
        and last.goal not in ABOUT_THE_ACCOUNT_TYPE
        and points_back(turn, content)
    )
    if confident(match) and not (pointer and slot and len(words) <= 8) and not for_account:
        return False  # a question of its own ("and how do i delete my account?")
    same = for_account or (slot and said(content, "context.same", turn.lang))  # "…, same steps?"
    if confident(match) and match.goal != last.goal and own_words(turn, content) and not same:
        return False  # "and can i hide the ai in messenger": a new question, with an app
    if not slot and (not pointer or len(words) > 5):
        return False  # "at least tell me if it can see my dms" is a question of its own
    if place is not None and not (platforms or account) and elsewhere(turn, content, place):
        return False  # "whats the weather in paris tomorrow": a place inside another question
    if place is None and last.place:
        place = turn.places.resolve(last.place)
    platforms = platforms or last.apps
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, last.goal, platforms, place, account or last.account)
    return True


def elsewhere(turn: Turn, content: str, place: Place) -> bool:
    """Whether a message that names a place asks something of its own there: it neither starts
    with a follow-up word nor says "same"/"also"/"apply" ("does that apply in ireland too") nor
    doubts the last answer ("¿neta no hay manera desde México?"), and words are left besides
    the place's ("whats the weather in paris tomorrow")."""
    words = fold(content).split()
    keys = ("context.again", "context.hypothetical", "context.doubt")
    if words[0] in entries("context.followup", turn.lang) or any(
        said(content, key, turn.lang) for key in keys
    ):
        return False
    named = turn.places.place_words(fold(content))
    return any(w not in named for w in own_words(turn, content))


def same_for_another_app(turn: Turn, content: str, match: Match) -> bool:
    """A longer follow-up asking whether the last answer holds for another app: "does that cover
    facebook too or do i need to do it again", "is whatsapp included in that or separately?" —
    it points back, says again/too/included, names an app the last answer was not for, and asks
    nothing else (the matcher reads no other goal in it). The last goal is answered for it."""
    last = fresh(turn)
    words = fold(content).split()
    if last is None or not FOLLOW_UP_WORDS < len(words) <= LONG_FOLLOW_UP_WORDS:
        return False
    if confident(match) and match.goal != last.goal:
        return False
    if not (
        said(content, "context.pointing", turn.lang) and said(content, "context.again", turn.lang)
    ):
        return False
    platforms = [p for p in platforms_in(turn, content) if p != last.platform]
    if not platforms:
        return False
    place = last_place(turn, last)
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, last.goal, platforms, place, last.account)
    return True


def points_back(turn: Turn, content: str) -> bool:
    """Whether a message leans on the last answer by its shape: it starts with a follow-up word
    ("and for my page?"), says "that"/"it" ("does that work for…") or supposes ("what if…");
    not merely "for" inside a question of its own ("what changes for business accounts")."""
    words = fold(content).split()
    return bool(words) and (
        words[0] in entries("context.followup", turn.lang)
        or said(content, "context.pointing", turn.lang)
        or said(content, "context.hypothetical", turn.lang)
        or said(content, "context.same", turn.lang)
    )


def shortened(turn: Turn, content: str) -> list[Platform]:
    """Apps named by the start of their name in a bare follow-up: "and face?", "and whats?"
    (four letters at least; only when nothing else in the message is a question of its own)."""
    words = own_words(turn, content)
    if len(words) != 1 or len(words[0]) < 4:
        return []
    return [p for p in Platform if fold(turn.kb.platform_name(p)).startswith(words[0])]


def about_the_last(turn: Turn, content: str, match: Match) -> bool:
    """A question that points back ("how long does it take", "can it see my dms", "do i remove
    all of them?") and names no topic of its own: read it with the last answer's app, its topic
    (`context.subjects`) and Meta added; if that makes it a clear question, answer that; if it
    relates to nothing (the matcher's confidence stays 0: "is it going to rain?") it is not a
    follow-up; else answer the last goal again. Up to 16 words ("no i mean does it actually help
    me or is it the same thing"): a longer message that merely says "it" asks on its own.
    Measured on bench/data/conversations.yaml: 85.7 → 95.2 % right at every turn, with the
    follow-up and app-abbreviation rules beside it; the topic took the gate to 100 % and
    conversations_dev3.yaml (wave 11) from 74.0 to 76.0 %."""
    last = fresh(turn)
    if last is None or confident(match) or not leans_back(turn, content):
        return False
    if match.out_of_scope and not match.out_of_scope.startswith("topic:general"):
        return False  # "and google?", "is it down?": those keep their own answers
    if len(plain(content, turn.lang).split()) > LONG_FOLLOW_UP_WORDS:  # "actually" not counted
        return False
    if only_doubt(turn, content):
        return False  # the last answer again, as `doubted` gives it
    platforms = platforms_in(turn, content) or last.apps
    place = last_place(turn, last)
    goal = last.goal
    if own_words(turn, content) and not restated(turn, content):  # "how do i do it on mine"
        names = [turn.kb.platform_name(p) for p in platforms or turn.profile.platforms]
        # "it" is Meta, or Meta AI after an answer about the assistant ("tell me how to remove
        # it" after "is meta ai reading my whatsapp"); which goal it asks is read with what the
        # last answer was about too ("no i mean how do i stop it" after one on AI training)
        subjects = ("meta", "meta ai") if last.goal in ABOUT_THE_ASSISTANT else ("meta",)
        key = f"context.subjects.{last.goal}"
        topic = [str(t(key, turn.lang))] if key in catalogue(turn.lang) else []
        read = turn.kb.matcher(turn.lang).match
        for subject in subjects:
            alone = read(" ".join([content, *names, subject]), by_meaning=False)
            if alone.confidence == 0:
                return False  # "is it going to rain?": nothing in it relates to Meta
            again = read(" ".join([content, *names, *topic, subject]), by_meaning=False)
            # "ok so how do i delete it then", "et je le supprime comment alors ?": the
            # question's own verb asks, when the question alone and with the app lean to it
            verb = leaning(match)
            if verb not in (Goal.overview, last.goal, None) and verb == leaning(alone):
                again = replace(alone, goal=verb, confidence=max(alone.confidence, ANSWER_AT))
            if confident(again) and again.goal is not None:
                # an unsure re-read that still ranks the last topic ("is it gone at once or is
                # there a wait" after deleting an account) stays with the last topic
                unsure = again.confidence < SURE and last.goal in again.alternatives
                goal = last.goal if unsure else again.goal
                break
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, goal, platforms, place, last.account)
    return True


def stuck(turn: Turn, content: str, match: Match) -> bool:
    """Stuck on the last answer's steps ("i can't find that button", "das Menü sieht bei mir
    anders aus", "non trovo il pulsante", "that didn't work"): that answer again, with its path
    and what to look for where the menu differs — also when the matcher reads another goal in
    the words ("Knopf" is the AI button), unless another app is asked about (then the last
    goal for that app). conversations_dev13: five such turns in three languages were declined
    or answered with the AI button."""
    last = leaning_on_the_last(turn, content, "context.stuck", LONG_FOLLOW_UP_WORDS)
    if last is None or another_matter(match):
        return False
    answer_again(turn, content, last)
    return True


def letter_for(turn: Turn, content: str, match: Match) -> bool:
    """ "is there a letter for that?", "c'è una lettera già pronta da mandare?": the last answer
    again when it offers a letter (the button is under it); a question of its own otherwise."""
    last = leaning_on_the_last(turn, content, "context.letter", LONG_FOLLOW_UP_WORDS)
    if last is None or (confident(match) and match.goal != last.goal):
        return False  # "is there a letter to complain to the authority" asks its own
    if last.goal not in {offer.goal for offer in turn.kb.letters.offers}:
        return False
    answer_again(turn, content, last)
    return True


def what_it_takes(turn: Turn, content: str, match: Match) -> bool:
    """ "is that free?", "Kostet das was?", "quanto tempo ci vuole?": what the last answer's step
    costs or how long it takes, asked of it alone — that answer again (its steps say so where
    the evidence does); declined as not ours before (conversations_fresh15: three such turns in
    English, German and Italian). A question of its own ("how long does deleting take") keeps
    its own answer."""
    last = leaning_on_the_last(turn, content, "context.what_it_takes", DOUBT_WORDS)
    if last is None or another_matter(match) or (confident(match) and match.goal != last.goal):
        return False
    answer_again(turn, content, last)
    return True


def leaning_on_the_last(turn: Turn, content: str, key: str, most_words: int) -> LastAnswer | None:
    """The last answer, when a message of at most `most_words` says one of `key`'s phrases."""
    last = fresh(turn)
    if last is None or not said(content, key, turn.lang):
        return None
    return None if len(plain(content, turn.lang).split()) > most_words else last


def answer_again(turn: Turn, content: str, last: LastAnswer) -> None:
    """The last answer again, for the apps the message names or else the last answer's app."""
    platforms = platforms_in(turn, content) or last.apps
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, last.goal, platforms, last_place(turn, last), last.account)


def on_the_last_app(turn: Turn, content: str, match: Match, last: LastAnswer) -> bool:
    """Whether a question naming no app is about the app just answered for: the same topic
    ("how long till it's gone" after deleting Facebook), or it leans on the last answer ("et si
    je supprime carrément mon compte ?", "e se eu apagar minha conta?") or says "there" / "that
    app" ("can i make meta ai stop replying in that app")."""
    return last.goal == match.goal or points_back(turn, content) or says_there(turn, content)


def says_there(turn: Turn, content: str, *, anywhere: bool = False) -> bool:
    """ "in that app", "dort", "… there": the place or app just named. A single word ("there",
    "lì") counts at the end of the message ("is there a way" does not point), or `anywhere`
    in a short reply ("e lì come si fa?")."""
    words = fold(content).split()
    ends = entries("context.there_at_end", turn.lang)
    return said(content, "context.there", turn.lang) or bool(
        words and (any(w in ends for w in words) if anywhere else words[-1] in ends)
    )


def leans_back(turn: Turn, content: str) -> bool:
    """It says "it"/"that", or starts with a follow-up word ("et je le supprime comment alors ?",
    where French "le" is too common a word to count as pointing)."""
    words = fold(content).split()
    return said(content, "context.pointing", turn.lang) or (
        bool(words) and words[0] in entries("context.followup", turn.lang)
    )


def what_that_is(turn: Turn, content: str, match: Match) -> bool:
    """A short question pointing at what the last answer was about, read unsurely as another
    goal: "how do i stop that on facebook" after "can meta use my kids photos for ai" (which
    the matcher half-reads as hiding the AI button) asks to stop that use. Read with the last
    answer's topic (`context.subjects`), it is answered as that reading says when it is
    confident (the question alone being unsure: below SURE). Requiring the topic reading to be
    surer than the question alone lost two conversation turns when the English lexicon grew."""
    last = fresh(turn)
    if last is None or not confident(match) or match.confidence >= SURE:
        return False
    key = f"context.subjects.{last.goal}"
    if key not in catalogue(turn.lang) or match.goal == last.goal:
        return False
    if len(fold(content).split()) > FOLLOW_UP_WORDS or not said(
        content, "context.pointing", turn.lang
    ):
        return False
    names = [turn.kb.platform_name(p) for p in match.platforms]
    topic = str(t(key, turn.lang))
    again = turn.kb.matcher(turn.lang).match(" ".join([content, *names, topic]), by_meaning=False)
    if not confident(again) or again.goal in (None, match.goal):
        return False
    platforms = list(match.platforms) or last.apps
    machine.stay(turn, Trigger.followed_up)
    reanswer(turn, again.goal, platforms, last_place(turn, last), last.account)
    return True


def leaning(match: Match) -> Goal | None:
    """The goal an unsure reading ranks first (None when it ranks none)."""
    return max(match.scores, key=match.scores.__getitem__) if match.scores else None


def doubted(turn: Turn, content: str, match: Match) -> bool:
    """A short reaction to the last answer that doubts it or asks it for oneself ("why not??
    thats ridiculous", "really? is that true", "no me convence, ¿no hay otra forma?", "vale, y
    yo?"): the last answer again, which says what is possible and why (conversations_fresh11:
    seven such turns in five languages were declined or taken for small talk)."""
    last = fresh(turn)
    if last is None or len(plain(content, turn.lang).split()) > DOUBT_WORDS:
        return False
    again = restated(turn, content)
    if another_matter(match) or (confident(match) and not (again or only_doubt(turn, content))):
        return False
    if not (again or said(content, "context.doubt", turn.lang)):
        return False
    answer_again(turn, content, last)
    return True


def only_doubt(turn: Turn, content: str) -> bool:
    """ "Bist du sicher? Geht das wirklich gar nicht?": nothing but doubt (every word that is not
    filler is a doubt word), whatever the matcher half-reads in it (conversations_dev12 read it
    as what Meta AI uses)."""
    if not said(content, "context.doubt", turn.lang):
        return False
    doubting = {w for phrase in phrases("context.doubt", turn.lang) for w in phrase.split()}
    return all(w in doubting for w in own_words(turn, content))


def restated(turn: Turn, content: str) -> bool:
    """ "what does that mean", "can you say it shorter", "bitte kürzer": nothing but asking the
    last answer again (its direct answer comes first), or asking what one of its words means
    ("explain improve ai" after the answer on WhatsApp's "Improve AI")."""
    text = plain(content, turn.lang)  # "what does that even mean" says "what does that mean"
    if not said(text, "context.restate", turn.lang):
        return False
    asking = {
        w
        for key in ("context.restate", "context.restate_words")  # "kannst du das kürzer sagen"
        for phrase in phrases(key, turn.lang)
        for w in phrase.split()
    }
    rest = [w for w in own_words(turn, text) if w not in asking and len(w) > 2]
    if not rest:
        return True
    # "what does that even mean, improve ai?": a word the last answer said is asked about
    last = fresh(turn)
    known = answer_words(turn, last.goal) if last is not None else set()
    return len(rest) <= 2 and all(w in known for w in rest)


def answer_words(turn: Turn, goal: Goal) -> set[str]:
    """Every word a user could read in the answers on `goal` (their language's and English,
    menu paths included: a label may be quoted in English)."""
    read: list[str] = []
    for card in turn.kb.cards:
        if card.goal != goal:
            continue
        for language in {turn.lang, "en"}:
            text = card.texts.get(language)
            if text is not None:
                paths = [*text.path.values(), *text.guide_path.values()]
                read += [*text.readable(), *(str(step) for path in paths for step in path)]
    return {word for line in read for word in fold(line).split()}


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
    words = fold(content).split()
    if not their_account(turn, words) and not said(content, "context.share", turn.lang):
        return False
    if "mine" in words or " my own " in f" {' '.join(words)} ":
        return False
    machine.stay(turn, Trigger.referred)
    turn.kind = Kind.other_account
    share = (
        [[Button(turn.msg("context.share_button"), url=turn.share_url)]] if turn.share_url else []
    )
    goal = match.goal if confident(match) else None
    if goal is not None:
        # "and on mine?" asks it for the app named ("e no meu?" after "o whatsapp da minha mãe")
        turn.profile.last = LastAnswer(goal=goal, platform=match.platform, at=turn.now)
        share.append(
            [Button(turn.kb.goal_name(goal, turn.lang, short=True), GoalAsked(goal).pack())]
        )
    turn.say(turn.msg("context.other_account"), share)
    return True


def their_account(turn: Turn, words: list[str]) -> bool:
    """Whether a relative is named with their things ("her photos", "sus fotos") or with an
    account near: an app in the six words after that is not the user's ("my grandads facebook",
    "mi novio también usa facebook", not "… in our whatsapp group"), an account type or word
    within eight words after ("mon fils a 12 ans et il a un compte insta"), or an account word
    in the four before ("le compte facebook de ma mère"), or an app joined to it by linking words
    alone ("l'instagram de ma femme", `theirs_before`). A relative in another part of the
    message is not the account's owner ("meta ai answered in my whatsapp group when my friend
    tagged it", "la pagina del ristorante di famiglia"), nor of the user's own account named
    ("my kids' photos on my profile")."""
    padded = f" {' '.join(words)} "
    relatives = [relative.split() for relative in phrases("context.relatives", turn.lang)]
    named = [  # each relative named: where its words start and end
        (start, start + len(relative))
        for start in range(len(words))
        for relative in relatives
        if words[start : start + len(relative)] == relative
    ]
    if not named:
        return False
    if said(padded, "context.theirs", turn.lang):  # "mi madre quiere saber si … sus fotos"
        return True
    ours = entries("context.ours", turn.lang)
    # "le foto dei bambini sul mio profilo": the relative's things on the user's own account
    own = entries("context.own_account", turn.lang)
    if any(a in ours and b in own for a, b in pairwise(words)):
        return False
    for start, end in named:
        if said(" ".join(words[end : end + 3]), "context.reported", turn.lang):
            continue  # "mia figlia dice che whatsapp usa i miei messaggi": she only told
        after = " ".join(words[end : end + 8])
        before = " ".join(words[max(0, start - 4) : start])
        if (
            theirs_named(turn, words, end, ours)
            or theirs_before(turn, words, start, ours)
            or account_named(after, turn.lang) is not None
            or said(after, "context.slot_words", turn.lang)
            or said(before, "context.slot_words", turn.lang)
        ):
            return True
    return False


def theirs_before(turn: Turn, words: list[str], start: int, ours: set[str]) -> bool:
    """An app right before the relative, joined by nothing but linking words ("l'instagram de
    ma femme", "dem Instagram meiner Frau", "o instagram da minha esposa"), and not named as the
    user's own ("sur mon instagram, ma femme…")."""
    linking = entries("context.of_relative", turn.lang)
    at = start - 1
    while at >= 0 and start - at <= 3 and words[at] in linking:
        at -= 1
    return 0 <= at < start - 1 and app_not_ours(turn, words, at, ours)


def theirs_named(turn: Turn, words: list[str], start: int, ours: set[str]) -> bool:
    """An app among the six words from `start` not named as the user's own (after one of
    `ours`: "our whatsapp group", "mi whatsapp")."""
    return any(
        app_not_ours(turn, words, at, ours) for at in range(start, min(start + 6, len(words)))
    )


def app_not_ours(turn: Turn, words: list[str], at: int, ours: set[str]) -> bool:
    """Whether the word at `at` names an app that the word before does not make the user's."""
    return bool(platforms_in(turn, words[at])) and (at == 0 or words[at - 1] not in ours)
