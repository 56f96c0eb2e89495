"""After the objection's answer, "what if they refuse / don't answer?" asks what to do when
Meta declines: the complaint to the authority (German, Portuguese and French phrasings were
answered with the objection again; conversations_dev16a/b)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal


@pytest.mark.parametrize(
    ("language", "home", "asked", "then"),
    [
        ("de", "Deutschland", "wie widerspreche ich dem KI-Training auf Instagram",
         "und was, wenn die den Widerspruch einfach ablehnen?"),
        ("de", "Deutschland", "wie widerspreche ich dem KI-Training auf Instagram",
         "und wenn sie nicht antworten?"),
        ("pt", "Brasil", "como me oponho ao treinamento de IA no instagram", "e se eles negarem?"),
        ("fr", "France", "comment m'opposer à l'entraînement de l'IA sur instagram",
         "et s'ils ne répondent pas ?"),
        ("en", "Ireland", "how do i object to ai training on instagram", "what if they say no?"),
    ],
)  # fmt: skip
def test_what_if_meta_refuses_is_the_complaint(chat, language, home, asked, then):
    chat.onboard(home, "instagram", "personal", language)
    assert chat.say(asked).answered.goal == Goal.stop_training
    reply = chat.say(then)
    assert reply.kind == Kind.answer and reply.answered.goal == Goal.escalate
