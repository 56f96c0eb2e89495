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


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "do i only need to object on instagram?"),
        ("en", "is it enough to only use facebook in the browser?"),
        ("de", "bringt es was, Facebook nur noch im Browser zu nutzen statt in der App?"),
        ("es", "¿sirve de algo usar facebook solo en el navegador?"),
        ("it", "serve a qualcosa usare facebook solo dal browser?"),
        ("pt", "adianta usar o facebook só no navegador?"),
    ],
)
def test_only_inside_a_question_asks_and_keeps_the_apps(chat, language, said):
    """ "only" in a question is no statement that the other apps were dropped: the question is
    answered and the stored apps stay (they were cut to the one named)."""
    chat.onboard("Deutschland", "facebook, instagram, whatsapp", "personal", language)
    reply = chat.say(said)
    assert reply.kind == Kind.answer
    assert len(chat.profile.platforms) == 3


@pytest.mark.parametrize(
    ("language", "said"),
    [("en", "i only use whatsapp now"), ("de", "ich nutze nur noch whatsapp")],
)
def test_only_in_a_statement_still_keeps_just_that_app(chat, language, said):
    chat.onboard("Deutschland", "facebook, instagram, whatsapp", "personal", language)
    reply = chat.say(said)
    assert reply.kind == Kind.profile_changed
    assert [str(p) for p in chat.profile.platforms] == ["whatsapp"]
