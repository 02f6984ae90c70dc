"""Batch lookup: a list of identifiers or names → one row per input, in order, with coverage.

Every input row comes back, resolved or not: unresolved and invalid rows carry the reason and
suggestions. The resolver and the coverage table are built once per store (two or three queries),
then each row is pure Python, and repeated inputs are resolved once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chemkg.namespaces import path_of
from chemkg.reports.coverage import COLUMNS, ZZS_COLUMN, Cell, Coverage
from chemkg.store import GraphStore

if TYPE_CHECKING:
    from chemkg.resolve import Resolution, Resolver


@dataclass
class BatchRow:
    row: int
    input: str
    resolution: Resolution
    cas: list[str] = field(default_factory=list)
    coverage: dict[str, Cell] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # labels of the groups and members cells come via

    def flat(self, lang: str = "en") -> dict[str, Any]:
        """One row as a flat record (CSV/XLSX); coverage cells hold the status or stay empty."""
        r = self.resolution
        entity = r.entity
        out: dict[str, Any] = {
            "row": self.row,
            "input": self.input,
            "outcome": r.status,
            "match_type": r.match_type or "",
            "confidence": round(r.confidence, 2) if entity else "",
            "entity_id": (path_of(entity.iri) or entity.iri) if entity else "",
            "name": (entity.label_nl if lang == "nl" else entity.label) if entity else "",
            "kind": ("group" if entity.is_group else "substance") if entity else "",
            "cas": " | ".join(self.cas),
            "matched": r.matched or "",
            "message": r.message or "",
            "suggestions": " | ".join(f"{s.label} ({s.score:.0f})" for s in r.suggestions),
        }
        for key, cell in self.coverage.items():
            out[key] = cell.text(self.labels)  # "listed", or "listed (via PFOS)" when only inherited
        return out

    def to_json(self) -> dict[str, Any]:
        r = self.resolution
        entity = r.entity
        return {
            "row": self.row,
            "input": self.input,
            "outcome": r.status,
            "match_type": r.match_type,
            "confidence": round(r.confidence, 3) if entity else None,
            "entity": None
            if entity is None
            else {
                "iri": entity.iri,
                "id": path_of(entity.iri),
                "label": entity.label,
                "label_nl": entity.label_nl,
                "kind": "group" if entity.is_group else "substance",
                "cas": self.cas,
            },
            "matched": r.matched,
            "message": r.message,
            "suggestions": [
                {"iri": s.iri, "label": s.label, "score": s.score, "matched": s.matched} for s in r.suggestions
            ],
            "also": [{"iri": e.iri, "label": e.label} for e in r.also],
            "coverage": {key: cell.value or None for key, cell in self.coverage.items()},
            # Whether the entity's own listing gives the value; else it is inherited only.
            "coverage_direct": {key: cell.direct for key, cell in self.coverage.items() if cell.value},
            # The groups or members that also carry the value, only where it is not the entity itself.
            "coverage_via": {key: cell.via for key, cell in self.coverage.items() if cell.via},
            "coverage_via_kind": {key: cell.kinds for key, cell in self.coverage.items() if cell.kinds},
        }


FIELDS = [
    "row",
    "input",
    "outcome",
    "match_type",
    "confidence",
    "entity_id",
    "name",
    "kind",
    "cas",
    "matched",
    "message",
    "suggestions",
    *(c.key for c in COLUMNS),
    ZZS_COLUMN.key,
]


class BatchLookup:
    """What a batch needs from the store, read once: names, memberships and coverage."""

    def __init__(self, resolver: Resolver, coverage: Coverage) -> None:
        self.resolver = resolver
        self.coverage = coverage
        self.labels = {iri: e.label for iri, e in resolver.entities.items()}
        self.cas: dict[str, list[str]] = {}
        for entries in resolver.exact.values():
            for iri, kind, value in entries:
                if kind == "cas" and value not in self.cas.setdefault(iri, []):
                    self.cas[iri].append(value)

    @classmethod
    def from_store(cls, store: GraphStore) -> BatchLookup:
        from chemkg.resolve import Resolver  # NumPy and RapidFuzz: loaded when a batch is run, not at import

        return cls(Resolver.from_store(store), Coverage.from_store(store))

    def run(self, values: list[str]) -> list[BatchRow]:
        """One row per value, in input order (row numbers start at 1)."""
        seen: dict[str, Resolution] = {}
        rows = []
        for number, value in enumerate(values, start=1):
            resolution = seen.get(value)
            if resolution is None:
                resolution = seen[value] = self.resolver.resolve(value)
            iri = resolution.entity.iri if resolution.entity else None
            rows.append(
                BatchRow(
                    number,
                    value,
                    resolution,
                    self.cas.get(iri, []) if iri else [],
                    self.coverage.row(iri) if iri else {c.key: Cell() for c in (*COLUMNS, ZZS_COLUMN)},
                    self.labels,
                )
            )
        return rows


def summary(rows: list[BatchRow]) -> dict[str, int]:
    """How many rows had each outcome, plus the total."""
    counts = {"rows": len(rows), "resolved": 0, "fuzzy": 0, "unresolved": 0, "invalid": 0}
    for row in rows:
        counts[row.resolution.status] = counts.get(row.resolution.status, 0) + 1
    return counts
