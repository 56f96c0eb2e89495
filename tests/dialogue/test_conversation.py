"""The conversation engine: onboarding, answers per region and platform, pending questions,
buttons that cannot be trusted, privacy commands, and input that must never crash it."""

from __future__ import annotations

import json

import pytest

from bot.dialogue import Press
from bot.profile import Step
from bot.vocabulary import Account, Goal, Platform, Region


def test_start_asks_for_the_country_with_buttons(chat):
    out = chat.command("start")
    assert "Where do you live" in chat.text
    data = [b.data for r in out.replies for row in r.buttons for b in row]
    assert "c:DE" in data and "c:US-CA" in data and "c:?" in data


def test_onboarding_by_buttons_edits_the_toggle_message(chat):
    chat.command("start")
    chat.tap("Germany")
    assert chat.profile.step == Step.platforms
    out = chat.press("p:instagram")
    assert out.replies[0].edit, "a toggle edits the message in place"
    labels = [b.label for row in out.replies[0].buttons for b in row]
    assert "✅ Instagram" in labels and "Facebook" in labels
    chat.press("p:whatsapp")
    chat.press("p:done")
    assert chat.profile.step == Step.account
    chat.press("a:personal")
    p = chat.profile
    assert (p.country, p.region, p.platforms, p.account) == (
        "DE",
        Region.eu,
        [Platform.instagram, Platform.whatsapp],
        Account.personal,
    )
    assert p.step == Step.ready
    assert "All set" in chat.text and "Germany" in chat.text


def test_onboarding_by_free_text(chat):
    chat.command("start")
    chat.say("i live in france")
    chat.say("insta and whatsapp")
    chat.say("just me, personal")
    p = chat.profile
    assert (p.country, p.region) == ("FR", Region.eu)
    assert p.platforms == [Platform.instagram, Platform.whatsapp]
    assert p.account == Account.personal and p.step == Step.ready


def test_done_without_platforms_is_refused_politely(chat):
    chat.command("start")
    chat.say("germany")
    out = chat.press("p:done")
    assert out.notice and chat.profile.step == Step.platforms


def test_us_without_a_state_asks_for_the_state(chat):
    chat.command("start")
    chat.say("USA")
    assert chat.profile.step == Step.subdivision
    assert "California" in chat.text
    chat.say("texas")
    assert (chat.profile.subdivision, chat.profile.region) == ("US-TX", Region.us_other)
    assert chat.profile.step == Step.platforms


def test_unknown_country_gets_suggestions_not_a_guess(chat):
    chat.command("start")
    out = chat.say("germny")
    assert chat.profile.country is None
    data = [b.data for r in out.replies for row in r.buttons for b in row]
    assert "c:DE" in data


def test_eu_user_gets_the_objection_path_with_source_and_date(chat):
    chat.onboard("Germany", "instagram")
    chat.say("how do i stop instagram ai training")
    text = chat.text
    assert "Right to object" in text
    assert "Evidence as of" in text
    assert "Germany" in text.splitlines()[0]
    more = chat.answer_in_full()
    assert "Your Privacy Rights" in more, "names the guide's outdated wording"
    assert "Sources" in more


def test_uk_user_gets_the_objection_too(chat):
    chat.onboard("United Kingdom", "facebook")
    chat.say("stop meta training ai on my facebook posts")
    assert "Right to object" in chat.text
    assert "ICO" in chat.answer_in_full()


def test_california_user_gets_do_not_sell_or_share_and_its_limits(chat):
    chat.onboard("California", "facebook")
    chat.say("how do i opt out of meta ai training")
    text = chat.text
    assert "Do Not Sell" in text
    assert "Right to object" not in text
    assert "training" in text.lower()


def test_texas_user_is_not_promised_a_right(chat):
    chat.onboard("Texas", "instagram")
    chat.say("how do i opt out of meta ai training")
    text = chat.text
    assert "Right to object" not in text
    assert "Do Not Sell or Share My Personal Information" not in text.split("Older guides")[0]
    assert "Texas" in text


def test_question_before_onboarding_is_remembered_and_answered(chat):
    out = chat.say("how do i stop meta ai training on my data")
    text = chat.text
    assert "depends on where you live" in text
    assert "California" in text and "EU" in text
    assert chat.profile.pending.goal == Goal.stop_training
    dumped = json.dumps(chat.profile.model_dump(mode="json"))
    assert "how do i stop" not in dumped, "the question's text is never stored"
    assert out.replies[-1].buttons, "the country question follows"
    chat.say("ireland")
    assert chat.profile.region == Region.eu and chat.profile.pending is not None
    chat.say("instagram")  # the answer differs by app and by account type: both still asked
    assert "Right to object" not in chat.text
    chat.say("personal")
    assert "Right to object" in chat.text, "answered right after the last missing detail"
    assert chat.profile.pending is None


def test_a_question_during_onboarding_is_noted_and_answered_when_it_ends(chat):
    """Even one whose answer needs no detail: onboarding reads as one flow, and the answer
    then fits everything the user told (bench/data/conversations.yaml, onboarding_pending_*)."""
    chat.command("start")
    chat.say("what does the eu ai act require from meta")
    assert "AI Act" not in chat.text and "Noted" in chat.text
    assert chat.profile.step == Step.country
    assert "Where do you live" in chat.text, "the onboarding question is asked again"
    chat.say("ireland")
    chat.say("instagram")
    chat.say("personal")
    assert "AI Act" in chat.text, "answered right after onboarding"
    assert chat.profile.pending is None


def test_platform_named_in_question_overrides_profile(chat):
    chat.onboard("Germany", "facebook")
    chat.say("whatsapp: stop meta ai personalising itself from my activity")
    assert "WhatsApp" in chat.text.splitlines()[0]


def test_region_named_in_question_overrides_profile(chat):
    chat.onboard("Germany", "facebook")
    chat.say("im in california now, how do i stop meta ai training")
    assert "Do Not Sell" in chat.text
    assert chat.profile.country == "DE", "the profile is not silently changed"


@pytest.mark.parametrize(
    "question",
    [
        "what does tiktok do with my data for ai",
        "how do i stop google gemini reading my email",
        "my instagram was hacked, how do i get it back",
        "tell me a joke",
    ],
)
def test_out_of_scope_is_said_plainly(chat, question):
    chat.onboard("Germany", "facebook")
    out = chat.say(question)
    assert out.match is not None and out.match.goal is None
    assert "Where:" not in chat.text


def test_did_you_mean_buttons_answer_when_pressed(chat):
    chat.onboard("Germany", "facebook")
    out = chat.say("meta ai")
    goals = [b.data for r in out.replies for row in r.buttons for b in row]
    assert goals and all(d.startswith("g:") for d in goals)
    chat.press(goals[0])
    assert "Evidence as of" in chat.text


@pytest.mark.parametrize(
    "data",
    [
        "",
        "g:",
        "g:not_a_goal",
        "g:stop_training:myspace",
        "c:XX",
        "c:DE",
        "p:facebook",
        "a:personal",
        "s:nothing",
        "f:yes",
        "zzz",
        "x" * 300,
        "g:" + "a" * 70,
        "\x00\x01",
    ],
)
def test_forged_or_stale_buttons_change_nothing(chat, data):
    chat.onboard("Germany", "facebook")
    before = chat.profile.model_dump()
    out = chat.engine.handle(chat.profile, Press(data), user_id=42)
    assert out.notice, "every press gets an answer"
    assert not out.replies
    assert out.profile.model_dump(exclude={"last_seen"}) == {
        k: v for k, v in before.items() if k != "last_seen"
    }


def test_forget_needs_confirmation_and_then_deletes(chat):
    chat.onboard("Germany", "facebook")
    chat.command("forget")
    assert chat.profile is not None
    chat.say("no thanks")
    assert chat.profile is not None and "nothing was deleted" in chat.text
    chat.command("forget")
    out = chat.say("yes")
    assert out.profile is None and "deleted everything" in chat.text


def test_mydata_exports_the_profile_as_json(chat):
    chat.onboard("Germany", "instagram")
    out = chat.command("mydata")
    doc = next(r.document for r in out.replies if r.document)
    data = json.loads(doc.content)
    assert data["country"] == "DE" and data["platforms"] == ["instagram"]
    assert doc.filename.endswith(".json")


def test_privacy_lists_what_is_stored_and_retention(chat):
    chat.command("privacy")
    assert "365 days" in chat.text and "/forget" in chat.text and "/mydata" in chat.text


def test_cancel_pauses_onboarding_and_questions_still_work(chat):
    chat.command("start")
    chat.command("cancel")
    assert chat.profile.step == Step.ready
    chat.say("what is the eu ai act")
    assert "AI Act" in chat.text


def test_settings_change_country_returns_to_questions(chat):
    chat.onboard("Germany", "facebook")
    chat.command("settings")
    chat.tap("Country")
    chat.say("uk")
    assert chat.profile.region == Region.uk and chat.profile.step == Step.ready
    assert "Saved" in chat.text


def test_deep_link_platform_and_goal(chat):
    chat.command("start", "instagram")
    assert chat.profile.platforms == [Platform.instagram]
    chat.command("start", "stop_training")
    assert chat.profile.pending and chat.profile.pending.goal == Goal.stop_training


def test_invalid_deep_link_is_ignored_politely(chat):
    chat.command("start", "%%%garbage")
    assert "didn't carry anything" in chat.text
    assert "Where do you live" in chat.text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "\n\t",
        "x" * 10_000,
        "🙂🙂🙂",
        "\u202eevil\u202c",
        "\x00\x07bell",
        "<b>bold</b> <script>alert(1)</script>",
        "**markdown** _x_ [a](http://x)",
        "/",
        "/unknown",
        "&amp; &lt;",
        "ﷺ" * 50,
    ],
)
def test_bad_input_never_raises_and_is_escaped(chat, text):
    for state in ("new", "onboarding", "ready"):
        if state == "onboarding":
            chat.command("start")
        if state == "ready":
            chat.onboard("Germany", "facebook")
        out = chat.say(text)
        assert out.replies
        for reply in out.replies:
            assert "<script>" not in reply.text


@pytest.mark.parametrize("answer", ["business", "business account", "its for my shop"])
def test_account_answer_is_not_taken_for_a_question(chat, answer):
    chat.command("start")
    chat.say("germany")
    chat.say("facebook")
    chat.say(answer)
    assert chat.profile.account == Account.business and chat.profile.step == Step.ready
