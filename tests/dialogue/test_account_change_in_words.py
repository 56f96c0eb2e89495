"""The account type changed in words the earlier lists missed: what the account became is read
after the change ("ho chiuso il negozio e ho rimesso il profilo come personale" is personal,
not the shop), and "mudei … pra profissional", "voltei a conta pra pessoal", "the account i'm
using is the club's business account" (conversations_dev16a/b)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Account


@pytest.mark.parametrize(
    ("language", "home", "before", "said", "now"),
    [
        ("it", "Italia", "aziendale",
         "ho chiuso il negozio online e ho rimesso il profilo come personale", Account.personal),
        ("pt", "Brasil", "pessoal",
         "virei criadora de conteúdo, mudei minha conta do insta pra profissional",
         Account.business),
        ("pt", "Brasil", "empresa", "voltei a conta pra pessoal", Account.personal),
        ("en", "UK", "personal",
         "oh wait, the account i'm using is the club's business account, not my personal one",
         Account.business),
    ],
)  # fmt: skip
def test_the_account_type_told_in_words_is_saved(chat, language, home, before, said, now):
    chat.onboard(home, "instagram", before, language)
    reply = chat.say(said)
    assert reply.kind == Kind.profile_changed
    assert chat.profile.account == now
