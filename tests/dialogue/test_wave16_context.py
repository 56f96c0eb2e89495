"""Wave 16: what conversations_dev16a/b showed — a relative the lists did not name (a nephew,
"mio nipote"), a relative's app with "dela" after it, and a move told after "ah" (taken for
small talk); and Spanish "tío" (dude) is no relative."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind


@pytest.mark.parametrize(
    ("language", "home", "said"),
    [
        ("it", "Svizzera", "Anche mio nipote ha Facebook, posso sistemare pure il suo da qui?"),
        ("pt", "Portugal", "minha mãe ficou no Recife e também quer fazer isso no face dela"),
        ("en", "Ireland", "my niece has instagram too, can i switch it off for her from here?"),
        ("de", "Deutschland", "mein Enkel hat auch Instagram, kann ich das für ihn ausschalten?"),
    ],
)
def test_a_relatives_account_is_theirs(chat, language, home, said):
    chat.onboard(home, "facebook, instagram", "personal", language)
    assert chat.say(said).kind == Kind.other_account


def test_dude_in_spanish_is_no_relative(chat):
    chat.onboard("España", "whatsapp", "personal", "es")
    assert chat.say("tío, cómo quito meta ai de whatsapp").kind == Kind.answer


def test_a_move_after_ah_is_saved_not_small_talk(chat):
    chat.onboard("Italia", "instagram", "personale", "it")
    reply = chat.say("ah, da gennaio vivo a Lisbona")
    assert reply.kind == Kind.profile_changed and chat.profile.country == "PT"


@pytest.mark.parametrize(
    ("language", "home", "asked", "then"),
    [
        ("fr", "Canada", "comment supprimer mon compte facebook", "c'est long à faire ?"),
        ("de", "Deutschland", "wie lösche ich mein facebook konto", "dauert das lange?"),
        ("it", "Italia", "come cancello il mio account facebook", "ci vuole molto?"),
        ("pt", "Brasil", "como apago minha conta do facebook", "é demorado?"),
    ],
)
def test_how_long_the_last_step_takes_answers_it_again(chat, language, home, asked, then):
    chat.onboard(home, "facebook", "personal", language)
    goal = chat.say(asked).answered.goal
    reply = chat.say(then)
    assert reply.kind == Kind.answer and reply.answered.goal == goal


@pytest.mark.parametrize(
    ("language", "home", "said"),
    [
        ("it", "Svizzera",
         "Buonasera. Mia figlia dice che WhatsApp usa i miei messaggi per l'intelligenza "
         "artificiale. È vero?"),
        ("en", "UK", "my son says whatsapp reads my chats for its ai, is that true?"),
        ("de", "Deutschland",
         "meine Tochter sagt, WhatsApp liest meine Nachrichten für die KI. Stimmt das?"),
        ("es", "España", "mi hija dice que whatsapp lee mis mensajes para su ia, ¿es verdad?"),
    ],
)  # fmt: skip
def test_a_relative_who_only_told_the_news_is_not_the_accounts_owner(chat, language, home, said):
    chat.onboard(home, "whatsapp", "personal", language)
    assert chat.say(said).kind == Kind.answer


def test_his_too_after_a_husband_is_his_account(chat):
    chat.onboard("Australia", "facebook", "personal")
    reply = chat.say("my husband wants his gone too, can you do his while we're at it?")
    assert reply.kind == Kind.other_account


def test_only_instagram_left_after_closing_the_facebook_page_is_saved(chat):
    chat.onboard("France", "facebook, instagram", "pro", "fr")
    reply = chat.say(
        "En fait j'ai fermé la page Facebook le mois dernier, il ne me reste qu'Instagram."
    )
    assert reply.kind == Kind.profile_changed and [str(p) for p in chat.profile.platforms] == [
        "instagram"
    ]


def test_the_account_answered_beside_a_move_saves_both_and_finishes_onboarding(chat):
    chat.start("de")
    chat.say("Deutschland")
    chat.say("Instagram und Messenger")
    chat.say("privat. Ah, Moment – ich wohne ja seit März in Wien, nicht mehr in Deutschland")
    assert chat.profile.country == "AT" and chat.profile.account == "personal"
    reply = chat.say("Wie kriege ich diesen Meta-AI-Knopf im Messenger weg?")
    assert reply.kind == Kind.answer
