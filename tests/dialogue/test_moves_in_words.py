"""A move told in words the earlier lists missed (found probing 40 moves in six languages: 8
were declined as not ours and the country kept): a province in its own name after "au", a
city in the clause that is not negated, "s'installer à", "vim morar", "mudámo-nos", an
English correction."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind


@pytest.mark.parametrize(
    ("language", "home", "apps", "account", "said", "now"),
    [
        ("fr", "Belgique", "instagram", "perso", "en fait je suis au Québec maintenant", "CA"),
        ("fr", "Suisse", "instagram", "perso", "on vient de s'installer à Lyon", "FR"),
        ("es", "México", "instagram", "personal", "ya no estoy en México, me vine a Bogotá", "CO"),
        ("pt", "Brasil", "instagram", "pessoal", "vim morar na Irlanda", "IE"),
        ("pt", "Portugal", "instagram", "pessoal", "mudámo-nos para França", "FR"),
        ("en", "France", "instagram", "personal", "correction: switzerland, not france", "CH"),
    ],
)  # fmt: skip
def test_a_move_told_in_words_is_saved(chat, language, home, apps, account, said, now):
    chat.onboard(home, apps, account, language)
    reply = chat.say(said)
    assert reply.kind == Kind.profile_changed
    assert chat.profile.country == now
