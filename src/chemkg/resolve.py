"""Identity resolution: from what a user typed (CAS, EC, InChIKey, a name in en or nl, an
abbreviation, a misspelling) to the substance or group it means, with how sure we are.

Shared by ``chemkg lookup``, batch lookup, search and the web pages' "did you mean".
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from chemkg.identity import cas_error, ec_error, looks_like_cas, looks_like_ec, looks_like_inchikey
from chemkg.store import run_named

FUZZY_ACCEPT = 85.0  # a fuzzy score at or above this resolves; below it we only suggest
SUGGEST_MIN = 60.0
IDENTIFIER_KINDS = ("cas", "ec", "inchikey")


def normalise(text: str) -> str:
    """Case-, accent-, dash- and space-insensitive form of a name."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[‐-―−]", "-", text)
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

    @property
    def resolved(self) -> bool:
        return self.entity is not None


class Resolver:
    """An in-memory index of every name and identifier, built once from the store."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
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
        self.names = [k for k, entries in self.exact.items() if any(e[1] not in IDENTIFIER_KINDS for e in entries)]

    @classmethod
    def from_store(cls, store: ox.Store) -> Resolver:
        return cls(run_named(store, "entity-names"))

    def resolve(self, text: str) -> Resolution:
        query = text.strip()
        if not query:
            return Resolution(text, "invalid", message="empty input")
        if looks_like_cas(query):
            return self._identifier(query, "cas", cas_error(query))
        if looks_like_ec(query):
            error = ec_error(query)
            # EC and CAS shapes overlap (123-456-7 is both); fall back to CAS when the EC check fails.
            if error and cas_error(query) is None:
                return self._identifier(query, "cas", None)
            return self._identifier(query, "ec", error)
        if looks_like_inchikey(query.upper()):
            return self._identifier(query.upper(), "inchikey", None)
        hits = self.exact.get(normalise(query))
        if hits:
            return self._found(query, hits, confidence=1.0)
        return self._fuzzy(query)

    def _identifier(self, value: str, kind: str, error: str | None) -> Resolution:
        if error:
            return Resolution(value, "invalid", match_type=kind, message=error)
        hits = [h for h in self.exact.get(value.upper(), []) if h[1] == kind]
        if hits:
            return self._found(value, hits, confidence=1.0)
        return Resolution(value, "unresolved", match_type=kind, message=f"{kind.upper()} {value} is not in ChemKG")

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
        from rapidfuzz import fuzz, process

        found = process.extract(normalise(text), self.names, scorer=fuzz.WRatio, limit=limit * 3)
        out: list[Suggestion] = []
        seen: set[str] = set()
        for name, score, _ in found:
            if score < SUGGEST_MIN:
                continue
            for iri, _kind, value in self.exact[name]:
                if iri not in seen:
                    seen.add(iri)
                    out.append(Suggestion(iri, self.entities[iri].label, round(score, 1), value))
        return out[:limit]

    def _fuzzy(self, query: str) -> Resolution:
        from rapidfuzz import fuzz

        suggestions = self.suggest(query)
        if suggestions:
            best = suggestions[0]
            # WRatio rewards partial matches; require the plain ratio to agree before accepting.
            plain = fuzz.ratio(normalise(query), normalise(best.matched))
            if best.score >= FUZZY_ACCEPT and plain >= 80:
                resolution = self._found(query, [(best.iri, "fuzzy", best.matched)], confidence=best.score / 100)
                resolution.suggestions = suggestions[1:]
                return resolution
        return Resolution(
            query,
            "unresolved",
            message=f"no substance or group named {query!r}",
            suggestions=suggestions,
        )
