"""Texts to copy: filled from the profile and the jurisdiction table, never with personal data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from babel.languages import get_official_languages

from bot.authorities import Authority
from bot.i18n import Html, t
from bot.knowledge import KnowledgeBase
from bot.knowledge.jurisdictions import Jurisdiction
from bot.knowledge.templates import Context, Filled, applies, given, locate, render
from bot.places import Place
from bot.profile import Profile
from bot.text import escape
from bot.vocabulary import Region

DOCUMENT_OVER = 800  # characters (about a phone screen): longer texts also come as a .txt file


def jurisdiction(kb: KnowledgeBase, profile: Profile) -> tuple[str, Jurisdiction] | None:
    """The user's jurisdiction code and table entry, or None where the table has none."""
    return locate(kb.jurisdictions, profile.country, profile.subdivision)


def applies_to(kb: KnowledgeBase, profile: Profile, letter_id: str) -> bool:
    """Whether the letter is for the user's jurisdiction (its rights are given there)."""
    letter = kb.letters.letters.get(letter_id)
    found = jurisdiction(kb, profile)
    return letter is not None and found is not None and applies(letter, *found, profile.region)


def offered(kb: KnowledgeBase, profile: Profile, action: str) -> bool:
    """Whether a button (`letter:<id>`, `remind:<offer>`, …) is for the user's jurisdiction:
    letters and reminders that rest on a right only where the table gives it."""
    kind, _, name = action.partition(":")
    if kind == "letter":
        return applies_to(kb, profile, name)
    offer = kb.letters.remind.get(name) if kind == "remind" else None
    if offer is None or not offer.rights:
        return True
    found = jurisdiction(kb, profile)
    return found is not None and any(given(found[1], right) for right in offer.rights)


def fitting(kb: KnowledgeBase, profile: Profile) -> str | None:
    """The first letter (in letters.yaml order) for the user's jurisdiction, or None when no
    legal route is known."""
    return next((name for name in kb.letters.letters if applies_to(kb, profile, name)), None)


def has_state_law(kb: KnowledgeBase, profile: Profile) -> bool:
    """Whether the table has an entry of the user's own US state (a state privacy law)."""
    return bool(profile.subdivision and profile.subdivision in kb.jurisdictions.by_code)


def written_in(kb: KnowledgeBase, profile: Profile, letter_id: str) -> str:
    """The language of the text to copy: the reader's, or for a letter to an authority the
    language the authority works in (the country's official languages, per Babel's CLDR data)
    when the bot has the letter in it. A reader who writes one of the official languages keeps
    theirs (a French-speaking Belgian writes to the Belgian authority in French)."""
    letter = kb.letters.letters.get(letter_id)
    if letter is None or letter.written_in == "reader" or not profile.country:
        return profile.language
    official = get_official_languages(profile.country, de_facto=True)
    if profile.language in official:
        return profile.language
    return next((code for code in official if code in letter.texts), profile.language)


def names(kb: KnowledgeBase, profile: Profile, language: str | None = None) -> tuple[str, str]:
    """The user's country and (US or German) state, as a reader of `language` (by default the
    user's) reads them."""
    lang = language or profile.language
    country = (
        kb.gazetteer.name(Place(profile.country, None, profile.region), lang)
        if profile.country
        else ""
    )
    place = Place(profile.country, profile.subdivision, profile.region)
    state = kb.gazetteer.name(place, lang).split(",")[0] if profile.subdivision else ""
    return country, state


def filled(
    kb: KnowledgeBase, profile: Profile, letter_id: str, today: date, language: str | None = None
) -> Filled | None:
    """The letter for the user's jurisdiction in `language` (by default the user's), or None
    where it does not apply."""
    found = jurisdiction(kb, profile)
    letter = kb.letters.letters.get(letter_id)
    if found is None or letter is None:
        return None
    lang = language or profile.language
    country, state = names(kb, profile, lang)
    context = Context(today, lang, country, state)
    return render(kb.jurisdictions, found[1], letter, kb.letters.deadlines, context)


@dataclass(frozen=True)
class Contact:
    """An authority as shown under a complaint: from the datenanfragen records
    (authorities.yaml) or from the jurisdiction table's own list."""

    name: str
    lead: bool = False
    webform: str | None = None
    email: str | None = None
    address: str | None = None
    web: str | None = None


def contacts(kb: KnowledgeBase, profile: Profile) -> list[Contact]:
    """Where a complaint goes, most competent first: a German state's own authority, then the
    jurisdiction's authority (the table's `authority`), then the other records for the place
    (for the EU/EEA the Irish DPC, Meta's lead authority)."""
    place = Place(profile.country, profile.subdivision, profile.region)
    records = kb.gazetteer.authorities_for(place)
    found = jurisdiction(kb, profile)
    slug = found[1].authority if found else None
    state = [a for a in records if a.level == "state"]
    own = [a for a in records if a.slug == slug]
    rest = [a for a in records if a not in state and a not in own]
    lang = profile.language

    def contact(a: Authority) -> Contact:
        return Contact(a.name_in(lang), a.lead_for_meta, a.webform, a.email, a.address, a.web)

    out = [contact(a) for a in state + own]
    extra = kb.jurisdictions.authorities.get(slug or "")
    if extra is not None and not own:
        form = str(extra.complaint_url) if extra.complaint_url else None
        out.append(Contact(extra.name_in(lang), webform=form, web=str(extra.url)))
    out += [contact(a) for a in rest]
    return out


def authorities(kb: KnowledgeBase, profile: Profile) -> Html:
    """Where a complaint goes, or an honest "none on record"."""
    lang = profile.language
    found = contacts(kb, profile)
    if not found:
        return t("letters.authority_none", lang, country=names(kb, profile)[0])
    lines = [t("letters.where", lang)]
    for contact in found:
        key = "letters.authority_lead" if contact.lead else "letters.authority"
        lines.append(t(key, lang, name=contact.name))
        if contact.webform:
            lines.append(t("letters.authority_webform", lang, url=contact.webform))
        if contact.email:
            lines.append(t("letters.authority_email", lang, email=contact.email))
        if contact.address and not contact.webform and not contact.email:
            address = contact.address.replace("\n", ", ")
            lines.append(t("letters.authority_address", lang, address=address))
        if contact.web and not (contact.webform or contact.email or contact.address):
            lines.append(t("letters.authority_web", lang, url=contact.web))
    if profile.region == Region.eu and len(found) > 1:
        lines.append(t("letters.authority_choice", lang))
    return Html("\n".join(lines))


def copyable(text: str) -> Html:
    """A block Telegram shows with a copy button."""
    return Html(f"<pre>{escape(text)}</pre>")
