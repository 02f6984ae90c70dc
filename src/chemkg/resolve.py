"""Identity resolution: from what a user typed (CAS, EC, InChIKey, a name in en or nl, an
abbreviation, a misspelling) to the substance or group it means, with how sure we are.

Shared by ``chemkg lookup``, batch lookup, search and the web pages' "did you mean".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from chemkg import name_scores
from chemkg.holdings import HeldList, absence, held_lists
from chemkg.identity import cas_error, ec_error, looks_like_cas, looks_like_ec, looks_like_inchikey
from chemkg.name_guard import chemical_difference
from chemkg.name_index import TrigramIndex
from chemkg.store import GraphStore

FUZZY_ACCEPT = 85.0  # a fuzzy score at or above this resolves; below it we only suggest
FUZZY_PLAIN_ACCEPT = 80.0  # ...and the plain edit-distance ratio must agree
SUGGEST_MIN = 65.0
SHORTLIST = 60  # names sharing most trigrams with the query: the only ones scored with the weighted ratio
IDENTIFIER_KINDS = ("cas", "ec", "inchikey")
DASHES = re.compile(r"[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# "CAS 50-00-0", "CAS-nr. 50-00-0", "EC no. 200-001-8", "EG-nummer 200-001-8", "InChIKey=…"
ID_PREFIX = re.compile(
    r"^(?:cas(?:[\s-]*(?:rn|no|nr|number|nummer|registry number))?|e[cg](?:[\s-]*(?:no|nr|number|nummer))?|inchikey)"
    r"\s*[.:=#]?\s*(?=\d|[A-Za-z]{14}-)",
    re.IGNORECASE,
)
DIGITS_ONLY_CAS = re.compile(r"^\d{5,10}$")
# "Organic cyanides (nitriles)": the name before a trailing parenthesis is a name too, when no other entity has it.
NAME_BEFORE_PARENTHESIS = re.compile(r"^(.{4,}?)\s+\([^()]*\)$")
NEVER_FUZZY_KINDS = ("abbreviation", *("cas", "ec", "inchikey"))  # one letter of PFOA/PFOS is another substance


def normalise(text: str) -> str:
    """Case-, accent-, dash- and space-insensitive form of a name."""
    if text.isascii():  # no accent or Unicode dash to undo: a long name took ~0.1 ms a character at a time
        return " ".join(text.casefold().split())
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = DASHES.sub("-", text)
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    label_nl: str
    is_group: bool


@dataclass(frozen=True)
class Suggestion:
    iri: str
    label: str
    score: float
    matched: str
    differs: str | None = None  # why the suggestion may be a different chemical from what was typed


@dataclass
class Resolution:
    """The outcome for one input: ``status`` is resolved, fuzzy, invalid or unresolved."""

    query: str
    status: str
    match_type: str | None = None
    entity: Entity | None = None
    confidence: float = 0.0
    matched: str | None = None
    message: str | None = None
    suggestions: list[Suggestion] = field(default_factory=list)
    also: list[Entity] = field(default_factory=list)
    members: list[Entity] = field(default_factory=list)


class Resolver:
    """An in-memory index of every name and identifier, built once from the store.

    Building it reads two queries (well under a second); resolving is pure Python, so a batch of
    thousands of rows costs no further store access.
    """

    def __init__(
        self,
        rows: list[dict[str, str]],
        memberships: list[dict[str, str]] | None = None,
        held: list[HeldList] | None = None,
    ) -> None:
        self.held = held or []
        self.entities: dict[str, Entity] = {}
        self.exact: dict[str, list[tuple[str, str, str]]] = defaultdict(list)  # norm → (iri, kind, value)
        for row in rows:
            iri = row["entity"]
            if iri not in self.entities:
                self.entities[iri] = Entity(
                    iri,
                    row["label"],
                    row.get("labelNl") or row["label"],
                    row["type"].endswith("SubstanceGroup"),
                )
            key = normalise(row["value"]) if row["kind"] not in IDENTIFIER_KINDS else row["value"].strip().upper()
            entry = (iri, row["kind"], row["value"])
            if entry not in self.exact[key]:
                self.exact[key].append(entry)
        self._add_names_before_parentheses(rows)
        self.names = [k for k, entries in self.exact.items() if any(e[1] not in IDENTIFIER_KINDS for e in entries)]
        self.name_index = TrigramIndex(self.names)
        self.group_members: dict[str, list[str]] = defaultdict(list)
        for m in memberships or []:
            if m["member"] in self.entities and m["member"] not in self.group_members[m["group"]]:
                self.group_members[m["group"]].append(m["member"])

    def _add_names_before_parentheses(self, rows: list[dict[str, str]]) -> None:
        bases: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for row in rows:
            match = NAME_BEFORE_PARENTHESIS.match(row["value"].strip()) if row["kind"] == "name" else None
            if match:
                bases[normalise(match.group(1))].add((row["entity"], match.group(1)))
        for key, found in bases.items():
            if key not in self.exact and len({iri for iri, _ in found}) == 1:
                iri, value = sorted(found)[0]
                self.exact[key].append((iri, "name", value))

    @classmethod
    def from_store(cls, store: GraphStore) -> Resolver:
        return cls(store.rows("entity-names"), store.rows("entity-members"), held_lists(store))

    @cached_property
    def labels(self) -> dict[str, tuple[str, str]]:
        """Every entity's English and Dutch label by IRI, made once (briefs name the groups and lists they cite)."""
        return {e.iri: (e.label, e.label_nl) for e in self.entities.values()}

    def members_of(self, iri: str) -> list[Entity]:
        """Every member of a group, through subgroups too, sorted by label; empty for a substance."""
        return sorted((self.entities[m] for m in self.group_members.get(iri, [])), key=lambda e: e.label.casefold())

    def resolve(self, text: str, members: bool = False) -> Resolution:
        """What ``text`` names; with ``members``, a group's resolution also lists its members."""
        resolution = self._resolve(text)
        if members and resolution.entity is not None and resolution.entity.is_group:
            resolution.members = self.members_of(resolution.entity.iri)
        return resolution

    def _resolve(self, text: str) -> Resolution:
        query = DASHES.sub("-", text).strip()
        if not query:
            return Resolution(text, "invalid", message="empty input: give a CAS or EC number, an InChIKey or a name")
        found = self.resolve_identifier(query)
        if found is not None:
            return found
        hits = self.exact.get(normalise(query))
        if hits:
            return self._found(query, hits, confidence=1.0)
        return self._fuzzy(query)

    def resolve_identifier(self, text: str) -> Resolution | None:
        """What ``text`` names when it is shaped like a CAS or EC number or an InChIKey; ``None`` for
        anything else, without the fuzzy name search that :meth:`resolve` would run (search asks this
        of every query)."""
        query = DASHES.sub("-", text).strip()
        bare = ID_PREFIX.sub("", query)
        if looks_like_cas(bare):
            return self._identifier(bare, "cas", cas_error(bare))
        if looks_like_ec(bare):
            return self._identifier(bare, "ec", ec_error(bare))
        if looks_like_inchikey(bare.upper()):
            return self._identifier(bare.upper(), "inchikey", None)
        if DIGITS_ONLY_CAS.match(bare):
            # CAS numbers exported without dashes (355464): accept when the checksum holds.
            dashed = f"{bare[:-3]}-{bare[-3:-1]}-{bare[-1]}"
            if cas_error(dashed) is None:
                return self._identifier(dashed, "cas", None)
        return None

    def _identifier(self, value: str, kind: str, error: str | None) -> Resolution:
        if error:
            return Resolution(value, "invalid", match_type=kind, message=error)
        hits = [h for h in self.exact.get(value.upper(), []) if h[1] == kind]
        if hits:
            return self._found(value, hits, confidence=1.0)
        return Resolution(
            value, "unresolved", match_type=kind, message=f"{_KIND_NAMES[kind]} {value} is {absence(self.held)}"
        )

    def _found(self, query: str, hits: list[tuple[str, str, str]], confidence: float) -> Resolution:
        # Prefer a single substance over a group when one name or number names both.
        ranked = sorted({h[0]: h for h in hits}.values(), key=lambda h: (self.entities[h[0]].is_group, h[0]))
        best = ranked[0]
        status = "resolved" if confidence >= 1.0 else "fuzzy"
        return Resolution(
            query,
            status,
            match_type=best[1],
            entity=self.entities[best[0]],
            confidence=confidence,
            matched=best[2],
            also=[self.entities[h[0]] for h in ranked[1:]],
        )

    def suggest(self, text: str, limit: int = 5) -> list[Suggestion]:
        """The closest names (en, nl, synonyms, abbreviations), best first, one per entity."""

        query = normalise(text)
        if not query or not self.names:
            return []
        # A fast first pass (trigram overlap) keeps the weighted ratio to a shortlist; the ratio stops early on
        # a name that cannot reach the score the suggestions need (see name_scores: most of the shortlist falls below).
        shortlist = self.name_index.closest(query, SHORTLIST)
        found = self._scores(query, shortlist, limit)
        scored = sorted(((score, name) for name, score in found), key=lambda x: (-x[0], x[1]))
        out: list[Suggestion] = []
        seen: set[str] = set()
        for score, name in scored:
            if score < SUGGEST_MIN or len(out) >= limit:
                break
            for iri, kind, value in self.exact[name]:
                if iri not in seen:
                    seen.add(iri)
                    differs = (
                        "an abbreviation or identifier, matched only exactly"
                        if kind in NEVER_FUZZY_KINDS
                        else chemical_difference(query, name)
                    )
                    out.append(Suggestion(iri, self.entities[iri].label, round(score, 1), value, differs))
        return out[:limit]

    def _scores(self, query: str, shortlist: list[str], limit: int) -> list[tuple[str, float]]:
        """Each name's weighted ratio (RapidFuzz ``WRatio``) with ``query``, for the names that could be shown.

        The entities of the names with the best floors (name_scores) fill the ``limit`` suggestions at that
        floor, so a name scoring less cannot be shown; the names whose floor is their score are not scored again."""
        from rapidfuzz import fuzz, process

        if not shortlist:
            return []
        bounds = name_scores.floors(query, shortlist)
        cutoff = SUGGEST_MIN
        seen: set[str] = set()
        for at in sorted(range(len(shortlist)), key=lambda i: -bounds[i].score):
            if bounds[at].score < SUGGEST_MIN:
                break
            seen.update(iri for iri, _, _ in self.exact[shortlist[at]])
            if len(seen) >= limit:
                cutoff = max(SUGGEST_MIN, bounds[at].score - name_scores.SLACK)
                break
        known = [(name, b.score) for name, b in zip(shortlist, bounds, strict=True) if b.exact and b.score >= cutoff]
        rest = [name for name, b in zip(shortlist, bounds, strict=True) if not b.exact]
        found = process.extract(query, rest, scorer=fuzz.WRatio, limit=None, score_cutoff=cutoff)
        return known + [(name, score) for name, score, _ in found]

    def _fuzzy(self, query: str) -> Resolution:
        from rapidfuzz import fuzz

        suggestions = self.suggest(query)
        # Only a typo is forgiven: the closest name that differs in nothing chemical (see name_guard).
        for best in suggestions:
            # WRatio rewards partial matches; require the plain ratio to agree before accepting.
            plain = fuzz.ratio(normalise(query), normalise(best.matched))
            if best.score < FUZZY_ACCEPT:
                break
            if plain >= FUZZY_PLAIN_ACCEPT and best.differs is None:
                resolution = self._found(query, [(best.iri, "fuzzy", best.matched)], confidence=best.score / 100)
                resolution.suggestions = [s for s in suggestions if s is not best]
                return resolution
        # The suggestions themselves are listed by the caller (suggestion_text), once.
        hint = "" if suggestions else "; check the spelling or use a CAS number"
        close = next((s for s in suggestions if s.differs and s.score >= FUZZY_ACCEPT), None)
        if close is not None:
            hint = f"; {close.label!r} is close but may be another chemical ({close.differs})"
        return Resolution(
            query,
            "unresolved",
            message=f"no substance or group named {query!r}{hint}",
            suggestions=suggestions,
        )


def suggestion_text(suggestions: list[Suggestion]) -> str:
    """ "; did you mean: A, B (matched name)", each suggestion once: the name that matched is added only
    when the label does not already show it, and two suggestions that read the same are shown once."""
    shown: list[str] = []
    for s in suggestions:
        text = s.label if s.matched.casefold() in s.label.casefold() else f"{s.label} ({s.matched})"
        if text not in shown:
            shown.append(text)
    return "; did you mean: " + ", ".join(shown) if shown else ""


_KIND_NAMES = {"cas": "CAS", "ec": "EC", "inchikey": "InChIKey"}
