"""Which language the conversation is in.

Precedence: the user's own choice (/language, or its button in /settings) is kept for good;
otherwise the stored profile's language, which a new profile takes from Telegram's
`language_code`; a text clearly written in another catalogue language switches it
(bot/language.py decides what "clearly" means); English when nothing is known. Only the
language code is stored. When the bot starts writing in a language it was not asked for, it
says once, in that language, how to change it; when part of a reply is still English, it says so.
"""

from __future__ import annotations

from collections.abc import Collection

from bot import language as identification
from bot.callbacks import LanguagePicked
from bot.dialogue.events import MAX_TEXT
from bot.dialogue.turn import Turn
from bot.dialogue.words import leftover, tells_a_move
from bot.i18n import Html, languages, t
from bot.matching import ANSWER_AT
from bot.profile import Step
from bot.replies import Button, Reply
from bot.text import clean, fold
from bot.vocabulary import DEFAULT_LANGUAGE


def choices(turn: Turn) -> list[list[Button]]:
    """One button per catalogue language, in its own name, two to a row; ✓ marks the current."""
    buttons = []
    for code in languages():
        mark = "✓ " if code == turn.lang else ""
        label = f"{mark}{t(f'language.names.{code}', code)}"
        buttons.append(Button(label, LanguagePicked(code).pack()))
    return [buttons[i : i + 2] for i in range(0, len(buttons), 2)]


def named(word: str) -> str | None:
    """A catalogue language from a code or a name in any catalogue ("de", "Deutsch", "german")."""
    word = fold(word)
    for code in languages():
        if word == code:
            return code
        for other in languages():
            if word == fold(t(f"language.names.{code}", other)):
                return code
    return None


def command(turn: Turn, arg: str) -> None:
    """/language: the choice as buttons, or straight to the language named in the argument."""
    code = named(arg) if arg else None
    if code is not None:
        choose(turn, code)
        return
    turn.say(turn.msg("language.choose"), choices(turn))


def pressed(turn: Turn, data: LanguagePicked) -> bool:
    if data.code is None:
        turn.say(turn.msg("language.choose"), choices(turn))
        return True
    if data.code not in languages():
        return False
    choose(turn, data.code)
    return True


def choose(turn: Turn, code: str) -> None:
    turn.profile.language, turn.profile.language_chosen = code, True
    turn.lang = code
    turn.say(turn.msg("language.set"))


def notice(turn: Turn, text: str | None) -> bool:
    """Before a turn: switch to the language a text is clearly written in (unless the user
    chose one). True when the user should be told how to change the language: after a switch,
    and on a new user's first message in a language other than English."""
    profile = turn.profile
    if text is not None and not profile.language_chosen:
        least = identification.MIN_WORDS_TO_LEAVE if turn.stored else identification.MIN_WORDS
        found = (
            identification.identify(text, least)
            or greeted_in(turn, text)
            or understood_in(turn, text)
        )
        if found is not None and found != profile.language:
            profile.language = turn.lang = found
            return True
    return not turn.stored and turn.lang != DEFAULT_LANGUAGE


def understood_in(turn: Turn, text: str) -> str | None:
    """A short message whose language is likely but not clear ("puedo quitar meta ai de
    whatsapp": Spanish 0.79, Portuguese 0.20): its language when the message is not understood
    in the conversation's language and is understood in the likely one (a question the matcher
    reads, or a move told in its words) — understanding settles what the margin left open."""
    guess = identification.likely(text)
    if guess is None or guess == turn.lang:
        return None
    # by the words alone: the sentence embedding reads every language alike, so it would
    # "understand" the Spanish question in English too
    if understood(turn, turn.lang, text, by_meaning=False) or tells_a_move(text, turn.lang):
        return None
    if understood(turn, guess, text) or tells_a_move(text, guess):
        return guess  # "vivo en Chile, puse Colombia por error" tells a move in Spanish
    return None


def greeted_in(turn: Turn, text: str) -> str | None:
    """A greeting that only one language other than English has ("hola", "hallo", "bonjour",
    "olá"), before onboarding is done: that language — too short for the identifier, but the
    greeting says it. English's list holds the others' greetings too (so it answers them);
    "hey" or "hello", in several, says nothing; after onboarding a "ciao" is a goodbye."""
    if turn.profile.step == Step.ready or not fold(text).split():
        return None
    greeting = [
        code
        for code in languages()
        if code != DEFAULT_LANGUAGE and not leftover(text, "smalltalk.greeting_words", code)
    ]
    return greeting[0] if len(greeting) == 1 else None


def understood(turn: Turn, language: str, text: str, by_meaning: bool = True) -> bool:
    match = turn.kb.matcher(language).match(clean(text, MAX_TEXT), by_meaning=by_meaning)
    return match.goal is not None and match.confidence >= ANSWER_AT


def annotate(turn: Turn, noticed: bool, in_english: Collection[str]) -> None:
    """After a turn: the language hint on the first message, the "still in English" note on the
    last — each at most once per reply, added to a message rather than sent as another."""
    texts = [i for i, r in enumerate(turn.replies) if r.document is None]
    if not texts:
        return
    if noticed:
        _append(turn.replies, texts[0], turn.msg("language.noticed"), first=True)
    if in_english and turn.lang != DEFAULT_LANGUAGE:
        _append(turn.replies, texts[-1], turn.msg("language.shown_in_english"))


def _append(replies: list[Reply], index: int, note: Html, first: bool = False) -> None:
    reply = replies[index]
    text = f"{note}\n\n{reply.text}" if first else f"{reply.text}\n\n{note}"
    replies[index] = Reply(Html(text), reply.buttons, reply.edit, reply.document)
