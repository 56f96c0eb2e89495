"""kb check keeps the six catalogues in step with English: a missing message, other
placeholders, a text in the wrong language or one over Telegram's limits is an error."""

from __future__ import annotations

from datetime import date

import pytest

from bot.i18n import catalogue, date_text, languages, partial_date_text, plural, t
from bot.knowledge.languages import check_catalogues


def real() -> dict[str, dict[str, str]]:
    return {language: dict(catalogue(language)) for language in languages()}


def errors(catalogues: dict[str, dict[str, str]]) -> list[str]:
    return [p.message for p in check_catalogues(catalogues) if p.level == "error"]


def test_six_languages_and_none_is_out_of_step():
    assert languages() == ("en", "de", "es", "fr", "it", "pt")
    assert errors(real()) == []


def test_a_missing_message_is_an_error():
    catalogues = real()
    del catalogues["it"]["forget.confirm"]
    assert errors(catalogues) == ["forget.confirm: missing (English has it)"]


def test_other_placeholders_are_an_error():
    catalogues = real()
    catalogues["de"]["checklist.marked_done"] = "✅ Erledigt: {titel}"
    (error,) = errors(catalogues)
    assert error.startswith("checklist.marked_done: placeholders ['titel'] differ")


def test_a_message_in_another_language_is_an_error():
    catalogues = real()
    catalogues["fr"]["cancel.nothing"] = catalogue("de")["cancel.nothing"]
    assert errors(catalogues) == ["cancel.nothing: reads as 'de', not 'fr'"]


def test_names_and_word_lists_are_not_read_for_their_language():
    catalogues = real()
    assert catalogues["fr"]["language.names.de"] == "Deutsch"
    assert catalogues["fr"]["companies.x"] == "X, Twitter ou Grok"
    assert errors(catalogues) == []


@pytest.mark.parametrize(
    ("key", "limit"),
    [("telegram.short_description", 120), ("settings.language_button", 64), ("help.text", 4096)],
)
def test_texts_over_telegrams_limits_are_errors(key, limit):
    catalogues = real()
    catalogues["es"][key] = catalogues["es"][key] + " y más" * (limit // 4)
    (error,) = errors(catalogues)
    assert error.startswith(f"{key}: ") and f"Telegram allows {limit}" in error


def test_english_stands_in_for_a_message_a_catalogue_lacks(monkeypatch):
    lacking = {k: v for k, v in catalogue("pt").items() if k != "cancel.done"}
    monkeypatch.setattr(
        "bot.i18n.catalogue", lambda lang: lacking if lang == "pt" else real()[lang]
    )
    assert t("cancel.done", "pt") == "OK, cancelled."


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "30 December 2026"),
        ("de", "30. Dezember 2026"),
        ("fr", "30 décembre 2026"),
        ("es", "30 de diciembre de 2026"),
        ("it", "30 dicembre 2026"),
        ("pt", "30 de dezembro de 2026"),
    ],
)
def test_dates_as_each_language_writes_them(language, expected):
    assert date_text(date(2026, 12, 30), language) == expected


def test_partial_evidence_dates():
    assert partial_date_text("2025-06", "de") == "Juni 2025"
    assert partial_date_text("2025", "fr") == "2025"
    assert partial_date_text("2025-06-14", "it") == "14 giugno 2025"


def test_plural_forms_follow_each_language():
    assert [plural("privacy.retention", n, "en") for n in (1, 2)] == ["1 day", "2 days"]
    assert plural("privacy.retention", 0, "fr") == "0 jour", "French: zero is singular"
    assert plural("privacy.retention", 0, "de") == "0 Tage"
