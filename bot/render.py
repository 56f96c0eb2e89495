"""Answer cards and profile facts → Telegram-HTML text. Pure: no I/O, no transport."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import Html, partial_date_text, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.models import Card, CardText
from bot.places import Place
from bot.profile import Profile
from bot.text import escape, fold
from bot.vocabulary import Platform, Region

ARROW = " → "


def join_html(parts: Iterable[str], sep: str = "\n") -> Html:
    return Html(sep.join(p for p in parts if p))


def menu_path(path: list[str]) -> Html:
    return Html(ARROW.join(f"<b>{escape(label)}</b>" for label in path))


def platform_list(kb: KnowledgeBase, platforms: Iterable[Platform], language: str) -> str:
    return ", ".join(kb.platform_name(p, language) for p in platforms)


def profile_summary(kb: KnowledgeBase, profile: Profile) -> Html:
    lang = profile.language
    place = place_name(kb, profile) or t("summary.unknown_place", lang)
    platforms: str
    if len(profile.platforms) == len(Platform):
        platforms = t("summary.all_platforms", lang)
    else:
        platforms = platform_list(kb, profile.platforms, lang) or t(
            "summary.unknown_platforms", lang
        )
    account = (
        t(f"account_names.{profile.account.value}", lang)
        if profile.account
        else t("summary.unknown_account", lang)
    )
    return t("summary.line", lang, place=place, platforms=platforms, account=account)


def place_name(kb: KnowledgeBase, profile: Profile) -> str | None:
    if not profile.country:
        return None
    place = Place(profile.country, profile.subdivision, profile.region)
    name: str | None = kb.gazetteer.name(place, profile.language)
    return name


def region_label(region: Region | str, language: str) -> str:
    return t(f"regions.{region}", language)


def _paths(
    kb: KnowledgeBase, text: CardText, platforms: list[Platform], language: str, guide: bool
) -> list[str]:
    """One line per distinct path; the platform is named when paths differ between platforms."""
    pick = text.guide_path_for if guide else text.path_for
    by_path: dict[tuple[str, ...], list[Platform | None]] = {}
    choices: list[Platform | None] = [*platforms] or [None]
    for platform in choices:
        path = tuple(pick(platform))
        if path:
            by_path.setdefault(path, []).append(platform)
    if not by_path:
        return []
    if len(by_path) == 1:
        path = next(iter(by_path))
        return [
            t("answer.guide_called", language, path=Html(ARROW.join(escape(p) for p in path)))
            if guide
            else t("answer.where", language, path=menu_path(list(path)))
        ]
    lines: list[str] = []
    for path, owners in by_path.items():
        name = platform_list(kb, [p for p in owners if p], language)
        if guide:
            lines.append(
                t(
                    "answer.guide_called",
                    language,
                    path=Html(f"{escape(name)}: " + ARROW.join(escape(p) for p in path)),
                )
            )
        else:
            lines.append(
                t("answer.where_platform", language, platform=name, path=menu_path(list(path)))
            )
    return lines


def card_paths(
    kb: KnowledgeBase, card: Card, platforms: list[Platform], language: str
) -> list[str]:
    """The card's current path line(s) for these platforms."""
    platforms = [p for p in platforms if card.covers_platform(p)]
    return _paths(kb, card.text(language), platforms, language, guide=False)


def sources(card: Card, language: str) -> Html:
    """Titled links with their publication dates; no raw URLs and no internal labels."""
    items = []
    for source in card.sources:
        if source.kind == "guide":
            label = escape(t("answer.guide_source", language))
        elif source.url:
            label = f'<a href="{escape(str(source.url))}">{escape(source.title)}</a>'
        else:
            label = escape(source.title)
        if source.published:
            label += f" ({escape(partial_date_text(source.published, language))})"
        items.append(label)
    return t("answer.sources", language, sources=Html("; ".join(items)))


def evidence_line(card: Card, language: str) -> Html:
    """How the card is evidenced, and the date of its newest evidence (never an edit date)."""
    confidence = t(f"answer.confidence.{card.confidence.value}", language)
    newest = card.evidence_as_of
    if newest is None:
        return t("answer.evidence_undated", language, confidence=confidence)
    return t(
        "answer.evidence", language, confidence=confidence, date=partial_date_text(newest, language)
    )


def caveats(card: Card, language: str) -> Html:
    """The card's "keep in mind" list, each with a clear marker."""
    items = card.text(language).caveats
    return join_html(
        [t("answer.caveats", language)] + [t("answer.caveat", language, text=c) for c in items]
    )


def card_text(kb: KnowledgeBase, card: Card, platforms: list[Platform], language: str) -> Html:
    """The whole answer card: title, summary, path(s), steps, caveats, limits, sources, date."""
    text = card.text(language)
    platforms = [p for p in platforms if card.covers_platform(p)]
    parts: list[str] = []
    title = escape(text.title)
    if card.not_applicable and platforms:
        title = (
            t("answer.not_applicable", language, platform=platform_list(kb, platforms, language))
            + f" — {title}"
        )
        parts.append(title)
    else:
        parts.append(f"<b>{title}</b>")
    parts.append(escape(text.summary.strip()))
    if not card.not_applicable:
        paths = _paths(kb, text, platforms, language, guide=False)
        parts.extend(paths or ([t("answer.no_path", language)] if text.guide_path else []))
        note = text.guide_note.strip() if text.guide_note else ""
        # The guide's path is shown unless the note already names it.
        if any(fold(path[-1]) not in fold(note) for path in text.guide_path.values() if path):
            parts.extend(_paths(kb, text, platforms, language, guide=True))
        if note:
            parts.append(f"<i>{escape(note)}</i>")
    if text.steps:
        steps = [f"{i}. {escape(step)}" for i, step in enumerate(text.steps, 1)]
        parts.append(join_html([t("answer.steps", language), *steps]))
    if text.caveats:
        parts.append(caveats(card, language))
    if text.does_not:
        parts.append(
            join_html(
                [t("answer.does_not", language)]
                + [t("answer.does_not_item", language, text=d) for d in text.does_not]
            )
        )
    parts.append(join_html([sources(card, language), evidence_line(card, language)]))
    return join_html(parts, "\n\n")


def region_variants(kb: KnowledgeBase, cards: list[Card], language: str) -> Html:
    """What differs by region, one line per variant, for a user whose region is unknown."""
    lines = []
    seen: set[str] = set()
    for card in cards:
        if card.id in seen:
            continue
        seen.add(card.id)
        regions = ", ".join(region_label(r, language) for r in card.regions)
        if card.platform_specific and len(card.platforms) < len(Platform):
            names = platform_list(kb, [Platform(p) for p in card.platforms], language)
            regions = f"{regions} · {names}"
        if len(card.accounts) == 1:
            regions = f"{regions} · {t(f'account_names.{card.accounts[0].value}', language)}"
        summary = card.text(language).summary.strip().split(". ")[0].rstrip(".") + "."
        lines.append(t("answer.region_variant", language, regions=regions, summary=summary))
    return join_html(lines)
