"""Texts to send, in the conversation: the letter that fits the user's region, filled in.

What a letter needs, where it applies and what follows it is declared in letters.yaml.
"""

from __future__ import annotations

from bot import render
from bot.actions import letters
from bot.dialogue import asking, keyboards, needs
from bot.dialogue.turn import Turn
from bot.knowledge.models import Letter
from bot.render import join_html
from bot.replies import Document
from bot.text import escape
from bot.vocabulary import Region


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
    p = turn.profile
    assert p.region is not None  # needs.for_action asked for it
    if p.region not in letter.regions:  # the user's region has another route, or none
        other = letters.for_region(turn.kb, p.region, p.subdivision)
        if other is None or other == letter_id:
            no_legal_route(turn, letter)
            return True
        return asked(turn, other)
    if letter.needs_state_law and not letters.has_state_law(turn.kb, p.subdivision):
        no_legal_route(turn, letter)
        return True
    send(turn, letter_id)
    return True


def no_legal_route(turn: Turn, letter: Letter) -> None:
    p = turn.profile
    if p.region == Region.us_other and p.subdivision:
        state = letters.fields(turn.kb, p, letter, turn.now.date())["state"]
        text = turn.msg("letters.no_state_law", state=state)
    else:
        text = turn.msg("letters.no_right")
    turn.say(text, keyboards.goals(turn, turn.kb.letters.without_a_right))


def send(turn: Turn, letter_id: str) -> None:
    """The letter: how to send it, the settings path or authority, the text to copy."""
    p = turn.profile
    letter = turn.kb.letters.letters[letter_id]
    words = letter.text(turn.lang)
    values = letters.fields(turn.kb, p, letter, turn.now.date())
    title = letters.fill(words.title, values)
    body = letters.fill(words.text, values)
    parts: list[str] = [
        turn.msg("letters.heading", title=title),
        escape(letters.fill(words.how, values)),
    ]
    card = turn.kb.by_id.get(letter.card_for(p.region)) if p.region else None
    if card is not None and letter.shows == "path":
        parts.extend(render.card_paths(turn.kb, card, list(p.platforms), turn.lang))
    if letter.shows == "authorities":
        parts.append(letters.authorities(turn.kb, p))
    parts.append(turn.msg("letters.fill_in"))
    parts.append(letters.copyable(body))
    if card is not None and card.text(turn.lang).caveats:
        parts.append(render.caveats(card, turn.lang))
    document = None
    if len(body) > letters.DOCUMENT_OVER:
        document = Document(
            turn.msg("letters.filename", letter=letter_id),
            body.encode(),
            turn.msg("letters.document_caption", title=title),
        )
    rows = keyboards.actions(turn, letter.then)
    turn.say(join_html(parts, "\n\n"), rows, document=document)
