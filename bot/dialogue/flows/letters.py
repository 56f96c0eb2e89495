"""Texts to send, in the conversation: the letter that fits the user's jurisdiction, filled in.

What a letter needs, where it applies and what follows it is declared in letters.yaml; the
law, articles, deadline and controller come from the jurisdiction table.
"""

from __future__ import annotations

from bot import render
from bot.actions import letters
from bot.dialogue import answering, asking, keyboards, needs
from bot.dialogue.turn import Turn
from bot.i18n import language_name
from bot.render import join_html
from bot.replies import Document
from bot.text import escape


def asked(turn: Turn, letter_id: str) -> bool:
    """A letter button (or a waiting action): the fitting letter, after what it needs."""
    letter = turn.kb.letters.letters.get(letter_id)
    if letter is None:
        return False
    action = f"letter:{letter_id}"
    missing = needs.for_action(turn.kb, turn.profile, action)
    if missing is not None:
        asking.for_action(turn, action, missing)
        return True
    if not letters.applies_to(turn.kb, turn.profile, letter_id):
        other = letters.fitting(turn.kb, turn.profile)
        if other is None:
            no_legal_route(turn)
            return True
        return asked(turn, other)
    send(turn, letter_id)
    return True


def no_legal_route(turn: Turn) -> None:
    p = turn.profile
    if p.country == "US" and p.subdivision and not letters.has_state_law(turn.kb, p):
        text = turn.msg("letters.no_state_law", state=letters.names(turn.kb, p)[1])
    else:
        text = turn.msg("letters.no_right")
    turn.say(text, keyboards.goals(turn, turn.kb.letters.without_a_right))


def send(turn: Turn, letter_id: str) -> None:
    """The letter: how to send it, the settings path or authority, the text to copy."""
    p = turn.profile
    letter = turn.kb.letters.letters[letter_id]
    words = letters.filled(turn.kb, p, letter_id, turn.now.date())
    if words is None:
        no_legal_route(turn)
        return
    parts: list[str] = [turn.msg("letters.heading", title=words.title), escape(words.how)]
    card = turn.kb.by_id.get(letter.card_for(p.region)) if p.region else None
    if card is not None and p.region is not None and not card.covers_region(p.region):
        card = None  # the card's path and caveats are for another region
    if card is not None and letter.shows == "path":
        parts.extend(render.card_paths(turn.kb, card, list(p.platforms), turn.lang))
    if letter.shows == "authorities":
        parts.append(letters.authorities(turn.kb, p))
    parts.append(turn.msg("letters.fill_in"))
    language = letters.written_in(turn.kb, p, letter_id)
    to_copy = words
    if language != turn.lang:
        to_copy = letters.filled(turn.kb, p, letter_id, turn.now.date(), language) or words
        parts.append(
            turn.msg("letters.in_their_language", language=language_name(language, turn.lang))
        )
    parts.append(letters.copyable(to_copy.text))
    if card is not None and card.text(turn.lang).caveats:
        rights = answering.rights_for(turn, None)  # "{respond_deadline}" in words, filled
        parts.append(render.caveats(card, turn.lang, render.filled(card.text(turn.lang), rights)))
    document = None
    if to_copy is not words:  # the same text in the reader's language, to know what they send
        document = Document(
            turn.msg("letters.filename", letter=f"{letter_id}-{turn.lang}"),
            words.text.encode(),
            turn.msg("letters.translation_caption", title=words.title),
        )
    elif len(words.text) > letters.DOCUMENT_OVER:
        document = Document(
            turn.msg("letters.filename", letter=letter_id),
            words.text.encode(),
            turn.msg("letters.document_caption", title=words.title),
        )
    rows = keyboards.actions(turn, letter.then)
    turn.say(join_html(parts, "\n\n"), rows, document=document)
