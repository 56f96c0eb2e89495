"""Issue 10's findings on the answer and checklist side, as a user meets them: each assertion
failed on the text before answers derived from the jurisdiction table."""

from __future__ import annotations

import pytest

from bot.callbacks import ChecklistOpened
from bot.render import card_text
from bot.text import html_to_plain
from bot.vocabulary import Goal, Platform


def _checklist_titles(chat) -> list[str]:
    """The item buttons of /checklist."""
    outcome = chat.command("checklist")
    items = [ChecklistOpened(i.id).pack() for i in chat.engine.kb.checklist.items]
    return [b.label for r in outcome.replies for row in r.buttons for b in row if b.data in items]


@pytest.mark.parametrize(
    ("country", "law"),
    [("Brazil", "LGPD Art. 18 § 2"), ("Switzerland", "FADP Art. 30(2)(b)")],
)
def test_finding_1_brazil_and_switzerland_get_the_objection_with_their_own_law(chat, country, law):
    chat.onboard(country, "facebook")
    chat.say("how do I stop meta training ai on my posts")
    assert law in chat.text and "Right to object" in chat.text  # the path to Meta's form
    text = chat.answer_in_full()
    assert "Object to Meta using your posts to train its AI" in text
    assert "no legal right is known" not in text
    assert "meant for people in the EU/EEA and the UK" not in text
    assert "GDPR" not in text
    titles = _checklist_titles(chat)
    assert any("objection form" in t for t in titles), titles


@pytest.mark.parametrize(
    ("country", "law", "authority"),
    [("Brazil", "LGPD", "ANPD"), ("Switzerland", "FADP", "EDÖB")],
)
def test_finding_1_a_refused_objection_in_brazil_or_switzerland_goes_to_their_authority(
    chat, country, law, authority
):
    chat.onboard(country, "instagram")
    chat.say("meta refused my objection to ai training, what now")
    assert "you can complain to" in chat.text
    assert law in chat.text and authority in chat.text
    assert "knows no legal objection" not in chat.text


def test_finding_3_uk_users_read_uk_law_not_the_eu_date(chat):
    chat.onboard("United Kingdom", "instagram")
    chat.say("how do I stop meta training ai on my posts")
    assert "UK GDPR Art. 21(1)" in chat.text
    text = chat.answer_in_full()
    assert "(GDPR Art. 21" not in text
    assert "27 May 2025" not in text
    assert "Information Commissioner" in text  # the UK authority, from the table


def test_eu_users_keep_the_eu_facts(chat):
    chat.onboard("France", "facebook")
    chat.say("how do I stop meta training ai on my posts")
    assert "GDPR Art. 21(1)" in chat.text
    text = chat.answer_in_full()
    assert "27 May 2025" in text
    assert "one month (extension: two further months)" in text


@pytest.mark.parametrize(
    ("country", "says", "never"),
    [
        # status "no" in the table (Meta told Australia's Senate there is no opt-out)
        ("Australia", "The evidence says the law where you live gives no right", "no evidence"),
        # a country the table does not hold: missing evidence is not a silent law
        ("Egypt", "We found no evidence either way", "The evidence says"),
    ],
)
def test_where_no_right_is_known_it_says_what_is_possible_and_how_sure_we_are(
    chat, country, says, never
):
    chat.onboard(country, "facebook")
    chat.say("how do I stop meta training ai on my posts")
    assert says in chat.text
    assert never not in chat.text
    assert "delete" in chat.text.lower() and "Only me" in chat.text


def test_finding_2_whatsapp_answers_say_the_meta_ai_entry_cannot_be_removed(chat):
    chat.onboard("France", "whatsapp")
    chat.say("how do i delete all my whatsapp chats")
    assert "Meta AI entry in WhatsApp cannot be removed" in chat.text
    chat.say("remove the meta ai button from whatsapp")
    first = chat.text.split("\n\n")[1:3]  # after the context line: title and summary
    assert any("cannot be removed" in part for part in first), first


def test_finding_2_every_whatsapp_answer_on_deleting_or_meta_ai_says_so(kb):
    goals = {
        Goal.remove_chatbot,
        Goal.delete_specific_data,
        Goal.stop_ai_replies,
        Goal.ai_personalization,
        Goal.stop_training,
    }
    missing = [
        card.id
        for goal in goals
        for card in kb.cards_for(goal, Platform.whatsapp)
        if card.platform_specific
        and "Meta AI entry in WhatsApp cannot be removed"
        not in html_to_plain(card_text(kb, card, [Platform.whatsapp], "en"))
    ]
    assert not missing


def test_finding_5_no_checklist_item_promises_a_setting_that_does_not_exist(chat):
    chat.onboard("Germany", "facebook and instagram")
    titles = _checklist_titles(chat)
    assert not [t for t in titles if "personalisation" in t.lower()]
    assert any("Delete your chats with Meta AI" in t for t in titles), titles


@pytest.mark.parametrize(
    ("state", "says"),
    [
        (
            "Florida",
            "(FDBR) lets you opt out of: targeted advertising, sale of your data, profiling.",
        ),
        ("Iowa", "Your state's law (ICDPA) lets you opt out of: sale of your data."),
        ("Oklahoma", "profiling — from 1 January 2027."),
        ("Ohio", "We know of no state privacy law where you live that gives opt-outs."),
    ],
)
def test_finding_6_state_answers_list_the_states_own_opt_outs(chat, state, says):
    chat.onboard(state, "instagram")
    chat.say("how do I stop meta training ai on my posts")
    text = chat.answer_in_full()
    assert says in text
    assert "narrower" not in text


def test_finding_6_florida_gets_the_state_opt_out_step(chat):
    chat.onboard("Florida", "facebook")
    assert any("opt-outs your state" in t for t in _checklist_titles(chat))


def test_finding_8_ccpa_deadlines_come_from_the_table(chat):
    chat.onboard("California", "facebook")
    chat.say("how long does meta have to answer my ccpa deletion request")
    assert "45 days (extension: once by a further 45 days" in chat.text
    assert "15 business days" in chat.text


def test_a_right_without_a_known_meta_form_is_not_sent_to_a_form(chat):
    """South Korea: PIPA gives a right to stop processing, but which form Meta offers there is
    not evidenced — the answer cites the law and says to write, not to use Meta's form."""
    chat.onboard("South Korea", "facebook")
    chat.say("how do I stop meta training ai on my posts")
    assert "PIPA Art. 37" in chat.text
    assert "no evidence of how Meta takes such requests" in chat.text
    assert "Meta offers its objection form there" not in chat.text
    assert not any("objection form" in t for t in _checklist_titles(chat))


@pytest.mark.parametrize(("country", "law"), [("Brazil", "LGPD"), ("United Kingdom", "UK GDPR")])
def test_inline_answers_cite_the_law_where_the_user_lives(chat, country, law):
    chat.onboard(country, "instagram")
    (first, *_) = chat.engine.inline(chat.profile, "stop instagram ai training on my posts")
    assert law in first.text
    assert "{" not in first.text


def test_caveats_under_a_letter_are_filled_in(chat):
    chat.onboard("Germany", "instagram")
    chat.press("l:objection")
    assert "Keep in mind" in chat.text
    assert "{" not in chat.text and "}" not in chat.text


@pytest.mark.parametrize("country", ["Brazil", "Switzerland"])
@pytest.mark.parametrize(
    "question", ["what should i do first to protect my data", "can meta remove my data from its ai"]
)
def test_finding_1_first_steps_and_trained_data_keep_the_right_to_object(chat, country, question):
    chat.onboard(country, "instagram")
    chat.say(question)
    text = chat.answer_in_full()
    assert "no legal objection" not in text and "no objection right" not in text
    assert "object" in text
