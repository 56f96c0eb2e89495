"""What a letter template in `letters.yaml` may ask the bot to fill in.

Here rather than in `bot.actions.letters` so that `kb check` can check the templates without
importing the conversation code (which imports the knowledge base: a cycle).
"""

from __future__ import annotations

import string

# What the bot may fill in; anything else in {braces} is a data error (kb check reports it).
FIELDS = frozenset({"law", "deadline_law", "today", "state", "since", "country"})


def placeholders(text: str) -> set[str]:
    """The {names} a template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
