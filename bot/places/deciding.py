"""Combining the mentions of one text into one place (or None when they disagree): which reading
of an ambiguous name, which of several places is where the person lives."""

from __future__ import annotations

from bot.places.place import Place
from bot.places.regions import Regions
from bot.places.scanning import Mention, ReadingRules
from bot.places.tokens import Token

Reading = tuple[Place, Mention]


class Decider:
    def __init__(self, regions: Regions, rules: ReadingRules) -> None:
        self._regions = regions
        self._rules = rules

    def decide(self, mentions: list[Mention], tokens: list[Token], answer: bool) -> Place | None:
        """The one place the mentions agree on; a lower-case code or a far-away subdivision
        counts only when nothing else is said."""
        if not mentions:
            return None
        rules = self._rules
        covered = {i for m in mentions for i in range(m.start, m.end)}
        all_covered = all(
            i in covered or t.norm in rules.fillers or not t.raw[:1].isalpha()
            for i, t in enumerate(tokens)
        )
        strict = [m for m in mentions if not m.lenient and not m.whole_only]
        kept: list[Mention] = list(strict)
        for m in mentions:
            # a lower-case code or a far-away subdivision counts only when nothing else is said
            only_thing = not strict and all_covered
            if (m.lenient and (only_thing or self._alone(tokens, m))) or (
                m.whole_only and only_thing
            ):
                kept.append(m)
        if not kept:
            return None
        kept.sort(key=lambda m: m.start)
        chosen = self._choose(kept, tokens, answer)
        if not chosen:
            return None
        with_country = [(p, m) for p, m in chosen if p.country is not None]
        if not with_country:
            regions = {p for p, _ in chosen}
            if len(regions) == 1:
                return regions.pop()
            return self._by_residence(chosen, tokens)
        return self._one_country(with_country, tokens, strict)

    def _choose(self, kept: list[Mention], tokens: list[Token], answer: bool) -> list[Reading]:
        """One place per mention: the US reading when the text points to the US, else one in a
        country named elsewhere in the text, else the index's first."""
        rules = self._rules
        # words pointing to the US ("Georgia, USA"), each counted for the other mentions only:
        # "usa" needs a capital inside a question, so the Portuguese/Spanish/Italian verb ("a
        # meta usa minhas fotos") must not be its own US context
        pointers = [
            i
            for i, t in enumerate(tokens)
            if t.norm in rules.us_context and (answer or len(t.norm) > 2 or t.raw.isupper())
        ]
        sure_us = [
            m
            for m in kept
            if not m.conditional
            and all(e.place is not None and e.place.country == "US" for e in m.entries)
        ]

        guarded = [(o.start, o.end) for o in kept if o.conditional]

        def us_context(m: Mention) -> bool:
            # a "usa" that itself needs context cannot give it to another such ("usa usa")
            the_us = all(e.place is not None and e.place.code == "US" for e in m.entries)
            return any(
                not m.start <= i < m.end and not (the_us and any(a <= i < b for a, b in guarded))
                for i in pointers
            ) or any(other is not m for other in sure_us)

        fixed = {
            m.entries[0].place.country for m in kept if len(m.entries) == 1 and m.entries[0].place
        }
        chosen: list[Reading] = []
        for m in kept:
            alts = [
                e.place
                for j, e in enumerate(m.entries)
                if e.place is not None and (j not in m.conditional or us_context(m))
            ]
            if not alts:
                continue
            pick = alts[0]
            if len(alts) > 1:
                us = [p for p in alts if p.country == "US"]
                same = [p for p in alts if p.country in fixed]
                if us and us_context(m):
                    pick = us[0]
                elif same:
                    pick = same[0]
            chosen.append((pick, m))
        return chosen

    def _one_country(
        self, with_country: list[Reading], tokens: list[Token], strict: list[Mention]
    ) -> Place | None:
        """Places in several countries: a territory named with its sovereign state ("Guernsey,
        UK") is the territory; otherwise only the one the person says they live in counts."""
        parents = self._regions.parents
        countries = {p.country for p, _ in with_country if p.country}
        for child in list(countries):
            if parents.get(child) in countries:
                countries.discard(parents[child])
        groups: dict[str, list[Reading]] = {}
        for p, m in with_country:
            country = p.country or ""
            if country in countries:
                groups.setdefault(country, []).append((p, m))
        places = [self._merge(country, items, tokens) for country, items in groups.items()]
        if len(places) == 1:
            return places[0]
        cued = [
            place
            for place, items in zip(places, groups.values(), strict=True)
            if any(self._residence_cue(tokens, m.start) for _, m in items)
        ]
        return cued[0] if len(cued) == 1 else None

    def _merge(self, country: str, items: list[Reading], tokens: list[Token]) -> Place:
        subs = list(dict.fromkeys(p for p, _ in items if p.subdivision is not None))
        if len(subs) == 1:
            return subs[0]
        if len(subs) > 1:
            picked = self._by_residence([(p, m) for p, m in items if p.subdivision], tokens)
            if picked is not None:
                return picked
        if country in self._regions.countries:
            return self._regions.country_place(country)
        return items[0][0]

    def _by_residence(self, items: list[Reading], tokens: list[Token]) -> Place | None:
        cued = list(dict.fromkeys(p for p, m in items if self._residence_cue(tokens, m.start)))
        return cued[0] if len(cued) == 1 else None

    def _residence_cue(self, tokens: list[Token], start: int) -> bool:
        """ "live in X", "I'm in X", "moved to X", "ich wohne in X": X is where they live."""
        rules = self._rules
        j = start - 1
        if j >= 0 and tokens[j].norm in rules.articles:
            j -= 1
        if j < 0 or tokens[j].norm not in rules.residence_prepositions:
            return False
        return any(k >= 0 and tokens[k].norm in rules.residence_words for k in (j - 1, j - 2))

    @staticmethod
    def _alone(tokens: list[Token], m: Mention) -> bool:
        """The mention is a whole comma-separated part of the answer ("Austin, tx")."""
        after_ok = m.end >= len(tokens) or tokens[m.end].sep_before
        return tokens[m.start].sep_before and after_ok
