"""What every importer produces: validated records in one shape, and rejections with a reason."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path


@dataclass(frozen=True)
class Record:
    """One accepted row of an official list.

    ``annex`` is the curated annex id the row lists its substance in (e.g. ``reach/candidate-list``);
    ``entry`` groups rows that ECHA splits (a Candidate List decision, an Annex XVII entry number,
    a CLP index number).
    """

    row: int
    name: str
    annex: str = ""
    name_nl: str = ""
    cas: str = ""  # ' | '-joined when a row carries several
    ec: str = ""
    entry: str = ""
    date: str = ""
    status: str = "listed"
    category: str = ""
    group: str = ""
    phase_out: str = ""
    description: str = ""
    smiles: str = ""
    inchikey: str = ""  # computed from ``smiles`` by RDKit when the list gives one
    url: str = ""

    @property
    def cas_numbers(self) -> list[str]:
        return [v for v in self.cas.split(" | ") if v]

    @property
    def ec_numbers(self) -> list[str]:
        return [v for v in self.ec.split(" | ") if v]

    def as_row(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items()}

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Record:
        known = {f.name for f in fields(cls)}
        values: dict[str, object] = {k: v for k, v in row.items() if k in known}
        values["row"] = int(row["row"])
        return cls(**values)  # type: ignore[arg-type]


RECORD_COLUMNS = [f.name for f in fields(Record)]


@dataclass(frozen=True)
class Rejection:
    """A row that was not imported, and why: the file and row let a person find it."""

    file: str
    row: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}: {self.reason}"


@dataclass
class ParsedList:
    """The result of reading and validating one list file; nothing is written yet."""

    kind: str
    file: Path
    rows_read: int
    as_of: str
    as_of_basis: str
    records: list[Record] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)

    @property
    def accounted(self) -> bool:
        """Every data row is either imported or rejected with a reason."""
        return len(self.imported_rows) + len(self.rejections) == self.rows_read

    def shared_identifiers(self) -> dict[str, list[str]]:
        """CAS numbers that more than one entry of the list names, with those entries: kept apart, and reported."""
        entries: dict[str, list[str]] = {}
        for record in self.records:
            if not record.entry:
                continue
            for cas in record.cas_numbers:
                found = entries.setdefault(cas, [])
                if record.entry not in found:
                    found.append(record.entry)
        return {cas: found for cas, found in sorted(entries.items()) if len(found) > 1}

    @property
    def imported_rows(self) -> set[int]:
        """Row numbers imported (a row may yield several records, e.g. one per POPs annex)."""
        return {r.row for r in self.records}
