"""Rules as data: a letter and a checklist item added to a copy of the knowledge base — with
no Python change — are checked by `kb check`, offered, and carried out as declared."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.dialogue import Engine
from bot.knowledge import load_knowledge
from bot.knowledge.checks import check
from bot.knowledge.loader import DEFAULT_DIR
from bot.profile import Step
from tests.conftest import NOW, Chat

ACCESS_LETTER = """
  access:
    rights: [access]
    regions: [eu, uk]
    card: trained_data.eu_uk
    needs_state_in: [DE]
    then: [remind:deletion]
    sources:
      - {title: "GDPR (Regulation (EU) 2016/679), Art. 15", kind: law, url: "https://eur-lex.europa.eu/eli/reg/2016/679/oj"}
    en:
      title: Your access request
      button: 📨 Access request text
      how: Send this through Meta's privacy form.
      text: |-
        Under {article} {law}, please tell me which of my data you used to train AI. Date: {today}
"""
ACCESS_ITEM = """
  - id: access
    goal: trained_data
    regions: [eu, uk]
    minutes: 7
    actions: [letter:access]
    en: {title: Ask Meta which of your data trained its AI}
"""
ACCESS_OFFER = "  - {goal: trained_data, regions: [eu, uk], actions: [letter:access]}\n"


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("kb") / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    letters = target / "letters.yaml"
    text = letters.read_text(encoding="utf-8")
    text = text.replace("letters:\n", "letters:" + ACCESS_LETTER, 1)
    text = text.replace("offers:\n", "offers:\n" + ACCESS_OFFER, 1)
    letters.write_text(text, encoding="utf-8")
    checklist = target / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8").replace("items:\n", "items:" + ACCESS_ITEM, 1)
    checklist.write_text(text, encoding="utf-8")
    return target


@pytest.fixture
def chat(extended: Path) -> Chat:
    return Chat(Engine(load_knowledge(extended), clock=lambda: NOW))


def test_the_additions_pass_kb_check_but_for_their_translations(extended):
    """Only what keeps the six languages in step is missing: the letter and the item in the
    five other languages (English stands in for them, and the reply says so)."""
    errors = [p.message for p in check(extended, NOW.date()) if p.level == "error"]
    assert len(errors) == 2 * 5, errors
    assert all("access" in m and "text (English has one)" in m for m in errors), errors


def test_a_wrong_action_in_the_addition_is_reported(extended, tmp_path):
    broken = tmp_path / "knowledge"
    shutil.copytree(extended, broken)
    letters = broken / "letters.yaml"
    letters.write_text(
        letters.read_text(encoding="utf-8").replace("then: [remind:deletion]", "then: [remind:x]"),
        encoding="utf-8",
    )
    problems = [str(p) for p in check(broken, NOW.date())]
    assert any("remind:x" in p for p in problems), problems


def test_the_new_item_is_on_the_checklist_and_opens_the_new_letter(chat):
    chat.onboard("Germany", "facebook")
    chat.command("checklist")
    assert "Ask Meta which of your data trained its AI" in chat.text
    chat.tap("Ask Meta which")
    chat.tap("Access request text")
    # needs_state_in: [DE] — the letter asks for the German state first
    assert chat.profile.step == Step.subdivision
    chat.say("Berlin")
    assert "Your access request" in chat.text and "Art. 15 GDPR" in chat.text
    assert chat.profile.step == Step.ready
    # then: [remind:deletion] — offered under the letter
    assert any(d == "r:new:deletion" for d in chat.buttons.values())


def test_the_new_letter_is_offered_under_its_goal_only_in_its_regions(chat, extended):
    chat.onboard("France", "instagram")
    out = chat.say("was my data already used to train meta ai")
    data = [b.data for r in out.replies for row in r.buttons for b in row]
    assert "l:access" in data
    american = Chat(Engine(load_knowledge(extended), clock=lambda: NOW))
    american.onboard("Texas", "instagram")
    out = american.say("was my data already used to train meta ai")
    assert "l:access" not in [b.data for r in out.replies for row in r.buttons for b in row]
    american.press("l:access")  # an old button: the user's region has no such route
    assert "Your access request" not in american.text


def test_an_id_too_long_for_button_data_is_reported(extended, tmp_path):
    broken = tmp_path / "knowledge"
    shutil.copytree(extended, broken)
    letters = broken / "letters.yaml"
    long_id = "access_" + "x" * 40
    text = letters.read_text(encoding="utf-8").replace("letter:access", f"letter:{long_id}")
    letters.write_text(text.replace("  access:\n", f"  {long_id}:\n", 1), encoding="utf-8")
    checklist = broken / "checklist.yaml"
    text = checklist.read_text(encoding="utf-8").replace("letter:access", f"letter:{long_id}")
    checklist.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check(broken, NOW.date())]
    assert any(long_id in p and "longer than" in p for p in problems), problems
