"""Answer cards as the user reads them: the path as arrows, one line per app when the apps
differ, numbered steps, marked caveats, sources with links, the evidence date — and escaped
text."""

from __future__ import annotations

from bot.knowledge.models import Card
from bot.render import card_text, menu_path
from bot.text import html_to_plain
from bot.vocabulary import Platform


def test_path_is_shown_as_arrows_and_escaped():
    assert menu_path(["Settings & privacy", "AI <at> Meta"]) == (
        "<b>Settings &amp; privacy</b> → <b>AI &lt;at&gt; Meta</b>"
    )


def test_one_path_line_per_app_when_apps_differ(kb):
    card = kb.by_id["stop_training.objection"]
    text = html_to_plain(card_text(kb, card, [Platform.facebook, Platform.instagram], "en"))
    assert (
        "Facebook: Menu → Settings & privacy → Privacy Center → AI at Meta → Right to object"
        in (text.replace("  ", " "))
    )
    assert "Instagram:" in text


def test_card_parts_in_order(kb):
    card = kb.by_id["delete_account.facebook"]
    text = html_to_plain(card_text(kb, card, [Platform.facebook], "en"))
    where, steps, caveats = text.index("Where:"), text.index("1. "), text.index("⚠️")
    assert where < steps < caveats < text.index("Sources:") < text.index("Evidence as of")
    assert "From Meta's own help pages" in text


def test_user_visible_text_is_escaped(kb):
    card = kb.by_id["overview.three_buckets"]
    hostile = card.model_copy(
        update={
            "texts": {
                "en": card.texts["en"].model_copy(
                    update={"summary": "<script>x</script> & co", "steps": ["a < b"]}
                )
            }
        }
    )
    html = card_text(kb, Card.model_validate(hostile.model_dump()), [], "en")
    assert "<script>" not in html and "&lt;script&gt;" in html and "a &lt; b" in html
