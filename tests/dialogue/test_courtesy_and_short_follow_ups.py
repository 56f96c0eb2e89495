"""Thanks or a greeting with words around them that ask nothing is small talk, not "not ours";
and a two-word follow-up that reads a little like English ("e no whats?") keeps the
conversation's language and is answered as a follow-up (conversations_dev16a)."""

from __future__ import annotations

import pytest

from bot.dialogue.events import Kind
from bot.vocabulary import Goal, Platform


@pytest.mark.parametrize(
    ("language", "home", "said"),
    [
        ("de", "Schweiz", "Danke vielmals, Sie haben mir wirklich sehr geholfen."),
        ("fr", "Canada", "D'accord, merci beaucoup, vous êtes vraiment bien gentil"),
        ("en", "Australia", "righto, I'll get him to message you himself tonight. cheers"),
        ("it", "Italia", "ok grazie, adesso vado a cena, buona serata a tutti"),
        ("es", "México", "muchas gracias, me ayudaste un montón con esto de verdad"),
    ],
)
def test_thanks_with_words_around_is_small_talk(chat, language, home, said):
    chat.onboard(home, "instagram", "personal", language)
    assert chat.say(said).kind == Kind.smalltalk


def test_thanks_beside_a_question_is_still_the_question(chat):
    chat.onboard("Ireland", "instagram", "personal")
    reply = chat.say("thanks! and how do i delete my instagram account")
    assert reply.kind == Kind.answer and reply.answered.goal == Goal.delete_account


def test_a_two_word_follow_up_keeps_the_conversations_language(chat):
    chat.say("olá, como desligo a personalização da IA no instagram?")
    chat.say("Portugal, Porto")
    chat.say("insta e whats")
    assert chat.say("pessoal").kind == Kind.answer
    reply = chat.say("e no whats?")
    assert chat.profile.language == "pt"
    assert reply.kind == Kind.answer and reply.answered.platform == Platform.whatsapp
    assert reply.answered.goal == Goal.ai_personalization
