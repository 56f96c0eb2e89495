"""Pydantic models of the knowledge files.

Language-neutral facts (ids, scope, sources, dates) sit at the top of each record; everything a
user reads sits under a language key (`en`, later `de`, `fr`…) so a translation is a data change.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from bot.i18n import fell_back
from bot.vocabulary import ALL, DEFAULT_LANGUAGE, Account, Confidence, Goal, Platform, Region

if TYPE_CHECKING:
    from bot.knowledge.jurisdictions import Jurisdiction

PlatformOrAll = Platform | Literal["all"]
RegionOrAll = Region | Literal["all"]


class Strict(BaseModel):
    # defer_build: a start that loads the records from the build cache never validates, and
    # building every validator at import was ~60 ms of each `optout-bot ask` (bot/cache.py)
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# Meta's own help or policy, a regulator, a court or the law: what `confirmed` needs.
PRIMARY_KINDS: frozenset[str] = frozenset({"official", "regulator", "court", "law"})
# YYYY, YYYY-MM or YYYY-MM-DD: as precise as the evidence, no more.
EVIDENCE_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class Source(Strict):
    """Where a fact comes from. `guide` is the guide the product was first built from.

    `published` is when the source itself appeared; `read` is when its content was last read
    for this card. Neither is an editing date: users see the newest `published`.
    """

    title: str
    kind: Literal["guide", "official", "regulator", "court", "law", "press", "factcheck", "dataset"]
    url: HttpUrl | None = None
    published: str | None = Field(None, pattern=EVIDENCE_DATE)
    read: str | None = Field(None, pattern=EVIDENCE_DATE)
    second_hand: bool = False

    @field_validator("published", "read", mode="before")
    @classmethod
    def _date_as_text(cls, value: object) -> object:
        return value.isoformat() if isinstance(value, date) else value

    @property
    def primary(self) -> bool:
        return self.kind in PRIMARY_KINDS and not self.second_hand

    @model_validator(mode="after")
    def _url_unless_guide(self) -> Source:
        if self.kind != "guide" and self.url is None:
            raise ValueError(f"source {self.title!r} needs a url")
        return self


def newest_date(dates: Iterable[str | None]) -> str | None:
    known = [d for d in dates if d]
    return max(known, key=lambda d: (d + "-00-00")[:10]) if known else None


def as_date(evidence_date: str) -> date:
    """The first day a partial date (YYYY or YYYY-MM) can mean."""
    return date.fromisoformat((evidence_date + "-01-01")[:10])


MenuPath = list[str]


def _gather_languages(model: type[BaseModel], data: object) -> object:
    """Language blocks (`en:`, `de:` …) sit beside the facts; gather them under `texts`."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    texts = dict(data.pop("texts", None) or {})
    for key in list(data):
        if (
            isinstance(key, str)
            and len(key) == 2
            and key.isalpha()
            and key.islower()
            and key not in model.model_fields
        ):
            texts[key] = data.pop(key)
    data["texts"] = texts
    return data


class PerLanguage(Strict):
    """A record whose user-facing texts sit under language keys (`en:`, `de:` …)."""

    @model_validator(mode="before")
    @classmethod
    def _collect_languages(cls, data: object) -> object:
        return _gather_languages(cls, data)

    def in_language(self, language: str) -> Any:
        """The texts in `language`, else English (noted: the reply says a part is in English)."""
        texts: dict[str, Any] = self.__dict__["texts"]  # each subclass declares its own type
        if language in texts:
            return texts[language]
        fell_back(f"{type(self).__name__}:{language}")
        return texts[DEFAULT_LANGUAGE]


def _per_platform(value: object) -> object:
    """Accept a single path (applies to every platform of the card) or a platform → path map."""
    if isinstance(value, list):
        return {ALL: value} if value else {}
    return value


class CardText(Strict):
    """What the user reads, in one language."""

    title: str
    # One sentence that answers the question the card is for ("No — deleting your account does
    # not …"): the first thing an answer says. Required in English (`Card`); a translation
    # without it leads with its own title instead, so no English is mixed into its answer.
    answer: str | None = Field(None, min_length=10, max_length=300)
    summary: str
    path: dict[PlatformOrAll, MenuPath] = Field(default_factory=dict)
    guide_path: dict[PlatformOrAll, MenuPath] = Field(default_factory=dict)
    guide_note: str | None = None
    steps: list[str] = Field(default_factory=list)
    caveats: list[str] = Field(default_factory=list)
    does_not: list[str] = Field(default_factory=list)
    examples: list[str] = Field(default_factory=list)

    _split_paths = field_validator("path", "guide_path", mode="before")(
        lambda cls, v: _per_platform(v)
    )

    def path_for(self, platform: Platform | None) -> MenuPath:
        return _pick(self.path, platform)

    def readable(self) -> list[str]:
        """Every line of this text a user can read (not the example questions, not paths)."""
        return [
            self.title,
            self.answer or "",
            self.summary,
            self.guide_note or "",
            *self.steps,
            *self.caveats,
            *self.does_not,
        ]

    def guide_path_for(self, platform: Platform | None) -> MenuPath:
        return _pick(self.guide_path, platform)


def _pick(paths: dict[PlatformOrAll, MenuPath], platform: Platform | None) -> MenuPath:
    if platform is not None and platform in paths:
        return paths[platform]
    if ALL in paths:
        return paths[ALL]
    if platform is None and len(paths) == 1:
        return next(iter(paths.values()))
    return []


def _everywhere() -> list[RegionOrAll]:
    return [ALL]


RightStatus = Literal["yes", "no", "unknown"]
Route = Literal["meta_form", "meta_privacy_webform", "email", "none", "unknown"]
# right name (jurisdictions.RightName) → the statuses the user's jurisdiction must have.
RightsCondition = dict[str, list[RightStatus]]
# right name → the ways of using it (jurisdictions.Right.route) the card's steps describe.
RoutesCondition = dict[str, list[Route]]


def _right_names(value: dict[str, list[str]]) -> dict[str, list[str]]:
    """Only rights the jurisdiction table knows (imported late: the table imports this module)."""
    from bot.knowledge.jurisdictions import RightName

    unknown = sorted(set(value) - set(get_args(RightName)))
    if unknown:
        raise ValueError(f"unknown right(s) {unknown}; known: {', '.join(get_args(RightName))}")
    return value


def rights_fit(
    condition: RightsCondition, jurisdiction: Jurisdiction | None, today: date | None = None
) -> bool:
    """Whether the user's jurisdiction has each right in one of the required statuses. A right
    the table does not list counts as `unknown`, a right of a law not yet in force on `today`
    as `no` (Oklahoma's from 2027); an unknown place keeps every variant (like an unknown
    region), so the answer can say what differs."""
    if not condition or jurisdiction is None:
        return True
    starts = {law.id: law.in_force for law in jurisdiction.laws}
    for name, statuses in condition.items():
        right = jurisdiction.rights.get(name)  # type: ignore[call-overload]  # str key on a Literal-keyed dict
        status = right.status if right else "unknown"
        start = starts.get(right.law) if right and right.law else None
        if status == "yes" and start and as_date(start) > (today or date.today()):
            status = "no"
        if status not in statuses:
            return False
    return True


def routes_fit(condition: RoutesCondition, jurisdiction: Jurisdiction | None) -> bool:
    """Whether each right is used the way the card describes (a route not given is unknown)."""
    if not condition or jurisdiction is None:
        return True
    for name, routes in condition.items():
        right = jurisdiction.rights.get(name)  # type: ignore[call-overload]  # str key on a Literal-keyed dict
        if ((right.route if right else None) or "unknown") not in routes:
            return False
    return True


class Card(PerLanguage):
    """One answer: a goal for some platforms, regions and account types."""

    id: str = Field(pattern=r"^[a-z0-9_.-]+$")
    goal: Goal
    platforms: list[PlatformOrAll] = Field(min_length=1)
    regions: list[RegionOrAll] = Field(default_factory=_everywhere, min_length=1)
    accounts: list[Account] = Field(default_factory=lambda: list(Account), min_length=1)
    # The user's rights this card is for, e.g. {object_ai_training: [yes]}: from the
    # jurisdiction table, so a country's answer follows its law, not its region bucket.
    rights: RightsCondition = Field(default_factory=dict)
    routes: RoutesCondition = Field(default_factory=dict)
    confidence: Confidence
    not_applicable: bool = False
    sources: list[Source] = Field(default_factory=list)
    related: list[Goal] = Field(default_factory=list)
    texts: dict[str, CardText] = Field(default_factory=dict)

    def covers_platform(self, platform: Platform) -> bool:
        return ALL in self.platforms or platform in self.platforms

    def covers_region(self, region: Region) -> bool:
        return ALL in self.regions or region in self.regions

    def covers_account(self, account: Account) -> bool:
        return account in self.accounts

    def covers_rights(self, jurisdiction: Jurisdiction | None, today: date | None = None) -> bool:
        return rights_fit(self.rights, jurisdiction, today) and routes_fit(
            self.routes, jurisdiction
        )

    _known_rights = field_validator("rights", "routes")(lambda cls, v: _right_names(v))

    def text(self, language: str) -> CardText:
        text: CardText = self.in_language(language)
        return text

    @model_validator(mode="after")
    def _answer_in_english(self) -> Card:
        english = self.texts.get(DEFAULT_LANGUAGE)
        if english is not None and english.answer is None:
            raise ValueError("the English text needs an `answer`: one sentence that answers")
        return self

    @property
    def evidence_as_of(self) -> str | None:
        """The newest publication date among the sources (the guide excluded): the date users
        see. Partial dates compare as the start of their period."""
        return newest_date(s.published for s in self.sources if s.kind != "guide")

    @property
    def has_primary_source(self) -> bool:
        return any(s.primary for s in self.sources)

    @property
    def platform_specific(self) -> bool:
        return ALL not in self.platforms

    @property
    def region_specific(self) -> bool:
        return ALL not in self.regions

    @property
    def rights_specific(self) -> bool:
        return bool(self.rights or self.routes)

    @property
    def specificity(self) -> tuple[int, int, int, int]:
        """How closely the card fits, most telling first: the user's app; the user's rights
        (the law decides, not the region bucket); the region (facts true only there, such as
        an EU date); fewer account types. Equal values are sub-topics the question picks."""
        return (
            int(self.platform_specific),
            int(self.rights_specific),
            int(self.region_specific),
            -len(self.accounts),
        )


class CardFile(Strict):
    cards: list[Card]


class Asked(BaseModel):
    """A question people asked, labelled with the goal it is about (None: not ours). The sets
    carry more fields for the benchmarks (platform, region, kind …); only these two are read."""

    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)
    text: str = Field(min_length=1)
    goal: Goal | None
    # not ours because it names another company (set on loading from the lexicons' lists): it
    # says nothing about the same question asked of Meta (bot/semantic.py `Sense`)
    names_another: bool = False


class Names(Strict):
    """A display name per language."""

    name: str
    short: str | None = None


class GoalInfo(Strict):
    texts: dict[str, Names]

    @model_validator(mode="before")
    @classmethod
    def _collect(cls, data: object) -> object:
        if isinstance(data, dict) and "texts" not in data:
            return {"texts": data}
        return data


class PlatformInfo(PerLanguage):
    aliases: list[str] = Field(default_factory=list)
    emoji: list[str] = Field(default_factory=list)
    texts: dict[str, Names] = Field(default_factory=dict)


class Claim(Strict):
    """One claim of the seed guide (in our words) and the cards that make it reachable.

    `keywords` must all appear in the text of at least one of `cards`: `kb check` proves each
    claim is actually answered, not just pointed at.
    """

    id: str
    claim: str
    cards: list[str] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list)
    status: Literal["current", "corrected", "not_found", "guide_view"] = "current"


class Title(Strict):
    title: str


class ChecklistItem(PerLanguage):
    """One step of the personal checklist; who it is for, how long it takes, what it opens."""

    id: str = Field(pattern=r"^[a-z0-9]{1,12}$")
    goal: Goal
    minutes: int = Field(ge=1, le=240)
    regions: list[Region] | None = None
    platforms: list[Platform] | None = None
    accounts: list[Account] | None = None
    needs_state_law: bool = False
    rights: RightsCondition = Field(default_factory=dict)  # as on cards
    routes: RoutesCondition = Field(default_factory=dict)  # as on cards
    actions: list[str] = Field(default_factory=list)
    texts: dict[str, Title] = Field(default_factory=dict)

    _known_rights = field_validator("rights", "routes")(lambda cls, v: _right_names(v))

    def title(self, language: str) -> str:
        return str(self.in_language(language).title)


class ChecklistFile(Strict):
    items: list[ChecklistItem]
    # The goals offered as buttons by /start and when onboarding is done: where to begin.
    start: list[Goal] = Field(default_factory=list)


class LetterText(Strict):
    """What the user reads, in one language. `parts`: named sentences the bot picks by data
    (a right the jurisdiction gives, a deadline known or not, an entity as evidenced …) and fills
    in — never English assembled in code. Which names exist: see `bot.knowledge.templates`."""

    title: str
    how: str
    text: str
    button: str  # the label of the button that offers the letter
    parts: dict[str, str] = Field(default_factory=dict)


class DeadlineRule(Strict):
    """Which legal deadline answers a kind of request: the jurisdiction's `deadlines[deadline]`,
    but only where its law is listed in `laws` (a law whose period covers this request, not
    only access requests). Elsewhere no legal deadline is known."""

    deadline: Literal["respond", "opt_out"]
    laws: list[str] = Field(min_length=1)


class Letter(PerLanguage):
    """A text to copy: an objection, an opt-out request or a complaint.

    Where it applies is read from the jurisdiction table: `rights` (the jurisdiction gives at
    least one of them, status yes), `only_in` / `not_in` (jurisdiction or country codes) and,
    optionally, `regions` (the derived grouping). What it needs and what follows are data too:
    `needs_state_in` (countries where the user's state decides the law or the authority),
    `shows` (the settings path of `card`, or the authorities to send it to), `written_in`,
    `deadline` (a key of `deadlines`) and `then` (actions offered under it, e.g.
    `remind:objection`).
    """

    rights: list[str] = Field(min_length=1)
    only_in: list[str] = Field(default_factory=list)
    not_in: list[str] = Field(default_factory=list)
    regions: list[Region] | None = None
    card: str | dict[Region, str] | None = None
    deadline: str | None = None
    sources: list[Source] = Field(min_length=1)
    needs_state_in: list[str] = Field(default_factory=list)
    shows: Literal["path", "authorities"] = "path"
    # "authority": the text to copy is in the language the authority works in (a complaint to a
    # German authority in German, to the CNIL in French), where the bot has the letter in it.
    written_in: Literal["reader", "authority"] = "reader"
    then: list[str] = Field(default_factory=list)
    texts: dict[str, LetterText] = Field(default_factory=dict)

    def card_for(self, region: Region) -> str:
        if self.card is None:
            return ""
        return self.card if isinstance(self.card, str) else self.card.get(region, "")

    def text(self, language: str) -> LetterText:
        text: LetterText = self.in_language(language)
        return text


class Offer(Strict):
    """Buttons offered under an answer of `goal` (for some regions)."""

    goal: Goal
    regions: list[Region] | None = None
    actions: list[str] = Field(min_length=1)


class ReminderRule(Strict):
    """When a reminder falls due and, for one that `asks_outcome` (how did Meta answer?), what
    follows: the answer to show when Meta declined (`on_decline`), the actions run then and
    offered while there is no answer yet (`then`), the reminder "ask me later" sets (`again`).
    """

    months: int = Field(0, ge=0, le=24)
    days: int = Field(0, ge=0, le=730)
    # A key of `deadlines`: the jurisdiction's legal deadline sets the date where one is known;
    # months/days are then only the default where none is.
    deadline: str | None = None
    asks_outcome: bool = False
    on_decline: Goal | None = None
    then: list[str] = Field(default_factory=list)
    again: str | None = None


class ReminderOffer(Strict):
    """A "remind me" button (`remind:<name>`): the reminders it sets, for whom, and the
    checklist item it marks done. Its label and confirmation are `reminders.button_<name>` and
    `reminders.<name>_set` in the message catalogue."""

    regions: list[Region] | None = None
    rights: list[str] = Field(default_factory=list)  # the jurisdiction gives one of them
    starts: list[str] = Field(min_length=1)
    marks_done: str | None = None


class LettersFile(Strict):
    letters: dict[str, Letter]
    offers: list[Offer] = Field(default_factory=list)
    reminders: dict[str, ReminderRule] = Field(default_factory=dict)
    remind: dict[str, ReminderOffer] = Field(default_factory=dict)
    deadlines: dict[str, DeadlineRule] = Field(default_factory=dict)
    # What to offer where no law gives a right to object (no letter fits the region).
    without_a_right: list[Goal] = Field(default_factory=list)


class StateLaw(Strict):
    since: str = Field(pattern=r"^\d{4}-\d{2}$")
    note: str | None = None


class StatesFile(Strict):
    sources: list[Source] = Field(min_length=1)
    last_verified: date
    states: dict[str, StateLaw]
