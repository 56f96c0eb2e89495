"""The user's rights in words: the values answer texts cite, filled from the jurisdiction table.

Card and checklist texts name what depends on the law with placeholders — `{objection_law}`,
`{respond_deadline}`, `{state_opt_outs}` … — and this module is the one place that turns the
user's jurisdiction (`kb.jurisdictions.for_place`) into those values, each through a message
template, so no sentence is glued together in code and six languages share one table. Where
the table has nothing, the value says so ("no evidence either way") rather than inventing law.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from html import unescape
from typing import TYPE_CHECKING

from bot.i18n import partial_date_text, t
from bot.knowledge.jurisdictions import Deadline, Jurisdiction, Jurisdictions, Law, Right
from bot.knowledge.models import as_date
from bot.knowledge.templates import is_article, law_of, provision
from bot.vocabulary import DEFAULT_LANGUAGE

if TYPE_CHECKING:
    from bot.knowledge import KnowledgeBase

# The opt-outs a US state law may give, in the order the answer lists them.
OPT_OUTS = ("opt_out_targeted_ads", "opt_out_sale", "opt_out_profiling")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A country the table does not hold: no right is known there, which is what its answer says.
NOTHING_KNOWN = Jurisdiction()


def jurisdiction_of(
    table: Jurisdictions, parents: Mapping[str, str], country: str, subdivision: str | None
) -> Jurisdiction:
    """The jurisdiction of a known country (a territory falls back to its sovereign state,
    Réunion to France); NOTHING_KNOWN when the table has neither."""
    parent = parents.get(country)
    return (
        table.for_place(country, subdivision)
        or (table.for_place(parent) if parent else None)
        or NOTHING_KNOWN
    )


def jurisdiction_at(
    kb: KnowledgeBase, country: str | None, subdivision: str | None
) -> Jurisdiction | None:
    """The jurisdiction of a place; None while no country is known (every variant fits)."""
    if not country:
        return None
    parents = kb.gazetteer.regions.parents
    return jurisdiction_of(kb.jurisdictions, parents, country, subdivision)


@dataclass(frozen=True)
class RightsText:
    """Every placeholder value for one jurisdiction in one language (plain text, not HTML)."""

    values: dict[str, str]

    def fill(self, text: str) -> str:
        """`text` with each known `{name}` replaced; other braces are left as they are."""
        return PLACEHOLDER.sub(lambda m: self.values.get(m.group(1), m.group(0)), text)


def _msg(key: str, language: str, **values: object) -> str:
    return unescape(t(key, language, **values))


def _article(article: str | None, language: str) -> str:
    # What the table adds after a semicolon is an English note: other languages leave it out.
    return (
        (article or "") if language == DEFAULT_LANGUAGE else (article or "").split(";")[0].strip()
    )


def cited(law: Law, article: str | None, language: str) -> str:
    """ "GDPR Art. 21(1)", "Art. 21 Abs. 1 DSGVO": a law and provision as `language` cites them."""
    label = law.label_in(language)
    if not article:
        return label
    cite = provision(_article(article, language), language)
    return _msg("citation.law_article", language, law=label, article=cite)


def under_law(text: str, law: Law, article: str | None, language: str) -> str:
    """A deadline and the law that sets it. Where the table names an article, languages that
    put the article's own noun and "of the law" around it do ("selon l'art. 12.3 du RGPD",
    "nos termos do art. 19, II, da LGPD"); any other provision (a US section) or none is cited
    in brackets, which needs no article of its own in any language."""
    cite = _article(article, language)
    key = "rights.under_law" if is_article(cite) else "rights.under_law_cited"
    return _msg(
        key,
        language,
        deadline=text,
        law=cited(law, article, language),
        article=provision(cite, language),
        law_of=law_of(law, language),
    )


def extension(item: Deadline, language: str) -> str | None:
    """How the deadline may be extended: the table's words in English; elsewhere the period
    it states, else only that it may be (its note is English)."""
    if not item.extension:
        return None
    if language == DEFAULT_LANGUAGE:
        return item.extension
    if item.extended_by is None:
        return _msg("rights.extension_possible", language)
    period = item.extended_by
    unit = "month_1" if period.unit == "month" and period.days == 1 else period.unit
    return _msg(f"rights.extended_by.{unit}", language, days=period.days)


def citation(table: Jurisdictions, right: Right | None, language: str) -> str:
    """The law (and article) a right comes from, or an honest "not known"."""
    law = table.laws.get(right.law or "") if right else None
    if right is None or law is None:
        return _msg("rights.law_unknown", language)
    return cited(law, right.article, language)


def deadline(table: Jurisdictions, item: Deadline | None, language: str) -> str:
    """ "45 days (extension: …) under CCPA/CPRA § …" from a deadline of the table."""
    if item is None:
        return _msg("rights.deadline_unknown", language)
    unit = "month_1" if item.unit == "month" and item.days == 1 else item.unit
    text = _msg(f"rights.deadline.{unit}", language, days=item.days)
    extended = extension(item, language)
    if extended:
        text = _msg("rights.with_extension", language, deadline=text, extension=extended)
    law = table.laws.get(item.law or "")
    return under_law(text, law, item.article, language) if law is not None else text


def opt_outs(
    table: Jurisdictions, jurisdiction: Jurisdiction | None, language: str, today: date
) -> str:
    """Which opt-outs the user's state law gives (with its start date when still to come)."""
    given = [
        (name, right)
        for name in OPT_OUTS
        if jurisdiction and (right := jurisdiction.rights.get(name)) and right.status == "yes"  # type: ignore[call-overload]  # names are RightName literals
    ]
    if not given:
        return _msg("rights.opt_outs_none", language)
    names = ", ".join(_msg(f"rights.names.{name}", language) for name, _ in given)
    law = table.laws.get(given[0][1].law or "")
    label = law.label_in(language) if law else _msg("rights.law_unknown", language)
    starts = law.in_force if law else None
    if starts and as_date(starts) > today:
        when = _msg("rights.from_date", language, date=partial_date_text(starts, language))
        return _msg("rights.opt_outs_from", language, rights=names, law=label, when=when)
    return _msg("rights.opt_outs", language, rights=names, law=label)


def rights_text(
    table: Jurisdictions,
    jurisdiction: Jurisdiction | None,
    language: str,
    authority: str | None = None,
    today: date | None = None,
) -> RightsText:
    """The placeholder values for a jurisdiction (None: the place is not known yet)."""
    j = jurisdiction
    objection = j.rights.get("object_ai_training") if j else None
    status = objection.status if objection else "unknown"
    controller = j.controller.entity if j and j.controller and j.controller.entity else None
    extra = table.authorities.get(j.authority or "") if j else None
    authority = authority or (extra.name_in(language) if extra else None)
    values = {
        "objection_law": citation(table, objection, language),
        "objection_status": _msg(f"rights.objection.{status}", language),
        "controller": controller or _msg("rights.controller_unknown", language),
        "authority": authority or _msg("rights.authority_unknown", language),
        "respond_deadline": deadline(table, j.deadlines.get("respond") if j else None, language),
        "opt_out_deadline": deadline(table, j.deadlines.get("opt_out") if j else None, language),
        "state_opt_outs": opt_outs(table, j, language, today or date.today()),
    }
    return RightsText(values)


def placeholder_names() -> frozenset[str]:
    """The names a card or checklist text may use (for `kb check`)."""
    return frozenset(rights_text(Jurisdictions.empty(), None, "en").values)
