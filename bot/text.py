"""Making arbitrary user text safe to process: no control or bidi characters, bounded length,
a folded form for matching (lower case, no accents, punctuation as spaces)."""

from __future__ import annotations

import html
import itertools
import re
import unicodedata

MAX_MATCH_CHARS = 1000
_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_POSSESSIVE = re.compile(r"(?<=[a-z])['’‘`´]s\b")
_APOSTROPHES = re.compile(r"(?<=[a-z])['’‘`´](?=[a-z])")
# French and Italian elisions: "l'IA", "d'instagram", "qu'il", "dell'app", "cos'è" are two
# words; glued ("lia", "dinstagram") neither the app nor the lemma is found. English rarely
# elides after these ("c'mon" splits harmlessly); "don't", "it's" keep their own rules.
_ELIDED = (
    "l|d|j|m|t|s|n|c|qu|lorsqu|puisqu|jusqu|un|dell|all|nell|sull|dall|coll|quell|"
    "bell|cos|dov|com|quant|tutt|po"
)
_ELISION = re.compile(rf"\b({_ELIDED})['’‘`´](?=[a-z])")
# The same words typed without their apostrophe ("lia", "dopposition", "dellapp"): the longest
# elided word before a vowel or h, leaving at least two letters.
_GLUED = re.compile(
    rf"^({'|'.join(sorted(_ELIDED.split('|'), key=len, reverse=True))})(?=[aeiouh][a-z])"
)
MAX_GLUED = 4  # words per phrase tried both ways (2**4 spellings at most)


def clean(text: object, limit: int | None = None) -> str:
    """Text with control, format (bidi, zero-width) and unassigned characters replaced by spaces."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    if limit is not None:
        text = text[: limit * 2]
    if text.isascii() and text.isprintable():  # the common case: nothing to replace
        cleaned = _SPACES.sub(" ", text).strip()
        return cleaned[:limit] if limit is not None else cleaned
    text = unicodedata.normalize("NFKC", text)
    # printable means no character of the categories below (Other: Cc, Cf, Cs, Co, Cn): the
    # loop would replace nothing. Most non-ASCII text (any accent) takes this path; the loop
    # cost kb check ~1 s CPU on 2 cores folding the cards' six languages.
    if text.isprintable():
        cleaned = _SPACES.sub(" ", text).strip()
        return cleaned[:limit] if limit is not None else cleaned
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Cc", "Cs", "Co", "Cn") or (cat == "Cf" and ch != "\u200d"):
            out.append(" ")
        else:
            out.append(ch)
    cleaned = _SPACES.sub(" ", "".join(out)).strip()
    return cleaned[:limit] if limit is not None else cleaned


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, anything not a letter or digit a space."""
    if text.isascii() and text.isalnum():
        # one plain word, as most calls are (a matcher build folds every dictionary word's
        # lemma: ~130,000 a language, half its 2–5 s): nothing below changes it but the case
        return text[:MAX_MATCH_CHARS].lower()
    # "ß" has no accent to strip: spelled "ss", "außerhalb" stays one word
    text = strip_accents(clean(text, MAX_MATCH_CHARS).lower().replace("ß", "ss"))
    text = _POSSESSIVE.sub("", text)  # "meta's" is "meta"; "it's", "what's" lose nothing
    text = _ELISION.sub(r"\1 ", text)  # "l'ia" is "l ia"
    text = _APOSTROPHES.sub("", text)  # "don't" is "dont"
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


def elision_spellings(folded: str) -> set[str]:
    """A folded phrase as `fold` reads it when the elisions are typed with apostrophes: the
    lexicons list the glued spelling (phones often drop the apostrophe), so "droit dopposition"
    also stands for "droit d opposition". Which word is elided is not known ("meta" is not
    "m eta"), so every choice is returned; the wrong ones match nothing a user types."""
    options = [[w] for w in folded.split()]
    glued = [option for option in options if _GLUED.match(option[0])][:MAX_GLUED]
    for option in glued:
        option.append(_GLUED.sub(r"\1 ", option[0]))
    return {" ".join(choice) for choice in itertools.product(*options)} - {folded}


def escape(text: str) -> str:
    """For Telegram's HTML parse mode: every user-supplied or data string goes through here."""
    return html.escape(text, quote=False)


_TAG = re.compile(r"<(/?)([a-zA-Z-]+)([^>]*)>")
_HREF = re.compile(r'href="([^"]*)"')


def html_to_plain(text: str) -> str:
    """The console and `ask` show replies without markup; links keep their address."""

    links: list[str] = []  # addresses of the open <a> tags

    def repl(m: re.Match[str]) -> str:
        closing, tag, attrs = m.groups()
        if tag == "a" and not closing:
            href = _HREF.search(attrs)
            links.append(html.unescape(href.group(1)) if href else "")
            return ""
        if tag == "a" and closing:
            link = links.pop() if links else ""
            return f" ({link})" if link else ""
        return ""

    return html.unescape(_TAG.sub(repl, text))


TELEGRAM_LIMIT = 4096  # a message's text after entity parsing, in UTF-16 code units


def telegram_length(text: str) -> int:
    """A Telegram-HTML message's length as Telegram counts it against `TELEGRAM_LIMIT`: markup
    and link addresses do not count, entities are one character, UTF-16 code units."""
    plain = html.unescape(_TAG.sub("", text))
    return len(plain.encode("utf-16-le")) // 2


def phrases_pattern(phrases: list[str]) -> re.Pattern[str]:
    """Any of these folded phrases as whole words of a folded text."""
    return re.compile(r"(?<!\S)(?:" + "|".join(map(re.escape, phrases)) + r")(?!\S)")
