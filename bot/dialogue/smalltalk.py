"""Small talk: hello, thanks, ok, an emoji — a short, friendly reply in context (at an
onboarding step: greet and ask the step again, so "hi" is never read as Hawaii)."""

from __future__ import annotations

from bot.dialogue import asking, context, machine
from bot.dialogue.events import Kind
from bot.dialogue.machine import Trigger
from bot.dialogue.turn import Turn
from bot.dialogue.words import every_language, leftover, plain, said, tells_a_move
from bot.matching import ANSWER_AT, Match
from bot.profile import Step
from bot.text import fold

MAX_WORDS = 6  # "ok ill send it to her" is small talk; longer messages say something


def is_smalltalk(turn: Turn, content: str, match: Match) -> bool:
    if match.platforms or match.place is not None:
        return False  # a flag, "🇩🇪", names a country even with no word around it
    if tells_a_move(content, turn.lang):
        return False  # "ah, da gennaio vivo a Lisbona": a city after "ah" tells a move
    words = fold(content).split()
    if not words:
        return True  # only emoji or punctuation
    if match.goal is not None and match.confidence >= ANSWER_AT:
        return False
    courteous = courtesy(turn, content, match)
    if len(words) > MAX_WORDS and leftover(content, "smalltalk.words", turn.lang) and not courteous:
        return False  # longer, unless all of it is chat ("ok good to know, thats all, bye")
    if (match.out_of_scope or "").startswith("company:") and match.out_of_scope != "company:other":
        return False  # "pis pour tiktok c'est pareil?" names another company: it is answered so
    if turn.profile.step != Step.ready:  # an answer to the step wins unless it is all chat
        # in any catalogue language: "danke dir", "merci beaucoup" come before the language is
        # known (one or two words never identify it)
        return any(
            not leftover(content, "smalltalk.words", lang) for lang in every_language(turn.lang)
        )
    if "?" in content and said(content, "context.doubt", turn.lang) and turn.profile.last:
        return False  # "vale, y yo?", "pourquoi c'est pas possible ?": about the last answer
    if said(plain(content, turn.lang), "context.restate", turn.lang) and turn.profile.last:
        return False  # "can you say it shorter", "what does that even mean": the last answer
    if said(content, "context.stuck", turn.lang) and turn.profile.last:
        return False  # "nope, doesnt work": stuck on the last answer's steps
    if said(content, "context.what_it_takes", turn.lang) and turn.profile.last:
        return False  # "c'est gratuit ?": what the last answer's step costs
    if turn.profile.last and context.says_there(turn, content, anywhere=True):
        return False  # "e lì come si fa?" ("sì" is yes), "et là-dessus, c'est pareil ?"
    topical = bool(match.alternatives) and bool(turn.kb.matcher(turn.lang).read(content).concepts)
    if topical and leftover(content, "smalltalk.words", turn.lang) and not thanks(turn, content):
        return False  # "hmm the ai stuff": unsure what, but not chat — what it may mean
    if said(content, "smalltalk.help_words", turn.lang) and not thanks(turn, content):
        return False  # "can u help": the examples to tap, not "anything else?"
    return courteous or said(content, "smalltalk.words", turn.lang, long_letters=True)


def courtesy(turn: Turn, content: str, match: Match) -> bool:
    """Thanks, a greeting or a goodbye with words around it that ask nothing the bot covers
    ("Danke vielmals, Sie haben mir sehr geholfen.", "righto, I'll get him to message you
    himself. cheers"): small talk, not "not ours" (conversations_dev16a: four such turns in three
    languages were declined)."""
    if (
        "?" in content
        or match.goal is not None
        or (match.out_of_scope or "").startswith("company:")
    ):
        return False
    return thanks(turn, content) or said(
        content, "smalltalk.greeting_words", turn.lang, long_letters=True
    )


def thanks(turn: Turn, content: str) -> bool:
    return said(content, "smalltalk.thank_words", turn.lang, long_letters=True)


def chat(turn: Turn, content: str, match: Match) -> bool:
    """Reply to small talk; False if the text is not small talk."""
    if not is_smalltalk(turn, content, match):
        return False
    machine.stay(turn, Trigger.chatted)
    if turn.profile.step != Step.ready:
        turn.say(turn.msg("smalltalk.hello_step"))
        asking.ask(turn)
        return True
    if thanks(turn, content):
        turn.say(turn.msg("smalltalk.thanks"))
    elif said(content, "smalltalk.greeting_words", turn.lang, long_letters=True):
        turn.say(turn.msg("smalltalk.hello"))
    else:
        turn.say(turn.msg("smalltalk.ok"))
    turn.kind = Kind.smalltalk
    return True
