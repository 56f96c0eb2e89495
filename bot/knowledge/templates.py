"""Letters filled from the jurisdiction table: where a letter applies and the values its
templates ask for.

Here rather than in `bot.actions.letters` so that `kb check` can render every letter for every
jurisdiction without importing the conversation code (which imports the knowledge base: a
cycle). Every sentence is a template in letters.yaml (`parts`) or the message catalogue; this
module only picks templates by data and fills in values (law labels, articles, dates, names).

The named parts a letter may have (`LetterText.parts`):
- `right_<right>`: its line in `{rights}` where the jurisdiction gives that right (with
  `{article}` and `{law}` of that right); `later` wraps a line whose right applies only from a
  future date (`{since}`, `{line}`), so the text never claims a right before it is in force;
- `lacks_<right>`, `note_<right>`: added to the how-to text where the right is absent (status no)
  or given;
- `route_<route>`: the how-to text where the right is taken in another way than `how` assumes;
- `entity_unknown`, `entity_reported`: added to the how-to text where the table does not know
  the controller, or knows it only from reports;
- `deadline_known`, `deadline_unknown`: `{deadline}`, by whether a legal deadline is known;
- `law_in_force`, `law_from`: `{law_status}`, by whether the law applies yet.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from datetime import date

from bot.i18n import catalogue, date_text, partial_date_text
from bot.knowledge.jurisdictions import Deadline, Jurisdiction, Jurisdictions, Law, Right
from bot.knowledge.models import DeadlineRule, Letter, LetterText, as_date
from bot.vocabulary import DEFAULT_LANGUAGE, Region

# What the bot may fill in; anything else in {braces} is a data error (kb check reports it).
FIELDS = frozenset(
    {
        "today",
        "country",
        "state",
        "controller",
        "law",
        "law_of",
        "law_name",
        "law_status",
        "in_force",
        "article",
        "since",
        "rights",
        "line",
        "deadline",
        "deadline_law",
        "deadline_law_of",
        "deadline_article",
        "period",
    }
)


def placeholders(text: str) -> set[str]:
    """The {names} a template asks for."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def fill(template: str, values: dict[str, str]) -> str:
    """The template with its placeholders filled; one the values lack stays empty (kb check
    reports every such placeholder for every jurisdiction a letter applies to)."""
    return template.format_map({k: values.get(k, "") for k in placeholders(template)})


def locate(
    table: Jurisdictions, country: str | None, subdivision: str | None
) -> tuple[str, Jurisdiction] | None:
    """The jurisdiction code and entry for a place (a US state's own, else its country's)."""
    for code in (subdivision, country):
        if code and code in table.by_code:
            return code, table.by_code[code]
    return None


def given(j: Jurisdiction, right: str) -> Right | None:
    found = j.rights.get(right)  # type: ignore[call-overload]  # names are checked by kb check
    return found if found is not None and found.status == "yes" else None


def applies(letter: Letter, code: str, j: Jurisdiction, region: Region | None) -> bool:
    """Whether the letter is for this jurisdiction: one of its rights is given there."""
    places = {code, code.split("-")[0]}
    if letter.regions is not None and region not in letter.regions:
        return False
    if letter.only_in and not places & set(letter.only_in):
        return False
    if places & set(letter.not_in):
        return False
    return any(given(j, right) for right in letter.rights)


# The table's article forms a language writes its own way: "Art. 21(1)", "Art. 30(2)(b)",
# "Art. 12A", Brazil's "Art. 18 § 2" and "Art. 19, II", and lists of them ("Art. 12(3), Art.
# 12A"). Anything else (US "§ 1798.120", "Art. 18, I-II") is cited as the table writes it.
_ARTICLE = re.compile(
    r"^Art\. (?P<number>\d+[A-Z]?)(?:\((?P<paragraph>\d+)\)(?:\((?P<point>[a-z])\))?)?$"
)
_SECTION = re.compile(r"^Art\. (?P<number>\d+) § (?P<paragraph>\d+)$")
_PARTS = re.compile(r", (?=Art\. )")  # a list of articles: "Art. 12(3), Art. 12A"
# Brazil's items of an article ("Art. 19, II": inciso II).
_ITEM = re.compile(r"^Art\. (?P<number>\d+), (?P<item>[IVXL]+)$")
# A section of a common-law statute (Canada, Quebec, India, New Zealand, South Africa: "s. 8(3)"),
# which other languages name by their own word; not an article for `is_article`.
_STATUTE = re.compile(r"^s\. (?P<number>\d+(?:\.\d+)?(?:\(\d+\))?)$")


def citation(article: str | None, language: str = DEFAULT_LANGUAGE) -> str:
    """The provision itself as `language` cites it; the table may explain it after a semicolon
    (for maintainers), which a letter leaves out."""
    return provision((article or "").split(";")[0].strip(), language)


def provision(article: str, language: str) -> str:
    """An article of the table as `language` cites it ("Art. 21(1)" → German "Art. 21 Abs. 1")
    from the catalogue's `citation` patterns; a form they do not cover stays as written."""
    if statute := _STATUTE.match(article):
        return message("citation.statute", language).format(**statute.groupdict())
    parts = [_provision(part, language) for part in _PARTS.split(article)]
    return article if None in parts else ", ".join(p for p in parts if p is not None)


def is_article(article: str) -> bool:
    """Whether every part of a provision is an article the catalogue's patterns write (so a
    sentence may put the article's own noun before it: "selon l'art. 12.3 …"), not a US
    section or a rule of some other instrument."""
    return bool(article) and all(
        _provision(part, DEFAULT_LANGUAGE) is not None for part in _PARTS.split(article)
    )


def law_of(law: Law, language: str) -> str:
    """The law as a citation names it after an article: "du RGPD", "da LGPD", "DSGVO"."""
    return law.of_in(language, message("citation.law_of", language))


def _provision(article: str, language: str) -> str | None:
    if item := _ITEM.match(article):
        return message("citation.item", language).format(**item.groupdict())
    if section := _SECTION.match(article):
        return message("citation.section", language).format(**section.groupdict())
    found = _ARTICLE.match(article)
    if found is None:
        return None
    parts = {k: v for k, v in found.groupdict().items() if v}
    form = "point" if "point" in parts else "paragraph" if "paragraph" in parts else "article"
    return message(f"citation.{form}", language).format(**parts)


def starts(law: Law | None, right: Right) -> str | None:
    """From when a right can be used: the later of its law's start and the right's own."""
    dates = [d for d in (law.in_force if law else None, right.since) if d]
    return max(dates, key=as_date) if dates else None


def legal_deadline(j: Jurisdiction, rule: DeadlineRule | None) -> Deadline | None:
    """The jurisdiction's deadline for this kind of request, where its law covers it."""
    if rule is None:
        return None
    found = j.deadlines.get(rule.deadline)
    return found if found is not None and found.law in rule.laws else None


def message(key: str, language: str) -> str:
    """A catalogue text, not HTML-escaped (letters are plain text), English where untranslated."""
    return catalogue(language).get(key) or catalogue(DEFAULT_LANGUAGE)[key]


def period(deadline: Deadline, language: str) -> str:
    """ "one month", "15 business days" … from the message catalogue."""
    single = deadline.unit == "month" and deadline.days == 1
    key = "letters.period_month_1" if single else f"letters.period_{deadline.unit}"
    return message(key, language).format(days=deadline.days)


@dataclass(frozen=True)
class Filled:
    title: str
    how: str
    text: str
    values: dict[str, str]
    missing: frozenset[str]  # placeholders the table could not fill


@dataclass(frozen=True)
class Context:
    """What a letter is filled from besides the table: the day and the place's names."""

    today: date
    language: str
    country: str
    state: str


def render(
    table: Jurisdictions,
    j: Jurisdiction,
    letter: Letter,
    rules: dict[str, DeadlineRule],
    context: Context,
) -> Filled:
    """The letter's title, how-to text and text for a jurisdiction it applies to."""
    words = letter.text(context.language)
    values, notes, route = _values(table, j, letter, words, rules, context)
    templates = (words.title, words.parts.get(f"route_{route}", words.how), words.text)
    missing = frozenset().union(*(placeholders(t) - values.keys() for t in (*templates, *notes)))
    title, how, text = (fill(t, values) for t in templates)
    how = " ".join([how, *(fill(note, values) for note in notes)])
    return Filled(title, how, text, values, missing)


def _values(
    table: Jurisdictions,
    j: Jurisdiction,
    letter: Letter,
    words: LetterText,
    rules: dict[str, DeadlineRule],
    context: Context,
) -> tuple[dict[str, str], list[str], str]:
    parts = words.parts
    laws = table.laws
    # Cited as the letter's own text is written: English where the letter is not translated.
    language = context.language if context.language in letter.texts else DEFAULT_LANGUAGE
    values = {"today": date_text(context.today, context.language), "country": context.country}
    if context.state:
        values["state"] = context.state
    values["controller"], note = addressee(j, context.language)
    notes = [parts.get(note, "")] if note else []
    lines, lacks, route = [], [], "unknown"
    for name in letter.rights:
        right = given(j, name)
        if right is None:
            absent = j.rights.get(name)  # type: ignore[call-overload]  # checked names
            if absent is not None and absent.status == "no":
                lacks.append(parts.get(f"lacks_{name}", ""))
            continue
        law = laws.get(right.law or "")
        if "law" not in values:  # the first right given names the law the letter relies on
            route = right.route or "unknown"
            values |= _law_values(law, right, language)
            if law is not None and law.in_force:
                later = as_date(law.in_force) > context.today
                values["law_status"] = fill(
                    parts.get("law_from" if later else "law_in_force", ""), values
                )
        notes.append(parts.get(f"note_{name}", ""))
        line = parts.get(f"right_{name}")
        if line is not None:
            label = law.label_in(language) if law else ""
            line = fill(line, {"article": citation(right.article, language), "law": label})
            since = starts(law, right)
            if since and as_date(since) > context.today:
                when = partial_date_text(since, language)
                line = fill(parts.get("later", "{line}"), {"since": when, "line": line})
            lines.append(line)
    values["rights"] = "\n".join(lines)
    deadline = legal_deadline(j, rules.get(letter.deadline or ""))
    if deadline is not None:
        deadline_law = laws.get(deadline.law or "")
        values["deadline_law"] = deadline_law.label_in(language) if deadline_law else ""
        values["deadline_law_of"] = law_of(deadline_law, language) if deadline_law else ""
        values["deadline_article"] = citation(deadline.article, language)
        values["period"] = period(deadline, context.language)
    key = "deadline_known" if deadline is not None else "deadline_unknown"
    values["deadline"] = fill(parts.get(key, ""), values)
    return values, [n for n in lacks + notes if n], route


def addressee(j: Jurisdiction, language: str) -> tuple[str, str | None]:
    """The Meta company a letter names, and the how-to note it needs: the evidenced entity
    (`entity_reported` when only reported); "Meta" and `entity_unknown` where the table does
    not know it or knows it only unconfirmed — never an invented company."""
    controller = j.controller
    if controller is None or not controller.entity or controller.confidence == "unconfirmed":
        return message("letters.meta", language), "entity_unknown"
    return controller.entity, "entity_reported" if controller.confidence == "reported" else None


def _law_values(law: Law | None, right: Right, language: str) -> dict[str, str]:
    """The law a letter relies on, its article and from when it applies."""
    values = {"article": citation(right.article, language)}
    if law is not None:
        values |= {
            "law": law.label_in(language),
            "law_of": law_of(law, language),
            "law_name": law.name,
        }
        if law.in_force:
            values["in_force"] = partial_date_text(law.in_force, language)
    since = starts(law, right)
    if since:
        values["since"] = partial_date_text(since, language)
    return values
