"""Answer cards and profile facts → Telegram-HTML text. Pure: no I/O, no transport."""

from __future__ import annotations

from collections.abc import Iterable

from bot.i18n import Html, partial_date_text, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.languages import BUTTON_LIMIT
from bot.knowledge.models import Card, CardText
from bot.places import Place
from bot.profile import Profile
from bot.rights import RightsText, rights_text
from bot.text import TELEGRAM_LIMIT, escape, fold, telegram_length
from bot.vocabulary import Platform, Region

ARROW = " → "
# Visible characters an answer's first message aims for: about one phone screen (issue 12).
# Measured over every goal × app × 13 places: one-app answers had a median of 1,622 (p90
# 3,009) when caveats and sources came in the same message; 1,003 (p90 1,153) with this room.
FIRST_ROOM = 1200


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


def caveats(card: Card, language: str, text: CardText | None = None) -> Html:
    """The card's "keep in mind" list, each with a clear marker."""
    items = (text or card.text(language)).caveats
    return join_html(
        [t("answer.caveats", language)] + [t("answer.caveat", language, text=c) for c in items]
    )


def filled(text: CardText, rights: RightsText) -> CardText:
    """The card's texts with the law, deadlines and rights of the user's jurisdiction."""
    return text.model_copy(
        update={
            "title": rights.fill(text.title),
            "answer": rights.fill(text.answer) if text.answer else None,
            "summary": rights.fill(text.summary),
            "guide_note": rights.fill(text.guide_note) if text.guide_note else None,
            **{
                name: [rights.fill(line) for line in getattr(text, name)]
                for name in ("steps", "caveats", "does_not")
            },
        }
    )


def _filled(kb: KnowledgeBase, card: Card, language: str, rights: RightsText | None) -> CardText:
    """`rights`: the user's jurisdiction in words; without it, texts that cite the law say that
    the law where the user lives is not known yet."""
    return filled(card.text(language), rights or rights_text(kb.jurisdictions, None, language))


def _head(
    kb: KnowledgeBase, card: Card, text: CardText, platforms: list[Platform], lang: str
) -> str:
    """The direct answer, the first thing an answer says (a card that does not apply says so)."""
    answer = escape(text.answer or text.title)
    if card.not_applicable and platforms:
        names = platform_list(kb, platforms, lang)
        return t("answer.not_applicable", lang, platform=names) + f" — {answer}"
    return f"<b>{answer}</b>"


def _where(
    kb: KnowledgeBase, card: Card, text: CardText, platforms: list[Platform], lang: str
) -> tuple[list[str], Html]:
    """The current path line(s), and what older guides call it (with the card's note)."""
    if card.not_applicable:
        return [], Html("")
    paths = _paths(kb, text, platforms, lang, guide=False)
    paths = paths or ([t("answer.no_path", lang)] if text.guide_path else [])
    note = text.guide_note.strip() if text.guide_note else ""
    older: list[str] = []
    # The guide's path is shown unless the note already names it.
    if any(fold(path[-1]) not in fold(note) for path in text.guide_path.values() if path):
        older.extend(_paths(kb, text, platforms, lang, guide=True))
    if note:
        older.append(f"<i>{escape(note)}</i>")
    return paths, join_html(older)


# What a first message may leave out, by the letter a details button carries for it.
SUMMARY, OLDER = "u", "o"


def _parts(
    kb: KnowledgeBase,
    card: Card,
    platforms: list[Platform],
    language: str,
    rights: RightsText | None,
) -> dict[str, str]:
    """The card's parts in the order they are read, by name; empty when the card has none."""
    text = _filled(kb, card, language, rights)
    platforms = [p for p in platforms if card.covers_platform(p)]
    paths, older = _where(kb, card, text, platforms, language)
    steps = [f"{i}. {escape(step)}" for i, step in enumerate(text.steps, 1)]
    limits = [t("answer.does_not_item", language, text=d) for d in text.does_not]
    return {
        "head": _head(kb, card, text, platforms, language),
        SUMMARY: escape(text.summary.strip()),
        "paths": join_html(paths, "\n\n"),
        OLDER: older,
        "steps": join_html([t("answer.steps", language), *steps]) if steps else "",
        "caveats": caveats(card, language, text) if text.caveats else "",
        "does_not": join_html([t("answer.does_not", language), *limits]) if limits else "",
    }


def _first(parts: dict[str, str], shown: str) -> Html:
    optional = (SUMMARY, OLDER)
    names = ("head", SUMMARY, "paths", OLDER, "steps")
    return join_html((parts[n] for n in names if n not in optional or n in shown), "\n\n")


def card_answer(
    kb: KnowledgeBase,
    card: Card,
    platforms: list[Platform],
    language: str,
    rights: RightsText | None = None,
    room: int = FIRST_ROOM,
) -> tuple[Html, str]:
    """The card as an answer's first message shows it, and the letters of what it left out.

    It opens with the direct answer, then the path and the steps; the summary and what older
    guides call the path follow only while the card stays within `room` visible characters
    (else the "limits" message leads with them). The evidence line closes it."""
    parts = _parts(kb, card, platforms, language, rights)
    evidence = evidence_line(card, language)
    shown = ""
    for name in (SUMMARY, OLDER):
        trial = join_html([_first(parts, shown + name), evidence], "\n\n")
        if parts[name] and telegram_length(trial) <= room:
            shown += name
    left = "".join(n for n in (SUMMARY, OLDER) if parts[n] and n not in shown)
    return join_html([_first(parts, shown), evidence], "\n\n"), left


def card_details(
    kb: KnowledgeBase,
    card: Card,
    platforms: list[Platform],
    language: str,
    part: str,
    rights: RightsText | None = None,
    left: str = "",
) -> Html:
    """A second message on request, under the card's title: its sources (`s`), or its caveats
    and limits (`c`) after what the first message left out (`left`). Empty when there is
    nothing of that part."""
    body: list[str]
    if part == "s":
        body = [join_html([sources(card, language), evidence_line(card, language)])]
    else:
        parts = _parts(kb, card, platforms, language, rights)
        body = [
            parts[n] for n in (*(x for x in (SUMMARY, OLDER) if x in left), "caveats", "does_not")
        ]
    if not any(body):
        return Html("")
    title = _filled(kb, card, language, rights).title
    return join_html([f"<b>{escape(title)}</b>", *body], "\n\n")


def card_text(
    kb: KnowledgeBase,
    card: Card,
    platforms: list[Platform],
    language: str,
    rights: RightsText | None = None,
) -> Html:
    """The whole card in one text (inline results, checks over everything a user can read):
    title, answer, summary, path(s), steps, caveats, limits, sources, date.

    `rights`: the user's jurisdiction in words; without it, texts that cite the law say that
    the law where the user lives is not known yet."""
    parts = _parts(kb, card, platforms, language, rights)
    title = escape(_filled(kb, card, language, rights).title)
    return join_html(
        [
            f"<b>{title}</b>",
            *parts.values(),
            join_html([sources(card, language), evidence_line(card, language)]),
        ],
        "\n\n",
    )


def pack(blocks: list[str], limit: int = TELEGRAM_LIMIT) -> list[Html]:
    """Blocks joined into as few messages as keep each within `limit` visible characters (a
    block is never split: each card's part fits a message on its own, as tests check)."""
    messages: list[list[str]] = []
    for block in (b for b in blocks if b):
        if messages and telegram_length(join_html([*messages[-1], block], "\n\n")) <= limit:
            messages[-1].append(block)
        else:
            messages.append([block])
    return [join_html(m, "\n\n") for m in messages]


def button_label(text: str, limit: int = BUTTON_LIMIT) -> str:
    """A label that fits a button whole, never cut mid-word: the text; else its part before a
    dash or bracket ("Meta, the GDPR and AI training — fines…" → "Meta, the GDPR and AI
    training"); else its first words and an ellipsis."""
    if len(text) <= limit:
        return text
    for mark in (" — ", " ("):
        head = text.split(mark)[0].rstrip(" ,;:")
        if 0 < len(head) <= limit:
            return head
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—") + "…"


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
        text = filled(card.text(language), rights_text(kb.jurisdictions, None, language))
        summary = text.summary.strip().split(". ")[0].rstrip(".") + "."
        lines.append(t("answer.region_variant", language, regions=regions, summary=summary))
    return join_html(lines)
