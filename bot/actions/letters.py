"""Texts to copy: filled from the profile and the knowledge base, never with personal data."""

from __future__ import annotations

from datetime import date

from bot.i18n import Html, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.models import Letter
from bot.knowledge.templates import placeholders
from bot.places import Place
from bot.profile import Profile
from bot.text import escape
from bot.vocabulary import Region

DOCUMENT_OVER = 800  # characters (about a phone screen): longer texts also come as a .txt file


def has_state_law(kb: KnowledgeBase, subdivision: str | None) -> bool:
    """Whether us_states.yaml knows a consumer privacy law for the state."""
    return bool(kb.states and subdivision in kb.states.states)


def for_region(kb: KnowledgeBase, region: Region, subdivision: str | None) -> str | None:
    """The first letter (in letters.yaml order) for a region — one that needs a state law only
    where the state has one — or None when no legal route is known."""
    for letter_id, letter in kb.letters.letters.items():
        if region in letter.regions and (
            not letter.needs_state_law or has_state_law(kb, subdivision)
        ):
            return letter_id
    return None


def fields(kb: KnowledgeBase, profile: Profile, letter: Letter, today: date) -> dict[str, str]:
    region = profile.region or Region.other
    place = Place(profile.country, profile.subdivision, profile.region)
    values = {
        "law": letter.law.get(region, ""),
        "deadline_law": letter.deadline_law.get(region, ""),
        "today": today.isoformat(),
        "country": kb.gazetteer.name(Place(profile.country, None, profile.region), profile.language)
        if profile.country
        else "",
        "state": kb.gazetteer.name(place, profile.language).split(",")[0]
        if profile.subdivision
        else "",
        "since": "",
    }
    if kb.states and profile.subdivision in kb.states.states:
        values["since"] = kb.states.states[profile.subdivision].since
    return values


def fill(template: str, values: dict[str, str]) -> str:
    return template.format_map({k: values.get(k, "") for k in placeholders(template)})


def authorities(kb: KnowledgeBase, profile: Profile) -> Html:
    """Where a complaint goes: the user's authority (and state authority) and the Irish DPC."""
    lang = profile.language
    place = Place(profile.country, profile.subdivision, profile.region)
    found = kb.gazetteer.authorities_for(place)
    if not found:
        return t("letters.authority_none", lang)
    lines = [t("letters.where", lang)]
    for authority in found:
        key = "letters.authority_lead" if authority.lead_for_meta else "letters.authority"
        lines.append(t(key, lang, name=authority.name))
        if authority.webform:
            lines.append(t("letters.authority_webform", lang, url=authority.webform))
        if authority.email:
            lines.append(t("letters.authority_email", lang, email=authority.email))
        if authority.address and not authority.webform and not authority.email:
            lines.append(
                t("letters.authority_address", lang, address=authority.address.replace("\n", ", "))
            )
    if profile.region == Region.eu and len(found) > 1:
        lines.append(t("letters.authority_choice", lang))
    return Html("\n".join(lines))


def copyable(text: str) -> Html:
    """A block Telegram shows with a copy button."""
    return Html(f"<pre>{escape(text)}</pre>")
