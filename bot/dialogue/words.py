"""Reading the user's words for a slot: yes/all/business…, account types, lists of apps."""

from __future__ import annotations

import re

from bot.dialogue.turn import Turn
from bot.i18n import languages, t
from bot.text import fold
from bot.vocabulary import Account, Platform

_LIST = re.compile(r"[,&+/]|\band\b|\bund\b|\bet\b|\by\b|\be\b", re.IGNORECASE)
_REPEATS = re.compile(r"(.)\1+")


def squeezed(text: str) -> str:
    """Folded, with letters typed long made single ("heyyy" → "hey", "hellooo" → "helo"); both
    sides of a comparison are squeezed, so "hello" and "helloooo" meet at "helo"."""
    return _REPEATS.sub(r"\1", fold(text))


def said(text: str, key: str, language: str, *, long_letters: bool = False) -> bool:
    """Whether the text contains one of the catalogue's words for `key` (yes, all, business…);
    `long_letters`: also when typed with letters held down ("heyyy", "thanksss", "okkk")."""
    norm = squeezed if long_letters else fold
    words = set(norm(text).split())
    folded = f" {norm(text)} "
    for entry in str(t(key, language)).split(","):
        entry = norm(entry)
        if entry and (entry in words or (" " in entry and f" {entry} " in folded)):
            return True
    return False


def leftover(content: str, key: str, language: str) -> str:
    """The words that are not among the catalogue's `key` words ("good thanks how are you",
    "hi again 😅", "heyyy" leave nothing of `smalltalk.words`)."""
    text = f" {squeezed(content)} "
    for entry in sorted({squeezed(e) for e in str(t(key, language)).split(",")}, key=len)[::-1]:
        if entry:
            text = text.replace(f" {entry} ", " ").replace(f" {entry} ", " ")
    return text.strip()


def before_negation(content: str, language: str) -> str:
    """The words before the first "not"/"instead of" (what was meant, not what was said)."""
    folded = f" {fold(content)} "
    cuts = [folded.find(f" {e} ") for e in phrases("context.not_words", language)]
    cuts = [c for c in cuts if c > 0]  # "not" first says nothing was meant yet
    return folded[: min(cuts)] if cuts else content


def corrected(text: str, language: str) -> str:
    """What follows the last correction in an answer ("germany – no wait, austria" → "austria",
    "Italia... anzi no, vivo a Lugano" → "vivo a lugano"), folded; the text itself if there is
    none (read in every catalogue language: the answer may come before its language is known)."""
    return after_correction(text, language) or text


def after_correction(text: str, language: str) -> str | None:
    """The folded words after the last correction phrase ("" when it ends the text), or None
    when the text corrects nothing."""
    folded = f" {' '.join(re.sub(r'[,;.!?…–—-]', ' ', fold(text)).split())} "
    ends = [
        at + len(phrase) + 1
        for lang in every_language(language)
        for phrase in phrases("onboarding.correction", lang)
        if (at := folded.rfind(f" {phrase} ")) >= 0
    ]
    return folded[max(ends) :].strip() if ends else None


def from_last_correction(text: str, language: str) -> str:
    """The clauses from the last one that corrects an answer on, in the user's letters and
    punctuation ("facebook e instagram, anzi solo instagram, facebook non lo apro da anni" →
    "solo instagram, facebook non lo apro da anni"); the text itself if none corrects."""
    pieces = re.split(r"([,;.!?…–—]+)", text)  # clauses at even places, punctuation between
    for at in range(len(pieces) - 1, -1, -2):
        rest = after_correction(pieces[at], language)
        if rest is not None:  # "…, no wait, only whatsapp": the clauses after it
            said_after = (rest + "".join(pieces[at + 1 :])).strip(" ,;.!?…–—")
            return said_after or text
    return text


def plain(text: str, language: str) -> str:
    """The text folded, without the catalogue's fillers ("im actually in dublin" → "im in
    dublin", "its really my salon's page" → "its my salon page"), so the phrases that tell a
    change are read whatever adverb sits inside them."""
    fillers = sorted(phrases("context.fillers", language), key=len, reverse=True)
    if not fillers:
        return fold(text)
    alternation = "|".join(re.escape(f) for f in fillers)
    return " ".join(re.sub(rf"(?<!\S)(?:{alternation})(?!\S)", " ", fold(text)).split())


def tells(text: str, key: str, language: str) -> bool:
    """`said`, also with the fillers taken out ("i actually moved", "its really a page")."""
    return said(text, key, language) or said(plain(text, language), key, language)


def tells_a_move(text: str, language: str) -> bool:
    """Whether a text tells where the user lives now: a move told ("i moved to zurich", "ich
    wohne jetzt in Graz") or being somewhere ("im in california now", "estoy en Lima")."""
    return tells(text, "context.moved", language) or tells(text, "context.staying", language)


def entries(key: str, language: str) -> set[str]:
    """The single words of a catalogue word list."""
    return {fold(e) for e in str(t(key, language)).split(",") if fold(e) and " " not in fold(e)}


def phrases(key: str, language: str) -> list[str]:
    """Every entry of a catalogue word list, folded (single words and phrases)."""
    return [e for e in (fold(x) for x in str(t(key, language)).split(",")) if e]


def clauses(text: str, language: str) -> list[str]:
    """The text cut at punctuation and at the catalogue's words that join two statements
    ("i quit insta, only whatsapp now"; "deleted fb but i use insta"), folded."""
    joins = "|".join(re.escape(w) for w in phrases("context.clause_words", language))
    out: list[str] = []
    for part in re.split(r"[,;.!?]", text):
        folded = f" {fold(part)} "
        out.extend(re.split(rf" (?:{joins}) ", folded) if joins else [folded])
    return [x.strip() for x in out if x.strip()]


def account_named(text: str, language: str, *, anywhere: bool = False) -> Account | None:
    """The account type a reply names; `anywhere`: also in another catalogue language's words
    (at the account step, "privat", "perso", "empresa", "aziendale", "pessoal" are answers even
    before the user's language is known — one word never identifies a language)."""
    for lang in every_language(language) if anywhere else [language]:
        if said(text, "input.business", lang):
            return Account.business
        if said(text, "input.personal", lang):
            return Account.personal
    return None


def every_language(language: str) -> list[str]:
    """The conversation's language first, then the other catalogue languages."""
    return [language, *(code for code in languages() if code != language)]


def account_asked(text: str, language: str) -> Account | None:
    """The account type a question is about, named plainly ("a business profile", "my Page";
    not "ads" or "work", which the account step reads as business)."""
    if said(text, "context.personal_account", language):
        return Account.personal
    if said(text, "context.business_account", language):
        return Account.business
    return None


def platforms_in(turn: Turn, text: str, language: str | None = None) -> list[Platform]:
    """Every app a list names: "facebook, messenger", "insta & wa", "fb messenger" (each part
    and each word read alone, so a two-word name of one app cannot hide the other); by the
    conversation's language's names unless another `language` is given."""
    matcher = turn.kb.matcher(language or turn.lang)
    found = list(matcher.read(text).platforms)
    for part in [*_LIST.split(text), *fold(text).split()]:
        found.extend(matcher.read(part).platforms if part.strip() else ())
    return [x for x in Platform if x in found]
