"""Letters per jurisdiction (issue 10, item 2): every letter rendered for every jurisdiction it
applies to cites that jurisdiction's own law, addresses the evidenced Meta company, claims only
the rights given there, and shows no internal words."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.actions import letters
from bot.i18n import date_text
from bot.knowledge import KnowledgeBase, load_knowledge
from bot.knowledge.loader import DEFAULT_DIR
from bot.knowledge.templates import Context, Filled, applies, given, render
from bot.knowledge.wording import internal_words, load_words
from bot.profile import Profile
from tests.conftest import NOW, Chat

TODAY = NOW.date()


def renderings(
    kb: KnowledgeBase, today: date = TODAY, language: str = "en"
) -> list[tuple[str, str, Filled]]:
    """(letter, jurisdiction code, letter as filled) for every pair the letter applies to."""
    out = []
    for letter_id, letter in kb.letters.letters.items():
        for code, j in kb.jurisdictions.by_code.items():
            country, _, state = code.partition("-")
            region = kb.gazetteer.region_of(country, code if state else None)
            if applies(letter, code, j, region):
                context = Context(today, language, country, code if state else "")
                out.append(
                    (
                        letter_id,
                        code,
                        render(kb.jurisdictions, j, letter, kb.letters.deadlines, context),
                    )
                )
    return out


def law_labels(kb: KnowledgeBase, code: str) -> set[str]:
    """How the jurisdiction's own laws are named: short labels (in every language) and names."""
    laws = kb.jurisdictions.by_code[code].laws
    named = {name for law in laws for name in law.names.values()}
    return {law.label for law in laws} | {law.name for law in laws} | named


def foreign_labels(kb: KnowledgeBase, code: str, text: str) -> list[str]:
    """Law labels of other jurisdictions in `text`, once the jurisdiction's own are taken out."""
    own = law_labels(kb, code)
    for label in sorted(own, key=len, reverse=True):
        text = text.replace(label, " ")
    laws = kb.jurisdictions.laws.values()
    others = {law.label for law in laws} | {n for law in laws for n in law.names.values()}
    others -= own
    return [o for o in others if re.search(rf"(?<!\w){re.escape(o)}(?!\w)", text)]


@pytest.mark.parametrize("language", ["en", "de", "fr", "es", "it", "pt"])
def test_every_letter_for_every_jurisdiction_cites_its_own_law(kb, language):
    rendered = renderings(kb, language=language)
    # 30 EU/EEA + GB, CH, BR, KR twice (objection, complaint), CA once, 23 other US states.
    assert len(rendered) >= 2 * 34 + 1 + 20
    for letter_id, code, filled in rendered:
        j = kb.jurisdictions.by_code[code]
        letter = kb.letters.letters[letter_id]
        right = next(given(j, r) for r in letter.rights if given(j, r))
        assert right.law in {law.id for law in j.laws}, (letter_id, code)
        assert filled.values["law"] in filled.text, (letter_id, code)
        for part in (filled.title, filled.how, filled.text):
            assert foreign_labels(kb, code, part) == [], (letter_id, code, part)
        assert not filled.missing, (letter_id, code, filled.missing)


def test_no_internal_words_in_any_rendered_letter(kb):
    words = load_words(DEFAULT_DIR)
    found = {
        (letter_id, code, word)
        for letter_id, code, filled in renderings(kb)
        for part in (filled.title, filled.how, filled.text)
        for word in internal_words(part, words)
    }
    assert found == set()


def test_objection_exists_wherever_the_table_gives_the_right(kb):
    objection = {code for letter_id, code, _ in renderings(kb) if letter_id == "objection"}
    expected = {
        code for code, j in kb.jurisdictions.by_code.items() if given(j, "object_ai_training")
    }
    assert objection == expected and {"GB", "CH", "BR", "KR", "DE", "NO"} <= objection


# -- finding 3: UK users get UK law and the UK controller ----------------------------------------


def test_uk_complaint_cites_uk_law_against_the_uk_controller(chat):
    chat.onboard("United Kingdom", "facebook")
    chat.press("l:complaint")
    text = chat.text
    assert "Meta Platforms Ireland Limited" not in text
    assert "Complaint under the UK GDPR against Meta Platforms, Inc." in text
    assert "Art. 21(1) UK GDPR" in text and "Art. 12A UK GDPR" in text
    assert re.search(r"(?<!UK )GDPR\b", text.replace("GDPR Art. 77", "")) is None
    assert "reports say" in text, "the entity is only reported: the user is told to check"


def test_uk_objection_cites_the_uk_deadline(chat):
    chat.onboard("United Kingdom", "instagram")
    chat.press("l:objection")
    assert "within one month, as Art. 12(3), Art. 12A of the UK GDPR requires" in chat.text


def test_a_letter_is_dated_as_its_reader_writes_dates(chat):
    chat.onboard("United Kingdom", "instagram")
    chat.press("l:objection")
    assert f"Date: {date_text(TODAY, 'en')}" in chat.text
    assert TODAY.isoformat() not in chat.text


# -- elsewhere: own law, no invented entity, the authority from the table ------------------------


@pytest.mark.parametrize(
    ("place", "cites", "complaint_cites", "authority"),
    [
        # each complaint goes to the authority in its language, citing the law as that one does
        ("Brazil", "Art. 18 § 2 of the LGPD", "art. 18, § 2º LGPD", "ANPD"),
        ("Switzerland", "Art. 30(2)(b) of the FADP", "Art. 30 Abs. 2 lit. b DSG", "EDÖB"),
        (
            "South Korea",
            "Art. 37 of the PIPA",
            "Art. 37 PIPA",
            "Personal Information Protection Commission",
        ),
    ],
)
def test_objection_and_complaint_outside_the_eu(engine, place, cites, complaint_cites, authority):
    chat = Chat(engine)
    chat.onboard(place, "facebook")
    chat.press("l:objection")
    assert cites in chat.text and "GDPR" not in chat.text
    assert "15 days" not in chat.text, "Brazil's 15 days are for access statements only"
    chat.press("l:complaint")
    assert authority in chat.text and complaint_cites in chat.text
    assert "Meta Platforms Ireland Limited" not in chat.text


def test_unknown_controller_is_meta_and_the_user_is_told_to_check(chat):
    chat.onboard("Brazil", "instagram")
    chat.press("l:objection")
    assert "To: Meta\n" in chat.text
    assert "check the company named in Meta's Privacy Policy for your country" in chat.text


def test_no_authority_on_record_is_said_honestly(kb):
    from bot.actions import letters
    from bot.profile import Profile
    from bot.vocabulary import Region

    chilean = Profile(country="CL", region=Region.other)
    assert letters.contacts(kb, chilean) == []
    assert "no data protection authority on record for Chile" in letters.authorities(kb, chilean)


# -- finding 7: a US state's letter claims only its own opt-outs ---------------------------------


def test_iowa_letter_asks_only_for_the_sale_opt_out(chat):
    chat.onboard("Iowa", "facebook")
    chat.press("l:us_state")
    text = chat.text
    letter = text.split("I am a resident of Iowa")[1].split("Please also tell me")[0]
    assert "sale" in letter and "§ 715D.3(1)(d)" in letter
    assert "targeted advertising" not in letter and "profiling" not in letter
    assert "gives no right to opt out of targeted advertising" in text
    assert "gives no right to opt out of profiling" in text


def test_utah_has_no_profiling_opt_out_and_florida_says_what_profiling_means(engine):
    utahn = Chat(engine)
    utahn.onboard("Utah", "facebook")
    utahn.press("l:us_state")
    letter = utahn.text.split("I am a resident of Utah")[1].split("Please also tell me")[0]
    assert "targeted advertising" in letter and "profiling" not in letter
    floridian = Chat(engine)
    floridian.onboard("Florida", "facebook")
    floridian.press("l:us_state")
    text = floridian.text
    assert "Florida Digital Bill of Rights" in text and "§ 501.705(2)" in text
    assert "legal or similarly significant effects" in text
    assert "not ads or AI training" in text


def test_a_law_not_yet_in_force_is_asked_for_only_from_its_date(kb, engine):
    okie = Chat(engine)
    okie.onboard("Oklahoma", "facebook")
    okie.press("l:us_state")
    text = okie.text
    assert "applies in Oklahoma from 1 January 2027" in text
    lines = [line for line in text.splitlines() if line.startswith("• I opt out")]
    assert lines and all("applies from 1 January 2027" in line for line in lines)
    later = {c: f for i, c, f in renderings(kb, date(2027, 6, 1)) if i == "us_state"}["US-OK"]
    assert (
        "applies from" not in later.text
        and "has applied in US-OK since 1 January 2027" in later.how
    )


def test_california_keeps_do_not_sell_with_the_15_business_day_deadline(chat):
    chat.onboard("California", "facebook")
    chat.press("l:do_not_sell")
    text = chat.text
    assert "Do Not Sell or Share" in text and "§ 1798.120" in text
    assert "within 15 business days of receiving this request, as 11 CCR § 7026(f) requires" in text
    assert "To: Meta Platforms, Inc." in text


def test_letters_are_offered_where_they_apply(engine):
    from tests.dialogue.test_flows import buttons

    brazilian = Chat(engine)
    brazilian.onboard("Brazil", "instagram")
    out = brazilian.say("how do i stop instagram ai training")
    assert {"l:objection", "r:new:objection"} <= set(buttons(out).values())
    iowan = Chat(engine)
    iowan.onboard("Iowa", "instagram")
    out = iowan.say("how do i stop instagram ai training")
    assert "l:us_state" in buttons(out).values() and "l:objection" not in buttons(out).values()


@pytest.fixture
def german_complaint(tmp_path: Path) -> KnowledgeBase:
    """The knowledge base with the complaint also written in German (a translator's file)."""
    target = tmp_path / "knowledge"
    shutil.copytree(DEFAULT_DIR, target)
    english = yaml.safe_load((target / "letters.yaml").read_text(encoding="utf-8"))
    block = dict(english["letters"]["complaint"]["en"]) | {"title": "Ihre Beschwerde"}
    path = target / "translations" / "de" / "letters.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump({"letters": {"complaint": block}}), encoding="utf-8")
    return load_knowledge(target)


@pytest.mark.parametrize(
    ("country", "reader", "expected"),
    [
        ("DE", "en", "de"),  # an English speaker in Germany writes to a German authority
        ("AT", "fr", "de"),
        ("CH", "it", "it"),  # Italian is a Swiss language: the reader keeps theirs
        ("PL", "en", "en"),  # no Polish letter: the reader's own language
        ("GB", "de", "en"),  # to the ICO in English, with the German text as a file
    ],
)
def test_a_complaint_is_written_in_the_authority_language_where_the_bot_has_it(
    german_complaint, country, reader, expected
):
    profile = Profile(country=country, language=reader)
    assert letters.written_in(german_complaint, profile, "complaint") == expected
    assert letters.written_in(german_complaint, profile, "objection") == reader
