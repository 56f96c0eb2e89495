"""The personal checklist: which items apply to a profile, and how progress looks."""

from __future__ import annotations

from datetime import date

from bot.i18n import Html, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.models import ChecklistItem, rights_fit, routes_fit
from bot.profile import Profile
from bot.render import join_html
from bot.rights import jurisdiction_at

BAR_CELLS = 10


def applies(
    kb: KnowledgeBase, item: ChecklistItem, profile: Profile, today: date | None = None
) -> bool:
    if item.regions is not None and profile.region not in item.regions:
        return False
    where = jurisdiction_at(kb, profile.country, profile.subdivision)
    if not (rights_fit(item.rights, where, today) and routes_fit(item.routes, where)):
        return False
    if item.platforms is not None and not set(item.platforms) & set(profile.platforms):
        return False
    if item.accounts is not None and (profile.account or "personal") not in item.accounts:
        return False
    if item.needs_state_law:
        return bool(kb.states and profile.subdivision in kb.states.states)
    return True


def items_for(
    kb: KnowledgeBase, profile: Profile, today: date | None = None
) -> list[ChecklistItem]:
    """The profile's items in the guide's order of impact (rights as they stand `today`)."""
    return [item for item in kb.checklist.items if applies(kb, item, profile, today)]


def bar(fraction: float) -> str:
    filled = round(max(0.0, min(1.0, fraction)) * BAR_CELLS)
    return "▓" * filled + "░" * (BAR_CELLS - filled)


def overview(kb: KnowledgeBase, profile: Profile, items: list[ChecklistItem]) -> Html:
    lang = profile.language
    state = profile.checklist
    finished = [i for i in items if i.id in state]
    done = [i for i in items if state.get(i.id) == "done"]
    minutes_left = sum(i.minutes for i in items if i.id not in state)
    fraction = len(finished) / len(items) if items else 1.0
    marks = {"done": "✅", "skipped": "⏭"}
    lines = [
        t("checklist.title", lang, done=len(done), total=len(items), minutes=minutes_left),
        t("checklist.bar", lang, bar=bar(fraction), percent=round(fraction * 100)),
        "",
        *(
            t(
                "checklist.item_line",
                lang,
                mark=marks.get(state.get(item.id, ""), "⬜"),
                n=n,
                title=item.title(lang),
                minutes=item.minutes,
            )
            for n, item in enumerate(items, 1)
        ),
        "",
        t("checklist.all_done", lang)
        if items and len(finished) == len(items)
        else t("checklist.tap_hint", lang),
    ]
    return join_html(lines)
