"""Wave 12 (English): kinds the wave-12 tune-on sets showed misread, fixed in
knowledge/matching/en.yaml. Each case is a new phrasing of its kind, not a set's question."""

from __future__ import annotations

import pytest

from bot.knowledge import KnowledgeBase
from bot.vocabulary import Goal

IN_SCOPE = [
    # an objection refused, said with "opt out" or "request" instead of "objection"
    ("instagram rejected my opt out, what can i do now", Goal.escalate),
    ("facebook denied my request to opt out, can they do that", Goal.escalate),
    ("meta refused my opt out last month, who can i go to", Goal.escalate),
    # how long Meta has to answer an objection
    ("how long has facebook got to respond to my objection", Goal.escalate),
    ("does meta have to reply to an objection within a month", Goal.escalate),
    # one's data still inside the model, or an objection made after it was used
    ("after deleting my account are my photos still inside the ai", Goal.trained_data),
    ("if i close instagram, is my data still in their ai", Goal.trained_data),
    (
        "what happens to my posts if i objected after meta already trained on them",
        Goal.trained_data,
    ),
    # a time named as "back in <year>": data already used
    ("i posted loads of selfies back in 2019, are they in meta's ai now", Goal.trained_data),
    ("my fb was public back in 2020, did that end up training llama", Goal.trained_data),
    # the answers Meta AI gives made personal by one's activity
    ("meta ai uses what i like for its replies, can i turn that off", Goal.ai_personalization),
    ("stop facebook ai using my profile for its answers", Goal.ai_personalization),
    # Meta's page named by its title
    ("can i object through the your privacy rights page on instagram", Goal.stop_training),
    ("where is the privacy rights page to opt out of meta ai training", Goal.stop_training),
    # the objection form's reason field, or a plain "no thanks"
    ("is it ok to just say no thanks in the meta objection form", Goal.stop_training),
    ("do i need a reason to object to meta using my posts for ai", Goal.stop_training),
    ("what happens if i dont give a reason on the instagram objection", Goal.stop_training),
    # an app's connected apps keep what they already got
    (
        "if i unlink an app from facebook does it delete what it already collected",
        Goal.connected_apps,
    ),
    ("removing a connected game, will it lose the info it already has", Goal.connected_apps),
    # others bringing Meta AI into a group
    ("can i stop other people using meta ai in our whatsapp group", Goal.stop_ai_replies),
    ("how do i block members from using meta ai in my group chat", Goal.stop_ai_replies),
    # deactivating for a while, and whether the AI stops meanwhile
    ("does deactivating facebook for a month stop the ai using my posts", Goal.delete_account),
    ("if i deactivate my insta for the summer is my data still used for ai", Goal.delete_account),
    # second thoughts in the 30 days after deleting the account
    ("deleted my insta yesterday and i regret it, can i still undo that", Goal.delete_account),
    ("i changed my mind about deleting facebook, is it too late", Goal.delete_account),
    # saving one's things before deleting the account
    (
        "i have years of pics, should i save them first before deleting instagram",
        Goal.delete_account,
    ),
    ("i want to delete whatsapp but save them first, how", Goal.delete_account),
    # keeping the account beside words of everyday use ("job", "take down")
    (
        "applying for jobs, how do i remove old fb posts but keep the account",
        Goal.delete_specific_data,
    ),
    ("take down some photos from instagram and keep the rest", Goal.delete_specific_data),
    # a phone spelling of "know"
    ("does meta kno what i search for", Goal.what_collected),
]


@pytest.mark.parametrize(("text", "goal"), IN_SCOPE)
def test_a_kind_read_right(kb: KnowledgeBase, text: str, goal: Goal) -> None:
    assert kb.matcher("en").match(text).goal == goal


@pytest.mark.parametrize(
    "text",
    [
        # Llama as a product: its licence and its weights
        "is llama open source",
        "where do i download the llama weights to run on my server",
        "can i use llama for free, is it open source",
        # another service, or AI in general
        "can signal read my chats with its ai",
        "do self driving cars use ai to recognise faces",
        "was my email in the latest data breach",
        "whats the difference between ai and a normal computer program",
    ],
)
def test_not_ours(kb: KnowledgeBase, text: str) -> None:
    assert kb.matcher("en").match(text).goal is None


def test_a_question_with_or_is_it_is_not_an_overview(kb: KnowledgeBase) -> None:
    """ "…or is it just for the EU" asks about the objection, not for an overview."""
    text = "is the opt out available in australia or is it only europe"
    assert kb.matcher("en").match(text).goal == Goal.stop_training


@pytest.mark.parametrize(
    ("text", "goal"),
    [
        # Meta AI taken out of a group chat it was called into (chat_fresh12, after measuring)
        ("how can i kick meta ai out of our group chat", Goal.stop_ai_replies),
        ("kick the ai out of my whatsapp group", Goal.stop_ai_replies),
        # an advertiser's restriction is account support, not ours
        ("why was i banned from advertising on facebook", None),
        ("our page is restricted from running ads, what now", None),
    ],
)
def test_wave12_fresh_kinds(kb: KnowledgeBase, text: str, goal: Goal | None) -> None:
    assert kb.matcher("en").match(text).goal == goal
