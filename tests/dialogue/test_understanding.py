"""Understanding people the way they write (issue 12): follow-ups, someone else's account,
details changed in words, small talk, app lists, and unsure matches offering three goals."""

from __future__ import annotations

from datetime import timedelta
from itertools import pairwise

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from bot.dialogue import Engine, Text
from bot.dialogue.events import Kind
from bot.profile import CONTEXT_MINUTES, Profile, Step, upgrade
from bot.vocabulary import Account, Goal, Platform
from tests.conftest import NOW, Chat


def test_and_on_facebook_answers_the_last_goal_for_facebook(chat):
    chat.onboard("Germany", "instagram and facebook")
    first = chat.say("how do i stop instagram training ai on my pics")
    assert first.kind == Kind.answer and first.answered.goal == Goal.stop_training
    follow = chat.say("and on facebook?")
    assert follow.kind == Kind.answer
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.stop_training,
        Platform.facebook,
    )
    assert "Facebook" in chat.text.splitlines()[0]


def test_an_app_named_by_the_start_of_its_name_is_a_follow_up(chat):
    chat.onboard("Brazil", "whatsapp and facebook")
    chat.say("can i object to meta using my data for ai")
    follow = chat.say("and face?")
    assert follow.answered is not None
    assert (follow.answered.goal, follow.answered.platform) == (
        Goal.stop_training,
        Platform.facebook,
    )


def test_a_question_that_points_back_is_read_with_the_last_answer(chat):
    chat.onboard("UK", "facebook")
    chat.say("how do i delete my facebook for good")
    again = chat.say("how long does it take")
    assert again.answered is not None and again.answered.goal == Goal.delete_account
    chat.say("how do i get rid of the meta ai button")
    other = chat.say("can it see my dms")
    assert other.answered is not None and other.answered.goal == Goal.what_collected


def test_a_message_that_only_says_it_is_not_taken_for_a_follow_up(chat):
    chat.onboard("UK", "facebook")
    chat.say("how do i delete my facebook for good")
    off = chat.say("is it going to rain tomorrow")
    assert off.answered is None and off.kind == Kind.out_of_scope


def test_a_new_question_with_an_app_is_not_read_as_a_follow_up(chat):
    chat.onboard("Germany", "facebook and messenger")
    chat.say("how do i stop meta training ai on my posts")
    new = chat.say("and can i hide the ai in messenger")
    assert new.answered is not None and new.answered.goal == Goal.remove_chatbot


def test_after_someone_elses_account_mine_gets_the_answer(chat):
    chat.onboard("California", "whatsapp")
    chat.say("can i remove meta ai from my mom's whatsapp, she hates it")
    mine = chat.say("how do i do it on mine")
    assert mine.answered is not None and mine.answered.goal == Goal.remove_chatbot


def test_and_in_the_uk_answers_for_the_uk_without_moving_the_user(chat):
    chat.onboard("Germany", "instagram")
    chat.say("how do i object to instagram ai training")
    follow = chat.say("and in the UK?")
    assert follow.answered is not None and follow.answered.country == "GB"
    assert chat.profile.country == "DE"


def test_same_for_business_answers_for_a_business_account_but_keeps_personal(chat):
    chat.onboard("Ireland", "facebook")
    chat.say("how do i object to meta ai training")
    follow = chat.say("same for business accounts?")
    assert follow.answered is not None and follow.answered.account == Account.business
    assert chat.profile.account == Account.personal


def test_the_context_keeps_no_text_and_expires(kb):
    times = [NOW]
    engine = Engine(kb, clock=lambda: times[-1])
    profile = Profile(
        user_id=1, country="DE", region="eu", platforms=[Platform.instagram, Platform.facebook]
    )
    profile.account, profile.step = Account.personal, Step.ready
    asked = engine.handle(profile, Text("how do i stop instagram training ai on my pics"))
    stored = asked.profile.model_dump_json()
    assert "pics" not in stored and asked.profile.last.goal == Goal.stop_training
    times.append(NOW + timedelta(minutes=CONTEXT_MINUTES + 1))
    late = engine.handle(asked.profile, Text("and on facebook?"))
    assert late.kind != Kind.answer  # hours later, "and on facebook?" is not a follow-up


def test_someone_elses_account_explains_and_offers_to_share_the_bot(kb):
    engine = Engine(kb, clock=lambda: NOW)
    engine.share_url = "https://t.me/example_bot"  # set by the front-end, which knows the name
    chat = Chat(engine)
    chat.onboard("Germany", "instagram")
    chat.say("how do i stop ai training on insta")
    out = chat.say("what about my wife's account")
    assert out.kind == Kind.other_account
    urls = [b.url for r in out.replies for row in r.buttons for b in row]
    assert "https://t.me/example_bot" in urls
    assert "per account" in chat.text


def test_without_the_bots_link_no_broken_share_button_is_sent(chat):
    chat.onboard("Germany", "instagram")
    out = chat.say("can i remove meta ai from my mom's whatsapp")
    assert out.kind == Kind.other_account
    assert all(b.url is None for r in out.replies for row in r.buttons for b in row)


def test_moving_in_words_updates_confirms_and_reanswers(chat):
    chat.onboard("Germany", "instagram")
    chat.say("can i stop instagram training ai on my stuff")
    moved = chat.say("i moved to france last month actually")
    assert moved.kind == Kind.profile_changed and chat.profile.country == "FR"
    assert moved.answered is not None and moved.answered.goal == Goal.stop_training
    assert "France" in chat.text


def test_moving_to_the_us_asks_the_state(chat):
    chat.onboard("Germany", "instagram")
    chat.say("actually i live in the usa now")
    assert chat.profile.step == Step.subdivision and chat.profile.country == "US"
    chat.say("texas")
    assert chat.profile.subdivision == "US-TX" and chat.profile.step == Step.ready


@pytest.mark.parametrize(
    ("said", "platforms", "account"),
    [
        ("i also use whatsapp", [Platform.instagram, Platform.whatsapp], Account.personal),
        ("i dont use instagram any more", [Platform.instagram], Account.personal),  # the only one
        ("it's a business account", [Platform.instagram], Account.business),
    ],
)
def test_details_change_in_words(chat, said, platforms, account):
    chat.onboard("Germany", "instagram")
    out = chat.say(said)
    assert chat.profile.platforms == platforms and chat.profile.account == account
    if said != "i dont use instagram any more":
        assert out.kind == Kind.profile_changed


def test_an_app_is_dropped_in_words(chat):
    chat.onboard("France", "facebook, instagram and messenger")
    chat.say("i dont really use fb anymore, got rid of the app")
    assert chat.profile.platforms == [Platform.instagram, Platform.messenger]


@pytest.mark.parametrize(
    "apps",
    [
        "facebook, messenger",
        "facebook,messenger",
        "fb messenger",
        "fb & messenger",
        "facebook + messenger",
        "facebook/messenger",
        "facebook and messenger",
    ],
)
def test_every_app_of_a_list_is_kept(chat, apps):
    chat.onboard("Germany", apps)
    assert chat.profile.platforms == [Platform.facebook, Platform.messenger]


def test_a_greeting_at_the_country_step_greets_and_asks_again(chat):
    chat.command("start")
    out = chat.say("hi")
    assert out.kind == Kind.ask_country and chat.profile.country is None
    assert "Hi" in chat.text and "Where do you live" in chat.text


@pytest.mark.parametrize("said", ["thanks!", "hello", "ok", "👍", "cool thank u"])
def test_small_talk_gets_a_short_friendly_reply(chat, said):
    chat.onboard("Germany", "instagram")
    out = chat.say(said)
    assert out.kind == Kind.smalltalk and len(out.replies) == 1
    assert "specialist" not in chat.text and "Send me your question" not in chat.text


def test_two_capitals_are_not_a_country(chat):
    chat.onboard("Germany", "instagram")
    out = chat.say("stop KI training on instagram")
    assert out.kind == Kind.answer and out.answered.country == "DE"
    assert "Kiribati" not in chat.text and chat.profile.country == "DE"


def test_an_unsure_match_offers_three_goals_in_one_message(chat):
    chat.onboard("United States, California", "facebook")
    out = chat.say("how long does meta have to answer my ccpa deletion request")
    offers = [b for r in out.replies for row in r.buttons for b in row]
    if out.kind == Kind.didyoumean:
        assert len(offers) == 3
    not_meant = [r for r in out.replies if "Not what you meant" in r.text]
    assert len(not_meant) <= 1 and (not not_meant or not_meant[0] is out.replies[-1])


def test_checklist_labels_are_never_cut(kb):

    items = kb.checklist.items
    for item in items:
        assert len(f"✅ {len(items)}. {item.title('en')}") <= 60, item.id


def test_a_v3_profile_upgrades_without_context():
    record = upgrade({"schema_version": 3, "country": "DE", "step": "ready"})
    profile = Profile.model_validate(record)
    assert profile.last is None and record["schema_version"] == 4


# -- short words never move anyone --------------------------------------------------------------

BY_LANGUAGE = {
    "en": "in it no me at de is to on so do am be he we us an as or if by my up go and the for",
    "de": "ki es um da so im am an zu ob wo du er sie ich nicht wie auf mit der die das",
    "fr": "il en la le un et ou si ne je tu on ma ce se au",
    "es": "el lo si mi tu ya al del que por con una es se usa",
    "it": "io ci ha ho è la il di da in non per che mi ti usa",
    "pt": "eu ao os as da do em no na um se me te ja ou e o a usa como",
}
SHORT_WORDS = sorted({w for words in BY_LANGUAGE.values() for w in words.split()})
# after these a place name is a place ("in usa"): places.yaml's location and residence words
PREPOSITIONS = {"in", "to", "at", "en", "a", "au", "em", "no", "na", "da", "do", "di", "de", "al"}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.sampled_from(SHORT_WORDS), min_size=1, max_size=6), caps=st.booleans())
def test_questions_of_short_words_never_change_the_country(engine, words, caps):
    text = " ".join(w.upper() if caps else w for w in words) + " instagram ai"
    profile = Profile(user_id=1, country="DE", region="eu", platforms=[Platform.instagram])
    profile.account, profile.step = Account.personal, Step.ready
    out = engine.handle(profile, Text(text))
    assert out.profile is not None
    assert (out.profile.country, out.profile.subdivision) == ("DE", None), text
    if out.answered is not None:  # nor is the answer given for a place nobody named
        assert out.answered.country == "DE", text


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.sampled_from(SHORT_WORDS), min_size=1, max_size=6))
def test_a_first_question_of_short_words_names_no_place(engine, words):
    """A new user's question ("a meta usa minhas fotos? como eu impeço") is kept and the
    country asked: "usa" (uses) and "eu" (I) are not the USA and the EU — unless a preposition
    makes them a place ("in usa", "em eu" is read as one, as it should be)."""
    assume(
        not any(
            word in ("usa", "eu") and before in PREPOSITIONS for before, word in pairwise(words)
        )
    )
    text = " ".join(words) + " instagram ai training"
    out = engine.handle(None, Text(text))
    assert out.profile is not None
    assert (out.profile.country, out.profile.region) == (None, None), text
    assert out.kind == Kind.ask_country, text
